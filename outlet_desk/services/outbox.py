"""Enqueueing records for head office.  The upload worker (``services/upload.py``) drains them.

:func:`enqueue` must be called inside the caller's write transaction, so the change and the record
that reports it commit together (transactional outbox).
"""
from __future__ import annotations

import datetime as dt
import json
import uuid

from ..models import Outbox


def enqueue(kind: str, payload: dict, *, now: dt.datetime, key: str | None = None) -> Outbox:
    key = key or f"{kind}:{uuid.uuid4()}"
    body = dict(payload)
    body["idempotency_key"] = key
    body["kind"] = kind
    return Outbox.create(key=key, kind=kind, payload=json.dumps(body, ensure_ascii=False, default=str),
                         created_at=now, status=Outbox.PENDING)


def pending_count() -> int:
    return Outbox.select().where(Outbox.status == Outbox.PENDING).count()


def rejected_count() -> int:
    return Outbox.select().where(Outbox.status == Outbox.REJECTED).count()
