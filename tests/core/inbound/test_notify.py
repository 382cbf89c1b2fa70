import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outlet_desk import duty_events
from outlet_desk.errors import ValidationError
from outlet_desk.inbound import notify, sms
from outlet_desk.models import AuditLog, Parcel, ParcelEvent
from outlet_desk.models.counter import NotifyLog
from outlet_desk.models.duty import DutyEvent
from outlet_desk.models.problems import ProblemRecord
from tests.factories import make_parcel

ARR = dt.datetime(2026, 6, 7, 8, 30)


def test_call_list_groups_a_customers_parcels_into_one_call(db, clerk, now):
    a = [make_parcel(phone="13812341234", name="张三", arrived_at=ARR) for _ in range(3)]
    b = make_parcel(phone="13900005678", name="李四", arrived_at=ARR)
    make_parcel(phone="13700001111", category=Parcel.DELIVERY)            # not self-pickup
    make_parcel(phone="13700002222", status=Parcel.RELEASED)              # gone
    make_parcel(phone="13700003333", problem=True)                        # problem parcel
    groups = notify.call_list(actor=clerk, now=now)
    assert len(groups) == 2
    three = next(g for g in groups if g.phone == "13812341234")
    assert set(three.parcel_ids) == {p.id for p in a}
    assert three.phone_masked == "138****1234"
    # the message names every code, the outlet's address and hours, and the deadline (arrival + 7)
    for p in a:
        assert p.pickup_code in three.message
    assert "幸福路 88 号" in three.message and "08:00-20:00" in three.message
    assert "6月14日" in three.message
    assert [g.phone for g in groups if g.phone != "13812341234"] == [b.recipient_phone]


def test_viewing_full_phone_numbers_is_audited(db, clerk, now):
    make_parcel()
    notify.call_list(actor=clerk, now=now)
    row = AuditLog.select().where(AuditLog.action == "notify.phone_view").get()
    assert row.actor_name == "张丽" and '"customers":1' in row.detail


def test_notified_leaves_the_list_with_log_and_event(db, clerk, now):
    p1, p2 = make_parcel(), make_parcel()
    res = notify.record_outcome([p1.id, p2.id], NotifyLog.NOTIFIED, actor=clerk, now=now)
    assert res.list_done
    assert notify.call_list(actor=clerk, now=now) == []
    assert NotifyLog.select().where(NotifyLog.outcome == "notified").count() == 2
    assert ParcelEvent.select().where(ParcelEvent.kind == ParcelEvent.NOTIFIED).count() == 2
    # the whole list was worked through: the duty is observed once
    assert duty_events.CUSTOMERS_NOTIFIED in duty_events.observed(now.date())


def test_no_answer_counts_attempts_and_stays_on_the_list(db, clerk, now):
    p = make_parcel()
    other = make_parcel(phone="13900005678")
    r1 = notify.record_outcome([p.id], NotifyLog.NO_ANSWER, actor=clerk, now=now)
    assert r1.attempts == 1 and not r1.list_done
    r2 = notify.record_outcome([p.id], NotifyLog.NO_ANSWER, actor=clerk,
                               now=now + dt.timedelta(hours=2))
    assert r2.attempts == 2 and "第 2 次" in r2.message()
    groups = notify.call_list(actor=clerk, now=now + dt.timedelta(hours=2))
    g = next(g for g in groups if g.parcel_ids == (p.id,))
    assert g.attempts == 2 and g.called_today
    # not-yet-called customers come first
    assert groups[0].parcel_ids == (other.id,)
    assert not DutyEvent.select().exists()
    notify.record_outcome([other.id], NotifyLog.NOTIFIED, actor=clerk, now=now)
    assert duty_events.CUSTOMERS_NOTIFIED in duty_events.observed(now.date())


def test_out_of_service_opens_a_problem_for_each_parcel(db, clerk, now):
    p1, p2 = make_parcel(), make_parcel()
    res = notify.record_outcome([p1.id, p2.id], NotifyLog.OUT_OF_SERVICE, actor=clerk, now=now)
    assert res.problems_opened == 2
    recs = list(ProblemRecord.select())
    assert {r.parcel_id for r in recs} == {p1.id, p2.id} and {r.reason for r in recs} == {"停机"}
    assert all(Parcel.get_by_id(i).problem for i in (p1.id, p2.id))
    assert notify.call_list(actor=clerk, now=now) == []


def test_wrong_number_opens_problem_other(db, clerk, now):
    p = make_parcel()
    notify.record_outcome([p.id], NotifyLog.WRONG_NUMBER, actor=clerk, now=now)
    rec = ProblemRecord.get()
    assert rec.reason == "其他" and "号码错误" in rec.note


