"""Sign-off (签收): the queue of released and delivered parcels, batch sign-off, undo, the manager's
reversal, the daily cut-off, and the export for outlets that upload through the carrier's client.

Every sign-off writes, in ONE transaction: its :class:`Signoff` row, ``Parcel.signed_at`` (and the
signer type), a ``SIGNED`` parcel event and its outbox record (kind ``signoff``) for head office.
Batches are written with bulk inserts/updates (a few statements per 400 parcels, no query per row).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from peewee import JOIN, fn

from .. import audit, changes, duty_events, settings
from ..businessday import ensure_open
from ..db import insert_rows, write_tx
from ..errors import DomainError, EnvironmentFault, NotFound, ValidationError
from ..i18n import N_, _, inline
from ..models import Outbox, Parcel, ParcelEvent, Staff
from ..models.parcels import not_signed_off
from ..models.signoff import Signoff
from ..openitems import OpenItem
from ..permissions import ANY_STAFF, MANAGER_ONLY, Actor, operation
from ..privacy import mask_phone
from ..scan import normalize_scan
from ..settings import SettingSpec
from . import outbox

SIGNER_TYPES = ("本人", "家人", "门卫", "快递柜", "驿站", "代收")  # zh-data: stored and sent to head office
#: How each stored signer type reads on the screen (the stored word stays Chinese)
SIGNER_TYPE_LABELS = {"本人": N_("本人"), "家人": N_("家人"), "门卫": N_("门卫"),  # zh-data: keys are stored
                      "快递柜": N_("快递柜"), "驿站": N_("驿站"), "代收": N_("代收")}  # zh-data: keys are stored


def signer_type_label(signer_type: str) -> str:
    """A stored signer type in the person's language (unknown words are shown as stored)."""
    return _(SIGNER_TYPE_LABELS[signer_type]) if signer_type in SIGNER_TYPE_LABELS else signer_type


SIGNABLE = (Parcel.RELEASED, Parcel.DELIVERED)
# words the counter may have recorded at release, in sign-off terms
SIGNER_ALIASES = {"代取": "代收", "本人取件": "本人", "家属": "家人"}  # zh-data
CHUNK = 400

SETTINGS = [
    SettingSpec("signoff.cutoff", "14:00", "Sign-off cut-off", N_("签收上传截止时间"), kind="time",
                section="signoff", help="The day's deliveries are signed off and uploaded before this.",
                help_zh=N_("当天的派件要在这个时间前签收并上传。")),
    SettingSpec("signoff.second_cutoff_enabled", False, "Second (afternoon) cut-off",
                N_("启用下午第二截止时间"), kind="bool", section="signoff",
                help_zh=N_("下午业务员的签收用。"),
                help="For the salesmen's sign-offs in the afternoon."),
    SettingSpec("signoff.second_cutoff", "18:00", "Second cut-off time", N_("下午截止时间"), kind="time",
                section="signoff"),
]


# -- queue ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BatchFilter:
    courier: str | None = None
    route: str | None = None
    category: str | None = None

    def describe(self) -> str:
        parts = []
        if self.courier:
            parts.append(_("派件员 {courier}").format(courier=self.courier))
        if self.route:
            parts.append(_("线路 {route}").format(route=self.route))
        if self.category:
            category = (_(CATEGORY_LABELS[self.category]) if self.category in CATEGORY_LABELS
                        else self.category)
            parts.append(_("类别 {category}").format(category=inline(category)))
        return _("、").join(parts) or _("全部")

    def matches(self, parcel) -> bool:
        return ((not self.courier or parcel.courier == self.courier)
                and (not self.route or parcel.route == self.route)
                and (not self.category or parcel.category == self.category))


CATEGORY_LABELS = {Parcel.PICKUP: N_("自取"), Parcel.DELIVERY: N_("派送"), Parcel.TOWNSHIP: N_("乡镇"),
                   Parcel.PROBLEM: N_("问题")}


@dataclass(frozen=True)
class QueueRow:
    parcel_id: int
    waybill: str
    carrier: str
    category: str
    status: str
    courier: str | None
    route: str | None
    recipient: str
    phone: str            # masked
    signer_type: str | None
    due_at: dt.datetime


