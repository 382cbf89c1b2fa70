"""Service tickets (工单): CRM work orders, complaints, phone enquiries; their history, reply
templates and claims (理赔).  Owned by the tickets capability."""
from __future__ import annotations

from peewee import AutoField, BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from .base import BaseModel
from .core import Staff


class Ticket(BaseModel):
    CATEGORIES = ("查询", "催件", "延误", "破损", "丢失", "服务态度", "费用", "其他")  # zh-data: stored in category
    SOURCES = ("crm", "counter", "phone", "auto")
    NEW, IN_PROGRESS, REPLIED, FOLLOW_UP, CLOSED = "new", "in_progress", "replied", "follow_up", "closed"
    STATUSES = (NEW, IN_PROGRESS, REPLIED, FOLLOW_UP, CLOSED)
    OPEN_STATUSES = (NEW, IN_PROGRESS, REPLIED, FOLLOW_UP)
    AWAITING_REPLY = (NEW, IN_PROGRESS)        # the due time runs until the reply
    RATINGS = ("满意", "一般", "不满意")  # zh-data: stored in rating
    SEVERITIES = ("一般", "严重", "紧急")  # zh-data: stored in severity

    id = AutoField()
    source = CharField(default="crm")
    crm_number = CharField(null=True, index=True)
    category = CharField(index=True)
    title = CharField()
    detail = TextField(default="")
    waybills = TextField(default="")           # space-separated linked waybills
    customer_name = CharField(null=True)
    customer_phone = CharField(null=True)
    assignee = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    status = CharField(default=NEW, index=True)
    created_at = DateTimeField(index=True)
    created_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    due_at = DateTimeField(index=True)
    closed_at = DateTimeField(null=True)
    origin = CharField(null=True)              # e.g. "three_day_check:2026-06-07", "problem:12"
    # added by the tickets capability
    escalated = BooleanField(default=False)
    severity = CharField(null=True)            # SEVERITIES, set by a manager's escalation
    reply_text = TextField(null=True)          # the last reply copied into the carrier's CRM
    replied_at = DateTimeField(null=True)
    rating = CharField(null=True)              # RATINGS, on close
    phone_digits = CharField(null=True, index=True)   # normalised phone, for repeat customers


class TicketEvent(BaseModel):
    """A ticket's history, one row per step."""
    OPENED, STARTED, REPLIED, FOLLOW_UP, CLOSED = "opened", "started", "replied", "follow_up", "closed"
    ESCALATED, REASSIGNED, CUSTOMER, NOTE, CLAIM = "escalated", "reassigned", "customer", "note", "claim"

    id = AutoField()
    ticket = ForeignKeyField(Ticket, backref="events", on_delete="CASCADE")
    at = DateTimeField(index=True)
    kind = CharField()
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    detail = TextField(default="")


class ReplyTemplate(BaseModel):
    """An outlet's own reply template for one category (the defaults live in services/replies)."""
    category = CharField(unique=True)
    situation = TextField(default="")
    solution = TextField(default="")
    when = TextField(default="")
    updated_at = DateTimeField()
    updated_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL")


class Claim(BaseModel):
    """A claim (理赔) for a damaged or lost parcel, one per ticket."""
    OPEN, SUBMITTED, PAID, REJECTED = "open", "submitted", "paid", "rejected"
    STATUSES = (OPEN, SUBMITTED, PAID, REJECTED)

    id = AutoField()
    ticket = ForeignKeyField(Ticket, unique=True, backref="claims", on_delete="CASCADE")
    status = CharField(default=OPEN)
    claim_number = CharField(null=True, index=True)
    amount_fen = IntegerField(default=0)
    paid_fen = IntegerField(null=True)
    result = TextField(null=True)
    opened_at = DateTimeField()
    submit_due = DateTimeField()               # materials to the carrier by then
    submitted_at = DateTimeField(null=True)
    result_due = DateTimeField(null=True)      # the carrier's answer expected by then
    closed_at = DateTimeField(null=True)


class ClaimItem(BaseModel):
    """One line of a claim's checklist of materials."""
    claim = ForeignKeyField(Claim, backref="items", on_delete="CASCADE")
    kind = CharField()                         # tickets.claims.ITEMS
    done = BooleanField(default=False)
    photo_hash = CharField(null=True)          # evidence store hash of the attached file
    note = CharField(null=True)
    updated_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("claim", "kind"), True),)
