"""Intake screen: a scanner burst at 3 ms per key, with duplicates, a bag number, garbage and
full-width digits — every valid parcel stored once, every bad scan listed with its reason."""
import datetime as dt
import random
import unicodedata

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from outlet_desk.demo.inbound import demo_waybill
from outlet_desk.models import Parcel
from outlet_desk.models.intake import ShelfSlot
from ui import sound

from .conftest import login

NOW = dt.datetime(2026, 6, 8, 10, 30)


def open_intake(qtbot, make_window):
    window = make_window(now=NOW)
    login(qtbot, window, "张丽", "1111")
    qtbot.keyClick(window, Qt.Key_F2)
    screen = window.screen_by_key(2)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is screen)
    qtbot.waitUntil(lambda: screen.scan.hasFocus())
    return window, screen


def scan(qtbot, field, text, delay=3):
    """Type like a keyboard-wedge scanner: ``keyClicks`` at ``delay`` ms per key, then Enter.
    QTest cannot type non-ASCII characters, so full-width ones are sent as key events carrying
    that text (what a scanner behind a full-width input mode produces)."""
    run = ""
    for ch in text:
        if ord(ch) < 128:
            run += ch
            continue
        if run:
            qtbot.keyClicks(field, run, delay=delay)
            run = ""
        ascii_ = unicodedata.normalize("NFKC", ch)
        key = getattr(Qt, f"Key_{ascii_}", Qt.Key_unknown) if ascii_.isalnum() else Qt.Key_unknown
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, key, Qt.NoModifier, ch))
        if delay > 0:
            qtbot.wait(delay)
    if run:
        qtbot.keyClicks(field, run, delay=delay)
    qtbot.keyClick(field, Qt.Key_Return)


def to_full_width(text):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def test_burst_of_200_scans(qtbot, make_window):
    window, screen = open_intake(qtbot, make_window)
    rng = random.Random(7)
    existing = Parcel.select(Parcel.waybill).where(Parcel.status == Parcel.IN_STOCK).first().waybill
    carriers = ["中通", "圆通", "韵达", "极兔", "申通", "顺丰", "京东", "EMS", "德邦"]
    valid = []
    while len(valid) < 180:
        wb = demo_waybill(rng, carriers[len(valid) % len(carriers)])
        if wb not in valid and not Parcel.select().where(Parcel.waybill == wb).exists():
            valid.append(wb)
    bad = {
        "12345": "太短",
        "SF14283976501+6": "不该有的字符",
        "AA123456789CN": "校验位",
        "XX1234567890": "无法识别",
    }
    full_width = {to_full_width(valid[10]): valid[10], to_full_width(valid[11]): valid[11]}
    burst = list(valid)
    burst += list(bad)
    burst += [valid[3], valid[50], existing]                      # duplicates
    burst += list(full_width)                                     # same parcels again, full-width
    burst += [valid[0], valid[1], valid[2], valid[100], valid[101], valid[150], valid[151], valid[170], valid[171], valid[172]]
    burst = burst[:199]
    assert len(burst) == 199                                      # + the held number below: 200
    order = burst[:]
    rng.shuffle(order)
    # duplicates must come after their first scan to count as duplicates: keep the first
    # appearance of every valid number before its repeats
    seen, firsts, repeats = set(), [], []
    for raw in order:
        key = full_width.get(raw, raw)
        (repeats if key in seen and key in valid else firsts).append(raw)
        seen.add(key)
    order = firsts + repeats
    # issue 17: a number that fits the bag rule and a carrier (韵达/邮政) is held, not refused; the
    # next scan leaves it out and the burst goes on being stored
    held = "4309597495550"
    order.insert(37, held)
    before = Parcel.select().count()
    sound.played.clear()
    for raw in order:
        scan(qtbot, screen.scan, raw)
        assert screen.scan.hasFocus()
    # every valid number stored exactly once, with its code unique among the shelf
    assert Parcel.select().count() == before + len(valid)
    stored = {w for (w,) in Parcel.select(Parcel.waybill).where(Parcel.waybill.in_(valid)).tuples()}
    assert stored == set(valid)
    codes = [c for (c,) in ShelfSlot.select(ShelfSlot.code).tuples()]
    assert len(codes) == len(set(codes))
    # every bad scan got its reason on the visible list, duplicates too
    items = [screen.rejected.item(i).data(Qt.UserRole) for i in range(screen.rejected.count())]
    n_dupes = len(order) - len(valid) - len(bad) - 1
    assert screen.rejected_count == len(bad) + 1 and screen.duplicate_count == n_dupes
    assert len(items) == len(bad) + n_dupes + 1
    assert [r for t, r, d in items if t == held and d][0].startswith("可能是集包单号")
    assert not Parcel.select().where(Parcel.waybill == held).exists()
    assert screen.held is None and not screen.take_held_button.isVisible()
    for raw, reason in bad.items():
        got = [r for t, r, d in items if t == raw and not d]
        assert got and reason in got[0], (raw, got)
    assert sum(1 for _t, r, d in items if d and "重复扫描" in r) == n_dupes
    assert f"{len(bad) + 1}" in screen.rejected_title.text()
    # the sounds: one error per bad scan, one duplicate sound per duplicate and for the held one
    assert list(sound.played).count(sound.ERROR) == len(bad)
    assert list(sound.played).count(sound.DUPLICATE) == n_dupes + 1
    # the list shows the newest first, the code of the last accepted parcel is on screen
    last_valid = [full_width.get(r, r) for r in firsts if full_width.get(r, r) in valid][-1]
    assert screen.model.row_at(0).waybill == last_valid
    assert screen.model.rowCount() >= len(valid)
    assert screen.last_code.text() == Parcel.get(Parcel.waybill == last_valid).pickup_code \
        or screen.last_code.text().startswith(("派送", "乡镇", "Delivery", "Township", "Problem"))


