"""Waybill recognition against real-format numbers (tests/data/waybill_corpus.csv, at least five per
carrier, each with its source), the S10 check digit, bag numbers and garbage, each refused with its
own one-line reason."""
import csv
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from outlet_desk import settings as settings_mod
from outlet_desk import waybill as w
from outlet_desk.errors import ValidationError
from outlet_desk.waybill import BadWaybill, BagNumber, PossibleBagNumber, recognize, s10_check_digit

CORPUS_FILE = Path(__file__).resolve().parents[1] / "data" / "waybill_corpus.csv"


def _corpus():
    with CORPUS_FILE.open(encoding="utf-8") as f:
        rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")]
    return [(number, carrier, tuple(cands.split("|")), source)
            for number, carrier, cands, source in rows]


CORPUS = _corpus()
BAG = w.DEFAULT_BAG_RULES


def test_corpus_covers_every_carrier_with_five_numbers():
    fits = Counter(c for _n, _c, cands, _s in CORPUS for c in set(cands))
    for carrier in w.known_carriers():
        assert fits[carrier] >= 5, carrier


@pytest.mark.parametrize("number,carrier,candidates,source", CORPUS, ids=[c[0] for c in CORPUS])
def test_corpus_number_is_recognised_with_its_candidates(number, carrier, candidates, source):
    rec = recognize(number, default="中通", bag_rules=BAG)
    assert (rec.waybill, rec.carrier, rec.candidates) == (number, carrier, candidates)


@pytest.mark.parametrize("number,carrier,candidates,source", CORPUS, ids=[c[0] for c in CORPUS])
def test_each_candidate_can_be_preferred(number, carrier, candidates, source):
    for c in candidates:
        assert recognize(number, prefer=c, bag_rules=BAG).carrier == c


def test_shentong_773_is_not_zhongtong_only():
    rec = recognize("77316523125896", default="中通")
    assert rec.carrier == "申通" and "申通" in rec.candidates


@pytest.mark.parametrize("number", ["268012345678", "268123456789", "1179854123456"])
def test_shentong_268_and_domestic_ems_do_not_silently_become_zhongtong(number):
    rec = recognize(number, default="中通")
    assert rec.carrier != "中通"


@pytest.mark.parametrize("number", ["9812345678901", "9912345678901"])
def test_post_98_99_numbers_have_a_post_row(number):
    assert recognize(number, default="中通").carrier == "邮政"


def test_shunfeng_twelve_digits_without_sf_is_a_candidate():
    rec = recognize("786187979245", default="中通")
    assert "顺丰" in rec.candidates
    assert recognize("786187979245", prefer="顺丰").carrier == "顺丰"


def test_default_carrier_decides_only_among_length_only_rows():
    # 12 digits with no known prefix: only length-only rows fit, the outlet default decides
    assert recognize("202197601431", default="顺丰").carrier == "顺丰"
    assert recognize("202197601431", default="中通").carrier == "中通"
    # a known prefix (申通 268…) is not overridden by the default
    assert recognize("268012345678", default="中通").carrier == "申通"


def test_every_table_example_is_recognised_as_a_candidate_of_its_carrier():
    for p in w.PATTERNS:
        assert p.source, p                     # each format names where it was published
        rec = recognize(p.example, prefer=p.carrier, bag_rules=[])
        assert rec.carrier == p.carrier, p


def test_s10_check_digit_weights_and_special_cases():
    assert s10_check_digit("12345678") == 5          # 204 % 11 = 6 → 5
    assert s10_check_digit("00000000") == 5          # sum 0 → 11 → 5
    serial = next(f"{n:08d}" for n in range(1, 10**5)
                  if 11 - sum(int(d) * wt for d, wt in zip(f"{n:08d}", w.S10_WEIGHTS)) % 11 == 10)
    assert s10_check_digit(serial) == 0
    assert w.s10_valid(f"EE{serial}0CN")


def test_s10_with_wrong_check_digit_is_refused_with_the_right_digit():
    with pytest.raises(BadWaybill, match="校验位.*应为 5"):
        recognize("AA123456789CN")


# -- bag numbers -------------------------------------------------------------------------------
@pytest.mark.parametrize("number", ["462598779470531", "432542035598773"])
def test_real_fifteen_digit_waybills_starting_with_4_are_not_bag_numbers(number):
    rec = recognize(number, default="中通", bag_rules=BAG)
    assert rec.possible_bag is None


@pytest.mark.parametrize("number", ["4309597495550", "4612345678901"])
def test_a_number_fitting_a_bag_rule_and_a_format_is_flagged_not_refused(number):
    rec = recognize(number, default="中通", bag_rules=BAG)
    assert rec.possible_bag == "极兔" and {"韵达", "邮政"} <= set(rec.candidates)
    # on a manifest or already at the outlet: a parcel, no flag
    assert recognize(number, bag_rules=BAG, known=True).possible_bag is None


def test_a_number_fitting_a_bag_rule_and_no_format_is_refused_as_a_bag_number():
    rules = [{"carrier": "极兔", "prefix": "4", "lengths": [16]}]
    with pytest.raises(BagNumber) as e:
        recognize("4300123456789012", bag_rules=rules)
    assert str(e.value) == "集包单号，不是包裹"


