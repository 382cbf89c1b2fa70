"""Day close screen (F10): count by denomination, a difference needs a note, two clerks confirm
(the second with their PIN), the manager closes, the report is produced."""
import datetime as dt

from PySide6.QtCore import Qt

from outlet_desk import changes
from outlet_desk.dayclose import dayclose as dc
from outlet_desk.models.dayclose import DayClose
from outlet_desk.models.money import Payment

from .conftest import DEMO_NOW, login
from .test_background import page_mm, record_threads

TODAY = DEMO_NOW.date()


def open_screen(qtbot, window):
    qtbot.keyClick(window, Qt.Key_F10)
    screen = window.stack.currentWidget()
    assert type(screen).__name__ == "DayCloseScreen"
    return screen


def test_reconcile_a_day_with_a_cash_difference(qtbot, make_window, tmp_path, monkeypatch):
    from outlet_desk.dayclose import report_pdf as daily_report
    on_main = record_threads(monkeypatch, daily_report, "build_for_day")
    window = make_window()
    Payment.delete().where(Payment.day == TODAY).execute()   # a known day: 3 payments
    for kind, method, fen in ((Payment.SENDING_FEE, "现金", 1200), (Payment.COD, "现金", 3980),
                              (Payment.SENDING_FEE, "微信", 1500)):
        Payment.create(day=TODAY, at=DEMO_NOW, kind=kind, method=method, amount_fen=fen)
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    assert screen.day() == TODAY
    assert screen.status_label.text() == "未确认"
    assert not screen.close_button.isVisible()                 # a clerk cannot close
    assert not screen.tabs.isTabVisible(1)                     # nor see the accounts
    p = screen.ledger.parcels
    assert screen.term_values["closing"].text() == str(p.closing) and p.balanced

    # 51.80 expected in cash; the drawer holds 50 + 1 = 51.00
    screen.by_denomination.setChecked(True)
    screen.denom_spins[5000].setValue(1)
    screen.denom_spins[100].setValue(1)
    assert "51.00" in screen.cash_sum_label.text()
    # another part of the app changing data does not wipe what is typed but not saved
    window.ctx.bus.emit_changes({changes.PARCELS})
    assert screen.denom_spins[5000].value() == 1
    screen.counted_edits["微信"].setText("15.00")
    screen.confirm_me_button.click()
    assert window.banner.level == "error"
    assert "现金差额 -0.80 元需要写明原因" in window.banner.text()
    row = DayClose.get(DayClose.day == TODAY)
    assert row.first_by_id is None                             # refused: nobody confirmed
    assert screen.money_table.item(0, 6).text() == "-0.80"

    screen.note_edits["现金"].setText("找零多找 0.8 元")
    screen.confirm_me_button.click()
    assert window.banner.level == "ok", window.banner.text()
    assert "还需要另一位店员确认" in window.banner.text()

    # the colleague confirms for herself with her PIN; a wrong PIN is refused first
    screen.second_person.setCurrentIndex(screen.second_person.findText("王芳"))
    screen.second_pin.setText("9999")
    screen.second_button.click()
    assert window.banner.level == "error" and "不正确" in window.banner.text()
    assert dc.ledger(TODAY).status == "open"
    screen.second_person.setCurrentIndex(screen.second_person.findText("王芳"))
    screen.second_pin.setText("2222")
    screen.second_button.click()
    assert window.banner.level == "ok", window.banner.text()
    assert screen.status_label.text() == "两位店员已确认，待店长关账"
    assert [c.name for c in dc.ledger(TODAY).confirmations] == ["张丽", "王芳"]

    # the manager closes
    window.logout()
    login(qtbot, window, "李店长", "manager803")
    screen = open_screen(qtbot, window)
    assert screen.close_button.isVisible() and screen.close_button.isEnabled()
    screen.close_button.click()
    assert window.banner.level == "ok", window.banner.text()
    assert screen.status_label.text() == "已关账（锁定）"
    assert not screen.save_button.isEnabled() and not screen.denom_spins[100].isEnabled()
    led = dc.ledger(TODAY)
    assert led.closed and led.money_row("现金").note == "找零多找 0.8 元"

    # the report: preview from the screen, and the PDF itself
    screen.report_button.click()
    qtbot.waitUntil(lambda: screen.preview_dialog is not None, timeout=20000)
    dialog = screen.preview_dialog
    assert dialog.document.page_count() >= 1
    assert on_main == [False]                     # built off the GUI thread
    assert page_mm(dialog) == (210, 297)          # A4
    saved = dialog.save(str(tmp_path / "daily.pdf"))
    dialog.close()
    pdf = (tmp_path / "daily.pdf").read_bytes()
    assert saved and pdf.startswith(b"%PDF") and b"WenQuanYi" in pdf


def test_manager_accounts_month_and_adjustment(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    screen = open_screen(qtbot, window)
    screen.tabs.setCurrentIndex(1)
    rows = screen.month_rows
    assert len(rows) == 30
    status = {r.day: r.status for r in rows}
    yesterday = TODAY - dt.timedelta(days=1)
    assert status[yesterday] == "confirmed" and status[TODAY] == "open"
    assert status[TODAY - dt.timedelta(days=2)] == "closed"
    # open days are highlighted
    i = [r.day for r in rows].index(TODAY)
    assert screen.month_table.item(i, 0).background().color().name() == "#fff3cd"
    assert screen.chart.series()[0].count() == 3               # arrivals, pickups, outgoing
    # an adjustment needs a reason; then it is listed
    before = screen.adj_table.rowCount()
    screen.adj_day.setDate(screen.adj_day.date().addDays(-1))  # two days ago: closed
    screen.adj_amount.setText("-2.00")
    screen.add_adjustment()
    assert window.banner.level == "error" and "原因" in window.banner.text()
    assert screen.adj_table.rowCount() == before
    screen.adj_reason.setText("微信退款 2 元补记")
    screen.adj_amount.setText("-2.00")
    screen.add_adjustment()
    assert window.banner.level == "ok", window.banner.text()
    assert screen.adj_table.rowCount() == before + 1


def test_second_clerk_dropdown_offers_the_other_clerk_on_duty_never_the_manager(qtbot, make_window):
    """The bug: the dropdown defaulted to the manager, who could confirm and then close alone."""
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    items = [screen.second_person.itemText(i) for i in range(screen.second_person.count())]
    assert "李店长" not in items and "张丽" not in items
    assert screen.second_person.currentText() == "王芳"
    assert {name for _, name in dc.day_staff(TODAY)} >= {"张丽", "王芳"}
