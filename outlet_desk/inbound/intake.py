"""Intake (到件入库): a scan becomes a parcel on the shelf with a pickup code, in one transaction.

* :func:`receive_parcel` — one scan: recognise the waybill, refuse bag numbers and garbage with one
  line, report duplicates (nothing created), else write Parcel + ParcelEvent ARRIVED + shelf slot.
* :func:`assign_code` / :func:`release_code` — the pickup-code rule (shelves, levels, format,
  suffix on collision, free codes reused).  Codes are unique among parcels at the outlet, enforced
  by the unique index of :class:`~outlet_desk.models.intake.ShelfSlot`.
  **Any flow that moves a parcel out of the outlet calls** :func:`release_code` in its transaction
  (a stale slot is also swept on the next assignment, so a forgotten call only delays the reuse).
* :func:`import_manifest` — arrival manifests (CSV/XLSX) that pre-fill recipient name and phone.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import peewee

from .. import audit, changes, duty_events, i18n, tables
from .. import settings as settings_mod
from .. import waybill as waybill_mod
from ..db import database, insert_row, insert_rows, is_sqlite, rows_where_in, run_many, run_sql, write_tx
from ..errors import NotFound, ValidationError
from ..models import Parcel, ParcelEvent, Setting
from ..models.duty import DutyEvent
from ..models.intake import LabelPrint, ManifestBatch, ManifestLine, ShelfSlot
from ..models.problems import ProblemRecord
from ..permissions import Actor, operation
from ..privacy import mask_phone, phone_tail
from ..scan import normalize_scan
from ..settings import SettingSpec, check_names

# the catalog's _/N_ (outlet_desk/i18n.py), bound by assignment rather than imported: the demo
# functions below loop over ``_`` and ruff refuses an imported name shadowed by a loop variable
_ = i18n._
N_ = i18n.N_

ACCEPTED = "accepted"
DUPLICATE = "duplicate"

#: Chinese as marked (N_): the ARRIVED event stores it as its detail; ``_(label)`` where shown.
CATEGORY_LABELS = {Parcel.PICKUP: N_("自取"), Parcel.DELIVERY: N_("派送"), Parcel.TOWNSHIP: N_("乡镇"),
                   Parcel.PROBLEM: N_("问题")}
#: ``_(STATUS_LABELS[status])`` where shown
STATUS_LABELS = {Parcel.IN_STOCK: N_("在库"), Parcel.OUT_FOR_DELIVERY: N_("派送中"),
                 Parcel.RELEASED: N_("已取件"), Parcel.DELIVERED: N_("已派送签收"),
                 Parcel.RETURNING: N_("退件处理中"), Parcel.FORWARDING: N_("转件处理中"),
                 Parcel.RETURNED: N_("已退回"), Parcel.FORWARDED: N_("已转出")}


def status_label(status: str) -> str:
    """A parcel's status word in the current language."""
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else status

SHELF_RULES = ("by_phone", "least_full")

SETTINGS = [
    SettingSpec("intake.default_category", Parcel.PICKUP, "Default intake category", N_("默认到件类别"),
                section="intake", choices=Parcel.CATEGORIES,
                choice_labels=(("Self-pickup", N_("自取")), ("Delivery", N_("派送")),
                               ("Township", N_("乡镇")), ("Problem", N_("问题件")))),
    SettingSpec("intake.couriers", ["周师傅", "小刘"], "Couriers (delivery)", N_("派送员"),  # zh-data
                kind="list", section="intake"),
    SettingSpec("intake.routes", ["石桥镇线", "河西乡线", "青山镇线"], "Township routes",  # zh-data
                N_("乡镇线路"), kind="list", section="intake"),
    SettingSpec("shelves.names", ["1", "2", "3", "4", "5", "6"], "Shelves", N_("货架编号"), kind="list",
                section="intake",
                # "-" separates shelf, level and number in the pickup code: 3-2-017
                validate=lambda v: check_names(_("货架编号"), max_chars=4, forbidden="- ")(v)),
    SettingSpec("shelves.levels", 4, "Levels per shelf", N_("每个货架的层数"), kind="int",
                section="intake", minimum=1, maximum=12),
    SettingSpec("shelves.level_capacity", 40, "Parcels per level", N_("每层容量（件）"), kind="int",
                section="intake", minimum=1, maximum=500),
    SettingSpec("shelves.rule", "by_phone", "Shelf choice rule", N_("上架规则"), section="intake",
                choices=SHELF_RULES,
                choice_labels=(("With the customer's other parcels", N_("同一客户的包裹放一起")),
                               ("Least full level", N_("放最空的一层"))),
                help_zh=N_("同一客户的包裹放一起：有空位时和该客户的其他包裹放在同一层，否则放最空的一层；放最空的一层：总是放最空的一层。"),
                help="by_phone: with the same customer's parcels when there is room, else the least "
                     "full level; least_full: always the least full level."),
    SettingSpec("pickup.code_format", "{shelf}-{level}-{tail4}", "Pickup code format", N_("取件码格式"),
                section="intake",
                help_zh=N_("可用字段：{shelf} 货架 {level} 层 {tail4} 单号后4位 {tail3} 单号后3位 "
                           "{seq} 该层最小空号；重号时加 -2、-3 …"),
                help="Fields: {shelf} {level} {tail4} {tail3} {seq} (lowest free number on the "
                     "level). A collision gets a suffix -2, -3 …",
                validate=lambda v: check_code_format(v)),
    SettingSpec("labels.print_mode", "batch", "Label printing", N_("取件码标签打印方式"), section="intake",
                choices=("auto", "batch"),
                choice_labels=(("At each scan", N_("每扫一件打一张")), ("In one go", N_("集中批量打印"))),
                help_zh=N_("每扫一件打一张：每扫一个自取件就打印标签；集中批量打印：一次打印当天未打印的标签。"),
                help="auto: a label is printed at each self-pickup scan; batch: print today's "
                     "unprinted labels in one go."),
    SettingSpec("labels.size", "60x40", "Label size (mm)", N_("标签尺寸（毫米）"), section="intake",
                choices=("60x40", "50x30", "70x50", "100x70")),
]