def test_category_keys_and_duplicate_banner(qtbot, make_window):
    window, screen = open_intake(qtbot, make_window)
    qtbot.keyClick(screen.scan, Qt.Key_2, Qt.AltModifier)
    assert screen.category == Parcel.DELIVERY and screen.category_buttons[Parcel.DELIVERY].isChecked()
    assert screen.scan.hasFocus()
    scan(qtbot, screen.scan, "SF1428397650166", delay=-1)
    p = Parcel.get(Parcel.waybill == "SF1428397650166")
    assert p.category == Parcel.DELIVERY and p.courier and p.pickup_code is None
    qtbot.keyClick(screen.scan, Qt.Key_1, Qt.AltModifier)
    scan(qtbot, screen.scan, "SF1428397650177", delay=-1)
    code = Parcel.get(Parcel.waybill == "SF1428397650177").pickup_code
    assert code and screen.last_code.text() == code
    scan(qtbot, screen.scan, "SF1428397650177", delay=-1)
    assert window.banner.level == "warning" and code in window.banner.text()
    assert Parcel.select().where(Parcel.waybill == "SF1428397650177").count() == 1


def test_alt_c_switches_carrier_of_bare_number_and_the_pick_is_remembered(qtbot, make_window):
    window, screen = open_intake(qtbot, make_window)
    scan(qtbot, screen.scan, "202197601431", delay=-1)         # 12 digits: 中通 or 顺丰
    assert screen.model.row_at(0).carrier == "中通" and "顺丰" in screen.last_detail.text()
    qtbot.keyClick(screen.scan, Qt.Key_C, Qt.AltModifier)
    assert Parcel.get(Parcel.waybill == "202197601431").carrier == "顺丰"
    assert screen.model.row_at(0).carrier == "顺丰" and screen.scan.hasFocus()
    # the next number of the same shape defaults to the pick
    scan(qtbot, screen.scan, "202197601432", delay=-1)
    assert Parcel.get(Parcel.waybill == "202197601432").carrier == "顺丰"
    # a number only one carrier fits: Alt+C offers nothing else (it accepted 顺丰 for digits before)
    scan(qtbot, screen.scan, "75312345678901", delay=-1)
    qtbot.keyClick(screen.scan, Qt.Key_C, Qt.AltModifier)
    assert Parcel.get(Parcel.waybill == "75312345678901").carrier == "中通"


