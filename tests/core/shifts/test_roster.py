"""Roster: generation from the daily rotation, draft/publish, coverage, swaps."""
import datetime as dt

import pytest

from outlet_desk import settings, status
from outlet_desk.errors import DomainError, PermissionDenied, ValidationError
from outlet_desk.models import AuditLog
from outlet_desk.permissions import SYSTEM
from outlet_desk.shifts import leave, roster, staff

D = dt.date


@pytest.fixture
def june(manager, clerk, clerk_b, now):
    roster.generate_month("2026-06", actor=manager, now=now)
    return "2026-06"


def test_generated_month_alternates_a_and_b_daily_and_stays_a_draft(june, manager, clerk, clerk_b, now):
    g = roster.grid(june)
    posts = [(g.cells[(clerk.id, d)].post, g.cells[(clerk_b.id, d)].post) for d in g.days[:4]]
    assert all(p in (("A", "B"), ("B", "A")) for p in posts)
    assert posts[0] != posts[1] and posts[0] == posts[2]            # swapped every day
    assert roster.post_for(clerk.id, D(2026, 6, 8)) is None        # nobody sees a draft
    roster.publish_month(june, actor=manager, now=now)
    assert roster.post_for(clerk.id, D(2026, 6, 8)) == g.cells[(clerk.id, D(2026, 6, 8))].post
    assert status.post_today(clerk, D(2026, 6, 8)) in ("A", "B")


def test_edit_stays_draft_until_published_and_is_audited(june, manager, clerk, clerk_b, now):
    roster.publish_month(june, actor=manager, now=now)
    day = D(2026, 6, 10)
    before = roster.post_for(clerk.id, day)
    roster.set_cell(clerk.id, day, roster.REST, actor=manager, now=now)
    assert roster.post_for(clerk.id, day) == before
    g = roster.grid(june)
    assert g.dirty and g.cells[(clerk.id, day)].post == roster.REST
    assert g.cells[(clerk_b.id, day)].effective == roster.MERGED      # the other covers the day
    roster.publish_month(june, actor=manager, now=now)
    assert roster.post_for(clerk.id, day) is None
    assert roster.post_for(clerk_b.id, day) == roster.MERGED
    actions = [a for (a,) in AuditLog.select(AuditLog.action).tuples()]
    assert {"roster.generate", "roster.edit", "roster.publish"} <= set(actions)


def test_a_clerk_cannot_change_the_roster(june, clerk, now):
    with pytest.raises(PermissionDenied):
        roster.set_cell(clerk.id, D(2026, 6, 10), "A", actor=clerk, now=now)
    with pytest.raises(PermissionDenied):
        roster.publish_month(june, actor=clerk, now=now)


def test_bad_cell_value_changes_nothing(june, manager, clerk, now):
    before = roster.grid(june).cells[(clerk.id, D(2026, 6, 10))].post
    with pytest.raises(ValidationError):
        roster.set_cell(clerk.id, D(2026, 6, 10), "X", actor=manager, now=now)
    assert roster.grid(june).cells[(clerk.id, D(2026, 6, 10))].post == before


def test_coverage_names_the_uncovered_hours_and_refuses_publishing_an_empty_day(
        june, manager, clerk, clerk_b, now):
    day = D(2026, 6, 12)
    roster.set_cell(clerk.id, day, "B", actor=manager, now=now)
    roster.set_cell(clerk_b.id, day, "B", actor=manager, now=now)
    problems = roster.coverage(june)
    assert [p.message for p in problems] == ["6月12日：08:00-10:00 无人值班。"]
    other = D(2026, 6, 13)
    roster.set_cell(clerk.id, other, roster.REST, actor=manager, now=now)
    change = roster.set_cell(clerk_b.id, other, roster.REST, actor=manager, now=now)
    assert any(p.kind == "nobody" and p.day == other for p in change.problems)
    with pytest.raises(DomainError, match="6月13日"):
        roster.publish_month(june, actor=manager, now=now)


