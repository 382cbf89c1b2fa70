"""Problem parcels (queue, resolve outcomes) and the overdue list (buckets, extension, actions)."""
import datetime as dt
import io

import pytest
from PIL import Image

from outlet_desk import duty_events, settings
from outlet_desk.errors import DomainError, NotFound, ValidationError
from outlet_desk.inbound import overdue, problems
from outlet_desk.models import Parcel, ParcelEvent
from outlet_desk.models.duty import DutyEvent
from outlet_desk.models.evidence import Photo
from outlet_desk.models.problems import ProblemRecord
from outlet_desk.models.returns import ReturnRecord
from outlet_desk.openitems import collect
from outlet_desk.permissions import SYSTEM
from tests.factories import make_parcel


def test_open_problem_flags_parcel_and_queue_shows_age(db, clerk, now):
    p = make_parcel(phone="13812345678")
    problems.open_problem(p.id, "停机", "提示已停机", actor=clerk, now=now - dt.timedelta(hours=26))
    assert Parcel.get_by_id(p.id).problem
    [row] = problems.list_problems(now=now)
    assert row.reason == "停机" and row.opened_by == "张丽" and row.phone_masked == "138****5678"
    assert problems.age_text(row.age(now)) == "1天2小时"
    assert ParcelEvent.select().where(ParcelEvent.kind == ParcelEvent.PROBLEM_OPENED).count() == 1
    with pytest.raises(ValidationError):
        problems.open_problem(p.id, "不想要", actor=clerk, now=now)
    with pytest.raises(NotFound):
        problems.open_problem_by_waybill("SF0000000000000", "拒收", actor=clerk, now=now)


def test_open_problem_with_photo(db, home, clerk, now):
    p = make_parcel()
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (90, 90, 90)).save(out, "PNG")
    info = problems.open_problem(p.id, "破损", "外箱压扁", actor=clerk, now=now, photo=out.getvalue(),
                                 home=home)
    rec = ProblemRecord.get_by_id(info.id)
    photo = Photo.get()
    assert rec.photo_hash == photo.hash and photo.purpose == "problem" and photo.ref == str(info.id)
    with pytest.raises(ValidationError):                   # bad photo: no record either
        problems.open_problem(p.id, "破损", actor=clerk, now=now, photo=b"nope", home=home)
    assert ProblemRecord.select().count() == 1


@pytest.mark.parametrize("outcome", ["stock", "delivery"])
def test_resolve_back_to_stock_or_delivery(db, clerk, now, outcome):
    p = make_parcel()
    a = problems.open_problem(p.id, "无人接听", actor=clerk, now=now)
    problems.open_problem(p.id, "地址不详", actor=clerk, now=now)
    problems.resolve_problem(a.id, outcome, "已联系上", courier="老王", actor=clerk, now=now)
    p = Parcel.get_by_id(p.id)
    assert not p.problem and p.status == Parcel.IN_STOCK and problems.open_count() == 0
    assert p.category == ("pickup" if outcome == "stock" else "delivery")
    assert ParcelEvent.select().where(ParcelEvent.kind == ParcelEvent.PROBLEM_RESOLVED).count() == 2
    with pytest.raises(DomainError):
        problems.resolve_problem(a.id, "stock", actor=clerk, now=now)


def test_resolve_to_return_and_forward_start_the_returns_flow(db, clerk, now):
    p = make_parcel()
    a = problems.open_problem(p.id, "拒收", actor=clerk, now=now)
    problems.resolve_problem(a.id, "return", actor=clerk, now=now)
    rec = ReturnRecord.get(ReturnRecord.parcel == p.id)
    assert rec.kind == "return" and rec.reason == "拒收" and rec.source == "problem"
    assert Parcel.get_by_id(p.id).status == Parcel.RETURNING
    assert ProblemRecord.get_by_id(a.id).outcome == "return"

    q = make_parcel()
    b = problems.open_problem(q.id, "错分", "面单是城东", actor=clerk, now=now)
    with pytest.raises(ValidationError):                 # forward needs the destination
        problems.resolve_problem(b.id, "forward", actor=clerk, now=now)
    assert ProblemRecord.get_by_id(b.id).resolved_at is None
    problems.resolve_problem(b.id, "forward", actor=clerk, now=now,
                             return_args={"dest_code": "805", "dest_name": "城东网点"})
    rec = ReturnRecord.get(ReturnRecord.parcel == q.id)
    assert rec.kind == "forward" and rec.mis_sorted and Parcel.get_by_id(q.id).status == Parcel.FORWARDING