def _due_expr():
    return fn.COALESCE(Parcel.released_at, Parcel.updated_at)


def _queue_query(flt: BatchFilter | None):
    q = Parcel.select().where(Parcel.status.in_(SIGNABLE) & not_signed_off())
    flt = flt or BatchFilter()
    if flt.courier:
        q = q.where(Parcel.courier == flt.courier)
    if flt.route:
        q = q.where(Parcel.route == flt.route)
    if flt.category:
        q = q.where(Parcel.category == flt.category)
    return q


def queue(flt: BatchFilter | None = None, *, offset: int = 0, limit: int = 500) -> list[QueueRow]:
    """Parcels waiting for sign-off (one query), oldest first."""
    q = (_queue_query(flt).select(Parcel.id, Parcel.waybill, Parcel.carrier, Parcel.category,
                                  Parcel.status, Parcel.courier, Parcel.route,
                                  Parcel.recipient_name, Parcel.recipient_phone, Parcel.signer_type,
                                  _due_expr())
         .order_by(_due_expr(), Parcel.id).offset(offset).limit(limit))
    return [QueueRow(pid, wb, ca, cat, st, cour, route, name or "", mask_phone(phone), stype, due)
            for pid, wb, ca, cat, st, cour, route, name, phone, stype, due in q.tuples()]


def queue_count(flt: BatchFilter | None = None) -> int:
    return _queue_query(flt).count()


@dataclass(frozen=True)
class BatchChoices:
    couriers: tuple
    routes: tuple
    categories: tuple


def batch_choices() -> BatchChoices:
    """Couriers, routes and categories present in the queue, for the batch selection."""
    base = _queue_query(None)

    def distinct(field):
        return tuple(v for (v,) in base.select(field).distinct().order_by(field).tuples() if v)
    return BatchChoices(distinct(Parcel.courier), distinct(Parcel.route), distinct(Parcel.category))


# -- signing ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SignResult:
    count: int
    waybills: tuple
    signer_type: str
    changes: frozenset


_ROW_FIELDS = (Parcel.id, Parcel.waybill, Parcel.carrier, Parcel.status, Parcel.signer_type,
               Parcel.collector_name, Parcel.courier, Parcel.route, Parcel.category, Parcel.signed_at)


def _check_signer(signer_type: str | None, signer_name: str | None) -> tuple[str | None, str | None]:
    if signer_type is not None and signer_type not in SIGNER_TYPES:
        raise ValidationError(_("签收人类型只能是：{types}。").format(types=_("、").join(SIGNER_TYPES)))
    name = (signer_name or "").strip() or None
    if name and len(name) > 20:
        raise ValidationError(_("签收人姓名最多 20 个字。"))
    return signer_type, name


def _write_signoffs(rows, signer_type, signer_name, *, actor: Actor, now: dt.datetime) -> list[str]:
    """Bulk-write sign-offs for parcel rows (tuples of _ROW_FIELDS + due).  Inside write_tx."""
    outlet_code = settings.get("outlet.code")
    sign_rows, events, items, by_type = [], [], [], {}
    for pid, wb, carrier, status, own_type, collector, courier, route, _cat, _signed, due in rows:
        stype = signer_type or SIGNER_ALIASES.get(own_type, own_type) or "本人"  # zh-data
        if stype not in SIGNER_TYPES:
            stype = "本人"  # zh-data
        sname = signer_name or (collector if (signer_type is None and collector) else None)
        key = outbox.new_key("signoff")
        sign_rows.append({"parcel": pid, "signer_type": stype, "signer_name": sname,
                          "signed_at": now, "due_at": due, "clerk": actor.id, "outbox_key": key,
                          "status": Signoff.ACTIVE})
        events.append({"parcel": pid, "at": now, "kind": ParcelEvent.SIGNED, "staff": actor.id,
                       "detail": stype + (f" {sname}" if sname else "")})
        items.append((key, {"outlet_code": outlet_code, "waybill": wb, "carrier": carrier,
                            "signer_type": stype, "signer_name": sname or "",
                            "signed_at": now.isoformat(sep=" "), "clerk": actor.name,
                            "via": "counter" if status == Parcel.RELEASED else "courier",
                            "courier": courier or ""}))
        by_type.setdefault(stype, []).append(pid)
    insert_rows(Signoff, sign_rows)
    insert_rows(ParcelEvent, events)
    outbox.enqueue_many("signoff", items, now=now, chunk=CHUNK)
    for stype, pids in by_type.items():
        for i in range(0, len(pids), CHUNK):
            Parcel.update(signed_at=now, signer_type=stype).where(Parcel.id.in_(pids[i:i + CHUNK])) \
                .execute()
    return [r[1] for r in rows]