def test_one_call_cannot_mix_customers_and_changes_nothing(db, clerk, now):
    p1 = make_parcel(phone="13812341234")
    p2 = make_parcel(phone="13900005678")
    with pytest.raises(ValidationError, match="同一个电话"):
        notify.record_outcome([p1.id, p2.id], NotifyLog.NOTIFIED, actor=clerk, now=now)
    assert NotifyLog.select().count() == 0
    with pytest.raises(ValidationError):
        notify.record_outcome([p1.id], "shouted", actor=clerk, now=now)


def test_call_list_query_count_does_not_grow_with_parcels(db, clerk, now):
    from playhouse.test_utils import count_queries
    for i in range(30):
        make_parcel(phone=f"139{i:08d}")
    with count_queries() as counter:
        notify._groups(now)
    assert counter.count <= 4


def test_history_lists_each_attempt_newest_first(db, clerk, now):
    p = make_parcel()
    notify.record_outcome([p.id], NotifyLog.NO_ANSWER, actor=clerk, now=now)
    notify.record_outcome([p.id], NotifyLog.NOTIFIED, note="下午来取", actor=clerk,
                          now=now + dt.timedelta(hours=1))
    rows = notify.history(p.id)
    assert [(r.outcome, r.staff_name) for r in rows] == [("notified", "张丽"), ("no_answer", "张丽")]
    assert rows[0].note == "下午来取"


def test_an_overdue_customer_is_asked_to_come_today_not_before_a_past_day(db, clerk, now):
    """The call script said "请在 12月1日 前来取" to a customer whose parcel was already past its
    deadline on 12月5日."""
    late = now - dt.timedelta(days=12)                   # storage is 7 days: overdue by 5
    make_parcel(phone="13812341234", name="张三", arrived_at=late)
    make_parcel(phone="13900005678", name="李四", arrived_at=now - dt.timedelta(days=1))
    groups = {g.phone: g for g in notify.call_list(actor=clerk, now=now)}
    overdue, fresh = groups["13812341234"].message, groups["13900005678"].message
    past = (late + dt.timedelta(days=7)).date()
    assert f"{past.month}月{past.day}日" not in overdue
    assert "已过保管期" in overdue and "今天尽快来取" in overdue
    assert "过期将退回" not in overdue
    # a parcel still within its period keeps its deadline
    due = (now - dt.timedelta(days=1) + dt.timedelta(days=7)).date()
    assert f"请在 {due.month}月{due.day}日 前来取" in fresh


def test_an_extended_parcel_is_not_called_overdue(db, clerk, manager, now):
    from outlet_desk.inbound import overdue
    p = make_parcel(phone="13812341234", name="张三", arrived_at=now - dt.timedelta(days=12))
    overdue.extend([p.id], 7, actor=manager, now=now)
    [group] = notify.call_list(actor=clerk, now=now)
    assert "已过保管期" not in group.message
    until = group.deadline
    assert until >= now.date() and f"{until.month}月{until.day}日" in group.message


@pytest.mark.parametrize("template", [
    notify.SETTINGS[0].default,
    "【{outlet}】提醒：您的包裹（取件码{codes}）还未取，请于{deadline}前到{address}取件，逾期将退回。",
    "{outlet}：取件码{codes}，{deadline} 取件截止。",
])
def test_no_template_names_a_past_day_to_an_overdue_customer(db, template):
    text = notify.render(template, name="张三", codes=["3-2-0417"], deadline=dt.date(2026, 12, 1),
                         today=dt.date(2026, 12, 5),
                         values={"outlet.name": "幸福路站", "outlet.address": "幸福路 88 号",
                                 "outlet.opening_hours": "08:00-20:00"})
    assert "12月1日" not in text and "3-2-0417" in text and "{" not in text
    assert "今天" in text


@given(deadline=st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2027, 12, 31)),
       today=st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2027, 12, 31)),
       template=st.sampled_from([s.default for s in notify.SETTINGS + sms.SETTINGS
                                 if "template" in s.key]))
def test_the_deadline_named_is_never_in_the_past(deadline, today, template):
    text = notify.render(template, name="", codes=["1-1-0001"], deadline=deadline, today=today,
                         values={"outlet.name": "站", "outlet.address": "路", "outlet.opening_hours": "8-20"})
    named = f"{deadline.month}月{deadline.day}日" in text
    assert named == (deadline >= today), text
    assert ("已过保管期" in text) == (deadline < today)
