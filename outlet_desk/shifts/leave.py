"""Leave (请假/休息): the rules, the request → colleague → manager flow, balances.

Every rule lives here once, its number in settings.  A broken rule refuses the request with a
message naming the rule; a manager may let it pass with a reason (audited).  The weekly rest rule
is reported on the roster, not refused (see :func:`roster.rest_week_problems`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import audit, changes, settings
from ..dates import md, md_range
from ..db import write_tx
from ..errors import DomainError, NotFound, PermissionDenied, ValidationError
from ..i18n import N_, _
from ..models import Staff
from ..models.roster import REST_KIND, LeaveRequest, SwapRequest
from ..permissions import ANY_STAFF, MANAGER_ONLY, Actor, operation
from ..settings import SettingSpec
from . import roster

# the kinds are words stored in the database; :func:`kind_text` shows one in the person's language
KINDS = ("休息", "事假", "病假", "年假")  # zh-data
#: kinds that make a run of days off (sick leave is not planned, so it never breaks the run rule)
RUN_KINDS = ("休息", "事假", "年假")  # zh-data
_KIND_NAMES = (N_("休息"), N_("事假"), N_("病假"), N_("年假"))   # the same words, for the catalog


def kind_text(kind: str) -> str:
    """A leave kind ("事假") as the person reads it ("Personal leave" in English mode)."""
    return _(kind) if kind in KINDS else kind

SETTINGS = [
    SettingSpec("leave.rest_days_per_month", 4, "Rest days per month", N_("每月休息天数"), kind="int",
                section="shifts", minimum=0, maximum=15),
    SettingSpec("leave.max_consecutive_days", 3, "Most consecutive days off", N_("最多连休天数"),
                kind="int", section="shifts", minimum=1, maximum=31),
    SettingSpec("leave.min_rest_per_week", 1, "Rest days per week at least (reported)",
                N_("每周至少休息天数（提示）"), kind="int", section="shifts", minimum=0, maximum=7),
    SettingSpec("leave.keep_staffed", True, "Never leave the outlet unstaffed",
                N_("门店不能无人值班"), kind="bool", section="shifts"),
]

CHANGES = frozenset({changes.LEAVE, changes.ROSTER})


class LeaveRuleBroken(DomainError):
    """A leave rule refused the request; ``rules`` names them (a manager may override)."""

    def __init__(self, message: str, rules: tuple[str, ...]):
        super().__init__(message)
        self.rules = rules


@dataclass(frozen=True)
class RuleBreak:
    rule: str        # the rule's name in Chinese (stored with an override), see ``message``
    message: str


@dataclass(frozen=True)
class LeaveInfo:
    id: int
    staff_id: int
    staff: str
    kind: str
    start: dt.date
    end: dt.date
    reason: str
    status: str
    created_at: dt.datetime
    seen: bool
    override_reason: str | None
    decision_note: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def dates_text(self) -> str:
        return md_range(self.start, self.end)


STATUS_ZH = {"pending": N_("待批准"), "approved": N_("已批准"), "rejected": N_("未批准"),
             "cancelled": N_("已撤回")}


def status_text(status: str) -> str:
    """A request's status as the person reads it (待批准 / "Waiting for approval")."""
    return _(STATUS_ZH[status]) if status in STATUS_ZH else status


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def _info(r: LeaveRequest, names: dict) -> LeaveInfo:
    return LeaveInfo(r.id, r.staff_id, names.get(r.staff_id, ""), r.kind, r.start, r.end, r.reason,
                     r.status, r.created_at, r.seen_at is not None, r.override_reason,
                     r.decision_note)


def _names() -> dict[int, str]:
    return dict(Staff.select(Staff.id, Staff.name).tuples())


def _taken(staff_id: int, exclude: int | None, lo: dt.date, hi: dt.date) -> dict[dt.date, str]:
    """Days the person already has leave on (pending or approved), day -> kind."""
    q = LeaveRequest.select().where(
        (LeaveRequest.staff == staff_id)
        & LeaveRequest.status.in_([LeaveRequest.PENDING, LeaveRequest.APPROVED])
        & (LeaveRequest.start <= hi) & (LeaveRequest.end >= lo))
    if exclude:
        q = q.where(LeaveRequest.id != exclude)
    out = {}
    for r in q:
        for d in _days(max(r.start, lo), min(r.end, hi)):
            out[d] = r.kind
    return out


