"""The entry points other capabilities call: they write what they promise, in one transaction."""
import datetime as dt

import pytest

from outlet_desk import duty_events, openitems
from outlet_desk.errors import ValidationError
from outlet_desk.inbound import problems
from outlet_desk.models import Parcel, ParcelEvent
from outlet_desk.models.problems import ProblemRecord
from outlet_desk.tickets import tickets

from ..factories import make_parcel

NOW = dt.datetime(2026, 6, 7, 9, 30)


def test_open_problem_flags_parcel_and_logs_event(clerk):
    p = make_parcel()
    info = problems.open_problem(p.id, "停机", "电话停机", actor=clerk, now=NOW)
    assert Parcel.get_by_id(p.id).problem
    assert ProblemRecord.get_by_id(info.id).opened_by_id == clerk.id
    assert ParcelEvent.select().where(ParcelEvent.kind == ParcelEvent.PROBLEM_OPENED).count() == 1


def test_problem_with_unknown_reason_changes_nothing(clerk):
    p = make_parcel()
    with pytest.raises(ValidationError, match="问题原因"):
        problems.open_problem(p.id, "不知道", actor=clerk, now=NOW)
    assert not Parcel.get_by_id(p.id).problem and ProblemRecord.select().count() == 0


def test_ticket_due_time_comes_from_category_deadline(clerk):
    t = tickets.open_ticket("延误", "包裹延误", waybills=["yt1234567890123"], actor=clerk, now=NOW)
    assert t.due_at == NOW + dt.timedelta(hours=48)
    assert t.waybills == ("YT1234567890123",)
    t2 = tickets.open_ticket("催件", "催件", actor=clerk, now=NOW)
    assert t2.due_at == NOW + dt.timedelta(hours=24)


def test_duty_event_is_observed_once_per_day(clerk):
    duty_events.observe(duty_events.OVERDUE_REVIEWED, actor=clerk, now=NOW)
    duty_events.observe(duty_events.OVERDUE_REVIEWED, actor=clerk, now=NOW + dt.timedelta(hours=1))
    seen = duty_events.observed(NOW.date())
    assert seen == {duty_events.OVERDUE_REVIEWED: NOW}
    assert duty_events.observed(NOW.date() + dt.timedelta(days=1)) == {}


def test_collect_gathers_each_capability_s_open_items_for_that_person(clerk, clerk_b):
    assert openitems.collect(clerk.id, NOW) == []
    p = make_parcel("YT0000000000077")
    problems.open_problem(p.id, "停机", "电话停机", actor=clerk, now=NOW)
    mine = openitems.collect(clerk.id, NOW)
    assert [i.kind for i in mine] == ["problem"] and "YT0000000000077" in mine[0].title
    assert openitems.collect(clerk_b.id, NOW) == []          # not the colleague's


def test_payment_is_recorded_in_fen_and_audited(clerk):
    from outlet_desk import audit, money
    from outlet_desk.db import write_tx
    with write_tx():
        money.record_payment("sending_fee", "微信", 1200, ref="YT1", actor=clerk, now=NOW)
        money.record_payment("cod", "现金", 550, ref="ZT1", actor=clerk, now=NOW)
    totals = money.totals_by_method(NOW.date())
    assert totals["微信"] == 1200 and totals["现金"] == 550 and totals["支付宝"] == 0
    assert audit.verify().ok


def test_payment_as_float_is_refused(clerk):
    from outlet_desk import money
    with pytest.raises(ValidationError, match="整数"):
        money.record_payment("sending_fee", "现金", 12.5, actor=clerk, now=NOW)
