"""Claims (理赔) for damaged and lost parcels: a checklist of materials, amount, claim number,
result and deadlines.

Photos are stored by the evidence store (exceptions capability, ``outlet_desk/evidence.py``); this
module only keeps the photo's hash.  :func:`store_photo` is the ONE adapter between the two.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import audit, changes, evidence, settings
from ..db import write_tx
from ..errors import DomainError, NotFound, ValidationError
from ..fen import format_yuan
from ..i18n import N_, _
from ..models.tickets import Claim, ClaimItem, Ticket, TicketEvent
from ..permissions import Actor, operation
from ..settings import SettingSpec

SETTINGS = [
    SettingSpec("claims.submit_days", 3, "Claim materials due after (days)", N_("理赔材料提交时限（天）"),
                kind="int", section="tickets", minimum=1, maximum=30),
    SettingSpec("claims.result_days", 15, "Carrier's claim answer expected within (days)",
                N_("理赔结果预计时限（天）"), kind="int", section="tickets", minimum=1, maximum=90),
]

#: checklist items: (key, label, is_photo); the labels are Chinese (N_): show them through _(…)
ITEMS = (
    ("value_proof", N_("价值证明"), False),
    ("purchase_record", N_("购买记录"), False),
    ("outer_photo", N_("外包装照片"), True),
    ("content_photo", N_("内物照片"), True),
)
ITEM_LABELS = {k: label for k, label, _photo in ITEMS}
PHOTO_ITEMS = {k for k, _label, photo in ITEMS if photo}
CLAIM_CATEGORIES = ("破损", "丢失")  # zh-data: ticket categories as stored
STATUS_LABELS = {Claim.OPEN: N_("准备材料"), Claim.SUBMITTED: N_("已提交"), Claim.PAID: N_("已赔付"),
                 Claim.REJECTED: N_("拒赔")}
CHANGES = frozenset({changes.TICKETS})


class ChecklistIncomplete(DomainError):
    pass


@dataclass(frozen=True)
class ClaimItemInfo:
    kind: str
    label: str
    is_photo: bool
    done: bool
    photo_hash: str | None
    note: str | None


@dataclass(frozen=True)
class ClaimInfo:
    id: int
    ticket_id: int
    status: str
    claim_number: str | None
    amount_fen: int
    paid_fen: int | None
    result: str | None
    opened_at: dt.datetime
    submit_due: dt.datetime
    submitted_at: dt.datetime | None
    result_due: dt.datetime | None
    items: tuple[ClaimItemInfo, ...]

    @property
    def status_label(self) -> str:
        return _(STATUS_LABELS[self.status]) if self.status in STATUS_LABELS else self.status

    def missing(self) -> list[str]:
        return [i.label for i in self.items if not i.done]


def store_photo(data: bytes, *, purpose: str, ref: str, actor: Actor, now: dt.datetime) -> str:
    """Store a claim photo in the evidence store (downscaled JPEG named by its SHA-256) and return
    its hash.  A file that is not a readable image is refused there with a one-line reason."""
    return evidence.store_photo(data, purpose=purpose, ref=ref, actor=actor, now=now).hash


def _claim(claim_id: int) -> Claim:
    c = Claim.get_or_none(Claim.id == claim_id)
    if c is None:
        raise NotFound(_("没有编号为 {id} 的理赔。").format(id=claim_id))
    return c


def _info(c: Claim) -> ClaimInfo:
    rows = {i.kind: i for i in ClaimItem.select().where(ClaimItem.claim == c.id)}
    items = tuple(ClaimItemInfo(k, _(label), photo, bool(rows[k].done) if k in rows else False,
                                rows[k].photo_hash if k in rows else None,
                                rows[k].note if k in rows else None) for k, label, photo in ITEMS)
    return ClaimInfo(c.id, c.ticket_id, c.status, c.claim_number, c.amount_fen, c.paid_fen, c.result,
                     c.opened_at, c.submit_due, c.submitted_at, c.result_due, items)


def claim_for_ticket(ticket_id: int) -> ClaimInfo | None:
    c = Claim.get_or_none(Claim.ticket == ticket_id)
    return _info(c) if c else None


def _event(c: Claim, actor: Actor, now: dt.datetime, text: str) -> None:
    TicketEvent.create(ticket=c.ticket_id, at=now, kind=TicketEvent.CLAIM, staff=actor.id, detail=text)


@operation("claim.open", N_("发起理赔"))
def open_claim(ticket_id: int, *, actor: Actor, now: dt.datetime) -> ClaimInfo:
    days = settings.get("claims.submit_days")
    with write_tx():
        t = Ticket.get_or_none(Ticket.id == ticket_id)
        if t is None:
            raise NotFound(_("没有编号为 {id} 的工单。").format(id=ticket_id))
        if t.category not in CLAIM_CATEGORIES:
            raise ValidationError(_("只有“破损”“丢失”工单可以发起理赔。"))
        if Claim.select().where(Claim.ticket == ticket_id).exists():
            raise DomainError(_("工单 {id} 已经有理赔。").format(id=ticket_id))
        c = Claim.create(ticket=ticket_id, opened_at=now, submit_due=now + dt.timedelta(days=int(days)))
        for kind, _label, _photo in ITEMS:
            ClaimItem.create(claim=c.id, kind=kind)
        _event(c, actor, now, f"发起理赔，材料 {c.submit_due:%m-%d %H:%M} 前提交")  # zh-data: ticket history
    return _info(c)


def _item(c: Claim, kind: str) -> ClaimItem:
    if kind not in ITEM_LABELS:
        raise ValidationError(_("未知的理赔材料。"))
    return ClaimItem.get((ClaimItem.claim == c.id) & (ClaimItem.kind == kind))


@operation("claim.item", N_("登记理赔材料"))
def set_item(claim_id: int, kind: str, done: bool, note: str = "", *, actor: Actor,
             now: dt.datetime) -> ClaimInfo:
    with write_tx():
        c = _claim(claim_id)
        if c.status != Claim.OPEN:
            raise DomainError(_("理赔已提交，材料不能再改。"))
        item = _item(c, kind)
        if done and kind in PHOTO_ITEMS and not item.photo_hash:
            raise ValidationError(_("“{item}”要附上照片文件。").format(item=_(ITEM_LABELS[kind])))
        item.done, item.note, item.updated_at = bool(done), (note or "").strip() or None, now
        item.save()
        _event(c, actor, now, f"{ITEM_LABELS[kind]}：{'已备' if done else '未备'}")  # zh-data: ticket history
    return _info(c)


@operation("claim.photo", N_("附理赔照片"))
def attach_photo(claim_id: int, kind: str, data: bytes, *, actor: Actor, now: dt.datetime) -> ClaimInfo:
    if not data:
        raise ValidationError(_("照片文件是空的。"))
    with write_tx():
        c = _claim(claim_id)
        if c.status != Claim.OPEN:
            raise DomainError(_("理赔已提交，材料不能再改。"))
        item = _item(c, kind)
        if kind not in PHOTO_ITEMS:
            raise ValidationError(_("“{item}”不是照片项。").format(item=_(ITEM_LABELS[kind])))
        digest = store_photo(data, purpose="claim", ref=f"claim:{c.id}:{kind}", actor=actor, now=now)
        item.photo_hash, item.done, item.updated_at = digest, True, now
        item.save()
        _event(c, actor, now, f"{ITEM_LABELS[kind]}：已附照片 {digest[:10]}")  # zh-data: ticket history
    return _info(c)


@operation("claim.update", N_("修改理赔"))
def update_claim(claim_id: int, *, claim_number: str | None = None, amount_fen: int | None = None,
                 actor: Actor, now: dt.datetime) -> ClaimInfo:
    if amount_fen is not None and (not isinstance(amount_fen, int) or amount_fen < 0):
        raise ValidationError(_("理赔金额应为不小于 0 的整数（分）。"))
    with write_tx():
        c = _claim(claim_id)
        before = {"claim_number": c.claim_number, "amount_fen": c.amount_fen}
        if claim_number is not None:
            c.claim_number = claim_number.strip() or None
        if amount_fen is not None:
            c.amount_fen = amount_fen
        c.save()
        audit.record(actor, "claim.update", entity="claim", entity_id=c.id,
                     detail={"before": before, "claim_number": c.claim_number, "amount_fen": c.amount_fen},
                     now=now)
        _event(c, actor, now, f"理赔单号 {c.claim_number or '—'}，金额 {format_yuan(c.amount_fen)} 元")  # zh-data
    return _info(c)


@operation("claim.submit", N_("提交理赔"))
def submit(claim_id: int, *, actor: Actor, now: dt.datetime) -> ClaimInfo:
    with write_tx():
        c = _claim(claim_id)
        info = _info(c)
        if c.status != Claim.OPEN:
            raise DomainError(_("理赔已经提交过。"))
        if info.missing():
            raise ChecklistIncomplete(_("理赔材料不全：缺 {missing}。").format(
                missing=_("、").join(info.missing())))
        if not c.claim_number or c.amount_fen <= 0:
            raise ValidationError(_("请先填写理赔单号和理赔金额。"))
        c.status, c.submitted_at = Claim.SUBMITTED, now
        c.result_due = now + dt.timedelta(days=int(settings.get("claims.result_days")))
        c.save()
        _event(c, actor, now, f"已提交理赔，{c.result_due:%m-%d} 前应有结果")  # zh-data: ticket history
    return _info(c)


@operation("claim.result", N_("登记理赔结果"))
def record_result(claim_id: int, paid: bool, paid_fen: int, result: str, *, actor: Actor,
                  now: dt.datetime) -> ClaimInfo:
    result = (result or "").strip()
    if not result:
        raise ValidationError(_("请写下理赔结果说明。"))
    if paid and (not isinstance(paid_fen, int) or paid_fen <= 0):
        raise ValidationError(_("赔付金额应为大于 0 的整数（分）。"))
    with write_tx():
        c = _claim(claim_id)
        if c.status != Claim.SUBMITTED:
            raise DomainError(_("理赔还没有提交，不能登记结果。"))
        c.status = Claim.PAID if paid else Claim.REJECTED
        c.paid_fen = paid_fen if paid else 0
        c.result, c.closed_at = result, now
        c.save()
        audit.record(actor, "claim.result", entity="claim", entity_id=c.id,
                     detail={"paid": paid, "paid_fen": c.paid_fen, "result": result}, now=now)
        _event(c, actor, now, f"{STATUS_LABELS[c.status]}：{result}")
    return _info(c)
