"""Service tickets (工单): CRM work orders, counter complaints, phone enquiries.

:func:`open_ticket` is the entry point other flows use (the 3-day check's urge and verify tickets,
problem parcels that need the sender).  Life of a ticket::

    new → in progress → replied → follow-up (回访) → closed (满意 / 一般 / 不满意)

Deadlines: the due time is when the customer must have the reply with its solution and promised
time; a ticket is **overdue** when it is still new or in progress after its due time (once replied,
the countdown stops; follow-up and close come after).  The category's hours (``tickets.deadline_hours``) run on the **calendar clock**, through
the night and closing days — the promise to the customer ("24 小时内", "48 小时内") and the carrier's
CRM count calendar hours.  (Electronic pickup orders, by contrast, count opening hours only: see
:mod:`.eorders`.)
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from peewee import JOIN, fn

from .. import audit, changes, settings, tables
from ..db import insert_rows, rows_where_in, stored_row, write_tx
from ..errors import DomainError, NotFound, ValidationError
from ..i18n import N_, _
from ..models import Parcel, Staff
from ..models.outgoing import OutgoingParcel
from ..models.tickets import ReplyTemplate, Ticket, TicketEvent
from ..openitems import OpenItem
from ..permissions import MANAGER_ONLY, Actor, allowed, operation
from ..privacy import mask_name, mask_phone
from ..settings import Column, SettingSpec, check_positive_map
from . import replies

#: hours per category: the keys are the categories stored in the database
DEADLINE_HOURS = {"查询": 24, "催件": 24, "延误": 48, "破损": 48, "丢失": 48, "服务态度": 24, "费用": 24,  # zh-data
                  "其他": 48}
SETTINGS = [
    SettingSpec("tickets.deadline_hours", DEADLINE_HOURS,
                "Ticket deadline by category (hours)", N_("各类工单处理时限（小时）"), kind="json",
                section="tickets", shape="map",
                columns=(Column("category", "Category", N_("类别")),
                         Column("hours", "Hours", N_("小时"), kind="int", minimum=1, maximum=24 * 30)),
                validate=lambda v: check_positive_map(_("各类工单处理时限（小时）"),
                                                      keys=Ticket.CATEGORIES)(v)),
    SettingSpec("tickets.warn_hours", 4, "Warn before a ticket is due (hours)", N_("工单到期前提醒（小时）"),
                kind="int", section="tickets", minimum=0, maximum=48),
]

# Labels are messages (shown with ``_()``); the Chinese text is what the ticket's history stores.
SOURCE_LABELS = {"crm": N_("CRM工单"), "counter": N_("柜台投诉"), "phone": N_("电话"), "auto": N_("系统")}
STATUS_LABELS = {Ticket.NEW: N_("新建"), Ticket.IN_PROGRESS: N_("办理中"), Ticket.REPLIED: N_("已回复"),
                 Ticket.FOLLOW_UP: N_("回访"), Ticket.CLOSED: N_("已关闭")}
EVENT_LABELS = {TicketEvent.OPENED: N_("新建"), TicketEvent.STARTED: N_("开始处理"),
                TicketEvent.REPLIED: N_("回复"), TicketEvent.FOLLOW_UP: N_("回访"),
                TicketEvent.CLOSED: N_("关闭"), TicketEvent.ESCALATED: N_("升级"),
                TicketEvent.REASSIGNED: N_("改派"), TicketEvent.CUSTOMER: N_("客户信息修改"),
                TicketEvent.NOTE: N_("备注"), TicketEvent.CLAIM: N_("理赔")}
PARCEL_STATUS_LABELS = {
    Parcel.IN_STOCK: N_("在网点待取"), Parcel.OUT_FOR_DELIVERY: N_("派送中"), Parcel.RELEASED: N_("已取件"),
    Parcel.DELIVERED: N_("已派送"), Parcel.RETURNING: N_("退回办理中"), Parcel.FORWARDING: N_("转寄办理中"),
    Parcel.RETURNED: N_("已退回"), Parcel.FORWARDED: N_("已转寄")}
OUTGOING_SENT, OUTGOING_TAKEN, NO_RECORD = N_("已发出"), N_("已收寄"), N_("本网点无记录")
CHANGES = frozenset({changes.TICKETS})


def status_label(status: str) -> str:
    """A ticket status (:data:`Ticket.STATUSES`) in the person's language."""
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else status


@dataclass(frozen=True)
class TicketInfo:
    id: int
    category: str
    title: str
    status: str
    due_at: dt.datetime
    waybills: tuple[str, ...]