_INTAKE_KEYS = ("intake.default_category", "intake.couriers", "intake.routes",
                "waybill.default_carrier", "waybill.custom_patterns", "waybill.bag_rules",
                "waybill.shape_picks")
_SHELF_KEYS = ("shelves.names", "shelves.levels", "shelves.level_capacity", "shelves.rule",
               "pickup.code_format")

CHANGES = frozenset({changes.PARCELS, changes.STOCK})


# ---------------------------------------------------------------------------------------------
# results
@dataclass(frozen=True)
class SlotInfo:
    shelf: str
    level: int
    code: str


@dataclass(frozen=True)
class IntakeResult:
    kind: str                     # ACCEPTED | DUPLICATE
    parcel_id: int
    waybill: str
    carrier: str
    candidates: tuple[str, ...]   # carriers the number fits (the clerk may switch among them)
    category: str
    status: str
    shelf: str | None
    level: int | None
    pickup_code: str | None
    recipient_name: str | None
    phone_masked: str
    manifest_matched: bool
    courier: str | None
    route: str | None
    arrived_at: dt.datetime
    since: dt.datetime            # when the parcel reached its current status
    message: str                  # one line for the banner
    changes: frozenset = field(default=frozenset())

    @property
    def accepted(self) -> bool:
        return self.kind == ACCEPTED

    @property
    def duplicate(self) -> bool:
        return self.kind == DUPLICATE


@dataclass(frozen=True)
class IntakeRow:
    """One row of today's intake list."""
    id: int
    waybill: str
    carrier: str
    category: str
    status: str
    pickup_code: str | None
    recipient_name: str | None
    phone_masked: str
    courier: str | None
    route: str | None
    manifest_matched: bool
    arrived_at: dt.datetime


# ---------------------------------------------------------------------------------------------
# pickup codes
def _sweep_stale_slots(codes=None) -> int:
    """Free the codes of parcels no longer at the outlet (a flow that forgot release_code); only
    ``codes`` when given (the scan path: checking every slot costs milliseconds at outlet size)."""
    at_outlet = ", ".join(f"'{s}'" for s in Parcel.AT_OUTLET)
    sql = ("DELETE FROM shelf_slot WHERE NOT EXISTS (SELECT 1 FROM parcel p WHERE "
           f"p.id = shelf_slot.parcel_id AND p.status IN ({at_outlet}))")
    params = ()
    if codes is not None:
        codes = list(codes)
        if not codes:
            return 0
        sql += f" AND shelf_slot.code IN ({', '.join('?' for _ in codes)})"
        params = tuple(codes)
    return run_sql(sql, params).rowcount or 0


CODE_FIELDS = ("shelf", "level", "tail4", "tail3", "seq", "waybill")
MAX_CODE_CHARS = 20


def check_code_format(value) -> str:
    """The pickup-code format a manager saves: known fields only, written plainly (``{shelf}``, not
    ``{shelf.__class__}`` or ``{level:>99999}``), with the shelf in it (the clerk finds the parcel
    by it) and a code that fits a label.  A bad format used to be saved and then silently
    replaced by the default at every scan."""
    import string
    text = str(value or "").strip()
    field_name = _("“取件码格式”")
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        raise ValidationError(_("{field}的花括号不成对：字段写成 {{shelf}} 这样。").format(field=field_name)) \
            from None
    names = []
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in CODE_FIELDS or spec or conversion:
            shown = " ".join("{" + f + "}" for f in CODE_FIELDS)
            what = "{" + name + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
            raise ValidationError(_("{field}里的“{what}”不认识；可用：{shown}。")
                                  .format(field=field_name, what=what, shown=shown))
        names.append(name)
    if "shelf" not in names:
        raise ValidationError(_("{field}必须含 {{shelf}}：店员按货架找包裹。").format(field=field_name))
    sample = _format_code(text, "10", 12, "SF1234567890123", 999)
    if len(sample) > MAX_CODE_CHARS:
        shown = sample if len(sample) <= 24 else sample[:24] + "…"
        raise ValidationError(_("{field}生成的取件码太长（如“{sample}”，{n} 个字），最多 {most} 个字。")
                              .format(field=field_name, sample=shown, n=len(sample), most=MAX_CODE_CHARS))
    return text


def _format_code(fmt: str, shelf: str, level: int, waybill: str, seq: int) -> str:
    digits = re.sub(r"\D", "", waybill) or waybill     # S10 numbers: the serial's last digits
    try:
        return fmt.format(shelf=shelf, level=level, tail4=digits[-4:], tail3=digits[-3:],
                          seq=f"{seq:03d}", waybill=waybill)
    except (KeyError, IndexError, ValueError):
        return f"{shelf}-{level}-{digits[-4:]}"


