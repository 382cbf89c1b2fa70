"""Problem parcels (问题件): one record per problem, open until resolved."""
from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from .base import BaseModel
from .core import Staff
from .parcels import Parcel


class ProblemRecord(BaseModel):
    REASONS = ("停机", "拒收", "地址不详", "破损", "无人接听", "错分", "其他")  # zh-data: stored in reason
    # where a resolved problem parcel went
    STOCK, DELIVERY, RETURN, FORWARD = "stock", "delivery", "return", "forward"
    OUTCOMES = (STOCK, DELIVERY, RETURN, FORWARD)

    id = AutoField()
    parcel = ForeignKeyField(Parcel, backref="problems", on_delete="CASCADE")
    reason = CharField()
    note = TextField(default="")
    photo_hash = CharField(null=True)          # evidence store (outlet_desk/evidence.py)
    opened_at = DateTimeField(index=True)
    opened_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    resolved_at = DateTimeField(null=True, index=True)
    resolved_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    outcome = CharField(null=True)             # stock | delivery | return | forward
    resolution_note = TextField(default="")
    ticket_id = IntegerField(null=True)        # a ticket opened for the sender (tickets capability)
