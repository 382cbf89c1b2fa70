"""Enqueueing records for head office.  The upload worker (``services/upload.py``) drains them.

:func:`enqueue` must be called inside the caller's write transaction, so the change and the record
that reports it commit together (transactional outbox).  Every record carries its idempotency key
inside the payload (``idempotency_key``) as well as in :attr:`Outbox.key`.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from peewee import fn

from .. import audit, changes
from ..db import insert_rows, write_tx
from ..errors import DomainError, NotFound, ValidationError
from ..i18n import N_
from ..models import Outbox
from ..permissions import ANY_STAFF, Actor, operation

KIND_LABELS = {
    "signoff": "签收",
    "signoff_correction": "签收更正",
    "return_dispatch": "退件发出",
    "forward_dispatch": "转件发出",
}


def new_key(kind: str) -> str:
    return f"{kind}:{uuid.uuid4()}"


def _body(kind: str, payload: dict, key: str) -> str:
    body = dict(payload)
    body["idempotency_key"] = key
    body["kind"] = kind
    return json.dumps(body, ensure_ascii=False, default=str)


def enqueue(kind: str, payload: dict, *, now: dt.datetime, key: str | None = None) -> Outbox:
    """One record; call inside the caller's write transaction."""
    key = key or new_key(kind)
    return Outbox.create(key=key, kind=kind, payload=_body(kind, payload, key), created_at=now,
                         status=Outbox.PENDING)


def enqueue_many(kind: str, items: list[tuple[str, dict]], *, now: dt.datetime,
                 chunk: int = 400) -> int:
    """Bulk: ``items`` are (key, payload) pairs; one INSERT per ``chunk`` rows, no query per row."""
    rows = [{"key": key, "kind": kind, "payload": _body(kind, payload, key), "created_at": now,
             "status": Outbox.PENDING, "attempts": 0} for key, payload in items]
    return insert_rows(Outbox, rows, chunk=chunk)


def pending_count() -> int:
    return Outbox.select().where(Outbox.status == Outbox.PENDING).count()


def pending_reason() -> str | None:
    """Why records are still waiting: the newest one-line reason an upload left on a pending
    record (None when nothing pending has been tried)."""
    row = (Outbox.select(Outbox.last_error)
           .where((Outbox.status == Outbox.PENDING) & Outbox.last_error.is_null(False))
           .order_by(Outbox.next_attempt_at.desc(), Outbox.id.desc()).first())
    return row.last_error if row else None


def rejected_count() -> int:
    return Outbox.select().where(Outbox.status == Outbox.REJECTED).count()


@dataclass(frozen=True)
class Counts:
    pending: int
    sent: int
    rejected: int


def counts() -> Counts:
    found = dict(Outbox.select(Outbox.status, fn.COUNT(Outbox.id)).group_by(Outbox.status).tuples())
    return Counts(found.get(Outbox.PENDING, 0), found.get(Outbox.SENT, 0),
                  found.get(Outbox.REJECTED, 0))


@dataclass(frozen=True)
class RecordRow:
    id: int
    key: str
    kind: str
    kind_label: str
    status: str
    attempts: int
    created_at: dt.datetime
    sent_at: dt.datetime | None
    last_error: str | None
    waybill: str
    payload: dict


def _row(r: Outbox) -> RecordRow:
    payload = json.loads(r.payload)
    return RecordRow(r.id, r.key, r.kind, KIND_LABELS.get(r.kind, r.kind), r.status, r.attempts,
                     r.created_at, r.sent_at, r.last_error, str(payload.get("waybill", "")), payload)


def records(status: str | None = None, *, offset: int = 0, limit: int = 200) -> list[RecordRow]:
    q = Outbox.select()
    if status:
        q = q.where(Outbox.status == status)
    return [_row(r) for r in q.order_by(Outbox.id.desc()).offset(offset).limit(limit)]


def get(record_id: int) -> RecordRow:
    r = Outbox.get_or_none(Outbox.id == record_id)
    if r is None:
        raise NotFound("找不到这条上传记录。")
    return _row(r)


# payload fields a clerk may correct on a rejected record of a kind without its own fix rule
EDITABLE_FIELDS = ("waybill", "signer_type", "signer_name", "reason", "note")


@operation("upload.resend", N_("修正并重新上传"), ANY_STAFF)
def resend(record_id: int, patch: dict | None = None, *, actor: Actor, now: dt.datetime) -> frozenset:
    """Put a rejected record back in the queue, optionally with corrected payload fields."""
    patch = dict(patch or {})
    for field in patch:
        if field not in EDITABLE_FIELDS:
            raise ValidationError(f"字段“{field}”不能在这里修改。")
    with write_tx():
        r = Outbox.get_or_none(Outbox.id == record_id)
        if r is None:
            raise NotFound("找不到这条上传记录。")
        if r.status != Outbox.REJECTED:
            raise DomainError("只有被总部拒收的记录才能修正后重新上传。")
        body = json.loads(r.payload)
        old = {k: body.get(k) for k in patch}
        body.update(patch)
        reason = r.last_error
        Outbox.update(payload=json.dumps(body, ensure_ascii=False, default=str),
                      status=Outbox.PENDING, attempts=0, next_attempt_at=None, last_error=None) \
            .where(Outbox.id == r.id).execute()
        audit.record(actor, "upload.resend", entity="outbox", entity_id=r.key,
                     detail={"kind": r.kind, "rejected_because": reason, "old": old, "new": patch},
                     now=now)
    return frozenset({changes.UPLOAD, changes.SIGNOFF})