def level_occupancy() -> dict[tuple[str, int], int]:
    """Codes held per (shelf, level): a few rows kept by triggers (models.intake.ShelfLevelCount)."""
    return {(sh, int(lv)): n for sh, lv, n in run_sql(
        "SELECT shelf, level, held FROM shelf_level_count WHERE held > 0").fetchall()}


def _taken_codes(base: str) -> set[str]:
    """Codes held now that are ``base`` or ``base-N`` (a range on the code index: a superset of
    ``base-…``, filtered here)."""
    rows = run_sql("SELECT code FROM shelf_slot WHERE code >= ? AND code < ?",
                   (base, base + "-\U0010ffff")).fetchall()
    prefix = base + "-"
    return {c for (c,) in rows if c == base or c.startswith(prefix)}


def _savepoint():
    """A savepoint around an insert that may lose a race, so the outer transaction stays usable.
    PostgreSQL needs one; SQLite undoes only the failed statement, so none is needed there."""
    return contextlib.nullcontext() if is_sqlite() else database.atomic()


def choose_level(*, phone: str | None, cfg: dict) -> tuple[str, int]:
    """The shelf level for a new self-pickup parcel (rule in ``shelves.rule``).

    On the scan path: the customer's own level is found by an indexed lookup and only that level
    is counted; all levels are counted only when the parcel needs the least-full one."""
    names = [str(n) for n in cfg["shelves.names"]] or ["1"]
    levels = max(1, int(cfg["shelves.levels"]))
    capacity = int(cfg["shelves.level_capacity"])
    if cfg["shelves.rule"] == "by_phone" and phone:
        row = run_sql("SELECT s.shelf, s.level, c.held FROM parcel p "
                      "JOIN shelf_slot s ON s.parcel_id = p.id "
                      "JOIN shelf_level_count c ON c.shelf = s.shelf AND c.level = s.level "
                      "WHERE p.phone_tail = ? AND p.status IN (?, ?, ?) AND p.recipient_phone = ? "
                      "ORDER BY s.id DESC LIMIT 1",
                      (phone_tail(phone), *Parcel.AT_OUTLET, phone)).fetchone()
        if row and row[0] in names and 1 <= row[1] <= levels and row[2] < capacity:
            return row[0], int(row[1])
    used = level_occupancy()
    best = None
    for sh in names:
        for lv in range(1, levels + 1):
            n = used.get((sh, lv), 0)
            if best is None or n < best[0]:
                best = (n, sh, lv)
    return best[1], best[2]


def assign_code(parcel_id: int, *, now: dt.datetime, shelf: str | None = None,
                level: int | None = None, cfg: dict | None = None) -> SlotInfo:
    """Give an at-the-outlet parcel a shelf place and a unique pickup code, and write them on the
    parcel.  Call inside your own ``write_tx`` (it opens a nested one if you don't).  A parcel that
    already holds a code gets a new one (its old code is freed first)."""
    cfg = cfg or settings_mod.get_many(_SHELF_KEYS)
    with write_tx():
        parcel = Parcel.select(Parcel.id, Parcel.waybill, Parcel.recipient_phone) \
            .where(Parcel.id == parcel_id).first()
        if parcel is None:
            raise NotFound(_("没有这个包裹。"))
        ShelfSlot.delete().where(ShelfSlot.parcel == parcel_id).execute()
        plan = _plan_code(parcel.waybill, parcel.recipient_phone, cfg=cfg, shelf=shelf, level=level)
        code = _take_slot(parcel_id, plan, phone=parcel.recipient_phone, now=now)
        Parcel.update(shelf=plan.shelf, level=plan.level, pickup_code=code, updated_at=now) \
            .where(Parcel.id == parcel_id).execute()
    return SlotInfo(plan.shelf, plan.level, code)


@dataclass(frozen=True)
class _CodePlan:
    shelf: str
    level: int
    base: str
    code: str       # the first free one seen: base or base-N
    n: int


def _plan_code(waybill: str, phone: str | None, *, cfg: dict, shelf: str | None = None,
               level: int | None = None) -> _CodePlan:
    """Choose the level and the first free code for a parcel (nothing written)."""
    if shelf is None or level is None:
        shelf, level = choose_level(phone=phone, cfg=cfg)
    fmt = cfg["pickup.code_format"]
    if "{seq}" in fmt:
        taken = {c for (c,) in ShelfSlot.select(ShelfSlot.code)
                 .where(ShelfSlot.shelf == shelf, ShelfSlot.level == level).tuples()}
        seq = 1
        while _format_code(fmt, shelf, level, waybill, seq) in taken:
            seq += 1
        base = _format_code(fmt, shelf, level, waybill, seq)
    else:
        base = _format_code(fmt, shelf, level, waybill, 0)
    taken = _taken_codes(base)
    if taken and _sweep_stale_slots(taken):   # free codes a flow forgot to release, look again
        taken = _taken_codes(base)
    n = 1
    code = base
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    return _CodePlan(shelf, level, base, code, n)


def _take_slot(parcel_id: int, plan: _CodePlan, *, phone: str | None, now: dt.datetime) -> str:
    """Insert the shelf slot (the unique index decides a race: then the next suffix); the code."""
    code, n = plan.code, plan.n
    for _attempt in range(50):
        try:
            with _savepoint():      # a lost race leaves the outer tx usable
                insert_row(ShelfSlot, dict(code=code, parcel=parcel_id, shelf=plan.shelf,
                                           level=plan.level, phone_tail=phone_tail(phone) or None,
                                           assigned_at=now))
            return code
        except peewee.IntegrityError:
            n += 1
            code = f"{plan.base}-{n}"
    raise ValidationError(_("取件码分配失败，请再扫一次。"))  # pragma: no cover — 50 collisions in a row


