"""What every screen is handed: no global main window, no object registry."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSettings

from outlet_desk.errors import DatabaseCorrupt, EnvironmentFault, OutletError
from outlet_desk.permissions import Actor

from .changes import ChangeBus

log = logging.getLogger("outlet_desk.ui")


def _wall_clock() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass
class AppContext:
    home: Path
    bus: ChangeBus
    prefs: QSettings
    clock: Callable[[], dt.datetime] = _wall_clock
    actor: Actor | None = None
    banner: object = None            # ui.widgets.banner.Banner of the main window
    extras: dict = field(default_factory=dict)
    #: while the database is away (a restore replaces it): the reason, shown to whoever asks for
    #: database work meanwhile; "" the rest of the time (see MainWindow.database_away)
    db_away: str = ""

    def now(self) -> dt.datetime:
        return self.clock()

    def perform(self, fn, *, success: str | None = None, changes=None):
        """Run a core call on the UI thread.  Domain errors and environment faults become a banner
        (returns None); the change kinds it returns (or ``changes``) are broadcast.  Refused with
        a red banner while the database is away (a restore is running)."""
        if self.db_away:
            if self.banner is not None:
                self.banner.error(self.db_away)
            return None
        try:
            result = fn()
        except OutletError as exc:
            if isinstance(exc, EnvironmentFault):
                log.warning("environment fault: %s", exc)
            if isinstance(exc, DatabaseCorrupt) and "database_damaged" in self.extras:
                self.extras["database_damaged"](exc)     # one message, the offer of a backup
                return None
            if self.banner is not None:
                self.banner.error(str(exc))
            return None
        kinds = changes if changes is not None else (result if isinstance(result, frozenset) else None)
        if kinds:
            self.bus.emit_changes(kinds)
        if success and self.banner is not None:
            self.banner.ok(success)
        return result if result is not None else True
