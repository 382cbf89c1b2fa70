"""F7 Sending / pickups: a salesman's 30 parcels with one weight difference, dispatched into a bag;
a counter sending with its live fee; the 3-day check run and exported."""
from PySide6.QtCore import Qt

from outlet_desk import duty_events
from outlet_desk.models.money import Payment
from outlet_desk.models.outgoing import OutgoingParcel
from tests.ui.conftest import DEMO_NOW, login
from tests.ui.test_background import page_mm, record_threads
from ui.screens.outgoing import FLAG_BRUSH

DESTS = [("广东", "深圳", "755"), ("北京", "北京", "010"), ("浙江", "宁波", "574"),
         ("四川", "成都", "028"), ("江苏", "苏州", "512")]


def open_screen(qtbot, window):
    qtbot.keyClick(window, Qt.Key_F7)
    screen = window.screen_by_key(7)
    qtbot.waitUntil(screen.isVisible)
    return screen


def scan(qtbot, field, text):
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key_Return)


def test_salesman_30_parcels_one_weight_difference_then_dispatch(qtbot, make_window, tmp_path):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    tab = screen.pickup_tab
    screen.show_tab(tab)
    waybills = [f"77306081{i:04d}" for i in range(30)]
    csv = "业务员,运单号,省份,城市,申报重量(kg),运费(元)\n" + "".join(
        f"陈建国,{w},{DESTS[i % 5][0]},{DESTS[i % 5][1]},1.50,15.00\n" for i, w in enumerate(waybills))
    path = tmp_path / "collections.csv"
    path.write_text(csv, encoding="utf-8")
    tab.salesman.setCurrentText("陈建国")
    job = tab.import_collections(str(path))
    qtbot.waitUntil(lambda: job.finished, timeout=20000)
    assert "30" in window.banner.text()

    for i, w in enumerate(waybills):                      # the scan burst
        scan(qtbot, tab.scan, w)
        assert tab.code.text() == DESTS[i % 5][2]          # 大笔 shown for each parcel
    assert tab.model.rowCount() == 30
    for i, w in enumerate(waybills):                      # weigh each: scan again, type weight
        scan(qtbot, tab.scan, w)
        assert tab.weight.hasFocus()
        scan(qtbot, tab.weight, "2.10" if i == 7 else "1.52")
        assert tab.scan.hasFocus()
    flagged = [r for r in range(30) if tab.model.data(tab.model.index(r, 0), Qt.BackgroundRole)
               == FLAG_BRUSH]
    assert [tab.model.row_at(r).waybill for r in flagged] == [waybills[7]]
    assert "⚠" in tab.model.data(tab.model.index(flagged[0], 5))
    assert "b00020" in tab.summary.styleSheet()            # the sheet summary turns red
    assert Payment.select().where(Payment.ref.in_(waybills)).count() == 30

    d = screen.dispatch_tab
    screen.show_tab(d)
    assert d.scan.hasFocus()
    scan(qtbot, d.scan, "4000000000123")                    # a bag number (default rule: 4…, 13 位) switches the bag
    assert d.bag.text() == "4000000000123"
    for w in waybills:
        scan(qtbot, d.scan, w)
    assert ("4000000000123", 30) in d.bag_model.rows
    assert ("陈建国", 30, 30) in d.salesman_model.rows
    assert "30" in d.last.text()
    assert OutgoingParcel.select().where(OutgoingParcel.bag == "4000000000123").count() == 30
    assert duty_events.WAYBILLS_ENTERED in duty_events.observed(DEMO_NOW.date())


def test_counter_sending_live_fee_and_refusal_without_confirmation(qtbot, make_window, monkeypatch):
    from outlet_desk.outgoing import outgoing
    on_main = record_threads(monkeypatch, outgoing, "receipt_pdf")
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    tab = screen.send_tab
    assert tab.waybill.hasFocus()
    tab.preview_after.setChecked(False)
    for field, text in ((tab.waybill, "JT5012345678901"), (tab.sender_name, "王伟"),
                        (tab.sender_phone, "13812345678"), (tab.recipient_name, "李娜"),
                        (tab.recipient_phone, "13987654321"), (tab.city, "深圳")):
        if text.isascii():
            qtbot.keyClicks(field, text)
        else:                      # names come through the input method, not key events
            field.insert(text)
    tab.province.setCurrentText("广东")
    qtbot.keyClicks(tab.weight, "2.35")
    assert "22.00" in tab.fee.text()                        # 12.00 + 2 × 5.00
    before = OutgoingParcel.select().count()
    qtbot.mouseClick(tab.submit, Qt.LeftButton)
    assert OutgoingParcel.select().count() == before       # not confirmed: refused
    assert "违禁" in window.banner.text()
    tab.prohibited.setChecked(True)
    qtbot.mouseClick(tab.submit, Qt.LeftButton)
    p = OutgoingParcel.get(OutgoingParcel.waybill == "JT5012345678901")
    assert (p.fee_fen, p.weight_g) == (2200, 2350)
    assert any(r.waybill == "JT5012345678901" for r in tab.model.rows)
    assert tab.waybill.text() == "" and tab.waybill.hasFocus()
    job = tab.show_receipt("JT5012345678901")
    assert job.preview is None                          # the form is free at once
    qtbot.waitUntil(lambda: job.preview is not None, timeout=20000)
    assert on_main == [False]                           # built off the GUI thread
    width, height = page_mm(job.preview)
    assert width == 80 and height > 80                  # 80 mm paper, as long as the receipt
    job.preview.close()


