"""Handover notes (交接): before leave, and at the change of shift.

The eve of approved leave, the leaving person's open items are gathered automatically
(:func:`outlet_desk.openitems.collect`: notebook, problem parcels, tickets, returns …) into a note;
they write it and may add items by hand.  The colleague acknowledges item by item; assignable items
move to them (notebook items and tickets directly, others recorded here as ``moved_to``).
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from .. import audit, changes, openitems
from ..dates import md, md_range
from ..db import write_tx
from ..errors import DomainError, NotFound, PermissionDenied, ValidationError
from ..i18n import N_, _
from ..inbound.problems import age_text
from ..models import Staff
from ..models.problems import ProblemRecord
from ..models.roster import Handover, HandoverItem, LeaveRequest
from ..models.tickets import Ticket
from ..permissions import ANY_STAFF, Actor, operation
from ..tickets import replies
from . import roster, tasks

CHANGES = frozenset({changes.TASKS, changes.TICKETS})
log = logging.getLogger("outlet_desk.handover")


@dataclass(frozen=True)
class ItemInfo:
    id: int
    kind: str
    ref: str
    title: str
    assignable: bool
    manual: bool
    acknowledged: bool
    since: dt.datetime | None = None     # open since: the age is shown as of reading, not writing

    def label(self, now: dt.datetime) -> str:
        """The title with the item's live age ("已 2小时"), as the colleague reads it now."""
        title = _FROZEN_AGE.sub("", self.title)      # notes written before the age went live
        if not self.since:
            return title
        return _("{title}（已 {age}）").format(title=title, age=age_text(now - self.since))


@dataclass(frozen=True)
class HandoverInfo:
    id: int
    kind: str
    author_id: int
    author: str
    receiver_id: int | None
    receiver: str
    day: dt.date
    note: str
    written: bool
    acknowledged: bool
    leave_id: int | None
    leave_text: str
    items: tuple[ItemInfo, ...]

    @property
    def open_items(self) -> int:
        return sum(1 for i in self.items if not i.acknowledged)


KIND_ZH = {"notebook": N_("本子"), "problem": N_("问题件"), "ticket": N_("工单"),
           "return": N_("退件"), "manual": N_("手写")}


def kind_text(kind: str) -> str:
    """An item's kind as the person reads it (本子 / "Notebook")."""
    return _(KIND_ZH[kind]) if kind in KIND_ZH else kind


_FROZEN_AGE = re.compile(r"（已 [0-9天小时分钟]+）$")  # zh-data: a regular expression


def _since(rows: list[HandoverItem]) -> dict[tuple[str, str], dt.datetime]:
    """When each gathered item became open, looked up now (one query per kind)."""
    refs = [int(r.ref) for r in rows if r.kind == "problem" and r.ref.isdigit()]
    if not refs:
        return {}
    return {("problem", str(i)): at for i, at in ProblemRecord.select(ProblemRecord.id, ProblemRecord.opened_at)
            .where(ProblemRecord.id.in_(refs)).tuples()}


def _names() -> dict[int, str]:
    return dict(Staff.select(Staff.id, Staff.name).tuples())


def _views(handovers: list[Handover]) -> list[HandoverInfo]:
    if not handovers:
        return []
    names = _names()
    items: dict[int, list[ItemInfo]] = {h.id: [] for h in handovers}
    rows = list(HandoverItem.select().where(HandoverItem.handover.in_(list(items))).order_by(HandoverItem.id))
    since = _since(rows)
    for it in rows:
        items[it.handover_id].append(ItemInfo(it.id, it.kind, it.ref, it.title, it.assignable,
                                              it.manual, it.acknowledged_at is not None,
                                              since.get((it.kind, it.ref))))
    leaves = {r.id: r for r in LeaveRequest.select().where(
        LeaveRequest.id.in_([h.leave_id for h in handovers if h.leave_id]))}
    out = []
    for h in handovers:
        lv = leaves.get(h.leave_id)
        text = ""
        if lv:
            # the leave kind in the person's language (leave.kind_text; leave imports this module)
            text = f"{_(lv.kind)} {md_range(lv.start, lv.end)}"
        out.append(HandoverInfo(h.id, h.kind, h.author_id, names.get(h.author_id, ""),
                                h.receiver_id, names.get(h.receiver_id, "") if h.receiver_id else "",
                                h.day, h.note, h.written_at is not None,
                                h.acknowledged_at is not None, h.leave_id, text,
                                tuple(items[h.id])))
    return out


def get(handover_id: int) -> HandoverInfo:
    h = Handover.get_or_none(Handover.id == handover_id)
    if h is None:
        raise NotFound(_("没有这份交接。"))
    return _views([h])[0]


def _receiver_for(author_id: int, day: dt.date) -> int | None:
    others = roster.on_duty(day, exclude=author_id, include_pending=False)
    return others[0] if len(others) == 1 else None


def _collect(staff_id: int, now: dt.datetime) -> list[openitems.OpenItem]:
    """Everyone's open items of the person; a fault in one capability's list must not keep the
    start screen from opening, so it falls back to the notebook (and is logged)."""
    try:
        return openitems.collect(staff_id, now)
    except Exception:  # noqa: BLE001
        log.exception("gathering open items for the handover failed")
        return tasks.open_items(staff_id, now)


