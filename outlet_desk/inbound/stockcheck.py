"""Stock check (盘点): scan what is on the shelves and compare it with what the system says.

* :func:`start` — a check of the whole outlet or of one shelf.
* :func:`scan` — one scan of the burst.  A short shelf mark (``3`` or ``3-2``: shelf, level) sets
  where the clerk is standing; a waybill is recorded at that place.  One small write per scan.
* :func:`finish` — the report: **missing** (at the outlet in the system, not scanned),
  **unexpected** (scanned, but the system says it left — or the waybill is unknown), **misplaced**
  (scanned on another shelf/level than recorded).  Stored as :class:`StockCheckItem` rows; the duty
  ``STOCK_CHECKED`` is observed.
* One action fixes each line: :func:`fix_found`, :func:`fix_problem` (problem 其他: 盘点未找到),
  :func:`fix_move` (record the new place, MOVED event), :func:`fix_put_back` (put it back where the
  system says), :func:`fix_restock` (known parcel back to stock, MOVED event), :func:`fix_taken_in`
  (unknown waybill, once intake (F2) has taken it in).
* :func:`last_check` — the day's last finished check, in counts (day close: "the shelf must agree").
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from peewee import JOIN, IntegrityError, fn

from .. import audit, changes, duty_events
from ..db import write_tx
from ..errors import DomainError, NotFound, ValidationError
from ..i18n import N_, _
from ..models import Parcel, ParcelEvent
from ..models.counter import StockCheck, StockCheckItem, StockCheckScan
from ..openitems import OpenItem
from ..permissions import Actor, operation
from ..privacy import mask_phone
from ..scan import normalize_scan
from . import intake, problems

_PLACE_RE = re.compile(r"^(?:SHELF[:\-]?)?([0-9A-Z]{1,3})(?:-(\d{1,2}))?$")
_PROBLEM_NOTE = "盘点未找到"  # zh-data: stored as the problem record's note

#: ``_(label)`` where shown (``ItemRow.kind_label``/``fix_label``)
KIND_LABELS = {StockCheckItem.MISSING: N_("缺失"), StockCheckItem.UNEXPECTED: N_("多出"),
               StockCheckItem.UNKNOWN: N_("未入库"), StockCheckItem.MISPLACED: N_("放错")}
FIX_LABELS = {StockCheckItem.FOUND: N_("已找到"), StockCheckItem.PROBLEM: N_("已登记问题件"),
              StockCheckItem.MOVED: N_("已改货位"), StockCheckItem.PUT_BACK: N_("已放回原位"),
              StockCheckItem.RESTOCKED: N_("已放回库存"), StockCheckItem.TAKEN_IN: N_("已入库")}


def _scope(shelf) -> str:
    return _("货架 {shelf}").format(shelf=shelf) if shelf else _("全店")


@dataclass(frozen=True)
class CheckInfo:
    id: int
    shelf: str | None
    started_at: dt.datetime
    finished_at: dt.datetime | None
    expected: int
    scanned: int
    missing: int
    unexpected: int
    misplaced: int

    @property
    def scope(self) -> str:
        return _scope(self.shelf)

    @property
    def agrees(self) -> bool:
        return self.finished_at is not None and not (self.missing or self.unexpected
                                                     or self.misplaced)


@dataclass(frozen=True)
class ScanResult:
    kind: str           # place | ok | misplaced | unexpected | unknown | duplicate
    waybill: str
    message: str
    shelf: str | None
    level: int | None
    counts: dict


@dataclass(frozen=True)
class ItemRow:
    id: int
    kind: str
    waybill: str
    parcel_id: int | None
    code: str
    recorded: str
    scanned: str
    status: str
    fix: str | None

    @property
    def kind_label(self) -> str:
        return _(KIND_LABELS[self.kind])

    @property
    def fix_label(self) -> str:
        label = FIX_LABELS.get(self.fix or "")
        return _(label) if label else ""


def _place(shelf, level) -> str:
    if not shelf:
        return ""
    return f"{shelf}-{level}" if level is not None else str(shelf)


def _info(c: StockCheck) -> CheckInfo:
    return CheckInfo(c.id, c.shelf, c.started_at, c.finished_at, c.expected, c.scanned, c.missing,
                     c.unexpected, c.misplaced)


def _expected_query(check: StockCheck, at: dt.datetime):
    """What should be on the shelves: parcels at the outlet that have a shelf, arrived by ``at``.
    (Delivery and township piles have no shelf and leave the same morning; they are not counted.)"""
    q = Parcel.select().where(Parcel.status.in_(Parcel.AT_OUTLET) & Parcel.shelf.is_null(False)
                              & (Parcel.arrived_at <= at))
    if check.shelf:
        q = q.where(Parcel.shelf == check.shelf)
    return q


def _get_open(check_id: int) -> StockCheck:
    check = StockCheck.get_or_none(StockCheck.id == check_id)
    if check is None:
        raise NotFound(_("没有这次盘点。"))
    if check.finished_at is not None:
        raise DomainError(_("这次盘点已经结束，请开始新的盘点。"))
    return check


def open_check() -> CheckInfo | None:
    """The check in progress, if any (a check survives closing the app)."""
    c = StockCheck.select().where(StockCheck.finished_at.is_null()).order_by(
        StockCheck.id.desc()).first()
    return _info(c) if c else None


@operation("stockcheck.start", N_("开始盘点"))
def start(shelf: str | None = None, *, actor: Actor, now: dt.datetime) -> CheckInfo:
    shelf = normalize_scan(shelf or "") or None
    if shelf is not None and not re.fullmatch(r"[0-9A-Z]{1,3}", shelf):
        raise ValidationError(_("货架号只能是 1–3 位字母或数字，留空则盘点全店。"))
    with write_tx():
        if open_check() is not None:
            raise DomainError(_("已有一次盘点没有结束，请先结束它。"))
        c = StockCheck.create(day=now.date(), shelf=shelf, started_at=now, started_by=actor.id)
        audit.record(actor, "stockcheck.start", entity="stock_check", entity_id=c.id,
                     detail={"shelf": shelf}, now=now)
    return _info(c)


def live_counts(check_id: int, now: dt.datetime | None = None) -> dict:
    """Counts while scanning: expected in scope, scanned, and how the scans were judged so far."""
    check = StockCheck.get_by_id(check_id)
    at = now or dt.datetime.max
    expected = _expected_query(check, at).count()
    scans = list(StockCheckScan.select(StockCheckScan.shelf, StockCheckScan.level,
                                       Parcel.status, Parcel.shelf, Parcel.level)
                 .join(Parcel, on=(StockCheckScan.parcel == Parcel.id), join_type=JOIN.LEFT_OUTER)
                 .where(StockCheckScan.check == check_id).tuples())
    ok = misplaced = unexpected = 0
    for s_shelf, s_level, status, p_shelf, p_level in scans:
        verdict = _judge(check, status, p_shelf, p_level, s_shelf, s_level)
        if verdict == "ok":
            ok += 1
        elif verdict == "misplaced":
            misplaced += 1
        else:
            unexpected += 1
    return {"expected": expected, "scanned": len(scans), "ok": ok, "misplaced": misplaced,
            "unexpected": unexpected, "not_yet": max(0, expected - ok - misplaced)}


def _judge(check, status, p_shelf, p_level, s_shelf, s_level) -> str:
    if status is None:
        return "unknown"
    if status not in Parcel.AT_OUTLET:
        return "unexpected"
    if check.shelf and p_shelf != check.shelf:
        return "misplaced"       # at the outlet, but recorded on another shelf
    if s_shelf is None:
        return "ok"              # whole-outlet check with no place set: found is enough
    if (p_shelf or "") != s_shelf:
        return "misplaced"
    if s_level is not None and p_level is not None and p_level != s_level:
        return "misplaced"
    return "ok"


@operation("stockcheck.scan", N_("盘点扫描"))
def scan(check_id: int, text: str, *, shelf: str | None = None, level: int | None = None,
         actor: Actor, now: dt.datetime) -> ScanResult:
    """One scan.  ``shelf``/``level`` are where the clerk stands (the screen keeps them); a shelf
    mark scanned instead of a waybill changes them (the returned result carries the new place)."""
    code = normalize_scan(text)
    if not code:
        raise ValidationError(_("扫描内容为空。"))
    check = _get_open(check_id)
    if check.shelf and not shelf:
        shelf = check.shelf
    m = _PLACE_RE.match(code)
    if m and len(code) <= 9:
        new_shelf, new_level = m.group(1), int(m.group(2)) if m.group(2) else None
        if check.shelf and new_shelf != check.shelf:
            raise DomainError(_("这次只盘点货架 {shelf}。").format(shelf=check.shelf))
        return ScanResult("place", "", _("现在盘点货架 {place}").format(place=_place(new_shelf, new_level)),
                          new_shelf, new_level, live_counts(check_id, now))
    parcel = Parcel.select(Parcel.id, Parcel.status, Parcel.shelf, Parcel.level,
                           Parcel.pickup_code).where(Parcel.waybill == code).first()
    try:
        with write_tx():
            StockCheckScan.create(check=check, waybill=code, shelf=shelf or None, level=level,
                                  at=now, parcel=parcel.id if parcel else None)
    except IntegrityError:
        return ScanResult("duplicate", code, _("{waybill} 已经扫过").format(waybill=code), shelf, level,
                          live_counts(check_id, now))
    if parcel is None:
        verdict, msg = "unknown", _("{waybill} 不在系统里：结束后请到 F2 到件入库").format(waybill=code)
    else:
        verdict = _judge(check, parcel.status, parcel.shelf, parcel.level, shelf or None, level)
        if verdict == "ok":
            msg = f"{code} ✓"
        elif verdict == "misplaced":
            msg = _("{waybill} 放错：系统记在 {place}").format(
                waybill=code, place=_place(parcel.shelf, parcel.level) or _("无货位"))
        else:
            msg = _("{waybill} 系统显示已不在店").format(waybill=code)
    return ScanResult(verdict, code, msg, shelf, level, live_counts(check_id, now))


@operation("stockcheck.finish", N_("结束盘点"))
def finish(check_id: int, *, actor: Actor, now: dt.datetime) -> CheckInfo:
    with write_tx():
        check = _get_open(check_id)
        scans = {s.waybill: s for s in StockCheckScan.select().where(StockCheckScan.check == check)}
        scanned_parcels = {s.parcel_id for s in scans.values() if s.parcel_id}
        known = {p.id: p for p in Parcel.select().where(Parcel.id.in_(list(scanned_parcels)))} \
            if scanned_parcels else {}
        counts = {StockCheckItem.MISSING: 0, StockCheckItem.UNEXPECTED: 0,
                  StockCheckItem.MISPLACED: 0}
        expected = 0
        for p in _expected_query(check, now).order_by(Parcel.shelf, Parcel.level, Parcel.id):
            expected += 1
            if p.id not in scanned_parcels:
                StockCheckItem.create(check=check, kind=StockCheckItem.MISSING, waybill=p.waybill,
                                      parcel=p, recorded_shelf=p.shelf, recorded_level=p.level)
                counts[StockCheckItem.MISSING] += 1
        for wb, s in scans.items():
            p = known.get(s.parcel_id) if s.parcel_id else None
            verdict = _judge(check, p.status if p else None, p.shelf if p else None,
                             p.level if p else None, s.shelf, s.level)
            if verdict == "ok":
                continue
            kind = {"unknown": StockCheckItem.UNKNOWN, "unexpected": StockCheckItem.UNEXPECTED,
                    "misplaced": StockCheckItem.MISPLACED}[verdict]
            StockCheckItem.create(check=check, kind=kind, waybill=wb, parcel=p.id if p else None,
                                  recorded_shelf=p.shelf if p else None,
                                  recorded_level=p.level if p else None,
                                  scanned_shelf=s.shelf, scanned_level=s.level)
            counts[kind if kind != StockCheckItem.UNKNOWN else StockCheckItem.UNEXPECTED] += 1
        check.finished_at = now
        check.finished_by = actor.id
        check.expected = expected
        check.scanned = len(scans)
        check.missing = counts[StockCheckItem.MISSING]
        check.unexpected = counts[StockCheckItem.UNEXPECTED]
        check.misplaced = counts[StockCheckItem.MISPLACED]
        check.save()
        audit.record(actor, "stockcheck.finish", entity="stock_check", entity_id=check.id,
                     detail={"shelf": check.shelf, "expected": expected, "scanned": len(scans),
                             "missing": check.missing, "unexpected": check.unexpected,
                             "misplaced": check.misplaced}, now=now)
        duty_events.observe(duty_events.STOCK_CHECKED, actor=actor, now=now,
                            detail=f"{'货架 ' + check.shelf if check.shelf else '全店'}："  # zh-data: stored
                                   f"缺 {check.missing}，多 {check.unexpected}，错位 {check.misplaced}")
    return _info(check)


@operation("stockcheck.cancel", N_("放弃盘点"))
def cancel(check_id: int, *, actor: Actor, now: dt.datetime) -> None:
    with write_tx():
        check = _get_open(check_id)
        audit.record(actor, "stockcheck.cancel", entity="stock_check", entity_id=check.id,
                     detail={"scans": check.scans.count()}, now=now)
        check.delete_instance(recursive=True)


def report(check_id: int) -> list[ItemRow]:
    """A finished check's lines, open ones first.  One query."""
    q = (StockCheckItem.select(StockCheckItem, Parcel.status, Parcel.pickup_code)
         .join(Parcel, on=(StockCheckItem.parcel == Parcel.id), join_type=JOIN.LEFT_OUTER)
         .where(StockCheckItem.check == check_id)
         .order_by(StockCheckItem.fix.is_null(False), StockCheckItem.kind, StockCheckItem.id))
    out = []
    for it in q.objects():
        out.append(ItemRow(it.id, it.kind, it.waybill, it.parcel_id, it.pickup_code or "",
                           _place(it.recorded_shelf, it.recorded_level),
                           _place(it.scanned_shelf, it.scanned_level), it.status or "", it.fix))
    return out


