"""Audible feedback for the counter: an error must be heard, not only seen, during a scan burst."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

OK, ERROR, DUPLICATE = "ok", "error", "duplicate"

_enabled = True


def set_enabled(flag: bool) -> None:
    global _enabled
    _enabled = flag


def play(kind: str) -> None:
    if not _enabled or kind == OK:
        return
    QApplication.beep()
    if kind == DUPLICATE:
        QApplication.beep()
