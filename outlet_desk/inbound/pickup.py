"""Release at the counter (取件出库, F3).

The customer gives a pickup code or the last four digits of their phone; the clerk may also scan
the waybill of a parcel in hand.  :func:`lookup` lists every parcel of that customer at the outlet
(indexed queries on ``(status, pickup_code)``, ``(phone_tail, status)`` and the unique waybill).

**Who the customer is** is proved only by two facts the customer gives (:func:`identify`): the
pickup code and the phone tail of that parcel's own recipient.  A waybill scan says which parcel is
in hand, never who is standing at the counter (anyone can pick a parcel up off a shelf).  A parcel
with no phone on record is confirmed by its code and the recipient's name.  代取 (proxy pickup)
needs the same two facts plus the collector's name.

Only the confirmed customer's releasable parcels may then go out in one action (:func:`release`):
status RELEASED, who/when, 本人 or 代收, a RELEASED event each, and the money taken against those
parcels (到付, holding fee) — all in one transaction, the facts checked again inside it.
Released parcels wait in the sign-off queue (``status = RELEASED`` and ``signed_at IS NULL``).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .. import audit, changes, money
from ..db import write_tx
from ..errors import DomainError, NotFound, ValidationError
from ..fen import format_yuan
from ..i18n import N_, _
from ..models import Parcel, ParcelEvent
from ..models.money import Payment
from ..permissions import Actor, operation
from ..privacy import mask_name, mask_phone
from ..scan import normalize_scan
from . import intake

SELF, PROXY = "本人", "代收"  # zh-data: signer types stored on the parcel

CODE, TAIL, WAYBILL, NAME = "code", "tail", "waybill", "name"
NOT_THIS_CUSTOMER = N_("这件不是该客户的包裹")    # shown as _(NOT_THIS_CUSTOMER)
_TAIL_RE = re.compile(r"^\d{4}$")
_CODE_RE = re.compile(r"^[0-9A-Z]{1,4}-\d{1,2}-\d{3,4}(-\d{1,2}|[A-Z])?$")


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
    verified: bool             # True only from identify(): the customer gave both facts
    needs: str                 # what to ask for next: "tail" | "code" | "name" | ""
    scanned_id: int | None = None   # the parcel whose waybill was scanned (lookup by waybill)
    second: str = TAIL              # the fact besides the code: "tail", or "name" with no phone

    def missing(self, facts: dict) -> str:
        """The next fact to ask the customer for, given those already given ('' when complete)."""
        if self.verified:
            return ""
        if not facts.get(self.second):
            return self.second
        return "" if facts.get(CODE) else CODE

    @property
    def rows(self) -> tuple[PickupRow, ...]:
        return tuple(p for c in self.customers for p in c.parcels)

    def prompt(self) -> str:
        if self.verified:
            return ""
        prompt = {TAIL: N_("请核对手机尾号"), CODE: N_("请报取件码"),
                  NAME: N_("没有登记电话：请核对收件人姓名")}.get(self.needs)
        return _(prompt) if prompt else ""

    def owns(self, parcel_id: int) -> bool:
        """Is this parcel one of the (confirmed) customer's?"""
        return any(r.id == parcel_id for r in self.rows)


def blocked_reason(p) -> str:
    """Why this parcel cannot go out now ('' if it can)."""
    if p.status == Parcel.RETURNING:
        return _("退件中，不能取件")
    if p.status == Parcel.FORWARDING:
        return _("转件中，不能取件")
    if p.status != Parcel.IN_STOCK:
        return _("不在库")
    if p.problem:
        return _("问题件未处理，不能取件")
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
        raise ValidationError(_("请输入取件码、手机尾号或扫描运单。"))
    kind = classify(query)
    if kind == TAIL:
        parcels = list(Parcel.select(*_FIELDS)
                       .where((Parcel.phone_tail == query) & Parcel.status.in_(Parcel.AT_OUTLET))
                       .order_by(Parcel.recipient_phone, Parcel.arrived_at, Parcel.id))
        if not parcels:
            raise NotFound(_("尾号 {tail} 没有在店的包裹。").format(tail=query))
        return Lookup(query, kind, _customers(parcels), False, CODE)
    if kind == CODE:
        anchor = _at_outlet_by_code(query)
        if anchor is None:
            raise NotFound(_("没有取件码 {code} 的在店包裹（已取走或码不对）。").format(code=query))
        # no phone on record (no manifest line): the code and the recipient's name
        needs = TAIL if anchor.phone_tail else NAME
        return Lookup(query, kind, _customers(_customer_parcels(anchor)), False, needs,
                      second=needs)
    anchor = parcel_by_waybill(query)
    # the parcel in hand, not the customer: ask for the phone tail (or name), then the code
    second = TAIL if anchor.phone_tail else NAME
    return Lookup(query, kind, _customers([anchor]), False, second, anchor.id, second)