def check_info(check_id: int) -> CheckInfo:
    c = StockCheck.get_or_none(StockCheck.id == check_id)
    if c is None:
        raise NotFound(_("没有这次盘点。"))
    return _info(c)


@dataclass(frozen=True)
class DaySummary:
    check_id: int
    shelf: str | None
    finished_at: dt.datetime
    expected: int
    scanned: int
    missing: int
    unexpected: int
    misplaced: int
    open_items: int            # report lines not fixed yet

    @property
    def agrees(self) -> bool:
        return self.open_items == 0


def last_check(day: dt.date) -> DaySummary | None:
    """The last stock check finished on ``day`` (for day close), or None."""
    c = (StockCheck.select().where((StockCheck.day == day) & StockCheck.finished_at.is_null(False))
         .order_by(StockCheck.finished_at.desc(), StockCheck.id.desc()).first())
    if c is None:
        return None
    open_items = (StockCheckItem.select().where((StockCheckItem.check == c)
                                                & StockCheckItem.fix.is_null()).count())
    return DaySummary(c.id, c.shelf, c.finished_at, c.expected, c.scanned, c.missing,
                      c.unexpected, c.misplaced, open_items)


def open_difference(day: dt.date) -> tuple[DaySummary, int] | None:
    """For day close: the day's last finished check and how many parcels the shelf differs from
    the system by, counting only report lines not fixed yet (missing −1, extra parcels on the shelf
    +1; a misplaced parcel is on a shelf, so it does not change the count).  None: no check."""
    summary = last_check(day)
    if summary is None:
        return None
    diff = 0
    for kind, n in (StockCheckItem.select(StockCheckItem.kind, fn.COUNT(StockCheckItem.id))
                    .where((StockCheckItem.check == summary.check_id) & StockCheckItem.fix.is_null())
                    .group_by(StockCheckItem.kind).tuples()):
        if kind == StockCheckItem.MISSING:
            diff -= n
        elif kind in (StockCheckItem.UNEXPECTED, StockCheckItem.UNKNOWN):
            diff += n
    return summary, diff