def _gather(h: Handover, author_id: int, now: dt.datetime) -> int:
    known = {(k, r) for k, r in HandoverItem.select(HandoverItem.kind, HandoverItem.ref)
             .where(HandoverItem.handover == h.id).tuples()}
    added = 0
    for item in _collect(author_id, now):
        if (item.kind, item.ref) in known:
            continue
        HandoverItem.create(handover=h, kind=item.kind, ref=item.ref, title=item.title,
                            assignable=item.assignable)
        added += 1
    return added


def prepare(*, now: dt.datetime) -> int:
    """Create the handover note of every approved leave that starts tomorrow (or already started
    without one), with the leaving person's open items; notes not yet written are topped up with
    items that appeared since.  Safe to call often (the start screen does)."""
    today = now.date()
    q = LeaveRequest.select().where(
        (LeaveRequest.status == LeaveRequest.APPROVED)
        & (LeaveRequest.start <= today + dt.timedelta(days=1)) & (LeaveRequest.end >= today))
    existing = {h.leave_id: h for h in Handover.select().where(
        Handover.leave.in_([r.id for r in q]))} if q.exists() else {}
    work = []
    for r in q:
        h = existing.get(r.id)
        if h is not None and (h.written_at is not None or h.acknowledged_at is not None):
            continue
        known = set() if h is None else {(k, ref) for k, ref in HandoverItem.select(
            HandoverItem.kind, HandoverItem.ref).where(HandoverItem.handover == h.id).tuples()}
        new = [i for i in _collect(r.staff_id, now) if (i.kind, i.ref) not in known]
        if new:          # nothing open: nothing to hand over (a note can still go as a shift note)
            work.append((r, h, new))
    if not work:
        return 0
    with write_tx():
        for r, h, new in work:
            if h is None:
                h = Handover.create(kind=Handover.LEAVE, author=r.staff_id, leave=r.id, day=r.start,
                                    receiver=_receiver_for(r.staff_id, r.start), created_at=now)
            for item in new:
                HandoverItem.create(handover=h, kind=item.kind, ref=item.ref, title=item.title,
                                    assignable=item.assignable)
    return len(work)


def _checked(note: str, extra) -> tuple[str, list[str]]:
    """The colleague reads the note and the items written by hand: the CRM reply rule applies
    (no "处理中"-style non-answer, disguised or not)."""
    note = replies.check_text(note, label=_("交接说明"))
    extra = [replies.check_text(e, label=_("交接事项“{text}”").format(text=e.strip()[:12]))
             for e in extra if e and e.strip()]
    return note, extra


@operation("handover.write", N_("写交接"), ANY_STAFF)
def write_note(handover_id: int, note: str, extra: list[str] | tuple = (), *, actor: Actor,
               now: dt.datetime) -> HandoverInfo:
    """The leaving person writes the note (and adds items by hand); open items are gathered again."""
    note, extra = _checked(note, extra)
    with write_tx():
        h = Handover.get_or_none(Handover.id == handover_id)
        if h is None:
            raise NotFound(_("没有这份交接。"))
        if h.author_id != actor.id:
            raise PermissionDenied(_("只有交出工作的人可以写这份交接。"))
        if h.acknowledged_at is not None:
            raise DomainError(_("同事已经签收了这份交接。"))
        if not note and not extra and not HandoverItem.select().where(
                HandoverItem.handover == h.id).exists():
            raise ValidationError(_("交接要写几句说明，或者加上要交接的事情。"))
        _gather(h, actor.id, now)
        for text in extra:
            HandoverItem.create(handover=h, kind="manual", title=text, assignable=False, manual=True)
        h.note, h.written_at = note, now
        h.save()
        audit.record(actor, "handover.write", entity="handover", entity_id=h.id,
                     detail={"items": HandoverItem.select().where(HandoverItem.handover == h.id).count()},
                     now=now)
    return get(h.id)


@operation("handover.shift", N_("交班"), ANY_STAFF)
def hand_over_shift(note: str, extra: list[str] | tuple = (), *, actor: Actor,
                    now: dt.datetime) -> HandoverInfo:
    """At the change of shift: the note and the open items go to the arriving colleague's start
    screen (and stay there the next morning) until acknowledged."""
    note, extra = _checked(note, extra)
    with write_tx():
        receiver = _receiver_for(actor.id, now.date())
        if receiver is None:
            receiver = _receiver_for(actor.id, now.date() + dt.timedelta(days=1))
        h = Handover.create(kind=Handover.SHIFT, author=actor.id, receiver=receiver, day=now.date(),
                            note=note, created_at=now, written_at=now)
        _gather(h, actor.id, now)
        for text in extra:
            HandoverItem.create(handover=h, kind="manual", title=text, assignable=False, manual=True)
        if not note and not HandoverItem.select().where(HandoverItem.handover == h.id).exists():
            raise ValidationError(_("没有要交接的事情：写几句交班说明再交。"))
        audit.record(actor, "handover.shift", entity="handover", entity_id=h.id,
                     detail={"receiver": receiver}, now=now)
    return get(h.id)


