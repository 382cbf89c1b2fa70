"""Outlet business rules stored in the database, with defaults, editable by a manager, audited.

Each capability declares its own keys as a module-level ``SETTINGS`` list of :class:`SettingSpec` in
its ``services/<name>.py``; :func:`specs` gathers them.

**Every value is checked when it is saved** (:func:`coerce`): by its kind (int range, time, choices …)
and by the spec's ``validate`` callable, which takes the value, returns it clean and raises
:class:`ValidationError` with one line naming the field.  Generic checks for such callables live
here (:func:`check_hours`, :func:`check_placeholders`, :func:`check_patterns`,
:func:`check_positive_map`).

**A bad stored value never breaks a screen** (one written by an older version or straight into the
database): :func:`get` checks stored values the same way and, for one that fails, returns the
default instead; :func:`problems` lists them, one line each, for the banner.  Per-PC preferences (printer, window
geometry, language) are not here: they live in QSettings on the UI side.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import string
import threading
import unicodedata
import urllib.parse
from dataclasses import dataclass, field

import peewee

from . import audit, capabilities, changes, i18n
from .db import database, write_tx
from .errors import ValidationError
from .i18n import N_, _, punct
from .models import Setting
from .permissions import MANAGER_ONLY, Actor, operation


@dataclass(frozen=True)
class Column:
    """One column of a table-shaped setting (``shape="table"``: a list of rows; ``"map"``: a
    {key: value} dict shown as two columns), declared so the settings screen can build an editor."""
    name: str
    label: str            # English
    label_zh: str         # 中文
    kind: str = "str"     # str | int | bool | time | ranges (list of "HH:MM-HH:MM") | ints | choice
    choices: object = ()  # choice: ((value, English, 中文), …) or a callable returning them
    empty: object = None  # a row leaves this column out when its value equals ``empty``
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: object
    label: str            # English
    label_zh: str         # 中文
    kind: str = "str"     # str | int | bool | time | list | json
    section: str = "outlet"
    help: str = ""
    help_zh: str = ""     # the help in 中文 (the settings screen's tooltip in zh mode)
    choices: tuple = field(default=())
    minimum: int | None = None
    maximum: int | None = None
    validate: object = None   # callable(value) -> clean value; raises ValidationError (one line)
    # how the settings screen edits it, beyond ``kind``: "" | hours ("HH:MM-HH:MM") | money (int
    # fen, entered in 元) | table (list of rows, ``columns``) | map (dict, ``columns`` = key, value)
    shape: str = ""
    columns: tuple = ()
    choice_labels: tuple = ()  # (English, 中文) of each of ``choices``, in order


# zh-data below: each spec carries its English (label, help, choice_labels) beside its 中文; the
# core shows the one of the current language with label_of()/help_of(), not through the catalog
SETTINGS = [  # zh-data: the defaults are the outlet's data, the labels are bilingual
    SettingSpec("outlet.name", "幸福路快递网点", "Outlet name", "网点名称",
                validate=lambda v: check_line("网点名称", 40)(v)),
    SettingSpec("outlet.address", "幸福路 88 号（幸福小区南门）", "Outlet address", "网点地址"),
    SettingSpec("outlet.code", "803", "Outlet code", "网点编码",
                help_zh="错分件上要划掉的本网点编码，免得再被发回这里。",
                help="Struck out on mis-sorted parcels so they are not sent back here.",
                validate=lambda v: check_line("网点编码", 20, spaces=False)(v)),
    SettingSpec("outlet.phone", "0571-88888803", "Outlet phone", "网点电话"),
    SettingSpec("outlet.carriers", ["极兔", "中通", "圆通", "韵达", "申通", "顺丰", "EMS", "京东", "德邦"],
                "Carriers served", "服务的快递公司", kind="list",
                validate=lambda v: check_names("服务的快递公司", max_chars=10)(v)),
    SettingSpec("outlet.opening_hours", "08:00-20:00", "Opening hours", "营业时间", shape="hours",
                validate=lambda v: check_hours("营业时间")(v)),
    SettingSpec("outlet.open_weekdays", [1, 2, 3, 4, 5, 6, 7], "Open weekdays (1=Mon)",
                "营业日（1=周一）", kind="list", validate=lambda v: check_weekdays(v)),
    SettingSpec("storage.days", 7, "Storage period (days)", "保管期（天）", kind="int", section="stock",
                minimum=1, maximum=60),
    SettingSpec("storage.remind_day", 3, "Reminder on day", "第几天再次提醒", kind="int",
                section="stock", minimum=1, maximum=60),
    SettingSpec("storage.return_day", 7, "Return on day", "第几天退回", kind="int", section="stock",
                minimum=1, maximum=90),
]

#: Titles of setting sections (English, 中文) for the settings screen; unknown sections show their key.
SECTION_TITLES = {  # zh-data: (English, 中文) pairs
    "outlet": ("Outlet", "网点"), "shifts": ("Shifts", "班次"), "stock": ("Shelf & storage", "货架与保管"),
    "intake": ("Intake", "到件入库"), "labels": ("Labels", "标签"), "notify": ("Notification", "通知"),
    "sms": ("SMS gateway", "短信网关"), "counter": ("Counter", "柜台"), "returns": ("Returns", "退转件"),
    "signoff": ("Sign-off", "签收"), "upload": ("Upload to head office", "上传总部"),
    "roster": ("Roster", "排班"), "leave": ("Leave", "请假"), "attendance": ("Attendance", "考勤"),
    "tasks": ("Duties", "每日工作"), "outgoing": ("Sending", "寄件"), "dayclose": ("Day close", "日结"),
    "tickets": ("Tickets", "工单"), "eorders": ("E-orders", "电子接单"), "data": ("Data & security", "数据与安全"),
}

_SPECS: dict[str, SettingSpec] | None = None


def label_of(spec) -> str:
    """A :class:`SettingSpec`'s or :class:`Column`'s label in the current language."""
    return spec.label_zh if i18n.chinese() else spec.label


def help_of(spec: SettingSpec) -> str:
    return spec.help_zh if i18n.chinese() else spec.help


def section_title(section: str) -> str:
    titles = SECTION_TITLES.get(section)
    return section if titles is None else titles[1] if i18n.chinese() else titles[0]


def field_name(field: str) -> str:
    """The name a check was given (a setting's or column's 中文 label, as the services pass it) in
    the current language: the spec's own English label, else the catalog's."""
    if i18n.chinese():
        return field
    for spec in specs().values():
        if spec.label_zh == field:
            return spec.label
        for column in spec.columns:
            if column.label_zh == field:
                return column.label
    return _(field)


def specs() -> dict[str, SettingSpec]:
    """All declared settings: this module's and every capability module's ``SETTINGS``
    (:mod:`.capabilities`)."""
    global _SPECS
    if _SPECS is None:
        found = {s.key: s for s in SETTINGS}
        for _module, declared in capabilities.declaring("SETTINGS"):
            for spec in declared:
                if spec.key in found and found[spec.key] is not spec:
                    raise RuntimeError(f"setting {spec.key!r} declared twice")
                found[spec.key] = spec
        _SPECS = found
    return _SPECS


# Stored values are read on every scan, so they are cached per thread (each thread has its own
# connection).  On SQLite the cache is checked with ``PRAGMA data_version`` (changes whenever ANOTHER
# connection commits, e.g. a second window); this connection's own writes go through :func:`update`,
# which drops the cache.  It is used outside transactions only (they see committed data), so a
# rolled-back update can never leave a stale value behind.  Other databases read every time.
_LOCAL = threading.local()
_GENERATION = [0]


def _invalidate() -> None:
    _GENERATION[0] += 1


def _stored() -> dict[str, str]:
    """{key: JSON text} of every stored setting (from the cache when it is still valid)."""
    db = database.obj
    if db is None or not isinstance(db, peewee.SqliteDatabase) or db.in_transaction():
        return {k: v for k, v in Setting.select(Setting.key, Setting.value).tuples()}
    version = (_GENERATION[0], db.execute_sql("PRAGMA data_version").fetchone()[0])
    cached = getattr(_LOCAL, "cached", None)
    if cached is not None and cached[0] is db and cached[1] == version:
        return cached[2]
    values = {k: v for k, v in Setting.select(Setting.key, Setting.value).tuples()}
    _LOCAL.cached = (db, version, values)
    return values


_KIND_TYPES = {"str": str, "time": str, "int": int, "bool": bool, "list": list}


def _decode(spec: SettingSpec, raw: str) -> tuple[object, str]:
    """(value, "") for a good stored value; (the default, one-line problem) for a bad one."""
    try:
        value = json.loads(raw)
        kind = _KIND_TYPES.get(spec.kind)
        if kind and (not isinstance(value, kind) or (kind is int and isinstance(value, bool))):
            return spec.default, _("“{name}”存的值类型不对。").format(name=label_of(spec))
        return coerce(spec, value), ""
    except ValidationError as exc:
        problem = exc.message
    except (ValueError, TypeError, KeyError, AttributeError, IndexError):
        problem = _("“{name}”存的值格式不对。").format(name=label_of(spec))
    return spec.default, problem


def _checked(stored: dict[str, str]) -> dict[str, str]:
    """{key: problem ("" = fine)} of this ``stored`` snapshot, filled as keys are read (per thread)."""
    memo = getattr(_LOCAL, "checked", None)
    if memo is None or memo[0] is not stored:
        memo = (stored, {})
        _LOCAL.checked = memo
    return memo[1]


_BUSY = object()


def _read(spec: SettingSpec, stored: dict[str, str], memo: dict) -> tuple[object, str]:
    """(value, problem) of one setting: a fresh copy of a good stored value (callers may keep or
    change it), the default for a missing or bad one."""
    raw = stored.get(spec.key)
    if raw is None:
        return spec.default, ""
    problem = memo.get(spec.key)
    if problem is _BUSY:                     # a validator that reads its own key sees the default
        return spec.default, ""
    if problem is None:
        memo[spec.key] = _BUSY
        try:
            problem = _decode(spec, raw)[1]
        finally:
            memo.pop(spec.key, None)
        memo[spec.key] = problem
    return (spec.default, problem) if problem else (json.loads(raw), "")


def get(key: str):
    spec = specs().get(key)
    if spec is None:
        raise KeyError(key)
    stored = _stored()
    return _read(spec, stored, _checked(stored))[0]


def get_many(keys) -> dict:
    known = specs()
    stored = _stored()
    memo = _checked(stored)
    return {k: _read(known[k], stored, memo)[0] for k in keys}


def problems() -> list[str]:
    """One line per stored setting that fails its check (the screens run on its default meanwhile)."""
    return [_("设置有误：{problem}，已暂用默认值，请店长在“设置”里改正。").format(
                problem=problem.rstrip("。."))
            for problem in problems_by_key().values()]


def problems_by_key() -> dict[str, str]:
    """{key: the check's one line} of the stored settings that fail their check, in declared order."""
    known = specs()
    stored = _stored()
    memo = _checked(stored)
    out = {}
    for key in sorted(stored, key=lambda k: list(known).index(k) if k in known else len(known)):
        if key in known:
            problem = _read(known[key], stored, memo)[1]
            if problem:
                out[key] = problem
    return out


def all_values() -> dict:
    return get_many(specs().keys())


def coerce(spec: SettingSpec, value):
    """Validate one value against its spec; raise ValidationError with a one-line reason."""
    value = _coerce_kind(spec, value)
    if spec.validate is not None and spec.kind != "json":     # json: inside, after decoding
        value = spec.validate(value)
    return value


def _coerce_kind(spec: SettingSpec, value):
    name = label_of(spec)
    if spec.kind == "int":
        try:
            value = int(str(value).strip())
        except (TypeError, ValueError):
            raise ValidationError(_("“{name}”必须是整数。").format(name=name)) from None
        if spec.minimum is not None and value < spec.minimum:
            raise ValidationError(_("“{name}”不能小于 {minimum}。").format(name=name, minimum=spec.minimum))
        if spec.maximum is not None and value > spec.maximum:
            raise ValidationError(_("“{name}”不能大于 {maximum}。").format(name=name, maximum=spec.maximum))
        return value
    if spec.kind == "bool":
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "是", "on")  # zh-data: typed input
        return bool(value)
    if spec.kind == "list":
        if isinstance(value, str):
            items = [v.strip() for v in value.replace("，", ",").split(",") if v.strip()]
            if all(isinstance(d, int) for d in spec.default):
                try:
                    return [int(v) for v in items]
                except ValueError:
                    raise ValidationError(_("“{name}”应是用逗号分隔的数字。").format(name=name)) from None
            return items
        return list(value)
    if spec.kind == "time":
        text = str(value).strip()
        try:
            dt.datetime.strptime(text, "%H:%M")
        except ValueError:
            raise ValidationError(_("“{name}”应是 HH:MM 格式的时间。").format(name=name)) from None
        return text
    if spec.kind == "json":
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise ValidationError(_("“{name}”不是有效的 JSON。").format(name=name)) from None
        return spec.validate(value) if spec.validate else value
    text = str(value).strip()
    if spec.choices and text not in spec.choices:
        raise ValidationError(_("“{name}”只能是：{choices}。").format(
            name=name, choices=punct("、").join(spec.choices)))
    return text