def recent_checks(limit: int = 20) -> list[CheckInfo]:
    return [_info(c) for c in StockCheck.select().where(StockCheck.finished_at.is_null(False))
            .order_by(StockCheck.id.desc()).limit(limit)]


# -- fixes: one action per report line ------------------------------------------------------------
def _open_item(item_id: int, kinds) -> StockCheckItem:
    item = StockCheckItem.get_or_none(StockCheckItem.id == item_id)
    if item is None:
        raise NotFound(_("没有这条盘点记录。"))
    if item.fix:
        raise DomainError(_("这条已处理（{fix}）。").format(fix=_(FIX_LABELS[item.fix])))
    if item.kind not in kinds:
        raise DomainError(_("“{kind}”的记录不能这样处理。").format(kind=_(KIND_LABELS[item.kind])))
    return item


def _done(item, fix, actor, now, detail=None):
    item.fix = fix
    item.fixed_at = now
    item.fixed_by = actor.id
    item.save()
    audit.record(actor, "stockcheck.fix", entity="stock_check_item", entity_id=item.id,
                 detail={"check": item.check_id, "kind": item.kind, "waybill": item.waybill,
                         "fix": fix, **(detail or {})}, now=now)


@operation("stockcheck.fix", N_("处理盘点差异"))
def fix_found(item_id: int, *, actor: Actor, now: dt.datetime) -> str:
    """Missing parcel found after all (it stays where the system says)."""
    with write_tx():
        item = _open_item(item_id, (StockCheckItem.MISSING,))
        _done(item, StockCheckItem.FOUND, actor, now)
    return _("{waybill} 已找到。").format(waybill=item.waybill)


