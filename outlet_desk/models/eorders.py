"""Electronic pickup orders (电子接单).  Owned by the tickets capability."""
from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, ForeignKeyField, TextField

from .base import BaseModel
from .core import Staff
from .outgoing import OutgoingParcel


class EOrder(BaseModel):
    WAITING, ACCEPTED, COLLECTED, CANCELLED = "waiting", "accepted", "collected", "cancelled"
    OPEN_STATUSES = (WAITING, ACCEPTED)

    id = AutoField()
    order_number = CharField(unique=True)
    platform = CharField(default="")               # carrier app / platform name
    arrived_at = DateTimeField(index=True)
    customer_name = CharField(null=True)
    customer_phone = CharField(null=True)
    address = CharField(default="")
    note = TextField(default="")
    status = CharField(default=WAITING, index=True)
    accept_due = DateTimeField(index=True)
    accepted_at = DateTimeField(null=True)
    accepted_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    collect_due = DateTimeField(null=True, index=True)
    collected_at = DateTimeField(null=True)
    collected_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    waybill = CharField(null=True, index=True)
    outgoing = ForeignKeyField(OutgoingParcel, null=True, on_delete="SET NULL")
    created_at = DateTimeField()
    created_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