# -- checks for ``SettingSpec.validate`` --------------------------------------------------------
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")


def minutes_of(text: str, *, field: str) -> int:
    """"08:30" → 510; "24:00" is the end of the day; anything else → ValidationError naming ``field``."""
    m = _HHMM.match(str(text).strip().replace("：", ":"))
    if not m or int(m.group(2)) > 59 or int(m.group(1)) * 60 + int(m.group(2)) > 24 * 60:
        raise ValidationError(_("“{field}”里的“{text}”不是一天里的时刻（00:00–24:00）。").format(
            field=field_name(field), text=text))
    return int(m.group(1)) * 60 + int(m.group(2))


def hours_range(text: str, *, field: str) -> tuple[int, int]:
    """"08:00-12:00" → (480, 720); refuses 14:30-24:30 and an end before its start."""
    parts = str(text).replace("–", "-").replace("—", "-").replace("~", "-").split("-")
    if len(parts) != 2:
        raise ValidationError(_("“{field}”里的“{text}”应写成 08:00-12:00。").format(
            field=field_name(field), text=text))
    if not all(_HHMM.match(p.strip().replace("：", ":")) for p in parts):
        raise ValidationError(_("“{field}”里的“{text}”应写成 08:00-12:00。").format(
            field=field_name(field), text=text))
    try:
        start, end = minutes_of(parts[0], field=field), minutes_of(parts[1], field=field)
    except ValidationError:
        raise ValidationError(_("“{field}”里的“{text}”超出了一天（00:00–24:00）。").format(
            field=field_name(field), text=text)) from None
    if end <= start:
        raise ValidationError(_("“{field}”里的“{text}”结束不晚于开始。").format(
            field=field_name(field), text=text))
    return start, end


