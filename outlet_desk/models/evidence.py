"""Evidence photos (red-labelled returns, problem parcels, claim photos …).

The image itself is a file ``<home>/photos/ab/cd/<sha256>.jpg``; a row here records who stored it,
when, for what (``purpose`` + ``ref``, e.g. ``"return"`` + record id).  Several rows may share one
file (the same picture attached twice); the file goes when its last row goes.
"""
from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, ForeignKeyField, IntegerField

from .base import BaseModel
from .core import Staff


class Photo(BaseModel):
    id = AutoField()
    hash = CharField(index=True)              # SHA-256 of the saved JPEG bytes (hex)
    size = IntegerField()                     # bytes on disk
    width = IntegerField()
    height = IntegerField()
    purpose = CharField()                     # return | problem | ticket | …
    ref = CharField()                         # id in the purpose's own table, as text
    taken_at = DateTimeField(index=True)
    taken_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL")

    class Meta:
        indexes = ((("purpose", "ref"), False),)
