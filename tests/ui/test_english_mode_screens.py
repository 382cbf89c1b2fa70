"""English mode on the screens (issue 18): the core's words are shown in English, the stored Chinese
stays the value that is compared and saved, and the checks that read a core message still work."""
import re
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from outlet_desk.errors import ValidationError
from outlet_desk.models import Parcel
from outlet_desk.models.money import Payment
from outlet_desk.signoff.signoff import SIGNER_TYPES

from .conftest import login

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture
def english(prefs):
    prefs.setValue("language", "en")
    yield
    from ui import resources
    from ui.app import ensure_app
    resources.install_translation(ensure_app(), resources.DEFAULT_LANGUAGE)


def _items(combo):
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def test_a_possible_bag_number_keeps_its_hint_on_the_problem_screen(qtbot, make_window, english):
    """The screen told the bag hint apart by the Chinese prefix: in English every bag number was
    "not in the system: take it in at intake first"."""
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    qtbot.keyClick(window, Qt.Key_F4)
    screen = window.screen_by_key(4)
    assert window.stack.currentWidget() is screen
    screen.on_scan("4309597495550")             # fits the 极兔 bag rule and 邮政/韵达 waybills
    text = window.banner.text()
    assert window.banner.level == "error" and text.startswith("Maybe a bag number: 4309597495550"), text
    assert "take it in at intake first" not in text and not CJK.search(text)
    assert not Parcel.select().where(Parcel.waybill == "4309597495550").exists()


def test_the_fix_dialog_shows_signer_types_in_english_and_sends_the_stored_word(qtbot, make_window,
                                                                                english):
    from ui.screens.signoff import FixDialog
    window = make_window()
    row = SimpleNamespace(waybill="SF1234567890123", last_error="Signer name is empty",
                          payload={"signer_type": "代收", "signer_name": ""})
    dlg = FixDialog(row, window)
    qtbot.addWidget(dlg)
    items = _items(dlg.signer_type)
    assert [d for _t, d in items] == list(SIGNER_TYPES)
    assert not any(CJK.search(t) for t, _d in items), items
    assert dlg.signer_type.currentData() == "代收"          # the payload's type is preselected
    dlg.signer_type.setCurrentIndex(dlg.signer_type.findText("Gatehouse"))
    dlg.signer_name.setText("王师傅")
    assert dlg.values() == ("门卫", "王师傅")


def test_ticket_status_filter_reads_english_and_filters_by_the_stored_status(qtbot, make_window,
                                                                              english):
    from outlet_desk.models.tickets import Ticket
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    qtbot.keyClick(window, Qt.Key_F8)
    tab = window.screen_by_key(8).tickets_tab
    items = _items(tab.status_filter)
    assert not any(CJK.search(t) for t, _d in items), items
    closed = tab.status_filter.findData(Ticket.CLOSED)
    assert closed >= 0 and tab.status_filter.itemText(closed) == "Closed"
    tab.status_filter.setCurrentIndex(closed)
    tab.reload_tickets()
    rows = tab.ticket_model.rows
    assert rows and {r.status for r in rows} == {Ticket.CLOSED}


def test_payment_methods_read_english_and_stay_stored_in_chinese(qtbot, make_window, english):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    qtbot.keyClick(window, Qt.Key_F3)
    pay = window.stack.currentWidget().release_tab.pay_method
    assert _items(pay) == [("Cash", "现金"), ("WeChat", "微信"), ("Alipay", "支付宝")]
    qtbot.keyClick(window, Qt.Key_F7)
    send = window.stack.currentWidget()
    combos = [c for c in send.findChildren(type(pay)) if c.findData("月结") >= 0]
    assert combos and all([d for _t, d in _items(c)] == list(Payment.METHODS) for c in combos)
    assert not any(CJK.search(t) for c in combos for t, _d in _items(c))


def test_setting_editors_name_the_setting_in_english(qtbot, make_window, english):
    from outlet_desk import settings
    from ui.widgets.setting_editors import editor_for
    make_window()
    days = editor_for(settings.specs()["outlet.open_weekdays"])
    qtbot.addWidget(days)
    days.setText("1, 2, x")
    with pytest.raises(ValidationError) as refused:
        days.get()
    assert str(refused.value) == "“Open weekdays (1=Mon)” should be numbers separated by commas."


def test_problem_and_return_reasons_read_english_and_are_stored_in_chinese(qtbot, make_window, english):
    from outlet_desk.models.problems import ProblemRecord
    from outlet_desk.models.returns import ReturnRecord
    from ui.dialogs.return_form import StartReturnDialog
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    qtbot.keyClick(window, Qt.Key_F4)
    screen = window.screen_by_key(4)
    assert [d for _t, d in _items(screen.reason)] == list(ProblemRecord.REASONS)
    assert ("Address unclear", "地址不详") in _items(screen.reason)
    assert not any(CJK.search(t) for t, _d in _items(screen.reason) + _items(screen.reason_filter))
    parcel = Parcel.select().where(Parcel.status.in_(Parcel.AT_OUTLET) & ~Parcel.problem).first()
    screen.on_scan(parcel.waybill)
    screen.reason.setCurrentIndex(screen.reason.findData("停机"))
    screen.note.setText("called twice")
    screen.register()
    assert window.banner.text() == f"Problem registered: {parcel.waybill} Phone out of service"
    assert ProblemRecord.get(ProblemRecord.parcel == parcel.id).reason == "停机"
    # the problem screen starts a return with its reason mapped to a return reason (stored words)
    dlg = StartReturnDialog("SF1234567890123", kind=ReturnRecord.RETURN, reason="错分", parent=window)
    qtbot.addWidget(dlg)
    form = dlg.form
    assert form.reason.currentText() == "Mis-sorted" and form.mis_sorted.isChecked()
    form.reason.setCurrentIndex(form.reason.findData("超期未取"))
    assert form.reason.currentText() == "Not collected in time"
    assert form.values()["reason"] == "超期未取"
    assert "Other" in form.note.placeholderText() and not CJK.search(form.note.placeholderText())


def test_the_audit_log_names_the_app_and_payment_methods_in_english(qtbot, make_window, english):
    from outlet_desk import audit
    from outlet_desk.permissions import SYSTEM

    from .conftest import DEMO_NOW
    window = make_window()
    audit.record(SYSTEM, "dayclose.adjust", entity="day", entity_id="2026-06-07",
                 detail={"method": "现金", "amount_fen": 500}, now=DEMO_NOW)
    login(qtbot, window, "李店长", "manager803")
    qtbot.keyClick(window, Qt.Key_F12)
    screen = window.screen_by_key(12)
    screen.refresh()
    m = screen.model
    row = next(r for r in range(m.rowCount()) if "Method" in (m.index(r, 5).data() or ""))
    assert m.index(row, 2).data() == "System"
    assert "Method: Cash" in m.index(row, 5).data() and not CJK.search(m.index(row, 5).data())