@dataclass(frozen=True)
class TicketRow:
    id: int
    source: str
    crm_number: str | None
    category: str
    title: str
    waybills: tuple[str, ...]
    customer: str            # masked name + masked phone
    assignee: str
    assignee_id: int | None
    status: str
    created_at: dt.datetime
    due_at: dt.datetime
    closed_at: dt.datetime | None
    escalated: bool
    severity: str | None
    rating: str | None

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def source_label(self) -> str:
        return _(SOURCE_LABELS[self.source]) if self.source in SOURCE_LABELS else self.source

    def is_open(self) -> bool:
        return self.status != Ticket.CLOSED

    def awaiting_reply(self) -> bool:
        return self.status in Ticket.AWAITING_REPLY

    def overdue(self, now: dt.datetime) -> bool:
        return self.awaiting_reply() and now > self.due_at


@dataclass(frozen=True)
class EventRow:
    at: dt.datetime
    kind: str
    staff: str
    detail: str

    @property
    def label(self) -> str:
        return _(EVENT_LABELS[self.kind]) if self.kind in EVENT_LABELS else self.kind


@dataclass(frozen=True)
class LinkedParcel:
    waybill: str
    direction: str           # "inbound" | "outgoing" | "unknown"
    carrier: str
    arrived_at: dt.datetime | None
    status: str              # a label in the person's language (the outgoing tracking status: as stored)


@dataclass(frozen=True)
class TicketDetail:
    row: TicketRow
    detail: str
    customer_name_masked: str
    customer_phone_masked: str
    reply_text: str | None
    replied_at: dt.datetime | None
    origin: str | None
    events: tuple[EventRow, ...]
    parcels: tuple[LinkedParcel, ...]


# -- the life cycle: which action a ticket in each state allows ------------------------------------
START, REPLY, FOLLOW_UP, CLOSE = "start", "reply", "follow_up", "close"
ESCALATE, REASSIGN, CUSTOMER = "escalate", "reassign", "customer"
#: action -> the statuses it may be taken from (the state machine in the module docstring)
ACTION_STATUSES: dict[str, tuple[str, ...]] = {
    START: (Ticket.NEW,),
    REPLY: (Ticket.NEW, Ticket.IN_PROGRESS, Ticket.REPLIED),     # a reply may be corrected until 回访
    FOLLOW_UP: (Ticket.REPLIED,),
    CLOSE: (Ticket.FOLLOW_UP,),
    ESCALATE: Ticket.OPEN_STATUSES,
    REASSIGN: Ticket.OPEN_STATUSES,
    CUSTOMER: Ticket.STATUSES,
}
#: action -> the operation (permissions) its service is declared as
ACTION_OPERATIONS = {START: "ticket.start", REPLY: "ticket.reply", FOLLOW_UP: "ticket.follow_up",
                     CLOSE: "ticket.close", ESCALATE: "ticket.escalate", REASSIGN: "ticket.reassign",
                     CUSTOMER: "ticket.customer_update"}


def allowed_actions(ticket, *, actor: Actor | None) -> frozenset[str]:
    """The actions ``actor`` may take on ``ticket`` (anything with a ``status``: a :class:`Ticket`,
    a :class:`TicketRow`) now: its status allows them and the actor's role may run them.  The
    services refuse exactly the others (a :class:`DomainError`); screens enable buttons from this."""
    if ticket is None or actor is None:
        return frozenset()
    return frozenset(a for a, statuses in ACTION_STATUSES.items()
                     if ticket.status in statuses and allowed(actor, ACTION_OPERATIONS[a]))


# -- rules -----------------------------------------------------------------------------------------
def due_time(category: str, created_at: dt.datetime) -> dt.datetime:
    """When a ticket of ``category`` opened at ``created_at`` is due (calendar hours)."""
    hours = settings.get("tickets.deadline_hours").get(category, 48)
    return created_at + dt.timedelta(hours=int(hours))


