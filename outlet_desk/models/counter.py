"""The counter's own tables: customer notification log, SMS messages, stock checks (盘点).

They link to :class:`~outlet_desk.models.parcels.Parcel` by foreign key; no column is added there.
"""
from __future__ import annotations

from peewee import AutoField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from .base import BaseModel
from .core import Staff
from .parcels import Parcel


class NotifyLog(BaseModel):
    """One row per parcel per notification attempt (call or SMS)."""
    NOTIFIED = "notified"              # customer told (by phone, or SMS accepted by the gateway)
    NO_ANSWER = "no_answer"            # rang out; attempt counted
    OUT_OF_SERVICE = "out_of_service"  # 停机 — a problem parcel is opened
    WRONG_NUMBER = "wrong_number"      # not this customer's number — a problem parcel is opened
    REMINDED = "reminded"              # reminder SMS for a parcel already notified
    OUTCOMES = (NOTIFIED, NO_ANSWER, OUT_OF_SERVICE, WRONG_NUMBER, REMINDED)
    CALL, SMS = "call", "sms"

    id = AutoField()
    parcel = ForeignKeyField(Parcel, backref="notify_logs", on_delete="CASCADE")
    day = DateField(index=True)
    at = DateTimeField()
    channel = CharField(default=CALL)
    outcome = CharField()
    attempt = IntegerField(default=1)      # no-answer attempts so far, this one included
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    note = TextField(default="")

    class Meta:
        indexes = ((("parcel", "outcome"), False),)


class SmsMessage(BaseModel):
    """An SMS handed (or failed to be handed) to the gateway.  Failures are kept."""
    SENT, FAILED = "sent", "failed"
    NOTIFY, REMINDER = "notify", "reminder"

    id = AutoField()
    phone = CharField()
    day = DateField()
    at = DateTimeField()
    kind = CharField(default=NOTIFY)
    body = TextField()
    status = CharField()
    error = TextField(default="")
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL")

    class Meta:
        indexes = ((("phone", "day", "status"), False),)


class SmsParcel(BaseModel):
    """Which parcels an SMS was about (for the reminder cap)."""
    id = AutoField()
    message = ForeignKeyField(SmsMessage, backref="parcels", on_delete="CASCADE")
    parcel = ForeignKeyField(Parcel, backref="+", on_delete="CASCADE", index=True)


class StockCheck(BaseModel):
    """A stock check (盘点) of the whole outlet (``shelf`` NULL) or of one shelf."""
    id = AutoField()
    day = DateField(index=True)
    shelf = CharField(null=True)
    started_at = DateTimeField()
    started_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    finished_at = DateTimeField(null=True)
    finished_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    expected = IntegerField(default=0)      # at the outlet in scope when finished
    scanned = IntegerField(default=0)
    missing = IntegerField(default=0)
    unexpected = IntegerField(default=0)
    misplaced = IntegerField(default=0)


class StockCheckScan(BaseModel):
    """One waybill scanned during a check, with the shelf/level the clerk was at."""
    id = AutoField()
    check = ForeignKeyField(StockCheck, backref="scans", on_delete="CASCADE")
    waybill = CharField()
    shelf = CharField(null=True)
    level = IntegerField(null=True)
    at = DateTimeField()
    parcel = ForeignKeyField(Parcel, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        indexes = ((("check", "waybill"), True),)


class StockCheckItem(BaseModel):
    """One line of a finished check's report, and how it was fixed."""
    MISSING = "missing"            # at the outlet in the system, not scanned
    UNEXPECTED = "unexpected"      # scanned, known parcel that is not at the outlet
    UNKNOWN = "unknown"            # scanned, waybill not in the system (take it in at F2)
    MISPLACED = "misplaced"        # scanned on another shelf/level than recorded
    KINDS = (MISSING, UNEXPECTED, UNKNOWN, MISPLACED)

    # fixes
    FOUND = "found"                # missing parcel found after all
    PROBLEM = "problem"            # missing → problem parcel 其他: 盘点未找到
    MOVED = "moved"                # misplaced → shelf/level recorded as scanned
    PUT_BACK = "put_back"          # misplaced → clerk put it back on its recorded shelf
    RESTOCKED = "restocked"        # unexpected → back in stock
    TAKEN_IN = "taken_in"          # unknown → taken in at intake

    id = AutoField()
    check = ForeignKeyField(StockCheck, backref="items", on_delete="CASCADE")
    kind = CharField()
    waybill = CharField()
    parcel = ForeignKeyField(Parcel, null=True, on_delete="SET NULL", backref="+")
    recorded_shelf = CharField(null=True)
    recorded_level = IntegerField(null=True)
    scanned_shelf = CharField(null=True)
    scanned_level = IntegerField(null=True)
    fixed_at = DateTimeField(null=True)
    fixed_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    fix = CharField(null=True)
