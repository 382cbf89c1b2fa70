"""Notifying customers (通知取件): today's call list, grouped by phone, and the outcome of each call.

* :func:`call_list` — self-pickup parcels in stock that no one has told the customer about yet,
  one group per phone number, so a customer with three parcels gets one call.  It shows the FULL
  phone number (the clerk has to dial it), so every view is audited (``notify.phone_view``).
* :func:`record_outcome` — notified / no answer / out of service (停机 → problem parcel) / wrong
  number (→ problem parcel 其他).  One :class:`NotifyLog` row per parcel, a ``NOTIFIED`` parcel
  event when the customer was told; when every customer on the list has been called today, the
  duty ``CUSTOMERS_NOTIFIED`` is observed.
* :func:`message_text` — what to read out or send: codes, outlet address, opening hours, deadline.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from peewee import JOIN, fn

from .. import audit, changes, duty_events, settings
from ..db import write_tx
from ..errors import NotFound, ValidationError
from ..i18n import N_, _
from ..models import Parcel, ParcelEvent, Staff
from ..models.counter import NotifyLog
from ..models.duty import DutyEvent
from ..models.overdue import StorageExtension
from ..permissions import Actor, operation
from ..privacy import mask_name, mask_phone
from ..settings import SettingSpec, check_placeholders
from . import problems

#: What a notification template may use (filled by :func:`render`).
PLACEHOLDERS = ("outlet", "name", "count", "codes", "address", "hours", "deadline")

#: what a template may use, for the settings' help (notify's call text and sms's templates)
PLACEHOLDER_HELP_ZH = N_("可用占位符：{outlet} 网点名 {name} 客户 {count} 件数 {codes} 取件码 "
                         "{address} 地址 {hours} 营业时间 {deadline} 取件截止")
PLACEHOLDER_HELP = "Placeholders: {outlet} {name} {count} {codes} {address} {hours} {deadline}"

SETTINGS = [
    SettingSpec("notify.call_template",
                # zh-data: what the customer hears or reads (the outlet's customers read Chinese)
                "您好，我是{outlet}。您有{count}个包裹到了，取件码：{codes}。地址：{address}，"  # zh-data
                "营业时间 {hours}，请在 {deadline} 前来取，过期将退回。",  # zh-data
                "Call / message text", N_("通知话术"), section="stock",
                validate=check_placeholders(N_("通知话术"), PLACEHOLDERS),
                help_zh=PLACEHOLDER_HELP_ZH, help=PLACEHOLDER_HELP),
]

#: outcomes a clerk can record after a call
CALL_OUTCOMES = (NotifyLog.NOTIFIED, NotifyLog.NO_ANSWER, NotifyLog.OUT_OF_SERVICE,
                 NotifyLog.WRONG_NUMBER)
#: ``_(OUTCOME_LABELS[outcome])`` where shown
OUTCOME_LABELS = {NotifyLog.NOTIFIED: N_("已通知"), NotifyLog.NO_ANSWER: N_("无人接听"),
                  NotifyLog.OUT_OF_SERVICE: N_("停机"), NotifyLog.WRONG_NUMBER: N_("号码错误"),
                  NotifyLog.REMINDED: N_("已提醒")}
#: outcomes after which a parcel leaves the call list
_DONE = (NotifyLog.NOTIFIED, NotifyLog.OUT_OF_SERVICE, NotifyLog.WRONG_NUMBER)


@dataclass(frozen=True)
class CallParcel:
    id: int
    waybill: str
    carrier: str
    code: str
    shelf: str
    level: int | None
    arrived_at: dt.datetime
    deadline: dt.date


@dataclass(frozen=True)
class CallGroup:
    phone: str                 # full number: the clerk dials it (view audited)
    phone_masked: str
    name: str
    parcels: tuple[CallParcel, ...]
    attempts: int              # no-answer calls so far
    called_today: bool
    deadline: dt.date          # the earliest of the parcels'
    message: str

    @property
    def parcel_ids(self) -> tuple[int, ...]:
        return tuple(p.id for p in self.parcels)

    @property
    def codes(self) -> str:
        return "、".join(p.code for p in self.parcels if p.code)


@dataclass(frozen=True)
class OutcomeResult:
    phone_masked: str
    outcome: str
    parcel_ids: tuple[int, ...]
    attempts: int
    problems_opened: int
    list_done: bool            # every customer on today's list has now been called

    def message(self) -> str:
        label = _(OUTCOME_LABELS[self.outcome])
        if self.outcome == NotifyLog.NO_ANSWER:
            return _("{phone}：{outcome}（第 {n} 次）。").format(
                phone=self.phone_masked, outcome=label, n=self.attempts)
        if self.problems_opened:
            return _("{phone}：{outcome}，已登记 {n} 个问题件。").format(
                phone=self.phone_masked, outcome=label, n=self.problems_opened)
        return _("{phone}：{outcome}。").format(phone=self.phone_masked, outcome=label)


class _Safe(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def deadline_for(arrived_at: dt.datetime, storage_days: int) -> dt.date:
    """Last day the parcel waits for the customer: arrival day + the storage period."""
    return arrived_at.date() + dt.timedelta(days=int(storage_days))


#: "请在 {deadline} 前…" / "请于{deadline}前…" — the clause an overdue customer must not hear
_BEFORE_DEADLINE = re.compile(r"请?[在于]?\s*\{deadline\}\s*之?前")  # zh-data: customer text
_AFTER_EXPIRY = re.compile(r"[过逾]期(将|就会|会)?退回")  # zh-data
OVERDUE_ASK = "包裹已过保管期，请今天尽快"  # zh-data


def overdue_template(template: str) -> str:
    """The template as said to a customer whose deadline has passed: no date in the past.

    "请在 {deadline} 前来取，过期将退回" becomes "包裹已过保管期，请今天尽快来取，否则将退回";
    a ``{deadline}`` used any other way reads "今天"."""
    out = _BEFORE_DEADLINE.sub(OVERDUE_ASK, template)
    if out != template:
        out = _AFTER_EXPIRY.sub("否则将退回", out)  # zh-data
    return out.replace("{deadline}", "今天")  # zh-data


def render(template: str, *, name: str, codes: list[str], deadline: dt.date,
           values: dict | None = None, today: dt.date | None = None) -> str:
    """Fill a notification template.  Unknown placeholders are left as they are.

    With ``today`` given and the deadline before it, the customer is told the parcel is overdue
    and asked to come today, never "before" a day already past (:func:`overdue_template`)."""
    values = values or settings.get_many(["outlet.name", "outlet.address", "outlet.opening_hours"])
    if today is not None and deadline < today:
        template = overdue_template(template)
    data = _Safe(outlet=values["outlet.name"], address=values["outlet.address"],
                 hours=values["outlet.opening_hours"], name=mask_name(name) if name else "",
                 count=len(codes), codes="、".join(c for c in codes if c),  # zh-data
                 deadline=f"{deadline.month}月{deadline.day}日")  # zh-data: customer text
    try:
        return template.format_map(data)
    except (ValueError, IndexError):   # a stray brace in an edited template
        return template


def _pending_query(now: dt.datetime):
    """Self-pickup parcels in stock, arrived by ``now``, no open problem, customer not yet told."""
    done = (NotifyLog.select(NotifyLog.parcel)
            .where(NotifyLog.outcome.in_(_DONE)))
    # a manager's extension (overdue.extend) moves the deadline on
    extended = (StorageExtension.select(fn.MAX(StorageExtension.until))
                .where(StorageExtension.parcel == Parcel.id))
    return (Parcel.select(Parcel.id, Parcel.waybill, Parcel.carrier, Parcel.pickup_code,
                          Parcel.shelf, Parcel.level, Parcel.arrived_at, Parcel.recipient_name,
                          Parcel.recipient_phone, extended)
            .where((Parcel.status == Parcel.IN_STOCK) & (Parcel.category == Parcel.PICKUP)
                   & (Parcel.problem == False)  # noqa: E712
                   & (Parcel.arrived_at <= now)
                   & Parcel.recipient_phone.is_null(False) & (Parcel.recipient_phone != "")
                   & Parcel.id.not_in(done)))


def _deadline(arrived: dt.datetime, days: int, extended_until) -> dt.date:
    deadline = deadline_for(arrived, days)
    if extended_until:
        until = (extended_until if isinstance(extended_until, dt.date)
                 else dt.date.fromisoformat(str(extended_until)[:10]))
        deadline = max(deadline, until)
    return deadline


def _groups(now: dt.datetime) -> list[CallGroup]:
    rows = list(_pending_query(now).order_by(Parcel.arrived_at, Parcel.id).tuples())
    ids = [r[0] for r in rows]
    attempts: dict[int, int] = {}
    called: set[int] = set()
    if ids:
        for chunk in _chunks(ids, 500):
            q = (NotifyLog.select(NotifyLog.parcel, fn.COUNT(NotifyLog.id),
                                  fn.MAX(NotifyLog.day))
                 .where(NotifyLog.parcel.in_(chunk) & (NotifyLog.outcome == NotifyLog.NO_ANSWER))
                 .group_by(NotifyLog.parcel).tuples())
            for pid, count, last_day in q:
                attempts[pid] = int(count)
                if str(last_day) == now.date().isoformat():
                    called.add(pid)
    values = settings.get_many(["outlet.name", "outlet.address", "outlet.opening_hours",
                                "storage.days", "notify.call_template"])
    days = values["storage.days"]
    by_phone: dict[str, list] = defaultdict(list)
    for row in rows:
        by_phone[row[8]].append(row)
    out = []
    for phone, items in by_phone.items():
        parcels = tuple(CallParcel(pid, wb, carrier, code or "", shelf or "", level, arrived,
                                   _deadline(arrived, days, until))
                        for pid, wb, carrier, code, shelf, level, arrived, _n, _p, until in items)
        name = next((r[7] for r in items if r[7]), "")
        deadline = min(p.deadline for p in parcels)
        message = render(values["notify.call_template"], name=name,
                         codes=[p.code for p in parcels], deadline=deadline, values=values,
                         today=now.date())
        out.append(CallGroup(phone=phone, phone_masked=mask_phone(phone), name=mask_name(name),
                             parcels=parcels,
                             attempts=max(attempts.get(p.id, 0) for p in parcels),
                             called_today=any(p.id in called for p in parcels),
                             deadline=deadline, message=message))
    # not yet called today first, then fewest attempts, then earliest deadline
    out.sort(key=lambda g: (g.called_today, g.attempts, g.deadline, g.parcels[0].arrived_at))
    return out


def _chunks(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


@operation("notify.phone_view", N_("查看待通知客户电话"))
def call_list(*, actor: Actor, now: dt.datetime) -> list[CallGroup]:
    """Today's call list.  Shows full phone numbers, so the view itself is audited."""
    groups = _groups(now)
    with write_tx():
        audit.record(actor, "notify.phone_view", entity="call_list", entity_id=now.date(),
                     detail={"customers": len(groups),
                             "parcels": sum(len(g.parcels) for g in groups)}, now=now)
    return groups


