import datetime as dt

from PySide6.QtCore import Qt

from outlet_desk.models import Parcel
from outlet_desk.models.problems import ProblemRecord
from tests.factories import make_parcel
from ui import sound

from .conftest import DEMO_NOW, login

ARR = DEMO_NOW - dt.timedelta(hours=2)


def _type(qtbot, field, text):
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key_Return)


def _open(qtbot, make_window, who=("张丽", "1111")):
    window = make_window()
    login(qtbot, window, *who)
    return window


def _customer(phone="19955550366", n=3, cod=0):
    return [make_parcel(f"ZT77700000{i:04d}", phone=phone, name="陈静", shelf="Q", level=i + 1,
                        arrived_at=ARR, cod_fen=cod if i == 0 else 0) for i in range(n)]


def test_clerk_releases_three_parcels_with_code_and_phone_tail(qtbot, make_window):
    window = _open(qtbot, make_window)
    ps = _customer()
    qtbot.keyClick(window, Qt.Key_F3)
    screen = window.stack.currentWidget()
    tab = screen.release_tab
    assert screen.tabs.currentWidget() is tab
    assert tab.lookup_field.hasFocus()
    _type(qtbot, tab.lookup_field, ps[1].pickup_code.lower())
    assert tab.model.rowCount() == 3
    assert "199****0366" in {r.phone_masked for r in tab.model.rows}
    # not released yet: the second fact is asked for, and the clerk is taken to its field
    assert not tab.release_all_button.isEnabled()
    assert tab.fact_field.hasFocus()
    _type(qtbot, tab.fact_field, "0366")
    assert "✓" in tab.state_label.text()
    assert tab.lookup_field.hasFocus()
    qtbot.keyClick(tab.lookup_field, Qt.Key_Return, Qt.ControlModifier)     # release all
    assert window.banner.level == "ok" and "已出库 3 件" in window.banner.text()
    for p in ps:
        p = Parcel.get_by_id(p.id)
        assert (p.status, p.signer_type, p.released_by.name) == (Parcel.RELEASED, "本人", "张丽")
    assert tab.model.rowCount() == 0 and tab.lookup_field.hasFocus()


def test_wrong_tail_shows_banner_and_releases_nothing(qtbot, make_window):
    window = _open(qtbot, make_window)
    ps = _customer()
    qtbot.keyClick(window, Qt.Key_F3)
    tab = window.stack.currentWidget().release_tab
    _type(qtbot, tab.lookup_field, ps[0].pickup_code)
    _type(qtbot, tab.fact_field, "1111")
    assert window.banner.level == "error" and "尾号与取件码不符" in window.banner.text()
    tab.release_all()
    assert all(Parcel.get_by_id(p.id).status == Parcel.IN_STOCK for p in ps)


def test_waybill_scanned_first_asks_for_tail_and_code_then_proxy_with_cod(qtbot, make_window):
    window = _open(qtbot, make_window, ("王芳", "2222"))
    ps = _customer(phone="19955551234", n=2, cod=1500)
    qtbot.keyClick(window, Qt.Key_F3)
    tab = window.stack.currentWidget().release_tab
    _type(qtbot, tab.lookup_field, ps[0].waybill)
    # the parcel in hand is shown, but the customer is not confirmed by it
    assert [r.id for r in tab.model.rows] == [ps[0].id]
    assert "✓" not in tab.state_label.text() and not tab.release_all_button.isEnabled()
    assert tab.fact_field.hasFocus() and "手机尾号" in tab.state_label.text()
    _type(qtbot, tab.fact_field, "1234")
    assert "✓" not in tab.state_label.text() and "取件码" in tab.state_label.text()
    _type(qtbot, tab.fact_field, ps[1].pickup_code)
    assert "✓" in tab.state_label.text()
    assert tab.selected_ids() == [ps[0].id] and tab.model.rowCount() == 2
    assert tab.cod_label.isVisible() and "¥15.00" in tab.cod_label.text()
    tab.proxy.setChecked(True)
    tab.collector.setText("刘洋")         # QTest types ASCII only
    tab.pay_method.setCurrentIndex(tab.pay_method.findData("微信"))
    tab.lookup_field.setFocus()
    qtbot.keyClick(tab.lookup_field, Qt.Key_Return, Qt.ControlModifier | Qt.ShiftModifier)
    assert "已出库 1 件" in window.banner.text() and "刘洋" in window.banner.text()
    p = Parcel.get_by_id(ps[0].id)
    assert (p.status, p.signer_type, p.collector_name) == (Parcel.RELEASED, "代收", "刘洋")
    assert Parcel.get_by_id(ps[1].id).status == Parcel.IN_STOCK


