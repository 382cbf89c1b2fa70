"""Sending / pickups (F7).  Placeholder until its capability is built."""
from __future__ import annotations

from outlet_desk import changes

from .base import PlaceholderScreen


class OutgoingScreen(PlaceholderScreen):
    FKEY = 7
    TITLE = "Sending / pickups"
    WATCHES = frozenset({changes.OUTGOING, changes.CASH})
