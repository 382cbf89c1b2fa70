"""Day close (F10).  Placeholder until its capability is built."""
from __future__ import annotations

from outlet_desk import changes

from .base import PlaceholderScreen


class DayCloseScreen(PlaceholderScreen):
    FKEY = 10
    TITLE = "Day close"
    WATCHES = frozenset({changes.CASH, changes.PARCELS})
