"""Issue 17 on the outgoing side: bag numbers never refuse a real parcel.  Sending, salesmen's
collections and e-orders use the outlet's bag rules (``waybill.bag_rules``, the same function as
intake); the dispatch BAG field takes bag numbers; the 3-day check keeps the seed's 4… rule."""
import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from outlet_desk import settings, waybill
from outlet_desk.models.eorders import EOrder
from outlet_desk.models.money import Payment
from outlet_desk.models.outgoing import CollectionLine, OutgoingParcel
from outlet_desk.outgoing import eorders, threeday
from outlet_desk.outgoing import outgoing as og
from outlet_desk.waybill import BagNumber
from tests.core.outgoing.test_outgoing import form
from tests.core.test_waybill import CORPUS

NOW = dt.datetime(2026, 6, 7, 15, 0)
REAL_4 = [("462598779470531", "韵达"), ("432542035598773", "中通"), ("4309597495550", "邮政")]
#: the 极兔 outlet's bag numbers: 4…, 13 and 16 digits; 16 digits fit no carrier's format
RULES_13_16 = [{"carrier": "极兔", "prefix": "4", "lengths": [13, 15, 16]}]
BAG_ONLY = "4300123456789013"
CSV_HEAD = "业务员,运单号,省份,城市,申报重量(kg),运费(元),付款方式\n"


@pytest.fixture
def bag_rules(manager):
    settings.update({"waybill.bag_rules": RULES_13_16}, actor=manager, now=NOW)


@pytest.fixture
def salesman(clerk):
    og.add_salesman("陈建国", actor=clerk, now=NOW)
    return "陈建国"


def _accepted_order(clerk, number="DD1"):
    o = eorders.enter_order(number, NOW - dt.timedelta(minutes=5), actor=clerk, now=NOW)
    return eorders.accept(o.id, actor=clerk, now=NOW)


# -- a 韵达/中通/邮政 outlet registers its own 4… waybills -------------------------------------
@pytest.mark.parametrize("number,carrier", REAL_4)
def test_counter_sending_takes_real_waybills_starting_with_4(clerk, bag_rules, number, carrier):
    assert carrier in waybill.recognize(number).candidates        # a real format, not a guess
    info = og.send_parcel(form(waybill=number), actor=clerk, now=NOW)
    assert info.waybill == number and Payment.get().ref == number


@pytest.mark.parametrize("number,carrier", REAL_4)
def test_salesman_collections_take_real_waybills_starting_with_4(clerk, bag_rules, salesman,
                                                                   number, carrier):
    og.import_collections((CSV_HEAD + f"陈建国,{number},浙江,杭州,1.20,10.00,现金\n").encode(),
                          actor=clerk, now=NOW)
    r = og.receive_collected(salesman, number, actor=clerk, now=NOW)
    assert r.declared and r.parcel.declared_fee_fen == 1000


@pytest.mark.parametrize("number,carrier", REAL_4)
def test_declared_by_hand_and_scanned_in(clerk, bag_rules, salesman, number, carrier):
    og.declare_collection(salesman, number, "浙江", "杭州", "1", "8", actor=clerk, now=NOW)
    assert og.receive_collected(salesman, number, actor=clerk, now=NOW).declared


@pytest.mark.parametrize("number,carrier", REAL_4)
def test_eorder_collects_real_waybills_starting_with_4(clerk, bag_rules, number, carrier):
    o = _accepted_order(clerk)
    full_width = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    row = eorders.collect(o.id, full_width, actor=clerk, now=NOW)
    assert row.status == EOrder.COLLECTED and EOrder.get_by_id(o.id).waybill == number


# -- a bare bag number (fits a bag rule and no carrier's format) is refused everywhere -------------
def test_a_bag_number_is_refused_at_the_counter_and_nothing_is_taken(clerk, bag_rules):
    with pytest.raises(BagNumber, match=f"{BAG_ONLY} 是集包单号"):
        og.send_parcel(form(waybill=BAG_ONLY), actor=clerk, now=NOW)
    assert OutgoingParcel.select().count() == 0 and Payment.select().count() == 0


def test_a_bag_number_is_refused_in_collections(clerk, bag_rules, salesman):
    text = CSV_HEAD + "陈建国,773000000001,浙江,杭州,1,1,现金\n" + f"陈建国,{BAG_ONLY},浙江,杭州,1,1,现金\n"
    with pytest.raises(BagNumber, match=f"第 3 行：{BAG_ONLY} 是集包单号"):
        og.import_collections(text.encode(), actor=clerk, now=NOW)
    with pytest.raises(BagNumber, match="集包单号"):
        og.declare_collection(salesman, BAG_ONLY, "浙江", "杭州", "1", "8", actor=clerk, now=NOW)
    with pytest.raises(BagNumber, match="集包单号"):
        og.receive_collected(salesman, BAG_ONLY, actor=clerk, now=NOW)
    assert CollectionLine.select().count() == 0 and OutgoingParcel.select().count() == 0


def test_a_bag_number_is_refused_at_eorders_full_width_too(clerk, bag_rules):
    o = _accepted_order(clerk)
    for typed in (BAG_ONLY, " ４３００１２３４５６７８９０１３", "４300123456789013"):
        with pytest.raises(BagNumber, match="集包单号"):
            eorders.collect(o.id, typed, actor=clerk, now=NOW)
    assert EOrder.get_by_id(o.id).status == EOrder.ACCEPTED


def test_with_the_default_rules_a_16_digit_number_is_no_bag(clerk):
    # the default covers the seed outlet's own bags only (极兔 4…, 13 位)
    assert og.send_parcel(form(waybill=BAG_ONLY), actor=clerk, now=NOW).waybill == BAG_ONLY


