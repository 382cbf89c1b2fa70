"""Pickup (F3).  Placeholder until its capability is built."""
from __future__ import annotations

from outlet_desk import changes

from .base import PlaceholderScreen


class PickupScreen(PlaceholderScreen):
    FKEY = 3
    TITLE = "Pickup"
    WATCHES = frozenset({changes.PARCELS, changes.STOCK})