@operation("stockcheck.fix_problem", N_("盘点未找到登记问题件"))
def fix_problem(item_id: int, *, actor: Actor, now: dt.datetime) -> str:
    """Missing parcel not found: it becomes a problem parcel (其他: 盘点未找到)."""
    with write_tx():
        item = _open_item(item_id, (StockCheckItem.MISSING,))
        if item.parcel_id is None:
            raise NotFound(_("包裹已不在系统里。"))
        p = Parcel.get_by_id(item.parcel_id)
        if not p.problem:
            problems.open_problem(p.id, "其他", _PROBLEM_NOTE, actor=actor, now=now)  # zh-data
        _done(item, StockCheckItem.PROBLEM, actor, now)
    return _("{waybill} 已登记为问题件（盘点未找到）。").format(waybill=item.waybill)


@operation("stockcheck.fix_move", N_("盘点改货位"))
def fix_move(item_id: int, *, actor: Actor, now: dt.datetime) -> str:
    """Misplaced parcel: record the shelf/level where it was scanned (MOVED event).

    The pickup code stays as it was: the customer may already have been told it."""
    with write_tx():
        item = _open_item(item_id, (StockCheckItem.MISPLACED,))
        p = Parcel.get_or_none(Parcel.id == item.parcel_id)
        if p is None or p.status not in Parcel.AT_OUTLET:
            raise DomainError(_("包裹已不在店，不能改货位。"))
        if not item.scanned_shelf:
            raise DomainError(_("扫描时没有记下货架，请把包裹放回原位。"))
        old = _place(p.shelf, p.level)
        level = item.scanned_level if item.scanned_level is not None else p.level
        Parcel.update(shelf=item.scanned_shelf, level=level, updated_at=now).where(
            Parcel.id == p.id).execute()
        new = _place(item.scanned_shelf, level)
        ParcelEvent.create(parcel=p, at=now, kind=ParcelEvent.MOVED, staff=actor.id,
                           detail=f"盘点：{old or '无货位'} → {new}")  # zh-data: stored event
        _done(item, StockCheckItem.MOVED, actor, now, {"from": old, "to": new})
    return _("{waybill} 货位改为 {place}。").format(waybill=item.waybill, place=new)