def countdown_text(due_at: dt.datetime, now: dt.datetime, *, short: bool = False) -> str:
    """"剩 5 小时 20 分" / "超时 2 小时 5 分"; short (for lists): "剩 5时20分" / "超 1天2时"."""
    delta = due_at - now
    late = delta.total_seconds() < 0
    minutes = int(abs(delta.total_seconds()) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    size = 0 if days else (1 if hours else 2)           # days / hours / minutes only
    return _(_COUNTDOWN[short, late][size]).format(days=days, hours=hours, mins=mins)


#: (short, late) -> the countdown with days, with hours, with minutes only
_COUNTDOWN = {
    (False, False): (N_("剩 {days} 天 {hours} 小时 {mins} 分"), N_("剩 {hours} 小时 {mins} 分"), N_("剩 {mins} 分")),
    (False, True): (N_("超时 {days} 天 {hours} 小时 {mins} 分"), N_("超时 {hours} 小时 {mins} 分"),
                    N_("超时 {mins} 分")),
    (True, False): (N_("剩 {days}天{hours}时"), N_("剩 {hours}时{mins}分"), N_("剩 {mins}分")),
    (True, True): (N_("超 {days}天{hours}时"), N_("超 {hours}时{mins}分"), N_("超 {mins}分")),
}


def _digits(phone: str | None) -> str | None:
    d = "".join(ch for ch in (phone or "") if ch.isdigit())
    return d or None


def _event(ticket_id: int, kind: str, actor: Actor, now: dt.datetime, detail: str = "") -> None:
    TicketEvent.create(ticket=ticket_id, at=now, kind=kind, staff=actor.id, detail=detail)


def _get(ticket_id: int) -> Ticket:
    t = Ticket.get_or_none(Ticket.id == ticket_id)
    if t is None:
        raise NotFound(_("没有编号为 {id} 的工单。").format(id=ticket_id))
    return t


def _info(t: Ticket) -> TicketInfo:
    return TicketInfo(t.id, t.category, t.title, t.status, t.due_at,
                      tuple(w for w in (t.waybills or "").split() if w))


def _listed(words) -> str:
    """Words (categories, ratings: the stored values) listed in the person's language."""
    # TRANSLATORS: the separator between the words of a list
    return _("、").join(words)


def _clean_waybills(waybills) -> tuple[str, ...]:
    if isinstance(waybills, str):
        waybills = waybills.replace(",", " ").replace("，", " ").replace(";", " ").split()
    out = []
    for w in waybills or ():
        w = (w or "").strip().upper()
        if w and w not in out:
            out.append(w)
    return tuple(out)


# -- writes ----------------------------------------------------------------------------------------
@operation("ticket.open", N_("新建工单"))
def open_ticket(category: str, title: str, *, source: str = "auto", waybills=(), detail: str = "",
                customer_name: str | None = None, customer_phone: str | None = None,
                crm_number: str | None = None, assignee_id: int | None = None,
                origin: str | None = None, actor: Actor, now: dt.datetime) -> TicketInfo:
    if category not in Ticket.CATEGORIES:
        raise ValidationError(_("工单类别只能是：{choices}。").format(choices=_listed(Ticket.CATEGORIES)))
    if source not in Ticket.SOURCES:
        raise ValidationError(_("工单来源不正确。"))
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("工单标题不能为空。"))
    waybills = _clean_waybills(waybills)
    crm_number = (crm_number or "").strip() or None
    customer_name = (customer_name or "").strip() or None
    customer_phone = (customer_phone or "").strip() or None
    with write_tx():
        if crm_number and Ticket.select().where(Ticket.crm_number == crm_number).exists():
            raise ValidationError(_("CRM 工单号 {number} 已经登记过。").format(number=crm_number))
        if assignee_id is not None and not Staff.select().where(Staff.id == assignee_id).exists():
            raise ValidationError(_("指派的人员不存在。"))
        t = Ticket.create(source=source, crm_number=crm_number, category=category, title=title,
                          detail=detail, waybills=" ".join(waybills), customer_name=customer_name,
                          customer_phone=customer_phone, phone_digits=_digits(customer_phone),
                          assignee=assignee_id, created_at=now, created_by=actor.id,
                          due_at=due_time(category, now), origin=origin)
        _event(t.id, TicketEvent.OPENED, actor, now,
               f"{SOURCE_LABELS.get(source, source)} · {category}" + (f" · {crm_number}" if crm_number else ""))
        if customer_phone or customer_name:
            audit.record(actor, "ticket.customer_data", entity="ticket", entity_id=t.id,
                         detail={"name": customer_name, "phone_tail": (customer_phone or "")[-4:]},
                         now=now)
    return _info(t)


@operation("ticket.start", N_("开始处理工单"))
def start(ticket_id: int, *, actor: Actor, now: dt.datetime) -> frozenset:
    """Take a new ticket in hand (it becomes the actor's when nobody is assigned)."""
    with write_tx():
        t = _get(ticket_id)
        if t.status not in ACTION_STATUSES[START]:
            raise DomainError(_("工单 {id} 已经是“{status}”，不需要再开始。").format(
                id=t.id, status=status_label(t.status)))
        t.status = Ticket.IN_PROGRESS
        if t.assignee_id is None:
            t.assignee = actor.id
        t.save()
        _event(t.id, TicketEvent.STARTED, actor, now)
    return CHANGES


@operation("ticket.reply", N_("回复工单"))
def reply(ticket_id: int, situation: str, solution: str, when: str, *, actor: Actor,
          now: dt.datetime) -> str:
    """Check the three parts (情况/方案/时间), store the composed reply; returns its text.

    The time must be real, not past, and within :func:`promise_limit`."""
    text = replies.validate_reply(situation, solution, when, now=now,
                                  latest=promise_limit(_get(ticket_id), now))
    with write_tx():
        t = _get(ticket_id)
        if t.status not in ACTION_STATUSES[REPLY]:
            raise DomainError(_("工单 {id} 已是“{status}”，不能再回复。").format(
                id=t.id, status=status_label(t.status)))
        t.status = Ticket.REPLIED
        t.reply_text = text
        t.replied_at = now
        if t.assignee_id is None:
            t.assignee = actor.id
        t.save()
        _event(t.id, TicketEvent.REPLIED, actor, now, text)
    return text


