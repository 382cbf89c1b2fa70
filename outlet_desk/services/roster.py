"""The roster (排班): posts and their hours, the month grid, draft and publish, swaps, coverage.

Posts and their hours live in ONE setting, ``shift.posts`` (rotated daily in the listed order);
the open weekdays in ``outlet.open_weekdays``.  A month is generated from the daily rotation into a
draft; the manager edits cells and publishes.  Everyone else reads the published layer
(:func:`post_for`).  Approved leave is laid over the grid; a day on which one person is left on duty
shows that person on the merged post (全天) covering the whole day.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from .. import audit, changes, settings
from ..db import write_tx
from ..errors import DomainError, NotFound, PermissionDenied, ValidationError
from ..i18n import N_
from ..models import Staff
from ..models.roster import LeaveRequest, RosterCell, RosterMonth, SwapRequest
from ..permissions import ANY_STAFF, CLERK, MANAGER_ONLY, Actor, operation
from ..settings import Column, SettingSpec, hours_range

MERGED = "全天"     # one person covers every post's hours
REST = "休"         # a rest day planned in the roster
CLOSED = ""         # the outlet is closed that day

SETTINGS = [
    SettingSpec("shift.posts",
                [{"code": "A", "name": "A岗", "hours": ["08:00-12:00", "14:30-20:00"]},
                 {"code": "B", "name": "B岗", "hours": ["10:00-20:00"]}],
                "Posts and their hours (rotated daily in this order)",
                "岗位与时间（按顺序每日轮换）", kind="json", section="shifts", shape="table",
                columns=(Column("code", "Code", "代码"), Column("name", "Name", "名称"),
                         Column("hours", "Hours", "时间段", kind="ranges")),
                help_zh="一行一个岗位，按此顺序每日轮换；一个岗位可以有几个时间段。",
                help="One row per post, rotated daily in this order; a post may have several time ranges.",
                validate=lambda value: check_posts(value)),
]

CHANGES = frozenset({changes.ROSTER})


# -- posts and hours --------------------------------------------------------------------------
@dataclass(frozen=True)
class Post:
    code: str
    name: str
    ranges: tuple[tuple[int, int], ...]      # minutes since midnight

    @property
    def start(self) -> int:
        return min(r[0] for r in self.ranges)

    @property
    def end(self) -> int:
        return max(r[1] for r in self.ranges)

    def hours_text(self) -> str:
        return "、".join(f"{hm(a)}-{hm(b)}" for a, b in self.ranges)


def hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_range(text: str) -> tuple[int, int]:
    """"08:00-12:00" → minutes; refuses 14:30-24:30 and an end before its start (one line)."""
    return hours_range(text, field="岗位与时间")


def posts(raw=None) -> list[Post]:
    raw = settings.get("shift.posts") if raw is None else raw
    if not isinstance(raw, list):
        raise ValidationError("“岗位与时间”应是岗位的列表（设置 → 班次）。")
    out, codes = [], set()
    for n, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict):
            raise ValidationError(f"“岗位与时间”第 {n} 个岗位应写成 {{code, name, hours}}。")
        code = str(entry.get("code", "")).strip()
        if not code or code in (MERGED, REST):
            raise ValidationError("“岗位与时间”里每个岗位都要有代码（如 A、B）。")
        if code in codes:
            raise ValidationError(f"“岗位与时间”里岗位代码“{code}”重复了。")
        codes.add(code)
        hours = entry.get("hours", [])
        if isinstance(hours, str):
            hours = [hours]
        ranges = tuple(sorted(parse_range(r) for r in hours))
        if not ranges:
            raise ValidationError(f"“岗位与时间”里岗位 {code} 没有设置时间。")
        for (a, b), (c, d) in zip(ranges, ranges[1:]):
            if c < b:
                raise ValidationError(f"“岗位与时间”里岗位 {code} 的时间段 {hm(a)}-{hm(b)} 和 {hm(c)}-{hm(d)} 重叠。")
        out.append(Post(code, str(entry.get("name") or code), ranges))
    if not out:
        raise ValidationError("还没有设置岗位（设置 → 班次）。")
    return out


def check_posts(value) -> list:
    """The ``shift.posts`` setting's check (one line naming the field)."""
    if not isinstance(value, list):
        raise ValidationError("“岗位与时间”应是岗位的列表（设置 → 班次）。")
    posts(value)
    return value


