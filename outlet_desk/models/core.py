"""Staff, settings, the audit log and the schema version."""
from __future__ import annotations

from peewee import AutoField, BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from .base import BaseModel


class SchemaMeta(BaseModel):
    key = CharField(primary_key=True)
    value = TextField()


class Staff(BaseModel):
    CLERK = "clerk"
    MANAGER = "manager"

    id = AutoField()
    name = CharField(unique=True)
    role = CharField(default=CLERK)          # clerk | manager
    secret_hash = CharField()                # scrypt$n$r$p$salt$hash (PIN for clerks, password for managers)
    active = BooleanField(default=True)
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    created_at = DateTimeField()


class Setting(BaseModel):
    """Outlet business rules, one JSON value per key; changes are audited."""
    key = CharField(primary_key=True)
    value = TextField()                      # JSON
    updated_at = DateTimeField()
    updated_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL")


class AuditLog(BaseModel):
    """Append-only (triggers refuse UPDATE/DELETE), each row chained by SHA-256 to the one before."""
    id = AutoField()
    at = DateTimeField(index=True)
    actor_id = IntegerField(null=True, index=True)
    actor_name = CharField()
    action = CharField(index=True)           # e.g. "settings.update", "parcel.phone_view"
    entity = CharField(default="")           # e.g. "parcel", "setting"
    entity_id = CharField(default="", index=True)
    detail = TextField(default="{}")         # canonical JSON
    prev_hash = CharField()
    hash = CharField()
