"""The audit log: append-only, hash-chained.

:func:`record` is called inside the caller's write transaction, so the change and its audit row
commit together.  :func:`verify` walks the chain and names the first broken link.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from . import db as dbmod
from .models import AuditLog
from .permissions import Actor

GENESIS = "0" * 64


def _canonical(detail: dict | None) -> str:
    return json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str)


def _digest(prev_hash: str, at: dt.datetime, actor_id, actor_name: str, action: str, entity: str,
            entity_id: str, detail: str) -> str:
    material = json.dumps([prev_hash, _ts(at), actor_id, actor_name, action, entity, entity_id,
                           detail], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _ts(at) -> str:
    if isinstance(at, str):
        at = dt.datetime.fromisoformat(at)
    return at.isoformat(sep=" ", timespec="microseconds")


def record(actor: Actor, action: str, *, entity: str = "", entity_id="", detail: dict | None = None,
           now: dt.datetime) -> AuditLog:
    """Append one audit row.  Call inside :func:`outlet_desk.db.write_tx`."""
    if not dbmod.is_sqlite():
        # PostgreSQL: serialise writers of the chain for this transaction.
        dbmod.database.execute_sql("SELECT pg_advisory_xact_lock(80380380)")
    last = AuditLog.select(AuditLog.id, AuditLog.hash).order_by(AuditLog.id.desc()).limit(1).first()
    prev = last.hash if last else GENESIS
    detail_text = _canonical(detail)
    entity_id = str(entity_id)
    h = _digest(prev, now, actor.id, actor.name, action, entity, entity_id, detail_text)
    fields = dict(at=now, actor_id=actor.id, actor_name=actor.name, action=action, entity=entity,
                  entity_id=entity_id, detail=detail_text, prev_hash=prev, hash=h)
    if not dbmod.is_sqlite():
        # A PostgreSQL sequence skips the ids of rolled-back rows and verify() reads a gap as a
        # deleted record: number the rows ourselves (the lock above is held until commit).
        fields["id"] = (last.id if last else 0) + 1
    return AuditLog.create(**fields)


def record_many(actor: Actor, entries: list[dict], *, now: dt.datetime | None = None) -> int:
    """Append many audit rows at once (an import): each entry has ``action`` and optionally
    ``entity``, ``entity_id``, ``detail`` and ``at`` (default ``now``).  The chain is the same as
    ``record`` called once per entry; the rows go in with one INSERT.  Inside ``write_tx``."""
    if not entries:
        return 0
    if not dbmod.is_sqlite():
        dbmod.database.execute_sql("SELECT pg_advisory_xact_lock(80380380)")
    last = AuditLog.select(AuditLog.id, AuditLog.hash).order_by(AuditLog.id.desc()).limit(1).first()
    prev, next_id = (last.hash, last.id + 1) if last else (GENESIS, 1)
    rows = []
    for e in entries:
        at = e.get("at") or now
        detail_text = _canonical(e.get("detail"))
        entity, entity_id = e.get("entity", ""), str(e.get("entity_id", ""))
        h = _digest(prev, at, actor.id, actor.name, e["action"], entity, entity_id, detail_text)
        row = dict(at=at, actor_id=actor.id, actor_name=actor.name, action=e["action"], entity=entity,
                   entity_id=entity_id, detail=detail_text, prev_hash=prev, hash=h)
        if not dbmod.is_sqlite():
            row["id"] = next_id        # numbered by us, as in record()
        rows.append(row)
        prev, next_id = h, next_id + 1
    return dbmod.insert_rows(AuditLog, rows)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""

    def message(self) -> str:
        if self.ok:
            return f"审计日志完好：共 {self.checked} 条，哈希链无断裂。"
        return f"审计日志第 {self.broken_id} 条被改动或缺失：{self.reason}"


def verify(batch: int = 5000) -> VerifyResult:
    """Recompute the chain.  Reports the first row whose hash or link does not match."""
    prev = GENESIS
    checked = 0
    last_id = 0
    expected_id = None
    while True:
        rows = list(AuditLog.select().where(AuditLog.id > last_id).order_by(AuditLog.id)
                    .limit(batch).tuples())
        if not rows:
            break
        for (rid, at, actor_id, actor_name, action, entity, entity_id, detail, prev_hash, h) in rows:
            if expected_id is not None and rid != expected_id:
                return VerifyResult(False, checked, expected_id, "该条记录被删除")
            if prev_hash != prev:
                return VerifyResult(False, checked, rid, "与前一条的链接不符")
            if _digest(prev_hash, at, actor_id, actor_name, action, entity, entity_id, detail) != h:
                return VerifyResult(False, checked, rid, "内容与哈希不符")
            prev = h
            checked += 1
            expected_id = rid + 1
            last_id = rid
    return VerifyResult(True, checked)


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    actor_name: str
    action: str
    entity: str
    entity_id: str
    detail: str


def browse(*, actor: Actor, action: str | None = None, who: str | None = None,
           text: str | None = None, since: dt.datetime | None = None,
           until: dt.datetime | None = None, offset: int = 0, limit: int = 200) -> list[AuditRow]:
    """Newest first, filtered.  Manager only: the log holds customer data changes."""
    from .permissions import MANAGER
    from .errors import PermissionDenied
    if actor.role != MANAGER:
        raise PermissionDenied("审计日志只有店长可以查看。")
    q = AuditLog.select(AuditLog.id, AuditLog.at, AuditLog.actor_name, AuditLog.action,
                        AuditLog.entity, AuditLog.entity_id, AuditLog.detail)
    if action:
        q = q.where(AuditLog.action.startswith(action))
    if who:
        q = q.where(AuditLog.actor_name == who)
    if text:
        q = q.where(AuditLog.detail.contains(text) | AuditLog.entity_id.contains(text))
    if since:
        q = q.where(AuditLog.at >= since)
    if until:
        q = q.where(AuditLog.at < until)
    q = q.order_by(AuditLog.id.desc()).offset(offset).limit(limit)
    return [AuditRow(*r) for r in q.tuples()]