def parcel_by_waybill(waybill: str):
    """The parcel at the outlet with this waybill, or the reason it cannot be handed out."""
    query = normalize_scan(waybill)
    anchor = Parcel.select(*_FIELDS).where(Parcel.waybill == query).first()
    if anchor is None:
        raise NotFound(_("没有运单 {waybill}：不是本店的包裹，或还没到件入库。").format(waybill=query))
    if anchor.status not in Parcel.AT_OUTLET:
        raise DomainError(_("运单 {waybill} 已不在店（{status}）。").format(
            waybill=query, status=_status_label(anchor.status)))
    return anchor


def check_scan(confirmed: Lookup, waybill: str) -> PickupRow:
    """A waybill scanned while a customer is confirmed: that customer's parcel, or refused with
    "这件不是该客户的包裹" (the confirmation stays as it was)."""
    anchor = parcel_by_waybill(waybill)
    for r in confirmed.rows:
        if r.id == anchor.id:
            return r
    raise DomainError(_(NOT_THIS_CUSTOMER))


def identify(*, code: str | None = None, tail: str | None = None,
             name: str | None = None) -> Lookup:
    """Check the customer's two facts and return their parcels, or raise with the reason.

    The facts are the pickup code and the phone tail of that parcel's own recipient (for a parcel
    with no phone on record: the code and the recipient's name).  A waybill is not a fact about
    the customer and is not accepted here."""
    code = normalize_scan(code or "")
    tail = normalize_scan(tail or "")
    name = (name or "").strip()
    if not code or not (tail or name):
        raise ValidationError(_("取件需要客户报两项信息：取件码和手机尾号（扫描运单只能找到包裹）。"))
    anchor = _at_outlet_by_code(code)
    if anchor is None:
        raise NotFound(_("没有取件码 {code} 的在店包裹（已取走或码不对）。").format(code=code))
    if anchor.phone_tail:
        if not tail:
            raise ValidationError(_("请核对手机尾号。"))
        if not _TAIL_RE.match(tail):
            raise ValidationError(_("手机尾号是 4 位数字。"))
        if anchor.phone_tail != tail:
            raise DomainError(_("手机尾号与取件码不符，不能取件。"))
    else:
        if not anchor.recipient_name:
            raise DomainError(_("这个包裹没有登记电话和姓名，无法核对客户：请登记问题件，由店长处理。"))
        if not name:
            raise ValidationError(_("这个包裹没有登记电话：请核对收件人姓名。"))
        if name != anchor.recipient_name.strip():
            raise DomainError(_("收件人姓名与取件码不符，不能取件。"))
    return Lookup(code, CODE, _customers(_customer_parcels(anchor)), True, "",
                  second=TAIL if anchor.phone_tail else NAME)


def _status_label(status: str) -> str:
    label = {Parcel.RELEASED: N_("已取件"), Parcel.OUT_FOR_DELIVERY: N_("派送中"),
             Parcel.DELIVERED: N_("已派送"), Parcel.RETURNED: N_("已退回"), Parcel.FORWARDED: N_("已转出"),
             Parcel.RETURNING: N_("退件中"), Parcel.FORWARDING: N_("转件中")}.get(status)
    return _(label) if label else status


@dataclass(frozen=True)
class ReleaseResult:
    parcel_ids: tuple[int, ...]
    waybills: tuple[str, ...]
    signer_type: str
    collector_name: str
    cod_fen: int
    payment_method: str

    def message(self) -> str:
        n, who = len(self.parcel_ids), self.collector_name
        if self.cod_fen:
            cod, method = format_yuan(self.cod_fen), self.payment_method
            if self.signer_type == PROXY:
                return _("已出库 {n} 件，代取人：{who}，收到付 {cod} 元（{method}）。").format(
                    n=n, who=who, cod=cod, method=method)
            return _("已出库 {n} 件，收到付 {cod} 元（{method}）。").format(n=n, cod=cod, method=method)
        if self.signer_type == PROXY:
            return _("已出库 {n} 件，代取人：{who}。").format(n=n, who=who)
        return _("已出库 {n} 件。").format(n=n)


