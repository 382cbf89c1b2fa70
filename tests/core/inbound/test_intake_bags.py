"""Issue 17: bag numbers never refuse a real parcel; several carriers fit one number (the clerk's pick
is remembered per shape, the manifest decides first); the carrier-change key offers only carriers
the number fits."""
import datetime as dt

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as settings_h
from hypothesis import strategies as st

from outlet_desk import settings, waybill
from outlet_desk.errors import ValidationError
from outlet_desk.inbound import intake
from outlet_desk.models import AuditLog, Parcel
from outlet_desk.waybill import BagNumber, PossibleBagNumber
from tests.core.test_waybill import CORPUS

NOW = dt.datetime(2026, 6, 7, 9, 30)
EVERY_BAG = [{"carrier": "极兔", "prefix": str(d), "lengths": list(range(10, 21))} for d in range(10)]


def manifest(lines, *, clerk):
    text = "运单号,快递公司,电话\n" + "".join(f"{n},{c},13812341234\n" for n, c in lines)
    return intake.import_manifest(text.encode(), filename="到件.csv", actor=clerk, now=NOW)


@pytest.mark.parametrize("number,carrier", [("462598779470531", "韵达"), ("432542035598773", "中通")])
def test_real_waybills_starting_with_4_are_taken_in(clerk, number, carrier):
    r = intake.receive_parcel(number, actor=clerk, now=NOW)
    assert r.accepted and r.carrier == carrier


def test_a_number_fitting_the_bag_rule_and_a_format_is_held_then_taken_in_with_one_key(clerk):
    with pytest.raises(PossibleBagNumber) as e:
        intake.receive_parcel("4309597495550", actor=clerk, now=NOW)
    assert str(e.value).startswith("可能是集包单号") and Parcel.select().count() == 0
    assert e.value.waybill == "4309597495550" and "邮政" in e.value.candidates
    # the next scan is not blocked by the held one
    assert intake.receive_parcel("SF1385628716739", actor=clerk, now=NOW).accepted
    # the clerk's key: taken in as a parcel
    r = intake.receive_parcel("4309597495550", as_parcel=True, actor=clerk, now=NOW)
    assert r.accepted and set(r.candidates) == {"韵达", "邮政"}
    # known to the outlet now: a duplicate, never held again
    assert intake.receive_parcel("4309597495550", actor=clerk, now=NOW).duplicate


def test_a_number_on_the_manifest_is_a_parcel(clerk):
    manifest([("4309597495550", "邮政"), ("4612345678901", "韵达")], clerk=clerk)
    r = intake.receive_parcel("4309597495550", actor=clerk, now=NOW)
    assert r.accepted and r.carrier == "邮政" and r.manifest_matched
    assert intake.receive_parcel("4612345678901", actor=clerk, now=NOW).carrier == "韵达"


def test_a_manifest_listing_a_bag_shaped_number_is_imported_not_refused_whole(clerk, manager):
    settings.update({"waybill.bag_rules": [{"carrier": "极兔", "prefix": "4", "lengths": [13, 16]}]},
                    actor=manager, now=NOW)
    res = manifest([("SF1385628716739", "顺丰"), ("4309597495550", "邮政"),
                    ("4300123456789012", "邮政")], clerk=clerk)
    assert res.lines == 3
    r = intake.receive_parcel("4300123456789012", actor=clerk, now=NOW)   # no format, but listed
    assert r.accepted and r.carrier == "邮政"
    # the same shape unlisted: a bag number
    with pytest.raises(BagNumber, match="集包单号，不是包裹"):
        intake.receive_parcel("4300123456789013", actor=clerk, now=NOW)


def test_every_manifest_number_is_taken_in_whatever_the_bag_rules(clerk, manager):
    settings.update({"waybill.bag_rules": EVERY_BAG}, actor=manager, now=NOW)
    lines = [(n, c) for n, c, _cands, _s in CORPUS]
    manifest(lines, clerk=clerk)
    for n, c in lines:
        r = intake.receive_parcel(n, actor=clerk, now=NOW)
        assert r.accepted and r.carrier == c, n


