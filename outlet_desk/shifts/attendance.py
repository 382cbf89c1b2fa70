"""Attendance (考勤): clock in at login, clock out at logout (or with a button), measured against the
published roster's hours with grace minutes; a missed clock-out is flagged the next day."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import changes, settings
from ..db import write_tx
from ..errors import DomainError
from ..i18n import N_, _, in_outlet_language
from ..models import Staff
from ..models.roster import ClockRecord
from ..permissions import ANY_STAFF, Actor, operation
from ..settings import SettingSpec
from . import leave as leave_service
from . import roster

SETTINGS = [
    SettingSpec("attendance.grace_minutes", 5, "Grace minutes for lateness / early leave",
                N_("迟到早退宽限（分钟）"), kind="int", section="shifts", minimum=0, maximum=60),
]

CHANGES = frozenset({changes.ATTENDANCE})


@dataclass(frozen=True)
class ClockInfo:
    staff_id: int
    day: dt.date
    in_at: dt.datetime
    out_at: dt.datetime | None
    expected_start: dt.datetime | None
    expected_end: dt.datetime | None
    late_minutes: int
    early_minutes: int
    changed: bool = True


def _minutes_over(a: dt.datetime, b: dt.datetime, grace: int) -> int:
    """Whole minutes by which ``a`` is after ``b``, 0 within the grace."""
    m = int((a - b).total_seconds() // 60)
    return m if m > grace else 0


def measure(staff_id: int, day: dt.date, in_at: dt.datetime, out_at: dt.datetime | None,
            grace: int | None = None) -> tuple[dt.datetime | None, dt.datetime | None, int, int]:
    grace = int(settings.get("attendance.grace_minutes")) if grace is None else grace
    hours = roster.expected_hours(staff_id, day)
    if hours is None:
        return None, None, 0, 0
    start, end = hours
    late = _minutes_over(in_at, start, grace)
    early = _minutes_over(end, out_at, grace) if out_at is not None else 0
    return start, end, late, early


def _info(r: ClockRecord, changed: bool = True) -> ClockInfo:
    s, e, late, early = measure(r.staff_id, r.day, r.in_at, r.out_at)
    return ClockInfo(r.staff_id, r.day, r.in_at, r.out_at, s, e, late, early, changed)


@operation("attendance.clock_in", N_("上班打卡"), ANY_STAFF)
def clock_in(*, actor: Actor, now: dt.datetime, source: str = "button") -> ClockInfo:
    """The first clock-in of the day counts; later ones change nothing."""
    with write_tx():
        r = ClockRecord.get_or_none((ClockRecord.staff == actor.id) & (ClockRecord.day == now.date()))
        if r is not None:
            return _info(r, changed=False)
        r = ClockRecord.create(staff=actor.id, day=now.date(), in_at=now, source_in=source)
    return _info(r)


@operation("attendance.clock_out", N_("下班打卡"), ANY_STAFF)
def clock_out(*, actor: Actor, now: dt.datetime, source: str = "button") -> ClockInfo:
    """The last clock-out of the day counts."""
    with write_tx():
        r = ClockRecord.get_or_none((ClockRecord.staff == actor.id) & (ClockRecord.day == now.date()))
        if r is None:
            raise DomainError(_("今天还没有上班打卡，不能下班打卡。"))
        r.out_at, r.source_out = now, source
        r.save()
    return _info(r)


def on_login(actor: Actor, *, now: dt.datetime) -> ClockInfo | None:
    """Login hook: clerks clock in (a manager's login is not attendance)."""
    if actor.is_manager or actor.id is None:
        return None
    return clock_in(actor=actor, now=now, source="login")


def on_logout(actor: Actor, *, now: dt.datetime) -> ClockInfo | None:
    if actor.is_manager or actor.id is None:
        return None
    if not ClockRecord.select().where((ClockRecord.staff == actor.id)
                                      & (ClockRecord.day == now.date())).exists():
        return None
    return clock_out(actor=actor, now=now, source="logout")


def today(staff_id: int, day: dt.date) -> ClockInfo | None:
    r = ClockRecord.get_or_none((ClockRecord.staff == staff_id) & (ClockRecord.day == day))
    return _info(r) if r else None


@dataclass(frozen=True)
class MissedOut:
    staff_id: int
    name: str
    day: dt.date
    in_at: dt.datetime


def missed_clock_outs(now: dt.datetime, *, staff_id: int | None = None,
                      days: int = 7) -> list[MissedOut]:
    """Past days (within ``days``) with a clock-in and no clock-out: flagged the next day."""
    q = (ClockRecord.select(ClockRecord.staff, Staff.name, ClockRecord.day, ClockRecord.in_at)
         .join(Staff, on=(ClockRecord.staff == Staff.id))
         .where(ClockRecord.out_at.is_null() & (ClockRecord.day < now.date())
                & (ClockRecord.day >= now.date() - dt.timedelta(days=days))))
    if staff_id is not None:
        q = q.where(ClockRecord.staff == staff_id)
    return [MissedOut(*row) for row in q.order_by(ClockRecord.day).tuples()]


@dataclass(frozen=True)
class DayLine:
    day: dt.date
    post: str | None
    in_at: dt.datetime | None
    out_at: dt.datetime | None
    late: int
    early: int
    leave: str | None
    absent: bool


@dataclass(frozen=True)
class PersonMonth:
    staff_id: int
    name: str
    days_worked: int
    late_count: int
    late_minutes: int
    early_count: int
    early_minutes: int
    missed_outs: int
    absent: int                # rostered, no leave, no clock-in (past days only)
    leave: dict                # kind -> days (approved)
    overrides: int             # leave let through by a manager's override
    lines: tuple[DayLine, ...] = field(default=())


def month_report(month, *, now: dt.datetime) -> list[PersonMonth]:
    month = roster.month_key(month)
    days = roster.month_days(month)
    grace = int(settings.get("attendance.grace_minutes"))
    people = roster.clerks()
    ids = [sid for sid, _ in people]
    records = {(r.staff_id, r.day): r for r in ClockRecord.select().where(
        (ClockRecord.day >= days[0]) & (ClockRecord.day <= days[-1]))}
    base = roster.base_posts(days, ids, "published")
    leave_map = roster.approved_leave(days)
    _plist, pmap, weekdays = roster._config()
    cells, _ = roster._effective(days, ids, base, leave_map, pmap, weekdays)
    overrides = leave_service.overrides(month)
    out = []
    for sid, name in people:
        lines = []
        worked = late_n = late_m = early_n = early_m = missed = absent = 0
        by_kind = {k: 0 for k in leave_service.KINDS}
        for d in days:
            cell = cells[(sid, d)]
            kind = leave_map.get((sid, d))
            if kind:
                by_kind[kind] += 1
            post = cell.effective if (cell.on_duty and base[(sid, d)] is not None) else None
            r = records.get((sid, d))
            late = early = 0
            if r is not None:
                worked += 1
                if post and post in pmap:
                    start = dt.datetime.combine(d, dt.time()) + dt.timedelta(minutes=pmap[post].start)
                    end = dt.datetime.combine(d, dt.time()) + dt.timedelta(minutes=pmap[post].end)
                    late = _minutes_over(r.in_at, start, grace)
                    early = _minutes_over(end, r.out_at, grace) if r.out_at else 0
                if late:
                    late_n, late_m = late_n + 1, late_m + late
                if early:
                    early_n, early_m = early_n + 1, early_m + early
                if r.out_at is None and d < now.date():
                    missed += 1
            is_absent = bool(post and r is None and d < now.date())
            absent += is_absent
            lines.append(DayLine(d, post, r.in_at if r else None, r.out_at if r else None, late,
                                 early, kind, is_absent))
        out.append(PersonMonth(sid, name, worked, late_n, late_m, early_n, early_m, missed, absent,
                               by_kind, overrides.get(sid, 0), tuple(lines)))
    return out


@in_outlet_language   # a printed document: in the outlet's language
def report_pdf(month, *, now: dt.datetime) -> bytes:
    from ..printing import attendance_pdf  # lazy: reportlab, only for the PDF; attendance loads before the login
    month = roster.month_key(month)
    return attendance_pdf.build(month, month_report(month, now=now),
                                outlet=settings.get("outlet.name"),
                                grace=int(settings.get("attendance.grace_minutes")), printed_at=now)
