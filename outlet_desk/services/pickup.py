"""Release at the counter (取件出库, F3).

The customer gives a pickup code, the last four digits of their phone, or shows a waybill to scan.
:func:`lookup` lists every parcel of that customer at the outlet (indexed queries on
``(status, pickup_code)``, ``(phone_tail, status)`` and the unique waybill).

Release needs two matching facts — pickup code + phone tail — or a waybill scan (:func:`identify`).
The facts identify a customer (a phone number); any of that customer's releasable parcels may then
go out in one action (:func:`release`): status RELEASED, who/when, 本人 or 代收 (with the
collector's name), a RELEASED event each, and the 到付 amount collected — all in one transaction.
Released parcels wait in the sign-off queue (``status = RELEASED`` and ``signed_at IS NULL``).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .. import audit, changes
from ..db import write_tx
from ..errors import DomainError, NotFound, ValidationError
from ..fen import format_yuan
from ..models import Parcel, ParcelEvent
from ..models.money import Payment
from ..permissions import Actor, operation
from ..privacy import mask_name, mask_phone
from ..scan import normalize_scan
from . import money

SELF, PROXY = "本人", "代收"

CODE, TAIL, WAYBILL = "code", "tail", "waybill"
_TAIL_RE = re.compile(r"^\d{4}$")
_CODE_RE = re.compile(r"^[0-9A-Z]{1,4}-\d{1,2}-\d{3,4}(-\d{1,2}|[A-Z])?$")


def intake_hook(name: str):
    """A function of the intake capability (``services/intake.py``: ``release_code``,
    ``assign_code``), or None where intake is not installed.  Pickup codes are intake's rule."""
    try:
        from . import intake
    except ImportError:
        return None
    return getattr(intake, name, None)


def classify(text: str) -> str:
    """What the customer gave: a pickup code (3-2-0366), a phone tail (0366) or a waybill."""
    if _TAIL_RE.match(text):
        return TAIL
    if "-" in text and _CODE_RE.match(text):
        return CODE
    if "-" in text:
        return CODE          # looks like a code, even if malformed: say so, not "no waybill"
    return WAYBILL


@dataclass(frozen=True)
class PickupRow:
    id: int
    waybill: str
    carrier: str
    code: str
    shelf: str
    level: int | None
    name_masked: str
    phone_masked: str
    arrived_at: dt.datetime
    status: str
    cod_fen: int
    blocked: str               # '' when it may be released, else the one-line reason

    @property
    def releasable(self) -> bool:
        return not self.blocked


@dataclass(frozen=True)
class Customer:
    key: str                   # opaque: identifies the customer between lookup and release
    name_masked: str
    phone_masked: str
    parcels: tuple[PickupRow, ...]

    @property
    def cod_due_fen(self) -> int:
        return sum(p.cod_fen for p in self.parcels if p.releasable)


@dataclass(frozen=True)
class Lookup:
    query: str
    kind: str                  # code | tail | waybill
    customers: tuple[Customer, ...]
    verified: bool             # a waybill scan identifies the customer by itself
    needs: str                 # what to ask for next: "tail" | "code" | ""

    @property
    def rows(self) -> tuple[PickupRow, ...]:
        return tuple(p for c in self.customers for p in c.parcels)

    def prompt(self) -> str:
        if self.verified:
            return ""
        return {TAIL: "请核对手机尾号", CODE: "请报取件码",
                WAYBILL: "没有登记电话：请扫描运单"}.get(self.needs, "")


def blocked_reason(p) -> str:
    """Why this parcel cannot go out now ('' if it can)."""
    if p.status == Parcel.RETURNING:
        return "退件中，不能取件"
    if p.status == Parcel.FORWARDING:
        return "转件中，不能取件"
    if p.status != Parcel.IN_STOCK:
        return "不在库"
    if p.problem:
        return "问题件未处理，不能取件"
    return ""


_FIELDS = (Parcel.id, Parcel.waybill, Parcel.carrier, Parcel.pickup_code, Parcel.shelf,
           Parcel.level, Parcel.recipient_name, Parcel.recipient_phone, Parcel.arrived_at,
           Parcel.status, Parcel.cod_fen, Parcel.problem, Parcel.phone_tail)


def _row(p) -> PickupRow:
    return PickupRow(p.id, p.waybill, p.carrier, p.pickup_code or "", p.shelf or "", p.level,
                     mask_name(p.recipient_name), mask_phone(p.recipient_phone), p.arrived_at,
                     p.status, p.cod_fen or 0, blocked_reason(p))


def _key(p) -> str:
    return f"p:{p.recipient_phone}" if p.recipient_phone else f"w:{p.waybill}"


