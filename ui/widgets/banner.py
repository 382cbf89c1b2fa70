"""The one-line banner at the top of the work area: errors, warnings and confirmations.

Never a modal box in the middle of a scanning burst.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel

from .. import sound

STYLES = {
    "error": "background:#c62828;color:white;",
    "warning": "background:#ef6c00;color:white;",
    "info": "background:#1565c0;color:white;",
    "ok": "background:#2e7d32;color:white;",
}


class Banner(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = self.label.font()
        font.setPointSize(13)
        font.setBold(True)
        self.label.setFont(font)
        layout.addWidget(self.label)
        self.level = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        self.hide()

    def show_message(self, text: str, level: str = "error", *, sound_kind: str | None = None,
                     timeout_ms: int | None = None) -> None:
        self.level = level
        self.label.setText(text)
        sheet = f"#banner{{{STYLES.get(level, STYLES['info'])}border-radius:4px;}}"
        if sheet != self.styleSheet():   # re-polishing on every scan costs milliseconds
            self.setStyleSheet(sheet)
        if not self.isVisible():
            self.show()
        if sound_kind is None:
            sound_kind = sound.ERROR if level == "error" else sound.OK
        sound.play(sound_kind)
        if timeout_ms is None:
            timeout_ms = 0 if level in ("error", "warning") else 4000
        if timeout_ms:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()

    def error(self, text: str, **kw) -> None:
        self.show_message(text, "error", **kw)

    def ok(self, text: str, **kw) -> None:
        self.show_message(text, "ok", **kw)

    def clear(self) -> None:
        self.level = ""
        self.label.clear()
        self.hide()

    def text(self) -> str:
        return self.label.text()