def pending_summary(now: dt.datetime) -> dict:
    """Counts for a home screen or day close, without showing any number (not audited)."""
    groups = _groups(now)
    return {"customers": len(groups), "parcels": sum(len(g.parcels) for g in groups),
            "not_called_today": sum(1 for g in groups if not g.called_today)}


@operation("notify.record", N_("记录通知结果"))
def record_outcome(parcel_ids, outcome: str, note: str = "", *, actor: Actor,
                   now: dt.datetime) -> OutcomeResult:
    """Record one call's outcome for all the parcels of that customer."""
    if outcome not in CALL_OUTCOMES:
        raise ValidationError(_("通知结果只能是：已通知、无人接听、停机、号码错误。"))
    ids = sorted({int(i) for i in parcel_ids})
    if not ids:
        raise ValidationError(_("请先在通知列表里选一位客户。"))
    problems_opened = 0
    with write_tx():
        parcels = list(Parcel.select().where(Parcel.id.in_(ids)))
        if len(parcels) != len(ids):
            raise NotFound(_("有包裹已不在系统里，请刷新通知列表。"))
        phones = {p.recipient_phone for p in parcels}
        if len(phones) != 1 or not next(iter(phones)):
            raise ValidationError(_("一次通话只能记录同一个电话号码的包裹。"))
        for p in parcels:
            if p.status != Parcel.IN_STOCK:
                raise ValidationError(_("{waybill} 已不在库（{status}），请刷新通知列表。").format(
                    waybill=p.waybill, status=p.status))
        phone = parcels[0].recipient_phone
        attempts = 0
        if outcome == NotifyLog.NO_ANSWER:
            previous = (NotifyLog.select(NotifyLog.parcel, fn.COUNT(NotifyLog.id))
                        .where(NotifyLog.parcel.in_(ids)
                               & (NotifyLog.outcome == NotifyLog.NO_ANSWER))
                        .group_by(NotifyLog.parcel).tuples())
            attempts = max([int(c) for _p, c in previous] or [0]) + 1
        for p in parcels:
            NotifyLog.create(parcel=p, day=now.date(), at=now, channel=NotifyLog.CALL,
                             outcome=outcome, attempt=max(attempts, 1), staff=actor.id,
                             note=note or "")
            if outcome == NotifyLog.NOTIFIED:
                ParcelEvent.create(parcel=p, at=now, kind=ParcelEvent.NOTIFIED, staff=actor.id,
                                   detail="电话通知")  # zh-data: stored event
        if outcome == NotifyLog.OUT_OF_SERVICE:
            for p in parcels:
                if not p.problem:
                    problems.open_problem(p.id, "停机", note or "通知取件时电话停机",  # zh-data: stored
                                          actor=actor, now=now)
                    problems_opened += 1
        elif outcome == NotifyLog.WRONG_NUMBER:
            for p in parcels:
                if not p.problem:
                    problems.open_problem(p.id, "其他", note or "通知取件时电话号码错误",  # zh-data: stored
                                          actor=actor, now=now)
                    problems_opened += 1
        audit.record(actor, "notify.record", entity="phone", entity_id=mask_phone(phone),
                     detail={"outcome": outcome, "parcels": ids, "attempt": attempts}, now=now)
        done = _observe_if_worked_through(actor, now)
    return OutcomeResult(mask_phone(phone), outcome, tuple(ids), attempts, problems_opened, done)