@operation("signoff.sign", N_("签收"), ANY_STAFF)
def sign(*, parcel_ids=None, flt: BatchFilter | None = None, signer_type: str | None = None,
         signer_name: str | None = None, actor: Actor, now: dt.datetime) -> SignResult:
    """Sign off the given parcels, or (``parcel_ids`` None) every parcel in the queue under ``flt``.

    ``signer_type`` None keeps the type recorded at the counter (本人/代收), else 本人.
    All or nothing: a parcel that is no longer waiting for sign-off refuses the whole batch.
    """
    signer_type, signer_name = _check_signer(signer_type, signer_name)
    with write_tx():
        if parcel_ids is None:
            rows = list(_queue_query(flt).select(*_ROW_FIELDS, _due_expr()).order_by(Parcel.id)
                        .tuples())
            if not rows:
                raise DomainError(_("所选批次（{batch}）没有待签收的包裹。").format(
                    batch=(flt or BatchFilter()).describe()))
        else:
            ids = sorted({int(i) for i in parcel_ids})
            if not ids:
                raise ValidationError(_("请先选择要签收的包裹。"))
            rows = []
            for i in range(0, len(ids), CHUNK):
                rows.extend(Parcel.select(*_ROW_FIELDS, _due_expr())
                            .where(Parcel.id.in_(ids[i:i + CHUNK])).tuples())
            if len(rows) != len(ids):
                raise NotFound(_("所选包裹有的已不存在，请刷新后再签收。"))
            for r in rows:
                if r[9] is not None:
                    raise DomainError(_("运单 {waybill} 已签收，请刷新后再签收。").format(waybill=r[1]))
                if r[3] not in SIGNABLE:
                    raise DomainError(_("运单 {waybill} 还没有取件或妥投，不能签收。").format(waybill=r[1]))
        waybills = _write_signoffs(rows, signer_type, signer_name, actor=actor, now=now)
        audit.record(actor, "signoff.sign", entity="parcel", entity_id=str(len(waybills)),
                     detail={"signer_type": signer_type or "按取件记录", "signer_name": signer_name,  # zh-data
                             "waybills": waybills}, now=now)
    return SignResult(len(waybills), tuple(waybills), signer_type or "",
                      frozenset({changes.SIGNOFF, changes.UPLOAD, changes.PARCELS}))


@operation("signoff.scan", N_("扫描签收"), ANY_STAFF)
def sign_scanned(waybill: str, *, flt: BatchFilter | None = None, signer_type: str | None = None,
                 signer_name: str | None = None, actor: Actor, now: dt.datetime) -> SignResult:
    """Scan-to-sign: one waybill, which must be waiting and (with ``flt``) in the selected batch."""
    signer_type, signer_name = _check_signer(signer_type, signer_name)
    code = normalize_scan(waybill)
    if not code:
        raise ValidationError(_("请扫描运单号。"))
    with write_tx():
        parcel = Parcel.get_or_none(Parcel.waybill == code)
        if parcel is None:
            raise NotFound(_("运单 {waybill} 不在本网点。").format(waybill=code))
        if parcel.signed_at is not None:
            raise DomainError(_("运单 {waybill} 已于 {at} 签收。").format(
                waybill=code, at=f"{parcel.signed_at:%H:%M}"))
        if parcel.status not in SIGNABLE:
            raise DomainError(_("运单 {waybill} 还没有取件或妥投，不能签收。").format(waybill=code))
        if flt and not flt.matches(parcel):
            raise DomainError(_("运单 {waybill} 不在所选批次（{batch}）。").format(waybill=code, batch=flt.describe()))
        row = (parcel.id, parcel.waybill, parcel.carrier, parcel.status, parcel.signer_type,
               parcel.collector_name, parcel.courier, parcel.route, parcel.category, None,
               parcel.released_at or parcel.updated_at)
        _write_signoffs([row], signer_type, signer_name, actor=actor, now=now)
        audit.record(actor, "signoff.sign", entity="parcel", entity_id=parcel.waybill,
                     detail={"signer_type": signer_type or "按取件记录", "signer_name": signer_name,  # zh-data
                             "waybills": [parcel.waybill]}, now=now)
    return SignResult(1, (parcel.waybill,), signer_type or "",
                      frozenset({changes.SIGNOFF, changes.UPLOAD, changes.PARCELS}))