def day_answered(day: dt.date, now: dt.datetime) -> tuple[bool, dt.datetime | None]:
    """The duty "查看当日 CRM" (``duty_events.TICKETS_CLOSED``): done when no ticket opened by the
    end of ``day`` (or by ``now``, today) still awaits its reply — every one answered or closed —
    and one was answered or closed that day.  Returns (done, when the last one was)."""
    start = dt.datetime.combine(day, dt.time(0, 0))
    end = min(now, start + dt.timedelta(days=1))
    if end <= start:
        return False, None
    waiting = Ticket.select().where(
        (Ticket.created_at <= end) & (Ticket.replied_at.is_null() | (Ticket.replied_at > end))
        & (Ticket.closed_at.is_null() | (Ticket.closed_at > end))).exists()
    if waiting:
        return False, None
    last = [Ticket.select(fn.MAX(column)).where((column >= start) & (column <= end)).scalar()
            for column in (Ticket.replied_at, Ticket.closed_at)]
    last = [at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(str(at)) for at in last if at]
    if not last:                 # nothing was answered that day: the clerk looks and ticks by hand
        return False, None
    return True, max(last)


def promise_limit(ticket, now: dt.datetime) -> dt.datetime:
    """The latest time a reply may promise: the ticket's deadline; once that has passed, one more
    deadline period of its category from now (the reply is late, the promise must not be)."""
    if ticket.due_at >= now:
        return ticket.due_at
    return due_time(ticket.category, now)


@operation("ticket.follow_up", N_("工单回访"))
def follow_up(ticket_id: int, note: str, *, actor: Actor, now: dt.datetime) -> frozenset:
    """Record the follow-up visit/call (回访) after the reply."""
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("请写下回访结果（客户怎么说）。"))
    with write_tx():
        t = _get(ticket_id)
        if t.status not in ACTION_STATUSES[FOLLOW_UP]:
            if t.status in (Ticket.NEW, Ticket.IN_PROGRESS):
                raise DomainError(_("工单 {id} 还没有回复，先回复再回访。").format(id=t.id))
            raise DomainError(_("工单 {id} 已是“{status}”。").format(id=t.id, status=status_label(t.status)))
        t.status = Ticket.FOLLOW_UP
        t.save()
        _event(t.id, TicketEvent.FOLLOW_UP, actor, now, note)
    return CHANGES


@operation("ticket.close", N_("关闭工单"))
def close(ticket_id: int, rating: str, note: str = "", *, actor: Actor, now: dt.datetime) -> frozenset:
    """Close after the follow-up, with the customer's satisfaction (满意/一般/不满意)."""
    if rating not in Ticket.RATINGS:
        raise ValidationError(_("请选择客户满意度：{choices}。").format(choices=_listed(Ticket.RATINGS)))
    with write_tx():
        t = _get(ticket_id)
        if t.status not in ACTION_STATUSES[CLOSE]:
            raise DomainError(_("工单 {id} 还没有回访，回访后才能关闭。").format(id=t.id) if t.status != Ticket.CLOSED
                              else _("工单 {id} 已经关闭。").format(id=t.id))
        t.status = Ticket.CLOSED
        t.rating = rating
        t.closed_at = now
        t.save()
        _event(t.id, TicketEvent.CLOSED, actor, now, rating + (f" · {note.strip()}" if note.strip() else ""))
    return CHANGES


@operation("ticket.escalate", N_("工单升级"), MANAGER_ONLY)
def escalate(ticket_id: int, severity: str, reason: str, *, actor: Actor, now: dt.datetime) -> frozenset:
    if severity not in Ticket.SEVERITIES:
        raise ValidationError(_("严重程度只能是：{choices}。").format(choices=_listed(Ticket.SEVERITIES)))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("请写明升级原因。"))
    with write_tx():
        t = _get(ticket_id)
        if t.status not in ACTION_STATUSES[ESCALATE]:
            raise DomainError(_("工单 {id} 已经关闭，不能升级。").format(id=t.id))
        t.escalated = True
        t.severity = severity
        t.save()
        _event(t.id, TicketEvent.ESCALATED, actor, now, f"{severity} · {reason}")
        audit.record(actor, "ticket.escalate", entity="ticket", entity_id=t.id,
                     detail={"severity": severity, "reason": reason}, now=now)
    return CHANGES


