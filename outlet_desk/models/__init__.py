"""peewee models: fields, indexes and constraints only.

Each capability keeps its tables in its own module here (``models/roster.py``,
``models/tickets.py`` …).  Every module in this package is imported by :func:`all_models`, so a new
module needs no registration; the initial migration creates every table.
"""
from __future__ import annotations

import importlib
import pkgutil

from .base import BaseModel
from .core import AuditLog, SchemaMeta, Setting, Staff
from .outbox import Outbox
from .parcels import Parcel, ParcelEvent


def _load_all() -> None:
    for info in pkgutil.iter_modules(__path__, __name__ + "."):
        importlib.import_module(info.name)


def all_models() -> list[type[BaseModel]]:
    """Every model class, parents before children (creation order for foreign keys)."""
    _load_all()
    seen: list[type[BaseModel]] = []

    def walk(cls):
        for sub in cls.__subclasses__():
            if not sub._meta.__dict__.get("abstract", False) and sub not in seen:
                seen.append(sub)
            walk(sub)

    walk(BaseModel)
    from peewee import sort_models
    return sort_models(seen)


__all__ = ["BaseModel", "Staff", "Setting", "AuditLog", "SchemaMeta", "Parcel", "ParcelEvent",
           "Outbox", "all_models"]
