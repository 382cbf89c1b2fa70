"""Fitting the screens into a 1366×768 counter PC.

(No scroll area around the whole screen stack: inside one, the intake list's blit-scrolling left
stale rows on screen — tests/ui/test_intake_screen.py.  Each screen fits instead, checked by
tests/ui/test_fits_screen.py.)"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QStyle


class VerticalScroll(QScrollArea):
    """Scrolls its content up and down, never sideways: as wide as the content needs, as short as
    ``min_height`` (a column of a screen that is taller than a small screen)."""

    def __init__(self, content, min_height: int = 160, parent=None):
        super().__init__(parent)
        self.min_height = min_height
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setWidget(content)
        content.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        # the content's layout changed (a text in another language, a row more): this area's
        # size hints change with it, and the layout holding this area must ask again (it caches)
        if watched is self.widget() and event.type() == QEvent.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:
        # changes made while the screen was hidden did not reach the holding layout's cache
        self.updateGeometry()
        super().showEvent(event)

    def _bar(self) -> int:
        return self.style().pixelMetric(QStyle.PM_ScrollBarExtent)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.widget().minimumSizeHint().width() + self._bar(), self.min_height)

    def sizeHint(self) -> QSize:
        hint = self.widget().sizeHint()
        return QSize(hint.width() + self._bar(), hint.height())


class ScreenStack(QStackedWidget):
    """The main window's screens: asks only for the *current* screen's size (a plain
    QStackedWidget asks for the largest of all screens)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.currentChanged.connect(self._size_changed)

    def _size_changed(self, _index=None) -> None:
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        w = self.currentWidget()
        return w.minimumSizeHint().expandedTo(w.minimumSize()) if w is not None else QSize(0, 0)

    def sizeHint(self) -> QSize:
        w = self.currentWidget()
        return w.sizeHint() if w is not None else QSize(0, 0)

    def heightForWidth(self, width: int) -> int:
        # QStackedLayout answers with the tallest page's height; the current page's minimum
        # size hint is what this stack needs
        return -1
