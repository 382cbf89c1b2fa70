"""Observed duty events: facts other flows report so the daily checklist can tick itself."""
from __future__ import annotations

from peewee import AutoField, CharField, DateField, DateTimeField, ForeignKeyField, TextField

from .base import BaseModel
from .core import Staff


class DutyEvent(BaseModel):
    id = AutoField()
    day = DateField(index=True)
    key = CharField(index=True)
    at = DateTimeField()
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    detail = TextField(default="")
