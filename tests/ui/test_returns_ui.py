"""Returns screen (F5): a whole return with the fake camera, a forward with file import, the
camera fallback; problems screen (F4): register and resolve, the overdue list."""
import json

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from outlet_desk import duty_events
from outlet_desk.models import Outbox, Parcel, ParcelEvent
from outlet_desk.models.duty import DutyEvent
from outlet_desk.models.evidence import Photo
from outlet_desk.models.returns import ReturnRecord
from tests.ui.fakes import FakeCamera

from .conftest import login
from .test_background import page_mm, record_threads


def stock_parcel(exclude=()):
    q = (Parcel.select().where((Parcel.status == Parcel.IN_STOCK) & (~Parcel.problem)
                               & (Parcel.category == Parcel.PICKUP) & Parcel.id.not_in(list(exclude) or [0]))
         .order_by(Parcel.arrived_at.desc()))
    return q.first()


def scan(qtbot, field, text):
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key_Return)


def open_returns(qtbot, window):
    login(qtbot, window, "张丽", "1111")
    qtbot.keyClick(window, Qt.Key_F5)
    screen = window.screen_by_key(5)
    assert window.stack.currentWidget() is screen
    return screen


def red_image() -> QImage:
    img = QImage(640, 480, QImage.Format_RGB32)
    img.fill(QColor(200, 20, 30))
    return img


def test_a_whole_return_with_the_camera(qtbot, make_window, tmp_path, monkeypatch):
    from outlet_desk.inbound import returns
    on_main = record_threads(monkeypatch, returns, "red_label_pdf")
    window = make_window()
    screen = open_returns(qtbot, window)
    parcel = stock_parcel()
    assert screen.scan.hasFocus()

    # start from a scan
    scan(qtbot, screen.scan, parcel.waybill)
    assert screen.pages.currentIndex() == 1 and screen.form.waybill.text() == parcel.waybill
    screen.form.reason.setCurrentText("拒收")
    screen.form.note.insert("收件人当面拒收")  # QTest types ASCII only
    screen.form.sender_name.insert("优品电商")  # QTest types ASCII only
    screen.form.reason.setFocus()
    qtbot.keyClick(screen.form.reason, Qt.Key_Return)       # Enter anywhere in the form starts it
    assert Parcel.get_by_id(parcel.id).status == Parcel.RETURNING
    assert screen.pages.currentIndex() == 2
    assert "红标签" in screen.state.text() and "照片" in screen.state.text()
    assert screen.scan.hasFocus()

    # dispatch refused while the checklist is incomplete: the banner names what is missing
    screen.tabs.setCurrentIndex(1)
    scan(qtbot, screen.dispatch_scan, parcel.waybill)
    assert window.banner.level == "error"
    assert "红标签已贴" in window.banner.text() and "已拍照留底" in window.banner.text()
    assert Parcel.get_by_id(parcel.id).status == Parcel.RETURNING
    assert screen.dispatch_scan.hasFocus()

    # back to the checklist: tick the label
    screen.tabs.setCurrentIndex(0)
    scan(qtbot, screen.scan, parcel.waybill)
    qtbot.mouseClick(screen.label_button, Qt.LeftButton)
    rec = ReturnRecord.get(ReturnRecord.parcel == parcel.id)
    assert rec.label_at is not None and rec.label_by.name == "张丽"
    assert not screen.label_button.isEnabled()

    # a photo from the (fake) camera
    camera = FakeCamera(red_image())
    screen.camera_factory = lambda: camera
    qtbot.mouseClick(screen.photo_button, Qt.LeftButton)
    dialog = screen.camera_dialog
    assert dialog is not None and dialog.isVisible() and camera.started
    qtbot.mouseClick(dialog.capture_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: Photo.select().where(Photo.ref == str(rec.id)).count() == 1)
    assert screen.thumbs.count() == 1
    photo = Photo.get(Photo.ref == str(rec.id))
    assert (window.ctx.home / "photos" / photo.hash[:2] / photo.hash[2:4] / f"{photo.hash}.jpg").exists()
    assert "ready to dispatch" in screen.state.text() or "可以发出" in screen.state.text()

    # click the thumbnail: full size
    screen.open_photo(screen.thumbs.item(0))
    assert screen.viewer.isVisible() and not screen.viewer.delete_button.isVisible()  # clerk
    screen.viewer.close()

    # the red label, printed to PDF
    out = tmp_path / "red.pdf"
    job = screen.print_label(output_file=str(out))
    qtbot.waitUntil(lambda: job.pages is not None, timeout=20000)
    assert job.pages == 1 and out.read_bytes().startswith(b"%PDF")
    job = screen.print_label()
    qtbot.waitUntil(lambda: job.preview is not None, timeout=20000)
    preview = job.preview
    assert screen.preview_dialog is preview
    assert on_main == [False, False]                  # both built off the GUI thread
    assert page_mm(preview) == (100, 75)              # returns.red_label_size
    saved = preview.save(str(tmp_path / "red-preview.pdf"))
    assert saved and (tmp_path / "red-preview.pdf").read_bytes().startswith(b"%PDF")
    preview.close()

    # dispatch
    screen.tabs.setCurrentIndex(1)
    scan(qtbot, screen.dispatch_scan, parcel.waybill)
    assert window.banner.level == "ok", window.banner.text()
    assert Parcel.get_by_id(parcel.id).status == Parcel.RETURNED
    assert screen.dispatched_model.rowCount() == 1
    box = Outbox.get(Outbox.kind == "return_dispatch", Outbox.status == Outbox.PENDING)
    assert json.loads(box.payload)["waybill"] == parcel.waybill
    assert ParcelEvent.select().where((ParcelEvent.parcel == parcel.id)
                                      & (ParcelEvent.kind == ParcelEvent.RETURNED)).count() == 1
    # the list shows it dispatched today with its checklist
    screen.tabs.setCurrentIndex(2)
    rows = [r for r in screen.list_model.rows if r.waybill == parcel.waybill]
    assert rows and rows[0].status == "dispatched" and rows[0].label_done and rows[0].photo_count == 1


