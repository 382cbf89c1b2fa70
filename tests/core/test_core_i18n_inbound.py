"""English mode for the inbound side (issue 18): what the clerk reads at intake, pickup, the call list,
SMS, stock check, the overdue list and the problem queue comes from the catalog in English.

Carrier names (顺丰, 邮政 …) are data, not messages: they stay Chinese in English mode as they do on
the parcels and the manifests, so :func:`shown` takes them out before looking for Chinese.  What
is stored (event details, signer types, problem reasons) stays Chinese whatever the language.
"""
import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as settings_h
from hypothesis import strategies as st

from outlet_desk import i18n, settings, waybill
from outlet_desk.errors import DomainError, NotFound, OutletError, ValidationError
from outlet_desk.inbound import intake, notify, overdue, pickup, problems, sms, stockcheck
from outlet_desk.models import Parcel, ParcelEvent
from outlet_desk.models.counter import NotifyLog
from tests.factories import make_parcel

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
NOW = dt.datetime(2026, 6, 7, 9, 30)


@pytest.fixture
def english():
    assert i18n.set_language("en")
    yield
    i18n.set_language(i18n.DEFAULT)


def shown(text: str) -> str:
    """The text without the carrier names in it (data: they stay Chinese)."""
    for name in sorted(waybill.known_carriers(settings.get("waybill.custom_patterns"))
                       + list(settings.get("outlet.carriers")), key=len, reverse=True):
        text = text.replace(name, "")
    return text


def refusal(fn, *args, **kw) -> str:
    """The one line a refused call shows (it must be refused)."""
    with pytest.raises(OutletError) as e:
        fn(*args, **kw)
    text = str(e.value)
    assert text and not CJK.search(shown(text)), text
    return text


@pytest.fixture
def customer(db):
    """张三 has two parcels on shelf 3; 李四 shares his phone tail."""
    ps = [make_parcel(f"SF100000000{i:04d}", phone="13812341234", name="张三", shelf="3", level=2)
          for i in range(2)]
    other = make_parcel("YT4000000009999", phone="13900001234", name="李四", shelf="1", level=1)
    return ps, other


def test_a_parcel_of_another_customer_is_refused_in_english(english, customer, clerk):
    ps, other = customer
    confirmed = pickup.identify(code=ps[0].pickup_code, tail="1234")
    with pytest.raises(DomainError) as e:
        pickup.check_scan(confirmed, other.waybill)
    assert str(e.value) == "Not this customer's parcel."
    text = refusal(pickup.release, [other.id], code=ps[0].pickup_code, tail="1234", actor=clerk, now=NOW)
    assert text == "YT4000000009999: not this customer's parcel, cannot go out with these."
    assert Parcel.get_by_id(other.id).status == Parcel.IN_STOCK


def test_a_wrong_phone_tail_and_the_other_pickup_refusals_read_in_english(english, customer, clerk):
    ps, _other = customer
    code = ps[0].pickup_code
    assert refusal(pickup.identify, code=code, tail="9999") == "Phone tail does not match the code."
    assert refusal(pickup.identify, code=code, tail="12") == "The phone tail is 4 digits."
    refusal(pickup.identify, code=code)
    refusal(pickup.identify, code="9-9-9999", tail="1234")
    refusal(pickup.lookup, "")
    refusal(pickup.lookup, "0000")
    refusal(pickup.lookup, "JT0000000000000")
    refusal(pickup.release, [], code=code, tail="1234", actor=clerk, now=NOW)
    refusal(pickup.release, [ps[0].id], code=code, tail="1234", proxy=True, actor=clerk, now=NOW)
    assert pickup.lookup(code).prompt() == "Check the phone's last 4 digits"
    res = pickup.release([p.id for p in ps], code=code, tail="1234", actor=clerk, now=NOW)
    assert res.message() == "Released 2 parcel(s)."
    assert refusal(pickup.lookup, ps[0].waybill) == "Waybill SF1000000000000 is no longer here (Picked up)."
    # the signer type is data: stored in Chinese whatever the screen's language
    assert Parcel.get_by_id(ps[0].id).signer_type == "本人"


