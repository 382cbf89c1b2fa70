"""Service tickets (工单): CRM work orders, complaints, phone enquiries."""
from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, ForeignKeyField, TextField

from .base import BaseModel
from .core import Staff


class Ticket(BaseModel):
    CATEGORIES = ("查询", "催件", "延误", "破损", "丢失", "服务态度", "费用", "其他")
    SOURCES = ("crm", "counter", "phone", "auto")
    NEW, IN_PROGRESS, REPLIED, FOLLOW_UP, CLOSED = "new", "in_progress", "replied", "follow_up", "closed"

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