# -- signed list, undo, reversal, fix ---------------------------------------------------------

# N_: shown through _(…) on screen; the export file keeps the Chinese words (its documented format)
UPLOAD_LABELS = {Outbox.PENDING: N_("待上传"), Outbox.SENT: N_("已上传"), Outbox.REJECTED: N_("被拒收"),
                 Signoff.UNDONE: N_("已撤销"), Signoff.REVERSED: N_("已更正")}


@dataclass(frozen=True)
class SignedRow:
    signoff_id: int
    waybill: str
    carrier: str
    signer_type: str
    signer_name: str
    signed_at: dt.datetime
    clerk: str
    upload: str              # pending | sent | rejected | undone | reversed
    attempts: int
    sent_at: dt.datetime | None
    reason: str              # server's reason (rejected) or the manager's (reversed)
    courier: str
    route: str
    recipient: str
    phone: str               # masked
    key: str

    @property
    def upload_label(self) -> str:
        return _(UPLOAD_LABELS[self.upload]) if self.upload in UPLOAD_LABELS else self.upload


def _signed_query():
    return (Signoff.select(Signoff.id, Parcel.waybill, Parcel.carrier, Signoff.signer_type,
                           Signoff.signer_name, Signoff.signed_at, Staff.name, Signoff.status,
                           Outbox.status, Outbox.attempts, Outbox.sent_at, Outbox.last_error,
                           Signoff.reason, Parcel.courier, Parcel.route, Parcel.recipient_name,
                           Parcel.recipient_phone, Signoff.outbox_key)
            .join(Parcel, on=(Signoff.parcel == Parcel.id))
            .switch(Signoff).join(Staff, JOIN.LEFT_OUTER, on=(Signoff.clerk == Staff.id))
            .switch(Signoff).join(Outbox, JOIN.LEFT_OUTER, on=(Outbox.key == Signoff.outbox_key)))


def _signed_row(t) -> SignedRow:
    (sid, wb, carrier, stype, sname, at, clerk, sstatus, ostatus, attempts, sent_at, err, reason,
     courier, route, rname, phone, key) = t
    upload = sstatus if sstatus != Signoff.ACTIVE else (ostatus or Outbox.SENT)
    why = (reason if sstatus == Signoff.REVERSED else err if ostatus == Outbox.REJECTED else "") or ""
    return SignedRow(sid, wb, carrier, stype, sname or "", at, clerk or "", upload, attempts or 0,
                     sent_at, why, courier or "", route or "", rname or "", mask_phone(phone), key)


def signed(day: dt.date | None = None, *, upload: str | None = None, waybill: str | None = None,
           offset: int = 0, limit: int = 500) -> list[SignedRow]:
    """Sign-offs, newest first (one query)."""
    q = _signed_query()
    if day:
        start = dt.datetime.combine(day, dt.time())
        q = q.where((Signoff.signed_at >= start) & (Signoff.signed_at < start + dt.timedelta(days=1)))
    if upload in (Signoff.UNDONE, Signoff.REVERSED):
        q = q.where(Signoff.status == upload)
    elif upload:
        q = q.where((Signoff.status == Signoff.ACTIVE) & (Outbox.status == upload))
    if waybill:
        q = q.where(Parcel.waybill == normalize_scan(waybill))
    q = q.order_by(Signoff.id.desc()).offset(offset).limit(limit)
    return [_signed_row(t) for t in q.tuples()]


