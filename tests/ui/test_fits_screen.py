"""Every screen, tab and dialog fits a 1366×768 counter PC (minus a 40 px taskbar) and 1920×1080.

"Fits" is what a clerk would notice: the window's minimum size is inside the screen's free area,
no visible control lies outside the window, each screen's minimum fits its room, and a column of codes
(waybills, pickup codes) is wide enough for every code it shows.  A banner appearing or fading
moves nothing.
"""
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QWidget,
)

from tests.ui.conftest import login
from ui.geometry import fit_into_screen

TITLE_BAR = 30          # a window manager's title bar (openbox: 20 px; Windows: 31 px)
AREAS = {"1366x768": QRect(0, 0, 1366, 728), "1920x1080": QRect(0, 0, 1920, 1040)}
CODE_HEADERS = ("运单号", "取件码", "Waybill", "Pickup code", "单号")


def _window_size(area: QRect):
    return area.width(), area.height() - TITLE_BAR


def _controls(root: QWidget):
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QLabel)
    return [w for w in root.findChildren(QWidget) if isinstance(w, kinds) and w.isVisible()
            and w.width() > 0 and w.height() > 0]


def _in_inner_scroll_area(w: QWidget, root: QWidget) -> bool:
    """Inside a scroll area of its own (a long settings list): reached by scrolling that area,
    which itself must be inside the window."""
    p = w.parentWidget()
    while p is not None and p is not root:
        if isinstance(p, QAbstractScrollArea):
            return True
        p = p.parentWidget()
    return False


def _outside(root: QWidget) -> list[str]:
    """Visible controls not wholly inside ``root`` (the window)."""
    bad = []
    frame = root.rect()
    for w in _controls(root):
        if _in_inner_scroll_area(w, root):
            continue
        top_left = w.mapTo(root, QPoint(0, 0))
        rect = QRect(top_left, w.size())
        if not frame.contains(rect):
            bad.append(f"{type(w).__name__} {w.objectName() or getattr(w, 'text', lambda: '')()!r} at {rect}")
    return bad


def _elided_codes(root: QWidget) -> list[str]:
    """Code columns narrower than the codes they show."""
    bad = []
    for view in root.findChildren(QTableView):
        model = view.model()
        if not view.isVisible() or model is None or model.rowCount() == 0:
            continue
        for col in range(model.columnCount()):
            header = str(model.headerData(col, view.horizontalHeader().orientation()) or "")
            if view.isColumnHidden(col) or not any(h in header for h in CODE_HEADERS):
                continue
            need = view.sizeHintForColumn(col)
            if view.columnWidth(col) < need - 2:
                bad.append(f"{type(view.parent()).__name__}: column {header!r} is "
                           f"{view.columnWidth(col)} px, its codes need {need} px")
    return bad


def _each_tab(screen):
    """Yield once per tab state of the screen (every tab of every tab widget, in turn)."""
    yield None
    for tabs in screen.findChildren(QTabWidget):
        for i in range(tabs.count()):
            if tabs.isTabEnabled(i) and tabs.isVisible():
                tabs.setCurrentIndex(i)
                QApplication.processEvents()
                yield f"{tabs.tabText(i)}"


@pytest.fixture(params=["zh_CN", "en"])
def language(request, prefs):
    """The screens in each language: English texts are longer than their 中文 (issue 18)."""
    prefs.setValue("language", request.param)
    yield request.param
    if request.param != "zh_CN":
        from ui import resources
        from ui.app import ensure_app
        resources.install_translation(ensure_app(), resources.DEFAULT_LANGUAGE)


@pytest.mark.parametrize("size", list(AREAS))
def test_every_screen_and_tab_fits(make_window, qtbot, size, language):
    window = make_window()
    width, height = _window_size(AREAS[size])
    login(qtbot, window, "李店长", "manager803")
    window.resize(width, height)
    assert window.minimumSizeHint().width() <= width and window.minimumSizeHint().height() <= height
    problems = []
    for screen in window.screens:
        window.show_screen(screen)
        QApplication.processEvents()
        for tab in _each_tab(screen):
            QApplication.processEvents()
            where = f"{size} {type(screen).__name__}" + (f" / {tab}" if tab else "")
            assert window.size().width() == width and window.size().height() == height, where
            need, room = screen.minimumSizeHint(), window.stack.size()
            if need.width() > room.width() or need.height() > room.height():
                problems.append(f"{where}: the screen needs {need.toTuple()}, "
                                f"the window has room for {room.toTuple()}")
            problems += [f"{where}: {p}" for p in _outside(window)]
            problems += [f"{where}: {p}" for p in _elided_codes(screen)]
    assert not problems, "\n".join(problems)