def _customer_parcels(anchor) -> list:
    """All parcels at the outlet for the anchor's customer (same phone), anchor first."""
    if not anchor.recipient_phone:
        return [anchor]
    rows = list(Parcel.select(*_FIELDS)
                .where((Parcel.phone_tail == anchor.phone_tail)
                       & Parcel.status.in_(Parcel.AT_OUTLET)
                       & (Parcel.recipient_phone == anchor.recipient_phone))
                .order_by(Parcel.arrived_at, Parcel.id))
    if not any(r.id == anchor.id for r in rows):
        rows.insert(0, anchor)
    return rows


def _customers(parcels) -> tuple[Customer, ...]:
    groups: dict[str, list] = {}
    for p in parcels:
        groups.setdefault(_key(p), []).append(p)
    out = []
    for key, items in groups.items():
        first = items[0]
        out.append(Customer(key, mask_name(first.recipient_name), mask_phone(first.recipient_phone),
                            tuple(_row(p) for p in items)))
    return tuple(out)


def _at_outlet_by_code(code: str):
    return (Parcel.select(*_FIELDS)
            .where(Parcel.status.in_(Parcel.AT_OUTLET) & (Parcel.pickup_code == code))
            .order_by(Parcel.id.desc()).first())


def lookup(text: str) -> Lookup:
    """What the clerk typed or scanned → that customer's parcels at the outlet.  Reads only."""
    query = normalize_scan(text)
    if not query:
        raise ValidationError("请输入取件码、手机尾号或扫描运单。")
    kind = classify(query)
    if kind == TAIL:
        parcels = list(Parcel.select(*_FIELDS)
                       .where((Parcel.phone_tail == query) & Parcel.status.in_(Parcel.AT_OUTLET))
                       .order_by(Parcel.recipient_phone, Parcel.arrived_at, Parcel.id))
        if not parcels:
            raise NotFound(f"尾号 {query} 没有在店的包裹。")
        return Lookup(query, kind, _customers(parcels), False, CODE)
    if kind == CODE:
        anchor = _at_outlet_by_code(query)
        if anchor is None:
            raise NotFound(f"没有取件码 {query} 的在店包裹（已取走或码不对）。")
        # no phone on record (no manifest line): only the waybill scan can confirm
        needs = TAIL if anchor.phone_tail else WAYBILL
        return Lookup(query, kind, _customers(_customer_parcels(anchor)), False, needs)
    anchor = Parcel.select(*_FIELDS).where(Parcel.waybill == query).first()
    if anchor is None:
        raise NotFound(f"没有运单 {query}：不是本店的包裹，或还没到件入库。")
    if anchor.status not in Parcel.AT_OUTLET:
        raise DomainError(f"运单 {query} 已不在店（{_status_label(anchor.status)}）。")
    return Lookup(query, kind, _customers(_customer_parcels(anchor)), True, "")


def identify(*, code: str | None = None, tail: str | None = None,
             waybill: str | None = None) -> Lookup:
    """Check the two facts and return the verified customer's parcels, or raise with the reason."""
    if waybill:
        found = lookup(waybill)
        if found.kind != WAYBILL:
            raise ValidationError("请扫描运单条码。")
        return found
    code = normalize_scan(code or "")
    tail = normalize_scan(tail or "")
    if not code or not tail:
        raise ValidationError("取件需要两项信息：取件码和手机尾号，或扫描运单。")
    if not _TAIL_RE.match(tail):
        raise ValidationError("手机尾号是 4 位数字。")
    anchor = _at_outlet_by_code(code)
    if anchor is None:
        raise NotFound(f"没有取件码 {code} 的在店包裹（已取走或码不对）。")
    if not anchor.phone_tail:
        raise DomainError("这个包裹没有登记电话，不能用尾号核对：请扫描运单。")
    if anchor.phone_tail != tail:
        raise DomainError("手机尾号与取件码不符，不能取件。")
    return Lookup(code, CODE, _customers(_customer_parcels(anchor)), True, "")


def _status_label(status: str) -> str:
    return {Parcel.RELEASED: "已取件", Parcel.OUT_FOR_DELIVERY: "派送中",
            Parcel.DELIVERED: "已派送", Parcel.RETURNED: "已退回", Parcel.FORWARDED: "已转出",
            Parcel.RETURNING: "退件中", Parcel.FORWARDING: "转件中"}.get(status, status)