def _active(signoff_id: int) -> Signoff:
    s = Signoff.get_or_none(Signoff.id == signoff_id)
    if s is None:
        raise NotFound(_("找不到这条签收记录。"))
    if s.status != Signoff.ACTIVE:
        raise DomainError(_("这条签收已撤销或已更正。"))
    return s


def _reopen_parcel(s: Signoff, *, actor: Actor, now: dt.datetime, detail: str) -> Parcel:
    parcel = Parcel.get_by_id(s.parcel_id)
    Parcel.update(signed_at=None).where(Parcel.id == parcel.id).execute()
    ParcelEvent.create(parcel=parcel.id, at=now, kind=ParcelEvent.CORRECTED, staff=actor.id,
                       detail=detail)
    return parcel


@operation("signoff.undo", N_("撤销签收"), ANY_STAFF)
def undo(signoff_id: int, *, actor: Actor, now: dt.datetime) -> frozenset:
    """Undo a sign-off that head office has not confirmed.

    Never posted: its outbox record is removed.  Already claimed by an upload (the post may have
    arrived — the clerk could not know): the undo stands and a correction record cancels it at
    head office.  Confirmed by head office: only a manager reverses it, with a reason."""
    with write_tx():
        s = _active(signoff_id)
        ensure_open(s.signed_at.date())        # a closed day's sign-offs stay as they were closed
        rec = Outbox.get_or_none(Outbox.key == s.outbox_key)
        if rec is None or rec.status == Outbox.SENT:
            # confirmed by head office (or its record is gone, so head office may hold it): the
            # manager's reverse, with a reason, sends the one correction
            raise DomainError(_("这条签收已上传总部，只有店长可以更正（需填写原因）。"))
        correction = None
        if rec is not None and rec.status == Outbox.PENDING:
            # only a record no upload has claimed is removed; the uploader claims in one
            # transaction, so either it never reads this record or the delete finds it claimed
            gone = Outbox.delete().where((Outbox.id == rec.id) & (Outbox.status == Outbox.PENDING)
                                         & (Outbox.attempts == 0)).execute()
            if not gone:
                correction = _queue_correction(s, "撤销签收（撤销时已在上传）", actor=actor, now=now)  # zh-data
        elif rec is not None:
            Outbox.delete().where(Outbox.id == rec.id).execute()
        if correction:
            Signoff.update(status=Signoff.REVERSED, ended_at=now, ended_by=actor.id,
                           reason="撤销签收（撤销时已在上传，已向总部发更正）",  # zh-data: stored
                           correction_key=correction).where(Signoff.id == s.id).execute()
        else:
            Signoff.update(status=Signoff.UNDONE, ended_at=now, ended_by=actor.id) \
                .where(Signoff.id == s.id).execute()
        parcel = _reopen_parcel(s, actor=actor, now=now, detail="撤销签收")  # zh-data
        audit.record(actor, "signoff.undo", entity="parcel", entity_id=parcel.waybill,
                     detail={"signer_type": s.signer_type, "signed_at": s.signed_at,
                             "outbox_key": s.outbox_key, "correction_key": correction}, now=now)
    return frozenset({changes.SIGNOFF, changes.UPLOAD, changes.PARCELS})


def _queue_correction(s: Signoff, reason: str, *, actor: Actor, now: dt.datetime) -> str:
    """Queue a correction record that cancels the sign-off at head office; returns its key."""
    parcel = Parcel.get_by_id(s.parcel_id)
    key = outbox.new_key("signoff_correction")
    outbox.enqueue("signoff_correction", {
        "outlet_code": settings.get("outlet.code"), "waybill": parcel.waybill,
        "original_key": s.outbox_key, "action": "cancel_signoff", "reason": reason,
        "corrected_by": actor.name, "corrected_at": now.isoformat(sep=" ")}, now=now, key=key)
    return key