def post_map(plist: list[Post] | None = None) -> dict[str, Post]:
    found = {p.code: p for p in (plist if plist is not None else posts())}
    found[MERGED] = Post(MERGED, "全天", tuple(union([r for p in found.values() for r in p.ranges])))
    return found


def union(ranges) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def gaps(required, covered) -> list[tuple[int, int]]:
    """Parts of ``required`` not inside ``covered`` (both lists of ranges)."""
    result = []
    cov = union(covered)
    for a, b in union(required):
        cursor = a
        for c, d in cov:
            if d <= cursor or c >= b:
                continue
            if c > cursor:
                result.append((cursor, min(c, b)))
            cursor = max(cursor, d)
            if cursor >= b:
                break
        if cursor < b:
            result.append((cursor, b))
    return result


def open_weekdays() -> set[int]:
    return {int(d) for d in settings.get("outlet.open_weekdays")}


def _config() -> tuple[list[Post], dict[str, Post], set[int]]:
    """Posts, the post map and the open weekdays, read in one query."""
    values = settings.get_many(["shift.posts", "outlet.open_weekdays"])
    plist = posts(values["shift.posts"])
    return plist, post_map(plist), {int(d) for d in values["outlet.open_weekdays"]}


def is_open(day: dt.date, weekdays: set[int] | None = None) -> bool:
    return day.isoweekday() in (weekdays if weekdays is not None else open_weekdays())


# -- months -----------------------------------------------------------------------------------
def month_key(value) -> str:
    if isinstance(value, str):
        try:
            y, m = value.split("-")
            return f"{int(y):04d}-{int(m):02d}"
        except ValueError:
            raise ValidationError(f"月份“{value}”应写成 2026-06。") from None
    return f"{value.year:04d}-{value.month:02d}"


def month_days(month) -> list[dt.date]:
    y, m = (int(x) for x in month_key(month).split("-"))
    return [dt.date(y, m, d) for d in range(1, calendar.monthrange(y, m)[1] + 1)]


def next_month(month) -> str:
    last = month_days(month)[-1]
    return month_key(last + dt.timedelta(days=1))


def clerks() -> list[tuple[int, str]]:
    """Active clerks in roster order (id, name)."""
    return list(Staff.select(Staff.id, Staff.name)
                .where((Staff.role == CLERK) & (Staff.active == True))  # noqa: E712
                .order_by(Staff.id).tuples())


def rotation(staff_ids: list[int], day: dt.date, post_codes: list[str],
             weekdays: set[int]) -> dict[int, str]:
    """The daily alternation: person i works post (i + day number) mod number of posts."""
    if not is_open(day, weekdays):
        return {sid: CLOSED for sid in staff_ids}
    n = len(post_codes)
    return {sid: post_codes[(i + day.toordinal()) % n] for i, sid in enumerate(staff_ids)}


# -- reading the grid -------------------------------------------------------------------------
@dataclass(frozen=True)
class Cell:
    post: str              # what the roster says ("A", "B", "全天", "休", "")
    effective: str         # what the day really is after leave and merging
    leave: str | None      # 休息/事假/病假/年假 when on approved leave

    @property
    def on_duty(self) -> bool:
        return self.effective not in (REST, CLOSED) and self.leave is None


@dataclass(frozen=True)
class Problem:
    day: dt.date
    kind: str              # "nobody" | "gap" | "rest_week"
    message: str


@dataclass(frozen=True)
class MonthGrid:
    month: str
    layer: str                         # "draft" | "published"
    days: tuple[dt.date, ...]
    people: tuple[tuple[int, str], ...]
    cells: dict = field(hash=False)    # (staff_id, day) -> Cell
    problems: tuple[Problem, ...]
    exists: bool                       # the month has been generated
    published: bool                    # a published version exists
    dirty: bool                        # draft changes not yet published
    published_at: dt.datetime | None


