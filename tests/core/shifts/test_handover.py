"""Handover before leave and at the change of shift; notebook and the duty checklist."""
import datetime as dt

import pytest

from outlet_desk import duty_events
from outlet_desk.db import write_tx
from outlet_desk.errors import PermissionDenied, ValidationError
from outlet_desk.models.roster import HandoverItem
from outlet_desk.models.tickets import Ticket
from outlet_desk.openitems import OpenItem
from outlet_desk.shifts import handover, leave, roster, tasks
from outlet_desk.tickets import tickets as ticket_service

D = dt.date
EVE = dt.datetime(2026, 6, 14, 18, 0)


@pytest.fixture
def setup(manager, clerk, clerk_b, now, monkeypatch):
    roster.generate_month("2026-06", actor=manager, now=now)
    roster.publish_month("2026-06", actor=manager, now=now)
    t = ticket_service.open_ticket("催件", "客户催 SF1234567890123", assignee_id=clerk.id,
                                   actor=clerk, now=now)

    def open_items(staff_id, at):       # what the tickets capability will report
        return [OpenItem("ticket", str(x.id), x.title) for x in
                Ticket.select().where((Ticket.assignee == staff_id) & (Ticket.status != "closed"))]

    monkeypatch.setattr(ticket_service, "open_items", open_items, raising=False)
    note = tasks.add_note("给 138****1234 回电话", D(2026, 6, 14), actor=clerk, now=now)
    info = leave.request_leave("休息", D(2026, 6, 15), D(2026, 6, 16), actor=clerk, now=now)
    leave.decide_leave(info.id, True, actor=manager, now=now)
    return t, note


def test_the_eve_of_leave_gathers_open_items_and_the_colleague_takes_them_over(
        setup, clerk, clerk_b, manager):
    ticket, note = setup
    assert handover.prepare(now=dt.datetime(2026, 6, 13, 9)) == 0      # two days before: not yet
    assert handover.prepare(now=EVE) == 1
    [h] = handover.to_write(clerk, EVE)
    assert {(i.kind, i.ref) for i in h.items} == {("notebook", str(note.id)), ("ticket", str(ticket.id))}
    assert h.receiver_id == clerk_b.id
    # not written by its eve: flagged to the manager; the colleague does not see it yet
    assert [f.text for f in handover.flags(EVE)] == ["张丽 6月15日起休假，还有 2 项没写交接。"]
    assert handover.to_acknowledge(clerk_b, EVE) == []
    handover.write_note(h.id, "催件客户下午会再打来", ["3 号架破损件等厂家来取"], actor=clerk, now=EVE)
    assert handover.flags(EVE) == []
    [seen] = handover.to_acknowledge(clerk_b, EVE)
    assert seen.note == "催件客户下午会再打来" and len(seen.items) == 3
    with pytest.raises(PermissionDenied):
        handover.acknowledge_item(seen.items[0].id, actor=clerk, now=EVE)
    morning = dt.datetime(2026, 6, 15, 8, 5)
    for item in seen.items[:-1]:
        after = handover.acknowledge_item(item.id, actor=clerk_b, now=morning)
        assert not after.acknowledged
    after = handover.acknowledge_item(seen.items[-1].id, actor=clerk_b, now=morning)
    assert after.acknowledged
    assert Ticket.get_by_id(ticket.id).assignee_id == clerk_b.id          # the ticket moved
    assert [n.text for n in tasks.notebook(clerk_b.id, D(2026, 6, 15))] == ["给 138****1234 回电话"]
    assert HandoverItem.get(HandoverItem.kind == "notebook").moved_to_id == clerk_b.id
    assert handover.to_acknowledge(clerk_b, morning) == []


def test_shift_handover_shows_on_the_arriving_clerks_start_screen_until_acknowledged(
        setup, clerk, clerk_b):
    evening = dt.datetime(2026, 6, 10, 19, 55)
    h = handover.hand_over_shift("韵达件还没上架", [], actor=clerk_b, now=evening)
    assert h.receiver_id == clerk.id
    next_morning = dt.datetime(2026, 6, 11, 8, 0)
    [shown] = handover.to_acknowledge(clerk, next_morning)
    assert shown.note == "韵达件还没上架"
    assert handover.to_acknowledge(clerk_b, next_morning) == []        # not to its author
    handover.acknowledge_note(h.id, actor=clerk, now=next_morning)
    assert handover.to_acknowledge(clerk, next_morning) == []


