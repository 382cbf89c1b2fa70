"""The one-line banner at the top of the work area: errors, warnings and confirmations.

Never a modal box in the middle of a scanning burst.  Its row is reserved: the banner is always
there (blank when there is nothing to say), one line high, so a message appearing or fading never
moves the layout under the clerk's pointer.  A text longer than the line is shortened with "…"
on screen and shown whole as its tooltip.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy

from .. import sound

STYLES = {
    "error": "background:#c62828;color:white;",
    "warning": "background:#ef6c00;color:white;",
    "info": "background:#1565c0;color:white;",
    "ok": "background:#2e7d32;color:white;",
}
BLANK = "background:transparent;"


class OneLineLabel(QLabel):
    """A label that keeps its whole text (``text()``) but paints it on one line, elided."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)

    def minimumSizeHint(self) -> QSize:
        return QSize(10, self.fontMetrics().height())

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self.text()), self.fontMetrics().height())

    def paintEvent(self, ev):
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(Qt.AlignLeft | Qt.AlignVCenter), text)


class Banner(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        self.label = OneLineLabel()
        font = self.label.font()
        font.setPointSize(13)
        font.setBold(True)
        self.label.setFont(font)
        layout.addWidget(self.label)
        self.setFixedHeight(self.label.fontMetrics().height() + 8)
        self.level = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        self.setStyleSheet(f"#banner{{{BLANK}}}")

    def show_message(self, text: str, level: str = "error", *, sound_kind: str | None = None,
                     timeout_ms: int | None = None) -> None:
        self.level = level
        self.label.setText(text)
        self.label.setToolTip(text)
        self.label.update()
        sheet = f"#banner{{{STYLES.get(level, STYLES['info'])}border-radius:4px;}}"
        if sheet != self.styleSheet():   # re-polishing on every scan costs milliseconds
            self.setStyleSheet(sheet)
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
        """Blank the banner; its row stays (nothing below it moves)."""
        self.level = ""
        self.label.clear()
        self.label.setToolTip("")
        self._timer.stop()
        sheet = f"#banner{{{BLANK}}}"
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

    def is_showing(self) -> bool:
        return bool(self.level)

    def text(self) -> str:
        return self.label.text()