@operation("signoff.reverse", N_("更正已上传的签收"), MANAGER_ONLY)
def reverse(signoff_id: int, reason: str, *, actor: Actor, now: dt.datetime) -> frozenset:
    """After upload: a manager reverses the sign-off with a reason; a correction record is uploaded."""
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ValidationError(_("请填写更正原因。"))
    with write_tx():
        s = _active(signoff_id)
        rec = Outbox.get_or_none(Outbox.key == s.outbox_key)
        maybe_sent = rec is None or rec.status == Outbox.SENT or (
            rec.status == Outbox.PENDING and rec.attempts > 0)
        if not maybe_sent:
            raise DomainError(_("这条签收还没有上传，直接撤销即可。"))
        parcel = Parcel.get_by_id(s.parcel_id)
        key = _queue_correction(s, reason, actor=actor, now=now)
        Signoff.update(status=Signoff.REVERSED, ended_at=now, ended_by=actor.id, reason=reason,
                       correction_key=key).where(Signoff.id == s.id).execute()
        _reopen_parcel(s, actor=actor, now=now, detail=f"店长更正签收：{reason}")  # zh-data
        audit.record(actor, "signoff.reverse", entity="parcel", entity_id=parcel.waybill,
                     detail={"reason": reason, "original_key": s.outbox_key,
                             "correction_key": key}, now=now)
    return frozenset({changes.SIGNOFF, changes.UPLOAD, changes.PARCELS})


@operation("signoff.fix", N_("修正被拒收的签收"), ANY_STAFF)
def fix_rejected(record_id: int, *, signer_type: str, signer_name: str | None = None,
                 waybill: str | None = None, actor: Actor, now: dt.datetime) -> frozenset:
    """A sign-off head office rejected: correct it and send it again (same idempotency key)."""
    signer_type, signer_name = _check_signer(signer_type, signer_name)
    if not signer_type:
        raise ValidationError(_("请选择签收人类型。"))
    with write_tx():
        rec = Outbox.get_or_none(Outbox.id == record_id)
        if rec is None:
            raise NotFound(_("找不到这条上传记录。"))
        if rec.kind != "signoff":
            raise DomainError(_("这不是签收记录，请用“重新上传”。"))
        if rec.status != Outbox.REJECTED:
            raise DomainError(_("只有被总部拒收的记录才能修正后重新上传。"))
        s = Signoff.get_or_none(Signoff.outbox_key == rec.key)
        body = json.loads(rec.payload)
        old = {"signer_type": body.get("signer_type"), "signer_name": body.get("signer_name"),
               "waybill": body.get("waybill")}
        body["signer_type"] = signer_type
        body["signer_name"] = signer_name or ""
        if waybill and normalize_scan(waybill) != body.get("waybill"):
            raise DomainError(_("运单号不能改：请撤销这条签收，再签收正确的运单。"))
        Outbox.update(payload=json.dumps(body, ensure_ascii=False, default=str),
                      status=Outbox.PENDING, attempts=0, next_attempt_at=None, last_error=None) \
            .where(Outbox.id == rec.id).execute()
        if s is not None:
            Signoff.update(signer_type=signer_type, signer_name=signer_name).where(Signoff.id == s.id) \
                .execute()
            Parcel.update(signer_type=signer_type).where(Parcel.id == s.parcel_id).execute()
        audit.record(actor, "signoff.fix", entity="outbox", entity_id=rec.key,
                     detail={"rejected_because": rec.last_error, "old": old,
                             "new": {"signer_type": signer_type, "signer_name": signer_name}},
                     now=now)
    return frozenset({changes.SIGNOFF, changes.UPLOAD})


# -- cut-off ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CutoffInfo:
    unsigned: int              # parcels waiting for sign-off
    not_uploaded: int          # sign-offs not yet confirmed by head office (pending or rejected)
    rejected: int              # of which rejected
    cutoff: dt.datetime | None     # the next cut-off today, or the last one passed
    seconds_left: int          # to ``cutoff`` (negative once it has passed)
    late: bool                 # the warning: something due before a passed cut-off is outstanding
    late_count: int

    @property
    def outstanding(self) -> int:
        return self.unsigned + self.not_uploaded


def cutoffs(day: dt.date) -> list[dt.datetime]:
    values = settings.get_many(["signoff.cutoff", "signoff.second_cutoff_enabled",
                                "signoff.second_cutoff"])
    times = [values["signoff.cutoff"]]
    if values["signoff.second_cutoff_enabled"]:
        times.append(values["signoff.second_cutoff"])
    out = []
    for text in times:
        try:
            out.append(dt.datetime.combine(day, dt.datetime.strptime(text, "%H:%M").time()))
        except (TypeError, ValueError):
            continue
    return sorted(set(out))


