"""Problem parcels (问题件).  The exceptions capability owns this module; :func:`open_problem` is the
entry point other flows use (e.g. a customer's phone is out of service when notifying).

A problem has a reason (停机, 拒收, 地址不详, 破损, 无人接听, 错分, 其他), a note, an optional photo
(evidence store) and the clerk.  ``Parcel.problem`` is true while any record of the parcel is open.
Resolving sends the parcel back to stock, to delivery, to return or to forward (the last two start
the returns flow, :mod:`outlet_desk.inbound.returns`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from .. import changes, duty_events, evidence
from ..db import write_tx
from ..errors import DomainError, NotFound, ValidationError
from ..i18n import N_, _
from ..models import Parcel, ParcelEvent, Staff
from ..models.duty import DutyEvent
from ..models.problems import ProblemRecord
from ..openitems import OpenItem
from ..permissions import Actor, operation
from ..privacy import mask_phone
from ..scan import normalize_scan
from ..tickets import replies, tickets
from . import intake, returns

#: the reasons are words stored in the database (ProblemRecord.REASONS); their names for the
#: catalog, so that :func:`reason_text` shows one in the person's language
_REASON_NAMES = (N_("停机"), N_("拒收"), N_("地址不详"), N_("破损"), N_("无人接听"), N_("错分"), N_("其他"))


def reason_text(reason: str) -> str:
    """A stored problem reason ("停机") as the person reads it ("Phone out of service")."""
    return _(reason) if reason in ProblemRecord.REASONS else reason


#: Chinese as marked (N_): the resolution event stores it; ``_(label)`` where shown
OUTCOME_LABELS = {ProblemRecord.STOCK: N_("回到库存"), ProblemRecord.DELIVERY: N_("改为派送"),
                  ProblemRecord.RETURN: N_("退件"), ProblemRecord.FORWARD: N_("转件")}

CHANGES = frozenset({changes.PARCELS, changes.RETURNS})


@dataclass(frozen=True)
class ProblemInfo:
    id: int
    parcel_id: int
    waybill: str
    reason: str
    note: str
    opened_at: dt.datetime


@dataclass(frozen=True)
class ProblemRow:
    """One line of the problem queue."""
    id: int
    parcel_id: int
    waybill: str
    carrier: str
    reason: str
    note: str
    opened_at: dt.datetime
    opened_by: str
    location: str                 # shelf code, or the category when not on a shelf
    phone_masked: str
    photo_hash: str | None
    ticket_id: int | None
    resolved_at: dt.datetime | None
    outcome: str | None

    def age(self, now: dt.datetime) -> dt.timedelta:
        return (self.resolved_at or now) - self.opened_at


def age_text(delta: dt.timedelta) -> str:
    """``2天3小时`` / ``5小时`` / ``12分钟``: the age a clerk reads in the queue."""
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return _("{days}天{hours}小时").format(days=days, hours=hours)
    if hours:
        return _("{hours}小时").format(hours=hours)
    return _("{minutes}分钟").format(minutes=mins)


def find_parcel(waybill: str) -> Parcel:
    """The parcel a clerk scanned at the problem screen.  Not in the system: a bag number gets the
    bag message, garbage its reason (as at intake), else "没有这个包裹"."""
    wb = normalize_scan(waybill or "")
    if not wb:
        raise ValidationError(_("请扫描运单号。"))
    parcel = Parcel.get_or_none(Parcel.waybill == wb)
    if parcel is not None:
        return parcel
    rec, line = intake.recognize_scan(wb)          # raises BagNumber / BadWaybill
    if rec.possible_bag and line is None:
        # starts with _(waybill_mod.POSSIBLE_BAG): the problem screen tells it apart by that
        raise NotFound(_("可能是集包单号：{waybill} 不在系统里（若是包裹，先到件入库）。").format(waybill=rec.waybill))
    raise NotFound(_("没有这个包裹：问题件只能登记系统里的包裹（先到件入库）。"))


def _parcel(parcel_id: int | None, waybill: str | None) -> Parcel:
    if parcel_id is None:
        return find_parcel(waybill)
    parcel = Parcel.get_or_none(Parcel.id == parcel_id)
    if parcel is None:
        raise NotFound(_("没有这个包裹：问题件只能登记系统里的包裹（先到件入库）。"))
    return parcel


@operation("problem.open", N_("登记问题件"))
def open_problem(parcel_id: int, reason: str, note: str = "", *, actor: Actor,
                 now: dt.datetime, photo=None, home=None) -> ProblemInfo:
    """Register a problem on a parcel.  ``photo`` (bytes or a path) is optional evidence."""
    if reason not in ProblemRecord.REASONS:
        raise ValidationError(_("问题原因只能是：{reasons}。").format(reasons=_("、").join(ProblemRecord.REASONS)))
    note = replies.check_text(note, label=_("问题件备注"))   # colleagues, handovers and the sender read it
    if reason == "其他" and not note:  # zh-data: the stored reason
        raise ValidationError(_("原因选“其他”时必须写备注。"))

    def create(photo_row=None) -> ProblemRecord:
        parcel = _parcel(parcel_id, None)
        if parcel.status not in Parcel.AT_OUTLET and parcel.status != Parcel.OUT_FOR_DELIVERY:
            raise DomainError(_("{waybill} 已不在网点，不能登记问题件。").format(waybill=parcel.waybill))
        rec = ProblemRecord.create(parcel=parcel, reason=reason, note=note, opened_at=now,
                                   opened_by=actor.id,
                                   photo_hash=photo_row.hash if photo_row is not None else None)
        if photo_row is not None:
            photo_row.ref = str(rec.id)
            photo_row.save()
        Parcel.update(problem=True, updated_at=now).where(Parcel.id == parcel.id).execute()
        ParcelEvent.create(parcel=parcel, at=now, kind=ParcelEvent.PROBLEM_OPENED, staff=actor.id,
                           detail=f"{reason} {note}".strip())
        return rec

    if photo is None:
        with write_tx():
            rec = create()
    else:
        made = []
        evidence.store_photo(photo, purpose="problem", ref="new", actor=actor, now=now, home=home,
                             within=lambda row: made.append(create(row)))
        rec = made[0]
    parcel = Parcel.get_by_id(rec.parcel_id)
    return ProblemInfo(rec.id, parcel.id, parcel.waybill, reason, rec.note, now)


def open_problem_by_waybill(waybill: str, reason: str, note: str = "", *, actor: Actor,
                            now: dt.datetime, photo=None, home=None) -> ProblemInfo:
    """The screen's entry: the clerk scans the parcel on the problem shelf."""
    parcel = _parcel(None, waybill)
    return open_problem(parcel.id, reason, note, actor=actor, now=now, photo=photo, home=home)


