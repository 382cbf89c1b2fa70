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
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from peewee import fn

from .. import audit, changes, duty_events, settings, tables
from ..dates import md
from ..db import rows_where_in, run_many, write_tx
from ..errors import EnvironmentFault, NotFound, ValidationError
from ..i18n import N_, _
from ..models.outgoing import OutgoingParcel, ThreeDayItem, ThreeDayRun
from ..permissions import Actor, operation
from ..settings import Column, SettingSpec, check_positive_map
from ..tickets import tickets
from .outgoing import _nfkc

#: the keys of ``threeday.promise_hours`` as stored, and the words shown for them
PROMISE_KINDS = ("同城", "省内", "跨省")  # zh-data: stored setting keys
PROMISE_LABELS = {"同城": N_("同城"), "省内": N_("省内"), "跨省": N_("跨省")}  # zh-data: keys
#: the kinds of ticket the check opens (Ticket.CATEGORIES, stored as they are)
URGE_TICKET, VERIFY_TICKET = "催件", "查询"  # zh-data: ticket categories as stored


def left_out_as_bag(number: str) -> bool:
    """The seed's 3-day rule (004 第7条): numbers starting with "4" are bag numbers and are left out
    of the check of the outlet's own outgoing parcels.  Only the 3-day check and its tracking import
    use it; sending, collections and e-orders use ``waybill.bag_rules`` (docs/outgoing.md)."""
    return _nfkc(number).startswith("4")

SETTINGS = [
    SettingSpec("threeday.end_offset_days", 3, "3-day check: window ends N days before the query day",
                N_("三日查件：查询结束日为查询日前几天（6月7日查→6月4日为3）"), kind="int",
                section="outgoing", minimum=0, maximum=30),
    SettingSpec("threeday.every_days", 3, "3-day check: run every N days", N_("三日查件：每隔几天查一次"),
                kind="int", section="outgoing", minimum=1, maximum=30),
    SettingSpec("threeday.first_lookback_days", 3, "3-day check: days covered by the first check",
                N_("三日查件：首次查询覆盖天数"), kind="int", section="outgoing", minimum=1, maximum=60),
    SettingSpec("threeday.promise_hours", {"同城": 24, "省内": 48, "跨省": 48},  # zh-data
                "Delivery promise (hours): same city / same province / cross-province",
                N_("时效承诺（小时）：同城／省内／跨省"), kind="json", section="outgoing", shape="map",
                columns=(Column("scope", "Scope", N_("范围")),
                         Column("hours", "Hours", N_("小时"), kind="int", minimum=1, maximum=24 * 30)),
                validate=check_positive_map(N_("时效承诺（小时）"), keys=PROMISE_KINDS)),
]

SIGNED_STATUSES = ("已签收", "签收", "signed")  # zh-data: the carrier's export words
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
        return PROMISE_KINDS[0] if city == origin["outgoing.origin_city"] else PROMISE_KINDS[1]
    return PROMISE_KINDS[2]


#: The reasons of a finding.  A run keeps them in Chinese (the message ids, like the rest of the
#: database), whatever the language of the person who ran it; :func:`reason_text` shows them in the
#: reader's language.
LOSS_REASON = N_("{at} 到达{place}后无后续物流")
DELAY_REASON = N_("{kind}时效 {hours} 小时，已 {elapsed} 小时未签收（{status}）")
#: the words a reason uses when the parcel has none of its own
NO_PLACE, NO_TRACKING = N_("分拨中心"), N_("无物流信息")


def _pattern(msgid: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", msgid)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)"
                              for i, p in enumerate(parts)))


_REASONS = ((LOSS_REASON, _pattern(LOSS_REASON)), (DELAY_REASON, _pattern(DELAY_REASON)))


def reason_text(stored: str) -> str:
    """A finding's kept reason in the reader's language (a text of another form is shown as kept)."""
    for msgid, pattern in _REASONS:
        m = pattern.fullmatch(stored or "")
        if m is None:
            continue
        fields = m.groupdict()
        if "kind" in fields:
            fields["kind"] = _(PROMISE_LABELS.get(fields["kind"], fields["kind"]))
        for key, word in (("place", NO_PLACE), ("status", NO_TRACKING)):
            if fields.get(key) == word:
                fields[key] = _(word)
        return _(msgid).format(**fields)
    return stored


