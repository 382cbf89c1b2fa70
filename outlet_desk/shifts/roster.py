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
from ..dates import md, md_range
from ..db import write_tx
from ..errors import DomainError, NotFound, PermissionDenied, ValidationError
from ..i18n import N_, _, in_outlet_language, punct
from ..models import Staff
from ..models.roster import REST_KIND, LeaveRequest, RosterCell, RosterMonth, SwapRequest
from ..permissions import ANY_STAFF, CLERK, MANAGER_ONLY, Actor, operation
from ..settings import Column, SettingSpec, hours_range

# the cells' words are stored in the database (RosterCell.post)
MERGED = "全天"     # zh-data: one person covers every post's hours
REST = "休"         # zh-data: a rest day planned in the roster
_CELL_NAMES = {MERGED: N_("全天"), REST: N_("休")}   # the same words, for the catalog
CLOSED = ""         # the outlet is closed that day

SETTINGS = [
    SettingSpec("shift.posts",
                [{"code": "A", "name": "A岗", "hours": ["08:00-12:00", "14:30-20:00"]},  # zh-data
                 {"code": "B", "name": "B岗", "hours": ["10:00-20:00"]}],  # zh-data
                "Posts and their hours (rotated daily in this order)",
                N_("岗位与时间（按顺序每日轮换）"), kind="json", section="shifts", shape="table",
                columns=(Column("code", "Code", N_("代码")), Column("name", "Name", N_("名称")),
                         Column("hours", "Hours", N_("时间段"), kind="ranges")),
                help_zh=N_("一行一个岗位，按此顺序每日轮换；一个岗位可以有几个时间段。"),
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
        return punct("、").join(f"{hm(a)}-{hm(b)}" for a, b in self.ranges)


def hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_range(text: str) -> tuple[int, int]:
    """"08:00-12:00" → minutes; refuses 14:30-24:30 and an end before its start (one line)."""
    return hours_range(text, field=_("岗位与时间"))


def posts(raw=None) -> list[Post]:
    raw = settings.get("shift.posts") if raw is None else raw
    if not isinstance(raw, list):
        raise ValidationError(_("“岗位与时间”应是岗位的列表（设置 → 班次）。"))
    out, codes = [], set()
    for n, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict):
            raise ValidationError(_("“岗位与时间”第 {n} 个岗位应写成 {{code, name, hours}}。").format(n=n))
        code = str(entry.get("code", "")).strip()
        if not code or code in (MERGED, REST):
            raise ValidationError(_("“岗位与时间”里每个岗位都要有代码（如 A、B）。"))
        if code in codes:
            raise ValidationError(_("“岗位与时间”里岗位代码“{code}”重复了。").format(code=code))
        codes.add(code)
        hours = entry.get("hours", [])
        if isinstance(hours, str):
            hours = [hours]
        ranges = tuple(sorted(parse_range(r) for r in hours))
        if not ranges:
            raise ValidationError(_("“岗位与时间”里岗位 {code} 没有设置时间。").format(code=code))
        for (a, b), (c, d) in zip(ranges, ranges[1:]):
            if c < b:
                raise ValidationError(_("“岗位与时间”里岗位 {code} 的时间段 {first} 和 {second} 重叠。").format(
                    code=code, first=f"{hm(a)}-{hm(b)}", second=f"{hm(c)}-{hm(d)}"))
        out.append(Post(code, str(entry.get("name") or code), ranges))
    if not out:
        raise ValidationError(_("还没有设置岗位（设置 → 班次）。"))
    return out


def check_posts(value) -> list:
    """The ``shift.posts`` setting's check (one line naming the field)."""
    if not isinstance(value, list):
        raise ValidationError(_("“岗位与时间”应是岗位的列表（设置 → 班次）。"))
    posts(value)
    return value


def post_map(plist: list[Post] | None = None) -> dict[str, Post]:
    found = {p.code: p for p in (plist if plist is not None else posts())}
    found[MERGED] = Post(MERGED, _("全天"), tuple(union([r for p in found.values() for r in p.ranges])))
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
            raise ValidationError(_("月份“{value}”应写成 2026-06。").format(value=value)) from None
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
    post: str              # what the roster says ("A", "B", "全天", "休", ""), stored words
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
            problems.append(Problem(d, "nobody", _("{date}：没有人上班。").format(date=md(d))))
            continue
        if missing and len(on) == 1:
            sid = on[0]
            c = cells[(sid, d)]
            cells[(sid, d)] = Cell(c.post, MERGED, None)
            continue
        if missing:
            text = _("、").join(f"{hm(a)}-{hm(b)}" for a, b in missing)
            problems.append(Problem(d, "gap", _("{date}：{hours} 无人值班。").format(date=md(d), hours=text)))
    return cells, problems


def rest_week_problems(days, people, base, leave, names) -> list[Problem]:
    """At least one rest day in every full week (Mon–Sun) inside these days — reported, not refused."""
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
                out.append(Problem(d, "rest_week", _(
                    "{name} {dates}：这一周没有休息日（每周至少休 {minimum} 天）。").format(
                    name=names[sid], dates=md_range(d, end), minimum=minimum)))
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
        raise DomainError(_("还没有店员，无法排班。请先在员工管理里添加店员。"))
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


def cell_text(value: str) -> str:
    """A roster cell's word as the person reads it ("全天" / "All day"); post codes as they are."""
    return _(_CELL_NAMES[value]) if value in _CELL_NAMES else value


def cell_choices() -> list[str]:
    return [p.code for p in posts()] + [MERGED, REST]


@operation("roster.edit", N_("修改排班"), MANAGER_ONLY)
def set_cell(staff_id: int, day: dt.date, post: str, *, actor: Actor,
             now: dt.datetime) -> RosterChange:
    """Change one cell of the draft.  The change is seen by others only after publishing."""
    post = (post or "").strip()
    allowed = cell_choices()
    if post not in allowed and post != CLOSED:
        raise ValidationError(_("排班格只能填：{choices}，或留空表示不营业。").format(
            choices=_("、").join(cell_text(c) for c in allowed)))
    if staff_id not in [sid for sid, _ in clerks()]:
        raise NotFound(_("排班里没有这位店员。"))
    month = month_key(day)
    with write_tx():
        people = [sid for sid, _ in clerks()]
        if not RosterMonth.get_or_none(RosterMonth.month == month):
            raise DomainError(_("{month} 的排班还没生成，请先点“生成”。").format(month=month))
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
            raise DomainError(_("{month} 的排班还没生成，无法发布。").format(month=month))
        problems = coverage(month)
        nobody = [p for p in problems if p.kind == "nobody"]
        if nobody:
            raise DomainError(_("排班有空岗，不能发布：{problem}").format(problem=nobody[0].message))
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
        return _("、").join(md(d) for d in (self.day, self.day2) if d)


SWAP_STATUS_ZH = {"asked": N_("待同事同意"), "accepted": N_("待店长批准"),
                  "declined": N_("同事不同意"), "approved": N_("已批准"),
                  "rejected": N_("店长未批准"), "cancelled": N_("已撤回")}


def swap_status_text(status: str) -> str:
    """A swap's status as the person reads it (待同事同意 / "Waiting for the colleague")."""
    return _(SWAP_STATUS_ZH[status]) if status in SWAP_STATUS_ZH else status


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
        raise ValidationError(_("调班要选另一位同事。"))
    if day < now.date() or (day2 and day2 < now.date()):
        raise ValidationError(_("不能调已经过去的日子。"))
    if day2 == day:
        day2 = None
    with write_tx():
        for d in [day] + ([day2] if day2 else []):
            pub = base_posts([d], [actor.id, colleague_id], "published")
            if pub[(actor.id, d)] is None or pub[(colleague_id, d)] is None:
                raise DomainError(_("{date}的排班还没发布，不能调班。").format(date=md(d)))
            if pub[(actor.id, d)] == pub[(colleague_id, d)]:
                raise ValidationError(_("{date}你们的班一样，不用调。").format(date=md(d)))
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
            raise NotFound(_("没有这个调班申请。"))
        if s.colleague_id != actor.id:
            raise PermissionDenied(_("只有被请求调班的同事可以答复。"))
        if s.status != SwapRequest.ASKED:
            raise DomainError(_("这个调班申请已经答复过了。"))
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
            raise NotFound(_("没有这个调班申请。"))
        if s.status != SwapRequest.ACCEPTED:
            raise DomainError(_("同事还没同意，店长不能批准这个调班。"))
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
            raise NotFound(_("没有这个调班申请。"))
        if s.requester_id != actor.id:
            raise PermissionDenied(_("只能撤回自己的调班申请。"))
        if s.status not in (SwapRequest.ASKED, SwapRequest.ACCEPTED):
            raise DomainError(_("这个调班申请已经处理完，不能撤回。"))
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
@in_outlet_language   # a printed document: in the outlet's language
def roster_pdf(month, *, layer: str = "published", now: dt.datetime) -> bytes:
    """The month roster for the wall (A4 landscape)."""
    from ..printing import roster_pdf as doc  # lazy: reportlab, only for the PDF; roster loads before the login
    g = grid(month, layer=layer)
    return doc.build(g, outlet=settings.get("outlet.name"), posts=posts(), printed_at=now)
