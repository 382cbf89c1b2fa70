"""Attendance against the published roster, with grace minutes."""
import datetime as dt

import pytest

from outlet_desk import settings
from outlet_desk.errors import DomainError
from outlet_desk.permissions import SYSTEM
from outlet_desk.shifts import attendance, leave, roster

D = dt.date


@pytest.fixture
def june(manager, clerk, clerk_b, now):
    roster.generate_month("2026-06", actor=manager, now=now)
    roster.publish_month("2026-06", actor=manager, now=now)


def a_day(who, post):
    for d in roster.month_days("2026-06"):
        if roster.post_for(who.id, d) == post:
            return d
    raise AssertionError


def test_lateness_and_early_leave_count_only_beyond_the_grace(june, clerk):
    day = a_day(clerk, "A")                               # A: 08:00-12:00, 14:30-20:00
    at = lambda h, m: dt.datetime.combine(day, dt.time(h, m))  # noqa: E731
    info = attendance.clock_in(actor=clerk, now=at(8, 5))
    assert info.late_minutes == 0                         # within 5 minutes
    info = attendance.clock_out(actor=clerk, now=at(19, 50))
    assert info.early_minutes == 10
    day2 = [d for d in roster.month_days("2026-06") if roster.post_for(clerk.id, d) == "A"][1]
    info = attendance.clock_in(actor=clerk, now=dt.datetime.combine(day2, dt.time(8, 6)))
    assert info.late_minutes == 6
    settings.update({"attendance.grace_minutes": 10}, actor=SYSTEM,
                    now=dt.datetime.combine(day2, dt.time(9)))
    assert attendance.today(clerk.id, day2).late_minutes == 0


def test_first_clock_in_counts_and_a_missed_clock_out_is_flagged_next_day(june, clerk, clerk_b):
    day = a_day(clerk, "B")                               # B: 10:00-20:00
    at = lambda h, m: dt.datetime.combine(day, dt.time(h, m))  # noqa: E731
    attendance.on_login(clerk, now=at(9, 55))
    again = attendance.on_login(clerk, now=at(14, 0))     # logging in again changes nothing
    assert not again.changed and again.in_at == at(9, 55)
    assert attendance.missed_clock_outs(at(21, 0)) == []  # same day: not yet
    next_day = at(9, 0) + dt.timedelta(days=1)
    [m] = attendance.missed_clock_outs(next_day, staff_id=clerk.id)
    assert m.day == day and m.name == "张丽"
    with pytest.raises(DomainError):
        attendance.clock_out(actor=clerk_b, now=at(20, 0))  # never clocked in


def test_manager_login_is_not_attendance(june, manager, now):
    assert attendance.on_login(manager, now=now) is None


def test_month_report_counts_days_late_early_and_leave(june, clerk, manager, now):
    day = a_day(clerk, "A")
    attendance.clock_in(actor=clerk, now=dt.datetime.combine(day, dt.time(8, 20)))
    attendance.clock_out(actor=clerk, now=dt.datetime.combine(day, dt.time(20, 0)))
    rest = D(2026, 6, 24)
    info = leave.request_leave("休息", rest, rest, actor=clerk, now=now)
    leave.decide_leave(info.id, True, actor=manager, now=now)
    report = {p.name: p for p in attendance.month_report("2026-06", now=dt.datetime(2026, 6, 30, 22))}
    me = report["张丽"]
    assert (me.days_worked, me.late_count, me.late_minutes) == (1, 1, 20)
    assert me.leave["休息"] == 1
    assert me.absent > 20                                  # rostered days with no clock-in
    pdf = attendance.report_pdf("2026-06", now=dt.datetime(2026, 6, 30, 22))
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000