def test_bag_rule_lengths_are_per_rule():
    rules = [{"carrier": "中通", "prefix": "9", "lengths": [16]}]
    with pytest.raises(BagNumber):
        recognize("9123456789012345", bag_rules=rules)
    assert recognize("9812345678901", bag_rules=rules).possible_bag is None   # 13 digits


def test_prefixed_numbers_are_never_bag_numbers():
    assert recognize("SF4428397650166", bag_rules=[{"carrier": "顺丰", "prefix": "4",
                                                    "lengths": [15]}]).possible_bag is None


def test_possible_bag_message_names_the_candidates():
    exc = PossibleBagNumber("4309597495550", ("韵达", "邮政"), "极兔")
    assert str(exc).startswith("可能是集包单号") and "韵达、邮政" in str(exc)


@pytest.mark.parametrize("value,reason", [
    ([{"carrier": "*", "prefix": "4", "lengths": [13]}], "哪家快递公司"),
    ([{"carrier": "极兔", "prefix": "4x", "lengths": [13]}], "1–6 位数字"),
    ([{"carrier": "极兔", "prefix": "4"}], "位数"),
    ([{"carrier": "极兔", "prefix": "4", "lengths": [3]}], "位数"),
    ({"carrier": "极兔"}, "列表"),
    (["4"], "第 1 条"),
])
def test_bag_rules_are_checked_when_saved(manager, value, reason):
    with pytest.raises(ValidationError, match=reason):
        settings_mod.update({"waybill.bag_rules": value}, actor=manager, now=w_now())
    assert settings_mod.get("waybill.bag_rules") == w.DEFAULT_BAG_RULES


def test_good_bag_rules_are_saved_clean(manager):
    settings_mod.update({"waybill.bag_rules": '[{"carrier": "韵达", "prefix": "9", "lengths": [16, 16]}]'},
                        actor=manager, now=w_now())
    assert settings_mod.get("waybill.bag_rules") == [{"carrier": "韵达", "prefix": "9", "lengths": [16]}]


def w_now():
    import datetime as dt
    return dt.datetime(2026, 6, 7, 9, 30)


# -- garbage -----------------------------------------------------------------------------------
@pytest.mark.parametrize("raw,reason", [
    ("", "没有扫到单号"),
    ("12345", "太短（5 位）"),
    ("SF12345678901234567890", "太长"),
    ("SF14283976501+6", "不该有的字符“+”"),
    ("中通75312345678901", "不该有的字符“中”"),
    ("XX1234567890", "无法识别"),
    ("12345678901", "无法识别"),            # 11 digits: no carrier
    ("SF12345", "太短"),
    ("SF142839765016", "不是有效的顺丰单号"),
])
def test_garbage_gets_a_one_line_reason(raw, reason):
    with pytest.raises(BadWaybill) as e:
        recognize(raw, bag_rules=BAG)
    assert reason in str(e.value) and "\n" not in str(e.value)


def test_full_width_and_lower_case_are_folded():
    assert recognize("ｓｆ１４２８３９７６５０１６６ ").waybill == "SF1428397650166"


def test_outlet_custom_patterns_come_first():
    custom = [{"carrier": "丰网", "regex": r"^FW\d{12}$"}]
    assert recognize("FW123456789012", custom=custom).carrier == "丰网"
    with pytest.raises(BadWaybill):
        recognize("FW123456789012")
    # a broken custom regex matches nothing instead of crashing the scan
    assert recognize("SF1428397650166", custom=[{"carrier": "x", "regex": "(["}]).carrier == "顺丰"


def test_fits_says_which_carriers_a_number_can_be():
    assert w.fits("786187979245", "顺丰")
    assert not w.fits("75312345678901", "顺丰")       # a bare 14-digit number is not 顺丰
    assert not w.fits("garbage", "顺丰")


# -- invariants --------------------------------------------------------------------------------
bag_rules = st.lists(st.fixed_dictionaries({
    "carrier": st.sampled_from(["极兔", "中通", "韵达", "*"]),
    "prefix": st.text("0123456789", min_size=1, max_size=3),
    "lengths": st.lists(st.integers(10, 20), max_size=3)}), max_size=3)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(row=st.sampled_from(CORPUS), rules=bag_rules, default=st.sampled_from(w.known_carriers()))
def test_no_bag_rule_ever_refuses_a_corpus_number(row, rules, default):
    number, _carrier, candidates, _src = row
    rec = recognize(number, default=default, bag_rules=rules)
    assert set(rec.candidates) == set(candidates)
    assert recognize(number, default=default, bag_rules=rules, known=True).possible_bag is None


@settings(max_examples=2000, deadline=None, derandomize=True, database=None)
@given(raw=st.one_of(st.text(max_size=40), st.text("0123456789", min_size=8, max_size=22),
                     st.from_regex(r"[A-Z]{0,4}[0-9]{8,16}", fullmatch=True)),
       rules=bag_rules, known=st.booleans(),
       custom=st.lists(st.fixed_dictionaries({"carrier": st.text(max_size=3),
                                              "regex": st.text(max_size=8)}), max_size=2))
def test_recognition_is_total(raw, rules, known, custom):
    """Any string: a Recognized with its carrier among the candidates, or a one-line domain error."""
    try:
        rec = recognize(raw, default="中通", bag_rules=rules, custom=custom, known=known)
    except ValidationError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert rec.carrier == rec.candidates[0] and len(set(rec.candidates)) == len(rec.candidates)
    assert w.MIN_LENGTH <= len(rec.waybill) <= w.MAX_LENGTH
