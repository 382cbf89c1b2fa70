"""Issue 17 on screen: F5 asks once about a waybill the outlet never had (客户自带退件 or mistyped,
with the closest waybills in stock); F4 gives a bag number the bag message."""
from PySide6.QtCore import Qt

from outlet_desk.models import Parcel
from outlet_desk.models.returns import ReturnRecord

from .test_returns_ui import open_returns, scan, stock_parcel


def typo_of(waybill: str) -> str:
    """The waybill with its last two characters swapped (a counter typing mistake)."""
    return waybill[:-2] + waybill[-1] + waybill[-2]


def test_a_mistyped_waybill_asks_and_the_suggestion_starts_the_real_return(qtbot, make_window):
    window = make_window()
    screen = open_returns(qtbot, window)
    parcel = stock_parcel()
    typo = typo_of(parcel.waybill)
    assert typo != parcel.waybill and not Parcel.select().where(Parcel.waybill == typo).exists()
    scan(qtbot, screen.scan, typo)
    assert screen.pages.currentIndex() == 1 and screen.unknown_box.isVisible()
    assert window.banner.level == "warning" and "客户自带退件" in window.banner.text()
    assert parcel.waybill in screen.unknown_text.text()
    assert not screen.start_button.isEnabled()
    screen.start_current()                                  # Ctrl+Enter before answering: nothing
    assert ReturnRecord.select().where(ReturnRecord.parcel == parcel.id).count() == 0
    assert not Parcel.select().where(Parcel.waybill == typo).exists()
    button = screen.suggestion_buttons[0]
    assert button.isVisible() and parcel.waybill in button.text()
    qtbot.mouseClick(button, Qt.LeftButton)                 # "it is …": the real parcel's form
    assert screen.form.waybill.text() == parcel.waybill and not screen.unknown_box.isVisible()
    screen.form.reason.setCurrentText("拒收")
    screen.start_current()
    assert Parcel.get_by_id(parcel.id).status == Parcel.RETURNING
    assert not Parcel.select().where(Parcel.waybill == typo).exists()


def test_the_customers_own_parcel_is_registered_after_the_answer(qtbot, make_window):
    window = make_window()
    screen = open_returns(qtbot, window)
    scan(qtbot, screen.scan, "JT5261988016578")
    assert screen.unknown_box.isVisible()
    qtbot.keyClick(screen, Qt.Key_O, Qt.AltModifier)
    assert not screen.unknown_box.isVisible() and screen.start_button.isEnabled()
    screen.form.reason.setCurrentText("其他")
    screen.form.note.insert("customer return")
    screen.start_current()
    p = Parcel.get(Parcel.waybill == "JT5261988016578")
    assert p.status == Parcel.RETURNING and "客户自带退件" in p.note
    assert screen.pages.currentIndex() == 2


def test_a_bag_number_at_the_problem_screen_gets_the_bag_message(qtbot, make_window):
    from outlet_desk import settings
    from outlet_desk.permissions import SYSTEM
    from tests.ui.conftest import login
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    settings.update({"waybill.bag_rules": [{"carrier": "极兔", "prefix": "4", "lengths": [16]}]},
                    actor=SYSTEM, now=window.ctx.now())
    qtbot.keyClick(window, Qt.Key_F4)
    screen = window.screen_by_key(4)
    scan(qtbot, screen.scan, "4300123456789012")
    assert window.banner.level == "error" and "集包单号，不是包裹" in window.banner.text()
    assert screen.pending is None
    scan(qtbot, screen.scan, "SF1385628716739")
    assert "不在系统里" in window.banner.text() or "not in the system" in window.banner.text()
