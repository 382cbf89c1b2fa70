"""Tickets (F8).  Placeholder until its capability is built."""
from __future__ import annotations

from outlet_desk import changes

from .base import PlaceholderScreen


class TicketsScreen(PlaceholderScreen):
    FKEY = 8
    TITLE = "Tickets"
    WATCHES = frozenset({changes.TICKETS})
