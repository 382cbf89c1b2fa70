"""Tickets screen (F8): a delay complaint through reply, follow-up and close; an e-order through
accept and collect; the status bar counts; the reply editor refuses live."""
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from outlet_desk.models.eorders import EOrder
from outlet_desk.models.tickets import Ticket
from outlet_desk.tickets import tickets

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
    tab, reply = screen.tickets_tab, screen.tickets_tab.reply
    # the status bar counts the demo's overdue tickets
    assert window.status_tickets.text() == f"超时工单：{tickets.count_overdue(now)}"
    assert tickets.count_overdue(now) >= 1

    info = tab.create_ticket({"source": "counter", "category": "延误", "title": "包裹三天没送到",
                                 "waybills": "yt1234567890123", "customer_name": "刘晓明",
                                 "customer_phone": "13912345678", "crm_number": "", "detail": ""})
    assert info and tab.current_id == info.id
    assert "139****5678" in tab.info.text() and "13912345678" not in tab.info.text()
    assert "剩 2 天" in tab.head.text()
    assert "工单 #" in window.banner.text()

    # the editor refuses "核实中" live, naming it, and nothing can be copied
    # (Chinese text arrives through the input method, i.e. as inserted text, not key events)
    reply.situation.insertPlainText("您好，包裹核实中")
    reply.solution.insertPlainText("网点安排专人今天优先派送并电话通知收件人")
    reply.when.insert("尽快")
    assert "“核实中”" in reply.validation.text() and "尽快" in reply.validation.text()
    assert not reply.copy_button.isEnabled()
    reply.send_button.click()
    assert "核实中" in window.banner.text()
    assert Ticket.get_by_id(info.id).status == Ticket.NEW

    reply.situation.setPlainText("运单YT1234567890123因到件量大在网点滞留，已找到包裹")
    reply.when.setText("明天12点前")
    assert reply.validation.text().startswith("✓") and reply.copy_button.isEnabled()
    qtbot.keyClick(screen, Qt.Key_Return, Qt.ControlModifier)   # send + copy
    row = Ticket.get_by_id(info.id)
    assert row.status == Ticket.REPLIED
    assert QGuiApplication.clipboard().text() == row.reply_text
    assert row.reply_text.startswith("情况：运单YT1234567890123") and "解决时间：明天12点前。" in row.reply_text

    assert tab.detail_tabs.currentIndex() == 1 and not tab.close_button.isEnabled()
    tab.follow_note.insert("客户已收到包裹")
    qtbot.keyClick(tab.follow_note, Qt.Key_Return)
    assert Ticket.get_by_id(info.id).status == Ticket.FOLLOW_UP
    tab.rating.setCurrentText("满意")
    tab.close_button.click()
    row = Ticket.get_by_id(info.id)
    assert row.status == Ticket.CLOSED and row.rating == "满意"
    assert [tab.history.item(i).text().split()[2] for i in range(tab.history.count())] == \
        ["新建", "回复", "回访", "关闭"]
    # closed tickets leave the default "open" list
    assert info.id not in [r.id for r in tab.ticket_model.rows]