@operation("pickup.release", N_("取件出库"))
def release(parcel_ids, *, code: str | None = None, tail: str | None = None,
            name: str | None = None, proxy: bool = False, proxy_name: str | None = None,
            payment_method: str | None = None, holding_fees: dict | None = None,
            actor: Actor, now: dt.datetime) -> ReleaseResult:
    """Hand these parcels to the customer confirmed by the two facts given.  All or nothing.

    ``proxy`` (代取): someone else collects with the customer's two facts; their name is required
    and recorded.  ``holding_fees`` ({parcel id: fen}): a storage fee taken with the release, only
    for parcels going out in it (money is taken only against the confirmed customer's parcels)."""
    ids = sorted({int(i) for i in parcel_ids})
    if not ids:
        raise ValidationError(_("请选择要出库的包裹。"))
    proxy_name = (proxy_name or "").strip()
    if proxy and not proxy_name:
        raise ValidationError(_("代取：请填写取件人姓名。"))
    signer = PROXY if proxy_name else SELF
    fees = {int(k): v for k, v in (holding_fees or {}).items() if v}
    for pid, fen in fees.items():
        if pid not in ids:
            raise DomainError(_("保管费只能向本次出库的包裹收取。"))
        if not isinstance(fen, int) or fen < 0:
            raise ValidationError(_("保管费必须是不小于 0 的整数（分）。"))
    with write_tx():
        who = identify(code=code, tail=tail, name=name)
        allowed = {p.id: p for c in who.customers for p in c.parcels}
        parcels = list(Parcel.select().where(Parcel.id.in_(ids)).order_by(Parcel.id))
        for p in parcels:
            if p.id not in allowed:
                raise DomainError(_("{waybill}：这件不是该客户的包裹，不能一起出库。").format(waybill=p.waybill))
            reason = blocked_reason(p)
            if reason:
                raise DomainError(_("{waybill}：{reason}。").format(waybill=p.waybill, reason=reason))
        if len(parcels) != len(ids):
            raise NotFound(_("有包裹已不在系统里，请重新查询。"))
        cod_total = sum(p.cod_fen or 0 for p in parcels)
        fee_total = sum(fees.values())
        method = ""
        if cod_total or fee_total:
            method = (payment_method or "").strip()
            if method not in Payment.COD_METHODS:
                raise ValidationError(_("要收 {amount} 元：请选择收款方式（{methods}）。").format(
                    amount=format_yuan(cod_total + fee_total), methods=_("、").join(Payment.COD_METHODS)))
        for p in parcels:
            if p.cod_fen:
                money.record_payment(Payment.COD, method, int(p.cod_fen), ref=p.waybill,
                                     actor=actor, now=now)
            if fees.get(p.id):
                money.record_payment(Payment.HOLDING_FEE, method, fees[p.id], ref=p.waybill,
                                     actor=actor, now=now)
        n = (Parcel.update(status=Parcel.RELEASED, released_at=now, released_by=actor.id,
                           signer_type=signer, collector_name=proxy_name or None, updated_at=now)
             .where(Parcel.id.in_(ids) & (Parcel.status == Parcel.IN_STOCK)
                    & (Parcel.problem == False))  # noqa: E712
             .execute())
        if n != len(ids):   # someone else changed one meanwhile
            raise DomainError(_("有包裹刚被改动，请重新查询后再出库。"))
        for p in parcels:
            detail = f"{signer} {proxy_name}".strip()
            if p.cod_fen:
                detail += f" 到付{format_yuan(p.cod_fen)}元 {method}"  # zh-data: stored event
            ParcelEvent.create(parcel=p, at=now, kind=ParcelEvent.RELEASED, staff=actor.id,
                               detail=detail)
        # The pickup code is free again (codes are unique only among parcels at the outlet).
        for p in parcels:
            intake.release_code(p.id)
        audit.record(actor, "pickup.release", entity="parcel", entity_id=",".join(str(i) for i in ids),
                     detail={"waybills": [p.waybill for p in parcels], "signer": signer,
                             "collector": proxy_name, "by": "code+name" if name and not tail
                             else "code+tail", "cod_fen": cod_total, "holding_fen": fee_total,
                             "method": method}, now=now)
    return ReleaseResult(tuple(ids), tuple(p.waybill for p in parcels), signer, proxy_name,
                         cod_total, method)


CHANGES = frozenset({changes.PARCELS, changes.STOCK, changes.CASH, changes.SIGNOFF})
