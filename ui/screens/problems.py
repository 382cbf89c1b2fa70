"""Problem parcels (F4).  Placeholder until its capability is built."""
from __future__ import annotations

from outlet_desk import changes

from .base import PlaceholderScreen


class ProblemsScreen(PlaceholderScreen):
    FKEY = 4
    TITLE = "Problem parcels"
    WATCHES = frozenset({changes.PARCELS})