def approved_leave(days: list[dt.date], *, include_pending: bool = False) -> dict:
    """(staff_id, day) -> leave kind for approved (and optionally pending) leave on these days."""
    if not days:
        return {}
    statuses = [LeaveRequest.APPROVED] + ([LeaveRequest.PENDING] if include_pending else [])
    lo, hi = min(days), max(days)
    out = {}
    q = (LeaveRequest.select(LeaveRequest.staff, LeaveRequest.kind, LeaveRequest.start,
                             LeaveRequest.end)
         .where(LeaveRequest.status.in_(statuses) & (LeaveRequest.start <= hi)
                & (LeaveRequest.end >= lo)).tuples())
    for sid, kind, start, end in q:
        d = max(start, lo)
        while d <= min(end, hi):
            out[(sid, d)] = kind
            d += dt.timedelta(days=1)
    return out


def _stored(days: list[dt.date], published: bool) -> dict:
    if not days:
        return {}
    q = (RosterCell.select(RosterCell.staff, RosterCell.day, RosterCell.post)
         .where((RosterCell.day >= min(days)) & (RosterCell.day <= max(days))
                & (RosterCell.published == published)).tuples())
    return {(sid, day): post for sid, day, post in q}


def base_posts(days: list[dt.date], people: list[int], layer: str, config=None) -> dict:
    """(staff_id, day) -> roster post.  "published": only what is published (missing: None);
    "draft": the draft, else the published, else the rotation; "plan": published, else draft,
    else rotation (what leave rules plan against)."""
    pub = _stored(days, True)
    if layer == "published":
        return {(sid, d): pub.get((sid, d)) for d in days for sid in people}
    plist, _pmap, weekdays = config or _config()
    codes = [p.code for p in plist]
    draft = _stored(days, False)
    first, second = (draft, pub) if layer == "draft" else (pub, draft)
    out = {}
    for d in days:
        rot = None
        for sid in people:
            value = first.get((sid, d), second.get((sid, d)))
            if value is None:
                rot = rot or rotation(people, d, codes, weekdays)
                value = rot.get(sid, CLOSED)
            out[(sid, d)] = value
    return out


def _effective(days, people, base, leave, pmap, weekdays) -> tuple[dict, list[Problem]]:
    cells = {}
    problems = []
    required = [r for code, p in pmap.items() if code != MERGED for r in p.ranges]
    for d in days:
        on = []
        for sid in people:
            post = base.get((sid, d))
            kind = leave.get((sid, d))
            cells[(sid, d)] = Cell(post or CLOSED, post or CLOSED, kind)
            if kind is None and post and post not in (REST, CLOSED):
                on.append(sid)
        if not is_open(d, weekdays):
            continue
        covered = [r for sid in on for r in pmap.get(base[(sid, d)], pmap[MERGED]).ranges]
        missing = gaps(required, covered)
        if not on:
            problems.append(Problem(d, "nobody", f"{d.month}月{d.day}日：没有人上班。"))
            continue
        if missing and len(on) == 1:
            sid = on[0]
            c = cells[(sid, d)]
            cells[(sid, d)] = Cell(c.post, MERGED, None)
            continue
        if missing:
            text = "、".join(f"{hm(a)}-{hm(b)}" for a, b in missing)
            problems.append(Problem(d, "gap", f"{d.month}月{d.day}日：{text} 无人值班。"))
    return cells, problems


def rest_week_problems(days, people, base, leave, names) -> list[Problem]:
    """At least one rest day in every full week (Mon–Sun) inside these days — reported, not refused."""
    from .leave import REST_KIND
    minimum = int(settings.get("leave.min_rest_per_week"))
    if minimum <= 0:
        return []
    dayset = set(days)
    out = []
    for d in days:
        if d.isoweekday() != 1 or d + dt.timedelta(days=6) not in dayset:
            continue
        week = [d + dt.timedelta(days=i) for i in range(7)]
        for sid in people:
            rests = sum(1 for w in week if leave.get((sid, w)) == REST_KIND
                        or base.get((sid, w)) in (REST, CLOSED))
            if rests < minimum:
                end = week[-1]
                out.append(Problem(d, "rest_week",
                                   f"{names[sid]} {d.month}月{d.day}日-{end.month}月{end.day}日："
                                   f"这一周没有休息日（每周至少休 {minimum} 天）。"))
    return out


