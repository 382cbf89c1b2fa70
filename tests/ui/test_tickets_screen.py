"""Tickets screen (F8): a delay complaint through reply, follow-up and close; an e-order through
accept and collect; the status bar counts; the reply editor refuses live."""
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from outlet_desk.models.eorders import EOrder
from outlet_desk.models.tickets import Ticket
from outlet_desk.services import tickets

from .conftest import DEMO_NOW, login


def open_screen(qtbot, window):
    qtbot.keyClick(window, Qt.Key_F8)
    screen = window.screen_by_key(8)
    assert window.stack.currentWidget() is screen
    return screen


def test_delay_complaint_through_reply_follow_up_and_close(qtbot, make_window):
    now = DEMO_NOW + dt.timedelta(hours=1)
    window = make_window(now=now)
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    # the status bar counts the demo's overdue tickets
    assert window.status_tickets.text() == f"超时工单：{tickets.count_overdue(now)}"
    assert tickets.count_overdue(now) >= 1

    info = screen.create_ticket({"source": "counter", "category": "延误", "title": "包裹三天没送到",
                                 "waybills": "yt1234567890123", "customer_name": "刘晓明",
                                 "customer_phone": "13912345678", "crm_number": "", "detail": ""})
    assert info and screen.current_id == info.id
    assert "139****5678" in screen.info.text() and "13912345678" not in screen.info.text()
    assert "剩 2 天" in screen.head.text()
    assert "工单 #" in window.banner.text()

    # the editor refuses "核实中" live, naming it, and nothing can be copied
    # (Chinese text arrives through the input method, i.e. as inserted text, not key events)
    screen.situation.insertPlainText("您好，包裹核实中")
    screen.solution.insertPlainText("网点安排专人今天优先派送并电话通知收件人")
    screen.when.insert("尽快")
    assert "“核实中”" in screen.validation.text() and "尽快" in screen.validation.text()
    assert not screen.copy_button.isEnabled()
    screen.send_button.click()
    assert "核实中" in window.banner.text()
    assert Ticket.get_by_id(info.id).status == Ticket.NEW

    screen.situation.setPlainText("运单YT1234567890123因到件量大在网点滞留，已找到包裹")
    screen.when.setText("明天12点前")
    assert screen.validation.text().startswith("✓") and screen.copy_button.isEnabled()
    qtbot.keyClick(screen, Qt.Key_Return, Qt.ControlModifier)   # send + copy
    row = Ticket.get_by_id(info.id)
    assert row.status == Ticket.REPLIED
    assert QGuiApplication.clipboard().text() == row.reply_text
    assert row.reply_text.startswith("情况：运单YT1234567890123") and "解决时间：明天12点前。" in row.reply_text

    assert screen.detail_tabs.currentIndex() == 1 and not screen.close_button.isEnabled()
    screen.follow_note.insert("客户已收到包裹")
    qtbot.keyClick(screen.follow_note, Qt.Key_Return)
    assert Ticket.get_by_id(info.id).status == Ticket.FOLLOW_UP
    screen.rating.setCurrentText("满意")
    screen.close_button.click()
    row = Ticket.get_by_id(info.id)
    assert row.status == Ticket.CLOSED and row.rating == "满意"
    assert [screen.history.item(i).text().split()[2] for i in range(screen.history.count())] == \
        ["新建", "回复", "回访", "关闭"]
    # closed tickets leave the default "open" list
    assert info.id not in [r.id for r in screen.ticket_model.rows]


