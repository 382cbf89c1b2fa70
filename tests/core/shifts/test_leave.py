"""Leave rules (each named when refused), override, flow, balances."""
import datetime as dt

import pytest

from outlet_desk.errors import PermissionDenied, ValidationError
from outlet_desk.models import AuditLog
from outlet_desk.models.roster import LeaveRequest
from outlet_desk.shifts import leave, roster
from outlet_desk.shifts.leave import LeaveRuleBroken

D = dt.date


@pytest.fixture
def rostered(manager, clerk, clerk_b, now):
    for m in ("2026-06", "2026-07"):
        roster.generate_month(m, actor=manager, now=now)
        roster.publish_month(m, actor=manager, now=now)


def approved(who, start, end=None, kind="休息", *, manager, now, reason="家里有事"):
    info = leave.request_leave(kind, start, end or start, reason, actor=who, now=now)
    return leave.decide_leave(info.id, True, actor=manager, now=now)


def test_four_rest_days_a_month_the_fifth_is_refused_naming_the_rule(rostered, clerk, manager, now):
    for day in (2, 9, 16, 23):
        approved(clerk, D(2026, 6, day), manager=manager, now=now)
    count = LeaveRequest.select().count()
    with pytest.raises(LeaveRuleBroken, match="每月休息 4 天") as info:
        leave.request_leave("休息", D(2026, 6, 27), D(2026, 6, 27), actor=clerk, now=now)
    assert info.value.rules == ("每月休息 4 天",)
    assert LeaveRequest.select().count() == count                       # nothing changed


def test_rest_quota_is_counted_per_month_across_the_boundary(rostered, clerk, manager, now):
    for day in (2, 9, 16):
        approved(clerk, D(2026, 6, day), manager=manager, now=now)
    # 6/30 is June's fourth, 7/1 is July's first: allowed
    leave.request_leave("休息", D(2026, 6, 30), D(2026, 7, 1), actor=clerk, now=now)
    with pytest.raises(LeaveRuleBroken, match="6月已休/已申请 4 天"):
        leave.request_leave("休息", D(2026, 6, 26), D(2026, 6, 26), actor=clerk, now=now)
    leave.request_leave("休息", D(2026, 7, 10), D(2026, 7, 10), actor=clerk, now=now)


def test_other_leave_types_do_not_use_the_rest_quota(rostered, clerk, manager, now):
    for day in (2, 9, 16, 23):
        approved(clerk, D(2026, 6, day), manager=manager, now=now)
    info = leave.request_leave("病假", D(2026, 6, 26), D(2026, 6, 26), "发烧", actor=clerk, now=now)
    sick = LeaveRequest.get_by_id(info.id)
    assert (sick.kind, sick.start, sick.staff_id) == ("病假", D(2026, 6, 26), clerk.id)


def test_four_days_in_a_row_refused_three_allowed(rostered, clerk, now):
    with pytest.raises(LeaveRuleBroken, match="最多连休 3 天.*6月10日至6月13日连休 4 天"):
        leave.request_leave("年假", D(2026, 6, 10), D(2026, 6, 13), "回老家", actor=clerk, now=now)
    assert LeaveRequest.select().count() == 0
    leave.request_leave("年假", D(2026, 6, 10), D(2026, 6, 12), "回老家", actor=clerk, now=now)


def test_a_run_crossing_the_month_boundary_counts_as_one_run(rostered, clerk, manager, now):
    approved(clerk, D(2026, 6, 29), D(2026, 6, 30), manager=manager, now=now)
    with pytest.raises(LeaveRuleBroken, match="6月29日至7月2日连休 4 天"):
        leave.request_leave("休息", D(2026, 7, 1), D(2026, 7, 2), actor=clerk, now=now)
    # three days across the boundary is fine
    leave.request_leave("休息", D(2026, 7, 1), D(2026, 7, 1), actor=clerk, now=now)


def test_both_clerks_off_the_same_day_is_refused(rostered, clerk, clerk_b, manager, now):
    approved(clerk, D(2026, 6, 18), manager=manager, now=now)
    with pytest.raises(LeaveRuleBroken, match="门店不能无人值班.*6月18日"):
        leave.request_leave("事假", D(2026, 6, 18), D(2026, 6, 18), "办事", actor=clerk_b, now=now)
    # a pending request already blocks the day too
    leave.request_leave("休息", D(2026, 6, 20), D(2026, 6, 20), actor=clerk_b, now=now)
    with pytest.raises(LeaveRuleBroken, match="门店不能无人值班"):
        leave.request_leave("休息", D(2026, 6, 20), D(2026, 6, 20), actor=clerk, now=now)