@operation("ticket.reassign", N_("工单改派"), MANAGER_ONLY)
def reassign(ticket_id: int, staff_id: int, reason: str = "", *, actor: Actor,
             now: dt.datetime) -> frozenset:
    with write_tx():
        t = _get(ticket_id)
        if t.status not in ACTION_STATUSES[REASSIGN]:
            raise DomainError(_("工单 {id} 已经关闭，不能改派。").format(id=t.id))
        person = Staff.get_or_none((Staff.id == staff_id) & (Staff.active == True))  # noqa: E712
        if person is None:
            raise ValidationError(_("改派的人员不存在或已停用。"))
        old = t.assignee.name if t.assignee_id else "—"
        t.assignee = person.id
        t.save()
        _event(t.id, TicketEvent.REASSIGNED, actor, now,
               f"{old} → {person.name}" + (f" · {reason.strip()}" if reason and reason.strip() else ""))
        audit.record(actor, "ticket.reassign", entity="ticket", entity_id=t.id,
                     detail={"from": old, "to": person.name, "reason": reason or ""}, now=now)
    return CHANGES


@operation("ticket.customer_update", N_("修改工单客户信息"))
def update_customer(ticket_id: int, name: str | None, phone: str | None, *, actor: Actor,
                    now: dt.datetime) -> frozenset:
    """Change the customer's name/phone on a ticket; audited with old and new (phones masked)."""
    name = (name or "").strip() or None
    phone = (phone or "").strip() or None
    if phone and not (7 <= len(_digits(phone) or "") <= 13):
        raise ValidationError(_("电话号码位数不对。"))
    with write_tx():
        t = _get(ticket_id)
        if (t.customer_name, t.customer_phone) == (name, phone):
            return frozenset()
        audit.record(actor, "ticket.customer_data", entity="ticket", entity_id=t.id,
                     detail={"old_name": t.customer_name, "old_phone": mask_phone(t.customer_phone),
                             "name": name, "phone": mask_phone(phone)}, now=now)
        _event(t.id, TicketEvent.CUSTOMER, actor, now,
               f"{mask_name(t.customer_name)} {mask_phone(t.customer_phone)} → {mask_name(name)} {mask_phone(phone)}")
        t.customer_name, t.customer_phone, t.phone_digits = name, phone, _digits(phone)
        t.save()
    return CHANGES


@operation("ticket.template_save", N_("修改回复模板"))
def save_template(category: str, situation: str, solution: str, when: str, *, actor: Actor,
                  now: dt.datetime) -> frozenset:
    if category not in Ticket.CATEGORIES:
        raise ValidationError(_("工单类别只能是：{choices}。").format(choices=_listed(Ticket.CATEGORIES)))
    with write_tx():
        ReplyTemplate.insert(category=category, situation=situation or "", solution=solution or "",
                             when=when or "", updated_at=now, updated_by=actor.id).on_conflict(
            conflict_target=[ReplyTemplate.category],
            update={ReplyTemplate.situation: situation or "", ReplyTemplate.solution: solution or "",
                    ReplyTemplate.when: when or "", ReplyTemplate.updated_at: now,
                    ReplyTemplate.updated_by: actor.id}).execute()
        audit.record(actor, "ticket.template_save", entity="reply_template", entity_id=category,
                     detail={"situation": situation, "solution": solution, "when": when}, now=now)
    return CHANGES


# -- reads -----------------------------------------------------------------------------------------
def _row(t: Ticket, assignee_name: str | None) -> TicketRow:
    who = " ".join(x for x in (mask_name(t.customer_name), mask_phone(t.customer_phone)) if x)
    return TicketRow(t.id, t.source, t.crm_number, t.category, t.title,
                     tuple(w for w in (t.waybills or "").split() if w), who, assignee_name or "—",
                     t.assignee_id, t.status, t.created_at, t.due_at, t.closed_at, bool(t.escalated),
                     t.severity, t.rating)


def _query(*, status: str | None = None, category: str | None = None, assignee_id: int | None = None,
           overdue_only: bool = False, text: str | None = None, now: dt.datetime | None = None):
    q = (Ticket.select(Ticket, Staff.name.alias("assignee_name"))
         .join(Staff, JOIN.LEFT_OUTER, on=(Ticket.assignee == Staff.id)))
    if status == "open":
        q = q.where(Ticket.status.in_(Ticket.OPEN_STATUSES))
    elif status:
        q = q.where(Ticket.status == status)
    if category:
        q = q.where(Ticket.category == category)
    if assignee_id:
        q = q.where(Ticket.assignee == assignee_id)
    if overdue_only and now is not None:
        q = q.where(Ticket.status.in_(Ticket.AWAITING_REPLY) & (Ticket.due_at < now))
    if text:
        text = text.strip()
        like = f"%{text}%"
        cond = (Ticket.title ** like) | (Ticket.waybills ** like.upper()) | (Ticket.crm_number ** like)
        if text.isdigit() and len(text) == 4:
            cond |= Ticket.phone_digits.endswith(text)
        if text.isdigit():
            cond |= (Ticket.id == int(text))
        q = q.where(cond)
    return q


