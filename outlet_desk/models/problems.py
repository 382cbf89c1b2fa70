"""Problem parcels (问题件): one record per problem, open until resolved."""
from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, ForeignKeyField, TextField

from .base import BaseModel
from .core import Staff
from .parcels import Parcel


class ProblemRecord(BaseModel):
    REASONS = ("停机", "拒收", "地址不详", "破损", "无人接听", "错分", "其他")

    id = AutoField()
    parcel = ForeignKeyField(Parcel, backref="problems", on_delete="CASCADE")
    reason = CharField()
    note = TextField(default="")
    photo_hash = CharField(null=True)          # evidence store (returns capability)
    opened_at = DateTimeField(index=True)
    opened_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    resolved_at = DateTimeField(null=True, index=True)
    resolved_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    outcome = CharField(null=True)             # stock | delivery | return | forward
