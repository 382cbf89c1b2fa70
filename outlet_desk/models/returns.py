"""Returns (退件), forwards (转件) and mis-sorted parcels (错分件) with their red-label checklist.

One :class:`ReturnRecord` per return/forward.  The checklist lives on the record: who confirmed the
red label and when, who confirmed the outlet code struck out (mis-sorted only) and when; the photo
item is the first live :class:`~outlet_desk.models.evidence.Photo` with purpose ``"return"`` and
``ref`` = the record's id.
"""
from __future__ import annotations

from peewee import AutoField, BooleanField, CharField, DateTimeField, ForeignKeyField, TextField

from .base import BaseModel
from .core import Staff
from .parcels import Parcel


class ReturnRecord(BaseModel):
    RETURN, FORWARD = "return", "forward"
    KINDS = (RETURN, FORWARD)
    REASONS = ("拒收", "超期未取", "地址错误", "错分", "破损", "其他")  # zh-data: stored in reason
    SOURCES = ("stock", "overdue", "problem", "scan")
    OPEN, DISPATCHED, RECEIVED, CANCELLED = "open", "dispatched", "received", "cancelled"

    id = AutoField()
    parcel = ForeignKeyField(Parcel, backref="returns", on_delete="CASCADE")
    kind = CharField(index=True)
    status = CharField(default=OPEN, index=True)
    reason = CharField()
    note = TextField(default="")
    source = CharField(default="stock")
    prior_status = CharField(null=True)        # parcel status before the return started (cancel)
    mis_sorted = BooleanField(default=False)
    should_have_gone = CharField(null=True)    # mis-sorted: the outlet it was meant for
    dest_code = CharField(null=True)           # forward: destination outlet
    dest_name = CharField(null=True)
    sender_name = CharField(null=True)         # return: the sender, when known
    sender_phone = CharField(null=True)        # full number; shown masked
    started_at = DateTimeField(index=True)
    started_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    label_at = DateTimeField(null=True)        # checklist 1: red label applied
    label_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    struck_at = DateTimeField(null=True)       # checklist 3 (mis-sorted): outlet code struck out
    struck_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    dispatched_at = DateTimeField(null=True, index=True)
    dispatched_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    received_at = DateTimeField(null=True)     # the other side confirmed receipt
    received_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    received_note = TextField(default="")