def grid(month, *, layer: str = "draft") -> MonthGrid:
    month = month_key(month)
    days = month_days(month)
    people = clerks()
    ids = [sid for sid, _ in people]
    meta = RosterMonth.get_or_none(RosterMonth.month == month)
    config = _config()
    base = base_posts(days, ids, "published" if layer == "published" else "draft", config)
    leave = approved_leave(days)
    _plist, pmap, weekdays = config
    cells, problems = _effective(days, ids, base, leave, pmap, weekdays)
    problems += rest_week_problems(days, ids, base, leave, dict(people))
    problems.sort(key=lambda p: (p.day, p.kind))
    published = bool(meta and meta.published_at)
    return MonthGrid(month, layer, tuple(days), tuple(people), cells, tuple(problems),
                     exists=meta is not None, published=published,
                     dirty=bool(meta and meta.dirty), published_at=meta.published_at if meta else None)


def coverage(month, *, layer: str = "draft") -> list[Problem]:
    return [p for p in grid(month, layer=layer).problems if p.kind in ("nobody", "gap")]


def post_for(staff_id: int, day: dt.date, *, config=None) -> str | None:
    """The post a person works on ``day`` by the PUBLISHED roster, after leave and merging
    ("A", "B", "全天"), or None (not rostered, resting, on leave, closed)."""
    people = [sid for sid, _ in clerks()]
    if staff_id not in people:
        return None
    base = base_posts([day], people, "published")
    if base.get((staff_id, day)) in (None, REST, CLOSED):
        return None
    _plist, pmap, weekdays = config or _config()
    cells, _ = _effective([day], people, base, approved_leave([day]), pmap, weekdays)
    cell = cells[(staff_id, day)]
    return cell.effective if cell.on_duty else None


def expected_hours(staff_id: int, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
    """When the published roster expects the person to start and finish on ``day``."""
    config = _config()
    code = post_for(staff_id, day, config=config)
    if code is None:
        return None
    post = config[1].get(code)
    if post is None:
        return None
    start = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=post.start)
    end = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=post.end)
    return start, end


def on_duty(day: dt.date, *, exclude: int | None = None, include_pending: bool = True) -> list[int]:
    """Who is planned to work on ``day`` (published, else draft, else rotation), leave removed."""
    people = [sid for sid, _ in clerks()]
    base = base_posts([day], people, "plan")
    leave = approved_leave([day], include_pending=include_pending)
    return [sid for sid in people if sid != exclude and (sid, day) not in leave
            and base[(sid, day)] not in (REST, CLOSED)]


# -- changing the grid ------------------------------------------------------------------------
@dataclass(frozen=True)
class RosterChange:
    month: str
    problems: tuple[Problem, ...]
    kinds: frozenset = CHANGES


def _touch(month: str, *, dirty: bool = True) -> None:
    meta, created = RosterMonth.get_or_create(month=month, defaults={"dirty": dirty})
    if not created and meta.dirty != dirty:
        RosterMonth.update(dirty=dirty).where(RosterMonth.month == month).execute()


def _put(sid: int, day: dt.date, post: str, published: bool) -> None:
    RosterCell.insert(day=day, staff=sid, post=post, published=published).on_conflict(
        conflict_target=[RosterCell.day, RosterCell.staff, RosterCell.published],
        update={RosterCell.post: post}).execute()


@operation("roster.generate", N_("生成排班"), MANAGER_ONLY)
def generate_month(month, *, actor: Actor, now: dt.datetime) -> RosterChange:
    """(Re)build the month's draft from the daily rotation; the published version is untouched."""
    month = month_key(month)
    days = month_days(month)
    people = [sid for sid, _ in clerks()]
    if not people:
        raise DomainError("还没有店员，无法排班。请先在员工管理里添加店员。")
    codes = [p.code for p in posts()]
    weekdays = open_weekdays()
    with write_tx():
        RosterCell.delete().where((RosterCell.day >= days[0]) & (RosterCell.day <= days[-1])
                                  & (RosterCell.published == False)).execute()  # noqa: E712
        rows = []
        for d in days:
            for sid, post in rotation(people, d, codes, weekdays).items():
                rows.append({"day": d, "staff": sid, "post": post, "published": False})
        for i in range(0, len(rows), 200):
            RosterCell.insert_many(rows[i:i + 200]).execute()
        _touch(month)
        audit.record(actor, "roster.generate", entity="roster", entity_id=month,
                     detail={"people": people, "posts": codes}, now=now)
    return RosterChange(month, tuple(coverage(month)))


