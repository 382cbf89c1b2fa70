"""Waybill recognition: every carrier's real-format numbers, the S10 check digit, bag numbers and
garbage, each refused with its own one-line reason."""
import pytest

from outlet_desk.services import waybill as w
from outlet_desk.services.waybill import BadWaybill, BagNumber, recognize, s10_check_digit

BAG = [{"carrier": "*", "prefix": "4"}]

# (number, carrier it must be recognised as, with the outlet default 中通)
REAL = [
    ("SF1428397650166", "顺丰"),
    ("SF1311025569870", "顺丰"),
    ("YT7512345678901", "圆通"),
    ("YT886543210987", "圆通"),          # YT + 12
    ("JT0008123456789", "极兔"),
    ("JT3104567891234", "极兔"),
    ("JDVA23456789012", "京东"),
    ("JD0123456789012", "京东"),
    ("JDX00012345678", "京东"),
    ("DPK360012345678", "德邦"),
    ("DPK200098765432", "德邦"),
    ("EA123456785CN", "EMS"),
    ("RR123456785CN", "EMS"),
    ("773123456789012", "申通"),          # 77 + 13
    ("268123456789", "中通"),             # 12 digits: fits 申通 and 中通, default decides
    ("75312345678901", "中通"),           # 14 digits
    ("7312345678901", "中通"),            # 13 digits
    ("312567890123456", "申通"),          # 15 digits not 77…: 韵达 only? see below
]


@pytest.mark.parametrize("number,carrier", REAL[:-1])
def test_real_numbers_are_recognised(number, carrier):
    rec = recognize(number, prefer="中通", bag_rules=BAG)
    assert rec.waybill == number
    assert rec.carrier == carrier


def test_fifteen_digits_not_starting_77_is_yunda():
    rec = recognize("312567890123456", prefer="中通", bag_rules=BAG)
    assert rec.carrier == "韵达" and rec.candidates == ("韵达",)


def test_every_table_example_is_recognised_as_a_candidate_of_its_carrier():
    for p in w.PATTERNS:
        rec = recognize(p.example, prefer=p.carrier, bag_rules=[])
        assert rec.carrier == p.carrier, p


def test_bare_number_fitting_several_carriers_takes_the_preferred_one_and_lists_the_others():
    rec = recognize("3125678901234", prefer="韵达", bag_rules=BAG)
    assert rec.carrier == "韵达" and rec.bare
    assert set(rec.candidates) >= {"中通", "韵达"}
    rec = recognize("1179854123456", prefer="EMS", bag_rules=BAG)
    assert rec.carrier == "EMS" and "中通" in rec.candidates
    # the default cannot override a letter prefix
    assert recognize("SF1428397650166", prefer="中通").carrier == "顺丰"


def test_s10_check_digit_weights_and_special_cases():
    assert s10_check_digit("12345678") == 5          # 204 % 11 = 6 → 5
    assert s10_check_digit("00000000") == 5          # sum 0 → 11 → 5
    # find serials whose raw check is 10 → 0
    serial = next(f"{n:08d}" for n in range(1, 10**5)
                  if 11 - sum(int(d) * wt for d, wt in zip(f"{n:08d}", w.S10_WEIGHTS)) % 11 == 10)
    assert s10_check_digit(serial) == 0
    assert w.s10_valid(f"EE{serial}0CN")


def test_s10_with_wrong_check_digit_is_refused_with_the_right_digit():
    with pytest.raises(BadWaybill, match="校验位.*应为 5"):
        recognize("AA123456789CN")


@pytest.mark.parametrize("number", ["4300123456789", "400123456789012", "41234567890123"])
def test_bag_numbers_are_refused(number):
    with pytest.raises(BagNumber) as e:
        recognize(number, prefer="中通", bag_rules=BAG)
    assert str(e.value) == "集包单号，不是包裹"


def test_bag_rule_for_one_carrier_only_applies_to_that_carrier():
    rules = [{"carrier": "韵达", "prefix": "9", "lengths": [13]}]
    with pytest.raises(BagNumber):
        recognize("9125678901234", prefer="韵达", bag_rules=rules)
    assert recognize("9125678901234", prefer="中通", bag_rules=rules).carrier == "中通"


def test_prefixed_numbers_starting_with_letters_are_never_bag_numbers():
    assert recognize("SF4428397650166", bag_rules=BAG).carrier == "顺丰"


@pytest.mark.parametrize("raw,reason", [
    ("", "没有扫到单号"),
    ("12345", "太短（5 位）"),
    ("SF12345678901234567890", "太长"),
    ("SF14283976501+6", "不该有的字符“+”"),
    ("中通75312345678901", "不该有的字符“中”"),
    ("XX1234567890", "无法识别"),
    ("12345678901", "无法识别"),            # 11 digits: no carrier
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