def release_code(parcel_id: int) -> str | None:
    """Free the parcel's pickup code (it left the outlet).  Call inside your write transaction.
    The parcel keeps ``pickup_code`` as history; look codes up among parcels at the outlet only."""
    slot = ShelfSlot.select(ShelfSlot.code).where(ShelfSlot.parcel == parcel_id).first()
    if slot is None:
        return None
    ShelfSlot.delete().where(ShelfSlot.parcel == parcel_id).execute()
    return slot.code


def holder_of(code: str) -> int | None:
    """The id of the parcel at the outlet that holds ``code`` now, or None."""
    row = ShelfSlot.select(ShelfSlot.parcel).where(ShelfSlot.code == code.strip().upper()).first() \
        or ShelfSlot.select(ShelfSlot.parcel).where(ShelfSlot.code == code.strip()).first()
    return row.parcel_id if row else None


# ---------------------------------------------------------------------------------------------
# the scan
@dataclass(frozen=True)
class _Line:
    id: int
    carrier: str | None
    recipient_name: str | None
    recipient_phone: str | None


def _manifest_line(waybill: str) -> _Line | None:
    row = run_sql("SELECT id, carrier, recipient_name, recipient_phone FROM manifest_line "
                  "WHERE waybill = ? ORDER BY id DESC LIMIT 1", (waybill,)).fetchone()
    return _Line(*row) if row else None


def _since(p: Parcel) -> dt.datetime:
    if p.status in (Parcel.RELEASED, Parcel.DELIVERED) and p.released_at:
        return p.released_at
    if p.status == Parcel.IN_STOCK:
        return p.arrived_at
    return p.updated_at or p.arrived_at


def _result(p: Parcel, kind: str, candidates, message: str, changes_=frozenset()) -> IntakeResult:
    return IntakeResult(kind=kind, parcel_id=p.id, waybill=p.waybill, carrier=p.carrier,
                        candidates=tuple(candidates), category=p.category, status=p.status,
                        shelf=p.shelf, level=p.level, pickup_code=p.pickup_code,
                        recipient_name=p.recipient_name, phone_masked=mask_phone(p.recipient_phone),
                        manifest_matched=p.manifest_matched, courier=p.courier, route=p.route,
                        arrived_at=p.arrived_at, since=_since(p), message=message, changes=changes_)


def duplicate_message(p: Parcel) -> str:
    if p.pickup_code:
        where = p.pickup_code
    elif p.category == Parcel.DELIVERY:
        where = _("派送（{courier}）").format(courier=p.courier or _("未指定派送员"))
    elif p.category == Parcel.TOWNSHIP:
        where = _("乡镇（{route}）").format(route=p.route or _("未指定线路"))
    elif p.category == Parcel.PROBLEM:
        where = _("问题件货架")
    else:
        where = ""
    since = _since(p).strftime("%m-%d %H:%M")
    return _("重复扫描：{waybill} 已入库 — {where}，{status}，{since} 起。").format(
        waybill=p.waybill, where=where, status=status_label(p.status), since=since)


def recognize_scan(raw: str, *, carrier: str | None = None, cfg: dict | None = None):
    """Recognition with the outlet's settings and the manifest: (Recognized, manifest line).

    The carrier of a bare number is, in order: the clerk's "bare numbers as" choice, the manifest
    line's carrier (even one the table does not know for that number), the outlet's remembered pick
    for numbers of this shape, the table, the default carrier.  A number on a manifest is a parcel:
    bag rules do not apply to it."""
    cfg = cfg or settings_mod.get_many(_INTAKE_KEYS)
    text = normalize_scan(raw)
    line = _manifest_line(text) if text else None
    picks = cfg.get("waybill.shape_picks")
    picked = picks.get(waybill_mod.shape_of(text)) \
        if isinstance(picks, dict) and text.isdigit() else None
    prefer = carrier or (line.carrier if line and line.carrier else None) or picked
    rec = waybill_mod.recognize(text, prefer=prefer, default=cfg["waybill.default_carrier"],
                                custom=cfg["waybill.custom_patterns"],
                                bag_rules=cfg["waybill.bag_rules"], known=line is not None)
    if carrier and rec.carrier != carrier:
        pass    # the clerk's fixed carrier does not fit this number: the table's choice stands
    elif line and line.carrier and rec.carrier != line.carrier:
        # the outlet's arrival manifest decides first
        rec = waybill_mod.Recognized(rec.waybill, line.carrier,
                                     (line.carrier,) + tuple(c for c in rec.candidates
                                                             if c != line.carrier), rec.bare)
    return rec, line


#: (database, day) on which the "arrivals scanned" duty is known to be recorded (saves a query a scan)
_ARRIVALS_OBSERVED: set = set()