def test_checklist_item_ticks_itself_from_an_observed_event(setup, clerk, clerk_b):
    day = D(2026, 6, 10)
    who = clerk if roster.post_for(clerk.id, day) == "B" else clerk_b
    at = dt.datetime(2026, 6, 10, 13, 40)
    item = {i.id: i for i in tasks.checklist(day, staff_id=who.id, now=at)}["B08"]
    assert item.state == "open"
    with write_tx():
        duty_events.observe(duty_events.SIGNOFF_UPLOADED, actor=who, now=at)
    item = {i.id: i for i in tasks.checklist(day, staff_id=who.id, now=at)}["B08"]
    assert item.state == "auto" and item.at == at
    # an A-post clerk's list has no B duties
    other = clerk_b if who is clerk else clerk
    assert "B08" not in {i.id for i in tasks.checklist(day, staff_id=other.id, now=at)}


def test_upload_after_the_cut_off_ticks_late_and_unticked_duties_are_missed(setup, clerk, manager):
    day = D(2026, 6, 10)
    with write_tx():
        duty_events.observe(duty_events.SIGNOFF_UPLOADED, actor=clerk, now=dt.datetime(2026, 6, 10, 14, 20))
    tasks.tick(day, "A01", actor=clerk, now=dt.datetime(2026, 6, 10, 8, 3))
    later = dt.datetime(2026, 6, 11, 9, 0)
    items = {i.id: i for i in tasks.checklist(day, now=later)}
    assert items["B08"].state == "late"
    assert items["A01"].state == "done" and items["A01"].by == "张丽"
    [missed] = tasks.missed(day, day, now=later)
    ids = {i.id for i in missed.items}
    assert "A01" not in ids and "B08" not in ids and "A02" in ids


def test_notebook_items_carry_forward_until_done(setup, clerk):
    _ticket, note = setup
    [n] = tasks.notebook(clerk.id, D(2026, 6, 20))
    assert n.id == note.id and n.carried
    tasks.done_note(note.id, actor=clerk, now=dt.datetime(2026, 6, 20, 9))
    assert tasks.notebook(clerk.id, D(2026, 6, 21)) == []


def test_checklist_templates_are_edited_by_the_manager_only_and_validated(manager, clerk, now):
    from outlet_desk.models import AuditLog
    rows = [{"id": "X1", "post": "*", "time": "09:00", "text": "开门前检查监控"},
            {"id": "X2", "post": "B", "time": "13:50", "text": "签收上传", "key": "signoff_uploaded",
             "by": True}]
    with pytest.raises(PermissionDenied):
        tasks.save_templates(rows, actor=clerk, now=now)
    bad = rows + [{"id": "X3", "post": "*", "time": "9点", "text": "喝水"}]
    with pytest.raises(ValidationError, match="第 3 行的时间"):
        tasks.save_templates(bad, actor=manager, now=now)
    assert [t.id for t in tasks.templates()][:2] == ["A01", "A02"]      # unchanged
    with pytest.raises(ValidationError, match="不存在"):
        tasks.save_templates([dict(rows[1], key="nonsense")], actor=manager, now=now)
    tasks.save_templates(rows, actor=manager, now=now)
    assert [t.id for t in tasks.templates()] == ["X1", "X2"]
    assert [i.id for i in tasks.checklist(now.date(), now=now)] == ["X1", "X2"]
    assert AuditLog.select().where(AuditLog.action == "settings.update").count() == 1


def test_a_template_event_can_be_named_in_chinese(setup, manager, now):
    """The template editor shows 签收已上传, not signoff_uploaded, and saves it back as the key."""
    from outlet_desk import duty_events
    assert all(duty_events.label(k) != k for k in tasks.known_keys())    # every event has a name
    assert duty_events.label("signoff_uploaded") == "签收已上传"
    rows = [{"id": "X1", "post": "B", "time": "13:50", "text": "签收上传", "key": "签收已上传"}]
    tasks.save_templates(rows, actor=manager, now=now)
    assert [t.key for t in tasks.templates()] == ["signoff_uploaded"]
    with pytest.raises(ValidationError, match="不存在"):
        tasks.save_templates([dict(rows[0], key="签收上传了")], actor=manager, now=now)


