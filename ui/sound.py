"""Audible feedback for the counter: an error must be heard, not only seen, during a scan burst.

Two different sounds: an error (bad scan, bag number) is one beep; a duplicate is two beeps a short
moment apart, so a clerk can tell them apart without looking.  QApplication.beep is used on purpose
(no audio device or codec needed, no Qt warnings offscreen).  :data:`played` keeps the last kinds
for tests and for the screen's own counters.
"""
from __future__ import annotations

from collections import deque

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

OK, ERROR, DUPLICATE = "ok", "error", "duplicate"

_enabled = True
played: deque = deque(maxlen=500)


def set_enabled(flag: bool) -> None:
    global _enabled
    _enabled = flag


def play(kind: str) -> None:
    if kind != OK:
        played.append(kind)
    if not _enabled or kind == OK:
        return
    QApplication.beep()
    if kind == DUPLICATE:
        QTimer.singleShot(180, QApplication.beep)