def list_tickets(offset: int = 0, limit: int = 200, *, now: dt.datetime, **filters) -> list[TicketRow]:
    """A page of tickets: open ones by due time first, then closed ones newest first (one query)."""
    q = _query(now=now, **filters)
    is_closed = (Ticket.status == Ticket.CLOSED)
    q = q.order_by(is_closed.asc(), Ticket.due_at.asc(), Ticket.id.desc()).offset(offset).limit(limit)
    return [_row(t, getattr(t, "assignee_name", None)) for t in q.objects()]


def count_overdue(now: dt.datetime) -> int:
    return Ticket.select().where(Ticket.status.in_(Ticket.AWAITING_REPLY) & (Ticket.due_at < now)).count()


def linked_parcels(waybills, *, label=_) -> tuple[LinkedParcel, ...]:
    """The parcels of ``waybills``, their status shown through ``label`` (the person's language;
    ``str`` keeps the Chinese, for the reply sent to a customer)."""
    waybills = list(waybills)
    if not waybills:
        return ()
    found: dict[str, LinkedParcel] = {}
    for p in Parcel.select().where(Parcel.waybill.in_(waybills)):
        state = label(PARCEL_STATUS_LABELS[p.status]) if p.status in PARCEL_STATUS_LABELS else p.status
        found[p.waybill] = LinkedParcel(p.waybill, "inbound", p.carrier, p.arrived_at, state)
    try:
        for o in OutgoingParcel.select().where(OutgoingParcel.waybill.in_(waybills)):
            if o.waybill not in found:
                state = o.tracking_status or label(OUTGOING_SENT if o.dispatched_at else OUTGOING_TAKEN)
                found[o.waybill] = LinkedParcel(o.waybill, "outgoing", "", o.received_at, state)
    except ImportError:  # pragma: no cover - outgoing tables absent
        pass
    return tuple(found.get(w) or LinkedParcel(w, "unknown", "", None, label(NO_RECORD)) for w in waybills)


def get_ticket(ticket_id: int) -> TicketDetail:
    t = (Ticket.select(Ticket, Staff.name.alias("assignee_name"))
         .join(Staff, JOIN.LEFT_OUTER, on=(Ticket.assignee == Staff.id))
         .where(Ticket.id == ticket_id).objects().first())
    if t is None:
        raise NotFound(_("没有编号为 {id} 的工单。").format(id=ticket_id))
    row = _row(t, getattr(t, "assignee_name", None))
    events = tuple(EventRow(e.at, e.kind, getattr(e, "staff_name", None) or _("系统"), e.detail)
                   for e in (TicketEvent.select(TicketEvent, Staff.name.alias("staff_name"))
                             .join(Staff, JOIN.LEFT_OUTER, on=(TicketEvent.staff == Staff.id))
                             .where(TicketEvent.ticket == ticket_id)
                             .order_by(TicketEvent.at, TicketEvent.id).objects()))
    return TicketDetail(row, t.detail or "", mask_name(t.customer_name), mask_phone(t.customer_phone),
                        t.reply_text, t.replied_at, t.origin, events, linked_parcels(row.waybills))


def staff_choices() -> list[tuple[int, str]]:
    return [(s.id, s.name) for s in Staff.select().where(Staff.active == True).order_by(Staff.id)]  # noqa: E712


def template_for(category: str) -> tuple[str, str, str]:
    row = ReplyTemplate.get_or_none(ReplyTemplate.category == category)
    if row is not None:
        return row.situation, row.solution, row.when
    return replies.DEFAULT_TEMPLATES.get(category, ("", "", ""))


def _md_hm(at: dt.datetime) -> str:
    """A time in a reply to a customer (Chinese in every language)."""
    return f"{at.month}月{at.day}日{at:%H:%M}"  # zh-data  (not strftime("%-m"): Windows has no "%-m")


def template_facts(ticket_id: int) -> dict:
    """The facts a reply template is filled with: Chinese in every language (the customer reads it)."""
    d = get_ticket(ticket_id)
    facts = {"customer": d.customer_name_masked or "客户", "due": _md_hm(d.row.due_at)}  # zh-data
    parcels = linked_parcels(d.row.waybills, label=str)
    if parcels:
        p = parcels[0]
        facts.update(waybill=p.waybill, carrier=p.carrier,
                     arrival=_md_hm(p.arrived_at) if p.arrived_at else None,
                     status=p.status)
        parcel = Parcel.get_or_none(Parcel.waybill == p.waybill)
        if parcel is not None and parcel.pickup_code:
            facts["shelf_code"] = parcel.pickup_code
    return facts


def filled_template(ticket_id: int) -> tuple[str, str, str]:
    d = get_ticket(ticket_id)
    facts = template_facts(ticket_id)
    return tuple(replies.fill_template(part, facts) for part in template_for(d.row.category))


