"""The scan field: a QLineEdit that takes keyboard-wedge scanners.

* Input methods are switched off (``Qt.ImEnabled`` answered False), so a Chinese IME cannot swallow
  the digits a scanner types; ``WA_InputMethodEnabled`` alone does not do it on QLineEdit.
* Enter or Tab ends a scan; the text is normalised in the core (``outlet_desk.scan``).
* Focus returns to it after every action (:meth:`reclaim`).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit

from outlet_desk.scan import MAX_SCAN_LENGTH, normalize_scan


class ScanField(QLineEdit):
    scanned = Signal(str)

    def __init__(self, parent=None, placeholder: str = ""):
        super().__init__(parent)
        self.setAttribute(Qt.WA_InputMethodEnabled, False)
        self.setMaxLength(MAX_SCAN_LENGTH * 4)
        if placeholder:
            self.setPlaceholderText(placeholder)
        font = self.font()
        font.setPointSize(16)
        self.setFont(font)
        self.setMinimumHeight(40)

    def inputMethodQuery(self, query):
        if query == Qt.ImEnabled:
            return False
        return super().inputMethodQuery(query)

    def event(self, ev):
        # Tab must end a scan instead of moving focus away.
        if ev.type() == ev.Type.KeyPress and ev.key() in (Qt.Key_Tab, Qt.Key_Backtab):
            self._submit()
            return True
        return super().event(ev)

    def keyPressEvent(self, ev):
        if ev.key() in (Qt.Key_Return, Qt.Key_Enter):
            self._submit()
            return
        super().keyPressEvent(ev)

    def _submit(self) -> None:
        text = normalize_scan(self.text())
        self.clear()
        if text:
            self.scanned.emit(text)

    def submit_scan(self, text: str) -> None:
        """A scan routed here by :class:`ui.scanner.ScanRouter` while focus was elsewhere: handled
        as if typed here, and what the clerk had typed into the field stays."""
        text = normalize_scan(text)
        if text:
            self.scanned.emit(text)

    def reclaim(self) -> None:
        self.setFocus(Qt.OtherFocusReason)