def check_line(field: str, max_chars: int, *, spaces: bool = True):
    """A ``validate`` for a one-line name or code: not empty, no line break or control character,
    at most ``max_chars`` (``spaces=False``: none inside, as in a code head office keys on)."""
    def check(value):
        text = str(value if value is not None else "").strip()
        if not text:
            raise ValidationError(_("“{field}”不能是空的。").format(field=field_name(field)))
        if any(unicodedata.category(c)[0] == "C" or c in "\u2028\u2029" for c in text):
            raise ValidationError(_("“{field}”只能写一行，不能有换行或控制字符。").format(
                field=field_name(field)))
        if not spaces and any(c.isspace() for c in text):
            raise ValidationError(_("“{field}”中间不能有空格。").format(field=field_name(field)))
        if len(text) > max_chars:
            raise ValidationError(_("“{field}”最多 {max_chars} 个字。").format(
                field=field_name(field), max_chars=max_chars))
        return text
    return check


def check_http_url(field: str, *, optional: bool = False):
    """A ``validate`` for a server address: http:// or https:// with a server name (``optional``:
    empty is allowed, meaning "not used")."""
    def check(value):
        text = str(value if value is not None else "").strip()
        if not text and optional:
            return ""
        try:
            parts = urllib.parse.urlsplit(text)
            parts.port
        except ValueError:
            parts = None
        if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname \
                or any(c.isspace() or unicodedata.category(c)[0] == "C" for c in text):
            raise ValidationError(_("“{field}”应是 http:// 或 https:// 开头的完整地址，"
                                    "（含服务器名，如 https://服务器/路径）。").format(field=field_name(field)))
        return text
    return check