@operation("intake.receive", N_("到件入库"))
def receive_parcel(raw: str, *, category: str | None = None, courier: str | None = None,
                   route: str | None = None, carrier: str | None = None, as_parcel: bool = False,
                   actor: Actor, now: dt.datetime) -> IntakeResult:
    """Take in one scanned parcel.  Raises BagNumber / BadWaybill / ValidationError (one line,
    nothing stored); returns a DUPLICATE result (nothing stored) or an ACCEPTED one.

    A bare number that fits a bag rule and a carrier's format, on no manifest and not yet at the
    outlet, raises :class:`~.waybill.PossibleBagNumber` (nothing stored) unless ``as_parcel``: the
    clerk's one key on the held row takes it in."""
    cfg = settings_mod.get_many(_INTAKE_KEYS + _SHELF_KEYS)
    category = category or cfg["intake.default_category"]
    if category not in Parcel.CATEGORIES:
        raise ValidationError(_("到件类别只能是：{labels}。").format(
            labels=_("、").join(_(v) for v in CATEGORY_LABELS.values())))
    rec, line = recognize_scan(raw, carrier=carrier, cfg=cfg)
    if category == Parcel.DELIVERY and not courier:
        courier = (cfg["intake.couriers"] or [None])[0]
    if category == Parcel.TOWNSHIP and not route:
        route = (cfg["intake.routes"] or [None])[0]
    # The scan path: hand-written statements (run_sql/insert_row), one durable commit.
    with write_tx():
        if run_sql("SELECT id FROM parcel WHERE waybill = ?", (rec.waybill,)).fetchone():
            return _duplicate(rec)
        if rec.possible_bag and line is None and not as_parcel:
            raise waybill_mod.PossibleBagNumber(rec.waybill, rec.candidates, rec.possible_bag)
        name = line.recipient_name if line else None
        phone = line.recipient_phone if line else None
        # a self-pickup parcel is stored with its code at once (no second write to the parcel)
        plan = _plan_code(rec.waybill, phone, cfg=cfg) if category == Parcel.PICKUP else None
        courier = courier if category == Parcel.DELIVERY else None
        route = route if category == Parcel.TOWNSHIP else None
        row = dict(waybill=rec.waybill, carrier=rec.carrier, category=category,
                   status=Parcel.IN_STOCK, problem=category == Parcel.PROBLEM,
                   shelf=plan.shelf if plan else None, level=plan.level if plan else None,
                   pickup_code=plan.code if plan else None, recipient_name=name,
                   recipient_phone=phone, phone_tail=phone_tail(phone) or None, courier=courier,
                   route=route, manifest_matched=line is not None, arrived_at=now,
                   arrived_by=actor.id, cod_fen=0, updated_at=now)
        try:
            # another counter (PostgreSQL) may take the same waybill in at the same moment; the
            # unique index makes the loser a DUPLICATE instead of an aborted scan
            with _savepoint():
                parcel_id = insert_row(Parcel, row)
        except peewee.IntegrityError:
            if Parcel.get_or_none(Parcel.waybill == rec.waybill) is None:
                raise
            return _duplicate(rec)
        insert_row(ParcelEvent, dict(parcel=parcel_id, at=now, kind=ParcelEvent.ARRIVED,
                                     staff=actor.id, detail=CATEGORY_LABELS[category]))
        if line is not None:
            run_sql("UPDATE manifest_line SET matched = ? WHERE id = ?", (True, line.id))
        if plan is not None:
            code = _take_slot(parcel_id, plan, phone=phone, now=now)
            if code != plan.code:     # lost a race for the code: the next suffix
                run_sql("UPDATE parcel SET pickup_code = ? WHERE id = ?", (code, parcel_id))
                row["pickup_code"] = code
        elif category == Parcel.PROBLEM:
            ProblemRecord.create(parcel=parcel_id, reason="其他", note="到件时登记为问题件",  # zh-data
                                 opened_at=now, opened_by=actor.id)
            ParcelEvent.insert(parcel=parcel_id, at=now, kind=ParcelEvent.PROBLEM_OPENED,
                               staff=actor.id, detail="其他 到件时登记为问题件").execute()  # zh-data
        duty_key = (database.obj, now.date())
        if duty_key not in _ARRIVALS_OBSERVED:
            if not DutyEvent.select().where(DutyEvent.day == now.date(),
                                            DutyEvent.key == duty_events.ARRIVALS_SCANNED).exists():
                duty_events.observe(duty_events.ARRIVALS_SCANNED, actor=actor, now=now)
    if duty_key not in _ARRIVALS_OBSERVED:      # committed: no need to look again today
        _ARRIVALS_OBSERVED.clear()
        _ARRIVALS_OBSERVED.add(duty_key)
    code = row["pickup_code"]
    if code:
        where = code
    elif category == Parcel.DELIVERY:
        where = _("派送 {courier}").format(courier=courier or "").strip()
    elif category == Parcel.TOWNSHIP:
        where = _("乡镇 {route}").format(route=route or "").strip()
    else:
        where = _("问题件")
    message = (_("已入库 {waybill}（{carrier}）→ {where}") if line is not None
               else _("已入库 {waybill}（{carrier}）→ {where}，清单中没有此单")).format(
        waybill=rec.waybill, carrier=rec.carrier, where=where)
    return IntakeResult(kind=ACCEPTED, parcel_id=parcel_id, waybill=rec.waybill,
                        carrier=rec.carrier, candidates=tuple(rec.candidates), category=category,
                        status=Parcel.IN_STOCK, shelf=row["shelf"], level=row["level"],
                        pickup_code=code, recipient_name=name, phone_masked=mask_phone(phone),
                        manifest_matched=line is not None, courier=courier, route=route,
                        arrived_at=now, since=now, message=message, changes=CHANGES)


def _duplicate(rec) -> IntakeResult:
    existing = Parcel.get(Parcel.waybill == rec.waybill)
    return _result(existing, DUPLICATE, rec.candidates, duplicate_message(existing))


