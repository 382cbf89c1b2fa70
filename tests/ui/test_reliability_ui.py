"""The disk fills while the clerk scans: a clear banner, the failed scan is not shown as accepted,
nothing stored is damaged, and scanning goes on once there is space again."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt

from outlet_desk import db as db_mod
from outlet_desk.models import Parcel

from .conftest import login

NOW = dt.datetime(2026, 6, 8, 10, 30)


def scan(qtbot, field, text):
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key_Return)


def shown_waybills(screen):
    return [screen.model.row_at(i).waybill for i in range(screen.model.rowCount())]


@pytest.mark.sqlite_only
def test_full_disk_while_scanning(qtbot, make_window):
    window = make_window(now=NOW)
    login(qtbot, window, "张丽", "1111")
    qtbot.keyClick(window, Qt.Key_F2)
    screen = window.screen_by_key(2)
    qtbot.waitUntil(lambda: screen.scan.hasFocus())
    database = db_mod.database
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages}")      # the disk is full from here on
    failed = None
    for i in range(400):
        waybill = f"SF2000000000{i:03d}"
        accepted_before = screen.accepted_count
        scan(qtbot, screen.scan, waybill)
        if screen.accepted_count == accepted_before:
            failed = waybill
            break
    assert failed is not None, "the injected full disk never filled"
    assert window.banner.level == "error" and "磁盘已满" in window.banner.text()
    assert "\n" not in window.banner.text()
    assert failed not in shown_waybills(screen)                    # not shown as accepted
    assert screen.last_result is None or screen.last_result.waybill != failed
    assert failed in screen.rejected.item(0).text()                 # listed with its reason
    assert screen.scan.hasFocus() and screen.scan.text() == ""
    stored = {w for (w,) in Parcel.select(Parcel.waybill).tuples()}
    assert failed not in stored
    assert {w for w in shown_waybills(screen) if w.startswith("SF2")} <= stored
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    database.execute_sql("PRAGMA max_page_count = 1073741823")    # space is back
    scan(qtbot, screen.scan, failed)
    assert window.banner.level == "ok"
    assert shown_waybills(screen)[0] == failed
    assert Parcel.select().where(Parcel.waybill == failed).count() == 1
