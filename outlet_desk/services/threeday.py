"""Tracking of outgoing parcels (carrier export import) and the 3-day check (每三天查件).

The seed's procedure (快递客服制度 第7条), as one rule in :func:`check_window`:

* the query window ends ``threeday.end_offset_days`` (3) days before the query day, at 23:59:59 —
  "查询结束日期，以查询当日前4天为结束日。例如：6月7日查询，结束日期为6月4日" (the query day counts
  as the first of the four days: 7, 6, 5, 4 June);
* it starts where the previous check's window ended (the next second, i.e. 00:00:00 of the next
  day), or ``threeday.first_lookback_days`` days back when there was no earlier check;
* numbers starting with "4" are bag numbers (集包单号) and are excluded (:func:`left_out_as_bag`:
  the seed's rule for the outlet's own outgoing parcels, kept here only — registration uses the
  outlet's per-carrier bag rules, see docs/outgoing.md);
* an unsigned parcel with no scan after it reached a hub → a "verify location" ticket
  (查询 / 核实具体位置) and the loss list (打遗失);
* an unsigned parcel older than its promise (same city 24 h, cross-province 48 h) → an urge ticket
  (催件) and the delay list (打延误);
* a waybill gets its ticket once: a later run lists it again but opens no second ticket.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from peewee import fn

from .. import audit, changes, settings, tables
from ..db import rows_where_in, run_many, write_tx
from ..errors import NotFound, ValidationError
from ..i18n import N_
from ..models.outgoing import OutgoingParcel, ThreeDayItem, ThreeDayRun
from ..permissions import Actor, operation
from ..settings import Column, SettingSpec, check_positive_map
from . import duty_events, tickets
from .outgoing import _nfkc


def left_out_as_bag(number: str) -> bool:
    """The seed's 3-day rule (004 第7条): numbers starting with "4" are bag numbers and are left out
    of the check of the outlet's own outgoing parcels.  Only the 3-day check and its tracking import
    use it; sending, collections and e-orders use ``waybill.bag_rules`` (docs/outgoing.md)."""
    return _nfkc(number).startswith("4")

SETTINGS = [
    SettingSpec("threeday.end_offset_days", 3, "3-day check: window ends N days before the query day",
                "三日查件：查询结束日为查询日前几天（6月7日查→6月4日为3）", kind="int",
                section="outgoing", minimum=0, maximum=30),
    SettingSpec("threeday.every_days", 3, "3-day check: run every N days", "三日查件：每隔几天查一次",
                kind="int", section="outgoing", minimum=1, maximum=30),
    SettingSpec("threeday.first_lookback_days", 3, "3-day check: days covered by the first check",
                "三日查件：首次查询覆盖天数", kind="int", section="outgoing", minimum=1, maximum=60),
    SettingSpec("threeday.promise_hours", {"同城": 24, "省内": 48, "跨省": 48},
                "Delivery promise (hours): same city / same province / cross-province",
                "时效承诺（小时）：同城／省内／跨省", kind="json", section="outgoing", shape="map",
                columns=(Column("scope", "Scope", "范围"),
                         Column("hours", "Hours", "小时", kind="int", minimum=1, maximum=24 * 30)),
                validate=check_positive_map("时效承诺（小时）", keys=("同城", "省内", "跨省"))),
]

SIGNED_STATUSES = ("已签收", "签收", "signed")
CHANGED = frozenset({changes.OUTGOING, changes.TICKETS})


# ---------------------------------------------------------------------------------------------
# The window rule
# ---------------------------------------------------------------------------------------------
def window_end(query_day: dt.date, end_offset_days: int | None = None) -> dt.datetime:
    if end_offset_days is None:
        end_offset_days = int(settings.get("threeday.end_offset_days"))
    end_day = query_day - dt.timedelta(days=end_offset_days)
    return dt.datetime.combine(end_day, dt.time(23, 59, 59))


def check_window(query_day: dt.date, previous_end: dt.datetime | None, *,
                 end_offset_days: int | None = None,
                 first_lookback_days: int | None = None) -> tuple[dt.datetime, dt.datetime]:
    """(start, end) of the 3-day check run on ``query_day``; both ends included."""
    end = window_end(query_day, end_offset_days)
    if previous_end is not None:
        start = previous_end + dt.timedelta(seconds=1)
        start = start.replace(microsecond=0)
    else:
        if first_lookback_days is None:
            first_lookback_days = int(settings.get("threeday.first_lookback_days"))
        start = dt.datetime.combine(end.date() - dt.timedelta(days=first_lookback_days - 1),
                                    dt.time())
    return start, end


def previous_run_end(query_day: dt.date) -> dt.datetime | None:
    """End of the last check run before ``query_day`` (a re-run the same day reuses its start)."""
    row = (ThreeDayRun.select(ThreeDayRun.window_end).where(ThreeDayRun.run_day < query_day)
           .order_by(ThreeDayRun.run_day.desc(), ThreeDayRun.id.desc()).first())
    return row.window_end if row else None


def promise_kind(province: str | None, city: str | None) -> str:
    origin = settings.get_many(["outgoing.origin_province", "outgoing.origin_city"])
    if province == origin["outgoing.origin_province"]:
        return "同城" if city == origin["outgoing.origin_city"] else "省内"
    return "跨省"


def classify(p: OutgoingParcel, now: dt.datetime, promise_hours: dict) -> tuple[str, str] | None:
    """(kind, reason) for an unsigned parcel, or None when it is still within its promise."""
    if p.hub_reached_at is not None and (p.last_scan_at is None or p.last_scan_at <= p.hub_reached_at):
        place = p.last_scan_place or "分拨中心"
        return ThreeDayItem.LOSS, f"{p.hub_reached_at:%m-%d %H:%M} 到达{place}后无后续物流"
    shipped = p.dispatched_at or p.received_at
    kind = promise_kind(p.province, p.city)
    hours = int(promise_hours.get(kind, 48))
    elapsed = int((now - shipped).total_seconds() // 3600)
    if elapsed > hours:
        status = p.tracking_status or "无物流信息"
        return ThreeDayItem.DELAY, f"{kind}时效 {hours} 小时，已 {elapsed} 小时未签收（{status}）"
    return None


# ---------------------------------------------------------------------------------------------
# Running the check
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CheckItem:
    waybill: str
    kind: str
    reason: str
    ticket_id: int | None
    new_ticket: bool


@dataclass(frozen=True)
class CheckRun:
    id: int
    run_day: dt.date
    window_start: dt.datetime
    window_end: dt.datetime
    ran_at: dt.datetime
    ran_by: str | None
    checked: int
    excluded_bags: int
    delays: tuple[CheckItem, ...]
    losses: tuple[CheckItem, ...]

    @property
    def new_tickets(self) -> int:
        return sum(1 for i in self.delays + self.losses if i.new_ticket)


@operation("outgoing.three_day_check", N_("三日查件"))
def run_three_day_check(*, actor: Actor, now: dt.datetime,
                        query_day: dt.date | None = None) -> CheckRun:
    """Run the 3-day check for ``query_day`` (today): list, ticket once per waybill, keep the run."""
    query_day = query_day or now.date()
    start, end = check_window(query_day, previous_run_end(query_day))
    promise = settings.get("threeday.promise_hours")
    shipped = fn.COALESCE(OutgoingParcel.dispatched_at, OutgoingParcel.received_at)
    with write_tx():
        in_window = (OutgoingParcel.select()
                     .where(shipped >= start, shipped <= end, OutgoingParcel.signed_at.is_null())
                     .order_by(shipped, OutgoingParcel.id))
        candidates = list(in_window)
        bags = [p for p in candidates if left_out_as_bag(p.waybill)]
        parcels = [p for p in candidates if not left_out_as_bag(p.waybill)]
        run = ThreeDayRun.create(run_day=query_day, window_start=start, window_end=end, ran_at=now,
                                 ran_by=actor.id, checked=len(parcels), excluded_bags=len(bags))
        earlier = {w: t for w, t in ThreeDayItem.select(ThreeDayItem.waybill, ThreeDayItem.ticket_id)
                   .where(ThreeDayItem.waybill.in_([p.waybill for p in parcels]),
                          ThreeDayItem.ticket_id.is_null(False)).tuples()}
        origin = f"three_day_check:{query_day.isoformat()}"
        for p in parcels:
            verdict = classify(p, now, promise)
            if verdict is None:
                continue
            kind, reason = verdict
            ticket_id, new = earlier.get(p.waybill), False
            if ticket_id is None:
                dest = f"{p.province or ''}{p.city or ''}"
                if kind == ThreeDayItem.DELAY:
                    t = tickets.open_ticket("催件", f"催件 {p.waybill}", source="auto",
                                            waybills=[p.waybill], origin=origin,
                                            detail=f"寄往{dest}，{reason}。请催促派送并回复签收时间。",
                                            actor=actor, now=now)
                else:
                    t = tickets.open_ticket("查询", "核实具体位置", source="auto",
                                            waybills=[p.waybill], origin=origin,
                                            detail=f"寄往{dest}，{reason}。请核实具体位置，必要时打遗失。",
                                            actor=actor, now=now)
                ticket_id, new = t.id, True
            ThreeDayItem.create(run=run, waybill=p.waybill, kind=kind, reason=reason,
                                ticket_id=ticket_id, new_ticket=new)
        duty_events.observe(duty_events.THREE_DAY_CHECK, actor=actor, now=now,
                            detail=f"{start:%Y-%m-%d}~{end:%Y-%m-%d}")
        audit.record(actor, "outgoing.three_day_check", entity="three_day_run", entity_id=run.id,
                     detail={"day": query_day.isoformat(), "start": str(start), "end": str(end),
                             "checked": len(parcels), "bags": len(bags)}, now=now)
    return get_run(run.id)


def get_run(run_id: int) -> CheckRun:
    run = ThreeDayRun.get_or_none(ThreeDayRun.id == run_id)
    if run is None:
        raise NotFound("没有这次查件记录。")
    items = list(ThreeDayItem.select().where(ThreeDayItem.run == run).order_by(ThreeDayItem.id))

    def pack(kind):
        return tuple(CheckItem(i.waybill, i.kind, i.reason, i.ticket_id, i.new_ticket)
                     for i in items if i.kind == kind)
    return CheckRun(run.id, run.run_day, run.window_start, run.window_end, run.ran_at,
                    run.ran_by.name if run.ran_by_id else None, run.checked, run.excluded_bags,
                    pack(ThreeDayItem.DELAY), pack(ThreeDayItem.LOSS))


@dataclass(frozen=True)
class RunSummary:
    id: int
    run_day: dt.date
    window_start: dt.datetime
    window_end: dt.datetime
    checked: int
    delays: int
    losses: int


def list_runs(limit: int = 100) -> list[RunSummary]:
    counts: dict[tuple[int, str], int] = {}
    runs = list(ThreeDayRun.select().order_by(ThreeDayRun.run_day.desc(), ThreeDayRun.id.desc())
                .limit(limit))
    for run_id, kind, n in (ThreeDayItem.select(ThreeDayItem.run, ThreeDayItem.kind,
                                                fn.COUNT(ThreeDayItem.id))
                            .where(ThreeDayItem.run.in_([r.id for r in runs]))
                            .group_by(ThreeDayItem.run, ThreeDayItem.kind).tuples()):
        counts[(run_id, kind)] = n
    return [RunSummary(r.id, r.run_day, r.window_start, r.window_end, r.checked,
                       counts.get((r.id, ThreeDayItem.DELAY), 0),
                       counts.get((r.id, ThreeDayItem.LOSS), 0)) for r in runs]


@dataclass(frozen=True)
class NextCheck:
    last_day: dt.date | None
    due_day: dt.date
    overdue_days: int          # > 0: late; 0: due today; < 0: days to go

    def message(self) -> str:
        if self.last_day is None:
            return "还没有做过三日查件：今天就查。"
        if self.overdue_days > 0:
            return f"三日查件已过期 {self.overdue_days} 天（应在 {self.due_day:%m月%d日} 查），请今天查。"
        if self.overdue_days == 0:
            return "今天该做三日查件了。"
        return f"下次三日查件：{self.due_day:%m月%d日}（还有 {-self.overdue_days} 天）。"


def next_check(today: dt.date) -> NextCheck:
    row = ThreeDayRun.select(fn.MAX(ThreeDayRun.run_day)).scalar()
    if row is None:
        return NextCheck(None, today, 0)
    last = row if isinstance(row, dt.date) else dt.date.fromisoformat(str(row)[:10])
    due = last + dt.timedelta(days=int(settings.get("threeday.every_days")))
    return NextCheck(last, due, (today - due).days)


def export_run(run_id: int, folder: Path) -> list[Path]:
    """Write the run's lists as text files named by date: ``2026-06-07-延误.txt`` and
    ``2026-06-07-遗失.txt`` (one waybill a line), in ``folder`` (the "延误及问题件单号" folder)."""
    run = get_run(run_id)
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for label, items in (("延误", run.delays), ("遗失", run.losses)):
            path = folder / f"{run.run_day.isoformat()}-{label}.txt"
            path.write_text("".join(f"{i.waybill}\r\n" for i in items), encoding="utf-8")
            written.append(path)
    except OSError as exc:
        from ..errors import EnvironmentFault
        raise EnvironmentFault(f"无法写入 {folder}：{exc.strerror}") from exc
    return written


def default_export_folder(home: Path) -> Path:
    return Path(home) / "延误及问题件单号"


# ---------------------------------------------------------------------------------------------
# Tracking import (carrier export, CSV or XLSX)
# ---------------------------------------------------------------------------------------------
#: {key: header names}; the file is read by :func:`outlet_desk.tables.read_table`
TRACKING_COLUMNS = {
    "waybill": ("运单号", "waybill"),
    "status": ("状态", "物流状态", "status"),
    "last_scan_at": ("最后扫描时间", "last_scan_at"),
    "last_scan_place": ("最后扫描地点", "last_scan_place"),
    "hub_reached_at": ("到达分拨时间", "hub_reached_at"),
    "signed_at": ("签收时间", "signed_at"),
}
TRACKING_REQUIRED = ("waybill", "status", "last_scan_at")

_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M")


def parse_time(value) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    for f in _TIME_FORMATS:
        try:
            return dt.datetime.strptime(text, f)
        except ValueError:
            continue
    raise ValidationError(f"时间“{text}”格式不对，应为 2026-06-07 14:30:00。")


@dataclass(frozen=True)
class TrackingRow:
    waybill: str
    status: str
    last_scan_at: dt.datetime
    last_scan_place: str
    hub_reached_at: dt.datetime | None
    signed_at: dt.datetime | None


def parse_tracking(data, filename: str = "") -> tuple[list[TrackingRow], int]:
    """Parse the export (bytes or a path); return (rows, bag numbers skipped).  Raise on the first
    bad line."""
    table = tables.read_table(data, filename or None)
    cols = table.columns(TRACKING_COLUMNS, TRACKING_REQUIRED)
    out, seen, skipped = [], set(), 0
    for n, row in table.rows:
        def cell(key):
            i = cols.get(key)
            return row[i] if i is not None and i < len(row) else ""
        try:
            w = _nfkc(cell("waybill")).upper()
            if not w:
                raise ValidationError("运单号为空。")
            if left_out_as_bag(w):
                skipped += 1
                continue
            if w in seen:
                raise ValidationError(f"运单号 {w} 重复。")
            seen.add(w)
            status = _nfkc(cell("status"))
            if not status:
                raise ValidationError("状态为空。")
            last = parse_time(cell("last_scan_at"))
            if last is None:
                raise ValidationError("最后扫描时间为空。")
            hub = parse_time(cell("hub_reached_at"))
            signed = parse_time(cell("signed_at"))
            if status in SIGNED_STATUSES and signed is None:
                signed = last
        except ValidationError as exc:
            raise ValidationError(f"第 {n} 行：{exc.message}") from None
        out.append(TrackingRow(w, status, last, _nfkc(cell("last_scan_place")), hub, signed))
    if not out:
        raise ValidationError("文件里没有运单数据。")
    return out, skipped


@dataclass(frozen=True)
class TrackingImport:
    updated: int
    skipped_bags: int
    signed: int


@operation("outgoing.import_tracking", N_("导入寄出快件物流状态"))
def import_tracking(data, filename: str = "", *, actor: Actor,
                    now: dt.datetime) -> TrackingImport:
    """Update the tracking fields of outgoing parcels from an export (bytes or a path).  Refused
    whole on any bad line."""
    rows, skipped = parse_tracking(data, filename)
    return apply_tracking(rows, skipped=skipped, actor=actor, now=now)


@operation("outgoing.apply_tracking", N_("更新寄出快件物流状态"))
def apply_tracking(rows: list[TrackingRow], *, skipped: int = 0, actor: Actor,
                   now: dt.datetime) -> TrackingImport:
    # one prepared UPDATE for all rows inside a short transaction (a long export never holds the
    # database long enough to make a scan wait)
    waybills = [r.waybill for r in rows]
    with write_tx():
        known = dict(rows_where_in(OutgoingParcel.waybill, waybills, OutgoingParcel.id))
        for r in rows:
            if r.waybill not in known:
                raise ValidationError(f"运单号 {r.waybill} 不是本网点寄出的快件，整份文件未导入。")
        run_many(f'UPDATE "{OutgoingParcel._meta.table_name}" SET "tracking_status" = ?, '
                 '"tracking_updated_at" = ?, "last_scan_at" = ?, "last_scan_place" = ?, '
                 '"hub_reached_at" = ?, "signed_at" = ? WHERE "id" = ?',
                 [(r.status, now, r.last_scan_at, r.last_scan_place or None, r.hub_reached_at,
                   r.signed_at, known[r.waybill]) for r in rows])
        signed = sum(r.signed_at is not None for r in rows)
        audit.record(actor, "outgoing.import_tracking", entity="tracking", entity_id=now.isoformat(),
                     detail={"rows": len(rows), "bags_skipped": skipped}, now=now)
    return TrackingImport(len(rows), skipped, signed)


# ---------------------------------------------------------------------------------------------
# Demo: tracking statuses and one 3-day check with a delay and a loss
# ---------------------------------------------------------------------------------------------
_HUBS = {"浙江": "杭州转运中心", "江苏": "南京分拨中心", "上海": "上海分拨中心", "广东": "广州分拨中心",
         "北京": "北京分拨中心", "安徽": "合肥分拨中心"}


def populate_tracking_demo(ctx) -> None:
    rng, now = ctx.rng, ctx.now
    actor = ctx.clerks[0] if ctx.clerks else ctx.system
    check_day = now.date() - dt.timedelta(days=1)
    end = window_end(check_day)
    start, _ = check_window(check_day, None)
    parcels = list(OutgoingParcel.select().where(OutgoingParcel.dispatched_at.is_null(False))
                   .order_by(OutgoingParcel.dispatched_at))
    in_window = [p for p in parcels if start <= p.dispatched_at <= end]
    trouble = {}
    if len(in_window) >= 2:
        picks = rng.sample(in_window, 2)
        trouble = {picks[0].waybill: "delay", picks[1].waybill: "loss"}
    rows = []
    for p in parcels:
        shipped = p.dispatched_at
        hub_name = _HUBS.get("浙江")
        dest_hub = _HUBS.get(p.province or "", f"{p.city or ''}分拨中心")
        hub_at = shipped + dt.timedelta(hours=rng.randint(3, 6))
        age = (now - shipped).total_seconds() / 3600
        fate = trouble.get(p.waybill)
        if fate == "loss":
            rows.append(TrackingRow(p.waybill, "到达分拨", hub_at, hub_name, hub_at, None))
        elif fate == "delay":
            last = shipped + dt.timedelta(hours=rng.randint(20, 30))
            rows.append(TrackingRow(p.waybill, "运输中", last, dest_hub, hub_at, None))
        elif age > 60 or (age > 20 and rng.random() < 0.6):
            signed = shipped + dt.timedelta(hours=rng.randint(18, min(56, max(19, int(age) - 1))))
            rows.append(TrackingRow(p.waybill, "已签收", signed, f"{p.city or ''}网点", hub_at,
                                    signed))
        elif age > 8:
            last = min(now - dt.timedelta(hours=1), hub_at + dt.timedelta(hours=rng.randint(6, 18)))
            rows.append(TrackingRow(p.waybill, "派送中" if age > 18 else "运输中", last,
                                    dest_hub, hub_at, None))
        else:
            rows.append(TrackingRow(p.waybill, "已发出", shipped, "本网点", None, None))
    if rows:
        apply_tracking(rows, actor=actor, now=now - dt.timedelta(hours=2))
    if trouble:
        run_three_day_check(actor=actor, now=dt.datetime.combine(check_day, dt.time(15, 10)),
                            query_day=check_day)