def _may_receive(h: Handover, actor: Actor) -> bool:
    if h.author_id == actor.id:
        return False
    return h.receiver_id in (None, actor.id) or actor.is_manager


def _move(item: HandoverItem, to: int) -> None:
    if item.kind == "notebook":
        tasks.reassign_note(int(item.ref), to)
    elif item.kind == "ticket":
        Ticket.update(assignee=to).where(Ticket.id == int(item.ref)).execute()
    item.moved_to = to


@operation("handover.ack", N_("签收交接"), ANY_STAFF)
def acknowledge_item(item_id: int, *, actor: Actor, now: dt.datetime) -> HandoverInfo:
    """The colleague takes over one item; the note is acknowledged when its last item is."""
    with write_tx():
        item = HandoverItem.get_or_none(HandoverItem.id == item_id)
        if item is None:
            raise NotFound(_("交接里没有这一项。"))
        h = item.handover
        if not _may_receive(h, actor):
            raise PermissionDenied(_("这份交接要由接班的同事签收。"))
        if item.acknowledged_at is None:
            item.acknowledged_at, item.acknowledged_by = now, actor.id
            if item.assignable:
                _move(item, actor.id)
            item.save()
            audit.record(actor, "handover.ack_item", entity="handover", entity_id=h.id,
                         detail={"item": item.id, "kind": item.kind, "ref": item.ref,
                                 "moved_to": item.moved_to_id}, now=now)
        left = HandoverItem.select().where((HandoverItem.handover == h.id)
                                           & HandoverItem.acknowledged_at.is_null()).count()
        if not left and h.acknowledged_at is None:
            h.acknowledged_at, h.acknowledged_by = now, actor.id
            if h.receiver_id is None:
                h.receiver = actor.id
            h.save()
    return get(h.id)


@operation("handover.ack_note", N_("签收交接说明"), ANY_STAFF)
def acknowledge_note(handover_id: int, *, actor: Actor, now: dt.datetime) -> HandoverInfo:
    """Acknowledge a note whose items are all taken over (or that has none)."""
    with write_tx():
        h = Handover.get_or_none(Handover.id == handover_id)
        if h is None:
            raise NotFound(_("没有这份交接。"))
        if not _may_receive(h, actor):
            raise PermissionDenied(_("这份交接要由接班的同事签收。"))
        left = HandoverItem.select().where((HandoverItem.handover == h.id)
                                           & HandoverItem.acknowledged_at.is_null()).count()
        if left:
            raise DomainError(_("还有 {left} 项没有逐项签收。").format(left=left))
        if h.acknowledged_at is None:
            h.acknowledged_at, h.acknowledged_by = now, actor.id
            if h.receiver_id is None:
                h.receiver = actor.id
            h.save()
            audit.record(actor, "handover.ack", entity="handover", entity_id=h.id, now=now)
    return get(h.id)


def to_acknowledge(actor: Actor, now: dt.datetime) -> list[HandoverInfo]:
    """Notes waiting for this person: shift notes, and leave notes once written or once the leave
    has started."""
    q = Handover.select().where(Handover.acknowledged_at.is_null() & (Handover.author != actor.id)
                                & (Handover.receiver.is_null() | (Handover.receiver == actor.id)))
    found = [h for h in q.order_by(Handover.day, Handover.id)
             if h.written_at is not None or h.day <= now.date()]
    if actor.is_manager:      # a manager receives nothing by default; they see flags instead
        return []
    return _views(found)


def to_write(actor: Actor, now: dt.datetime) -> list[HandoverInfo]:
    """Leave handovers the person still has to write."""
    q = Handover.select().where((Handover.author == actor.id) & Handover.written_at.is_null()
                                & Handover.acknowledged_at.is_null() & (Handover.day >= now.date()))
    return _views(list(q.order_by(Handover.day)))


def mine(actor: Actor, *, limit: int = 20) -> list[HandoverInfo]:
    q = Handover.select().where((Handover.author == actor.id) | (Handover.receiver == actor.id)) \
        .order_by(Handover.id.desc()).limit(limit)
    return _views(list(q))


@dataclass(frozen=True)
class Flag:
    day: dt.date
    text: str


def flags(now: dt.datetime) -> list[Flag]:
    """For the manager: approved leave whose handover is not written by its eve."""
    today = now.date()
    names = _names()
    out = []
    q = (Handover.select().join(LeaveRequest, on=(Handover.leave == LeaveRequest.id))
         .where((Handover.kind == Handover.LEAVE) & Handover.written_at.is_null()
                & (LeaveRequest.status == LeaveRequest.APPROVED) & (LeaveRequest.end >= today)
                & (Handover.day <= today + dt.timedelta(days=1))))
    for h in q:
        n = HandoverItem.select().where(HandoverItem.handover == h.id).count()
        if not n:
            continue
        out.append(Flag(h.day, _("{name} {date}起休假，还有 {n} 项没写交接。").format(
            name=names.get(h.author_id, ""), date=md(h.day), n=n)))
    return out
