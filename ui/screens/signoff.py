"""Sign-off & upload (F6).  Placeholder until its capability is built."""
from __future__ import annotations

from outlet_desk import changes

from .base import PlaceholderScreen


class SignoffScreen(PlaceholderScreen):
    FKEY = 6
    TITLE = "Sign-off & upload"
    WATCHES = frozenset({changes.SIGNOFF, changes.UPLOAD})