def cell_choices() -> list[str]:
    return [p.code for p in posts()] + [MERGED, REST]


@operation("roster.edit", N_("修改排班"), MANAGER_ONLY)
def set_cell(staff_id: int, day: dt.date, post: str, *, actor: Actor,
             now: dt.datetime) -> RosterChange:
    """Change one cell of the draft.  The change is seen by others only after publishing."""
    post = (post or "").strip()
    allowed = cell_choices()
    if post not in allowed and post != CLOSED:
        raise ValidationError(f"排班格只能填：{'、'.join(allowed)}，或留空表示不营业。")
    if staff_id not in [sid for sid, _ in clerks()]:
        raise NotFound("排班里没有这位店员。")
    month = month_key(day)
    with write_tx():
        people = [sid for sid, _ in clerks()]
        if not RosterMonth.get_or_none(RosterMonth.month == month):
            raise DomainError(f"{month} 的排班还没生成，请先点“生成”。")
        old = base_posts([day], people, "draft")[(staff_id, day)]
        if old == post:
            return RosterChange(month, tuple(coverage(month)), frozenset())
        _put(staff_id, day, post, False)
        _touch(month)
        audit.record(actor, "roster.edit", entity="roster", entity_id=f"{day.isoformat()}:{staff_id}",
                     detail={"old": old, "new": post}, now=now)
    return RosterChange(month, tuple(coverage(month)))


@operation("roster.publish", N_("发布排班"), MANAGER_ONLY)
def publish_month(month, *, actor: Actor, now: dt.datetime) -> RosterChange:
    """Make the draft the roster everyone sees.  Refused while a day has nobody on duty."""
    month = month_key(month)
    days = month_days(month)
    with write_tx():
        meta = RosterMonth.get_or_none(RosterMonth.month == month)
        if meta is None:
            raise DomainError(f"{month} 的排班还没生成，无法发布。")
        problems = coverage(month)
        nobody = [p for p in problems if p.kind == "nobody"]
        if nobody:
            raise DomainError(f"排班有空岗，不能发布：{nobody[0].message}")
        people = [sid for sid, _ in clerks()]
        draft = base_posts(days, people, "draft")
        RosterCell.delete().where((RosterCell.day >= days[0]) & (RosterCell.day <= days[-1])
                                  & (RosterCell.published == True)).execute()  # noqa: E712
        rows = [{"day": d, "staff": sid, "post": draft[(sid, d)], "published": True}
                for d in days for sid in people]
        for i in range(0, len(rows), 200):
            RosterCell.insert_many(rows[i:i + 200]).execute()
        RosterMonth.update(dirty=False, published_at=now, published_by=actor.id) \
            .where(RosterMonth.month == month).execute()
        audit.record(actor, "roster.publish", entity="roster", entity_id=month,
                     detail={"problems": [p.message for p in problems]}, now=now)
    return RosterChange(month, tuple(problems))


# -- swaps ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SwapInfo:
    id: int
    requester_id: int
    requester: str
    colleague_id: int
    colleague: str
    day: dt.date
    day2: dt.date | None
    reason: str
    status: str
    created_at: dt.datetime

    def days_text(self) -> str:
        text = f"{self.day.month}月{self.day.day}日"
        if self.day2:
            text += f"、{self.day2.month}月{self.day2.day}日"
        return text


SWAP_STATUS_ZH = {"asked": "待同事同意", "accepted": "待店长批准", "declined": "同事不同意",
                  "approved": "已批准", "rejected": "店长未批准", "cancelled": "已撤回"}