def _roster_rest(staff_id: int, lo: dt.date, hi: dt.date) -> set[dt.date]:
    """Days the roster itself gives the person off (a "休" cell set by the manager)."""
    days = _days(lo, hi)
    base = roster.base_posts(days, [staff_id], "plan")
    return {d for d in days if base[(staff_id, d)] == roster.REST}


def check_rules(staff_id: int, kind: str, start: dt.date, end: dt.date, *,
                exclude: int | None = None) -> list[RuleBreak]:
    """Every rule the request would break (empty: it may go ahead)."""
    values = settings.get_many(["leave.rest_days_per_month", "leave.max_consecutive_days",
                                "leave.keep_staffed"])
    new = _days(start, end)
    breaks: list[RuleBreak] = []
    # rest quota, per calendar month touched
    if kind == REST_KIND:
        quota = int(values["leave.rest_days_per_month"])
        for month in sorted({roster.month_key(d) for d in new}):
            mdays = roster.month_days(month)
            taken = _taken(staff_id, exclude, mdays[0], mdays[-1])
            rested = {d for d, k in taken.items() if k == REST_KIND} \
                | _roster_rest(staff_id, mdays[0], mdays[-1])
            asked_days = {d for d in new if roster.month_key(d) == month} - rested
            used, asked = len(rested), len(asked_days)
            if used + asked > quota:
                y, m = month.split("-")
                breaks.append(RuleBreak(
                    f"每月休息 {quota} 天",  # zh-data: the rule's name stored with an override
                    _("违反“每月休息 {quota} 天”：{month}月已休/已申请 {used} 天，"
                      "再休 {asked} 天就超过 {quota} 天。").format(
                        quota=quota, month=int(m), used=used, asked=asked)))
    # consecutive days off; a run crossing a month boundary is one run
    if kind in RUN_KINDS:
        longest = int(values["leave.max_consecutive_days"])
        lo, hi = start - dt.timedelta(days=40), end + dt.timedelta(days=40)
        around = _taken(staff_id, exclude, lo, hi)
        off = {d for d, k in around.items() if k in RUN_KINDS} | set(new) \
            | _roster_rest(staff_id, lo, hi)
        a, b = start, end
        while a - dt.timedelta(days=1) in off:
            a -= dt.timedelta(days=1)
        while b + dt.timedelta(days=1) in off:
            b += dt.timedelta(days=1)
        run = (b - a).days + 1
        if run > longest:
            breaks.append(RuleBreak(
                f"最多连休 {longest} 天",  # zh-data: the rule's name stored with an override
                _("违反“最多连休 {longest} 天”：{first}至{last}连休 {run} 天。").format(
                    longest=longest, first=md(a), last=md(b), run=run)))
    # the outlet must stay staffed
    if values["leave.keep_staffed"]:
        weekdays = roster.open_weekdays()
        for d in new:
            if roster.is_open(d, weekdays) and not roster.on_duty(d, exclude=staff_id):
                breaks.append(RuleBreak(
                    "门店不能无人值班",  # zh-data: the rule's name stored with an override
                    _("违反“门店不能无人值班”：{day}没有其他人上班（同事也休息或请假）。").format(
                        day=md(d))))
                break
    return breaks


def _refusal(breaks: list[RuleBreak]) -> LeaveRuleBroken:
    text = breaks[0].message
    if len(breaks) > 1:
        text += _("（另有 {n} 条规则也不符合）").format(n=len(breaks) - 1)
    return LeaveRuleBroken(text, tuple(b.rule for b in breaks))