@operation("intake.change_carrier", N_("更正快递公司"))
def change_carrier(parcel_id: int, carrier: str, *, actor: Actor, now: dt.datetime) -> IntakeRow:
    """Correct the carrier the scan chose for a number that fits several (one key on the intake
    row).  Only a carrier whose format the number fits (or the manifest's) is accepted.  For a bare
    number the pick is remembered for the outlet: the next number of the same shape defaults to it."""
    carrier = (carrier or "").strip()
    p = Parcel.get_or_none(Parcel.id == parcel_id)
    if p is None:
        raise NotFound(_("没有这个包裹。"))
    choices = carrier_choices(parcel_id)
    if carrier not in choices:
        raise ValidationError(_("单号 {waybill} 不符合{carrier}的单号格式（可选：{choices}）。").format(
            waybill=p.waybill, carrier=carrier or _("这家快递公司"), choices=_("、").join(choices)))
    if p.carrier == carrier:
        return _row(p)
    shape = waybill_mod.shape_of(p.waybill) if p.waybill.isdigit() and len(choices) > 1 else None
    with write_tx():
        old = p.carrier
        Parcel.update(carrier=carrier, updated_at=now).where(Parcel.id == parcel_id).execute()
        ParcelEvent.insert(parcel=parcel_id, at=now, kind=ParcelEvent.CORRECTED, staff=actor.id,
                           detail=f"快递公司 {old} → {carrier}").execute()  # zh-data: stored event
        detail = {"old": old, "new": carrier}
        if shape is not None:
            _remember_pick(shape, carrier, actor=actor, now=now)
            detail["remembered_for"] = shape
        audit.record(actor, "intake.change_carrier", entity="parcel", entity_id=p.waybill,
                     detail=detail, now=now)
        p.carrier = carrier
    if shape is not None:
        settings_mod._invalidate()
    return _row(p)


def _remember_pick(shape: str, carrier: str, *, actor: Actor, now: dt.datetime) -> None:
    """The outlet's pick for bare numbers of this shape (kept in the ``waybill.shape_picks``
    setting, written here because a clerk's correction is not a manager's settings change; the
    change is in the correction's audit record)."""
    import json

    picks = settings_mod.get("waybill.shape_picks")
    picks = dict(picks) if isinstance(picks, dict) else {}
    if picks.get(shape) == carrier:
        return
    picks[shape] = carrier
    value = json.dumps(picks, ensure_ascii=False)
    Setting.insert(key="waybill.shape_picks", value=value, updated_at=now, updated_by=actor.id) \
        .on_conflict(conflict_target=[Setting.key],
                     update={Setting.value: value, Setting.updated_at: now,
                             Setting.updated_by: actor.id}).execute()


def carrier_choices(parcel_id: int) -> tuple[str, ...]:
    """The carriers a parcel's number fits (for the one-key correction), current one first; the
    manifest line's carrier counts as fitting."""
    p = Parcel.get_by_id(parcel_id)
    cfg = settings_mod.get_many(_INTAKE_KEYS)
    try:
        found = list(waybill_mod.recognize(p.waybill, custom=cfg["waybill.custom_patterns"],
                                           known=True).candidates)
    except waybill_mod.ValidationError:
        found = []
    line = _manifest_line(p.waybill)
    if line and line.carrier and line.carrier not in found:
        found.insert(0, line.carrier)
    if p.carrier in found:
        found.remove(p.carrier)
    found.insert(0, p.carrier)
    return tuple(found)


# ---------------------------------------------------------------------------------------------
# lists
_ROW_FIELDS = (Parcel.id, Parcel.waybill, Parcel.carrier, Parcel.category, Parcel.status,
               Parcel.pickup_code, Parcel.recipient_name, Parcel.recipient_phone, Parcel.courier,
               Parcel.route, Parcel.manifest_matched, Parcel.arrived_at)


def _row(p) -> IntakeRow:
    return IntakeRow(p.id, p.waybill, p.carrier, p.category, p.status, p.pickup_code,
                     p.recipient_name, mask_phone(p.recipient_phone), p.courier, p.route,
                     bool(p.manifest_matched), p.arrived_at)


def _day_bounds(day: dt.date):
    start = dt.datetime.combine(day, dt.time())
    return start, start + dt.timedelta(days=1)


def today_rows(day: dt.date, offset: int = 0, limit: int = 200) -> list[IntakeRow]:
    """The day's arrivals, newest first, one query per page."""
    start, end = _day_bounds(day)
    q = (Parcel.select(*_ROW_FIELDS).where(Parcel.arrived_at >= start, Parcel.arrived_at < end)
         .order_by(Parcel.arrived_at.desc(), Parcel.id.desc()).offset(offset).limit(limit))
    return [IntakeRow(i, w, c, cat, st, code, name, mask_phone(ph), cou, rt, bool(mm), at)
            for (i, w, c, cat, st, code, name, ph, cou, rt, mm, at) in q.tuples()]


def today_counts(day: dt.date) -> dict[str, int]:
    """Arrivals of the day by category, plus ``total`` and ``unmatched`` (not in a manifest)."""
    start, end = _day_bounds(day)
    out = {c: 0 for c in Parcel.CATEGORIES}
    unmatched = 0
    for cat, mm, n in (Parcel.select(Parcel.category, Parcel.manifest_matched, peewee.fn.COUNT(Parcel.id))
                       .where(Parcel.arrived_at >= start, Parcel.arrived_at < end)
                       .group_by(Parcel.category, Parcel.manifest_matched).tuples()):
        out[cat] = out.get(cat, 0) + n
        if not mm:
            unmatched += n
    out["total"] = sum(out[c] for c in Parcel.CATEGORIES)
    out["unmatched"] = unmatched
    return out