def test_a_forward_of_a_mis_sorted_parcel_with_file_import(qtbot, make_window, tmp_path):
    window = make_window()
    screen = open_returns(qtbot, window)
    parcel = stock_parcel()
    picture = tmp_path / "parcel.png"
    Image.new("RGB", (1200, 900), (180, 20, 20)).save(picture)
    screen.choose_file = lambda: str(picture)

    scan(qtbot, screen.scan, parcel.waybill)
    screen.form.kind.setCurrentIndex(screen.form.kind.findData("forward"))
    screen.form.reason.setCurrentText("错分")
    assert screen.form.mis_sorted.isChecked()
    qtbot.keyClicks(screen.form.dest_code, "805")
    screen.form.dest_name.insert("城东快递网点")  # QTest types ASCII only
    qtbot.mouseClick(screen.start_button, Qt.LeftButton)
    assert Parcel.get_by_id(parcel.id).status == Parcel.FORWARDING
    assert screen.struck_button.isVisible()

    qtbot.mouseClick(screen.label_button, Qt.LeftButton)
    qtbot.mouseClick(screen.import_button, Qt.LeftButton)
    assert screen.thumbs.count() == 1
    screen.tabs.setCurrentIndex(1)
    scan(qtbot, screen.dispatch_scan, parcel.waybill)
    assert window.banner.level == "error" and "803" in window.banner.text()
    screen.tabs.setCurrentIndex(0)
    scan(qtbot, screen.scan, parcel.waybill)
    qtbot.mouseClick(screen.struck_button, Qt.LeftButton)
    screen.tabs.setCurrentIndex(1)
    scan(qtbot, screen.dispatch_scan, parcel.waybill)
    assert window.banner.level == "ok", window.banner.text()
    assert Parcel.get_by_id(parcel.id).status == Parcel.FORWARDED
    box = Outbox.get(Outbox.kind == "forward_dispatch")
    assert json.loads(box.payload)["dest_code"] == "805"


def test_no_camera_falls_back_to_file_import(qtbot, make_window, tmp_path):
    window = make_window()
    screen = open_returns(qtbot, window)
    parcel = stock_parcel()
    picture = tmp_path / "p.png"
    Image.new("RGB", (300, 200), (10, 200, 10)).save(picture)
    asked = []
    screen.choose_file = lambda: asked.append(1) or str(picture)
    scan(qtbot, screen.scan, parcel.waybill)
    qtbot.keyClick(screen.form.note, Qt.Key_Return)
    # the real camera: there is none on the test machine
    qtbot.mouseClick(screen.photo_button, Qt.LeftButton)
    assert window.banner.level == "ok" and asked == [1] and screen.thumbs.count() == 1
    # a camera that vanishes mid-way
    camera = FakeCamera(red_image())
    screen.camera_factory = lambda: camera
    qtbot.mouseClick(screen.photo_button, Qt.LeftButton)
    camera.vanish()
    assert "摄像头已断开" in window.banner.text() or window.banner.level == "ok"
    assert asked == [1, 1] and screen.thumbs.count() == 1     # the same picture is kept once
    from shiboken6 import isValid
    assert not isValid(screen.camera_dialog) or not screen.camera_dialog.isVisible()


def test_bad_photo_file_gets_a_one_line_reason(qtbot, make_window, tmp_path):
    window = make_window()
    screen = open_returns(qtbot, window)
    parcel = stock_parcel()
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a picture")
    scan(qtbot, screen.scan, parcel.waybill)
    qtbot.keyClick(screen.form.note, Qt.Key_Return)
    before = Photo.select().count()
    screen.import_photo(str(bad))
    assert window.banner.level == "error" and "不是图片" in window.banner.text()
    assert Photo.select().count() == before and screen.thumbs.count() == 0


