"""Storage extensions for parcels past their storage period (到期/滞留件)."""
from __future__ import annotations

from peewee import AutoField, DateField, DateTimeField, ForeignKeyField, TextField

from .base import BaseModel
from .core import Staff
from .parcels import Parcel


class StorageExtension(BaseModel):
    id = AutoField()
    parcel = ForeignKeyField(Parcel, backref="extensions", on_delete="CASCADE")
    until = DateField()                       # new pickup deadline (inclusive)
    note = TextField(default="")
    at = DateTimeField()
    by = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
