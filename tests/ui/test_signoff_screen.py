"""Sign-off screen (F6): scan 300 parcels, upload to a real receiver on loopback, counts reach zero."""
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from devtools.hqserver import serve_in_thread
from outlet_desk import settings
from outlet_desk.models import Outbox, Parcel
from outlet_desk.models.signoff import Signoff
from outlet_desk.permissions import SYSTEM
from outlet_desk.signoff import outbox

from ..factories import make_parcel
from .conftest import DEMO_NOW, login


def open_screen(qtbot, window):
    login(qtbot, window, "张丽", "1111")
    qtbot.keyClick(window, Qt.Key_F6)
    screen = window.screen_by_key(6)
    assert window.stack.currentWidget() is screen
    return screen


def test_sign_300_by_scanning_then_upload_to_zero_pending(qtbot, make_window, tmp_path):
    window = make_window()
    screen = open_screen(qtbot, window)
    waybills = [f"ZT8{i:012d}" for i in range(300)]
    for wb in waybills:
        make_parcel(wb, status=Parcel.RELEASED, released_at=DEMO_NOW - dt.timedelta(minutes=30),
                    signer_type="本人")
    screen.refresh()
    field = screen.sign_scan
    assert field.hasFocus()
    for wb in waybills:
        qtbot.keyClicks(field, wb)
        qtbot.keyClick(field, Qt.Key_Return)
    assert window.banner.level == "ok"
    assert Signoff.select().join(Parcel).where(Parcel.waybill.startswith("ZT8")).count() == 300
    assert field.hasFocus()                       # focus stays on the scan field after every scan
    server = serve_in_thread(port=0, db_path=tmp_path / "hq.db")
    try:
        settings.update({"upload.url": server.url, "upload.batch_size": 50}, actor=SYSTEM,
                        now=DEMO_NOW)
        pending = outbox.pending_count()
        assert pending >= 300
        screen.tabs.setCurrentIndex(2)
        qtbot.mouseClick(screen.upload_button, Qt.LeftButton)
        assert screen.progress_dialog is not None      # large batch: cancellable progress
        qtbot.waitUntil(lambda: outbox.pending_count() == 0 and screen.upload_button.isEnabled(),
                        timeout=60000)
        assert screen.progress_dialog is None
        shown = screen.count_pending.text().replace("：", ":").split(":")[-1].strip()
        assert shown == "0"
        held = {r["waybill"] for r in server.store.records(limit=10000)}
        assert set(waybills) <= held
        assert server.store.summary()["records"] == Outbox.select().where(
            Outbox.status == Outbox.SENT, Outbox.sent_at >= DEMO_NOW).count()
    finally:
        server.stop()


def test_countdown_then_warning_in_screen_and_status_bar(qtbot, make_window):
    window = make_window(now=DEMO_NOW.replace(hour=15))
    screen = open_screen(qtbot, window)
    make_parcel("YT7000000000001", status=Parcel.RELEASED, released_at=DEMO_NOW, signer_type="本人")
    screen.refresh()
    window.refresh_status()
    assert screen.cutoff.property("late") is True
    assert "14:00" in screen.cutoff.text() and "14:00" in window.status_signoff.text()
    assert "c62828" in window.status_signoff.styleSheet()


def test_undo_fix_and_export_from_the_screen(qtbot, make_window, tmp_path):
    window = make_window()
    screen = open_screen(qtbot, window)
    make_parcel("YT7000000000002", status=Parcel.RELEASED, released_at=DEMO_NOW, signer_type="本人")
    screen.refresh()
    qtbot.keyClicks(screen.sign_scan, "YT7000000000002")
    qtbot.keyClick(screen.sign_scan, Qt.Key_Return)
    qtbot.keyClicks(screen.sign_scan, "YT7000000000002")      # twice: one-line reason, no change
    qtbot.keyClick(screen.sign_scan, Qt.Key_Return)
    assert window.banner.level == "error" and "已于" in window.banner.label.text()
    screen.refresh()
    screen.signed_view.selectRow(0)
    assert screen.signed_model.row_at(0).waybill == "YT7000000000002"
    screen.undo_selected()
    assert Parcel.get(Parcel.waybill == "YT7000000000002").signed_at is None
    # the demo left one record rejected with a reason: fix it from the upload tab
    screen.refresh()
    assert screen.rejected_model.rowCount() == 1
    assert screen.rejected_model.row_at(0).last_error
    screen.rejected_view.selectRow(0)
    screen.fix_selected(signer_type="门卫", signer_name="王师傅")
    assert outbox.counts().rejected == 0
    screen.refresh()
    assert screen.rejected_model.rowCount() == 0
    job = screen.export_to(str(tmp_path / "today.csv"))      # in the background
    qtbot.waitUntil(lambda: job.finished, timeout=10_000)
    assert (tmp_path / "today.csv").read_text(encoding="utf-8-sig").startswith("运单号,")
    assert "today.csv" in window.banner.text()