@operation("stockcheck.fix_put_back", N_("盘点放回原位"))
def fix_put_back(item_id: int, *, actor: Actor, now: dt.datetime) -> str:
    """Misplaced parcel: the clerk put it back on its recorded shelf (no data change)."""
    with write_tx():
        item = _open_item(item_id, (StockCheckItem.MISPLACED,))
        _done(item, StockCheckItem.PUT_BACK, actor, now)
    return _("{waybill} 已放回 {place}。").format(
        waybill=item.waybill, place=_place(item.recorded_shelf, item.recorded_level))


@operation("stockcheck.fix_restock", N_("盘点多出件放回库存"))
def fix_restock(item_id: int, *, actor: Actor, now: dt.datetime) -> str:
    """Unexpected known parcel (system says it left): back in stock where it was scanned."""
    with write_tx():
        item = _open_item(item_id, (StockCheckItem.UNEXPECTED,))
        p = Parcel.get_or_none(Parcel.id == item.parcel_id)
        if p is None:
            raise NotFound(_("包裹已不在系统里。"))
        if p.status in Parcel.AT_OUTLET:
            _done(item, StockCheckItem.RESTOCKED, actor, now, {"note": "already in stock"})
            return _("{waybill} 已在库。").format(waybill=item.waybill)
        if p.signed_at is not None:
            raise DomainError(_("{waybill} 已签收上传，不能直接放回库存：请登记问题件。").format(waybill=p.waybill))
        old = p.status
        Parcel.update(status=Parcel.IN_STOCK, shelf=item.scanned_shelf or p.shelf,
                      level=(item.scanned_level if item.scanned_shelf else p.level),
                      released_at=None, released_by=None, signer_type=None, collector_name=None,
                      updated_at=now).where(Parcel.id == p.id).execute()
        if p.category == Parcel.PICKUP:
            # its code was freed when it left: give it a (possibly new) code via intake's rule
            if item.scanned_shelf and item.scanned_level is not None:
                intake.assign_code(p.id, now=now, shelf=item.scanned_shelf, level=item.scanned_level)
            else:
                intake.assign_code(p.id, now=now)
        ParcelEvent.create(parcel=p, at=now, kind=ParcelEvent.MOVED, staff=actor.id,
                           detail=f"盘点：在货架上找到，放回库存（原状态 {old}）")  # zh-data: stored event
        _done(item, StockCheckItem.RESTOCKED, actor, now,
              {"old_status": old, "phone": mask_phone(p.recipient_phone)})
    return _("{waybill} 已放回库存。").format(waybill=item.waybill)


