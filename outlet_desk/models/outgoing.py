"""Outgoing parcels (寄件 at the counter, 揽收 from salesmen).  Owned by the outgoing capability."""
from __future__ import annotations

from peewee import (AutoField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField)

from .base import BaseModel
from .core import Staff


class OutgoingParcel(BaseModel):
    COUNTER = "counter"          # a customer sent it at the counter
    SALESMAN = "salesman"        # a salesman (业务员) collected it

    id = AutoField()
    waybill = CharField(unique=True)
    source = CharField(default=COUNTER)
    salesman = CharField(null=True, index=True)
    sender_name = CharField(null=True)
    sender_phone = CharField(null=True)
    recipient_name = CharField(null=True)
    recipient_phone = CharField(null=True)
    province = CharField(null=True)
    city = CharField(null=True)
    item_type = CharField(null=True)
    declared_weight_g = IntegerField(null=True)   # the salesman's figure
    weight_g = IntegerField(null=True)            # weighed at the counter
    declared_fee_fen = IntegerField(null=True)
    fee_fen = IntegerField(default=0)
    payment_method = CharField(null=True)         # Payment.METHODS
    routing_code = CharField(null=True)           # 大笔
    bag = CharField(null=True, index=True)        # dispatch bag / route
    received_at = DateTimeField(index=True)       # taken in (counter or 揽收)
    received_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    dispatched_at = DateTimeField(null=True, index=True)   # 扫发件
    tracking_status = CharField(null=True)        # from the carrier's tracking export
    tracking_updated_at = DateTimeField(null=True)
    note = TextField(null=True)
