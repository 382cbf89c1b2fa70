"""Lock the session after the PC has been idle (no key or mouse input) for N minutes.

The main window's ``lock()`` keeps every screen as it was, so what the clerk was typing into the
scan field is still there after the PIN.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer

_INPUT = {QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseMove, QEvent.Wheel,
          QEvent.TouchBegin}


class IdleLock(QObject):
    def __init__(self, app, window, minutes_fn, clock=time.monotonic):
        super().__init__(window)
        self.window = window
        self.minutes_fn = minutes_fn
        self.clock = clock
        self.last_input = clock()
        app.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(15_000)

    def eventFilter(self, obj, ev):
        if ev.type() in _INPUT:
            self.last_input = self.clock()
        return False

    def check(self) -> bool:
        """Lock if idle long enough; returns whether it locked."""
        if (self.window.ctx.actor is None or self.window.ctx.db_away
                or self.window.pages.currentWidget() is self.window.login):
            return False
        if self.clock() - self.last_input >= self.minutes_fn() * 60:
            self.window.lock()
            return True
        return False
