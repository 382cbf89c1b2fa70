"""Scroll areas that let a screen fit a 1366×768 counter PC without hiding anything for good."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
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
        # the scroll area around re-sizes its widget on the widget's own LayoutRequest
        QCoreApplication.postEvent(self, QEvent(QEvent.LayoutRequest))

    def minimumSizeHint(self) -> QSize:
        w = self.currentWidget()
        return w.minimumSizeHint().expandedTo(w.minimumSize()) if w is not None else QSize(0, 0)

    def sizeHint(self) -> QSize:
        w = self.currentWidget()
        return w.sizeHint() if w is not None else QSize(0, 0)

    def heightForWidth(self, width: int) -> int:
        # The scroll area around takes this as the least height; a box layout answers with its
        # preferred height (and QStackedLayout with the tallest page's), so a screen that fits
        # would scroll.  The minimum size hint is the least height.
        return -1


def screen_scroller(stack: ScreenStack) -> QScrollArea:
    """The safety net around the screens: a screen larger than the window scrolls instead of
    pushing the window off the screen (the fit test keeps every screen inside 1366×728)."""
    area = QScrollArea()
    area.setObjectName("screenScroller")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.NoFrame)
    area.setWidget(stack)
    return area