def test_problem_queue_and_overdue_list(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "王芳", "2222")
    qtbot.keyClick(window, Qt.Key_F4)
    screen = window.screen_by_key(4)
    assert window.stack.currentWidget() is screen
    day = window.ctx.now().date()
    assert DutyEvent.select().where((DutyEvent.day == day)
                                    & (DutyEvent.key == duty_events.PROBLEMS_REVIEWED)).exists()
    before = screen.queue_model.rowCount()
    parcel = stock_parcel()
    scan(qtbot, screen.scan, parcel.waybill)
    assert screen.reason.hasFocus()
    screen.reason.setCurrentText("无人接听")
    screen.note.insert("打了三次没人接")  # QTest types ASCII only
    qtbot.keyClick(screen.note, Qt.Key_Return)
    assert Parcel.get_by_id(parcel.id).problem
    assert screen.queue_model.rowCount() == before + 1
    assert screen.scan.hasFocus()
    row = [i for i, r in enumerate(screen.queue_model.rows) if r.waybill == parcel.waybill][0]
    screen.queue_view.selectRow(row)
    qtbot.keyClick(screen.queue_view, Qt.Key_1, Qt.ControlModifier)     # back to stock
    assert not Parcel.get_by_id(parcel.id).problem
    assert all(r.waybill != parcel.waybill for r in screen.queue_model.rows)

    # resolve another by forwarding it, through the dialog
    screen.queue_view.selectRow(0)
    target = screen.queue_model.rows[0]
    dialog = screen.resolve("forward")
    dialog.form.dest_code.setText("806")
    dialog.form.dest_name.setText("城西快递网点")
    dialog.submit()
    assert Parcel.get_by_id(target.parcel_id).status == Parcel.FORWARDING

    # overdue tab: viewed = reviewed; remind again; send to return
    screen.tabs.setCurrentIndex(1)
    assert DutyEvent.select().where(DutyEvent.key == duty_events.OVERDUE_REVIEWED).exists()
    assert screen.overdue_model.rowCount() > 0
    first = screen.overdue_model.rows[0]
    screen.overdue_view.selectRow(0)
    qtbot.mouseClick(screen.remind_button, Qt.LeftButton)
    assert ParcelEvent.select().where((ParcelEvent.parcel == first.parcel_id)
                                      & (ParcelEvent.kind == ParcelEvent.NOTIFIED)
                                      & (ParcelEvent.detail == "再次提醒")).exists()
    screen.overdue_view.selectRow(0)
    assert screen.send_to_return() == 1
    assert Parcel.get_by_id(first.parcel_id).status == Parcel.RETURNING
    assert all(r.parcel_id != first.parcel_id for r in screen.overdue_model.rows)


def test_manager_deletes_a_photo_with_a_reason(qtbot, make_window):
    from outlet_desk.inbound import returns
    from outlet_desk.models import AuditLog
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    qtbot.keyClick(window, Qt.Key_F5)
    screen = window.screen_by_key(5)
    row = [r for r in returns.list_returns(scope="open", now=window.ctx.now()) if r.photo_count][0]
    screen.open_record(row.id)
    assert screen.thumbs.count() == 1
    screen.open_photo(screen.thumbs.item(0))
    viewer = screen.viewer
    assert viewer.delete_button.isVisible()
    path = screen.thumbs.item(0).data(Qt.UserRole).path
    viewer.ask_delete("拍到了顾客的脸")
    assert not path.exists() and screen.thumbs.count() == 0
    assert "照片" in screen.state.text()                          # the item is missing again
    assert AuditLog.select().where(AuditLog.action == "evidence.delete").count() == 1


def test_the_delete_button_asks_for_the_reason(qtbot, make_window, monkeypatch):
    """The button itself: its clicked(bool) once arrived as reason=False and deleted unasked."""
    from PySide6.QtWidgets import QInputDialog

    from outlet_desk.inbound import returns
    from outlet_desk.models import AuditLog
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    qtbot.keyClick(window, Qt.Key_F5)
    screen = window.screen_by_key(5)
    row = [r for r in returns.list_returns(scope="open", now=window.ctx.now()) if r.photo_count][0]
    screen.open_record(row.id)
    screen.open_photo(screen.thumbs.item(0))
    asked = []
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **kw: asked.append(a[1]) or ("拍到了顾客的脸", True))
    qtbot.mouseClick(screen.viewer.delete_button, Qt.LeftButton)
    assert asked and screen.thumbs.count() == 0
    entry = AuditLog.select().where(AuditLog.action == "evidence.delete").get()
    assert "拍到了顾客的脸" in entry.detail


def test_problem_with_photo_attached(qtbot, make_window, tmp_path):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    qtbot.keyClick(window, Qt.Key_F4)
    screen = window.screen_by_key(4)
    picture = tmp_path / "broken.png"
    Image.new("RGB", (500, 400), (120, 90, 60)).save(picture)
    parcel = stock_parcel()
    scan(qtbot, screen.scan, parcel.waybill)
    screen.reason.setCurrentText("破损")
    screen.attach_photo(str(picture))
    screen.note.insert("外箱破了")  # QTest types ASCII only
    qtbot.keyClick(screen.note, Qt.Key_Return)
    row = [i for i, r in enumerate(screen.queue_model.rows) if r.waybill == parcel.waybill][0]
    assert screen.queue_model.rows[row].photo_hash
    viewer = screen.show_photo(row)
    assert viewer.isVisible() and not viewer.image.pixmap().isNull()
    viewer.close()