# ---------------------------------------------------------------------------------------------
# labels
def label_rows(parcel_ids) -> list:
    """Label contents for these parcels (in the given order); self-pickup ones with a code only."""
    from ..printing.labels import LabelData  # lazy: reportlab is heavy; the scan path never prints
    ids = list(parcel_ids)
    found = {}
    for pid, wb, carrier, code, phone, name, at in (
            Parcel.select(Parcel.id, Parcel.waybill, Parcel.carrier, Parcel.pickup_code,
                          Parcel.recipient_phone, Parcel.recipient_name, Parcel.arrived_at)
            .where(Parcel.id.in_(ids), Parcel.pickup_code.is_null(False)).tuples()):
        found[pid] = LabelData(code=code, waybill=wb, carrier=carrier, phone_masked=mask_phone(phone),
                               day=at.date(), name_masked="")
    return [found[i] for i in ids if i in found]


def unprinted_label_count(day: dt.date) -> int:
    return _unprinted_query(day).count()


def unprinted_label_ids(day: dt.date) -> list[int]:
    return [pid for (pid,) in _unprinted_query(day).tuples()]


def _unprinted_query(day: dt.date):
    """Self-pickup parcels that arrived on ``day``, still in stock, with no label printed."""
    start, end = _day_bounds(day)
    printed = LabelPrint.select(LabelPrint.id).where(LabelPrint.parcel == Parcel.id)
    q = (Parcel.select(Parcel.id).where(Parcel.arrived_at >= start, Parcel.arrived_at < end,
                                        Parcel.category == Parcel.PICKUP,
                                        Parcel.status == Parcel.IN_STOCK,
                                        ~peewee.fn.EXISTS(printed))
         .order_by(Parcel.arrived_at, Parcel.id))
    return q


@operation("intake.labels_printed", N_("打印取件码标签"))
def mark_labels_printed(parcel_ids, *, actor: Actor, now: dt.datetime) -> int:
    ids = list(parcel_ids)
    with write_tx():
        for chunk in range(0, len(ids), 200):
            LabelPrint.insert_many([{"parcel": i, "printed_at": now, "staff": actor.id}
                                    for i in ids[chunk:chunk + 200]]).execute()
    return len(ids)


