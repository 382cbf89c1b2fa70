from outlet_desk.privacy import mask_name, mask_phone, phone_tail
from outlet_desk.scan import normalize_scan


def test_mobile_number_is_masked_in_the_middle():
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("+86 138-1234-1234") == "861****1234" or mask_phone("+86 138-1234-1234").endswith("1234")
    assert "2341" not in mask_phone("13812341234")[:7]


def test_short_and_empty_numbers():
    assert mask_phone("") == ""
    assert mask_phone("88888803") == "****8803"
    assert phone_tail("138 1234 5678") == "5678"
    assert phone_tail("12") == ""


def test_name_keeps_family_name():
    assert mask_name("张三丰") == "张**"


def test_full_width_scan_is_folded_and_trimmed():
    assert normalize_scan("  ＳＦ１２３４５\u200b\r") == "SF12345"
    assert normalize_scan("yt1234") == "YT1234"