def check_hours(field: str):
    """A ``validate`` for one "HH:MM-HH:MM" range (e.g. opening hours)."""
    def check(value):
        text = str(value).strip()
        hours_range(text, field=field)
        return text
    return check


def check_placeholders(field: str, known):
    """A ``validate`` for a message template: only ``{known}`` placeholders, braces balanced."""
    known = tuple(known)

    def check(value):
        text = str(value)
        try:
            names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
        except ValueError:
            raise ValidationError(_("“{field}”的花括号不成对：占位符写成 {example} 这样。").format(
                field=field_name(field), example="{outlet}")) from None
        for name in names:
            if name not in known:
                shown = " ".join("{" + k + "}" for k in known)
                raise ValidationError(_("“{field}”里的占位符“{placeholder}”不认识；可用：{shown}。").format(
                    field=field_name(field), placeholder="{" + name + "}", shown=shown))
        return text
    return check


#: What no waybill looks like (no digit, or too short): a custom pattern may match none of them.
NOT_WAYBILLS = ("", "ABCDEFGHIJKL", "PICKUPCODE", "HELLO WORLD", "12345", "A1")


def check_names(field: str, *, max_chars: int, forbidden: str = "", at_least: int = 1):
    """A ``validate`` for a list of short names (shelves, carriers): each a non-empty line of at
    most ``max_chars`` without the characters in ``forbidden``; no name twice."""
    def check(value):
        if not isinstance(value, list):
            raise ValidationError(_("“{field}”应是一串名称，用逗号隔开。").format(field=field_name(field)))
        out: list[str] = []
        for item in value:
            name = str(item if item is not None else "").strip()
            if not name:
                raise ValidationError(_("“{field}”里有空的名称。").format(field=field_name(field)))
            if len(name) > max_chars or any(ord(c) < 32 for c in name):
                raise ValidationError(_("“{field}”里的“{name}”太长或有换行（最多 {max_chars} 个字）。").format(
                    field=field_name(field), name=name[:12], max_chars=max_chars))
            bad = [c for c in forbidden if c in name]
            if bad:
                raise ValidationError(_("“{field}”里的“{name}”不能含“{char}”。").format(
                    field=field_name(field), name=name, char=bad[0]))
            if name in out:
                raise ValidationError(_("“{field}”里的“{name}”写了两次。").format(
                    field=field_name(field), name=name))
            out.append(name)
        if len(out) < at_least:
            raise ValidationError(_("“{field}”至少要有 {at_least} 个。").format(
                field=field_name(field), at_least=at_least))
        return out
    return check