def test_a_possible_bag_number_is_held_and_one_key_takes_it_in(qtbot, make_window):
    window, screen = open_intake(qtbot, make_window)
    scan(qtbot, screen.scan, "4309597495550", delay=-1)
    assert window.banner.level == "warning" and "可能是集包单号" in window.banner.text()
    assert screen.take_held_button.isVisible() and screen.scan.hasFocus()
    assert not Parcel.select().where(Parcel.waybill == "4309597495550").exists()
    qtbot.keyClick(screen.scan, Qt.Key_Return, Qt.AltModifier)
    p = Parcel.get(Parcel.waybill == "4309597495550")
    assert p.carrier in ("韵达", "邮政") and screen.model.row_at(0).waybill == p.waybill
    assert not screen.take_held_button.isVisible() and screen.scan.hasFocus()
    assert screen.rejected_count == 0


def test_manifest_import_from_screen(qtbot, make_window, tmp_path):
    window, screen = open_intake(qtbot, make_window)
    good = tmp_path / "arrivals.csv"
    good.write_bytes("运单号,快递公司,收件人,电话\nSF1428397650188,顺丰,赵六,13700002222\n".encode("gbk"))
    screen.import_manifest_file(str(good))
    qtbot.waitUntil(lambda: "已导入" in window.banner.text(), timeout=5000)
    scan(qtbot, screen.scan, "SF1428397650188", delay=-1)
    assert screen.model.row_at(0).phone_masked == "137****2222"
    bad = tmp_path / "bad.csv"
    bad.write_text("运单号,电话\nSF1428397650199,123\n", encoding="utf-8")
    screen.import_manifest_file(str(bad))
    qtbot.waitUntil(lambda: window.banner.level == "error", timeout=5000)
    assert "第 2 行" in window.banner.text()
    assert not Parcel.select().where(Parcel.waybill == "SF1428397650199").exists()


def test_batch_labels_open_a_preview(qtbot, make_window):
    window, screen = open_intake(qtbot, make_window)
    scan(qtbot, screen.scan, "SF1428397650166", delay=-1)
    assert screen.batch_button.isEnabled()
    job = screen.print_batch()
    qtbot.waitUntil(lambda: job.preview is not None, timeout=15000)
    dialog = screen.last_preview
    assert dialog is job.preview and dialog.document.page_count() >= 1
    dialog.close()
    job = screen.reprint_label()
    qtbot.waitUntil(lambda: job.preview is not None, timeout=15000)
    assert screen.last_preview.document.page_count() == 1
    screen.last_preview.close()
    assert screen.window().focusWidget() is screen.scan     # the next scan goes into the field