@operation("problem.resolve", N_("处理问题件"))
def resolve_problem(problem_id: int, outcome: str, note: str = "", *, actor: Actor,
                    now: dt.datetime, courier: str | None = None, return_args: dict | None = None,
                    home=None) -> ProblemInfo:
    """Close a problem: the parcel goes back to stock, to delivery, to return or to forward.

    ``return_args`` (for return/forward): ``reason``, ``note``, ``dest_code``, ``dest_name``,
    ``mis_sorted``, ``should_have_gone``, ``sender_name``, ``sender_phone`` as for
    :func:`returns.start_return`.  The parcel's other open problems are closed with it.
    """
    if outcome not in ProblemRecord.OUTCOMES:
        raise ValidationError(_("请选择处理结果：回到库存、改为派送、退件或转件。"))
    note = replies.check_text(note, label=_("处理说明"))      # colleagues (and the sender) read it
    with write_tx():
        rec = ProblemRecord.get_or_none(ProblemRecord.id == problem_id)
        if rec is None:
            raise NotFound(_("没有这条问题件记录。"))
        if rec.resolved_at is not None:
            raise DomainError(_("这条问题件已于 {at} 处理过。").format(at=f"{rec.resolved_at:%m-%d %H:%M}"))
        parcel = rec.parcel
        if outcome in (ProblemRecord.RETURN, ProblemRecord.FORWARD):
            args = dict(return_args or {})
            args.setdefault("reason", _return_reason(rec.reason))
            args.setdefault("note", note or rec.note)
            kind = "return" if outcome == ProblemRecord.RETURN else "forward"
            # closes every open problem of the parcel (this one included) with this outcome
            returns.start_in_tx(parcel, kind=kind, source="problem", actor=actor, now=now, **args)
        else:
            others = list(ProblemRecord.select().where((ProblemRecord.parcel == parcel.id)
                                                       & ProblemRecord.resolved_at.is_null()))
            for pr in others:
                ProblemRecord.update(resolved_at=now, resolved_by=actor.id, outcome=outcome,
                                     resolution_note=note).where(ProblemRecord.id == pr.id).execute()
                ParcelEvent.create(parcel=parcel, at=now, kind=ParcelEvent.PROBLEM_RESOLVED,
                                   staff=actor.id,
                                   detail=f"{pr.reason} → {OUTCOME_LABELS[outcome]} {note}".strip())
            fields = {"problem": False, "updated_at": now, "status": Parcel.IN_STOCK}
            if outcome == ProblemRecord.DELIVERY:
                fields["category"] = Parcel.DELIVERY
                if courier:
                    fields["courier"] = courier.strip()
            elif parcel.category == Parcel.PROBLEM:
                fields["category"] = Parcel.PICKUP          # onto the self-pickup shelf
            Parcel.update(**fields).where(Parcel.id == parcel.id).execute()
            if fields.get("category") == Parcel.PICKUP:
                intake.assign_code(parcel.id, now=now)   # a place and a code from intake's shelf slots
    rec = ProblemRecord.get_by_id(problem_id)
    return ProblemInfo(rec.id, parcel.id, parcel.waybill, rec.reason, rec.note, rec.opened_at)


