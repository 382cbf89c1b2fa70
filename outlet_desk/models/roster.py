"""Roster, swaps, leave, handover notes, notebook, duty checklist ticks and attendance (shifts)."""
from __future__ import annotations

from peewee import AutoField, BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, TextField

from .base import BaseModel
from .core import Staff


class RosterMonth(BaseModel):
    """One month of the roster: a draft layer the manager edits and a published layer people see."""
    month = CharField(primary_key=True)            # "2026-06"
    dirty = BooleanField(default=True)             # the draft differs from what is published
    published_at = DateTimeField(null=True)
    published_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")


class RosterCell(BaseModel):
    """What one person works on one day: a post code, "全天" (merged post), "休" (rest), "" (closed)."""
    day = DateField(index=True)
    staff = ForeignKeyField(Staff, on_delete="CASCADE", backref="+")
    post = CharField(default="")
    published = BooleanField(default=False)        # False: the draft layer

    class Meta:
        indexes = ((("day", "staff", "published"), True),)


class SwapRequest(BaseModel):
    ASKED, ACCEPTED, DECLINED, APPROVED, REJECTED, CANCELLED = (
        "asked", "accepted", "declined", "approved", "rejected", "cancelled")

    id = AutoField()
    requester = ForeignKeyField(Staff, on_delete="CASCADE", backref="+")
    colleague = ForeignKeyField(Staff, on_delete="CASCADE", backref="+")
    day = DateField()
    day2 = DateField(null=True)                    # optional second day exchanged back
    reason = TextField(default="")
    status = CharField(default=ASKED, index=True)
    created_at = DateTimeField()
    answered_at = DateTimeField(null=True)
    decided_at = DateTimeField(null=True)
    decided_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    note = TextField(default="")


#: the leave kind that is a rest day (stored as written: data)
REST_KIND = "休息"  # zh-data


class LeaveRequest(BaseModel):
    PENDING, APPROVED, REJECTED, CANCELLED = "pending", "approved", "rejected", "cancelled"

    id = AutoField()
    staff = ForeignKeyField(Staff, on_delete="CASCADE", backref="+")
    kind = CharField()                             # 休息 | 事假 | 病假 | 年假
    start = DateField(index=True)
    end = DateField(index=True)
    reason = TextField(default="")
    status = CharField(default=PENDING, index=True)
    created_at = DateTimeField()
    created_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    seen_at = DateTimeField(null=True)             # the colleague has seen it
    seen_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    decided_at = DateTimeField(null=True)
    decided_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    decision_note = TextField(default="")
    override_reason = TextField(null=True)         # a manager let a broken rule pass
    rules_overridden = TextField(default="")


class Handover(BaseModel):
    LEAVE, SHIFT = "leave", "shift"

    id = AutoField()
    kind = CharField(default=LEAVE)
    author = ForeignKeyField(Staff, on_delete="CASCADE", backref="+")
    receiver = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    leave = ForeignKeyField(LeaveRequest, null=True, on_delete="CASCADE", backref="+")
    day = DateField(index=True)                    # the day it is for (leave start / shift day)
    note = TextField(default="")
    created_at = DateTimeField()
    written_at = DateTimeField(null=True)
    acknowledged_at = DateTimeField(null=True, index=True)
    acknowledged_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")


class HandoverItem(BaseModel):
    id = AutoField()
    handover = ForeignKeyField(Handover, on_delete="CASCADE", backref="items")
    kind = CharField()                             # notebook | problem | ticket | return | manual …
    ref = CharField(default="")
    title = TextField()
    assignable = BooleanField(default=True)
    manual = BooleanField(default=False)
    acknowledged_at = DateTimeField(null=True)
    acknowledged_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    moved_to = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")


class TaskItem(BaseModel):
    """The notebook (本子): things to do on a day, carried forward until done."""
    id = AutoField()
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")   # None: both
    text = TextField()
    due = DateField(index=True)
    created_at = DateTimeField()
    created_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    done_at = DateTimeField(null=True, index=True)
    done_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")


class ChecklistTick(BaseModel):
    id = AutoField()
    day = DateField(index=True)
    item_id = CharField()
    ticked_at = DateTimeField()
    ticked_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        indexes = ((("day", "item_id"), True),)


class ClockRecord(BaseModel):
    """Attendance: the first clock-in and the last clock-out of a person's day."""
    id = AutoField()
    staff = ForeignKeyField(Staff, on_delete="CASCADE", backref="+")
    day = DateField(index=True)
    in_at = DateTimeField()
    out_at = DateTimeField(null=True)
    source_in = CharField(default="login")
    source_out = CharField(null=True)

    class Meta:
        indexes = ((("staff", "day"), True),)