def test_a_number_the_outlet_already_has_is_a_parcel(clerk, manager, salesman):
    # declared while the rules did not cover 16 digits; then the manager adds them
    og.declare_collection(salesman, BAG_ONLY, "浙江", "杭州", "1", "8", actor=clerk, now=NOW)
    settings.update({"waybill.bag_rules": RULES_13_16}, actor=manager, now=NOW)
    assert og.receive_collected(salesman, BAG_ONLY, actor=clerk, now=NOW).declared
    o = _accepted_order(clerk)
    assert eorders.collect(o.id, BAG_ONLY, actor=clerk, now=NOW).outgoing_id is not None
    assert not og.switches_bag(BAG_ONLY)                      # registered: dispatched, not a bag
    assert og.dispatch(BAG_ONLY, "4000000000077", actor=clerk, now=NOW).in_bag == 1


# -- dispatch into bags ---------------------------------------------------------------------------
def test_dispatch_bag_field_takes_bag_numbers_and_registered_4_parcels_go_out(clerk, bag_rules):
    og.send_parcel(form(waybill="4309597495550"), actor=clerk, now=NOW)
    og.send_parcel(form(waybill="462598779470531"), actor=clerk, now=NOW)
    # the scan field: unregistered bag-rule numbers switch the bag, registered 4… parcels do not
    assert og.switches_bag("4000000000077") and og.switches_bag(BAG_ONLY)
    assert not og.switches_bag("4309597495550") and not og.switches_bag("462598779470531")
    assert not og.switches_bag("773000000001")
    assert og.dispatch("4309597495550", BAG_ONLY, actor=clerk, now=NOW).bag == BAG_ONLY
    d = og.dispatch("462598779470531", BAG_ONLY, actor=clerk, now=NOW)
    assert d.in_bag == 2
    # a bag number in the parcel slot, a parcel in the bag slot: one line each, nothing moves
    with pytest.raises(BagNumber, match="集包单号"):
        og.dispatch("4000000000078", BAG_ONLY, actor=clerk, now=NOW)
    with pytest.raises(BagNumber, match="是集包单号"):
        og.dispatch(BAG_ONLY, "4000000000077", actor=clerk, now=NOW)
    with pytest.raises(og.ValidationError, match="是已登记的快件，不是集包号"):
        og.dispatch("4309597495550", "462598779470531", actor=clerk, now=NOW)
    assert og.dispatch_counts(NOW.date()).by_bag == ((BAG_ONLY, 2),)


# -- the 3-day check keeps the seed's rule --------------------------------------------------------
def test_three_day_check_still_leaves_out_4_numbers_of_the_outlets_own_parcels(clerk):
    shipped = dt.datetime(2026, 6, 3, 18, 0)
    for number, _carrier in REAL_4:
        og.send_parcel(form(waybill=number), actor=clerk, now=shipped)
    og.send_parcel(form(waybill="773000000001"), actor=clerk, now=shipped)
    run = threeday.run_three_day_check(actor=clerk, now=NOW)
    assert (run.checked, run.excluded_bags) == (1, 3)


# -- the invariant --------------------------------------------------------------------------------
def _fits_a_format(number: str) -> bool:
    return any(re.match(p.regex, number) for p in waybill.PATTERNS)


def _matches_a_rule(number: str, rules) -> bool:
    return any(number.startswith(r["prefix"]) and len(number) in r["lengths"] for r in rules)


NUMBERS = st.one_of(st.sampled_from([n for n, *_ in CORPUS]),
                    st.text("0123456789", min_size=10, max_size=20))
RULES = st.lists(st.fixed_dictionaries({
    "carrier": st.sampled_from(["极兔", "韵达", "中通"]),
    "prefix": st.text("0123456789", min_size=1, max_size=3),
    "lengths": st.lists(st.integers(10, 20), min_size=1, max_size=4, unique=True)}), max_size=3)


@hyp_settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60,
              deadline=None)
@given(data=st.data(), rules=RULES)
def test_sending_collections_and_eorders_refuse_only_bag_rule_numbers_no_carrier_fits(
        clerk, manager, data, rules):
    number = data.draw(NUMBERS)
    if number.isdigit() and data.draw(st.booleans()):     # often a rule covering the number itself
        rules = rules + [{"carrier": "极兔", "prefix": number[:data.draw(st.integers(1, 3))],
                          "lengths": [len(number)]}]
    settings.update({"waybill.bag_rules": rules}, actor=manager, now=NOW)
    bag = _matches_a_rule(number, rules) and not _fits_a_format(number)
    for model in (OutgoingParcel, CollectionLine, Payment, EOrder):
        model.delete().execute()
    og.salesmen() or og.add_salesman("陈建国", actor=clerk, now=NOW)
    o = _accepted_order(clerk)

    def refused(call) -> bool:
        try:
            call()
        except BagNumber:
            return True
        return False

    assert refused(lambda: og.send_parcel(form(waybill=number), actor=clerk, now=NOW)) == bag
    OutgoingParcel.delete().execute()
    csv_text = CSV_HEAD + f"陈建国,{number},浙江,杭州,1,1,现金\n"
    assert refused(lambda: og.import_collections(csv_text.encode(), actor=clerk, now=NOW)) == bag
    CollectionLine.delete().execute()
    assert refused(lambda: og.receive_collected("陈建国", number, actor=clerk, now=NOW)) == bag
    OutgoingParcel.delete().execute()
    assert refused(lambda: eorders.collect(o.id, number, actor=clerk, now=NOW)) == bag
