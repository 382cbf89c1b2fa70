"""English mode for the guarantees' own refusals (issue 15 → issue 18): a closed day's salesman
weight, and a close on another counter between dating a piece of work and writing it.  The day in
each is ``businessday.label`` (the shared day format, English once that is in the catalog)."""
import datetime as dt
import re

import pytest

from outlet_desk import businessday, i18n
from outlet_desk.dayclose import dayclose as dc
from outlet_desk.errors import DayLocked
from outlet_desk.inbound import pickup
from outlet_desk.outgoing import outgoing
from tests.factories import make_parcel

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
DAY = dt.date(2026, 6, 7)
NEXT = DAY + dt.timedelta(days=1)


def at(day, h, m=0):
    return dt.datetime.combine(day, dt.time(h, m))


@pytest.fixture
def english():
    assert i18n.set_language("en")
    yield
    i18n.set_language(i18n.DEFAULT)


def _close(clerk, clerk_b, manager, *, close=True):
    now = at(DAY, 19, 30)
    dc.save_count(DAY, cash_total_fen=dc.ledger(DAY).money_row("现金").expected_fen,
                  actor=clerk, now=now)
    dc.confirm(DAY, actor=clerk, now=now)
    dc.confirm(DAY, actor=clerk_b, now=now)
    if close:
        dc.close_day(DAY, actor=manager, now=at(DAY, 19, 45))


def _without_days(text: str) -> str:
    return text.replace(businessday.label(DAY), "").replace(businessday.label(NEXT), "")


def test_a_closed_days_weight_is_refused_in_english(db, clerk, clerk_b, manager, english):
    outgoing.add_salesman("陈建国", actor=clerk, now=at(DAY, 8))
    outgoing.receive_collected("陈建国", "773000000001", declared_weight="1.20", actor=clerk,
                               now=at(DAY, 17))
    _close(clerk, clerk_b, manager)
    with pytest.raises(DayLocked) as exc:
        outgoing.check_weight("773000000001", "2.90", actor=clerk, now=at(DAY, 20))
    assert str(exc.value) == (f"773000000001 was collected on {businessday.label(DAY)}, a day "
                              f"already closed: its weight can only be checked before the close.")
    assert not CJK.search(_without_days(str(exc.value)))


def test_a_close_between_dating_and_writing_is_said_in_english(db, clerk, clerk_b, manager,
                                                                english, monkeypatch):
    p = make_parcel("ZT1000000000009", phone="13812341234", arrived_at=at(DAY, 9))
    _close(clerk, clerk_b, manager, close=False)
    real = businessday.business_now
    raced = []

    def dated_then_closed(now, **kw):
        when = real(now, **kw)
        if not raced:
            raced.append(when)
            dc.close_day(DAY, actor=manager, now=at(DAY, 19, 45))
        return when

    monkeypatch.setattr(businessday, "business_now", dated_then_closed)
    with pytest.raises(DayLocked) as exc:
        pickup.release([p.id], code=p.pickup_code, tail="1234", actor=clerk, now=at(DAY, 19, 40))
    assert str(exc.value) == (f"{businessday.label(DAY)} was closed just now and this was not "
                              f"saved: please do it again (it will count on "
                              f"{businessday.label(NEXT)}).")
    assert not CJK.search(_without_days(str(exc.value)))