def test_sender_ticket_and_open_items_and_review(db, clerk, clerk_b, now):
    p = make_parcel()
    a = problems.open_problem(p.id, "地址不详", "只写了小区名", actor=clerk, now=now)
    tid = problems.open_sender_ticket(a.id, actor=clerk, now=now)
    assert ProblemRecord.get_by_id(a.id).ticket_id == tid
    with pytest.raises(DomainError):
        problems.open_sender_ticket(a.id, actor=clerk, now=now)
    items = collect(clerk.id, now)
    assert [i.kind for i in items] == ["problem"] and p.waybill in items[0].title
    assert collect(clerk_b.id, now) == []
    assert problems.mark_reviewed(actor=clerk, now=now) is True
    assert problems.mark_reviewed(actor=clerk_b, now=now) is False       # once a day
    assert duty_events.PROBLEMS_REVIEWED in duty_events.observed(now.date())


# -- overdue ---------------------------------------------------------------------------------------

NOW = dt.datetime(2026, 6, 10, 8, 0)


def arrived(days):
    return dt.datetime.combine(NOW.date() - dt.timedelta(days=days), dt.time(9, 0))


def test_buckets_from_settings(db):
    assert [b.label for b in overdue.buckets()] == ["3–4 天", "5–6 天", "7 天以上"]
    settings.update({"storage.remind_day": 2, "storage.return_day": 4}, actor=SYSTEM, now=NOW)
    assert [b.label for b in overdue.buckets()] == ["2 天", "3 天", "4 天以上"]


def test_overdue_list_buckets_by_days(db):
    ages = [0, 2, 3, 4, 5, 6, 7, 12]
    parcels = {d: make_parcel(arrived_at=arrived(d)) for d in ages}
    make_parcel(arrived_at=arrived(9), category="delivery")          # not on the pickup shelf
    make_parcel(arrived_at=arrived(9), status=Parcel.RELEASED)       # gone
    rows = overdue.overdue_list(now=NOW)
    assert [r.days for r in rows] == [12, 7, 6, 5, 4, 3]
    got = {r.days: r.bucket for r in rows}
    assert got == {3: "3–4 天", 4: "3–4 天", 5: "5–6 天", 6: "5–6 天", 7: "7 天以上", 12: "7 天以上"}
    assert [r.due_for_return for r in rows] == [True, True, False, False, False, False]
    assert [r.days for r in overdue.overdue_list(now=NOW, bucket="5–6 天")] == [6, 5]
    assert rows[0].deadline == arrived(12).date() + dt.timedelta(days=7)
    assert overdue.bucket_counts(now=NOW) == {"3–4 天": 2, "5–6 天": 2, "7 天以上": 2}
    assert parcels


def test_extension_moves_the_parcel_back_through_the_buckets(db, clerk):
    p = make_parcel(arrived_at=arrived(8))
    assert overdue.overdue_list(now=NOW)[0].bucket == "7 天以上"
    until = overdue.extend([p.id], 3, "顾客出差", actor=clerk, now=NOW)
    assert until == NOW.date() + dt.timedelta(days=3)        # deadline was past: from today
    [row] = overdue.overdue_list(now=NOW)
    assert row.extended and row.deadline == until and row.effective_days == 4 and row.bucket == "3–4 天"
    overdue.extend([p.id], 2, actor=clerk, now=NOW)          # from the extended deadline
    assert overdue.overdue_list(now=NOW) == []               # effective 2 days: off the list
    later = NOW + dt.timedelta(days=2)
    assert overdue.overdue_list(now=later)[0].bucket == "3–4 天"
    assert ParcelEvent.select().where(ParcelEvent.kind == ParcelEvent.EXTENDED).count() == 2
    with pytest.raises(ValidationError):
        overdue.extend([p.id], 0, actor=clerk, now=NOW)