def check_patterns(field: str):
    """A ``validate`` for custom waybill patterns [{carrier, regex, example}]: each regex compiles
    and its example matches it."""
    def check(value):
        if not isinstance(value, list):
            raise ValidationError(_("“{field}”应是一个列表：{shape}。").format(
                field=field_name(field), shape='[{"carrier": …, "regex": …, "example": …}]'))
        out = []
        for i, row in enumerate(value, start=1):
            if not isinstance(row, dict):
                raise ValidationError(_("“{field}”第 {i} 条不是 {shape}。").format(
                    field=field_name(field), i=i, shape="{carrier, regex, example}"))
            carrier, regex = str(row.get("carrier") or "").strip(), str(row.get("regex") or "")
            example = str(row.get("example") or "").strip()
            if not carrier:
                raise ValidationError(_("“{field}”第 {i} 条没有写快递公司（carrier）。").format(
                    field=field_name(field), i=i))
            try:
                compiled = re.compile(regex)
            except re.error as exc:
                raise ValidationError(_("“{field}”第 {i} 条的正则写错了：{error}。").format(
                    field=field_name(field), i=i, error=exc)) from None
            if not regex:
                raise ValidationError(_("“{field}”第 {i} 条没有写正则（regex）。").format(
                    field=field_name(field), i=i))
            if not example or not compiled.match(example):       # matched as the scanner's are
                raise ValidationError(_("“{field}”第 {i} 条的例子“{example}”不符合它的正则，请核对。").format(
                    field=field_name(field), i=i, example=example))
            # a waybill has digits and at least 10 characters: a pattern that takes in an empty
            # scan, letters alone or a short number would turn garbage into parcels of that carrier
            for probe in NOT_WAYBILLS:
                if compiled.match(probe):
                    shown = _("“{probe}”").format(probe=probe) if probe else _("空白")
                    raise ValidationError(_("“{field}”第 {i} 条的正则太宽：连{shown}也会被认作{carrier}的单号；"
                                            "请写出单号的开头和位数，如 {example}。").format(
                        field=field_name(field), i=i, shown=shown, carrier=carrier,
                        example="^FW\\d{12}$"))
            out.append({**row, "carrier": carrier, "regex": regex, "example": example})
        return out
    return check