def test_scan_out_and_courier_report_from_the_delivery_tab(qtbot, make_window):
    window = make_window()
    screen = open_screen(qtbot, window)
    make_parcel("YD6000000000001", category=Parcel.DELIVERY, shelf=None)
    make_parcel("YD6000000000002", category=Parcel.DELIVERY, shelf=None)
    screen.tabs.setCurrentIndex(0)
    assert screen.out_scan.hasFocus()
    screen.courier.setCurrentText("陈军")
    for wb in ("YD6000000000001", "YD6000000000002"):
        qtbot.keyClicks(screen.out_scan, wb)
        qtbot.keyClick(screen.out_scan, Qt.Key_Return)
    assert Parcel.get(Parcel.waybill == "YD6000000000002").courier == "陈军"
    screen.refresh()
    assert {r.waybill for r in screen.out_model.rows} >= {"YD6000000000001", "YD6000000000002"}
    qtbot.keyClicks(screen.report_scan, "YD6000000000001")
    qtbot.keyClick(screen.report_scan, Qt.Key_Return)
    assert Parcel.get(Parcel.waybill == "YD6000000000001").status == Parcel.DELIVERED
    screen.refresh()
    row = next(i for i, r in enumerate(screen.out_model.rows) if r.waybill == "YD6000000000002")
    screen.out_view.selectRow(row)
    screen.report_selected_delivered()
    assert Parcel.get(Parcel.waybill == "YD6000000000002").status == Parcel.DELIVERED
    # both now wait in the sign-off queue under that courier
    screen.refresh()
    screen.f_courier.setCurrentIndex(screen.f_courier.findData("陈军"))
    assert {r.waybill for r in screen.queue_model.rows} >= {"YD6000000000001", "YD6000000000002"}


def test_manager_reverses_an_uploaded_signoff_with_a_reason(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    qtbot.keyClick(window, Qt.Key_F6)
    screen = window.screen_by_key(6)
    make_parcel("YT7000000000009", status=Parcel.RELEASED, released_at=DEMO_NOW, signer_type="本人")
    screen.refresh()
    qtbot.keyClicks(screen.sign_scan, "YT7000000000009")
    qtbot.keyClick(screen.sign_scan, Qt.Key_Return)
    Outbox.update(status=Outbox.SENT, sent_at=DEMO_NOW, attempts=1).where(
        Outbox.status == Outbox.PENDING).execute()
    screen.refresh()
    assert screen.reverse_button.isVisibleTo(screen)
    screen.signed_view.selectRow(0)
    screen.undo_selected()
    assert window.banner.level == "error" and "店长" in window.banner.label.text()
    screen.reverse_selected(reason="派件员误报")
    assert window.banner.level == "ok"
    assert Outbox.select().where(Outbox.kind == "signoff_correction").count() == 1
    assert Parcel.get(Parcel.waybill == "YT7000000000009").signed_at is None


def test_the_fix_dialog_leaves_the_counter_and_the_scanner_working(qtbot, make_window):
    """FixDialog was modal (exec()): while it was open nothing could be signed."""
    from tests.ui.test_scanner import Keys
    window = make_window()
    screen = open_screen(qtbot, window)
    make_parcel("YT7000000000003", status=Parcel.RELEASED, released_at=DEMO_NOW, signer_type="本人")
    screen.tabs.setCurrentIndex(2)
    screen.refresh()
    screen.rejected_view.selectRow(0)
    dlg = screen.fix_selected()
    assert dlg.isVisible() and not dlg.isModal() and QApplication.activeModalWidget() is None
    # back at the sign tab (the main window still takes clicks); the dialog keeps the focus
    screen.tabs.setCurrentIndex(1)
    dlg.activateWindow()
    dlg.signer_name.setFocus()
    qtbot.waitUntil(dlg.isActiveWindow)
    typed = dlg.signer_name.text()
    Keys().scan(dlg.signer_name, "YT7000000000003")
    assert Signoff.select().join(Parcel).where(Parcel.waybill == "YT7000000000003").exists()
    assert dlg.signer_name.text() == typed and dlg.isVisible()   # the burst never went in there
    # 确定 stores the fix and closes the dialog
    dlg.signer_type.setCurrentText("门卫")
    dlg.signer_name.setText("王师傅")
    dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
    assert outbox.counts().rejected == 0
    assert not dlg.isVisible() and screen.fix_dialog is None
