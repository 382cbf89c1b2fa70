"""Delivery out by courier (派件) and the courier's report of delivered parcels (妥投).

Scan-out hands an in-stock parcel to a courier (OUT_FOR_DELIVERY); the report marks parcels
DELIVERED, which puts them in the sign-off queue (``outlet_desk/signoff/signoff.py``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import audit, changes, settings
from ..db import write_tx
from ..errors import DomainError, NotFound, ValidationError
from ..i18n import N_, _, inline
from ..models import Parcel, ParcelEvent
from ..models.signoff import Delivery
from ..permissions import ANY_STAFF, Actor, operation
from ..privacy import mask_phone
from ..scan import normalize_scan
from ..settings import SettingSpec

SETTINGS = [
    SettingSpec("delivery.couriers", ["刘强", "陈军", "赵磊"],  # zh-data: the demo outlet's couriers
                "Couriers (delivery)", N_("派件员"), kind="list", section="signoff",
                help_zh=N_("扫派件时可选的派件员名字。"),
                help="Names offered when scanning parcels out for delivery."),
]

CHUNK = 400


def couriers() -> list[str]:
    """The configured couriers plus any name already used on a parcel."""
    names = list(settings.get("delivery.couriers"))
    for (name,) in (Parcel.select(Parcel.courier).where(Parcel.courier.is_null(False))
                    .distinct().tuples()):
        if name and name not in names:
            names.append(name)
    return names


@dataclass(frozen=True)
class OutRow:
    parcel_id: int
    waybill: str
    carrier: str
    category: str
    courier: str | None
    route: str | None
    recipient: str
    phone: str
    out_at: dt.datetime | None


@dataclass(frozen=True)
class ScanOutResult:
    waybill: str
    courier: str
    changes: frozenset


@dataclass(frozen=True)
class ReportResult:
    count: int
    waybills: tuple
    changes: frozenset


def _find(waybill: str) -> Parcel:
    code = normalize_scan(waybill)
    if not code:
        raise ValidationError(_("请扫描运单号。"))
    parcel = Parcel.get_or_none(Parcel.waybill == code)
    if parcel is None:
        raise NotFound(_("运单 {waybill} 不在本网点。").format(waybill=code))
    return parcel


@operation("delivery.scan_out", N_("扫派件"), ANY_STAFF)
def scan_out(waybill: str, courier: str, *, route: str | None = None, actor: Actor,
             now: dt.datetime) -> ScanOutResult:
    """Hand one parcel to a courier: status OUT_FOR_DELIVERY, event OUT_FOR_DELIVERY."""
    courier = (courier or "").strip()
    if not courier:
        raise ValidationError(_("请先选择派件员。"))
    with write_tx():
        parcel = _find(waybill)
        if parcel.status == Parcel.OUT_FOR_DELIVERY:
            raise DomainError((_("运单 {waybill} 已由 {courier} 派出。") if parcel.courier
                               else _("运单 {waybill} 已由 派件员 派出。")).format(
                waybill=parcel.waybill, courier=parcel.courier))
        if parcel.status != Parcel.IN_STOCK:
            raise DomainError(_("运单 {waybill} 不在库（当前状态：{status}），不能派件。").format(
                waybill=parcel.waybill, status=inline(status_label(parcel.status))))
        if parcel.problem:
            raise DomainError(_("运单 {waybill} 是问题件，先处理问题再派件。").format(waybill=parcel.waybill))
        route = (route or "").strip() or parcel.route
        Parcel.update(status=Parcel.OUT_FOR_DELIVERY, courier=courier, route=route, updated_at=now) \
            .where(Parcel.id == parcel.id).execute()
        Delivery.create(parcel=parcel.id, courier=courier, route=route, out_at=now, out_by=actor.id)
        ParcelEvent.create(parcel=parcel.id, at=now, kind=ParcelEvent.OUT_FOR_DELIVERY,
                           staff=actor.id, detail=f"派件员 {courier}")  # zh-data
    return ScanOutResult(parcel.waybill, courier, frozenset({changes.PARCELS, changes.SIGNOFF}))


def out_for_delivery(courier: str | None = None, *, offset: int = 0, limit: int = 500) -> list[OutRow]:
    """Parcels out with couriers (one query), oldest first."""
    q = (Parcel.select(Parcel.id, Parcel.waybill, Parcel.carrier, Parcel.category, Parcel.courier,
                       Parcel.route, Parcel.recipient_name, Parcel.recipient_phone,
                       Parcel.updated_at)
         .where(Parcel.status == Parcel.OUT_FOR_DELIVERY))
    if courier:
        q = q.where(Parcel.courier == courier)
    q = q.order_by(Parcel.courier, Parcel.id).offset(offset).limit(limit)
    return [OutRow(pid, wb, carrier, cat, cour, route, name or "", mask_phone(phone), at)
            for pid, wb, carrier, cat, cour, route, name, phone, at in q.tuples()]


@operation("delivery.report", N_("登记妥投"), ANY_STAFF)
def report_delivered(*, waybills=(), parcel_ids=(), actor: Actor, now: dt.datetime) -> ReportResult:
    """A courier's report: these parcels were delivered.  All or nothing."""
    codes = [normalize_scan(w) for w in waybills if normalize_scan(w)]
    ids = [int(i) for i in parcel_ids]
    if not codes and not ids:
        raise ValidationError(_("请扫描或勾选已妥投的运单。"))
    with write_tx():
        found: dict[int, tuple] = {}
        for i in range(0, len(codes), CHUNK):
            for row in (Parcel.select(Parcel.id, Parcel.waybill, Parcel.status)
                        .where(Parcel.waybill.in_(codes[i:i + CHUNK])).tuples()):
                found[row[0]] = row
        missing = set(codes) - {r[1] for r in found.values()}
        if missing:
            raise NotFound(_("运单 {waybill} 不在本网点。").format(waybill=sorted(missing)[0]))
        for i in range(0, len(ids), CHUNK):
            for row in (Parcel.select(Parcel.id, Parcel.waybill, Parcel.status)
                        .where(Parcel.id.in_(ids[i:i + CHUNK])).tuples()):
                found[row[0]] = row
        if set(ids) - set(found):
            raise NotFound(_("所选包裹已不存在，请刷新。"))
        wrong = [wb for _pid, wb, st in found.values() if st != Parcel.OUT_FOR_DELIVERY]
        if wrong:
            raise DomainError(_("运单 {waybill} 没有在派送中，不能登记妥投。").format(waybill=wrong[0]))
        pids = sorted(found)
        for i in range(0, len(pids), CHUNK):
            part = pids[i:i + CHUNK]
            Parcel.update(status=Parcel.DELIVERED, updated_at=now).where(Parcel.id.in_(part)).execute()
            Delivery.update(delivered_at=now, reported_by=actor.id) \
                .where(Delivery.parcel.in_(part) & Delivery.delivered_at.is_null()).execute()
            ParcelEvent.insert_many([{"parcel": pid, "at": now, "kind": ParcelEvent.DELIVERED,
                                      "staff": actor.id, "detail": "派件员报妥投"}  # zh-data
                                     for pid in part]).execute()
        audit.record(actor, "delivery.report", entity="parcel", entity_id=str(len(pids)),
                     detail={"waybills": [found[p][1] for p in pids]}, now=now)
    return ReportResult(len(pids), tuple(found[p][1] for p in pids),
                        frozenset({changes.PARCELS, changes.SIGNOFF}))


STATUS_LABELS = {
    Parcel.IN_STOCK: N_("在库"), Parcel.OUT_FOR_DELIVERY: N_("派送中"), Parcel.RELEASED: N_("已取件"),
    Parcel.DELIVERED: N_("已妥投"), Parcel.RETURNING: N_("退件中"), Parcel.FORWARDING: N_("转件中"),
    Parcel.RETURNED: N_("已退回"), Parcel.FORWARDED: N_("已转出"),
}


def status_label(status: str) -> str:
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else status
