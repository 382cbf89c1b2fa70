"""Windows and dialogs inside the screen: a counter PC is often 1366×768 with a taskbar.

:func:`fit_into_screen` shrinks a top-level window to the screen's available area (taskbar
excluded) and moves it inside; the application-wide :class:`~ui.counter.CounterFilter` calls it for
every window and dialog as it is shown, so a dialog sized for a big screen never puts its buttons
off-screen.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

TITLE_BAR = 30          # openbox draws 20 px, Windows 31 px


def available_area(widget=None) -> QRect:
    screen = None
    if widget is not None:
        handle = widget.windowHandle()
        screen = handle.screen() if handle is not None else None
        if screen is None and widget.parentWidget() is not None:
            screen = widget.parentWidget().screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_into_screen(window, area: QRect | None = None) -> None:
    """Shrink ``window`` (never below its minimum size) to the available area and move it in."""
    if window.isMaximized() or window.isFullScreen():
        return
    area = area or available_area(window)
    frame = window.frameGeometry()
    extra_w = max(0, frame.width() - window.width())
    extra_h = max(0, frame.height() - window.height())
    if not window.windowFlags() & Qt.FramelessWindowHint:
        # the frame is not known before the window manager has drawn it: a typical title bar
        extra_w, extra_h = max(extra_w, 4), max(extra_h, TITLE_BAR)
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, window.minimumWidth()), max(height, window.minimumHeight()))
    pos = window.pos()             # the frame's top-left corner
    outer_w, outer_h = window.width() + extra_w, window.height() + extra_h
    x = min(max(pos.x(), area.x()), area.x() + max(0, area.width() - outer_w))
    y = min(max(pos.y(), area.y()), area.y() + max(0, area.height() - outer_h))
    if (x, y) != (pos.x(), pos.y()):
        window.move(x, y)


class WindowFitter(QObject):
    """Application-wide: every window and dialog is fitted into the screen as it is shown."""

    def __init__(self, app, parent=None):
        super().__init__(parent)
        app.installEventFilter(self)

    def eventFilter(self, obj, ev):
        if (ev.type() == QEvent.Show and obj.isWidgetType() and obj.isWindow()
                and not isinstance(obj, QMainWindow)):   # the main window fits itself (show_fitted)
            fit_into_screen(obj)
        return False
