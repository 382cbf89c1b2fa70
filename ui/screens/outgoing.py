"""Sending / pickups (F7): counter sending (寄件), salesmen's pickups (揽收), dispatch (扫发件),
today's unsigned (未签收), the 3-day check (三日查件), and — for the manager — the rate and routing
code tables.  Every rule is in ``outlet_desk.outgoing.outgoing`` / ``threeday``; this is the glass.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from outlet_desk import changes, money
from outlet_desk.errors import OutletError
from outlet_desk.fen import format_yuan
from outlet_desk.models.money import Payment
from outlet_desk.outgoing import outgoing as og
from outlet_desk.outgoing import threeday

from .. import ops
from ..models.rows import Column, RowsTableModel
from ..widgets.scanfield import ScanField
from ..widgets.tables import table_view
from .base import Screen

FLAG_BRUSH = QBrush(QColor("#ffd6d6"))


class FlaggedRowsModel(RowsTableModel):
    """Rows whose ``flagged`` attribute is true get a red background (weight differences)."""

    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.BackgroundRole and index.isValid():
            return FLAG_BRUSH if getattr(self.rows[index.row()], "flagged", False) else None
        return super().data(index, role)


def _big(label: QLabel, px: int) -> QLabel:
    font = label.font()
    font.setPixelSize(px)
    font.setBold(True)
    label.setFont(font)
    return label


def _kg(grams) -> str:
    return og.format_kg(grams) if grams is not None else ""


def _yuan(fen) -> str:
    return format_yuan(fen) if fen is not None else ""


# =============================================================================================
# 寄件 — counter sending
# =============================================================================================
class EnterMovesOn(QObject):
    """Enter in a combo box or a check box moves on to the next field, as it does in the form's
    line edits (a closed QComboBox ignores Enter; an open one's popup still takes it)."""

    def __init__(self, order: dict, parent=None):
        super().__init__(parent)
        self.order = order

    def eventFilter(self, obj, event):
        if (event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter)
                and not event.modifiers() & ~Qt.KeypadModifier and obj in self.order):
            self.order[obj].setFocus(Qt.TabFocusReason)
            return True
        return False


class SendTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.last_waybill: str | None = None
        row = QHBoxLayout(self)
        left = QVBoxLayout()
        self.form_box = QGroupBox()
        form = QFormLayout(self.form_box)
        self.waybill = QLineEdit()
        self.waybill.setAttribute(Qt.WA_InputMethodEnabled, False)
        self.sender_name = QLineEdit()
        self.sender_phone = QLineEdit()
        self.recipient_name = QLineEdit()
        self.recipient_phone = QLineEdit()
        self.province = QComboBox()
        self.province.addItems(og.PROVINCES)
        self.city = QLineEdit()
        self.item_type = QComboBox()
        self.weight = QLineEdit()
        self.weight.setAttribute(Qt.WA_InputMethodEnabled, False)
        self.prohibited = QCheckBox()
        self.payment = QComboBox()
        for m in Payment.METHODS:    # shown in the person's language, the stored word as data
            self.payment.addItem(money.method_text(m), m)
        self.labels = [QLabel() for _ in range(11)]
        fields = [self.waybill, self.sender_name, self.sender_phone, self.recipient_name,
                  self.recipient_phone, self.province, self.city, self.item_type, self.weight,
                  self.payment, self.prohibited]
        for label, field in zip(self.labels, fields):
            form.addRow(label, field)
        left.addWidget(self.form_box)
        self.fee = _big(QLabel(), 30)
        self.fee.setObjectName("fee")
        self.fee_detail = QLabel()
        self.fee_detail.setWordWrap(True)
        left.addWidget(self.fee)
        left.addWidget(self.fee_detail)
        buttons = QHBoxLayout()
        self.submit = QPushButton()
        self.submit.setDefault(True)
        self.clear_button = QPushButton()
        self.reprint = QPushButton()
        self.preview_after = QCheckBox()
        self.preview_after.setChecked(True)
        for w in (self.submit, self.clear_button, self.reprint):
            buttons.addWidget(w)
        buttons.addStretch(1)
        left.addLayout(buttons)
        left.addWidget(self.preview_after)
        left.addStretch(1)
        row.addLayout(left, 2)
        right = QVBoxLayout()
        self.list_title = QLabel()
        right.addWidget(self.list_title)
        self.model = RowsTableModel([], loader=self._load, page=200)
        self.view = table_view(self.model, alternating=False)
        right.addWidget(self.view, 1)
        row.addLayout(right, 3)
        # keyboard order: top to bottom, the button last
        for a, b in zip(fields, fields[1:] + [self.submit]):
            QWidget.setTabOrder(a, b)
        for edit in (self.waybill, self.sender_name, self.sender_phone, self.recipient_name,
                     self.recipient_phone, self.city):
            edit.returnPressed.connect(self.focusNextChild)
        self.weight.returnPressed.connect(self.payment.setFocus)
        following = dict(zip(fields, fields[1:] + [self.submit]))
        self.enter_moves_on = EnterMovesOn(
            {w: following[w] for w in (self.province, self.item_type, self.payment,
                                       self.prohibited)}, self)
        for w in self.enter_moves_on.order:
            w.installEventFilter(self.enter_moves_on)
        self.weight.textChanged.connect(self.update_fee)
        self.city.textChanged.connect(self.update_fee)
        self.province.currentIndexChanged.connect(self.update_fee)
        self.submit.clicked.connect(self.send)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.send, context=Qt.WidgetWithChildrenShortcut)
        self.clear_button.clicked.connect(self.clear)
        self.reprint.clicked.connect(self.print_selected)
        self.retranslate()

    def retranslate(self) -> None:
        texts = [self.tr("Waybill"), self.tr("Sender"), self.tr("Sender phone"), self.tr("Recipient"),
                 self.tr("Recipient phone"), self.tr("Province"), self.tr("City"),
                 self.tr("Item type"), self.tr("Weight (kg)"), self.tr("Payment"), ""]
        for label, text in zip(self.labels, texts):
            label.setText(text)
        self.form_box.setTitle(self.tr("Send a parcel at the counter"))
        self.prohibited.setText(self.tr("Sender confirmed: no prohibited items"))
        self.weight.setPlaceholderText(self.tr("e.g. 1.25"))
        self.submit.setText(self.tr("Record and print receipt (Ctrl+Enter)"))
        self.clear_button.setText(self.tr("Clear"))
        self.reprint.setText(self.tr("Receipt of selected"))
        self.preview_after.setText(self.tr("Show the receipt after recording"))
        self.list_title.setText(self.tr("Sent at the counter today"))
        self.model.columns = [
            Column(self.tr("Time"), lambda r: f"{r.received_at:%H:%M}"),
            Column(self.tr("Waybill"), lambda r: r.waybill),
            Column(self.tr("Destination"), lambda r: f"{r.province}{r.city}"),
            Column(self.tr("Weight (kg)"), lambda r: _kg(r.weight_g), Qt.AlignRight),
            Column(self.tr("Fee"), lambda r: _yuan(r.fee_fen), Qt.AlignRight),
            Column(self.tr("Payment"), lambda r: money.method_text(r.payment_method)),
            Column(self.tr("Sender"), lambda r: r.sender_name),
        ]
        self.model.headerDataChanged.emit(Qt.Horizontal, 0, len(self.model.columns) - 1)
        self.update_fee()

    def _load(self, offset, limit):
        return og.list_outgoing(self.ctx.now().date(), source="counter", offset=offset, limit=limit)

    def refresh(self) -> None:
        types = og_settings_item_types()
        if [self.item_type.itemText(i) for i in range(self.item_type.count())] != types:
            self.item_type.clear()
            self.item_type.addItems(types)
        self.model.reload()
        self.update_fee()

    def update_fee(self) -> None:
        text = self.weight.text().strip()
        if not text:
            self.fee.setText(self.tr("Fee: —"))
            self.fee_detail.setText(self.tr("Type the weight to see the fee."))
            return
        try:
            q = og.quote(self.province.currentText(), self.city.text(), og.parse_weight_kg(text))
        except OutletError as exc:
            self.fee.setText(self.tr("Fee: —"))
            self.fee_detail.setText(str(exc))
            return
        self.fee.setText(self.tr("Fee: ¥%1").replace("%1", format_yuan(q.fee_fen)))
        detail = self.tr("%1: first kg %2 + %3 kg × %4 · routing code %5")
        for i, v in enumerate((q.zone, format_yuan(q.first_kg_fen), str(q.extra_kg),
                               format_yuan(q.extra_kg_fen), q.routing_code or "—"), 1):
            detail = detail.replace(f"%{i}", v)
        self.fee_detail.setText(detail)

    def form(self) -> og.SendForm:
        return og.SendForm(self.waybill.text(), self.sender_name.text(), self.sender_phone.text(),
                           self.recipient_name.text(), self.recipient_phone.text(),
                           self.province.currentText(), self.city.text(),
                           self.item_type.currentText(), self.weight.text(),
                           self.payment.currentData(), self.prohibited.isChecked())

    def send(self) -> None:
        form = self.form()
        info = self.ctx.perform(lambda: og.send_parcel(form, actor=self.ctx.actor,
                                                       now=self.ctx.now()),
                                changes=frozenset({changes.OUTGOING, changes.CASH}))
        if not info:
            return
        self.ctx.banner.ok(self.tr("Recorded %1: fee ¥%2 (%3).").replace("%1", info.waybill)
                           .replace("%2", format_yuan(info.fee_fen))
                           .replace("%3", money.method_text(info.payment_method)))
        self.last_waybill = info.waybill
        self.clear()
        if self.preview_after.isChecked():
            self.show_receipt(info.waybill)

    def clear(self) -> None:
        for w in (self.waybill, self.sender_name, self.sender_phone, self.recipient_name,
                  self.recipient_phone, self.city, self.weight):
            w.clear()
        self.prohibited.setChecked(False)
        self.waybill.setFocus()

    def print_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        waybill = self.model.row_at(rows[0].row()).waybill if rows else self.last_waybill
        if waybill:
            self.show_receipt(waybill)
        else:
            self.ctx.banner.error(self.tr("Select a sending in the list first."))

    def show_receipt(self, waybill: str):
        """The 80 mm receipt is built in the background; its preview opens when it is ready
        (the job's ``preview``)."""
        from ..printing import preview_in_background
        return preview_in_background(self, self.ctx, lambda: og.receipt_pdf(waybill),
                                     kind="receipts", title=self.tr("Receipt"),
                                     suggested_name=f"寄件收据-{waybill}.pdf")