def open_items(staff_id: int, now: dt.datetime) -> list[OpenItem]:
    """Open tickets assigned to the person, for the handover note (交接)."""
    rows = list_tickets(0, 500, now=now, status="open", assignee_id=staff_id)
    items = []
    for r in rows:
        text = (_("工单#{id} {ref}{category}：{title}，{status}，{due} 到期（已超时）") if r.overdue(now)
                else _("工单#{id} {ref}{category}：{title}，{status}，{due} 到期"))
        ref = f"CRM {r.crm_number} " if r.crm_number else ""
        items.append(OpenItem("ticket", str(r.id), text.format(
            id=r.id, ref=ref, category=r.category, title=r.title, status=r.status_label,
            due=f"{r.due_at:%m-%d %H:%M}")))
    return items


# -- CRM import ------------------------------------------------------------------------------------
#: Columns of a CRM export (CSV in UTF-8/GBK, or XLSX first sheet).  Header names are matched
#: after trimming; English aliases accepted.
CRM_COLUMNS = {  # zh-data: the header names in the carrier's export
    "crm_number": ("CRM单号", "工单号", "crm_number"),
    "category": ("类别", "工单类型", "category"),
    "title": ("标题", "主题", "title"),
    "waybills": ("运单号", "waybills"),
    "customer_name": ("客户姓名", "customer_name"),
    "customer_phone": ("客户电话", "customer_phone"),
    "detail": ("内容", "工单内容", "detail"),
    "created_at": ("创建时间", "created_at"),
}
REQUIRED = ("crm_number", "category", "title")


@dataclass(frozen=True)
class ImportResult:
    created: int
    duplicates: tuple[str, ...]
    ids: tuple[int, ...] = field(default=())


def _parse_time(text: str) -> dt.datetime | None:
    text = (text or "").strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(text)


def parse_crm_file(path: Path) -> list[dict]:
    """Read and check a whole CRM export; raise ValidationError "第 N 行：…" at the first bad line.
    The file is read by :func:`outlet_desk.tables.read_table` (size, lines, encodings; closed)."""
    table = tables.read_table(path)
    index = table.columns(CRM_COLUMNS, REQUIRED, missing=_("缺少列 {names}（表头应含 CRM单号、类别、标题）。"))
    out, seen = [], set()
    for n, raw in table.rows:
        get = lambda k: (raw[index[k]] if k in index and index[k] < len(raw) else "")  # noqa: E731
        rec = {k: get(k) for k in CRM_COLUMNS}
        if not rec["crm_number"]:
            raise ValidationError(_("第 {line} 行：CRM单号为空。").format(line=n))
        if rec["crm_number"] in seen:
            raise ValidationError(_("第 {line} 行：CRM单号 {number} 在文件里重复。").format(
                line=n, number=rec["crm_number"]))
        seen.add(rec["crm_number"])
        if rec["category"] not in Ticket.CATEGORIES:
            raise ValidationError(_("第 {line} 行：类别“{category}”不对，只能是 {choices}。").format(
                line=n, category=rec["category"], choices=_listed(Ticket.CATEGORIES)))
        if not rec["title"]:
            raise ValidationError(_("第 {line} 行：标题为空。").format(line=n))
        phone = _digits(rec["customer_phone"])
        if rec["customer_phone"] and not (phone and 7 <= len(phone) <= 13):
            raise ValidationError(_("第 {line} 行：客户电话“{phone}”不对。").format(
                line=n, phone=rec["customer_phone"]))
        try:
            rec["created_at"] = _parse_time(rec["created_at"])
        except ValueError:
            raise ValidationError(_("第 {line} 行：创建时间“{text}”格式不对（应为 2026-06-07 09:30）。").format(
                line=n, text=rec["created_at"])) from None
        rec["line"] = n
        out.append(rec)
    return out


