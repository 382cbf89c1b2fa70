"""No scan is ever lost: an application-wide keyboard-wedge router.

A USB scanner is a keyboard.  Its scan is a *burst*: keys a few milliseconds apart, ended by
Enter or Tab.  A person types tens of milliseconds apart at the very least.  Like Odoo's barcode
service, this filter tells the two apart by the time between keys (the window system's own key
timestamps, so a busy event loop does not make typing look like a burst).

* Focus on a :class:`~ui.widgets.scanfield.ScanField`: keys pass untouched (the fast path).
* Focus anywhere else (a print preview, a dialog, a table, a text box, the login page's PIN field):
  printable keys are held back for ``max_gap_ms``.  Keys that keep coming faster than that and end
  with Enter/Tab (at least ``min_length`` of them) are a scan: it goes to the current screen's scan
  field (:meth:`Screen.scan_target`), or — at the login page or on a screen with no scan field —
  it is refused with a beep and listed in :attr:`ScanRouter.refused`.  Held keys that turn out to
  be typing are handed on to the widget they were meant for, in order.

Only spontaneous key events reaching a top-level window are looked at, so each key is seen once.
"""
from __future__ import annotations

import datetime as dt
import time
from collections import deque
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication

from . import sound
from .widgets.scanfield import ScanField

ENDS = (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab)
MODIFIER_KEYS = (Qt.Key_Shift, Qt.Key_Control, Qt.Key_Alt, Qt.Key_Meta, Qt.Key_AltGr,
                 Qt.Key_CapsLock, Qt.Key_NumLock)


@dataclass(frozen=True)
class RefusedScan:
    at: dt.datetime
    text: str
    reason: str


class _Held:
    __slots__ = ("key", "text", "modifiers", "native", "stamp", "window")

    def __init__(self, ev: QKeyEvent, stamp: float, window):
        self.key, self.text, self.modifiers = ev.key(), ev.text(), ev.modifiers()
        self.native = (ev.nativeScanCode(), ev.nativeVirtualKey(), ev.nativeModifiers())
        self.stamp = stamp
        self.window = window


class ScanRouter(QObject):
    """Installed once on the QApplication by the main window (``window.scan_router``)."""

    refused_changed = Signal()

    def __init__(self, app, window, *, max_gap_ms: int = 40, min_length: int = 4):
        super().__init__(window)
        self.window = window
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.held: list[_Held] = []
        self.refused: deque[RefusedScan] = deque(maxlen=200)
        self.routed = 0
        self._in_timer = False
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_quiet)
        app.installEventFilter(self)

    # -- the filter ---------------------------------------------------------------------------
    def eventFilter(self, obj, ev):
        if ev.type() != QEvent.KeyPress or self._replaying or not isinstance(obj, QWindow):
            return False
        focus = QApplication.focusWidget()
        if isinstance(focus, ScanField) and not self.held:
            return False                                  # the scan field takes it as it is
        key, text = ev.key(), ev.text()
        if key in MODIFIER_KEYS:
            return False                                  # Shift inside a burst ("JT…") is part of it
        stamp = float(ev.timestamp()) or time.monotonic() * 1000.0
        plain = not (ev.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier))
        if key in ENDS and plain and not ev.isAutoRepeat():
            if (len(self.held) >= self.min_length
                    and stamp - self.held[-1].stamp <= self.max_gap_ms):
                scan = "".join(h.text for h in self.held)
                self.held.clear()
                self._timer.stop()
                self.deliver(scan)
                return True
            self.release_held()
            return False
        if (len(text) == 1 and text.isprintable() and plain and not ev.isAutoRepeat()
                and not isinstance(focus, ScanField)):
            if self.held and stamp - self.held[-1].stamp > self.max_gap_ms:
                self.release_held()
            self.held.append(_Held(ev, stamp, obj))
            self._timer.start(self.max_gap_ms)
            return True
        self.release_held()
        return False

    def _on_quiet(self) -> None:
        """No key for ``max_gap_ms``: unless more keys are already queued (a busy moment), the
        held keys were typing."""
        if self._in_timer:
            return
        self._in_timer = True
        try:
            count = len(self.held)
            QApplication.processEvents()          # keys the window system already has for us
            if len(self.held) != count and self.held:
                self._timer.start(self.max_gap_ms)
                return
        finally:
            self._in_timer = False
        self.release_held()

    def release_held(self) -> None:
        """Hand held keys on as typing, in order, through the window they were typed into (so
        they reach its focus widget the way the key itself would have)."""
        held, self.held = self.held, []
        self._timer.stop()
        self._replaying = True
        try:
            for h in held:
                target = h.window if shiboken6.isValid(h.window) else QApplication.focusWidget()
                if target is None:
                    continue
                QApplication.sendEvent(target, QKeyEvent(QEvent.KeyPress, h.key, h.modifiers,
                                                         *h.native, h.text))
        finally:
            self._replaying = False

    # -- where a scan goes --------------------------------------------------------------------
    def deliver(self, text: str) -> None:
        window = self.window
        if window.ctx.db_away:
            self.refuse(text, self.tr("a backup is being restored"))
            return
        if window.ctx.actor is None or window.pages.currentWidget() is window.login:
            self.refuse(text, self.tr("log in first"))
            return
        screen = window.stack.currentWidget()
        field = screen.scan_target() if screen is not None else None
        if field is None:
            self.refuse(text, self.tr("this screen takes no scans (F2 intake, F3 pickup …)"))
            return
        self.routed += 1
        field.submit_scan(text)

    def refuse(self, text: str, reason: str) -> None:
        self.refused.append(RefusedScan(self.window.ctx.now(), text, reason))
        message = self.tr("Scan %1 not taken: %2.").replace("%1", text).replace("%2", reason)
        window = self.window
        if window.pages.currentWidget() is window.login:
            window.login.error.setText(message)
            sound.play(sound.ERROR)
        else:
            window.banner.error(message)
        self.refused_changed.emit()