def _observe_if_worked_through(actor: Actor, now: dt.datetime) -> bool:
    """Every customer on today's list has been called today → the duty is done (once a day)."""
    remaining = [g for g in _groups(now) if not g.called_today]
    if remaining:
        return False
    already = (DutyEvent.select().where((DutyEvent.day == now.date())
                                        & (DutyEvent.key == duty_events.CUSTOMERS_NOTIFIED))
               .exists())
    if not already:
        duty_events.observe(duty_events.CUSTOMERS_NOTIFIED, actor=actor, now=now,
                            detail="今日通知列表已全部拨打")  # zh-data: stored
    return True


@dataclass(frozen=True)
class LogRow:
    at: dt.datetime
    channel: str
    outcome: str
    attempt: int
    staff_name: str
    note: str


def history(parcel_id: int) -> list[LogRow]:
    """A parcel's notification log, newest first."""
    q = (NotifyLog.select(NotifyLog.at, NotifyLog.channel, NotifyLog.outcome, NotifyLog.attempt,
                          Staff.name, NotifyLog.note)
         .join(Staff, JOIN.LEFT_OUTER, on=(NotifyLog.staff == Staff.id))
         .where(NotifyLog.parcel == parcel_id).order_by(NotifyLog.id.desc()).tuples())
    return [LogRow(at, ch, oc, att, name or "", note) for at, ch, oc, att, name, note in q]


CHANGES = frozenset({changes.PARCELS})


        # the rest: still to call
