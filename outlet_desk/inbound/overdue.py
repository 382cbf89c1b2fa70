"""Parcels past their storage period (到期/滞留件): the morning list, bucketed by days.

Rules (settings, section "stock"): ``storage.days`` is the pickup deadline counted from the arrival
day; a parcel appears in the list from day ``storage.remind_day`` (default 3) and is due for return
from day ``storage.return_day`` (default 7).  Days are calendar days at the outlet (arrived
yesterday = 1).

Buckets, by default ``3–4 天``, ``5–6 天``, ``7 天以上``: from the reminder day to the return day split
in two, then everything from the return day on.

An extension (:func:`extend`) stores a new deadline in :class:`StorageExtension` and writes an
EXTENDED parcel event.  The buckets then count the parcel's days as if it had arrived that much
later: an extension of N days moves the parcel N days back through the buckets (out of the list
until it is again ``remind_day`` days "old").
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from .. import duty_events, settings
from ..db import write_tx
from ..errors import NotFound, ValidationError
from ..i18n import N_, _
from ..models import Parcel, ParcelEvent
from ..models.duty import DutyEvent
from ..models.overdue import StorageExtension
from ..models.returns import ReturnRecord
from ..permissions import Actor, operation
from ..privacy import mask_name, mask_phone
from . import returns

REMINDER_DETAIL = "再次提醒"  # zh-data: stored event detail


@dataclass(frozen=True)
class Bucket:
    label: str
    low: int
    high: int | None        # inclusive; None = open-ended

    def holds(self, days: int) -> bool:
        return days >= self.low and (self.high is None or days <= self.high)


@dataclass(frozen=True)
class OverdueRow:
    parcel_id: int
    waybill: str
    carrier: str
    pickup_code: str
    name_masked: str
    phone_masked: str
    arrived_at: dt.datetime
    days: int                 # calendar days at the outlet
    effective_days: int       # days after extensions: what the bucket uses
    bucket: str
    deadline: dt.date
    extended: bool
    reminders: int
    last_reminded: dt.datetime | None
    due_for_return: bool


def rules() -> tuple[int, int, int]:
    v = settings.get_many(["storage.days", "storage.remind_day", "storage.return_day"])
    return int(v["storage.days"]), int(v["storage.remind_day"]), int(v["storage.return_day"])


def _span(low: int, high: int) -> Bucket:
    label = (_("{low} 天").format(low=low) if low == high
             else _("{low}–{high} 天").format(low=low, high=high))
    return Bucket(label, low, high)


def buckets(rule_values: tuple[int, int, int] | None = None) -> list[Bucket]:
    _days, remind, ret = rule_values or rules()
    ret = max(ret, remind)
    out: list[Bucket] = []
    span = ret - remind
    if span >= 2:
        mid = remind + (span + 1) // 2
        out.append(_span(remind, mid - 1))
        out.append(_span(mid, ret - 1))
    elif span == 1:
        out.append(_span(remind, remind))
    out.append(Bucket(_("{days} 天以上").format(days=ret), ret, None))
    return out


def _bucket_of(days: int, bs: list[Bucket]) -> str:
    for b in bs:
        if b.holds(days):
            return b.label
    return ""


def overdue_list(*, now: dt.datetime, bucket: str | None = None) -> list[OverdueRow]:
    """Self-pickup parcels in stock at or past the reminder day, most overdue first.  Three
    queries whatever the size."""
    values = rules()
    storage_days, remind, ret = values
    today = now.date()
    bs = buckets(values)
    cutoff = dt.datetime.combine(today - dt.timedelta(days=remind - 1), dt.time())
    parcels = list(Parcel.select(Parcel.id, Parcel.waybill, Parcel.carrier, Parcel.pickup_code,
                                 Parcel.recipient_name, Parcel.recipient_phone, Parcel.arrived_at)
                   .where((Parcel.status == Parcel.IN_STOCK) & (Parcel.category == Parcel.PICKUP)
                          & (~Parcel.problem) & (Parcel.arrived_at < cutoff))
                   .order_by(Parcel.arrived_at, Parcel.id).tuples())
    ids = [p[0] for p in parcels]
    ext: dict[int, dt.date] = {}
    reminded: dict[int, tuple[int, dt.datetime]] = {}
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        for pid, until in (StorageExtension.select(StorageExtension.parcel, fn.MAX(StorageExtension.until))
                           .where(StorageExtension.parcel.in_(chunk))
                           .group_by(StorageExtension.parcel).tuples()):
            ext[pid] = until if isinstance(until, dt.date) else dt.date.fromisoformat(str(until))
        for pid, count, last in (ParcelEvent.select(ParcelEvent.parcel, fn.COUNT(ParcelEvent.id),
                                                    fn.MAX(ParcelEvent.at))
                                 .where(ParcelEvent.parcel.in_(chunk)
                                        & (ParcelEvent.kind == ParcelEvent.NOTIFIED))
                                 .group_by(ParcelEvent.parcel).tuples()):
            if isinstance(last, str):
                last = dt.datetime.fromisoformat(last)
            reminded[pid] = (count, last)
    out = []
    for pid, wb, carrier, code, name, phone, arrived in parcels:
        days = (today - arrived.date()).days
        deadline = arrived.date() + dt.timedelta(days=storage_days)
        shift = 0
        if pid in ext and ext[pid] > deadline:
            shift = (ext[pid] - deadline).days
            deadline = ext[pid]
        eff = days - shift
        if eff < remind:
            continue
        label = _bucket_of(eff, bs)
        if bucket and label != bucket:
            continue
        count, last = reminded.get(pid, (0, None))
        out.append(OverdueRow(pid, wb, carrier, code or "", mask_name(name), mask_phone(phone),
                              arrived, days, eff, label, deadline, pid in ext, count, last,
                              eff >= ret))
    out.sort(key=lambda r: (-r.effective_days, r.arrived_at, r.parcel_id))
    return out


def bucket_counts(*, now: dt.datetime) -> dict[str, int]:
    counts = {b.label: 0 for b in buckets()}
    for r in overdue_list(now=now):
        counts[r.bucket] = counts.get(r.bucket, 0) + 1
    return counts


def _in_stock(parcel_ids) -> list[Parcel]:
    ids = list(dict.fromkeys(parcel_ids))
    if not ids:
        raise ValidationError(_("请先选择包裹。"))
    found = list(Parcel.select().where(Parcel.id.in_(ids)))
    if len(found) != len(ids):
        raise NotFound(_("有包裹不在系统里。"))
    for p in found:
        if p.status != Parcel.IN_STOCK:
            raise ValidationError(_("{waybill} 已不在库存中。").format(waybill=p.waybill))
    return found


@operation("overdue.remind", N_("到期件再次提醒"))
def remind_again(parcel_ids, note: str = "", *, actor: Actor, now: dt.datetime) -> int:
    """Record that the customer was reminded again (phone or message)."""
    with write_tx():
        found = _in_stock(parcel_ids)
        for p in found:
            ParcelEvent.create(parcel=p, at=now, kind=ParcelEvent.NOTIFIED, staff=actor.id,
                               detail=f"{REMINDER_DETAIL} {(note or '').strip()}".strip())
    return len(found)


@operation("overdue.extend", N_("到期件延期"))
def extend(parcel_ids, days: int, note: str = "", *, actor: Actor, now: dt.datetime) -> dt.date:
    """Extend the pickup deadline by ``days`` (from the current deadline, or today if past)."""
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise ValidationError(_("延期天数必须是整数。")) from None
    if not 1 <= days <= 30:
        raise ValidationError(_("延期天数应在 1 到 30 天之间。"))
    storage_days, _remind, _ret = rules()
    today = now.date()
    last_until = None
    with write_tx():
        for p in _in_stock(parcel_ids):
            current = p.arrived_at.date() + dt.timedelta(days=storage_days)
            prior = (StorageExtension.select(fn.MAX(StorageExtension.until))
                     .where(StorageExtension.parcel == p.id).scalar())
            if prior:
                prior = prior if isinstance(prior, dt.date) else dt.date.fromisoformat(str(prior))
                current = max(current, prior)
            until = max(current, today) + dt.timedelta(days=days)
            StorageExtension.create(parcel=p, until=until, note=(note or "").strip(), at=now,
                                    by=actor.id)
            ParcelEvent.create(parcel=p, at=now, kind=ParcelEvent.EXTENDED, staff=actor.id,
                               detail=f"延期至 {until:%Y-%m-%d} {(note or '').strip()}".strip())  # zh-data
            last_until = until
    return last_until


@operation("overdue.return", N_("到期件转退件"))
def send_to_return(parcel_id: int, note: str = "", *, actor: Actor, now: dt.datetime,
                   sender_name: str = "", sender_phone: str = "", home=None):
    """Start a return (reason 超期未取) from the overdue list."""
    with write_tx():
        parcel = _in_stock([parcel_id])[0]
        rec = returns.start_in_tx(parcel, kind=ReturnRecord.RETURN, reason="超期未取",  # zh-data: stored
                                  note=note or "超过保管期未取", source="overdue",
                                  sender_name=sender_name, sender_phone=sender_phone,
                                  actor=actor, now=now)
    return returns.get_return(rec.id, home)


@operation("overdue.review", N_("查看到期件"))
def mark_reviewed(*, actor: Actor, now: dt.datetime) -> bool:
    """The morning overdue list was looked at: ticks the duty (once per day)."""
    with write_tx():
        seen = DutyEvent.select().where((DutyEvent.day == now.date())
                                        & (DutyEvent.key == duty_events.OVERDUE_REVIEWED)).exists()
        if not seen:
            duty_events.observe(duty_events.OVERDUE_REVIEWED, actor=actor, now=now,
                                detail=f"到期 {len(overdue_list(now=now))} 件")  # zh-data: stored
    return not seen
