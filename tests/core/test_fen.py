"""Money in one place (outlet_desk.fen): yuan text → integer fen and back."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from outlet_desk.errors import ValidationError
from outlet_desk.fen import MAX_FEN, format_yuan, parse_yuan


@pytest.mark.parametrize("text,fen", [
    ("12.5", 1250), ("12.50", 1250), ("12", 1200), ("0.1", 10), ("0.05", 5), (".5", 50), ("12.", 1200),
    ("1,000.50", 100050),            # the claims screen stored this as 100 fen
    ("12,345,678.90", 1234567890),
    ("１２．５", 1250), ("１，０００．５０", 100050),   # full-width digits, comma and point
    ("¥12.50", 1250), ("￥ 12.50", 1250), ("12.50元", 1250), (" 3 ", 300), ("+5", 500),
    ("0", 0), ("-0", 0),
])
def test_amounts_a_clerk_types(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize("text,reason", [
    ("12.345", "最多两位小数"),        # the claims screen turned this into 1234 silently
    ("1.005", "最多两位小数"),
    ("12,5", "千位分隔"), ("1,00", "千位分隔"), ("1,0000.5", "千位分隔"),
    ("1e3", "不是金额"), ("abc", "不是金额"), ("12.3.4", "不是金额"), (".", "不是金额"), ("NaN", "不是金额"),
    ("", "请输入"), ("  ", "请输入"), ("元", "请输入"),
    ("-5", "不能是负数"), ("−12.50", "不能是负数"),
    ("100000001", "太大"),
])
def test_amounts_refused_with_one_line(text, reason):
    with pytest.raises(ValidationError, match=reason) as err:
        parse_yuan(text)
    assert "\n" not in str(err.value)


def test_the_refusal_names_the_field():
    with pytest.raises(ValidationError, match="^理赔金额“12.345”最多两位小数"):
        parse_yuan("12.345", what="理赔金额")


def test_signed_amounts_where_they_make_sense():
    assert parse_yuan("-5", allow_negative=True) == -500
    assert parse_yuan("−1,000.05", allow_negative=True) == -100005
    assert parse_yuan("+2.5", allow_negative=True) == 250


def test_formatting():
    assert format_yuan(1705) == "17.05"
    assert format_yuan(5) == "0.05"
    assert format_yuan(-500) == "-5.00"
    assert format_yuan(123456789, grouping=True) == "1,234,567.89"
    assert format_yuan(100, sign=True) == "+1.00" and format_yuan(0, sign=True) == "0.00"
    assert format_yuan(None) == "" and format_yuan(None, none="—") == "—"


@given(st.integers(min_value=-MAX_FEN, max_value=MAX_FEN), st.booleans(), st.booleans())
def test_format_then_parse_gives_the_same_fen(fen, grouping, sign):
    text = format_yuan(fen, grouping=grouping, sign=sign)
    assert parse_yuan(text, allow_negative=True) == fen
    if fen >= 0:
        assert parse_yuan(text) == fen
    else:
        with pytest.raises(ValidationError):
            parse_yuan(text)


@given(st.integers(min_value=0, max_value=MAX_FEN))
def test_full_width_form_parses_too(fen):
    full = format_yuan(fen, grouping=True).translate(str.maketrans("0123456789,.", "０１２３４５６７８９，．"))
    assert parse_yuan(full) == fen