def test_remind_again_and_send_to_return(db, clerk):
    p = make_parcel(arrived_at=arrived(5))
    q = make_parcel(arrived_at=arrived(8))
    assert overdue.remind_again([p.id], actor=clerk, now=NOW) == 1
    ev = ParcelEvent.get(ParcelEvent.kind == ParcelEvent.NOTIFIED)
    assert ev.detail == "再次提醒" and ev.staff_id == clerk.id
    row = [r for r in overdue.overdue_list(now=NOW) if r.parcel_id == p.id][0]
    assert row.reminders == 1 and row.last_reminded == NOW
    info = overdue.send_to_return(q.id, actor=clerk, now=NOW)
    assert info.reason == "超期未取" and info.source == "overdue"
    assert Parcel.get_by_id(q.id).status == Parcel.RETURNING
    assert [r.parcel_id for r in overdue.overdue_list(now=NOW)] == [p.id]
    with pytest.raises(ValidationError):
        overdue.send_to_return(q.id, actor=clerk, now=NOW)


def test_review_recorded_once_a_day(db, clerk):
    assert overdue.mark_reviewed(actor=clerk, now=NOW)
    assert not overdue.mark_reviewed(actor=clerk, now=NOW + dt.timedelta(hours=1))
    assert DutyEvent.select().where(DutyEvent.key == duty_events.OVERDUE_REVIEWED).count() == 1


def test_overdue_list_query_count(db):
    from playhouse.test_utils import assert_query_count
    for d in range(3, 15):
        make_parcel(arrived_at=arrived(d))
    overdue.buckets()
    with assert_query_count(4):            # settings, parcels, extensions, reminders
        assert len(overdue.overdue_list(now=NOW)) == 12


def test_problem_queue_is_one_query(db, clerk, now):
    from playhouse.test_utils import assert_query_count
    for reason in ("停机", "拒收", "破损"):
        problems.open_problem(make_parcel().id, reason, actor=clerk, now=now)
    with assert_query_count(1):
        assert len(problems.list_problems(now=now)) == 3


from hypothesis import given  # noqa: E402
from hypothesis import settings as hsettings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@hsettings(max_examples=200, deadline=None)
@given(remind=st.integers(1, 30), ret=st.integers(1, 60), days=st.integers(0, 120))
def test_every_day_from_the_reminder_falls_in_exactly_one_bucket(remind, ret, days):
    bs = overdue.buckets((7, remind, ret))
    holders = [b for b in bs if b.holds(days)]
    if days >= remind:
        assert len(holders) == 1
    else:
        assert holders == []
    assert bs[-1].high is None and bs[-1].low == max(ret, remind)
    lows = [b.low for b in bs]
    assert lows == sorted(lows) and lows[0] == remind


# -- issue 17: what the problem screen says for a scan that is not a parcel --------------------------
def test_a_bag_number_scanned_at_the_problem_screen_gets_the_bag_message(clerk, manager):
    from outlet_desk.waybill import BagNumber
    now = dt.datetime(2026, 6, 7, 9, 30)
    settings.update({"waybill.bag_rules": [{"carrier": "极兔", "prefix": "4", "lengths": [13, 16]}]},
                    actor=manager, now=now)
    with pytest.raises(BagNumber, match="集包单号，不是包裹"):
        problems.open_problem_by_waybill("4300123456789012", "停机", actor=clerk, now=now)
    with pytest.raises(NotFound, match="可能是集包单号"):          # fits 韵达/邮政 as well
        problems.find_parcel("４３０９５９７４９５５５０")
    with pytest.raises(NotFound, match="没有这个包裹"):
        problems.find_parcel("SF1385628716739")
    assert ProblemRecord.select().count() == 0


@pytest.mark.parametrize("note", ["处理中", "核 實 中", "请\u200b知悉"])
def test_an_outcome_note_may_not_be_a_non_answer(db, clerk, now, note):
    """Issue 17: the SOP forbids "处理中"-style non-answers wherever a colleague or customer reads them."""
    p = make_parcel()
    a = problems.open_problem(p.id, "无人接听", actor=clerk, now=now)
    with pytest.raises(ValidationError, match="^处理说明里有禁用语"):
        problems.resolve_problem(a.id, "stock", "已联系，" + note, actor=clerk, now=now)
    with pytest.raises(ValidationError, match="^给寄件人的说明里有禁用语"):
        problems.open_sender_ticket(a.id, note, actor=clerk, now=now)
    assert Parcel.get_by_id(p.id).problem and ProblemRecord.get_by_id(a.id).ticket_id is None
    with pytest.raises(ValidationError, match="^问题件备注里有禁用语"):     # it becomes the sender's text
        problems.open_problem(p.id, "地址不详", "地址" + note, actor=clerk, now=now)
    assert ProblemRecord.select().count() == 1
