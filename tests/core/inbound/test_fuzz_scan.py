"""Hostile scanner input (normalize_scan, and recognize_scan inside receive_parcel): 10,000 random strings (control characters, RTL marks, emoji, full-width
forms, 10 kB strings, NULs, SQL-looking text, Enter in odd places) through the intake core path.
0 crashes; each is accepted or refused with a one-line reason; a refused one changes nothing."""
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outlet_desk.errors import DomainError
from outlet_desk.inbound import intake
from outlet_desk.models import Parcel
from outlet_desk.scan import normalize_scan

NOW = dt.datetime(2026, 6, 7, 9, 30)

PIECES = [
    "SF", "YT", "JT", "ZTO", "75", "7", "9", "1234567890123", "EA123456785CN", "\x00", "\r", "\n",
    "\r\n", "\t", "\x1b[2J", "\x7f", "\u200b", "\u200e", "\u200f", "\u202e", "\u2066", "\u2028",
    "\u2029", "\ufeff", "\u00a0", "\u3000", "ＳＦ", "１２３４５６７８９０", "😀", "👨‍👩‍👧", "🇨🇳",
    "'; DROP TABLE parcel; --", "\" OR 1=1 --", "%", "_", "\\", "/*", "*/", "=cmd|' /C calc'!A0",
    "中通", "顺丰", "\ud7ff", "\U0010ffff", "ﬀ", "Ⅻ", "㍿", "ı", "ß", " ",
]

scans = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=10).map("".join),
    st.builds(lambda s, n: (s * n)[:10_240], st.text(min_size=1, max_size=16),
              st.integers(100, 2000)),                              # up to 10 kB
    st.builds(lambda a, b: a + b, st.sampled_from(["SF", "YT", "75", "JT"]),
              st.text(alphabet="0123456789０１２３\u200b\x00\r", min_size=8, max_size=16)),
)


def counts():
    """Row counts of what a scan writes, in one cheap query."""
    from outlet_desk.db import database
    return tuple(database.execute_sql(
        "SELECT (SELECT count(*) FROM parcel), (SELECT count(*) FROM parcel_event), "
        "(SELECT count(*) FROM audit_log), (SELECT count(*) FROM shelf_slot)").fetchone())


def test_normalize_scan_never_keeps_control_characters():
    assert normalize_scan("ＳＦ１２３\u200b\x00\r\n") == "SF123"
    assert normalize_scan("sf\u2028123") == "SF123"
    assert "\n" not in normalize_scan("a\nb") and normalize_scan("") == ""


@settings(max_examples=10_000, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(raw=scans)
def test_any_scanner_input_is_accepted_or_refused_with_one_line(db, clerk, raw):
    text = normalize_scan(raw)
    assert isinstance(text, str) and not any(ch in text for ch in "\x00\r\n\t\u2028\u2029")
    before = counts()
    try:
        result = intake.receive_parcel(raw, actor=clerk, now=NOW)
    except DomainError as exc:
        message = str(exc)
        assert message and len(message.splitlines()) == 1, repr(message)
        assert counts() == before                                   # a refused scan changes nothing
        return
    after = counts()
    if result.duplicate:
        assert after == before
    else:
        assert result.accepted and after[0] == before[0] + 1 and after[1] > before[1]
        assert Parcel.get_by_id(result.parcel_id).waybill == result.waybill == normalize_scan(
            result.waybill)
    assert len(result.message.splitlines()) == 1