def test_three_day_check_run_and_export(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    tab = screen.threeday_tab
    screen.show_tab(tab)
    assert tab.runs.rowCount() == 1                        # the demo's check: a delay and a loss
    assert {r.kind for r in tab.items.rows} == {"delay", "loss"}
    tab.run_button.click()
    qtbot.waitUntil(lambda: tab.runs.rowCount() == 2, timeout=20000)
    job = tab.export()
    qtbot.waitUntil(lambda: job.finished, timeout=20000)
    paths = job.result
    assert [p.name for p in paths] == [f"{DEMO_NOW.date()}-延误.txt", f"{DEMO_NOW.date()}-遗失.txt"]
    assert paths[0].parent.name == "延误及问题件单号"


def test_rate_table_tab_only_for_the_manager(qtbot, make_window):
    from outlet_desk.outgoing import outgoing as og
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    screen = open_screen(qtbot, window)
    index = screen._tabs.index(screen.tables_tab)
    assert not screen.tabs.isTabVisible(index)
    window.logout()
    login(qtbot, window, "李店长", "manager803")
    screen = open_screen(qtbot, window)
    assert screen.tabs.isTabVisible(index)
    screen.show_tab(screen.tables_tab)
    edit = screen.tables_tab.rates_edit
    assert "二区 12.00 5.00" in edit.toPlainText()
    edit.setPlainText(edit.toPlainText().replace("二区 12.00 5.00", "二区 13.00 5.00"))
    screen.tables_tab.rates_save.click()
    assert og.quote("广东", "广州", 1000).fee_fen == 1300
    edit.setPlainText("一区 abc 2 浙江")                    # refused whole, table unchanged
    screen.tables_tab.rates_save.click()
    assert "第 1 行" in window.banner.text()
    assert og.quote("广东", "广州", 1000).fee_fen == 1300


def test_parcel_scanned_before_its_declaration(qtbot, make_window):
    from ui.screens.outgoing import DeclareDialog
    window = make_window()
    login(qtbot, window, "王芳", "2222")
    screen = open_screen(qtbot, window)
    tab = screen.pickup_tab
    screen.show_tab(tab)
    tab.salesman.setCurrentText("刘晓东")
    scan(qtbot, tab.scan, "773060899999")
    assert tab.code.text() == "—" and "773060899999" in window.banner.text()
    dialog = DeclareDialog(window.ctx, "刘晓东", tab)
    qtbot.addWidget(dialog)
    dialog.waybill.setText("773060899999")
    dialog.province.setCurrentText("北京")
    dialog.city.setText("北京")
    dialog.weight.setText("1.00")
    dialog.fee.setText("12")
    assert dialog.add()
    tab.refresh_sheet()
    row = next(r for r in tab.model.rows if r.waybill == "773060899999")
    assert (row.routing_code, row.declared_fee_fen) == ("010", 1200)
    scan(qtbot, tab.scan, "773060899999")                   # scanned again: weigh it
    assert tab.code.text() == "010"


def test_enter_moves_through_the_whole_sending_form_combo_boxes_too(qtbot, make_window):
    """docs/outgoing.md: "Enter moves to the next field" — a closed combo box swallowed it."""
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    tab = open_screen(qtbot, window).send_tab
    order = [tab.waybill, tab.sender_name, tab.sender_phone, tab.recipient_name,
             tab.recipient_phone, tab.province, tab.city, tab.item_type, tab.weight,
             tab.payment, tab.prohibited, tab.submit]
    assert tab.waybill.hasFocus()
    for here, after in zip(order, order[1:]):
        assert here.hasFocus(), here
        if here is tab.province:
            qtbot.keyClick(here, Qt.Key_Down)              # choose with the arrows, then Enter
        qtbot.keyClick(here, Qt.Key_Enter if here is tab.payment else Qt.Key_Return)
        qtbot.waitUntil(after.hasFocus, timeout=2000)
    assert tab.province.currentIndex() == 1
    assert window.banner.text() == ""                      # nothing was submitted on the way