def test_a_week_without_a_rest_day_is_reported_on_the_roster(rostered, clerk, manager, now):
    week = [p for p in roster.grid("2026-06").problems
            if p.kind == "rest_week" and p.day == D(2026, 6, 8) and "张丽" in p.message]
    assert week and "6月8日-6月14日" in week[0].message
    approved(clerk, D(2026, 6, 10), manager=manager, now=now)
    assert not [p for p in roster.grid("2026-06").problems
                if p.kind == "rest_week" and p.day == D(2026, 6, 8) and "张丽" in p.message]


def test_manager_override_with_a_reason_is_approved_and_audited(rostered, clerk, manager, now):
    with pytest.raises(PermissionDenied):
        leave.request_leave("年假", D(2026, 6, 10), D(2026, 6, 13), "婚假", override_reason="特殊",
                            actor=clerk, now=now)
    with pytest.raises(ValidationError):
        leave.request_leave("年假", D(2026, 6, 10), D(2026, 6, 13), "婚假", staff_id=clerk.id,
                            override_reason="  ", actor=manager, now=now)
    info = leave.request_leave("年假", D(2026, 6, 10), D(2026, 6, 13), "婚假", staff_id=clerk.id,
                               override_reason="婚假，提前一个月说好", actor=manager, now=now)
    assert info.status == "approved" and info.override_reason == "婚假，提前一个月说好"
    row = AuditLog.get(AuditLog.action == "leave.override")
    assert "最多连休 3 天" in row.detail and "婚假，提前一个月说好" in row.detail
    assert leave.overrides("2026-06") == {clerk.id: 1}


def test_flow_request_colleague_sees_manager_approves_roster_shows_it(
        rostered, clerk, clerk_b, manager, now):
    info = leave.request_leave("事假", D(2026, 6, 22), D(2026, 6, 22), "孩子家长会", actor=clerk, now=now)
    assert [x.id for x in leave.waiting_for(clerk_b)] == [info.id]
    assert leave.waiting_for(clerk) == []
    leave.mark_seen(info.id, actor=clerk_b, now=now)
    assert leave.waiting_for(clerk_b) == []
    assert [x.id for x in leave.waiting_for(manager)] == [info.id]
    with pytest.raises(PermissionDenied):
        leave.decide_leave(info.id, True, actor=clerk_b, now=now)
    leave.decide_leave(info.id, True, actor=manager, now=now)
    assert roster.post_for(clerk.id, D(2026, 6, 22)) is None
    assert roster.grid("2026-06", layer="published").cells[(clerk.id, D(2026, 6, 22))].leave == "事假"
    b = {x.name: x for x in leave.balances("2026-06")}
    assert b["张丽"].by_kind["事假"] == 1 and b["张丽"].rest_left == 4


def test_reason_required_and_dates_in_order(rostered, clerk, now):
    with pytest.raises(ValidationError, match="原因"):
        leave.request_leave("病假", D(2026, 6, 22), D(2026, 6, 22), "", actor=clerk, now=now)
    with pytest.raises(ValidationError, match="结束日期"):
        leave.request_leave("休息", D(2026, 6, 22), D(2026, 6, 21), actor=clerk, now=now)
    assert LeaveRequest.select().count() == 0


def test_rest_days_set_in_the_roster_count_toward_the_run_and_the_quota(rostered, clerk, manager, now):
    for day in (D(2026, 6, 10), D(2026, 6, 11)):
        roster.set_cell(clerk.id, day, roster.REST, actor=manager, now=now)
    roster.publish_month("2026-06", actor=manager, now=now)
    with pytest.raises(LeaveRuleBroken, match="6月10日至6月13日连休 4 天"):
        leave.request_leave("休息", D(2026, 6, 12), D(2026, 6, 13), actor=clerk, now=now)
    approved(clerk, D(2026, 6, 2), manager=manager, now=now)
    approved(clerk, D(2026, 6, 20), manager=manager, now=now)
    with pytest.raises(LeaveRuleBroken, match="每月休息 4 天"):
        leave.request_leave("休息", D(2026, 6, 25), D(2026, 6, 25), actor=clerk, now=now)


def test_recent_decisions_tell_the_person_about_their_leave_and_swaps_for_three_days(
        rostered, clerk, clerk_b, manager, now):
    later = now + dt.timedelta(hours=1)
    approved(clerk, D(2026, 6, 20), manager=manager, now=later)
    asked = roster.ask_swap(clerk_b.id, D(2026, 6, 21), reason="看病", actor=clerk, now=later)
    roster.answer_swap(asked.id, False, actor=clerk_b, now=later)
    got = {(d.kind, d.day, d.status) for d in leave.recent_decisions(clerk.id, later)}
    assert got == {("leave", D(2026, 6, 20), "已批准"), ("swap", D(2026, 6, 21), "同事不同意")}
    assert leave.recent_decisions(clerk_b.id, later) == []                 # not the colleague's
    assert leave.recent_decisions(clerk.id, later + dt.timedelta(days=4)) == []
