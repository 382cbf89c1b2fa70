"""Intake (F2).  Placeholder until its capability is built."""
from __future__ import annotations

from outlet_desk import changes

from .base import PlaceholderScreen


class IntakeScreen(PlaceholderScreen):
    FKEY = 2
    TITLE = "Intake"
    WATCHES = frozenset({changes.PARCELS, changes.STOCK})