@pytest.mark.parametrize("note,extra", [("3号架的件處理中", []), ("韵达件还没上架", ["客户投诉核，实，中"]),
                                        ("请知\n悉", [])])
def test_a_handover_may_not_be_a_non_answer(setup, clerk, clerk_b, note, extra):
    """Issue 17: the colleague reads the note; "处理中"-style phrases are refused, disguised or not."""
    evening = dt.datetime(2026, 6, 10, 19, 55)
    with pytest.raises(ValidationError, match="禁用语"):
        handover.hand_over_shift(note, extra, actor=clerk_b, now=evening)
    assert handover.to_acknowledge(clerk, dt.datetime(2026, 6, 11, 8, 0)) == []
    handover.prepare(now=EVE)
    [h] = handover.to_write(clerk, EVE)
    with pytest.raises(ValidationError, match="禁用语"):
        handover.write_note(h.id, note, extra, actor=clerk, now=EVE)
    assert not handover.get(h.id).written


def test_check_the_days_crm_ticks_when_every_ticket_is_answered_not_when_looked_at(setup, clerk):
    """Issue 17: "查看当日 CRM" ticks when the day's tickets are all answered or closed."""
    ticket, _ = setup                                       # opened at `now` (6月7日), still new
    day = D(2026, 6, 10)
    evening = dt.datetime(2026, 6, 10, 19, 40)

    def c05(at):
        return {i.id: i for i in tasks.checklist(day, staff_id=clerk.id, now=at)}["C05"]
    assert c05(evening).state == "open"
    ticket_service.get_ticket(ticket.id)                    # opening the ticket ticks nothing
    ticket_service.start(ticket.id, actor=clerk, now=evening)
    assert c05(evening).state == "open"
    second = ticket_service.open_ticket("查询", "问件", actor=clerk, now=dt.datetime(2026, 6, 10, 9, 0))
    replied = dt.datetime(2026, 6, 10, 19, 45)
    ticket_service.reply(ticket.id, "运单SF1234567890123已到网点，在3号架待取", "网点已电话通知客户今晚来取",
                         "今天20:00前", actor=clerk, now=replied)
    assert c05(replied).state == "open"                     # the day's second ticket still waits
    last = dt.datetime(2026, 6, 10, 19, 50)
    ticket_service.reply(second.id, "客户询问的包裹已于今天上午到达网点", "网点已发短信告知取件码和地址",
                         "今天20:00前", actor=clerk, now=last)
    item = c05(last)
    assert item.state == "auto" and item.at == last
    # the day before, both were still waiting: nothing ticks afterwards for that day
    before = {i.id: i for i in tasks.checklist(D(2026, 6, 9), staff_id=None, now=last)}
    assert before["C05"].state == "missed"


def test_a_handover_item_shows_its_live_age_not_the_age_when_written(setup, clerk, clerk_b):
    """Issue 17: items read "已 0分钟" forever — the age frozen when the note was written."""
    from outlet_desk.inbound import problems
    from tests.factories import make_parcel
    evening = dt.datetime(2026, 6, 10, 19, 55)
    p = make_parcel("YT9876543210987")
    problems.open_problem(p.id, "停机", "客户电话停机", actor=clerk_b, now=evening)
    handover.hand_over_shift("停机件在问题件架", [], actor=clerk_b, now=evening)
    next_morning = dt.datetime(2026, 6, 11, 8, 0)
    [h] = handover.to_acknowledge(clerk, next_morning)
    [item] = [i for i in h.items if i.kind == "problem"]
    assert item.label(evening) == "问题件 YT9876543210987：停机，客户电话停机（已 0分钟）"
    assert item.label(next_morning) == "问题件 YT9876543210987：停机，客户电话停机（已 12小时）"
    # a note written by the earlier version, age frozen in its title: read live too
    HandoverItem.update(title=HandoverItem.title + "（已 0分钟）").where(HandoverItem.id == item.id).execute()
    [h] = handover.to_acknowledge(clerk, next_morning)
    assert [i for i in h.items if i.kind == "problem"][0].label(next_morning).endswith("停机（已 12小时）")
