"""Outgoing parcels (寄件 at the counter, 揽收 from salesmen).  Owned by the outgoing capability.

Day close reads :class:`OutgoingParcel` (per-salesman counts, ``received_at``) and the Payment rows
that counter sending and salesman pickups write.  The other tables here are the outgoing
capability's own: salesmen, their declared collections, the rate and routing-code tables and the
3-day check runs.
"""
from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

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
    # -- added by the outgoing capability ------------------------------------------------------
    zone = CharField(null=True)                   # rate zone the fee was computed for
    prohibited_confirmed = BooleanField(default=False)   # 违禁品确认 at the counter
    weight_flagged = BooleanField(default=False)  # checked weight differs beyond the tolerance
    dispatched_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    last_scan_at = DateTimeField(null=True)       # tracking: last scan time
    last_scan_place = CharField(null=True)        # tracking: last scan place
    hub_reached_at = DateTimeField(null=True)     # tracking: arrived at a hub (到分拨)
    signed_at = DateTimeField(null=True, index=True)   # tracking: recipient signed


class Salesman(BaseModel):
    """A salesman (业务员) whose collected parcels the outlet receives."""
    id = AutoField()
    name = CharField(unique=True)
    phone = CharField(null=True)
    active = BooleanField(default=True)
    created_at = DateTimeField()


class CollectionLine(BaseModel):
    """One parcel a salesman declares he collected (entered or imported), before it is received."""
    id = AutoField()
    day = DateField(index=True)
    salesman = CharField(index=True)
    waybill = CharField(unique=True)
    province = CharField(null=True)
    city = CharField(null=True)
    declared_weight_g = IntegerField(null=True)
    declared_fee_fen = IntegerField(null=True)
    payment_method = CharField(default="现金")  # zh-data: Payment.METHODS
    imported_at = DateTimeField()
    received = ForeignKeyField(OutgoingParcel, null=True, on_delete="SET NULL")


class RateZone(BaseModel):
    """Fee by zone: first kilogram, then each additional (started) kilogram, in fen."""
    id = AutoField()
    zone = CharField(unique=True)
    first_kg_fen = IntegerField()
    extra_kg_fen = IntegerField()


class ZoneProvince(BaseModel):
    province = CharField(primary_key=True)
    zone = CharField()


class RoutingCode(BaseModel):
    """Destination → big routing code (大笔).  ``city`` "" means the whole province."""
    id = AutoField()
    province = CharField()
    city = CharField(default="")
    code = CharField()

    class Meta:
        indexes = ((("province", "city"), True),)


class ThreeDayRun(BaseModel):
    """One run of the 3-day check (每三天查件)."""
    id = AutoField()
    run_day = DateField(index=True)
    window_start = DateTimeField()
    window_end = DateTimeField()
    ran_at = DateTimeField()
    ran_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    checked = IntegerField(default=0)        # unsigned parcels looked at
    excluded_bags = IntegerField(default=0)  # "4…" bag numbers left out


class ThreeDayItem(BaseModel):
    DELAY = "delay"     # 延误 → urge ticket, delay report
    LOSS = "loss"       # 到分拨后无后续物流 → verify ticket, loss report
    id = AutoField()
    run = ForeignKeyField(ThreeDayRun, backref="items", on_delete="CASCADE")
    waybill = CharField(index=True)
    kind = CharField()
    reason = CharField(default="")
    ticket_id = IntegerField(null=True)
    new_ticket = BooleanField(default=False)