def test_the_reprinted_label_is_built_off_the_gui_thread_and_scans_go_on_meanwhile(
        qtbot, make_window, monkeypatch):
    """Alt+P: the label's rows are read and its PDF built on the IO executor; the clerk scans on
    while it builds, and the preview opens when it is ready."""
    import threading

    from outlet_desk.inbound import intake as core_intake
    from ui.screens import intake as intake_screen
    window, screen = open_intake(qtbot, make_window)
    scan(qtbot, screen.scan, "SF1428397650166", delay=-1)
    gate, where = threading.Event(), []
    real_pdf, real_rows = intake_screen.labels_pdf, core_intake.label_rows

    def slow_pdf(*a, **kw):
        where.append(threading.current_thread() is threading.main_thread())
        gate.wait(10)                          # a slow build: held until the scan below is in
        return real_pdf(*a, **kw)

    def rows(*a, **kw):
        where.append(threading.current_thread() is threading.main_thread())
        return real_rows(*a, **kw)
    monkeypatch.setattr(intake_screen, "labels_pdf", slow_pdf)
    monkeypatch.setattr(core_intake, "label_rows", rows)
    qtbot.keyClick(screen.scan, Qt.Key_P, Qt.AltModifier)
    job = screen.label_job
    assert not job.finished and job.preview is None
    qtbot.waitUntil(lambda: len(where) == 2, timeout=5000)
    assert "标签" in window.status_busy.text() or "label" in window.status_busy.text()
    scan(qtbot, screen.scan, "SF1428397650177", delay=-1)   # the counter works on meanwhile
    assert Parcel.select().where(Parcel.waybill == "SF1428397650177").exists()
    gate.set()
    qtbot.waitUntil(lambda: job.preview is not None, timeout=15000)
    assert where == [False, False]
    assert job.preview.document.page_count() == 1 and job.preview.isVisible()
    assert window.status_busy.text() == ""
    job.preview.close()


def test_reprint_of_a_parcel_without_pickup_code_says_so(qtbot, make_window):
    window, screen = open_intake(qtbot, make_window)
    scan(qtbot, screen.scan, "SF1428397650166", delay=-1)
    row = screen.model.row_at(screen._current_row_index())
    Parcel.update(pickup_code=None).where(Parcel.id == row.id).execute()
    screen.refresh()
    assert screen.reprint_label() is None
    assert "no pickup code" in window.banner.text() or "没有取件码" in window.banner.text()


def test_auto_print_without_a_printer_says_so_and_keeps_scanning(qtbot, make_window):
    from outlet_desk import settings
    from outlet_desk.permissions import SYSTEM
    window, screen = open_intake(qtbot, make_window)
    window.ctx.bus.emit_changes(settings.update({"labels.print_mode": "auto"}, actor=SYSTEM, now=NOW))
    assert screen.print_mode == "auto"
    scan(qtbot, screen.scan, "SF1428397650166", delay=-1)
    assert Parcel.select().where(Parcel.waybill == "SF1428397650166").exists()
    from ui.printing import chosen_printer
    if not chosen_printer(screen.ctx.prefs, "labels"):       # no printer on the test machine
        assert "打印" in screen.last_detail.text()
    assert screen.scan.hasFocus()


def test_list_on_screen_is_what_its_rows_say(qtbot, make_window):
    """Each scan moves the rows already on screen down instead of painting them again: what the
    window shows must stay exactly a fresh paint of the list — at the top, with a row selected,
    and scrolled down — and the newest parcel is the top row."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QImage

    window, screen = open_intake(qtbot, make_window)
    view = screen.table.viewport()

    def on_screen_matches_fresh_paint():
        shot = window.screen().grabWindow(window.winId()).toImage()
        at = view.mapTo(window, QPoint(0, 0))
        shown = shot.copy(at.x(), at.y(), view.width(), view.height()).convertToFormat(QImage.Format_RGB32)
        fresh = view.grab().toImage().convertToFormat(QImage.Format_RGB32)
        return shown == fresh

    rng = random.Random(3)
    waybills = []
    while len(waybills) < 45:
        wb = demo_waybill(rng, ["中通", "圆通", "韵达"][len(waybills) % 3])
        if wb not in waybills and not Parcel.select().where(Parcel.waybill == wb).exists():
            waybills.append(wb)
    for i, wb in enumerate(waybills):
        if i == 5:
            screen.table.selectRow(2)
        if i == 30:
            screen.table.verticalScrollBar().setValue(3)
        scan(qtbot, screen.scan, wb, delay=-1)
        assert screen.model.row_at(0).waybill == wb
        assert screen.model.index(0, 1).data() == wb
        qtbot.waitUntil(on_screen_matches_fresh_paint, timeout=2000)
    assert screen.table.selectionModel().selectedRows()[0].row() == 2 + len(waybills) - 5
    assert screen.scan.hasFocus()
