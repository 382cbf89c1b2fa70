"""Intake's own tables: shelf slots (who holds which pickup code), arrival manifests, label prints.

The pickup code's uniqueness is enforced HERE, by the database: :class:`ShelfSlot` has one row per
parcel holding a code, and a unique index on ``code`` — two app windows on one SQLite file (or two
PCs on one PostgreSQL) can never hand out the same code.  The row is deleted when the parcel leaves
the outlet, so the code is free again.
"""
from __future__ import annotations

from peewee import AutoField, BooleanField, CharField, CompositeKey, DateTimeField, ForeignKeyField, IntegerField

from .base import BaseModel
from .core import Staff
from .parcels import Parcel


class ShelfSlot(BaseModel):
    id = AutoField()
    code = CharField(unique=True)                       # the pickup code, unique while held
    parcel = ForeignKeyField(Parcel, unique=True, backref="+", on_delete="CASCADE")
    shelf = CharField()
    level = IntegerField()
    phone_tail = CharField(null=True)   # found through the parcel's (phone_tail, status) index
    assigned_at = DateTimeField()


class ShelfLevelCount(BaseModel):
    """How many codes each shelf level holds now, kept by triggers on :class:`ShelfSlot` (migration
    2), so the scan path picks the least-full level from a few rows instead of counting the stock."""
    shelf = CharField()
    level = IntegerField()
    held = IntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("shelf", "level")


class ManifestBatch(BaseModel):
    """One imported arrival manifest (到件清单)."""
    id = AutoField()
    filename = CharField()
    sha256 = CharField()
    carrier = CharField(null=True)                      # when every line names the same carrier
    lines = IntegerField()
    imported_at = DateTimeField(index=True)
    imported_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL")


class ManifestLine(BaseModel):
    id = AutoField()
    batch = ForeignKeyField(ManifestBatch, backref="items", on_delete="CASCADE")
    line_no = IntegerField()
    waybill = CharField(index=True)
    carrier = CharField(null=True)
    recipient_name = CharField(null=True)
    recipient_phone = CharField(null=True)
    address = CharField(null=True)
    note = CharField(null=True)
    matched = BooleanField(default=False)


class LabelPrint(BaseModel):
    """A pickup-code label printed (or saved) for a parcel; batch printing prints the rest."""
    id = AutoField()
    parcel = ForeignKeyField(Parcel, backref="+", on_delete="CASCADE", index=True)
    printed_at = DateTimeField()
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