def test_a_corpus_number_is_never_refused_only_held(clerk, manager):
    settings.update({"waybill.bag_rules": EVERY_BAG}, actor=manager, now=NOW)
    for n, _c, cands, _s in CORPUS:
        try:
            r = intake.receive_parcel(n, actor=clerk, now=NOW)
        except PossibleBagNumber as held:
            assert held.candidates and set(held.candidates) == set(cands)
            r = intake.receive_parcel(n, as_parcel=True, actor=clerk, now=NOW)
        assert r.accepted, n


def test_the_pick_is_remembered_for_the_next_number_of_the_same_shape(clerk):
    r = intake.receive_parcel("77316523125896", actor=clerk, now=NOW)
    assert r.carrier == "申通" and r.candidates == ("申通", "中通")
    intake.change_carrier(r.parcel_id, "中通", actor=clerk, now=NOW)
    assert settings.get("waybill.shape_picks") == {"14:77": "中通"}
    audit = AuditLog.get(AuditLog.action == "intake.change_carrier")
    assert "14:77" in audit.detail
    nxt = intake.receive_parcel("77316523125897", actor=clerk, now=NOW + dt.timedelta(seconds=5))
    assert nxt.carrier == "中通" and "申通" in nxt.candidates
    # another shape is not affected
    assert intake.receive_parcel("773277027280336", actor=clerk, now=NOW).carrier == "申通"
    # the manifest still decides first
    manifest([("77316523125898", "申通")], clerk=clerk)
    assert intake.receive_parcel("77316523125898", actor=clerk, now=NOW).carrier == "申通"


def test_carrier_change_offers_only_carriers_the_number_fits(clerk):
    r = intake.receive_parcel("75312345678901", actor=clerk, now=NOW)
    assert intake.carrier_choices(r.parcel_id) == ("中通",)
    with pytest.raises(ValidationError, match="不符合顺丰的单号格式"):
        intake.change_carrier(r.parcel_id, "顺丰", actor=clerk, now=NOW)
    assert Parcel.get_by_id(r.parcel_id).carrier == "中通"
    s = intake.receive_parcel("786187979245", actor=clerk, now=NOW)
    assert "顺丰" in intake.carrier_choices(s.parcel_id)
    assert intake.change_carrier(s.parcel_id, "顺丰", actor=clerk, now=NOW).carrier == "顺丰"


def test_a_held_scan_costs_no_write(clerk):
    from playhouse.test_utils import count_queries
    intake.receive_parcel("SF1385628716739", actor=clerk, now=NOW)
    with count_queries() as q:
        with pytest.raises(PossibleBagNumber):
            intake.receive_parcel("4309597495550", actor=clerk, now=NOW)
    assert not [s for s in q.get_queries() if s.msg[0].lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert waybill.shape_of("4309597495550") == "13:43"


def test_picks_setting_from_an_older_version_does_not_break_scanning(clerk):
    from outlet_desk.models import Setting
    Setting.insert(key="waybill.shape_picks", value='["not", "a", "dict"]', updated_at=NOW).execute()
    settings._invalidate()
    assert intake.receive_parcel("77316523125896", actor=clerk, now=NOW).carrier == "申通"


@settings_h(max_examples=40, deadline=None, derandomize=True, database=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=st.text("0123456789", min_size=10, max_size=20),
       carrier=st.sampled_from(["韵达", "中通", "邮政", "申通", "极兔"]),
       prefix=st.text("0123456789", min_size=1, max_size=2))
def test_a_bare_number_on_a_manifest_is_never_refused(clerk, manager, number, carrier, prefix):
    """Whatever the bag rules say, a bare number the manifest lists is taken in (or is a
    duplicate of the parcel already taken in), never refused or held."""
    settings.update({"waybill.bag_rules": [{"carrier": "极兔", "prefix": prefix,
                                            "lengths": list(range(10, 21))}]}, actor=manager, now=NOW)
    manifest([(number, carrier)], clerk=clerk)
    r = intake.receive_parcel(number, actor=clerk, now=NOW)
    assert r.accepted or r.duplicate
    assert r.waybill == number