def _swap_info(s: SwapRequest, names: dict) -> SwapInfo:
    return SwapInfo(s.id, s.requester_id, names.get(s.requester_id, ""), s.colleague_id,
                    names.get(s.colleague_id, ""), s.day, s.day2, s.reason, s.status, s.created_at)


def _names() -> dict[int, str]:
    return dict(Staff.select(Staff.id, Staff.name).tuples())


@operation("roster.swap_ask", N_("申请调班"), ANY_STAFF)
def ask_swap(colleague_id: int, day: dt.date, day2: dt.date | None = None, reason: str = "", *,
             actor: Actor, now: dt.datetime) -> SwapInfo:
    """Ask a colleague to exchange the day's roster cells (and, optionally, a second day back)."""
    if colleague_id == actor.id:
        raise ValidationError("调班要选另一位同事。")
    if day < now.date() or (day2 and day2 < now.date()):
        raise ValidationError("不能调已经过去的日子。")
    if day2 == day:
        day2 = None
    with write_tx():
        for d in [day] + ([day2] if day2 else []):
            pub = base_posts([d], [actor.id, colleague_id], "published")
            if pub[(actor.id, d)] is None or pub[(colleague_id, d)] is None:
                raise DomainError(f"{d.month}月{d.day}日的排班还没发布，不能调班。")
            if pub[(actor.id, d)] == pub[(colleague_id, d)]:
                raise ValidationError(f"{d.month}月{d.day}日你们的班一样，不用调。")
        s = SwapRequest.create(requester=actor.id, colleague=colleague_id, day=day, day2=day2,
                               reason=(reason or "").strip(), created_at=now)
        audit.record(actor, "roster.swap_ask", entity="swap", entity_id=s.id,
                     detail={"colleague": colleague_id, "day": day, "day2": day2}, now=now)
    return _swap_info(s, _names())


@operation("roster.swap_answer", N_("同意/拒绝调班"), ANY_STAFF)
def answer_swap(swap_id: int, accept: bool, *, actor: Actor, now: dt.datetime) -> SwapInfo:
    with write_tx():
        s = SwapRequest.get_or_none(SwapRequest.id == swap_id)
        if s is None:
            raise NotFound("没有这个调班申请。")
        if s.colleague_id != actor.id:
            raise PermissionDenied("只有被请求调班的同事可以答复。")
        if s.status != SwapRequest.ASKED:
            raise DomainError("这个调班申请已经答复过了。")
        s.status = SwapRequest.ACCEPTED if accept else SwapRequest.DECLINED
        s.answered_at = now
        s.save()
        audit.record(actor, "roster.swap_answer", entity="swap", entity_id=s.id,
                     detail={"accept": accept}, now=now)
    return _swap_info(s, _names())


@operation("roster.swap_decide", N_("批准调班"), MANAGER_ONLY)
def decide_swap(swap_id: int, approve: bool, note: str = "", *, actor: Actor,
                now: dt.datetime) -> SwapInfo:
    """The manager's decision; approving exchanges the cells in the published roster and draft."""
    with write_tx():
        s = SwapRequest.get_or_none(SwapRequest.id == swap_id)
        if s is None:
            raise NotFound("没有这个调班申请。")
        if s.status != SwapRequest.ACCEPTED:
            raise DomainError("同事还没同意，店长不能批准这个调班。")
        s.status = SwapRequest.APPROVED if approve else SwapRequest.REJECTED
        s.decided_at, s.decided_by, s.note = now, actor.id, (note or "").strip()
        s.save()
        changed = {}
        if approve:
            a, b = s.requester_id, s.colleague_id
            for d in [s.day] + ([s.day2] if s.day2 else []):
                pub = base_posts([d], [a, b], "published")
                draft = base_posts([d], [a, b], "draft")
                _put(a, d, pub[(b, d)], True)
                _put(b, d, pub[(a, d)], True)
                _put(a, d, draft[(b, d)], False)
                _put(b, d, draft[(a, d)], False)
                changed[d.isoformat()] = {str(a): pub[(b, d)], str(b): pub[(a, d)]}
        audit.record(actor, "roster.swap_decide", entity="swap", entity_id=s.id,
                     detail={"approve": approve, "note": s.note, "cells": changed}, now=now)
    return _swap_info(s, _names())