def test_clerk_does_not_see_manager_actions(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    assert not screen.escalate_button.isVisible() and not screen.reassign_button.isVisible()


def test_eorder_through_accept_and_collect(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "王芳", "2222")
    # the demo has an order close to its accept limit: visible from every screen
    assert window.status_eorders.isVisible() and "1" in window.status_eorders.text()
    assert "须在" in window.banner.text() and "前接单" in window.banner.text()
    screen = open_screen(qtbot, window)
    qtbot.keyClick(screen.tabs, Qt.Key_2, Qt.AltModifier)
    assert screen.tabs.currentIndex() == 1

    qtbot.keyClicks(screen.eo_number, "dd20260608099")
    screen.eo_customer.insert("韩梅")
    qtbot.keyClicks(screen.eo_phone, "13622228888")
    screen.eo_enter.click()
    order = EOrder.get(EOrder.order_number == "DD20260608099")
    assert order.accept_due == DEMO_NOW + dt.timedelta(minutes=30)
    assert screen.selected_eorder().id == order.id
    assert "136****8888" in screen.eo_model.rows[[r.id for r in screen.eo_model.rows].index(order.id)].customer

    qtbot.keyClicks(screen.eo_waybill, "JT5186940903466")
    screen.eo_collect.click()                       # not accepted yet: refused, nothing changed
    assert "先接单" in window.banner.text()
    assert EOrder.get_by_id(order.id).status == EOrder.WAITING
    screen.eo_accept.click()
    assert EOrder.get_by_id(order.id).status == EOrder.ACCEPTED
    assert screen.eo_waybill.hasFocus() and "前揽收" in window.banner.text()
    qtbot.keyClick(screen.eo_waybill, Qt.Key_Return)
    order = EOrder.get_by_id(order.id)
    assert order.status == EOrder.COLLECTED and order.waybill == "JT5186940903466"
    assert "已揽收" in window.banner.text()


def test_analysis_tab_draws_the_chart(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    screen = open_screen(qtbot, window)
    screen.tabs.setCurrentIndex(2)
    assert screen.chart.series() and screen.chart.series()[0].count() >= 3
    assert "工单" in screen.kpis.text()


def test_claim_checklist_attach_submit_and_result(qtbot, make_window, tmp_path):
    from outlet_desk.services import claims
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    assert screen.select_ticket(next(r.id for r in screen.ticket_model.rows if r.category == "破损"))
    screen.detail_tabs.setCurrentIndex(3)
    assert screen.claim_box.isVisible() and not screen.claim_result.isEnabled()
    screen.claim_submit.click()                              # demo claim still lacks materials
    assert "理赔材料不全" in window.banner.text() and "购买记录" in window.banner.text()
    screen.claim_checks["purchase_record"].click()
    photo = tmp_path / "inside.jpg"
    from outlet_desk.services.returns import _demo_photo
    photo.write_bytes(_demo_photo(3))
    screen.attach_claim_file("content_photo", str(photo))
    assert screen.claim_hash["content_photo"].text() and screen.claim_checks["content_photo"].isChecked()
    screen.claim_submit.click()
    claim = claims.claim_for_ticket(screen.current_id)
    assert claim.status == "submitted" and screen.claim_result.isEnabled()
    answers = iter(["已赔付", "400", "按发票赔付"])
    screen._ask = lambda *a, **k: next(answers)
    screen.claim_result.click()
    claim = claims.claim_for_ticket(screen.current_id)
    assert claim.status == "paid" and claim.paid_fen == 40000


def test_claim_amount_is_parsed_exactly_or_refused(qtbot, make_window):
    """Regression: the claims screen stored "1,000.50" as 100 fen and "12.345" as 1234."""
    from outlet_desk.services import claims
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    assert screen.select_ticket(next(r.id for r in screen.ticket_model.rows if r.category == "破损"))
    screen.detail_tabs.setCurrentIndex(3)
    screen.claim_amount.setText("1,000.50")
    screen.claim_save.click()
    assert claims.claim_for_ticket(screen.current_id).amount_fen == 100050
    assert screen.claim_amount.text() == "1000.50"
    screen.claim_amount.setText("１２.345")
    screen.claim_save.click()
    assert "最多两位小数" in window.banner.text() and "理赔金额" in window.banner.text()
    assert claims.claim_for_ticket(screen.current_id).amount_fen == 100050


def test_the_reply_editor_sees_through_disguises_and_unreal_times(qtbot, make_window):
    """Issue 17: "核 實 中" with invisible characters, "2月30日" and "999天内" passed the editor."""
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    info = screen.create_ticket({"source": "counter", "category": "延误", "title": "包裹没送到",
                                 "waybills": "yt1234567890123", "customer_name": "刘晓明",
                                 "customer_phone": "13912345678", "crm_number": "", "detail": ""})
    screen.situation.insertPlainText("运单YT1234567890123到件量大滞留，核\u200b實 中")
    screen.solution.insertPlainText("网点安排专人今天优先派送并电话通知收件人")
    screen.when.insert("999天内")
    text = screen.validation.text()
    assert "禁用语“核实中”" in text and "超过了工单时限" in text and not screen.copy_button.isEnabled()
    screen.send_button.click()
    assert Ticket.get_by_id(info.id).status == Ticket.NEW and "核实中" in window.banner.text()
    screen.situation.setPlainText("运单YT1234567890123因到件量大在网点滞留，已找到包裹")
    screen.when.setText("2月30日前")
    assert "不是真实的日期" in screen.validation.text()
    screen.when.setText("明天12点前")
    assert screen.validation.text().startswith("✓")
