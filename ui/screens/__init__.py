"""One screen per capability.  Each module defines a :class:`~ui.screens.base.Screen` subclass with
its function key; the main window discovers them, so adding a screen needs no registration."""
from __future__ import annotations

import importlib
import pkgutil


def screen_classes():
    from .base import Screen
    for info in pkgutil.iter_modules(__path__, __name__ + "."):
        if info.name.endswith(".base"):
            continue
        importlib.import_module(info.name)
    found = [c for c in _all_subclasses(Screen) if getattr(c, "FKEY", None)]
    return sorted(found, key=lambda c: c.FKEY)


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)
