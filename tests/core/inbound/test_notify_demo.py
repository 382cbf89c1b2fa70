"""The counter's demo part copes with whatever parcels the intake demo made (or none)."""
import datetime as dt
import random

from outlet_desk.demo import DemoContext
from outlet_desk.demo.inbound import populate_notify, populate_stockcheck
from outlet_desk.inbound import notify, stockcheck
from outlet_desk.models import Parcel
from outlet_desk.models.counter import NotifyLog, StockCheck
from tests.factories import make_parcel


def _ctx(tmp_path, clerk, clerk_b, manager, now):
    return DemoContext(home=tmp_path, now=now, rng=random.Random(803), clerks=[clerk, clerk_b],
                       manager=manager)


def test_demo_with_no_parcels_does_nothing(db, tmp_path, clerk, clerk_b, manager, now):
    ctx = _ctx(tmp_path, clerk, clerk_b, manager, now)
    populate_notify(ctx)
    populate_stockcheck(ctx)
    assert NotifyLog.select().count() == 0 and StockCheck.select().count() == 0


def test_demo_notifies_some_and_checks_yesterday(db, tmp_path, clerk, clerk_b, manager, now):
    yesterday = now - dt.timedelta(days=1, hours=3)
    for i in range(12):
        make_parcel(phone=f"1390000{i:04d}", shelf=str(1 + i % 3), level=1 + i % 2,
                    arrived_at=yesterday if i < 6 else now - dt.timedelta(minutes=30))
    make_parcel(category=Parcel.DELIVERY, arrived_at=yesterday)
    ctx = _ctx(tmp_path, clerk, clerk_b, manager, now)
    populate_notify(ctx)
    populate_stockcheck(ctx)
    outcomes = {o for (o,) in NotifyLog.select(NotifyLog.outcome).tuples()}
    assert outcomes <= {"notified", "no_answer"} and "notified" in outcomes
    assert notify.pending_summary(now)["customers"] < 12
    last = stockcheck.last_check(now.date() - dt.timedelta(days=1))
    assert last is not None and last.missing == 0 and last.agrees
