"""Day close (日结/对账): one row per reconciled day, and the manager's later adjustments."""
from __future__ import annotations

from peewee import AutoField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from .base import BaseModel
from .core import Staff


class DayClose(BaseModel):
    """The count and confirmations of one day.  ``status``: open → confirmed (both clerks) →
    closed (manager).  A closed day keeps the ledger as it was in ``snapshot`` (JSON) and is locked."""
    OPEN = "open"
    CONFIRMED = "confirmed"
    CLOSED = "closed"

    id = AutoField()
    day = DateField(unique=True)
    status = CharField(default=OPEN, index=True)
    cash_mode = CharField(default="denominations")      # denominations | total
    cash_denominations = TextField(default="{}")        # JSON {"10000": 3, "50": 2 …} (fen → count)
    cash_total_fen = IntegerField(null=True)            # counted cash in the drawer
    counted = TextField(default="{}")                   # JSON {"微信": 12000, …} statements checked
    notes = TextField(default="{}")                     # JSON {"现金": "找零少收 5 元", "stock": …}
    counted_at = DateTimeField(null=True)
    counted_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    first_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    first_at = DateTimeField(null=True)
    second_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    second_at = DateTimeField(null=True)
    fingerprint = CharField(null=True)                  # ledger figures the clerks confirmed
    closed_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    closed_at = DateTimeField(null=True)
    snapshot = TextField(null=True)                     # JSON of the closed ledger


class DayAdjustment(BaseModel):
    """A manager's correction to a closed day, shown on the ledger of ``shown_on`` (the first open
    day after it)."""
    id = AutoField()
    target_day = DateField(index=True)
    shown_on = DateField(index=True)
    method = CharField(null=True)                       # Payment.METHODS, or None (parcels only)
    amount_fen = IntegerField(default=0)                # signed: + found money, − missing
    reason = TextField()
    at = DateTimeField()
    by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
