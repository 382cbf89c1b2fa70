"""Issue 17 at the F7 screen, as a 邮政/韵达 outlet's clerk met it: her own 4… waybill is registered
at the counter, then scanned out into a bag — not taken for a bag number."""
from PySide6.QtCore import Qt

from outlet_desk.models.outgoing import OutgoingParcel
from tests.ui.conftest import login
from tests.ui.test_outgoing_screen import open_screen, scan

WAYBILL = "4309597495550"           # 邮政 (also fits the default 极兔 4…/13 bag rule)
BAG = "4000000000555"


def test_a_4_waybill_is_sent_at_the_counter_then_dispatched_not_taken_for_a_bag(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    tab = screen.send_tab
    tab.preview_after.setChecked(False)
    for field, text in ((tab.waybill, WAYBILL), (tab.sender_phone, "13812345678"),
                        (tab.recipient_phone, "13987654321")):
        qtbot.keyClicks(field, text)
    for field, text in ((tab.sender_name, "王伟"), (tab.recipient_name, "李娜"), (tab.city, "深圳")):
        field.insert(text)
    tab.province.setCurrentText("广东")
    qtbot.keyClicks(tab.weight, "1.2")
    tab.prohibited.setChecked(True)
    qtbot.mouseClick(tab.submit, Qt.LeftButton)
    assert OutgoingParcel.get_or_none(OutgoingParcel.waybill == WAYBILL) is not None, \
        window.banner.text()

    d = screen.dispatch_tab
    screen.show_tab(d)
    scan(qtbot, d.scan, BAG)                               # an unregistered bag-rule number: the bag
    assert d.bag.text() == BAG
    scan(qtbot, d.scan, WAYBILL)                           # her registered parcel: dispatched
    assert d.bag.text() == BAG
    assert OutgoingParcel.get(OutgoingParcel.waybill == WAYBILL).bag == BAG
    assert (BAG, 1) in d.bag_model.rows