@operation("ticket.import_crm", N_("导入 CRM 工单"))
def import_crm(path, *, actor: Actor, now: dt.datetime) -> ImportResult:
    """Import a CRM export: all lines or none.  A CRM number already registered is skipped.

    Every ticket, its "opened" event and its customer-data audit row are prepared before the write
    transaction (what :func:`open_ticket` writes for one), which then only inserts them in bulk:
    a 20,000-line export holds the database for well under a second, never long enough to make a
    scan at the counter wait."""
    name = Path(path).name
    records = parse_crm_file(Path(path))
    origin = f"crm_import:{name}"
    prepared = []
    for rec in records:
        created_at = rec["created_at"] or now
        customer_name = rec["customer_name"] or None
        customer_phone = rec["customer_phone"] or None
        prepared.append((rec, stored_row(
            Ticket, source="crm", crm_number=rec["crm_number"], category=rec["category"],
            title=rec["title"], detail=rec["detail"], waybills=" ".join(_clean_waybills(rec["waybills"])),
            customer_name=customer_name, customer_phone=customer_phone,
            phone_digits=_digits(customer_phone), created_at=created_at, created_by=actor.id,
            due_at=due_time(rec["category"], created_at), origin=origin)))
    events = [stored_row(TicketEvent, ticket=None, at=row["created_at"], kind=TicketEvent.OPENED,
                         staff=actor.id, detail=f"{SOURCE_LABELS['crm']} · {rec['category']} · {rec['crm_number']}")
              for rec, row in prepared]
    numbers = [rec["crm_number"] for rec in records]
    with write_tx():
        existing = {n for (n,) in rows_where_in(Ticket.crm_number, numbers)}
        new = [(rec, row) for rec, row in prepared if rec["crm_number"] not in existing]
        dups = [rec["crm_number"] for rec, _ in prepared if rec["crm_number"] in existing]
        insert_rows(Ticket, [row for _, row in new])
        ids = dict(rows_where_in(Ticket.crm_number, [rec["crm_number"] for rec, _ in new], Ticket.id))
        fresh = []
        for (rec, _), event in zip(prepared, events):
            if rec["crm_number"] in ids:
                event["ticket"] = ids[rec["crm_number"]]
                fresh.append(event)
        insert_rows(TicketEvent, fresh)
        audit.record_many(actor, [
            {"action": "ticket.customer_data", "entity": "ticket", "entity_id": ids[rec["crm_number"]],
             "detail": {"name": row["customer_name"], "phone_tail": (row["customer_phone"] or "")[-4:]},
             "at": row["created_at"]}
            for rec, row in new if row["customer_name"] or row["customer_phone"]])
        audit.record(actor, "ticket.import_crm", entity="ticket", entity_id="",
                     detail={"file": name, "created": len(new), "duplicates": dups}, now=now)
    return ImportResult(len(new), tuple(dups), tuple(ids[rec["crm_number"]] for rec, _ in new))


# -- analysis --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Analysis:
    start: dt.date
    end: dt.date                                   # exclusive
    weeks: tuple[dt.date, ...]                     # Mondays
    by_week: dict                                  # {monday: {category: n}}
    by_category: dict                              # {category: n}
    total: int
    closed: int
    overdue: int                                   # replied late, or not replied and past due at `now`
    overdue_rate: float
    avg_close_hours: float | None
    ratings: dict
    repeat_customers: tuple[tuple[str, int], ...]  # (masked phone, tickets in period)


def analyse(start: dt.date, end: dt.date, *, now: dt.datetime) -> Analysis:
    """Tickets opened in [start, end): counts by week and category, overdue rate, time to close,
    satisfaction, and customers with more than one ticket (by phone)."""
    q = (Ticket.select(Ticket.category, Ticket.created_at, Ticket.due_at, Ticket.closed_at, Ticket.status,
                       Ticket.rating, Ticket.phone_digits, Ticket.replied_at)
         .where((Ticket.created_at >= dt.datetime.combine(start, dt.time()))
                & (Ticket.created_at < dt.datetime.combine(end, dt.time()))))
    by_week: dict = defaultdict(Counter)
    by_cat: Counter = Counter()
    ratings: Counter = Counter()
    phones: Counter = Counter()
    total = closed = overdue = 0
    hours = []
    for t in q.namedtuples():
        total += 1
        monday = t.created_at.date() - dt.timedelta(days=t.created_at.weekday())
        by_week[monday][t.category] += 1
        by_cat[t.category] += 1
        if t.replied_at is not None:
            if t.replied_at > t.due_at:
                overdue += 1
        elif now > t.due_at:
            overdue += 1
        if t.status == Ticket.CLOSED and t.closed_at:
            closed += 1
            hours.append((t.closed_at - t.created_at).total_seconds() / 3600)
            if t.rating:
                ratings[t.rating] += 1
        if t.phone_digits:
            phones[t.phone_digits] += 1
    first = start - dt.timedelta(days=start.weekday())
    weeks = []
    while first < end:
        weeks.append(first)
        first += dt.timedelta(days=7)
    repeat = tuple(sorted(((mask_phone(p), n) for p, n in phones.items() if n > 1), key=lambda x: -x[1]))
    return Analysis(start, end, tuple(weeks), {w: dict(by_week.get(w, {})) for w in weeks}, dict(by_cat),
                    total, closed, overdue, (overdue / total) if total else 0.0,
                    (sum(hours) / len(hours)) if hours else None, dict(ratings), repeat)


def month_range(month: str) -> tuple[dt.date, dt.date]:
    try:
        first = dt.datetime.strptime(month, "%Y-%m").date()
    except ValueError:
        raise ValidationError(_("月份格式应为 YYYY-MM，例如 2026-06。")) from None
    nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first, nxt