@operation("leave.request", N_("请假"), ANY_STAFF)
def request_leave(kind: str, start: dt.date, end: dt.date | None = None, reason: str = "", *,
                  staff_id: int | None = None, override_reason: str | None = None,
                  actor: Actor, now: dt.datetime) -> LeaveInfo:
    """A leave request.  A clerk asks for themself; a manager may enter it for anyone, and with an
    ``override_reason`` let a broken rule pass (the leave is then approved at once, audited)."""
    end = end or start
    staff_id = staff_id or actor.id
    reason = (reason or "").strip()
    if kind not in KINDS:
        raise ValidationError(_("请假类型只能是：{kinds}。").format(
            kinds=_("、").join(kind_text(k) for k in KINDS)))
    if end < start:
        raise ValidationError(_("结束日期早于开始日期。"))
    if (end - start).days > 60:
        raise ValidationError(_("一次请假最多 60 天。"))
    if kind != REST_KIND and not reason:
        raise ValidationError(_("请写上{kind}的原因。").format(kind=kind_text(kind)))
    if staff_id != actor.id and not actor.is_manager:
        raise PermissionDenied(_("只能为自己请假。"))
    override = (override_reason or "").strip() if override_reason is not None else None
    if override is not None:
        if not actor.is_manager:
            raise PermissionDenied(_("只有店长可以破例批准。"))
        if not override:
            raise ValidationError(_("破例批准要写明原因。"))
    with write_tx():
        person = Staff.get_or_none(Staff.id == staff_id)
        if person is None:
            raise NotFound(_("没有这个员工。"))
        if _taken(staff_id, None, start, end):
            raise ValidationError(_("这几天里已经有请假记录，不能重复申请。"))
        breaks = check_rules(staff_id, kind, start, end)
        if breaks and override is None:
            raise _refusal(breaks)
        approved = override is not None
        r = LeaveRequest.create(
            staff=staff_id, kind=kind, start=start, end=end, reason=reason,
            status=LeaveRequest.APPROVED if approved else LeaveRequest.PENDING, created_at=now,
            created_by=actor.id, decided_at=now if approved else None,
            decided_by=actor.id if approved else None, override_reason=override if breaks else None,
            rules_overridden="；".join(b.rule for b in breaks))
        audit.record(actor, "leave.request", entity="leave", entity_id=r.id,
                     detail={"staff": staff_id, "kind": kind, "start": start, "end": end,
                             "reason": reason}, now=now)
        if approved:
            audit.record(actor, "leave.override" if breaks else "leave.approve", entity="leave",
                         entity_id=r.id, detail={"rules": [b.message for b in breaks],
                                                 "reason": override}, now=now)
    info = _info(r, _names())
    if approved:
        from . import handover  # lazy: leave loads before the login; handover pulls inbound and tickets
        handover.prepare(now=now)
    return info


@operation("leave.decide", N_("批准/驳回请假"), MANAGER_ONLY)
def decide_leave(leave_id: int, approve: bool, note: str = "", *, override_reason: str | None = None,
                 actor: Actor, now: dt.datetime) -> LeaveInfo:
    """Approve (the rules are checked again: the roster may have changed) or reject."""
    with write_tx():
        r = LeaveRequest.get_or_none(LeaveRequest.id == leave_id)
        if r is None:
            raise NotFound(_("没有这个请假申请。"))
        if r.status != LeaveRequest.PENDING:
            raise DomainError(_("这个请假申请已经处理过了。"))
        breaks = check_rules(r.staff_id, r.kind, r.start, r.end, exclude=r.id) if approve else []
        override = (override_reason or "").strip()
        if breaks and not override:
            raise _refusal(breaks)
        r.status = LeaveRequest.APPROVED if approve else LeaveRequest.REJECTED
        r.decided_at, r.decided_by, r.decision_note = now, actor.id, (note or "").strip()
        if breaks:
            r.override_reason = override
            r.rules_overridden = "；".join(b.rule for b in breaks)
        r.save()
        action = "leave.override" if breaks else ("leave.approve" if approve else "leave.reject")
        audit.record(actor, action, entity="leave", entity_id=r.id,
                     detail={"note": r.decision_note, "rules": [b.message for b in breaks],
                             "reason": override or None}, now=now)
    info = _info(r, _names())
    if approve:
        from . import handover  # lazy: leave loads before the login; handover pulls inbound and tickets
        handover.prepare(now=now)
    return info


@operation("leave.cancel", N_("撤回请假"), ANY_STAFF)
def cancel_leave(leave_id: int, *, actor: Actor, now: dt.datetime) -> LeaveInfo:
    with write_tx():
        r = LeaveRequest.get_or_none(LeaveRequest.id == leave_id)
        if r is None:
            raise NotFound(_("没有这个请假申请。"))
        if r.staff_id != actor.id and not actor.is_manager:
            raise PermissionDenied(_("只能撤回自己的请假。"))
        if r.status != LeaveRequest.PENDING and not actor.is_manager:
            raise DomainError(_("已经批准的请假要找店长撤销。"))
        if r.status in (LeaveRequest.REJECTED, LeaveRequest.CANCELLED):
            raise DomainError(_("这个请假已经不在了。"))
        r.status = LeaveRequest.CANCELLED
        r.save()
        audit.record(actor, "leave.cancel", entity="leave", entity_id=r.id, now=now)
    return _info(r, _names())