def test_one_clerk_on_leave_the_other_covers_the_whole_day(june, manager, clerk, clerk_b, now):
    roster.publish_month(june, actor=manager, now=now)
    day = D(2026, 6, 16)
    info = leave.request_leave("休息", day, day, actor=clerk, now=now)
    leave.decide_leave(info.id, True, actor=manager, now=now)
    cell = roster.grid(june, layer="published").cells[(clerk_b.id, day)]
    assert cell.effective == roster.MERGED
    assert roster.grid(june, layer="published").cells[(clerk.id, day)].leave == "休息"
    assert roster.expected_hours(clerk_b.id, day) == (dt.datetime(2026, 6, 16, 8), dt.datetime(2026, 6, 16, 20))
    assert not roster.coverage(june, layer="published")


def test_three_clerks_and_three_posts(db, manager, now):
    settings.update({"shift.posts": [
        {"code": "A", "name": "早班", "hours": ["08:00-14:00"]},
        {"code": "B", "name": "中班", "hours": ["10:00-18:00"]},
        {"code": "C", "name": "晚班", "hours": ["14:00-20:00"]}]}, actor=manager, now=now)
    people = [staff.add_staff(n, "clerk", "1234", actor=SYSTEM, now=now).id for n in ("甲", "乙", "丙")]
    roster.generate_month("2026-06", actor=manager, now=now)
    g = roster.grid("2026-06")
    for d in g.days:
        assert sorted(g.cells[(p, d)].post for p in people) == ["A", "B", "C"]
    assert not roster.coverage("2026-06")


def test_closed_weekday_is_not_rostered(db, manager, clerk, clerk_b, now):
    settings.update({"outlet.open_weekdays": [1, 2, 3, 4, 5, 6]}, actor=manager, now=now)
    roster.generate_month("2026-06", actor=manager, now=now)
    g = roster.grid("2026-06")
    sunday = D(2026, 6, 7)
    assert g.cells[(clerk.id, sunday)].post == roster.CLOSED
    assert not [p for p in g.problems if p.day == sunday]


def test_swap_asked_accepted_approved_updates_the_roster(june, manager, clerk, clerk_b, now):
    roster.publish_month(june, actor=manager, now=now)
    day = D(2026, 6, 15)
    mine, theirs = roster.post_for(clerk.id, day), roster.post_for(clerk_b.id, day)
    s = roster.ask_swap(clerk_b.id, day, reason="看病", actor=clerk, now=now)
    assert [x.id for x in roster.swaps_waiting_for(clerk_b)] == [s.id]      # colleague sees it
    assert roster.swaps_waiting_for(manager) == []
    with pytest.raises(PermissionDenied):
        roster.answer_swap(s.id, True, actor=clerk, now=now)               # not the asker
    with pytest.raises(DomainError):
        roster.decide_swap(s.id, True, actor=manager, now=now)             # colleague first
    roster.answer_swap(s.id, True, actor=clerk_b, now=now)
    assert [x.id for x in roster.swaps_waiting_for(manager)] == [s.id]      # then the manager
    assert roster.post_for(clerk.id, day) == mine                           # not yet
    with pytest.raises(PermissionDenied):
        roster.decide_swap(s.id, True, actor=clerk_b, now=now)
    roster.decide_swap(s.id, True, actor=manager, now=now)
    assert (roster.post_for(clerk.id, day), roster.post_for(clerk_b.id, day)) == (theirs, mine)
    assert roster.grid(june).cells[(clerk.id, day)].post == theirs          # draft follows
    assert AuditLog.select().where(AuditLog.action == "roster.swap_decide").count() == 1


def test_declined_swap_changes_nothing(june, manager, clerk, clerk_b, now):
    roster.publish_month(june, actor=manager, now=now)
    day = D(2026, 6, 15)
    mine = roster.post_for(clerk.id, day)
    s = roster.ask_swap(clerk_b.id, day, actor=clerk, now=now)
    roster.answer_swap(s.id, False, actor=clerk_b, now=now)
    assert roster.swaps_waiting_for(manager) == []
    assert roster.post_for(clerk.id, day) == mine


def test_roster_pdf_is_a4_landscape_with_the_font_embedded(june, manager, now):
    roster.publish_month(june, actor=manager, now=now)
    pdf = roster.roster_pdf(june, now=now)
    assert pdf.startswith(b"%PDF")
    assert b"/MediaBox [ 0 0 841.8898 595.2756 ]" in pdf          # A4 landscape, in points
    assert b"/FontFile2" in pdf                                       # the CJK font is embedded