@operation("roster.swap_cancel", N_("撤回调班"), ANY_STAFF)
def cancel_swap(swap_id: int, *, actor: Actor, now: dt.datetime) -> SwapInfo:
    with write_tx():
        s = SwapRequest.get_or_none(SwapRequest.id == swap_id)
        if s is None:
            raise NotFound("没有这个调班申请。")
        if s.requester_id != actor.id:
            raise PermissionDenied("只能撤回自己的调班申请。")
        if s.status not in (SwapRequest.ASKED, SwapRequest.ACCEPTED):
            raise DomainError("这个调班申请已经处理完，不能撤回。")
        s.status = SwapRequest.CANCELLED
        s.save()
        audit.record(actor, "roster.swap_cancel", entity="swap", entity_id=s.id, now=now)
    return _swap_info(s, _names())


def swaps(*, actor: Actor, limit: int = 100) -> list[SwapInfo]:
    """Swaps the person is part of (a manager sees all), newest first."""
    q = SwapRequest.select().order_by(SwapRequest.id.desc()).limit(limit)
    if not actor.is_manager:
        q = q.where((SwapRequest.requester == actor.id) | (SwapRequest.colleague == actor.id))
    names = _names()
    return [_swap_info(s, names) for s in q]


def swaps_waiting_for(actor: Actor) -> list[SwapInfo]:
    """What waits for this person: to accept (colleague) or to approve (manager)."""
    if actor.is_manager:
        q = SwapRequest.select().where(SwapRequest.status == SwapRequest.ACCEPTED)
    else:
        q = SwapRequest.select().where((SwapRequest.status == SwapRequest.ASKED)
                                       & (SwapRequest.colleague == actor.id))
    names = _names()
    return [_swap_info(s, names) for s in q.order_by(SwapRequest.day)]


# -- printing ---------------------------------------------------------------------------------
def roster_pdf(month, *, layer: str = "published", now: dt.datetime) -> bytes:
    """The month roster for the wall (A4 landscape)."""
    from ..printing import roster_pdf as doc
    g = grid(month, layer=layer)
    return doc.build(g, outlet=settings.get("outlet.name"), posts=posts(), printed_at=now)


# -- demo -------------------------------------------------------------------------------------
DEMO_ORDER = 20


def populate_demo(ctx) -> None:
    """Published rosters (last, this and next month), some leave, a swap to answer, past weeks'
    attendance (some late), notebook items, today's checklist partly done, a shift handover."""
    with write_tx():          # one commit (each service's own transaction nests as a savepoint)
        _populate_demo(ctx)