def test_a_malformed_waybill_is_refused_in_english(english, clerk):
    assert refusal(intake.receive_parcel, "SF12", actor=clerk, now=NOW) \
        == "Too short (4 characters): SF12 is not a waybill."
    for scan in ("", "SF13856287167!9", "X" * 30, "EA123456789CN", "SF138562871673", "ZZ12345678901234"):
        refusal(intake.receive_parcel, scan, actor=clerk, now=NOW)
    # the expected format of the carrier the prefix names is read in English too
    assert "(expected SF + 13 digits)" in refusal(intake.receive_parcel, "SF138562871673",
                                                   actor=clerk, now=NOW)
    assert Parcel.select().count() == 0


def test_a_duplicate_intake_reads_in_english(english, clerk):
    first = intake.receive_parcel("SF1385628716739", actor=clerk, now=NOW)
    assert first.accepted and not CJK.search(shown(first.message))
    assert first.message.startswith("Taken in SF1385628716739") and first.message.endswith("not on the manifest")
    again = intake.receive_parcel("SF1385628716739", actor=clerk, now=NOW + dt.timedelta(minutes=5))
    assert again.duplicate and Parcel.select().count() == 1
    assert again.message == (f"Duplicate: SF1385628716739 already in — {first.pickup_code}, "
                             "In stock since 06-07 09:30.")
    delivery = intake.receive_parcel("YT8962646785389", category=Parcel.DELIVERY, courier="",
                                     actor=clerk, now=NOW)
    for r in (delivery, intake.receive_parcel("YT8962646785389", actor=clerk, now=NOW)):
        assert not CJK.search(shown(r.message).replace(r.courier or "", "")), r.message
    # the arrival event's detail is data: Chinese, as the parcel history has always stored it
    assert ParcelEvent.get(ParcelEvent.parcel == first.parcel_id).detail == "自取"


def test_a_bag_number_is_held_or_refused_in_english(english, clerk, manager):
    with pytest.raises(waybill.PossibleBagNumber) as e:
        intake.receive_parcel("4309597495550", actor=clerk, now=NOW)
    assert str(e.value).startswith("Maybe a bag number: 4309597495550 fits the ")
    assert not CJK.search(shown(str(e.value)))
    settings.update({"waybill.bag_rules": [{"carrier": "极兔", "prefix": "4", "lengths": [16]}]},
                    actor=manager, now=NOW)
    assert refusal(intake.receive_parcel, "4300123456789012", actor=clerk, now=NOW) == "Bag number, not a parcel."
    refusal(problems.find_parcel, "4300123456789012")
    with pytest.raises(waybill.BagNumber) as e:
        waybill.check_typed_waybill("4300123456789012", bag_rules=settings.get("waybill.bag_rules"))
    assert not CJK.search(shown(str(e.value)))
    assert Parcel.select().count() == 0


@settings_h(max_examples=60, deadline=None, derandomize=True, database=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scan=st.one_of(st.text("0123456789", min_size=0, max_size=22),
                      st.text("ABCDEFJKPSTXYZ0123456789 -!.", min_size=0, max_size=24),
                      st.sampled_from(["SF1385628716739", "4309597495550", "EA123456785CN",
                                       "EA123456789CN", "JDVA11408814483", "773277027280336"])))
def test_whatever_is_scanned_at_intake_the_clerk_reads_english(english, clerk, scan):
    """Invariant: a scan of latin letters, digits and punctuation is taken in, reported a duplicate,
    held or refused, and what the banner shows has no Chinese but the carrier's name."""
    try:
        r = intake.receive_parcel(scan, actor=clerk, now=NOW)
    except OutletError as exc:
        text = str(exc)
    else:
        text = r.message.replace(r.courier or "", "")
    assert text and "\n" not in text and not CJK.search(shown(text)), text


