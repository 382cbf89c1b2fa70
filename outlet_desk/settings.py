"""Outlet business rules stored in the database, with defaults, editable by a manager, audited.

Each capability declares its own keys as a module-level ``SETTINGS`` list of :class:`SettingSpec` in
its ``services/<name>.py``; :func:`specs` gathers them.  Per-PC preferences (printer, window
geometry, language) are not here: they live in QSettings on the UI side.
"""
from __future__ import annotations

import datetime as dt
import importlib
import json
import pkgutil
import threading
from dataclasses import dataclass, field

import peewee

from . import audit, changes
from .db import database, write_tx
from .errors import ValidationError
from .models import Setting
from .permissions import MANAGER_ONLY, Actor, operation


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: object
    label: str            # English
    label_zh: str         # 中文
    kind: str = "str"     # str | int | bool | time | list | json
    section: str = "outlet"
    help: str = ""
    choices: tuple = field(default=())
    minimum: int | None = None
    maximum: int | None = None
    validate: object = None   # callable(value) -> clean value; raises ValidationError (one line)


SETTINGS = [
    SettingSpec("outlet.name", "幸福路快递网点", "Outlet name", "网点名称"),
    SettingSpec("outlet.address", "幸福路 88 号（幸福小区南门）", "Outlet address", "网点地址"),
    SettingSpec("outlet.code", "803", "Outlet code", "网点编码",
                help="Struck out on mis-sorted parcels so they are not sent back here."),
    SettingSpec("outlet.phone", "0571-88888803", "Outlet phone", "网点电话"),
    SettingSpec("outlet.carriers", ["极兔", "中通", "圆通", "韵达", "申通", "顺丰", "EMS", "京东", "德邦"],
                "Carriers served", "服务的快递公司", kind="list"),
    SettingSpec("outlet.opening_hours", "08:00-20:00", "Opening hours", "营业时间"),
    SettingSpec("outlet.open_weekdays", [1, 2, 3, 4, 5, 6, 7], "Open weekdays (1=Mon)",
                "营业日（1=周一）", kind="list"),
    SettingSpec("storage.days", 7, "Storage period (days)", "保管期（天）", kind="int", section="stock",
                minimum=1, maximum=60),
    SettingSpec("storage.remind_day", 3, "Reminder on day", "第几天再次提醒", kind="int",
                section="stock", minimum=1, maximum=60),
    SettingSpec("storage.return_day", 7, "Return on day", "第几天退回", kind="int", section="stock",
                minimum=1, maximum=90),
]

#: Titles of setting sections (English, 中文) for the settings screen; unknown sections show their key.
SECTION_TITLES = {
    "outlet": ("Outlet", "网点"), "shifts": ("Shifts", "班次"), "stock": ("Shelf & storage", "货架与保管"),
    "intake": ("Intake", "到件入库"), "labels": ("Labels", "标签"), "notify": ("Notification", "通知"),
    "sms": ("SMS gateway", "短信网关"), "counter": ("Counter", "柜台"), "returns": ("Returns", "退转件"),
    "signoff": ("Sign-off", "签收"), "upload": ("Upload to head office", "上传总部"),
    "roster": ("Roster", "排班"), "leave": ("Leave", "请假"), "attendance": ("Attendance", "考勤"),
    "tasks": ("Duties", "每日工作"), "outgoing": ("Sending", "寄件"), "dayclose": ("Day close", "日结"),
    "tickets": ("Tickets", "工单"), "eorders": ("E-orders", "电子接单"), "data": ("Data & security", "数据与安全"),
}

_SPECS: dict[str, SettingSpec] | None = None


def specs() -> dict[str, SettingSpec]:
    """All declared settings: this module's and every ``services`` module's ``SETTINGS``."""
    global _SPECS
    if _SPECS is None:
        from . import services
        found = {s.key: s for s in SETTINGS}
        for info in pkgutil.iter_modules(services.__path__, services.__name__ + "."):
            module = importlib.import_module(info.name)
            for spec in getattr(module, "SETTINGS", ()):
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


def get(key: str):
    spec = specs().get(key)
    if spec is None:
        raise KeyError(key)
    raw = _stored().get(key)
    return json.loads(raw) if raw is not None else spec.default


def get_many(keys) -> dict:
    keys = list(keys)
    known = specs()
    stored = _stored()
    out = {}
    for k in keys:
        raw = stored.get(k)
        out[k] = json.loads(raw) if raw is not None else known[k].default
    return out


def all_values() -> dict:
    return get_many(specs().keys())


def coerce(spec: SettingSpec, value):
    """Validate one value against its spec; raise ValidationError with a one-line reason."""
    name = spec.label_zh
    if spec.kind == "int":
        try:
            value = int(str(value).strip())
        except (TypeError, ValueError):
            raise ValidationError(f"“{name}”必须是整数。") from None
        if spec.minimum is not None and value < spec.minimum:
            raise ValidationError(f"“{name}”不能小于 {spec.minimum}。")
        if spec.maximum is not None and value > spec.maximum:
            raise ValidationError(f"“{name}”不能大于 {spec.maximum}。")
        return value
    if spec.kind == "bool":
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "是", "on")
        return bool(value)
    if spec.kind == "list":
        if isinstance(value, str):
            items = [v.strip() for v in value.replace("，", ",").split(",") if v.strip()]
            if all(isinstance(d, int) for d in spec.default):
                try:
                    return [int(v) for v in items]
                except ValueError:
                    raise ValidationError(f"“{name}”应是用逗号分隔的数字。") from None
            return items
        return list(value)
    if spec.kind == "time":
        text = str(value).strip()
        try:
            dt.datetime.strptime(text, "%H:%M")
        except ValueError:
            raise ValidationError(f"“{name}”应是 HH:MM 格式的时间。") from None
        return text
    if spec.kind == "json":
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise ValidationError(f"“{name}”不是有效的 JSON。") from None
        return spec.validate(value) if spec.validate else value
    text = str(value).strip()
    if spec.choices and text not in spec.choices:
        raise ValidationError(f"“{name}”只能是：{'、'.join(spec.choices)}。")
    return text


@operation("settings.update", "修改网点设置", MANAGER_ONLY)
def update(values: dict, *, actor: Actor, now: dt.datetime) -> frozenset:
    """Change several settings at once; every change is audited with old and new value."""
    known = specs()
    clean = {}
    for key, value in values.items():
        if key not in known:
            raise ValidationError(f"未知的设置项：{key}")
        clean[key] = coerce(known[key], value)
    _invalidate()
    with write_tx():
        current = get_many(clean.keys())
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
