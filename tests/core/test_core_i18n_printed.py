"""Printed documents stay in the outlet's language (issue 18).

The screen may be in English, but the daily report, the roster, labels and receipts are read by the
outlet, its couriers and head office: they are built in Chinese (``i18n.outlet_language``).  They
are built on a worker thread while the GUI thread goes on in English, so the switch is per thread.
"""
import datetime as dt
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from outlet_desk import i18n
from outlet_desk.dayclose import dayclose as dc
from outlet_desk.dayclose import report_pdf as daily_report
from outlet_desk.models.money import Payment
from tests.pdfcheck import pdf_text

DAY = dt.date(2026, 6, 7)
EVENING = dt.datetime(2026, 6, 7, 19, 30)


@pytest.fixture
def english():
    assert i18n.set_language("en")
    yield
    i18n.set_language(i18n.DEFAULT)


def test_the_daily_report_is_chinese_when_the_screen_is_english(db, clerk, english):
    Payment.create(day=DAY, at=dt.datetime(2026, 6, 7, 12), kind=Payment.SENDING_FEE, method="现金",
                   amount_fen=5280)
    dc.save_count(DAY, cash_denominations={2000: 2, 1000: 1, 100: 2, 50: 1, 10: 3},
                  actor=clerk, now=EVENING)
    # the screen reads English: the same words the report would get if it followed the screen
    assert dc.denomination_label(2000) == "20 yuan" and dc.denomination_label(50) == "5 jiao"
    assert dc.ledger(DAY).shelf.text == "No stock check today"
    text = pdf_text(daily_report.build_for_day(DAY, now=dt.datetime(2026, 6, 7, 20)))
    assert "20 元 × 2" in text and "5 角 × 1" in text and "1 角 × 3" in text, text
    assert "今日未盘点" in text
    assert not re.search(r"\b(yuan|jiao|stock check)\b", text, re.I), text
    assert i18n.language() == "en" and dc.denomination_label(2000) == "20 yuan"   # the screen's again


def test_the_switch_holds_only_for_the_building_thread():
    """A worker building a PDF reads Chinese while the GUI thread, at the same moment, reads English."""
    inside, release = threading.Event(), threading.Event()

    def build():
        with i18n.outlet_language():
            inside.set()
            release.wait(5)
            return i18n.language(), dc.denomination_label(100)

    assert i18n.set_language("en")
    try:
        with ThreadPoolExecutor(1) as pool:
            job = pool.submit(build)
            assert inside.wait(5)
            assert i18n.language() == "en" and dc.denomination_label(100) == "1 yuan"
            release.set()
            assert job.result(5) == ("zh_CN", "1 元")
            # the worker thread is reused: after the build it follows the screen again
            assert pool.submit(lambda: dc.denomination_label(100)).result(5) == "1 yuan"
    finally:
        i18n.set_language(i18n.DEFAULT)


def test_a_failed_build_gives_the_language_back(english):
    @i18n.in_outlet_language
    def broken():
        assert dc.denomination_label(100) == "1 元"
        raise RuntimeError("printer font missing")

    with pytest.raises(RuntimeError):
        broken()
    with i18n.outlet_language():
        with i18n.outlet_language():
            assert i18n.chinese()
        assert i18n.chinese()
    assert not i18n.chinese() and dc.denomination_label(100) == "1 yuan"


def test_the_roster_on_the_wall_is_chinese_when_the_screen_is_english(db, manager, clerk, clerk_b, english):
    from outlet_desk.shifts import roster
    now = dt.datetime(2026, 5, 20, 10)
    roster.generate_month("2026-06", actor=manager, now=now)
    for who in (clerk, clerk_b):    # both off on the 10th: "nobody" is printed under the grid
        roster.set_cell(who.id, dt.date(2026, 6, 10), roster.REST, actor=manager, now=now)
    problems = [p for p in roster.grid("2026-06", layer="draft").problems if p.kind == "nobody"]
    assert problems and not re.search("[\u4e00-\u9fff]", problems[0].message)   # the screen's English
    text = pdf_text(roster.roster_pdf("2026-06", layer="draft", now=now))
    assert "排班问题" in text and "6月10日" in text, text
    assert not re.findall(r"[A-Za-z]{3,}", text), text