def _outstanding(before: dt.datetime | None) -> tuple[int, int, int]:
    """(unsigned, signed but not uploaded, rejected) — due before ``before`` when given.

    Every sign-off stays ACTIVE once uploaded, so the count starts from the few outbox records not
    accepted yet (read in (status, id) order: that index, never a scan of the whole outbox) and
    looks their sign-offs up by key; a join driven by the sign-offs walked all of them (seconds at
    a million)."""
    uq = _queue_query(None)
    if before is not None:
        uq = uq.where(_due_expr() < before)
    waiting = dict(Outbox.select(Outbox.key, Outbox.status)
                   .where(Outbox.status.in_([Outbox.PENDING, Outbox.REJECTED]))
                   .order_by(Outbox.status, Outbox.id).tuples())
    keys = list(waiting)
    not_uploaded = rejected = 0
    for i in range(0, len(keys), CHUNK):
        q = Signoff.select(Signoff.outbox_key).where((Signoff.status == Signoff.ACTIVE)
                                                     & Signoff.outbox_key.in_(keys[i:i + CHUNK]))
        if before is not None:
            q = q.where(fn.COALESCE(Signoff.due_at, Signoff.signed_at) < before)
        for (key,) in q.tuples():
            not_uploaded += 1
            rejected += waiting[key] == Outbox.REJECTED
    return uq.count(), not_uploaded, 0 if before is not None else rejected


def cutoff_status(now: dt.datetime) -> CutoffInfo:
    """Counts for the sign-off screen and the status bar.

    Before the first cut-off: time left.  Once a cut-off has passed, the warning is on while
    anything that was due before it is unsigned or not uploaded; after the day's last cut-off, while
    anything at all is outstanding.
    """
    unsigned, not_uploaded, rejected = _outstanding(None)
    times = cutoffs(now.date())
    upcoming = [t for t in times if t > now]
    passed = [t for t in times if t <= now]
    cutoff = upcoming[0] if upcoming else (passed[-1] if passed else None)
    seconds = int((cutoff - now).total_seconds()) if cutoff else 0
    late_count = 0
    if passed:
        if upcoming:
            u, n, _r = _outstanding(passed[-1])
            late_count = u + n
        else:
            late_count = unsigned + not_uploaded
    return CutoffInfo(unsigned, not_uploaded, rejected, cutoff, seconds, late_count > 0, late_count)


def note_uploaded(*, actor: Actor | None, now: dt.datetime) -> bool:
    """After an upload: when nothing due is unsigned or waiting, tick the duty (once a day).

    Call inside a write transaction.  detail: "before" while a cut-off of the day is still ahead,
    else "after".
    """
    info = cutoff_status(now)
    if info.outstanding:
        return False
    if duty_events.SIGNOFF_UPLOADED in duty_events.observed(now.date()):
        return False
    ahead = [t for t in cutoffs(now.date()) if t >= now]
    duty_events.observe(duty_events.SIGNOFF_UPLOADED, actor=actor, now=now,
                        detail="before" if ahead else "after")
    return True


# -- export -----------------------------------------------------------------------------------

#: (column header, meaning) — documented in docs/signoff.md
EXPORT_COLUMNS = [  # zh-data: the export file's documented columns
    ("运单号", "waybill"),
    ("快递公司", "carrier"),
    ("签收人类型", "signer type: 本人/家人/门卫/快递柜/驿站/代收"),
    ("签收人", "signer name (may be empty)"),
    ("签收时间", "sign-off time, YYYY-MM-DD HH:MM:SS"),
    ("操作员", "clerk who signed"),
    ("派件员", "courier (empty for counter pickups)"),
    ("线路", "route"),
    ("收件人", "recipient name"),
    ("收件人电话", "recipient phone, masked 138****1234"),
    ("上传状态", "待上传/已上传/被拒收/已撤销/已更正"),
    ("上传时间", "when head office confirmed it"),
    ("说明", "server's rejection reason or the manager's correction reason"),
    ("幂等键", "idempotency key of the upload record"),
]


