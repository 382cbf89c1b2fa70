"""No scan is ever lost: the application-wide scanner router (ui/scanner.py).

Keys are sent to the top-level window as the window system delivers them, each with its own
timestamp: a scanner's keys 3 ms apart, a person's 150 ms apart.
"""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout

from outlet_desk.models import Parcel, Staff
from tests.ui.conftest import login
from ui import printing, sound


class Keys:
    """A keyboard on its own clock (milliseconds)."""

    def __init__(self):
        self.t = 1_000_000

    def press(self, widget, key, text="", gap=150):
        self.t += gap
        handle = widget.window().windowHandle()
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            ev = QKeyEvent(kind, key, Qt.NoModifier, text)
            ev.setTimestamp(self.t)
            QApplication.sendEvent(handle, ev)

    def type(self, widget, text, gap=150):
        for ch in text:
            self.press(widget, Qt.Key(ord(ch.upper())), ch, gap)

    def scan(self, widget, code, end=Qt.Key_Return):
        self.press(widget, Qt.Key_Shift, "", gap=400)   # a wedge presses Shift for letters
        self.type(widget, code, gap=3)
        self.press(widget, end, "\r" if end == Qt.Key_Return else "\t", gap=3)


def _label_preview(window, qtbot):
    screen = window.screen_by_key(2)
    window.show_screen(screen)
    pdf = screen._label_pdf([Parcel.select().where(Parcel.pickup_code.is_null(False)).first().id])
    dialog = printing.preview(window, window.ctx, pdf, kind="labels", title="label",
                              suggested_name="x.pdf")
    dialog.activateWindow()
    dialog.print_button.setFocus()
    qtbot.waitUntil(dialog.isActiveWindow)
    return screen, dialog


def test_scans_while_a_label_preview_has_focus_are_all_stored(make_window, qtbot):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen, dialog = _label_preview(window, qtbot)
    keys = Keys()
    codes = [f"JT58210{n:08d}" for n in range(1, 6)]
    for i, code in enumerate(codes):
        keys.scan(dialog, code, end=Qt.Key_Tab if i == 2 else Qt.Key_Return)
    assert [p.waybill for p in Parcel.select().where(Parcel.waybill.in_(codes)).order_by(Parcel.waybill)] == codes
    assert screen.accepted_count == len(codes)
    assert dialog.isVisible(), "Enter ending a scan must not press the preview's default button"
    assert QApplication.activeWindow() is dialog


def test_a_burst_at_the_login_page_never_reaches_the_pin_field(make_window, qtbot):
    window = make_window()
    window.login.select_person("张丽")
    window.login.secret.setFocus()
    keys = Keys()
    before = len(sound.played)
    for n in range(6):            # more scans than the five wrong tries that lock a person out
        keys.scan(window.login.secret, f"JT58210{n:08d}")
    assert window.login.secret.text() == ""
    assert "JT5821000000005" in window.login.error.text()
    assert [r.text for r in window.scan_router.refused][-1] == "JT5821000000005"
    assert len(window.scan_router.refused) == 6
    assert list(sound.played)[before:] == [sound.ERROR] * 6
    clerk = Staff.get(Staff.name == "张丽")
    assert clerk.locked_until is None and clerk.failed_logins == 0
    # and the clerk still logs in, typing the PIN by hand
    keys.type(window.login.secret, "1111")
    qtbot.waitUntil(lambda: window.login.secret.text() == "1111")
    keys.press(window.login.secret, Qt.Key_Return, "\r", gap=200)
    assert window.ctx.actor is not None and window.ctx.actor.name == "张丽"


def test_typing_into_a_dialog_arrives_in_order(make_window, qtbot):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    window.show_screen(window.screen_by_key(2))
    dialog = QDialog(window)
    edit = QLineEdit()
    QVBoxLayout(dialog).addWidget(edit)
    submitted = []
    edit.returnPressed.connect(lambda: submitted.append(edit.text()))
    dialog.show()
    dialog.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(dialog.isActiveWindow)
    keys = Keys()
    keys.type(edit, "HELLO 12345", gap=120)
    keys.press(edit, Qt.Key_Return, "\r", gap=40)     # Enter right after the last key
    assert submitted == ["HELLO 12345"]
    assert window.scan_router.routed == 0 and not window.scan_router.refused


def test_a_burst_on_a_screen_without_a_scan_field_is_refused_and_listed(make_window, qtbot):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    window.show_screen(window.screen_by_key(1))        # home: no scan field
    window.nav.setFocus()
    Keys().scan(window.nav, "JT5821000000077")
    assert not Parcel.select().where(Parcel.waybill == "JT5821000000077").exists()
    assert window.banner.level == "error" and "JT5821000000077" in window.banner.text()
    assert window.status_refused.isVisibleTo(window) and "1" in window.status_refused.text()
    assert "JT5821000000077" in window.status_refused.toolTip()


def test_the_scan_field_itself_is_not_slowed(make_window, qtbot):
    """With focus on the scan field every key passes at once (nothing is held back)."""
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = window.screen_by_key(2)
    window.show_screen(screen)
    screen.scan.setFocus()
    keys = Keys()
    keys.type(screen.scan, "JT58", gap=3)
    assert screen.scan.text() == "JT58" and not window.scan_router.held


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.booleans(), st.text("0123456789ABCXYZ", min_size=4, max_size=18)),
                min_size=1, max_size=6))
def test_typed_text_and_scans_never_mix(make_window_once, qtbot, pieces):
    """Whatever mix of typing (slow) and scans (fast, with Enter) reaches a dialog's text box:
    the box gets exactly the typed text, the scan field exactly the scans, in order."""
    window, dialog, edit = make_window_once
    edit.clear()
    screen = window.screen_by_key(2)
    got = []
    screen.scan.scanned.connect(got.append)
    try:
        keys = Keys()
        typed = ""
        for is_scan, text in pieces:
            if is_scan:
                keys.scan(edit, text)
            else:
                keys.type(edit, text, gap=90)
                typed += text
        window.scan_router.release_held()
        assert edit.text() == typed
        assert got == [t for s, t in pieces if s]
    finally:
        screen.scan.scanned.disconnect(got.append)


@pytest.fixture
def make_window_once(make_window, qtbot):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = window.screen_by_key(2)
    window.show_screen(screen)
    screen.scan.scanned.disconnect(screen.on_scanned)     # only where each scan goes counts here
    dialog = QDialog(window)
    edit = QLineEdit()
    QVBoxLayout(dialog).addWidget(edit)
    dialog.show()
    dialog.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(dialog.isActiveWindow)
    return window, dialog, edit