def test_the_settings_and_manifest_refusals_of_intake_read_in_english(english, clerk, manager):
    for key, value in (("waybill.bag_rules", {"carrier": "极兔"}), ("waybill.bag_rules", [{"carrier": "", "prefix": "4"}]),
                       ("waybill.bag_rules", [{"carrier": "极兔", "prefix": "x", "lengths": [13]}]),
                       ("waybill.bag_rules", [{"carrier": "极兔", "prefix": "4", "lengths": [3]}]),
                       ("waybill.bag_rules", [{"carrier": "ACME", "prefix": "4", "lengths": [13]}]),
                       ("waybill.default_carrier", "ACME"),
                       ("pickup.code_format", "{level}-{tail4}"), ("pickup.code_format", "{shelf}-{nope}"),
                       ("pickup.code_format", "{shelf"), ("pickup.code_format", "{shelf}{waybill}{waybill}")):
        refusal(settings.update, {key: value}, actor=manager, now=NOW)
    for csv in ("", "运单号,电话\n", "运单号,电话\nSF12,13812341234\n",
                "运单号,电话\nSF1385628716739,13812341234\nSF1385628716739,13812341234\n",
                "运单号,电话\nSF1385628716739,555\n"):
        refusal(intake.import_manifest, csv.encode(), filename="m.csv", actor=clerk, now=NOW)
    res = intake.import_manifest("运单号,电话\nSF1385628716739,13812341234\n".encode(), filename="m.csv",
                                 actor=clerk, now=NOW)
    assert res.message() == "Manifest m.csv imported: 1 line(s)."


def test_calls_sms_overdue_stock_check_and_problems_read_in_english(english, customer, clerk):
    ps, other = customer
    out = notify.record_outcome([ps[0].id, ps[1].id], NotifyLog.NO_ANSWER, actor=clerk, now=NOW)
    assert out.message() == "138****1234: No answer (attempt 1)."
    refusal(notify.record_outcome, [ps[0].id, other.id], NotifyLog.NOTIFIED, actor=clerk, now=NOW)
    refusal(notify.record_outcome, [], NotifyLog.NOTIFIED, actor=clerk, now=NOW)
    refusal(sms.send_sms, [ps[0].id], actor=clerk, now=NOW)                    # SMS is off
    refusal(overdue.extend, [ps[0].id], 99, actor=clerk, now=NOW)
    assert [b.label for b in overdue.buckets((7, 3, 7))] == ["3–4 days", "5–6 days", "7+ days"]
    check = stockcheck.start(None, actor=clerk, now=NOW)
    refusal(stockcheck.start, None, actor=clerk, now=NOW)
    for scan in ("3-2", ps[0].waybill, "JT9999999999999", ps[0].waybill):
        r = stockcheck.scan(check.id, scan, shelf="3", level=1, actor=clerk, now=NOW)
        assert not CJK.search(r.message), r.message
    rows = stockcheck.report(stockcheck.finish(check.id, actor=clerk, now=NOW).id)
    assert {r.kind_label for r in rows} <= {"Missing", "Extra", "Not taken in", "Misplaced"}
    refusal(problems.open_problem, ps[1].id, "其他", "", actor=clerk, now=NOW)
    refusal(problems.find_parcel, "")
    info = problems.open_problem(ps[1].id, "破损", "外箱压坏", actor=clerk, now=NOW)
    assert problems.age_text(dt.timedelta(hours=26, minutes=5)) == "1d 2h"
    assert refusal(problems.resolve_problem, info.id + 99, problems.ProblemRecord.STOCK,
                   actor=clerk, now=NOW) == "No such problem record."
    assert problems.list_problems(now=NOW)[0].reason == "破损"          # data: the stored reason


def test_chinese_mode_is_unchanged(customer, clerk):
    ps, other = customer
    confirmed = pickup.identify(code=ps[0].pickup_code, tail="1234")
    with pytest.raises(DomainError, match="^这件不是该客户的包裹$"):
        pickup.check_scan(confirmed, other.waybill)
    with pytest.raises(ValidationError, match="^单号太短（4 位）：SF12，不是运单号。$"):
        waybill.recognize("SF12")
    with pytest.raises(NotFound, match="^没有这条问题件记录。$"):
        problems.open_sender_ticket(12345, actor=clerk, now=NOW)