@operation("stockcheck.fix_taken_in", N_("盘点未入库件已入库"))
def fix_taken_in(item_id: int, *, actor: Actor, now: dt.datetime) -> str:
    """Unknown waybill: done once intake (F2) has taken it in; until then says what to do."""
    with write_tx():
        item = _open_item(item_id, (StockCheckItem.UNKNOWN,))
        p = Parcel.get_or_none(Parcel.waybill == item.waybill)
        if p is None:
            raise DomainError(_("{waybill} 还不在系统里：请先到 F2 到件入库扫描它。").format(waybill=item.waybill))
        item.parcel = p.id
        _done(item, StockCheckItem.TAKEN_IN, actor, now)
    return _("{waybill} 已入库。").format(waybill=item.waybill)


FIXES = {
    StockCheckItem.MISSING: (fix_found, fix_problem),
    StockCheckItem.MISPLACED: (fix_move, fix_put_back),
    StockCheckItem.UNEXPECTED: (fix_restock,),
    StockCheckItem.UNKNOWN: (fix_taken_in,),
}

CHANGES = frozenset({changes.PARCELS, changes.STOCK})


def shelves() -> list[str]:
    """Shelves that hold parcels now (for the screen's shelf chooser)."""
    return [s for (s,) in Parcel.select(fn.DISTINCT(Parcel.shelf))
            .where(Parcel.status.in_(Parcel.AT_OUTLET) & Parcel.shelf.is_null(False))
            .order_by(Parcel.shelf).tuples()]


# -- handover -------------------------------------------------------------------------------------
def open_items(staff_id: int, now: dt.datetime):
    """A check this person started and did not finish; lines of their checks not yet fixed."""
    items = []
    for c in StockCheck.select().where(StockCheck.finished_at.is_null()
                                       & (StockCheck.started_by == staff_id)):
        items.append(OpenItem("stockcheck", str(c.id), _("盘点未结束（{scope}，{start} 开始）").format(
            scope=_scope(c.shelf), start=f"{c.started_at:%m-%d %H:%M}")))
    q = (StockCheckItem.select(StockCheckItem.check, fn.COUNT(StockCheckItem.id))
         .join(StockCheck)
         .where(StockCheckItem.fix.is_null() & (StockCheck.finished_by == staff_id))
         .group_by(StockCheckItem.check).tuples())
    for check_id, n in q:
        items.append(OpenItem("stockcheck", str(check_id),
                              _("盘点差异 {n} 条待处理（第 {check} 次盘点）").format(n=n, check=check_id)))
    return items