# ---------------------------------------------------------------------------------------------
# arrival manifests
HEADERS = {  # zh-data: the column names of the carriers' manifest files
    "waybill": ("运单号", "单号", "快递单号", "waybill", "waybill_no", "tracking", "tracking number"),
    "carrier": ("快递公司", "快递", "承运商", "carrier", "company"),
    "name": ("收件人", "收件人姓名", "姓名", "recipient", "recipient name", "name"),
    "phone": ("电话", "手机", "手机号", "收件人电话", "联系电话", "phone", "mobile"),
    "address": ("地址", "收件地址", "收件人地址", "address"),
    "note": ("备注", "note", "remark"),
}
_PHONE = re.compile(r"^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


def _manifest_phone(text: str) -> str:
    """A phone as spreadsheets write it: "+86 138-1234-1234", "0086 13812341234", "138 1234 1234"
    → "13812341234" (a mobile keeps no separator); a landline only loses its spaces."""
    phone = re.sub(r"[\s\u3000]", "", text)
    for prefix in ("+86", "0086", "86-"):
        if phone.startswith(prefix) and len(phone) > len(prefix) + 7:
            phone = phone[len(prefix):]
            break
    digits = re.sub(r"[-.]", "", phone)
    return digits if re.fullmatch(r"1[3-9]\d{9}", digits) else phone
MAX_MANIFEST_LINES = 20000


@dataclass(frozen=True)
class ManifestRow:
    line_no: int
    waybill: str
    carrier: str | None
    name: str | None
    phone: str | None
    address: str | None
    note: str | None


@dataclass(frozen=True)
class ManifestResult:
    batch_id: int
    filename: str
    lines: int
    carrier: str | None
    already_scanned: int          # lines whose parcel was already taken in
    changes: frozenset = field(default=frozenset())

    def message(self) -> str:
        if self.already_scanned:
            return _("已导入到件清单 {filename}：{lines} 行（其中 {scanned} 件已入库）。").format(
                filename=self.filename, lines=self.lines, scanned=self.already_scanned)
        return _("已导入到件清单 {filename}：{lines} 行。").format(filename=self.filename, lines=self.lines)


def read_manifest(source, filename: str | None = None) -> tables.Table:
    """The manifest file as a table (limits and encodings: :mod:`outlet_desk.tables`)."""
    return tables.read_table(source, filename, max_lines=MAX_MANIFEST_LINES,
                             empty=_("清单是空的：没有表头行。"))


def parse_manifest(data, filename: str | None = None, *, cfg: dict | None = None) -> list[ManifestRow]:
    """Read and check a whole manifest (bytes, a path or a read :class:`~outlet_desk.tables.Table`);
    the first bad line refuses the file (line number + reason)."""
    cfg = cfg or settings_mod.get_many(_INTAKE_KEYS)
    table = data if isinstance(data, tables.Table) else read_manifest(data, filename)
    cols = table.columns(HEADERS, ("waybill",),
                         missing=_("没有“{names}”列（表头应有 运单号、快递公司、收件人、电话…）。"))
    carriers = set(waybill_mod.known_carriers(cfg["waybill.custom_patterns"])) \
        | set(settings_mod.get("outlet.carriers"))
    out: list[ManifestRow] = []
    seen: dict[str, int] = {}
    for n, row in table.rows:
        def cell(key):
            i = cols.get(key)
            if i is None or i >= len(row):
                return None
            value = normalize_scan(row[i]) if key in ("waybill", "phone") else row[i]
            return value or None
        raw = cell("waybill")
        if not raw:
            raise ValidationError(_("第 {n} 行：运单号是空的。").format(n=n))
        carrier = cell("carrier")
        if carrier and carrier not in carriers:
            raise ValidationError(_("第 {n} 行：不认识的快递公司“{carrier}”。").format(n=n, carrier=carrier))
        try:
            # a number on the outlet's manifest is a parcel: no bag rule applies to it
            rec = waybill_mod.recognize(raw, prefer=carrier, default=cfg["waybill.default_carrier"],
                                        custom=cfg["waybill.custom_patterns"], known=True)
        except ValidationError as exc:
            raise ValidationError(_("第 {n} 行：{reason}").format(n=n, reason=exc)) from None
        if carrier and not rec.bare and carrier not in rec.candidates:
            raise ValidationError(_("第 {n} 行：单号 {waybill} 不是{carrier}的单号格式。").format(
                n=n, waybill=rec.waybill, carrier=carrier))
        if rec.waybill in seen:
            raise ValidationError(_("第 {n} 行：运单号 {waybill} 与第 {first} 行重复。").format(
                n=n, waybill=rec.waybill, first=seen[rec.waybill]))
        seen[rec.waybill] = n
        phone = cell("phone")
        if phone:
            phone = _manifest_phone(phone)
            if not _PHONE.match(phone):
                raise ValidationError(_("第 {n} 行：电话号码“{phone}”不对（应为 11 位手机号或带区号的座机）。")
                                      .format(n=n, phone=phone))
        name = cell("name")
        if name and len(name) > 30:
            raise ValidationError(_("第 {n} 行：收件人姓名太长。").format(n=n))
        out.append(ManifestRow(n, rec.waybill, carrier or (rec.carrier if not rec.bare else None),
                               name, phone, cell("address"), cell("note")))
    if not out:
        raise ValidationError(_("清单里没有任何运单行。"))
    return out


@operation("intake.import_manifest", N_("导入到件清单"))
def import_manifest(source, *, filename: str | None = None, actor: Actor,
                    now: dt.datetime) -> ManifestResult:
    """Import an arrival manifest (path or bytes).  Refused whole on the first bad line.

    The file is read and checked, and every row to write prepared, before the write transaction;
    the transaction itself only inserts the prepared lines in one statement and fills the parcels
    already scanned, so even a 20,000-line manifest holds the database for a fraction of a second
    and a scan at the counter never waits for it."""
    if not isinstance(source, (str, Path)):
        filename = filename or "manifest.csv"
    table = read_manifest(source, filename)
    rows = parse_manifest(table)
    filename = table.filename
    carriers = {r.carrier for r in rows}
    carrier = next(iter(carriers)) if len(carriers) == 1 else None
    digest = table.sha256
    lines = [{"batch": None, "line_no": r.line_no, "waybill": r.waybill, "carrier": r.carrier or carrier,
              "recipient_name": r.name, "recipient_phone": r.phone, "address": r.address,
              "note": r.note, "matched": False} for r in rows]
    by_wb = {r.waybill: r for r in rows}
    waybills = list(by_wb)
    with write_tx():
        # parcels already scanned before the manifest arrived get the customer data now
        updates, matched = [], set()
        for wb, pid, old_name, old_phone, old_tail in rows_where_in(
                Parcel.waybill, waybills, Parcel.id, Parcel.recipient_name, Parcel.recipient_phone,
                Parcel.phone_tail):
            r = by_wb[wb]
            matched.add(wb)
            fill_phone = not old_phone and r.phone
            updates.append((True, now, old_name or r.name, r.phone if fill_phone else old_phone,
                            phone_tail(r.phone) if fill_phone else old_tail, pid))
        batch = ManifestBatch.create(filename=filename, sha256=digest, carrier=carrier,
                                     lines=len(rows), imported_at=now, imported_by=actor.id)
        for line in lines:
            line["batch"] = batch.id
            line["matched"] = line["waybill"] in matched
        insert_rows(ManifestLine, lines)
        _fill_parcels(updates)
        already = len(matched)
        audit.record(actor, "intake.import_manifest", entity="manifest", entity_id=batch.id,
                     detail={"file": filename, "sha256": digest, "lines": len(rows),
                             "with_phone": sum(1 for r in rows if r.phone),
                             "with_name": sum(1 for r in rows if r.name),
                             "filled_existing": already, "carrier": carrier}, now=now)
    return ManifestResult(batch.id, filename, len(rows), carrier, already, CHANGES)


def _fill_parcels(updates: list[tuple]) -> None:
    """(manifest_matched, updated_at, name, phone, phone_tail, id) for each parcel: one prepared
    UPDATE for all of them, not a peewee query built per parcel."""
    run_many(f'UPDATE "{Parcel._meta.table_name}" SET "manifest_matched" = ?, "updated_at" = ?, '
             '"recipient_name" = ?, "recipient_phone" = ?, "phone_tail" = ? WHERE "id" = ?', updates)


_FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"  # zh-data: demo and bench names
_GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",  # zh-data
          "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "晓燕", "子涵", "浩然", "雨欣", "欣怡",
          "宇轩", "梓萱", "思远", "佳怡", "俊杰", "婷婷", "海燕", "志强", "文博", "一诺", "嘉怡"]


def _digits(rng, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))
