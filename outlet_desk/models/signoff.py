"""Sign-off (签收) and delivery runs (派件/妥投): one row per sign-off and per parcel handed to a courier.

A sign-off row points at the outbox record that reports it (``outbox_key``); undo and the manager's
reversal work through it.
"""
from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, ForeignKeyField, TextField

from .base import BaseModel
from .core import Staff
from .parcels import Parcel


class Signoff(BaseModel):
    ACTIVE = "active"        # signed; its outbox record is pending, sent or rejected
    UNDONE = "undone"        # undone before upload (its outbox record was removed)
    REVERSED = "reversed"    # reversed by a manager after upload (a correction record was sent)

    id = AutoField()
    parcel = ForeignKeyField(Parcel, backref="signoffs", on_delete="CASCADE")
    signer_type = CharField()
    signer_name = CharField(null=True)
    signed_at = DateTimeField(index=True)
    due_at = DateTimeField(null=True)                # when it entered the queue (released/delivered)
    clerk = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    outbox_key = CharField(unique=True)
    status = CharField(default=ACTIVE)     # nearly all ACTIVE: an index on it misleads the planner
    ended_at = DateTimeField(null=True)              # undone / reversed at
    ended_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    reason = TextField(null=True)                    # the manager's reason for a reversal
    correction_key = CharField(null=True)            # outbox key of the correction record


class Delivery(BaseModel):
    """A parcel handed to a courier (派件) and, later, the courier's report that it was delivered."""
    id = AutoField()
    parcel = ForeignKeyField(Parcel, backref="deliveries", on_delete="CASCADE")
    courier = CharField(index=True)
    route = CharField(null=True)
    out_at = DateTimeField(index=True)
    out_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    delivered_at = DateTimeField(null=True, index=True)
    reported_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
