"""The transactional outbox: records for head office, written in the same transaction as the change
they report, drained by the upload worker."""
from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, IntegerField, TextField

from .base import BaseModel


class Outbox(BaseModel):
    PENDING = "pending"
    SENT = "sent"
    REJECTED = "rejected"

    id = AutoField()
    key = CharField(unique=True)              # idempotency key, also inside the payload
    kind = CharField()                        # signoff | signoff_correction | return_dispatch | forward_dispatch …
    payload = TextField()                     # JSON
    created_at = DateTimeField()
    status = CharField(default=PENDING)       # indexed with id (the queue) and sent_at (per day)
    attempts = IntegerField(default=0)        # posts started (counted before the post is sent)
    next_attempt_at = DateTimeField(null=True)
    last_error = TextField(null=True)         # transient error, or the server's reason for a rejection
    sent_at = DateTimeField(null=True)        # when the server confirmed it

    class Meta:
        indexes = ((("status", "id"), False), (("status", "sent_at"), False))