def og_settings_item_types() -> list[str]:
    from outlet_desk import settings
    return list(settings.get("outgoing.item_types"))


# =============================================================================================
# 揽收 — a salesman's parcels, checked weights, 大笔
# =============================================================================================
class DeclareDialog(QDialog):
    """Enter a salesman's declared parcels one by one (when there is no CSV)."""

    def __init__(self, ctx, salesman: str, parent=None):
        super().__init__(parent)
        self.ctx, self.salesman = ctx, salesman
        self.setWindowTitle(self.tr("Declared parcels of %1").replace("%1", salesman))
        form = QFormLayout(self)
        self.waybill = QLineEdit()
        self.province = QComboBox()
        self.province.addItems(og.PROVINCES)
        self.city = QLineEdit()
        self.weight = QLineEdit()
        self.fee = QLineEdit()
        self.payment = QComboBox()
        for m in Payment.METHODS:    # shown in the person's language, the stored word as data
            self.payment.addItem(money.method_text(m), m)
        form.addRow(self.tr("Waybill"), self.waybill)
        form.addRow(self.tr("Province"), self.province)
        form.addRow(self.tr("City"), self.city)
        form.addRow(self.tr("Declared weight (kg)"), self.weight)
        form.addRow(self.tr("Declared fee (yuan)"), self.fee)
        form.addRow(self.tr("Payment"), self.payment)
        self.status = QLabel()
        form.addRow(self.status)
        buttons = QDialogButtonBox()
        self.add_button = buttons.addButton(self.tr("Add"), QDialogButtonBox.AcceptRole)
        buttons.addButton(self.tr("Close"), QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.add)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def add(self) -> bool:
        ok = self.ctx.perform(lambda: og.declare_collection(
            self.salesman, self.waybill.text(), self.province.currentText(), self.city.text(),
            self.weight.text(), self.fee.text(), self.payment.currentData(),
            actor=self.ctx.actor, now=self.ctx.now()))
        if ok:
            self.status.setText(self.tr("Added %1.").replace("%1", self.waybill.text().strip()))
            for w in (self.waybill, self.weight, self.fee):
                w.clear()
            self.waybill.setFocus()
        return bool(ok)


class PickupTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.current: str | None = None          # waybill the weight field applies to
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.salesman_label = QLabel()
        self.salesman = QComboBox()
        self.salesman.setMinimumWidth(140)
        self.add_salesman_button = QPushButton()
        self.import_button = QPushButton()
        self.declare_button = QPushButton()
        for w in (self.salesman_label, self.salesman, self.add_salesman_button, self.import_button,
                  self.declare_button):
            top.addWidget(w)
        top.addStretch(1)
        layout.addLayout(top)
        mid = QHBoxLayout()
        inputs = QVBoxLayout()
        self.scan = ScanField()
        self.scan.setObjectName("pickupScan")
        self.weight_label = QLabel()
        self.weight = QLineEdit()
        self.weight.setObjectName("checkedWeight")
        self.weight.setAttribute(Qt.WA_InputMethodEnabled, False)
        font = self.weight.font()
        font.setPointSize(16)
        self.weight.setFont(font)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        inputs.addWidget(self.scan)
        inputs.addWidget(self.weight_label)
        inputs.addWidget(self.weight)
        inputs.addWidget(self.hint)
        inputs.addStretch(1)
        mid.addLayout(inputs, 2)
        code_box = QVBoxLayout()
        self.code = _big(QLabel("—"), 120)
        self.code.setObjectName("routingCode")
        self.code.setAlignment(Qt.AlignCenter)
        self.code.setStyleSheet("#routingCode{border:3px solid #333; background:#fffbe6;"
                                " padding:4px 16px;}")
        self.code_dest = _big(QLabel(), 22)
        self.code_dest.setAlignment(Qt.AlignCenter)
        code_box.addWidget(self.code)
        code_box.addWidget(self.code_dest)
        mid.addLayout(code_box, 3)
        layout.addLayout(mid)
        self.summary = QLabel()
        self.summary.setObjectName("sheetSummary")
        layout.addWidget(self.summary)
        self.model = FlaggedRowsModel([])
        self.view = table_view(self.model, alternating=False)
        layout.addWidget(self.view, 1)
        self.scan.scanned.connect(self.on_scan)
        self.weight.returnPressed.connect(self.enter_weight)
        self.salesman.currentIndexChanged.connect(lambda _i: self.refresh_sheet())
        self.add_salesman_button.clicked.connect(self.add_salesman)
        self.import_button.clicked.connect(self.import_collections)
        self.declare_button.clicked.connect(self.declare)
        self.retranslate()

    def retranslate(self) -> None:
        self.salesman_label.setText(self.tr("Salesman"))
        self.add_salesman_button.setText(self.tr("Add salesman…"))
        self.import_button.setText(self.tr("Import collection CSV…"))
        self.declare_button.setText(self.tr("Enter declarations…"))
        self.scan.setPlaceholderText(self.tr("Scan his parcels (scan again to weigh one)"))
        self.weight_label.setText(self.tr("Checked weight (kg), Enter to save"))
        self.hint.setText(self.tr("Write the big code on the parcel."))
        self.model.columns = [
            Column(self.tr("Waybill"), lambda r: r.waybill),
            Column(self.tr("Destination"), lambda r: r.destination),
            Column(self.tr("Code"), lambda r: r.routing_code),
            Column(self.tr("Declared kg"), lambda r: _kg(r.declared_weight_g), Qt.AlignRight),
            Column(self.tr("Checked kg"), lambda r: _kg(r.weight_g), Qt.AlignRight),
            Column(self.tr("Difference (g)"), lambda r: "" if r.difference_g is None
                   else f"{r.difference_g:+d}" + (" ⚠" if r.flagged else ""), Qt.AlignRight),
            Column(self.tr("Fee"), lambda r: _yuan(r.declared_fee_fen), Qt.AlignRight),
            Column(self.tr("Bag"), lambda r: r.bag or ""),
        ]
        self.model.headerDataChanged.emit(Qt.Horizontal, 0, len(self.model.columns) - 1)
        self.refresh_sheet()

    def refresh(self) -> None:
        names = og.salesmen()
        current = self.salesman.currentText()
        if [self.salesman.itemText(i) for i in range(self.salesman.count())] != names:
            self.salesman.blockSignals(True)
            self.salesman.clear()
            self.salesman.addItems(names)
            if current in names:
                self.salesman.setCurrentText(current)
            self.salesman.blockSignals(False)
        self.refresh_sheet()

    def refresh_sheet(self) -> None:
        name = self.salesman.currentText()
        if not name:
            self.model.set_rows([])
            self.summary.setText(self.tr("Add a salesman first."))
            return
        sheet = og.salesman_sheet(name, self.ctx.now().date())
        self.model.set_rows(list(reversed(sheet.rows)))
        text = self.tr("%1 today: received %2 of %3 declared · weighed %4 · "
                       "weight differences %5 · fees ¥%6")
        for i, v in enumerate((name, str(sheet.received), str(sheet.expected), str(sheet.weighed),
                               str(sheet.flagged), format_yuan(sheet.fee_fen)), 1):
            text = text.replace(f"%{i}", v)
        self.summary.setText(text)
        self.summary.setStyleSheet("color:#b00020; font-weight:bold;" if sheet.flagged else "")

    def show_code(self, code: str, destination: str) -> None:
        self.code.setText(code or "—")
        self.code_dest.setText(destination)

    def on_scan(self, text: str) -> None:
        name = self.salesman.currentText()
        sheet_waybills = {r.waybill for r in self.model.rows}
        if text in sheet_waybills:                 # scanned again: weigh this one
            row = next(r for r in self.model.rows if r.waybill == text)
            self.current = text
            self.show_code(row.routing_code, row.destination)
            self.hint.setText(self.tr("Weigh %1 and type its weight.").replace("%1", text))
            self.weight.setFocus()
            return
        got = self.ctx.perform(lambda: og.receive_collected(name, text, actor=self.ctx.actor,
                                                            now=self.ctx.now()),
                               changes=frozenset({changes.OUTGOING, changes.CASH}))
        if got:
            p = got.parcel
            self.current = p.waybill
            self.show_code(p.routing_code, f"{p.province or ''}{p.city or ''}")
            if not got.declared:
                self.ctx.banner.error(self.tr("%1 is not in his declared list: enter its "
                                              "declaration or weigh it.").replace("%1", p.waybill))
            else:
                self.ctx.banner.ok(self.tr("%1 received (%2 today).").replace("%1", p.waybill)
                                   .replace("%2", str(got.sheet_count)))
            self.refresh_sheet()
        self.scan.reclaim()

    def enter_weight(self) -> None:
        if not self.current:
            self.ctx.banner.error(self.tr("Scan the parcel before typing its weight."))
            self.scan.reclaim()
            return
        waybill, value = self.current, self.weight.text()
        info = self.ctx.perform(lambda: og.check_weight(waybill, value, actor=self.ctx.actor,
                                                        now=self.ctx.now()),
                                changes=frozenset({changes.OUTGOING}))
        if not info:
            self.weight.selectAll()
            return
        self.weight.clear()
        if info.weight_flagged:
            self.ctx.banner.error(self.tr("%1: checked %2 kg, he declared %3 kg — flagged on his "
                                          "sheet.").replace("%1", waybill)
                                  .replace("%2", _kg(info.weight_g))
                                  .replace("%3", _kg(info.declared_weight_g)))
        else:
            self.ctx.banner.ok(self.tr("%1: %2 kg saved.").replace("%1", waybill)
                               .replace("%2", _kg(info.weight_g)))
        self.refresh_sheet()
        self.scan.reclaim()

    def add_salesman(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add salesman"), self.tr("Name"))
        if ok and name.strip():
            if self.ctx.perform(lambda: og.add_salesman(name, actor=self.ctx.actor,
                                                        now=self.ctx.now())):
                self.refresh()
                self.salesman.setCurrentText(name.strip())

    def import_collections(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import collection CSV"),
                                                  str(Path.home()), "CSV (*.csv)")
        if not path:
            return
        # the core reads the file, in the background: a regular file of at most 10 MB, else one
        # line (tables.py)
        data, actor, now = Path(path), self.ctx.actor, self.ctx.now()

        def done(got):
            self.ctx.banner.ok(self.tr("Imported %1 declared parcels.").replace("%1", str(got.rows)))
            self.refresh_sheet()
            self.scan.reclaim()

        # in the background (ui/ops.py): a big file never freezes the counter
        return ops.perform(self.ctx, lambda: og.import_collections(data, actor=actor, now=now),
                           label=self.tr("Importing %1 …").replace("%1", Path(path).name),
                           changes=frozenset({changes.OUTGOING}), on_done=done,
                           on_error=lambda _e: self.scan.reclaim())

    def declare(self):
        name = self.salesman.currentText()
        if not name:
            self.ctx.banner.error(self.tr("Add a salesman first."))
            return
        # non-modal: the counter (and the scanner, ui/scanner.py) keep working while it is open
        dialog = DeclareDialog(self.ctx, name, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: (self.refresh_sheet(), self.scan.reclaim()))
        dialog.show()
        self.declare_dialog = dialog
        return dialog


# =============================================================================================
# 扫发件 — dispatch into bags
# =============================================================================================
class DispatchTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.bag_label = QLabel()
        self.bag = QLineEdit()
        self.bag.setObjectName("bagField")
        self.bag.setAttribute(Qt.WA_InputMethodEnabled, False)
        self.bag.setMaximumWidth(260)
        top.addWidget(self.bag_label)
        top.addWidget(self.bag)
        self.scan = ScanField()
        self.scan.setObjectName("dispatchScan")
        top.addWidget(self.scan, 1)
        layout.addLayout(top)
        self.last = _big(QLabel(), 28)
        self.last.setObjectName("dispatchLast")
        layout.addWidget(self.last)
        grid = QGridLayout()
        self.bag_title = QLabel()
        self.salesman_title = QLabel()
        self.bag_model = RowsTableModel([])
        self.salesman_model = RowsTableModel([])
        self.bag_view = table_view(self.bag_model, alternating=False)
        self.salesman_view = table_view(self.salesman_model, alternating=False)
        grid.addWidget(self.bag_title, 0, 0)
        grid.addWidget(self.salesman_title, 0, 1)
        grid.addWidget(self.bag_view, 1, 0)
        grid.addWidget(self.salesman_view, 1, 1)
        layout.addLayout(grid, 1)
        self.waiting = QLabel()
        self.waiting.setObjectName("dispatchWaiting")
        layout.addWidget(self.waiting)
        self.scan.scanned.connect(self.on_scan)
        self.bag.returnPressed.connect(self.scan.reclaim)
        self.retranslate()

    def retranslate(self) -> None:
        self.bag_label.setText(self.tr("Bag / route"))
        self.bag.setPlaceholderText(self.tr("scan the bag number (4…)"))
        self.scan.setPlaceholderText(self.tr("Scan parcels out; a 4… number switches the bag"))
        self.bag_title.setText(self.tr("Today per bag / route"))
        self.salesman_title.setText(self.tr("Today per salesman"))
        self.bag_model.columns = [Column(self.tr("Bag / route"), lambda r: r[0]),
                                  Column(self.tr("Parcels"), lambda r: r[1], Qt.AlignRight)]
        self.salesman_model.columns = [
            Column(self.tr("Salesman"), lambda r: r[0] if r[0] != "柜台" else self.tr("Counter")),
            Column(self.tr("Dispatched"), lambda r: r[1], Qt.AlignRight),
            Column(self.tr("Received"), lambda r: r[2], Qt.AlignRight)]
        self.refresh()

    def refresh(self) -> None:
        counts = og.dispatch_counts(self.ctx.now().date())
        self.bag_model.set_rows(list(counts.by_bag))
        self.salesman_model.set_rows(list(counts.by_salesman))
        self.waiting.setText(self.tr("Received today, not yet dispatched: %1")
                             .replace("%1", str(counts.waiting)))

    def on_scan(self, text: str) -> None:
        if og.switches_bag(text):
            self.bag.setText(text)
            self.last.setText(self.tr("Bag %1").replace("%1", text))
            self.ctx.banner.ok(self.tr("Now filling bag %1.").replace("%1", text))
            self.scan.reclaim()
            return
        bag = self.bag.text()
        got = self.ctx.perform(lambda: og.dispatch(text, bag, actor=self.ctx.actor,
                                                   now=self.ctx.now()),
                               changes=frozenset({changes.OUTGOING}))
        if got:
            self.last.setText(self.tr("%1 → %2 (%3 in this bag)").replace("%1", got.waybill)
                              .replace("%2", got.bag).replace("%3", str(got.in_bag)))
            if got.salesman_done:
                self.ctx.banner.ok(self.tr("All of %1's parcels are dispatched.")
                                   .replace("%1", got.salesman))
            self.refresh()
        self.scan.reclaim()


# =============================================================================================
# 未签收 — today's unsigned deliveries
# =============================================================================================
class UnsignedTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.reload_button = QPushButton()
        self.done_button = QPushButton()
        top.addWidget(self.summary, 1)
        top.addWidget(self.reload_button)
        top.addWidget(self.done_button)
        layout.addLayout(top)
        self.model = RowsTableModel([])
        self.view = table_view(self.model, alternating=False)
        layout.addWidget(self.view, 1)
        self.reload_button.clicked.connect(self.refresh)
        self.done_button.clicked.connect(self.confirm)
        self.retranslate()

    def retranslate(self) -> None:
        self.reload_button.setText(self.tr("Reload"))
        self.done_button.setText(self.tr("Checked the list"))
        self.model.columns = [
            Column(self.tr("Waybill"), lambda r: r.waybill),
            Column(self.tr("Carrier"), lambda r: r.carrier),
            Column(self.tr("Status"), lambda r: r.status),
            Column(self.tr("Courier"), lambda r: r.courier),
            Column(self.tr("Since"), lambda r: f"{r.since:%m-%d %H:%M}"),
            Column(self.tr("Age (h)"), lambda r: r.age_hours, Qt.AlignRight),
            Column(self.tr("Recipient"), lambda r: r.recipient),
            Column(self.tr("Phone"), lambda r: r.phone_masked),
        ]
        self.refresh()

    def refresh(self) -> None:
        rows = og.unsigned_deliveries(self.ctx.now())
        self.model.set_rows(rows)
        self.summary.setText(self.tr("%1 deliveries are not signed yet.").replace("%1", str(len(rows))))

    def confirm(self) -> None:
        n = self.ctx.perform(lambda: og.confirm_unsigned_checked(actor=self.ctx.actor,
                                                                 now=self.ctx.now()),
                             changes=frozenset({changes.TASKS}))
        if n is not None:
            self.ctx.banner.ok(self.tr("Unsigned list checked (%1 open).").replace(
                "%1", str(n)))


# =============================================================================================
# 三日查件 — the 3-day check
# =============================================================================================
class ThreeDayTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.due = _big(QLabel(), 18)
        self.due.setObjectName("threeDayDue")
        layout.addWidget(self.due)
        top = QHBoxLayout()
        self.run_button = QPushButton()
        self.import_button = QPushButton()
        self.export_button = QPushButton()
        for w in (self.run_button, self.import_button, self.export_button):
            top.addWidget(w)
        top.addStretch(1)
        layout.addLayout(top)
        split = QSplitter()
        self.runs = RowsTableModel([])
        self.runs_view = table_view(self.runs, alternating=False)
        self.items = RowsTableModel([])
        self.items_view = table_view(self.items, alternating=False)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.runs_title = QLabel()
        lv.addWidget(self.runs_title)
        lv.addWidget(self.runs_view)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.items_title = QLabel()
        self.items_title.setWordWrap(True)
        rv.addWidget(self.items_title)
        rv.addWidget(self.items_view)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([420, 640])
        layout.addWidget(split, 1)
        self.run_button.clicked.connect(self.run_check)
        self.import_button.clicked.connect(self.import_tracking)
        self.export_button.clicked.connect(self.export)
        self.runs_view.clicked.connect(lambda idx: self.show_run(self.runs.row_at(idx.row()).id))
        self.retranslate()

    def retranslate(self) -> None:
        self.run_button.setText(self.tr("Run the 3-day check now"))
        self.import_button.setText(self.tr("Import tracking (CSV/XLSX)…"))
        self.export_button.setText(self.tr("Export lists to text files"))
        self.runs_title.setText(self.tr("Checks"))
        self.runs.columns = [
            Column(self.tr("Day"), lambda r: f"{r.run_day:%Y-%m-%d}"),
            Column(self.tr("Window"), lambda r: f"{r.window_start:%m-%d} – {r.window_end:%m-%d}"),
            Column(self.tr("Unsigned"), lambda r: r.checked, Qt.AlignRight),
            Column(self.tr("Delayed"), lambda r: r.delays, Qt.AlignRight),
            Column(self.tr("Lost?"), lambda r: r.losses, Qt.AlignRight)]
        self.items.columns = [
            Column(self.tr("List"), lambda r: self.tr("Delay") if r.kind == "delay"
                   else self.tr("Loss")),
            Column(self.tr("Waybill"), lambda r: r.waybill),
            Column(self.tr("Ticket"), lambda r: (f"#{r.ticket_id}" + ("" if r.new_ticket else
                                                                     self.tr(" (earlier)")))
                   if r.ticket_id else ""),
            Column(self.tr("Reason"), lambda r: threeday.reason_text(r.reason))]
        self.selected: int | None = None
        self.refresh()

    def refresh(self) -> None:
        nxt = threeday.next_check(self.ctx.now().date())
        self.due.setText(nxt.message())
        self.due.setStyleSheet("color:#b00020;" if nxt.overdue_days >= 0 else "color:#1b5e20;")
        runs = threeday.list_runs()
        self.runs.set_rows(runs)
        if self.selected is None and runs:
            self.selected = runs[0].id
        self.show_run(self.selected)

    def show_run(self, run_id: int | None) -> None:
        self.selected = run_id
        if run_id is None:
            self.items.set_rows([])
            self.items_title.setText(self.tr("No check has been run yet."))
            return
        run = threeday.get_run(run_id)
        self.items.set_rows(list(run.delays + run.losses))
        text = self.tr("Check of %1: window %2 – %3, %4 unsigned, %5 bag numbers left out")
        for i, v in enumerate((f"{run.run_day:%Y-%m-%d}", f"{run.window_start:%Y-%m-%d %H:%M:%S}",
                               f"{run.window_end:%Y-%m-%d %H:%M:%S}", str(run.checked),
                               str(run.excluded_bags)), 1):
            text = text.replace(f"%{i}", v)
        self.items_title.setText(text)

    def run_check(self):
        actor, now = self.ctx.actor, self.ctx.now()
        self.run_button.setEnabled(False)

        def done(run):
            self.run_button.setEnabled(True)
            self.selected = run.id
            self.refresh()
            self.ctx.banner.ok(self.tr("3-day check done: %1 delayed, %2 lost?, %3 new tickets.")
                               .replace("%1", str(len(run.delays)))
                               .replace("%2", str(len(run.losses)))
                               .replace("%3", str(run.new_tickets)))

        return ops.perform(self.ctx, lambda: threeday.run_three_day_check(actor=actor, now=now),
                           label=self.tr("3-day check …"), on_done=done,
                           on_error=lambda _e: self.run_button.setEnabled(True),
                           changes=frozenset({changes.OUTGOING, changes.TICKETS, changes.TASKS}))

    def import_tracking(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import tracking"), str(Path.home()),
                                                  "CSV / XLSX (*.csv *.xlsx)")
        if not path:
            return
        # the core reads the file, in the background: a regular file of at most 10 MB, else one
        # line (tables.py)
        data, actor, now = Path(path), self.ctx.actor, self.ctx.now()

        def done(got):
            self.ctx.banner.ok(self.tr("Tracking updated for %1 parcels (%2 signed).")
                               .replace("%1", str(got.updated)).replace("%2", str(got.signed)))

        return ops.perform(self.ctx, lambda: threeday.import_tracking(data, path, actor=actor, now=now),
                           label=self.tr("Importing %1 …").replace("%1", Path(path).name),
                           changes=frozenset({changes.OUTGOING}), on_done=done)

    def export(self):
        """Write the lists in the background; the job's result is the list of paths."""
        if self.selected is None:
            self.ctx.banner.error(self.tr("Run or select a check first."))
            return None
        folder = threeday.default_export_folder(self.ctx.home)
        selected = self.selected
        return ops.perform(self.ctx, lambda: threeday.export_run(selected, folder),
                           label=self.tr("Writing the lists …"),
                           success=self.tr("Lists written to %1").replace("%1", str(folder)))


# =============================================================================================
# 价格表 / 大笔代码 — manager
# =============================================================================================
class TablesTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QHBoxLayout(self)
        for attr in ("rates", "codes"):
            box = QVBoxLayout()
            title = QLabel()
            help_label = QLabel()
            help_label.setWordWrap(True)
            edit = QPlainTextEdit()
            edit.setObjectName(f"{attr}Edit")
            save = QPushButton()
            box.addWidget(title)
            box.addWidget(help_label)
            box.addWidget(edit, 1)
            box.addWidget(save)
            layout.addLayout(box, 1)
            setattr(self, f"{attr}_title", title)
            setattr(self, f"{attr}_help", help_label)
            setattr(self, f"{attr}_edit", edit)
            setattr(self, f"{attr}_save", save)
        self.rates_save.clicked.connect(self.save_rates)
        self.codes_save.clicked.connect(self.save_codes)
        self.retranslate()

    def retranslate(self) -> None:
        self.rates_title.setText(self.tr("Rate table"))
        self.rates_help.setText(self.tr("One zone a line: zone, first kg (yuan), each additional "
                                        "kg (yuan), then its provinces."))
        self.rates_save.setText(self.tr("Save rate table"))
        self.codes_title.setText(self.tr("Routing codes (big pen)"))
        self.codes_help.setText(self.tr("One line each: province, city (- for the whole "
                                        "province), code."))
        self.codes_save.setText(self.tr("Save routing codes"))

    def refresh(self) -> None:
        self.rates_edit.setPlainText(og.rate_table_text())
        self.codes_edit.setPlainText(og.routing_codes_text())

    def save_rates(self) -> None:
        text = self.rates_edit.toPlainText()
        if self.ctx.perform(lambda: og.set_rate_table(text, actor=self.ctx.actor,
                                                      now=self.ctx.now()),
                            success=self.tr("Rate table saved.")):
            self.refresh()

    def save_codes(self) -> None:
        text = self.codes_edit.toPlainText()
        if self.ctx.perform(lambda: og.set_routing_codes(text, actor=self.ctx.actor,
                                                         now=self.ctx.now()),
                            success=self.tr("Routing codes saved.")):
            self.refresh()


# =============================================================================================
class OutgoingScreen(Screen):
    FKEY = 7
    TITLE = "Sending / pickups"
    WATCHES = frozenset({changes.OUTGOING, changes.CASH, changes.PARCELS, changes.SIGNOFF,
                         changes.TICKETS, changes.SETTINGS})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tabs = QTabWidget()
        self.send_tab = SendTab(ctx)
        self.pickup_tab = PickupTab(ctx)
        self.dispatch_tab = DispatchTab(ctx)
        self.unsigned_tab = UnsignedTab(ctx)
        self.threeday_tab = ThreeDayTab(ctx)
        self.tables_tab = TablesTab(ctx)
        self._tabs = [self.send_tab, self.pickup_tab, self.dispatch_tab, self.unsigned_tab,
                      self.threeday_tab, self.tables_tab]
        for tab in self._tabs:
            self.tabs.addTab(tab, "")
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())
        self.retranslate()

    def activate(self) -> None:
        manager = bool(self.ctx.actor and self.ctx.actor.is_manager)
        self.tabs.setTabVisible(self._tabs.index(self.tables_tab), manager)
        if not manager and self.tabs.currentWidget() is self.tables_tab:
            self.tabs.setCurrentWidget(self.send_tab)
        self._stale = True          # who is logged in may have changed: always reload
        super().activate()

    def retranslate(self) -> None:
        if hasattr(self, "_tabs"):
            for tab in self._tabs:
                tab.retranslate()
        for i, text in enumerate((self.tr("Send"), self.tr("Salesman pickup"),
                                  self.tr("Dispatch"), self.tr("Unsigned today"),
                                  self.tr("3-day check"), self.tr("Rates && codes"))):
            self.tabs.setTabText(i, text)

    def refresh(self) -> None:
        self.tabs.currentWidget().refresh()

    def _tab_changed(self) -> None:
        self.tabs.currentWidget().refresh()
        self.focus_default()

    def show_tab(self, tab: QWidget) -> None:
        self.tabs.setCurrentWidget(tab)

    def focus_default(self) -> None:
        tab = self.tabs.currentWidget()
        if tab is self.send_tab:
            tab.waybill.setFocus()
        elif tab in (self.pickup_tab, self.dispatch_tab):
            tab.scan.reclaim()