@dataclass(frozen=True)
class ReleaseResult:
    parcel_ids: tuple[int, ...]
    waybills: tuple[str, ...]
    signer_type: str
    collector_name: str
    cod_fen: int
    payment_method: str

    def message(self) -> str:
        who = f"，代取人：{self.collector_name}" if self.signer_type == PROXY else ""
        cod = (f"，收到付 {format_yuan(self.cod_fen)} 元（{self.payment_method}）"
               if self.cod_fen else "")
        return f"已出库 {len(self.parcel_ids)} 件{who}{cod}。"


@operation("pickup.release", "取件出库")
def release(parcel_ids, *, code: str | None = None, tail: str | None = None,
            waybill: str | None = None, proxy: bool = False, proxy_name: str | None = None,
            payment_method: str | None = None, actor: Actor, now: dt.datetime) -> ReleaseResult:
    """Hand these parcels to the customer identified by the facts given.  All or nothing.

    ``proxy`` (代取): someone else collects; their name is required and recorded."""
    ids = sorted({int(i) for i in parcel_ids})
    if not ids:
        raise ValidationError("请选择要出库的包裹。")
    proxy_name = (proxy_name or "").strip()
    if proxy and not proxy_name:
        raise ValidationError("代取：请填写取件人姓名。")
    signer = PROXY if proxy_name else SELF
    with write_tx():
        who = identify(code=code, tail=tail, waybill=waybill)
        allowed = {p.id: p for c in who.customers for p in c.parcels}
        parcels = list(Parcel.select().where(Parcel.id.in_(ids)).order_by(Parcel.id))
        for p in parcels:
            if p.id not in allowed:
                raise DomainError(f"{p.waybill} 不是这位客户的包裹，不能一起出库。")
            reason = blocked_reason(p)
            if reason:
                raise DomainError(f"{p.waybill}：{reason}。")
        if len(parcels) != len(ids):
            raise NotFound("有包裹已不在系统里，请重新查询。")
        cod_total = sum(p.cod_fen or 0 for p in parcels)
        method = ""
        if cod_total:
            method = (payment_method or "").strip()
            if method not in Payment.COD_METHODS:
                raise ValidationError(
                    f"有到付 {format_yuan(cod_total)} 元：请选择收款方式（{'、'.join(Payment.COD_METHODS)}）。")
        for p in parcels:
            if p.cod_fen:
                money.record_payment(Payment.COD, method, int(p.cod_fen), ref=p.waybill,
                                     actor=actor, now=now)
        n = (Parcel.update(status=Parcel.RELEASED, released_at=now, released_by=actor.id,
                           signer_type=signer, collector_name=proxy_name or None, updated_at=now)
             .where(Parcel.id.in_(ids) & (Parcel.status == Parcel.IN_STOCK)
                    & (Parcel.problem == False))  # noqa: E712
             .execute())
        if n != len(ids):   # someone else changed one meanwhile
            raise DomainError("有包裹刚被改动，请重新查询后再出库。")
        for p in parcels:
            detail = f"{signer} {proxy_name}".strip()
            if p.cod_fen:
                detail += f" 到付{format_yuan(p.cod_fen)}元 {method}"
            ParcelEvent.create(parcel=p, at=now, kind=ParcelEvent.RELEASED, staff=actor.id,
                               detail=detail)
        # The pickup code is free again (codes are unique only among parcels at the outlet).
        free = intake_hook("release_code")
        if free is not None:
            for p in parcels:
                free(p.id)
        audit.record(actor, "pickup.release", entity="parcel", entity_id=",".join(str(i) for i in ids),
                     detail={"waybills": [p.waybill for p in parcels], "signer": signer,
                             "collector": proxy_name, "by": who.kind, "cod_fen": cod_total,
                             "method": method}, now=now)
    return ReleaseResult(tuple(ids), tuple(p.waybill for p in parcels), signer, proxy_name,
                         cod_total, method)


@dataclass(frozen=True)
class ReleasedRow:
    id: int
    waybill: str
    code: str
    released_at: dt.datetime
    signer_type: str
    collector_name: str


def released_today(now: dt.datetime, limit: int = 200) -> list[ReleasedRow]:
    start = dt.datetime.combine(now.date(), dt.time())
    q = (Parcel.select(Parcel.id, Parcel.waybill, Parcel.pickup_code, Parcel.released_at,
                       Parcel.signer_type, Parcel.collector_name)
         .where((Parcel.status == Parcel.RELEASED) & (Parcel.released_at >= start))
         .order_by(Parcel.released_at.desc()).limit(limit).tuples())
    return [ReleasedRow(i, w, c or "", r, s or "", n or "") for i, w, c, r, s, n in q]


CHANGES = frozenset({changes.PARCELS, changes.STOCK, changes.CASH, changes.SIGNOFF})
