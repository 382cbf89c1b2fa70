"""Inbound parcels.  Other capabilities keep their own tables and link here by foreign key; they do
not add columns to :class:`Parcel`."""
from __future__ import annotations

from peewee import SQL, AutoField, BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from .base import BaseModel
from .core import Staff


class Parcel(BaseModel):
    # category: how the parcel leaves the outlet
    PICKUP = "pickup"          # 自取 — on the shelf with a pickup code
    DELIVERY = "delivery"      # 派送 — with a courier
    TOWNSHIP = "township"      # 乡镇 — rural route
    PROBLEM = "problem"        # 问题
    CATEGORIES = (PICKUP, DELIVERY, TOWNSHIP, PROBLEM)

    # status: where the parcel is now
    IN_STOCK = "in_stock"            # at the outlet (shelf, delivery pile, problem shelf)
    OUT_FOR_DELIVERY = "out_for_delivery"
    RELEASED = "released"            # handed over at the counter (本人/代取)
    DELIVERED = "delivered"          # courier reported delivered
    RETURNING = "returning"          # return started, checklist in progress
    FORWARDING = "forwarding"        # forward started, checklist in progress
    RETURNED = "returned"            # dispatched back to sender
    FORWARDED = "forwarded"          # dispatched to another outlet
    AT_OUTLET = (IN_STOCK, RETURNING, FORWARDING)

    id = AutoField()
    waybill = CharField(unique=True)
    carrier = CharField()
    category = CharField(default=PICKUP)
    status = CharField(default=IN_STOCK)
    problem = BooleanField(default=False)     # an open problem record exists (问题件)
    shelf = CharField(null=True)
    level = IntegerField(null=True)
    pickup_code = CharField(null=True)
    recipient_name = CharField(null=True)
    recipient_phone = CharField(null=True)    # full number; shown masked (privacy.mask_phone)
    phone_tail = CharField(null=True)         # last four digits, for release lookup
    courier = CharField(null=True)
    route = CharField(null=True)
    manifest_matched = BooleanField(default=False)
    arrived_at = DateTimeField(index=True)
    # staff are never deleted (they are deactivated), so the staff links need no index: every
    # index is one more page written by each scan (see migration 2)
    arrived_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", index=False)
    released_at = DateTimeField(null=True)     # indexed where set (parcel_released_at_set)
    released_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+", index=False)
    signer_type = CharField(null=True)        # 本人 / 代收 / 家人 / 门卫 / 快递柜 / 驿站
    collector_name = CharField(null=True)
    signed_at = DateTimeField(null=True)      # set by sign-off, cleared by its undo (indexes below)
    cod_fen = IntegerField(default=0)         # 到付: amount to collect from the customer at release
    note = TextField(null=True)
    updated_at = DateTimeField()

    class Meta:
        indexes = (
            (("status", "pickup_code"), False),
            (("phone_tail", "status"), False),
            (("status", "arrived_at"), False),
        )


def not_signed_off():
    """Parcels that have left the shelves (not ``in_stock``) with no sign-off yet: the rows of the
    partial index ``parcel_unsigned``.  A query for unsigned parcels ANDs this in: SQLite uses a
    partial index only when the query repeats its condition, with literal values (never a bound
    parameter) — hence the SQL literal."""
    return Parcel.signed_at.is_null() & (Parcel.status != SQL("'in_stock'"))


# Partial indexes: a new parcel (in stock, not released, not signed) is in none of them, so a
# scan does not write them.  Released parcels are looked up by release time, signed ones by
# sign-off time, and the sign-off queue by not_signed_off().
Parcel.add_index(Parcel.index(Parcel.released_at, name="parcel_released_at_set")
                 .where(Parcel.released_at.is_null(False)))
Parcel.add_index(Parcel.index(Parcel.signed_at, name="parcel_signed_at_set")
                 .where(Parcel.signed_at.is_null(False)))
Parcel.add_index(Parcel.index(Parcel.status, name="parcel_unsigned").where(not_signed_off()))


class ParcelEvent(BaseModel):
    """A parcel's history: arrival, notification, release, problem, return … one row each.

    The day's ledger (day close) counts these kinds, so every flow that moves a parcel writes one.
    """
    ARRIVED = "arrived"                    # intake scan
    NOTIFIED = "notified"                  # customer told (call or SMS)
    MOVED = "moved"                        # shelf/code changed (stock check fix)
    OUT_FOR_DELIVERY = "out_for_delivery"  # handed to a courier
    DELIVERED = "delivered"                # courier reported delivered
    RELEASED = "released"                  # picked up at the counter
    SIGNED = "signed"                      # sign-off recorded
    PROBLEM_OPENED = "problem_opened"
    PROBLEM_RESOLVED = "problem_resolved"
    RETURN_STARTED = "return_started"
    FORWARD_STARTED = "forward_started"
    RETURNED = "returned"                  # dispatched back to the sender
    FORWARDED = "forwarded"                # dispatched to another outlet
    EXTENDED = "extended"                  # storage period extended
    CORRECTED = "corrected"                # customer data corrected (audited too)

    id = AutoField()
    parcel = ForeignKeyField(Parcel, backref="events", on_delete="CASCADE")
    at = DateTimeField(index=True)
    kind = CharField()           # always looked up with the parcel or the time range
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL", index=False)
    detail = TextField(default="")
