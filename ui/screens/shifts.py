"""Shifts (F9).  Placeholder until its capability is built."""
from __future__ import annotations

from outlet_desk import changes

from .base import PlaceholderScreen


class ShiftsScreen(PlaceholderScreen):
    FKEY = 9
    TITLE = "Shifts"
    WATCHES = frozenset({changes.ROSTER, changes.LEAVE, changes.ATTENDANCE})