def classify(p: OutgoingParcel, now: dt.datetime, promise_hours: dict) -> tuple[str, str] | None:
    """(kind, reason) for an unsigned parcel, or None when it is still within its promise.  The
    reason is the one kept (Chinese): show it with :func:`reason_text`."""
    if p.hub_reached_at is not None and (p.last_scan_at is None or p.last_scan_at <= p.hub_reached_at):
        return ThreeDayItem.LOSS, LOSS_REASON.format(at=f"{p.hub_reached_at:%m-%d %H:%M}",
                                                     place=p.last_scan_place or NO_PLACE)
    shipped = p.dispatched_at or p.received_at
    kind = promise_kind(p.province, p.city)
    hours = int(promise_hours.get(kind, 48))
    elapsed = int((now - shipped).total_seconds() // 3600)
    if elapsed > hours:
        return ThreeDayItem.DELAY, DELAY_REASON.format(kind=kind, hours=hours, elapsed=elapsed,
                                                       status=p.tracking_status or NO_TRACKING)
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
                    t = tickets.open_ticket(
                        URGE_TICKET, _("催件 {waybill}").format(waybill=p.waybill), source="auto",
                        waybills=[p.waybill], origin=origin,
                        detail=_("寄往{destination}，{reason}。请催促派送并回复签收时间。").format(
                            destination=dest, reason=reason_text(reason)),
                        actor=actor, now=now)
                else:
                    t = tickets.open_ticket(
                        VERIFY_TICKET, _("核实具体位置"), source="auto",
                        waybills=[p.waybill], origin=origin,
                        detail=_("寄往{destination}，{reason}。请核实具体位置，必要时打遗失。").format(
                            destination=dest, reason=reason_text(reason)),
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
        raise NotFound(_("没有这次查件记录。"))
    items = list(ThreeDayItem.select().where(ThreeDayItem.run == run).order_by(ThreeDayItem.id))

    def pack(kind):
        return tuple(CheckItem(i.waybill, i.kind, reason_text(i.reason), i.ticket_id, i.new_ticket)
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
            return _("还没有做过三日查件：今天就查。")
        due = md(self.due_day)
        if self.overdue_days > 0:
            return _("三日查件已过期 {days} 天（应在 {due} 查），请今天查。").format(
                days=self.overdue_days, due=due)
        if self.overdue_days == 0:
            return _("今天该做三日查件了。")
        return _("下次三日查件：{due}（还有 {days} 天）。").format(due=due, days=-self.overdue_days)


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
        for label, items in (("延误", run.delays), ("遗失", run.losses)):  # zh-data: file names
            path = folder / f"{run.run_day.isoformat()}-{label}.txt"
            path.write_text("".join(f"{i.waybill}\r\n" for i in items), encoding="utf-8")
            written.append(path)
    except OSError as exc:
        raise EnvironmentFault(_("无法写入 {folder}：{reason}").format(
            folder=folder, reason=exc.strerror)) from exc
    return written


def default_export_folder(home: Path) -> Path:
    return Path(home) / "延误及问题件单号"  # zh-data: the folder's name at the outlet


# ---------------------------------------------------------------------------------------------
# Tracking import (carrier export, CSV or XLSX)
# ---------------------------------------------------------------------------------------------
#: {key: header names}; the file is read by :func:`outlet_desk.tables.read_table`
TRACKING_COLUMNS = {  # zh-data: the column names of the carrier's export
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
    raise ValidationError(_("时间“{text}”格式不对，应为 2026-06-07 14:30:00。").format(text=text))


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
                raise ValidationError(_("运单号为空。"))
            if left_out_as_bag(w):
                skipped += 1
                continue
            if w in seen:
                raise ValidationError(_("运单号 {waybill} 重复。").format(waybill=w))
            seen.add(w)
            status = _nfkc(cell("status"))
            if not status:
                raise ValidationError(_("状态为空。"))
            last = parse_time(cell("last_scan_at"))
            if last is None:
                raise ValidationError(_("最后扫描时间为空。"))
            hub = parse_time(cell("hub_reached_at"))
            signed = parse_time(cell("signed_at"))
            if status in SIGNED_STATUSES and signed is None:
                signed = last
        except ValidationError as exc:
            raise ValidationError(_("第 {n} 行：{reason}").format(n=n, reason=exc.message)) from None
        out.append(TrackingRow(w, status, last, _nfkc(cell("last_scan_place")), hub, signed))
    if not out:
        raise ValidationError(_("文件里没有运单数据。"))
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
                raise ValidationError(_("运单号 {waybill} 不是本网点寄出的快件，整份文件未导入。").format(
                    waybill=r.waybill))
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
_HUBS = {"浙江": "杭州转运中心",  # zh-data: demo places
         "江苏": "南京分拨中心", "上海": "上海分拨中心", "广东": "广州分拨中心",
         "北京": "北京分拨中心", "安徽": "合肥分拨中心"}