@operation("leave.seen", N_("同事已知晓请假"), ANY_STAFF)
def mark_seen(leave_id: int, *, actor: Actor, now: dt.datetime) -> LeaveInfo:
    """The colleague has seen the request (the step before the manager decides)."""
    with write_tx():
        r = LeaveRequest.get_or_none(LeaveRequest.id == leave_id)
        if r is None:
            raise NotFound(_("没有这个请假申请。"))
        if r.staff_id == actor.id:
            raise ValidationError(_("这是你自己的请假。"))
        if r.seen_at is None:
            r.seen_at, r.seen_by = now, actor.id
            r.save()
    return _info(r, _names())


def requests(*, actor: Actor, status: str | None = None, limit: int = 200) -> list[LeaveInfo]:
    q = LeaveRequest.select().order_by(LeaveRequest.start.desc(), LeaveRequest.id.desc()).limit(limit)
    if status:
        q = q.where(LeaveRequest.status == status)
    names = _names()
    return [_info(r, names) for r in q]


def waiting_for(actor: Actor) -> list[LeaveInfo]:
    """Manager: pending requests to decide.  Clerk: colleagues' pending requests not yet seen."""
    q = LeaveRequest.select().where(LeaveRequest.status == LeaveRequest.PENDING)
    if not actor.is_manager:
        q = q.where((LeaveRequest.staff != actor.id) & LeaveRequest.seen_at.is_null())
    names = _names()
    return [_info(r, names) for r in q.order_by(LeaveRequest.start)]


@dataclass(frozen=True)
class Balance:
    staff_id: int
    name: str
    month: str
    rest_quota: int
    rest_used: int          # approved
    rest_pending: int
    by_kind: dict           # kind -> approved days this month

    @property
    def rest_left(self) -> int:
        return self.rest_quota - self.rest_used - self.rest_pending


@dataclass(frozen=True)
class Decision:
    """A decision on one's own swap or leave, for the home screen's flags."""
    kind: str          # "swap" | "leave"
    day: dt.date       # the swapped day, or the first day of leave
    status: str        # as the person reads it, in their language


def recent_decisions(staff_id: int, now: dt.datetime, *, days: int = 3) -> list[Decision]:
    """The person's swaps and leave decided (or a swap declined by the colleague) in the last
    ``days`` days, up to ``now``."""
    since = now - dt.timedelta(days=days)
    found = [Decision("swap", s.day, roster.swap_status_text(s.status))
             for s in SwapRequest.select().where(
                 (SwapRequest.requester == staff_id)
                 & (((SwapRequest.decided_at >= since) & (SwapRequest.decided_at <= now))
                    | ((SwapRequest.status == SwapRequest.DECLINED) & (SwapRequest.answered_at >= since))))]
    found += [Decision("leave", r.start, status_text(r.status))
              for r in LeaveRequest.select().where((LeaveRequest.staff == staff_id)
                                                   & (LeaveRequest.decided_at >= since)
                                                   & (LeaveRequest.decided_at <= now))]
    return found


def balances(month) -> list[Balance]:
    month = roster.month_key(month)
    days = roster.month_days(month)
    quota = int(settings.get("leave.rest_days_per_month"))
    q = LeaveRequest.select().where(
        LeaveRequest.status.in_([LeaveRequest.PENDING, LeaveRequest.APPROVED])
        & (LeaveRequest.start <= days[-1]) & (LeaveRequest.end >= days[0]))
    counts: dict[int, dict] = {}
    for r in q:
        n = len(_days(max(r.start, days[0]), min(r.end, days[-1])))
        c = counts.setdefault(r.staff_id, {"pending": 0, **{k: 0 for k in KINDS}})
        if r.status == LeaveRequest.PENDING:
            if r.kind == REST_KIND:
                c["pending"] += n
        else:
            c[r.kind] += n
    out = []
    for sid, name in roster.clerks():
        c = counts.get(sid, {"pending": 0, **{k: 0 for k in KINDS}})
        out.append(Balance(sid, name, month, quota, c[REST_KIND], c["pending"],
                           {k: c[k] for k in KINDS}))
    return out


def overrides(month) -> dict[int, int]:
    """How many leave requests per person were let through by a manager's override this month."""
    days = roster.month_days(month)
    q = (LeaveRequest.select(LeaveRequest.staff).where(
        LeaveRequest.override_reason.is_null(False) & (LeaveRequest.start <= days[-1])
        & (LeaveRequest.end >= days[0]) & (LeaveRequest.status == LeaveRequest.APPROVED)).tuples())
    out: dict[int, int] = {}
    for (sid,) in q:
        out[sid] = out.get(sid, 0) + 1
    return out