def export_rows(day: dt.date, *, full_phones: bool = False) -> list[list[str]]:
    """Phones masked; ``full_phones`` only through :func:`export_full_phones` (manager, audited)."""
    rows = []
    offset = 0
    while True:
        part = signed(day, offset=offset, limit=5000)
        full = {}
        if full_phones and part:
            full = dict(Signoff.select(Signoff.outbox_key, Parcel.recipient_phone)
                        .join(Parcel, on=(Signoff.parcel == Parcel.id))
                        .where(Signoff.outbox_key.in_([r.key for r in part])).tuples())
        for r in part:
            rows.append([r.waybill, r.carrier, r.signer_type, r.signer_name,
                         r.signed_at.strftime("%Y-%m-%d %H:%M:%S"), r.clerk, r.courier, r.route,
                         r.recipient, (full.get(r.key) or "") if full_phones else r.phone,
                         UPLOAD_LABELS.get(r.upload, r.upload),
                         r.sent_at.strftime("%Y-%m-%d %H:%M:%S") if r.sent_at else "", r.reason,
                         r.key])
        if len(part) < 5000:
            break
        offset += 5000
    rows.reverse()     # oldest first
    return rows


def _cell(value):
    """A text cell Excel or WPS would run as a formula (a name typed at the counter, a line of an
    imported manifest: ``=HYPERLINK(…)``) is written with a leading apostrophe: shown, not run."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@operation("signoff.export_full_phones", N_("导出签收（完整电话）"), MANAGER_ONLY)
def export_full_phones(day: dt.date, path: Path, *, actor: Actor, now: dt.datetime) -> int:
    """The day's sign-offs with full phone numbers: only a manager, on explicit request; audited."""
    return export(day, path, actor=actor, now=now, _full_phones=True)


def export(day: dt.date, path: Path, *, actor: Actor, now: dt.datetime,
           _full_phones: bool = False) -> int:
    """Write the day's sign-offs to ``path`` (.csv UTF-8 with BOM for Excel, or .xlsx).
    Phones are masked (full numbers: :func:`export_full_phones`)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValidationError(_("导出文件名应以 .csv 或 .xlsx 结尾。"))
    rows = [[_cell(v) for v in r] for r in export_rows(day, full_phones=_full_phones)]
    header = [c for c, _ in EXPORT_COLUMNS]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        if suffix == ".csv":
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(header)
                w.writerows(rows)
        else:
            from openpyxl import Workbook
            wb = Workbook(write_only=True)
            ws = wb.create_sheet(f"签收 {day:%Y-%m-%d}")  # zh-data: the export file
            ws.append(header)
            for r in rows:
                ws.append(r)
            wb.save(tmp)
        tmp.replace(path)
    except OSError as exc:
        raise EnvironmentFault(_("无法写入 {path}：{error}").format(path=path, error=exc.strerror or exc)) from exc
    with write_tx():
        audit.record(actor, "signoff.export_full_phones" if _full_phones else "signoff.export",
                     entity="file", entity_id=path.name,
                     detail={"day": day.isoformat(), "rows": len(rows),
                             "phones": "full" if _full_phones else "masked"}, now=now)
    return len(rows)


# -- handover ---------------------------------------------------------------------------------

def open_items(staff_id: int, now: dt.datetime):
    """Sign-offs this person made that head office rejected: to fix and send again (交接)."""
    q = (Signoff.select(Signoff.id, Parcel.waybill, Outbox.last_error)
         .join(Parcel, on=(Signoff.parcel == Parcel.id))
         .switch(Signoff).join(Outbox, on=(Outbox.key == Signoff.outbox_key))
         .where((Signoff.clerk == staff_id) & (Signoff.status == Signoff.ACTIVE)
                & (Outbox.status == Outbox.REJECTED)))
    return [OpenItem("signoff", str(sid), _("签收被总部拒收：{waybill}（{reason}），修正后重新上传").format(
                waybill=wb, reason=(why or "")[:40]))
            for sid, wb, why in q.tuples()]


# -- demo -------------------------------------------------------------------------------------