def _populate_demo(ctx) -> None:
    from . import attendance, duty_events, handover, leave, tasks
    now, rng, mgr = ctx.now, ctx.rng, ctx.manager
    a, b = ctx.clerks[0], ctx.clerks[1]
    today = now.date()
    this = month_key(today)
    prev = month_key(month_days(this)[0] - dt.timedelta(days=1))
    early = now - dt.timedelta(days=40)
    for m in (prev, this, next_month(this)):
        generate_month(m, actor=mgr, now=early)
        publish_month(m, actor=mgr, now=early)

    def at(day, h, m=0):
        return dt.datetime.combine(day, dt.time(h, m))

    # leave: a rest day a week for each clerk (agreed, approved), 张丽 off from tomorrow,
    # 王芳 asks for personal leave
    off = today + dt.timedelta(days=1)
    info = leave.request_leave("休息", off, off + dt.timedelta(days=1), "回老家", actor=a,
                               now=now - dt.timedelta(days=4))
    leave.mark_seen(info.id, actor=b, now=now - dt.timedelta(days=4, hours=-1))
    leave.decide_leave(info.id, True, "已和王芳说好", actor=mgr, now=now - dt.timedelta(days=3))
    first_day = month_days(prev)[0]
    monday = first_day - dt.timedelta(days=first_day.weekday())
    end = month_days(next_month(this))[-1]
    while monday <= end:
        for who, lo, hi in ((a, 0, 2), (b, 3, 5)):
            day = monday + dt.timedelta(days=rng.randint(lo, hi))
            if day < first_day or (who is a and monday <= off < monday + dt.timedelta(days=7)):
                continue
            asked = min(now - dt.timedelta(days=6), at(day - dt.timedelta(days=7), 19))
            try:
                info = leave.request_leave("休息", day, day, actor=who, now=asked)
                leave.decide_leave(info.id, True, actor=mgr, now=asked + dt.timedelta(hours=14))
            except DomainError:
                pass
        monday += dt.timedelta(days=7)
    for ahead in range(9, 25):
        try:
            later = today + dt.timedelta(days=ahead)
            leave.request_leave("事假", later, later, "孩子学校开家长会", actor=b,
                                now=now - dt.timedelta(hours=20))
            break
        except DomainError:
            continue

    # attendance for the past three weeks: mostly on time, a few late, one missed clock-out
    people = [sid for sid, _ in clerks()]
    for back in range(30, 0, -1):
        day = today - dt.timedelta(days=back)
        for who in (a, b):
            hours = expected_hours(who.id, day)
            if hours is None:
                continue
            start, end = hours
            late = rng.random() < 0.08
            cin = start + dt.timedelta(minutes=rng.randint(7, 25) if late else -rng.randint(2, 12))
            attendance.clock_in(actor=who, now=cin, source="login")
            if back == 3 and who is b:
                continue          # forgot to log out
            cout = end + dt.timedelta(minutes=rng.randint(0, 15))
            if rng.random() < 0.08:
                cout = end - dt.timedelta(minutes=rng.randint(10, 30))
            attendance.clock_out(actor=who, now=cout, source="logout")
    for who in (a, b):
        hours = expected_hours(who.id, today)
        if hours and hours[0] <= now:
            attendance.clock_in(actor=who, now=hours[0] - dt.timedelta(minutes=4), source="login")
    del people

    # notebook
    yest = today - dt.timedelta(days=1)
    tasks.add_note("给 3 号架那位拒收的客户再打一次电话", yest, actor=b, now=at(yest, 19, 30),
                   staff_id=None)
    tasks.add_note("中通快递员下午来取退件，提前把红标签贴好", today, actor=a, now=at(yest, 18))
    tasks.add_note("提醒店长：打印纸只剩两卷", today, actor=b, now=at(yest, 19), staff_id=None)
    tasks.add_note("月底前核对上个月的派费", today + dt.timedelta(days=5), actor=a, now=at(yest, 18))

    # the evening shift handed over to this morning; a swap waiting for an answer
    handover.hand_over_shift("晚上到了一批韵达件还没上架，放在柜台后面第二排；3 号架两件拒收件等退回。",
                             ["柜台后面那批韵达件 9 点前上架"], actor=b, now=at(yest, 19, 55))
    swap_day = today + dt.timedelta(days=4)
    try:
        ask_swap(a.id, swap_day, reason="那天要去医院复查", actor=b, now=now - dt.timedelta(hours=2))
    except DomainError:
        pass

    # the past week's checklists: nearly everything ticked, now and then something missed
    for back in range(7, 0, -1):
        day = today - dt.timedelta(days=back)
        worked = {w.id: post_for(w.id, day) for w in (a, b)}
        for item in tasks.checklist(day, now=at(day, 6)):
            if item.key or rng.random() < 0.04:
                continue
            hh, mm = (int(x) for x in item.time.split(":"))
            t = at(day, hh, mm) + dt.timedelta(minutes=rng.randint(0, 25))
            who = next((w for w in (a, b) if worked[w.id] in (item.post, MERGED)), a)
            tasks.tick(day, item.id, actor=who, now=t)

    # today's checklist: the opening duties of whoever works A
    first = next((who for who in (a, b) if post_for(who.id, today) not in (None, MERGED, "B")), a)
    for item, minute in (("A01", 2), ("A02", 20)):
        t = at(today, 8, minute)
        if t <= now:
            tasks.tick(today, item, actor=first, now=t)
    with write_tx():
        if at(today, 8, 40) <= now:
            duty_events.observe(duty_events.OVERDUE_REVIEWED, actor=first, now=at(today, 8, 40))
    handover.prepare(now=now)