def _return_reason(problem_reason: str) -> str:
    # zh-data: stored reasons of problems and returns
    return {"拒收": "拒收", "地址不详": "地址错误", "错分": "错分", "破损": "破损"}.get(problem_reason, "其他")  # zh-data


@operation("problem.ticket", N_("问题件联系寄件人（工单）"))
def open_sender_ticket(problem_id: int, detail: str = "", *, actor: Actor,
                       now: dt.datetime) -> int:
    """Open a service ticket to reach the sender about this problem (once per problem)."""
    rec = ProblemRecord.get_or_none(ProblemRecord.id == problem_id)
    if rec is None:
        raise NotFound(_("没有这条问题件记录。"))
    if rec.ticket_id:
        raise DomainError(_("这条问题件已有工单 #{ticket}。").format(ticket=rec.ticket_id))
    category = "破损" if rec.reason == "破损" else "查询"  # zh-data: stored ticket categories
    detail = replies.check_text(detail, label=_("给寄件人的说明"))
    with write_tx():
        # zh-data: the ticket's title is stored and goes to the carrier's CRM
        t = tickets.open_ticket(category, f"问题件 {rec.parcel.waybill}：{rec.reason}，请联系寄件人",  # zh-data
                                source="auto", waybills=[rec.parcel.waybill],
                                detail=(detail or rec.note or "").strip(),
                                origin=f"problem:{rec.id}", actor=actor, now=now)
        ProblemRecord.update(ticket_id=t.id).where(ProblemRecord.id == rec.id).execute()
    return t.id


def list_problems(*, now: dt.datetime, open_only: bool = True, reason: str | None = None,
                  offset: int = 0, limit: int = 200) -> list[ProblemRow]:
    """The problem queue, oldest first (open) or newest first (all).  One query."""
    q = (ProblemRecord.select(ProblemRecord, Parcel.waybill, Parcel.carrier, Parcel.pickup_code,
                              Parcel.category, Parcel.recipient_phone, Staff.name.alias("opener"))
         .join(Parcel, on=(ProblemRecord.parcel == Parcel.id))
         .switch(ProblemRecord).join(Staff, JOIN.LEFT_OUTER, on=(ProblemRecord.opened_by == Staff.id)))
    if open_only:
        q = q.where(ProblemRecord.resolved_at.is_null()).order_by(ProblemRecord.opened_at,
                                                                   ProblemRecord.id)
    else:
        q = q.order_by(ProblemRecord.opened_at.desc(), ProblemRecord.id.desc())
    if reason:
        q = q.where(ProblemRecord.reason == reason)
    cat = {Parcel.PICKUP: _("自取"), Parcel.DELIVERY: _("派送"), Parcel.TOWNSHIP: _("乡镇"),
           Parcel.PROBLEM: _("问题架")}
    out = []
    for r in q.offset(offset).limit(limit).objects():
        out.append(ProblemRow(r.id, r.parcel_id, r.waybill, r.carrier, r.reason, r.note, r.opened_at,
                              r.opener or "", r.pickup_code or cat.get(r.category, ""),
                              mask_phone(r.recipient_phone), r.photo_hash, r.ticket_id,
                              r.resolved_at, r.outcome))
    return out


def open_count() -> int:
    return ProblemRecord.select().where(ProblemRecord.resolved_at.is_null()).count()


@operation("problem.review", N_("查看问题件"))
def mark_reviewed(*, actor: Actor, now: dt.datetime) -> bool:
    """The problem queue was looked at: ticks the duty (once per day)."""
    with write_tx():
        seen = DutyEvent.select().where((DutyEvent.day == now.date())
                                        & (DutyEvent.key == duty_events.PROBLEMS_REVIEWED)).exists()
        if not seen:
            duty_events.observe(duty_events.PROBLEMS_REVIEWED, actor=actor, now=now,
                                detail=f"未处理 {open_count()} 件")  # zh-data: stored
    return not seen


def open_items(staff_id: int, now: dt.datetime) -> list[OpenItem]:
    """Open problem parcels this person registered."""
    rows = (ProblemRecord.select(ProblemRecord, Parcel.waybill)
            .join(Parcel).where(ProblemRecord.resolved_at.is_null()
                                & (ProblemRecord.opened_by == staff_id))
            .order_by(ProblemRecord.opened_at).objects())
    return [OpenItem("problem", str(r.id),
                     (_("问题件 {waybill}：{reason}，{note}") if r.note else _("问题件 {waybill}：{reason}"))
                     .format(waybill=r.waybill, reason=r.reason, note=r.note),
                     since=r.opened_at) for r in rows]      # the age is worked out when it is read