def test_confirmed_customer_then_another_customers_waybill_is_refused(qtbot, make_window):
    """The bug: A confirmed by code + tail, then B's parcel scanned → the screen switched to B,
    showed ✓ and Ctrl+Enter released B's parcel."""
    window = _open(qtbot, make_window)
    a = _customer(phone="19955550366", n=2)
    b = make_parcel("YT9990000000001", phone="13700008888", name="周强", shelf="R", level=1,
                    arrived_at=ARR)
    qtbot.keyClick(window, Qt.Key_F3)
    tab = window.stack.currentWidget().release_tab
    _type(qtbot, tab.lookup_field, a[0].pickup_code)
    _type(qtbot, tab.fact_field, "0366")
    confirmed_text = tab.state_label.text()
    assert "✓" in confirmed_text and "199****0366" in confirmed_text
    _type(qtbot, tab.lookup_field, b.waybill)
    assert window.banner.level == "error" and window.banner.text() == "这件不是该客户的包裹"
    assert sound.played and sound.played[-1] == sound.ERROR                  # and a beep
    assert tab.state_label.text() == confirmed_text          # still A, nothing else changed
    assert {r.id for r in tab.model.rows} == {p.id for p in a}
    qtbot.keyClick(tab.lookup_field, Qt.Key_Return, Qt.ControlModifier)     # release all
    assert Parcel.get_by_id(b.id).status == Parcel.IN_STOCK
    assert all(Parcel.get_by_id(p.id).status == Parcel.RELEASED for p in a)


def test_notify_tab_out_of_service_creates_problem_parcels(qtbot, make_window):
    window = _open(qtbot, make_window, ("王芳", "2222"))
    ps = _customer(phone="19955559999", n=2)
    qtbot.keyClick(window, Qt.Key_F3)
    screen = window.stack.currentWidget()
    qtbot.keyClick(screen.tabs, Qt.Key_2, Qt.AltModifier)
    tab = screen.notify_tab
    assert screen.tabs.currentWidget() is tab
    row = next(i for i, g in enumerate(tab.model.rows) if g.phone == "19955559999")
    tab.table.selectRow(row)
    assert ps[0].pickup_code in tab.message.toPlainText()
    qtbot.keyClick(tab.table, Qt.Key_3, Qt.ControlModifier)
    assert window.banner.level == "ok" and "停机" in window.banner.text()
    recs = list(ProblemRecord.select().where(ProblemRecord.parcel.in_([p.id for p in ps])))
    assert [r.reason for r in recs] == ["停机", "停机"]
    assert all(g.phone != "19955559999" for g in tab.model.rows)


def test_stock_check_tab_scan_and_fix(qtbot, make_window):
    window = _open(qtbot, make_window)
    ps = _customer(phone="19955550000", n=2)
    qtbot.keyClick(window, Qt.Key_F3)
    screen = window.stack.currentWidget()
    screen.tabs.setCurrentWidget(screen.stock_tab)
    tab = screen.stock_tab
    qtbot.keyClicks(tab.shelf_field, "Q")
    tab.start()
    assert tab.scan_field.hasFocus()
    _type(qtbot, tab.scan_field, "Q-1")
    _type(qtbot, tab.scan_field, ps[0].waybill)
    assert "已经" not in tab.feed.item(0).text() and "2" in tab.counts_label.text()
    tab.finish()
    assert "缺失" in [r.kind_label for r in tab.model.rows]
    tab.table.selectRow(0)
    assert tab.fix_buttons["problem"].isEnabled()
    tab.fix_buttons["problem"].click()
    assert Parcel.get_by_id(ps[1].id).problem


def test_cod_methods_offered_are_the_cores_one_list(qtbot, make_window):
    """Issue 17: the core accepted 月结 for COD, which the screen never offered: one list now."""
    from outlet_desk.models.money import Payment
    window = _open(qtbot, make_window)
    qtbot.keyClick(window, Qt.Key_F3)
    combo = window.stack.currentWidget().release_tab.pay_method
    assert [combo.itemData(i) for i in range(combo.count())] == list(Payment.COD_METHODS) == ["现金", "微信", "支付宝"]


def test_release_after_the_day_is_closed_says_once_where_it_goes(qtbot, make_window):
    from outlet_desk.models.dayclose import DayClose
    window = _open(qtbot, make_window)
    ps = [make_parcel(f"ZT77800000{i:04d}", phone=f"1995555{i}777", name="陈静", shelf="Q",
                      level=1, arrived_at=ARR) for i in range(2)]
    DayClose.create(day=DEMO_NOW.date(), status=DayClose.CLOSED)     # the manager closed today
    nxt = DEMO_NOW.date() + dt.timedelta(days=1)
    notice = f"今天已关账，之后的操作记入 {nxt.month}月{nxt.day}日"
    qtbot.keyClick(window, Qt.Key_F3)
    tab = window.stack.currentWidget().release_tab
    for p in ps:
        _type(qtbot, tab.lookup_field, p.pickup_code)
        _type(qtbot, tab.fact_field, p.recipient_phone[-4:])
        qtbot.keyClick(tab.lookup_field, Qt.Key_Return, Qt.ControlModifier)     # release all
        qtbot.wait(10)
        if p is ps[0]:
            assert "已出库" in window.banner.text() and notice in window.banner.text()
        else:
            assert "已出库" in window.banner.text() and notice not in window.banner.text()
    start = dt.datetime.combine(nxt, dt.time())
    assert [Parcel.get_by_id(p.id).released_at for p in ps] == [start, start]