def test_login_page_fits(make_window, qtbot):
    window = make_window()
    width, height = _window_size(AREAS["1366x768"])
    window.resize(width, height)
    QApplication.processEvents()
    assert window.minimumSizeHint().height() <= height
    assert not _outside(window)


def test_banner_never_moves_the_layout(make_window, qtbot):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    window.resize(*_window_size(AREAS["1366x768"]))
    screen = window.screen_by_key(2)
    window.show_screen(screen)
    QApplication.processEvents()
    before = screen.scan.mapTo(window, QPoint(0, 0))
    window.banner.error("运单号格式不对：这是一条很长的错误说明，" * 6)
    QApplication.processEvents()
    assert screen.scan.mapTo(window, QPoint(0, 0)) == before
    assert window.banner.text().startswith("运单号格式不对")
    window.banner.clear()
    QApplication.processEvents()
    assert screen.scan.mapTo(window, QPoint(0, 0)) == before


def _dialogs(window, tmp_path):
    """One of each dialog the app opens, built as the screens build them."""
    from PySide6.QtGui import QColor, QImage

    from outlet_desk.inbound import intake
    from ui.app import FirstRunDialog
    from ui.camera import Camera
    from ui.dialogs.camera_dialog import CameraDialog
    from ui.dialogs.photo_viewer import PhotoViewer
    from ui.dialogs.return_form import StartReturnDialog
    from ui.printing import PrintPreviewDialog
    from ui.screens.outgoing import DeclareDialog
    from ui.screens.signoff import FixDialog
    from ui.screens.tickets import NewTicketDialog

    screen = window.screen_by_key(2)
    window.show_screen(screen)
    ids = intake.unprinted_label_ids(window.ctx.now().date()) or []
    assert ids, "the demo outlet has labels to print"
    pdf = screen._label_pdf(ids[:3])
    photo = tmp_path / "photo.png"
    image = QImage(4000, 3000, QImage.Format_RGB32)
    image.fill(QColor("#888"))
    image.save(str(photo))

    class Row:
        waybill = "JT0012345678901"
        last_error = "签收人姓名为空" * 5
        payload = {"signer_type": "", "signer_name": ""}

    made = {
        "first run": FirstRunDialog(),
        "photo viewer": PhotoViewer(photo, "JT0012345678901  红标签", can_delete=True,
                                    photo_hash="0" * 64, parent=window),
        "start return": StartReturnDialog("JT0012345678901", kind="return", reason="拒收",
                                          parent=window),
        "declare": DeclareDialog(window.ctx, "赵强", window),
        "fix sign-off": FixDialog(Row(), window),
        "new ticket": NewTicketDialog(window),
        "camera": CameraDialog(Camera(), window),
    }
    made["label preview"] = PrintPreviewDialog(pdf, "labels", window.ctx.prefs, title="标签",
                                               suggested_name="x.pdf", parent=window)
    return made


@pytest.mark.parametrize("size", list(AREAS))
def test_every_dialog_fits(make_window, qtbot, tmp_path, size):
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    area = QRect(AREAS[size])
    problems = []
    for name, dialog in _dialogs(window, tmp_path).items():
        qtbot.addWidget(dialog)
        dialog.show()
        fit_into_screen(dialog, area)        # what the app's WindowFitter does on the real screen
        QApplication.processEvents()
        hint = dialog.minimumSizeHint()
        if hint.width() > area.width() or hint.height() > area.height() - TITLE_BAR:
            problems.append(f"{name}: minimum size {hint.toTuple()} is larger than the screen")
        if dialog.width() > area.width() or dialog.height() > area.height() - TITLE_BAR:
            problems.append(f"{name}: opens at {dialog.size().toTuple()}")
        problems += [f"{name}: {p}" for p in _outside(dialog)]
        dialog.close()
    assert not problems, "\n".join(problems)


def test_dialogs_are_fitted_as_they_are_shown(make_window, qtbot):
    """The app-wide fitter shrinks a dialog made for a big screen into the screen it opens on."""
    window = make_window()
    area = QApplication.primaryScreen().availableGeometry()
    dialog = QDialog(window)
    qtbot.addWidget(dialog)
    dialog.resize(area.width() + 300, area.height() + 300)
    dialog.show()
    QApplication.processEvents()
    assert dialog.width() <= area.width() and dialog.height() <= area.height()
    assert isinstance(dialog, QDialog)
