"""The form that starts a return (退件) or forward (转件): type, reason, note, destination outlet
(forward), mis-sorted + where it should have gone, sender's contact (return).

Used embedded in the returns screen and, in :class:`StartReturnDialog`, from the problem queue."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from outlet_desk.inbound import returns
from outlet_desk.models.returns import ReturnRecord


def kind_text(kind: str) -> str:
    return {ReturnRecord.RETURN: QCoreApplication.translate("Returns", "Return to sender"),
            ReturnRecord.FORWARD: QCoreApplication.translate("Returns", "Forward to another outlet")}[kind]


class ReturnForm(QWidget):
    submitted = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.waybill = QLabel()
        font = self.waybill.font()
        font.setPointSize(14)
        font.setBold(True)
        self.waybill.setFont(font)
        self.kind = QComboBox()
        for k in ReturnRecord.KINDS:
            self.kind.addItem("", k)
        self.reason = QComboBox()
        for r in ReturnRecord.REASONS:      # shown in the person's language, the stored word as data
            self.reason.addItem(returns.reason_text(r), r)
        self.note = QLineEdit()
        self.dest_code = QLineEdit()
        self.dest_name = QLineEdit()
        self.mis_sorted = QCheckBox()
        self.should_have_gone = QLineEdit()
        self.sender_name = QLineEdit()
        self.sender_phone = QLineEdit()
        self.labels = {}
        for key, widget in (("waybill", self.waybill), ("kind", self.kind), ("reason", self.reason),
                            ("note", self.note), ("dest_code", self.dest_code),
                            ("dest_name", self.dest_name), ("mis_sorted", self.mis_sorted),
                            ("should", self.should_have_gone), ("sender_name", self.sender_name),
                            ("sender_phone", self.sender_phone)):
            label = QLabel()
            self.labels[key] = label
            form.addRow(label, widget)
        self.kind.currentIndexChanged.connect(self._sync)
        self.reason.currentIndexChanged.connect(self._reason_changed)
        self.mis_sorted.toggled.connect(self._sync)
        for edit in (self.note, self.dest_code, self.dest_name, self.should_have_gone,
                     self.sender_name, self.sender_phone):
            edit.returnPressed.connect(self.submitted)
        for widget in (self.kind, self.reason, self.mis_sorted):
            widget.installEventFilter(self)     # Enter on a closed list or the box submits too
        self.retranslate()
        self._sync()

    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.KeyPress and ev.key() in (Qt.Key_Return, Qt.Key_Enter):
            if not (isinstance(obj, QComboBox) and obj.view().isVisible()):
                self.submitted.emit()
                return True
        return super().eventFilter(obj, ev)

    def retranslate(self) -> None:
        for i in range(self.kind.count()):
            self.kind.setItemText(i, kind_text(self.kind.itemData(i)))
        texts = {"waybill": QCoreApplication.translate("Returns", "Waybill"), "kind": QCoreApplication.translate("Returns", "Type"), "reason": QCoreApplication.translate("Returns", "Reason"),
                 "note": QCoreApplication.translate("Returns", "Note"), "dest_code": QCoreApplication.translate("Returns", "Destination outlet code"),
                 "dest_name": QCoreApplication.translate("Returns", "Destination outlet name"), "mis_sorted": QCoreApplication.translate("Returns", "Mis-sorted"),
                 "should": QCoreApplication.translate("Returns", "Should have gone to"), "sender_name": QCoreApplication.translate("Returns", "Sender"),
                 "sender_phone": QCoreApplication.translate("Returns", "Sender's phone")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.mis_sorted.setText(QCoreApplication.translate("Returns", "Mis-sorted parcel: strike out our outlet code"))
        self.note.setPlaceholderText(QCoreApplication.translate("Returns", "required when the reason is %1")
                                     .replace("%1", returns.reason_text("其他")))  # zh-data: a stored reason
        self.sender_name.setPlaceholderText(QCoreApplication.translate("Returns", "when known"))

    def _reason_changed(self, _index: int) -> None:
        if self.reason.currentData() == "错分":  # zh-data: the stored reason
            self.mis_sorted.setChecked(True)
        self._sync()

    def _sync(self) -> None:
        forward = self.kind.currentData() == ReturnRecord.FORWARD
        for key, widget in (("dest_code", self.dest_code), ("dest_name", self.dest_name)):
            widget.setVisible(forward)
            self.labels[key].setVisible(forward)
        for key, widget in (("sender_name", self.sender_name), ("sender_phone", self.sender_phone)):
            widget.setVisible(not forward)
            self.labels[key].setVisible(not forward)
        mis = self.mis_sorted.isChecked()
        self.should_have_gone.setVisible(mis)
        self.labels["should"].setVisible(mis)

    def reset(self, waybill: str = "", *, kind: str | None = None, reason: str | None = None,
              note: str = "") -> None:
        self.waybill.setText(waybill)
        if kind:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        if reason:      # a stored reason (a problem's reason mapped by the problem screen)
            self.reason.setCurrentIndex(max(0, self.reason.findData(reason)))
        self.mis_sorted.setChecked(self.reason.currentData() == "错分")  # zh-data: the stored reason
        self.note.setText(note)
        for edit in (self.dest_code, self.dest_name, self.should_have_gone, self.sender_name,
                     self.sender_phone):
            edit.clear()
        self._sync()

    def values(self) -> dict:
        """Keyword arguments for ``returns.start_return`` / ``returns.start_in_tx``."""
        return dict(kind=self.kind.currentData(), reason=self.reason.currentData(),
                    note=self.note.text(), dest_code=self.dest_code.text(),
                    dest_name=self.dest_name.text(), mis_sorted=self.mis_sorted.isChecked(),
                    should_have_gone=self.should_have_gone.text(),
                    sender_name=self.sender_name.text(), sender_phone=self.sender_phone.text())


class StartReturnDialog(QDialog):
    """Return/forward from the problem queue or the overdue list.  ``on_accept(values)`` calls the
    core; it returns True when done (the dialog closes) or False (it stays, the banner says why)."""

    def __init__(self, waybill: str, *, kind: str, reason: str, note: str = "", on_accept=None,
                 parent=None):
        super().__init__(parent)
        self.on_accept = on_accept
        self.setWindowTitle(QCoreApplication.translate("Returns", "Start a return or forward"))
        layout = QVBoxLayout(self)
        self.form = ReturnForm()
        self.form.reset(waybill, kind=kind, reason=reason, note=note)
        layout.addWidget(self.form)
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.form.submitted.connect(self.submit)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WA_DeleteOnClose)

    def submit(self) -> None:
        if self.on_accept is None or self.on_accept(self.form.values()):
            self.accept()
