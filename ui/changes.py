"""One object that broadcasts which kinds of data changed (see :mod:`outlet_desk.changes`)."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeBus(QObject):
    changed = Signal(object)   # frozenset of outlet_desk.changes names

    def emit_changes(self, kinds) -> None:
        if kinds:
            self.changed.emit(frozenset(kinds))
