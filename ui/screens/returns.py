"""Returns / forwards (F5).  Placeholder until its capability is built."""
from __future__ import annotations

from outlet_desk import changes

from .base import PlaceholderScreen


class ReturnsScreen(PlaceholderScreen):
    FKEY = 5
    TITLE = "Returns / forwards"
    WATCHES = frozenset({changes.RETURNS, changes.PARCELS})