def check_positive_map(field: str, *, keys=None, maximum: int = 24 * 30):
    """A ``validate`` for {name: whole number 1…maximum} (deadlines, promises in hours)."""
    def check(value):
        if not isinstance(value, dict):
            raise ValidationError(_("“{field}”应写成 {shape}。").format(
                field=field_name(field), shape=_('{"名称": 小时数}')))
        if not value:
            raise ValidationError(_("“{field}”至少要有一项。").format(field=field_name(field)))
        out = {}
        for k, v in value.items():
            if keys is not None and k not in keys:
                raise ValidationError(_("“{field}”里的“{key}”不认识；可用：{keys}。").format(
                    field=field_name(field), key=k, keys=punct("、").join(keys)))
            if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= maximum:
                raise ValidationError(_("“{field}”里“{key}”的值应是 1–{maximum} 的整数。").format(
                    field=field_name(field), key=k, maximum=maximum))
            out[k] = v
        return out
    return check


def check_weekdays(value):
    if not value or any(isinstance(d, bool) or not isinstance(d, int) or not 1 <= d <= 7 for d in value) \
            or len(set(value)) != len(value):
        raise ValidationError(_("“营业日（1=周一）”应是 1–7 的不重复数字，如 1,2,3,4,5,6,7。"))
    return sorted(value)


@operation("settings.update", N_("修改网点设置"), MANAGER_ONLY)
def update(values: dict, *, actor: Actor, now: dt.datetime) -> frozenset:
    """Change several settings at once; every change is audited with old and new value."""
    known = specs()
    clean = {}
    for key, value in values.items():
        if key not in known:
            raise ValidationError(_("未知的设置项：{key}").format(key=key))
        clean[key] = coerce(known[key], value)
    _invalidate()
    with write_tx():
        stored = _stored()           # as stored, not the default that stands in for a bad value
        current = {k: json.loads(stored[k]) if k in stored else known[k].default for k in clean}
        for key, value in clean.items():
            if current[key] == value:
                continue
            Setting.insert(key=key, value=json.dumps(value, ensure_ascii=False), updated_at=now,
                           updated_by=actor.id).on_conflict(
                conflict_target=[Setting.key],
                update={Setting.value: json.dumps(value, ensure_ascii=False),
                        Setting.updated_at: now, Setting.updated_by: actor.id}).execute()
            audit.record(actor, "settings.update", entity="setting", entity_id=key,
                         detail={"old": current[key], "new": value}, now=now)
    _invalidate()
    return frozenset({changes.SETTINGS})