def test_clerk_does_not_see_manager_actions(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    tab = screen.tickets_tab
    assert not tab.escalate_button.isVisible() and not tab.reassign_button.isVisible()


def test_eorder_through_accept_and_collect(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "王芳", "2222")
    # the demo has an order close to its accept limit: visible from every screen
    assert window.status_eorders.isVisible() and "1" in window.status_eorders.text()
    assert "须在" in window.banner.text() and "前接单" in window.banner.text()
    screen = open_screen(qtbot, window)
    eo = screen.eorders_tab
    qtbot.keyClick(screen.tabs, Qt.Key_2, Qt.AltModifier)
    assert screen.tabs.currentIndex() == 1

    qtbot.keyClicks(eo.eo_number, "dd20260608099")
    eo.eo_customer.insert("韩梅")
    qtbot.keyClicks(eo.eo_phone, "13622228888")
    eo.eo_enter.click()
    order = EOrder.get(EOrder.order_number == "DD20260608099")
    assert order.accept_due == DEMO_NOW + dt.timedelta(minutes=30)
    assert eo.selected_eorder().id == order.id
    assert "136****8888" in eo.eo_model.rows[[r.id for r in eo.eo_model.rows].index(order.id)].customer

    qtbot.keyClicks(eo.eo_waybill, "JT5186940903466")
    eo.eo_collect.click()                       # not accepted yet: refused, nothing changed
    assert "先接单" in window.banner.text()
    assert EOrder.get_by_id(order.id).status == EOrder.WAITING
    eo.eo_accept.click()
    assert EOrder.get_by_id(order.id).status == EOrder.ACCEPTED
    assert eo.eo_waybill.hasFocus() and "前揽收" in window.banner.text()
    qtbot.keyClick(eo.eo_waybill, Qt.Key_Return)
    order = EOrder.get_by_id(order.id)
    assert order.status == EOrder.COLLECTED and order.waybill == "JT5186940903466"
    assert "已揽收" in window.banner.text()


def test_analysis_tab_draws_the_chart(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    screen = open_screen(qtbot, window)
    analysis = screen.analysis_tab
    screen.tabs.setCurrentIndex(2)
    assert analysis.chart.series() and analysis.chart.series()[0].count() >= 3
    assert "工单" in analysis.kpis.text()


def test_claim_checklist_attach_submit_and_result(qtbot, make_window, tmp_path):
    from outlet_desk.tickets import claims
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    tab, panel = screen.tickets_tab, screen.tickets_tab.claim
    assert tab.select_ticket(next(r.id for r in tab.ticket_model.rows if r.category == "破损"))
    tab.detail_tabs.setCurrentIndex(3)
    assert panel.claim_box.isVisible() and not panel.claim_result.isEnabled()
    panel.claim_submit.click()                              # demo claim still lacks materials
    assert "理赔材料不全" in window.banner.text() and "购买记录" in window.banner.text()
    panel.claim_checks["purchase_record"].click()
    photo = tmp_path / "inside.jpg"
    from outlet_desk.demo.inbound import _demo_photo
    photo.write_bytes(_demo_photo(3))
    panel.attach_claim_file("content_photo", str(photo))
    assert panel.claim_hash["content_photo"].text() and panel.claim_checks["content_photo"].isChecked()
    panel.claim_submit.click()
    claim = claims.claim_for_ticket(tab.current_id)
    assert claim.status == "submitted" and panel.claim_result.isEnabled()
    answers = iter(["已赔付", "400", "按发票赔付"])
    panel._ask = lambda *a, **k: next(answers)
    panel.claim_result.click()
    claim = claims.claim_for_ticket(tab.current_id)
    assert claim.status == "paid" and claim.paid_fen == 40000


def test_claim_amount_is_parsed_exactly_or_refused(qtbot, make_window):
    """Regression: the claims screen stored "1,000.50" as 100 fen and "12.345" as 1234."""
    from outlet_desk.tickets import claims
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    tab, panel = screen.tickets_tab, screen.tickets_tab.claim
    assert tab.select_ticket(next(r.id for r in tab.ticket_model.rows if r.category == "破损"))
    tab.detail_tabs.setCurrentIndex(3)
    panel.claim_amount.setText("1,000.50")
    panel.claim_save.click()
    assert claims.claim_for_ticket(tab.current_id).amount_fen == 100050
    assert panel.claim_amount.text() == "1000.50"
    panel.claim_amount.setText("１２.345")
    panel.claim_save.click()
    assert "最多两位小数" in window.banner.text() and "理赔金额" in window.banner.text()
    assert claims.claim_for_ticket(tab.current_id).amount_fen == 100050


def test_the_reply_editor_sees_through_disguises_and_unreal_times(qtbot, make_window):
    """Issue 17: "核 實 中" with invisible characters, "2月30日" and "999天内" passed the editor."""
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    tab, reply = screen.tickets_tab, screen.tickets_tab.reply
    info = tab.create_ticket({"source": "counter", "category": "延误", "title": "包裹没送到",
                                 "waybills": "yt1234567890123", "customer_name": "刘晓明",
                                 "customer_phone": "13912345678", "crm_number": "", "detail": ""})
    reply.situation.insertPlainText("运单YT1234567890123到件量大滞留，核\u200b實 中")
    reply.solution.insertPlainText("网点安排专人今天优先派送并电话通知收件人")
    reply.when.insert("999天内")
    text = reply.validation.text()
    assert "禁用语“核实中”" in text and "超过了工单时限" in text and not reply.copy_button.isEnabled()
    reply.send_button.click()
    assert Ticket.get_by_id(info.id).status == Ticket.NEW and "核实中" in window.banner.text()
    reply.situation.setPlainText("运单YT1234567890123因到件量大在网点滞留，已找到包裹")
    reply.when.setText("2月30日前")
    assert "不是真实的日期" in reply.validation.text()
    reply.when.setText("明天12点前")
    assert reply.validation.text().startswith("✓")


def test_crm_file_is_imported_off_the_gui_thread(qtbot, make_window, tmp_path, monkeypatch):
    """Issue 19: the CRM import ran on the GUI thread (the screen froze for a long export)."""
    import threading
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    tab = open_screen(qtbot, window).tickets_tab
    ran_on = []
    real = tickets.import_crm

    def recording(*a, **k):
        ran_on.append(threading.current_thread())
        return real(*a, **k)
    monkeypatch.setattr(tickets, "import_crm", recording)
    good = tmp_path / "crm.csv"
    good.write_text("CRM单号,类别,标题,运单号\nCRM7001,延误,客户催派送,YT1234567890123\n", encoding="utf-8")
    tab.import_crm_file(str(good))
    qtbot.waitUntil(lambda: "已导入" in window.banner.text(), timeout=10000)
    assert ran_on and ran_on[0] is not threading.main_thread()
    assert tab.import_button.isEnabled()
    assert any(r.crm_number == "CRM7001" for r in tab.ticket_model.rows)     # the list shows it
    bad = tmp_path / "bad.csv"
    bad.write_text("CRM单号,类别,标题\nCRM7002,加急,催一下\n", encoding="utf-8")
    tab.import_crm_file(str(bad))
    qtbot.waitUntil(lambda: window.banner.level == "error", timeout=10000)
    assert "第 2 行" in window.banner.text() and tab.import_button.isEnabled()
    assert not Ticket.select().where(Ticket.crm_number == "CRM7002").exists()


def test_eorder_file_is_imported_off_the_gui_thread(qtbot, make_window, tmp_path, monkeypatch):
    import threading

    from outlet_desk.outgoing import eorders
    window = make_window()
    login(qtbot, window, "王芳", "2222")
    eo = open_screen(qtbot, window).eorders_tab
    ran_on = []
    real = eorders.import_orders

    def recording(*a, **k):
        ran_on.append(threading.current_thread())
        return real(*a, **k)
    monkeypatch.setattr(eorders, "import_orders", recording)
    f = tmp_path / "eo.csv"
    f.write_text("订单号,到达时间,平台\nDD7001,2026-06-08 08:40,极兔\n", encoding="utf-8")
    eo.import_eorders_file(str(f))
    qtbot.waitUntil(lambda: window.banner.level != "info", timeout=10000)
    assert "已导入 1 张电子接单" in window.banner.text()
    assert ran_on and ran_on[0] is not threading.main_thread()
    assert "DD7001" in [r.order_number for r in eo.eo_model.rows] and eo.eo_import.isEnabled()


def test_ticket_buttons_follow_what_the_core_allows(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    tab = open_screen(qtbot, window).tickets_tab
    info = tab.create_ticket({"source": "counter", "category": "查询", "title": "问件", "waybills": "",
                              "customer_name": "", "customer_phone": "", "crm_number": "", "detail": ""})
    assert tab.start_button.isEnabled() and tab.escalate_button.isEnabled() and tab.reply.send_button.isEnabled()
    assert not tab.follow_button.isEnabled() and not tab.close_button.isEnabled()
    tab.start_button.click()
    assert Ticket.get_by_id(info.id).status == Ticket.IN_PROGRESS
    assert not tab.start_button.isEnabled() and tab.reply.send_button.isEnabled()


def test_the_new_ticket_dialog_leaves_the_counter_and_the_scanner_working(qtbot, make_window):
    """NewTicketDialog was modal (exec()): a customer's parcel could not be scanned in meanwhile."""
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from outlet_desk.models import Parcel
    from tests.ui.test_scanner import Keys
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    tab = screen.tickets_tab
    dlg = tab.new_ticket()
    assert dlg.isVisible() and not dlg.isModal() and QApplication.activeModalWidget() is None
    dlg.title.insert("柜台投诉：包裹外箱破损")
    # the counter goes on: F2 intake in the main window, the dialog keeps the focus
    intake = window.screen_by_key(2)
    window.show_screen(intake)
    dlg.activateWindow()
    dlg.title.setFocus()
    qtbot.waitUntil(dlg.isActiveWindow)
    Keys().scan(dlg.title, "JT5821000000077")
    assert Parcel.select().where(Parcel.waybill == "JT5821000000077").exists()
    assert dlg.title.text() == "柜台投诉：包裹外箱破损" and dlg.isVisible()
    # a refusal keeps the dialog and what was typed; then 确定 opens the ticket and closes it
    dlg.title.clear()
    ok = dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)
    before = Ticket.select().count()
    ok.click()
    assert window.banner.level == "error" and dlg.isVisible() and Ticket.select().count() == before
    dlg.title.insert("柜台投诉：包裹外箱破损")
    ok.click()
    assert Ticket.select().count() == before + 1 and not dlg.isVisible()
    assert tab.new_dialog is None
