"""The notebook (本子, "do tomorrow") and each post's daily duty checklist.

Checklist templates live in ONE setting, ``duty.templates``; the defaults are seed 004's duties in
order, with their times.  An item with a ``key`` ticks itself when another flow reports that duty
(:func:`outlet_desk.duty_events.observed`); an item marked ``by`` is a deadline (ticked late
when observed after its time).  The rest are ticked by hand.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import audit, changes, settings
from .. import duty_events as de
from ..dates import md
from ..db import write_tx
from ..errors import DomainError, NotFound, ValidationError
from ..i18n import N_, _
from ..models import Staff
from ..models.roster import ChecklistTick, TaskItem
from ..openitems import OpenItem
from ..permissions import ANY_STAFF, MANAGER_ONLY, Actor, operation
from ..settings import Column, SettingSpec
from ..tickets import tickets
from . import roster
from . import roster as _roster

BOTH = "*"          # a duty of every post (A and B together)

#: the default duties (a setting's value, stored as these Chinese words); a text is shown through
#: the catalog, so the defaults read in the person's language and a manager's own text as written
DEFAULT_TEMPLATES = [
    {"id": "A01", "post": "A", "time": "08:00", "text": N_("开启系统、QQ、电话")},
    {"id": "A02", "post": "A", "time": "08:10", "text": N_("处理前一天未完成的事情（本子上记的）")},
    {"id": "A03", "post": "A", "time": "08:30", "text": N_("查看系统问题件并回复"), "key": de.PROBLEMS_REVIEWED},
    {"id": "A04", "post": "A", "time": "08:45", "text": N_("查看身边的问题包裹（停机件、拒收件）")},
    {"id": "A05", "post": "A", "time": "09:00", "text": N_("清理前一天自取件，查看到期件"),
     "key": de.OVERDUE_REVIEWED},
    {"id": "A06", "post": "A", "time": "09:30", "text": N_("做好当日到件前的准备")},
    {"id": "A07", "post": "A", "time": "10:30", "text": N_("到件入库，自取件、乡镇件撕单子分堆"),
     "key": de.ARRIVALS_SCANNED},
    {"id": "B01", "post": "B", "time": "10:00", "text": N_("协助A岗整理单子、扫派件")},
    {"id": "B02", "post": "B", "time": "10:30", "text": N_("电话通知自取客户取件"), "key": de.CUSTOMERS_NOTIFIED},
    {"id": "B03", "post": "B", "time": "11:00", "text": N_("附近包裹及时送去")},
    {"id": "B04", "post": "B", "time": "11:00", "text": N_("接待到店客户（热情，不可不理睬）")},
    {"id": "B05", "post": "B", "time": "12:00", "text": N_("处理当日问题件")},
    {"id": "B06", "post": "B", "time": "12:30", "text": N_("需要时联系发件人，查看需退回的包裹")},
    {"id": "B07", "post": "B", "time": "13:00", "text": N_("店内卫生，包裹不乱放")},
    {"id": "B08", "post": "B", "time": "14:00", "text": N_("签收完成并上传（14:00 前）"),
     "key": de.SIGNOFF_UPLOADED, "by": True},
    {"id": "A08", "post": "A", "time": "14:30", "text": N_("摆好当日分拣框")},
    {"id": "C01", "post": BOTH, "time": "15:00", "text": N_("接待客户、打包、接电话")},
    {"id": "C02", "post": BOTH, "time": "15:30", "text": N_("查看协和系统：延误件、遗失件")},
    {"id": "C03", "post": BOTH, "time": "16:00", "text": N_("每三天查看发出货物签收情况"),
     "key": de.THREE_DAY_CHECK, "every": 3},
    {"id": "B09", "post": "B", "time": "17:00", "text": N_("业务员揽收、写大笔、做当日签收")},
    {"id": "A09", "post": "A", "time": "17:30", "text": N_("录单、扫发件"), "key": de.WAYBILLS_ENTERED},
    {"id": "A10", "post": "A", "time": "18:00", "text": N_("查看业务员货物重量")},
    {"id": "C04", "post": BOTH, "time": "18:30", "text": N_("A、B 一起对好当日账目"), "key": de.DAY_RECONCILED},
    {"id": "A11", "post": "A", "time": "19:00", "text": N_("当日未签收查询（仔细，查询时间正确）"),
     "key": de.UNSIGNED_CHECKED},
    {"id": "C05", "post": BOTH, "time": "19:30", "text": N_("查看当日 CRM，需关闭或处理的"), "key": de.TICKETS_CLOSED},
    {"id": "C06", "post": BOTH, "time": "19:50", "text": N_("检查无遗漏（自取件清理、未签收），店内卫生")},
]

SETTINGS = [
    SettingSpec("duty.templates", DEFAULT_TEMPLATES, "Daily duty checklist (per post)",
                N_("每日工作清单（按岗位）"), kind="json", section="shifts", shape="table",
                columns=(Column("id", "No.", N_("编号")),
                         Column("post", "Post", N_("岗位"), kind="choice", choices=lambda: post_choices()),
                         Column("time", "Time", N_("时间"), kind="time"),
                         Column("text", "Duty", N_("内容")),
                         Column("key", "Ticks itself when", N_("自动勾选"), kind="choice", empty="",
                                choices=lambda: key_choices()),
                         Column("by", "Deadline", N_("截止"), kind="bool", empty=False),
                         Column("every", "Every n days", N_("每几天"), kind="int", empty=1, minimum=1,
                                maximum=31)),
                help_zh=N_("一行一项工作：岗位（或所有岗位）、时间和内容；选了自动勾选事件的会自己打勾，"
                           "勾了截止的在时间之后完成算迟。"),
                help="One row per duty: its post (or every post), time and text; an item with an "
                     "event ticks itself, a deadline item is late when done after its time.",
                validate=lambda value: check_templates(value)),
]

CHANGES = frozenset({changes.TASKS})


# -- notebook ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class NoteInfo:
    id: int
    staff_id: int | None
    owner: str
    text: str
    due: dt.date
    done_at: dt.datetime | None
    carried: bool          # due before the day it is shown on


def _names() -> dict[int, str]:
    return dict(Staff.select(Staff.id, Staff.name).tuples())


@operation("tasks.add", N_("记到本子上"), ANY_STAFF)
def add_note(text: str, due: dt.date, *, staff_id: int | None = -1, actor: Actor,
             now: dt.datetime) -> NoteInfo:
    """Write a to-do in the notebook for ``due`` (default owner: the writer; None: both)."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("本子上要写点内容。"))
    if len(text) > 500:
        raise ValidationError(_("一条最多 500 个字。"))
    owner = actor.id if staff_id == -1 else staff_id
    with write_tx():
        t = TaskItem.create(staff=owner, text=text, due=due, created_at=now, created_by=actor.id)
    return NoteInfo(t.id, owner, _names().get(owner, "") if owner else "", text, due, None, False)


@operation("tasks.done", N_("本子事项完成"), ANY_STAFF)
def done_note(item_id: int, *, actor: Actor, now: dt.datetime) -> frozenset:
    with write_tx():
        t = TaskItem.get_or_none(TaskItem.id == item_id)
        if t is None:
            raise NotFound(_("本子上没有这一条。"))
        if t.done_at is not None:
            raise DomainError(_("这一条已经做完了。"))
        t.done_at, t.done_by = now, actor.id
        t.save()
    return CHANGES


def notebook(staff_id: int | None, day: dt.date, *, include_future: bool = True) -> list[NoteInfo]:
    """Open items for the person (and the shared ones): due on or before ``day`` (carried forward)
    first, then later ones."""
    q = TaskItem.select().where(TaskItem.done_at.is_null())
    if staff_id is not None:
        q = q.where((TaskItem.staff == staff_id) | TaskItem.staff.is_null())
    if not include_future:
        q = q.where(TaskItem.due <= day)
    names = _names()
    return [NoteInfo(t.id, t.staff_id, names.get(t.staff_id, "") if t.staff_id else "", t.text,
                     t.due, None, t.due < day)
            for t in q.order_by(TaskItem.due, TaskItem.id)]


def open_items(staff_id: int, now: dt.datetime) -> list[OpenItem]:
    """Handover: the person's own open notebook items."""
    q = TaskItem.select().where(TaskItem.done_at.is_null() & (TaskItem.staff == staff_id)) \
        .order_by(TaskItem.due, TaskItem.id)
    return [OpenItem("notebook", str(t.id), _("本子：{text}（{date}）").format(text=t.text, date=md(t.due))) for t in q]


def reassign_note(item_id: int, staff_id: int) -> None:
    """Move a notebook item to someone else (handover acknowledgement; inside its transaction)."""
    TaskItem.update(staff=staff_id).where(TaskItem.id == item_id).execute()


# -- checklist --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Template:
    id: str
    post: str
    time: str
    text: str
    key: str | None
    by: bool
    every: int


@dataclass(frozen=True)
class CheckItem:
    id: str
    post: str
    time: str
    text: str              # in the person's language (a default duty) or as the manager wrote it
    key: str | None
    state: str             # "done" (by hand) | "auto" (ticked by the app) | "late" | "open" | "missed"
    at: dt.datetime | None
    by: str

    @property
    def ticked(self) -> bool:
        return self.state in ("done", "auto", "late")


def templates() -> list[Template]:
    out = []
    for i, t in enumerate(settings.get("duty.templates") or []):
        try:
            out.append(Template(str(t.get("id") or f"T{i + 1:02d}"), str(t.get("post") or BOTH),
                                str(t.get("time") or ""), str(t["text"]), t.get("key") or None,
                                bool(t.get("by")), int(t.get("every") or 1)))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise ValidationError(_("工作清单第 {n} 项格式不对（设置 → 班次）。").format(n=i + 1)) from None
    return out


def posts_worked(staff_id: int | None, day: dt.date) -> set[str] | None:
    """The posts whose duties a person has on ``day`` (None: every post, e.g. for a manager)."""
    if staff_id is None:
        return None
    code = roster.post_for(staff_id, day)
    if code is None:
        return set()
    if code == roster.MERGED:
        return None
    return {code}


def _applies(t: Template, day: dt.date, posts: set[str] | None) -> bool:
    if t.every > 1 and day.toordinal() % t.every:
        return False
    return posts is None or t.post == BOTH or t.post in posts


def checklist(day: dt.date, *, staff_id: int | None = None, now: dt.datetime) -> list[CheckItem]:
    """The day's duties for the person's post (all posts for None), with what is ticked."""
    posts = posts_worked(staff_id, day)
    if posts is not None and not posts:
        return []
    ticks = {item: (at, who) for item, at, who in ChecklistTick.select(
        ChecklistTick.item_id, ChecklistTick.ticked_at, ChecklistTick.ticked_by)
        .where(ChecklistTick.day == day).tuples()}
    seen = de.observed(day)
    names = _names()
    out = []
    for t in sorted((t for t in templates() if _applies(t, day, posts)), key=lambda t: t.time):
        due = _at(day, t.time)
        if t.id in ticks:
            at, who = ticks[t.id]
            state, by = "done", names.get(who, "")
        elif t.key and t.key in seen:
            at, by = seen[t.key], ""
            state = "late" if (t.by and due and at > due) else "auto"
        elif t.key in _LIVE and (live := _LIVE[t.key](day, now))[0]:
            at, by, state = live[1], "", "auto"
        else:
            at, by = None, ""
            state = "missed" if (day < now.date() or (t.by and due and now > due)) else "open"
        out.append(CheckItem(t.id, t.post, t.time, _(t.text), t.key, state, at, by))
    return out


def _tickets_answered(day: dt.date, now: dt.datetime):
    return tickets.day_answered(day, now)


#: duties that tick from the state of the data rather than from an observed event (looking at a
#: screen ticks nothing): key → f(day, now) -> (done, at)
_LIVE = {de.TICKETS_CLOSED: _tickets_answered}


def _at(day: dt.date, hhmm: str) -> dt.datetime | None:
    try:
        h, m = hhmm.split(":")
        return dt.datetime.combine(day, dt.time(int(h), int(m)))
    except ValueError:
        return None


@operation("tasks.tick", N_("勾选工作清单"), ANY_STAFF)
def tick(day: dt.date, item_id: str, done: bool = True, *, actor: Actor,
         now: dt.datetime) -> frozenset:
    if item_id not in {t.id for t in templates()}:
        raise NotFound(_("工作清单里没有这一项。"))
    if day > now.date():
        raise ValidationError(_("不能提前勾选以后的工作。"))
    with write_tx():
        existing = ChecklistTick.get_or_none((ChecklistTick.day == day)
                                             & (ChecklistTick.item_id == item_id))
        if done and existing is None:
            ChecklistTick.create(day=day, item_id=item_id, ticked_at=now, ticked_by=actor.id)
        elif not done and existing is not None:
            existing.delete_instance()
        if day < now.date():     # ticking a past day afterwards is worth a trace
            audit.record(actor, "tasks.tick_late", entity="checklist",
                         entity_id=f"{day.isoformat()}:{item_id}", detail={"done": done}, now=now)
    return CHANGES


def known_keys() -> list[str]:
    """The duty event keys other flows report (``duty_events`` constants)."""
    return sorted(v for k, v in vars(de).items() if k.isupper() and isinstance(v, str))


def check_templates(value) -> list[dict]:
    """The ``duty.templates`` setting's check."""
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        raise ValidationError(_("“每日工作清单”应是一行一项的列表（设置 → 班次）。"))
    return validate_templates(value)


def validate_templates(rows: list[dict]) -> list[dict]:
    """Clean checklist templates; one line naming the first bad row."""
    posts = {p.code for p in _roster.posts()} | {BOTH}
    keys = set(known_keys())
    clean, ids = [], set()
    for n, row in enumerate(rows, start=1):
        text = str(row.get("text") or "").strip()
        if not text:
            raise ValidationError(_("工作清单第 {n} 行没有写内容。").format(n=n))
        item_id = str(row.get("id") or "").strip() or f"T{n:02d}"
        if item_id in ids:
            raise ValidationError(_("工作清单第 {n} 行的编号 {item_id} 重复了。").format(n=n, item_id=item_id))
        ids.add(item_id)
        post = str(row.get("post") or BOTH).strip()
        if post not in posts:
            raise ValidationError(_("工作清单第 {n} 行的岗位只能是：{posts}。").format(
                n=n, posts=_("、").join(sorted(posts))))
        time = str(row.get("time") or "").strip()
        if _at(dt.date(2000, 1, 1), time) is None:
            raise ValidationError(_("工作清单第 {n} 行的时间应写成 08:00。").format(n=n))
        key = de.key_of(row.get("key"))
        if key and key not in keys:
            raise ValidationError(_("工作清单第 {n} 行的自动勾选事件“{key}”不存在。").format(n=n, key=key))
        try:
            every = max(1, int(row.get("every") or 1))
        except (TypeError, ValueError):
            raise ValidationError(_("工作清单第 {n} 行的“每几天”应是数字。").format(n=n)) from None
        item = {"id": item_id, "post": post, "time": time, "text": text}
        if key:
            item["key"] = key
        if row.get("by"):
            item["by"] = True
        if every > 1:
            item["every"] = every
        clean.append(item)
    if not clean:
        raise ValidationError(_("工作清单至少要有一项。"))
    return clean


@operation("tasks.templates", N_("修改工作清单"), MANAGER_ONLY)
def save_templates(rows: list[dict], *, actor: Actor, now: dt.datetime) -> frozenset:
    """Save the checklist templates (audited as a settings change)."""
    clean = validate_templates(rows)
    settings.update({"duty.templates": clean}, actor=actor, now=now)
    return frozenset({changes.SETTINGS, changes.TASKS})


@dataclass(frozen=True)
class MissedDay:
    day: dt.date
    items: tuple[CheckItem, ...]


def missed(since: dt.date, until: dt.date, *, now: dt.datetime) -> list[MissedDay]:
    """For the manager: each open day's duties not done (newest first)."""
    weekdays = roster.open_weekdays()
    out = []
    d = until
    while d >= since:
        if roster.is_open(d, weekdays):
            items = tuple(i for i in checklist(d, now=now) if i.state == "missed")
            if items:
                out.append(MissedDay(d, items))
        d -= dt.timedelta(days=1)
    return out


# -- the checklist editor in 设置 (F11): what its choices read -----------------------------------
#: what each duty event means, for the checklist editor (English, 中文)
KEY_LABELS = {
    de.OVERDUE_REVIEWED: ("Overdue list reviewed", N_("已查看到期件")),
    de.PROBLEMS_REVIEWED: ("Problem parcels reviewed", N_("已查看问题件")),
    de.CUSTOMERS_NOTIFIED: ("Call list worked through", N_("已通知取件客户")),
    de.STOCK_CHECKED: ("Stock check finished", N_("盘点完成")),
    de.SIGNOFF_UPLOADED: ("Sign-offs uploaded", N_("签收已上传")),
    de.ARRIVALS_SCANNED: ("Arrivals taken in", N_("到件已入库")),
    de.WAYBILLS_ENTERED: ("Waybills entered and scanned out", N_("已录单、扫发件")),
    de.DAY_RECONCILED: ("Day reconciled", N_("当日已对账")),
    de.UNSIGNED_CHECKED: ("Unsigned list checked", N_("已查未签收")),
    de.THREE_DAY_CHECK: ("3-day check run", N_("三日查件已做")),
    de.TICKETS_CLOSED: ("Today's tickets closed", N_("当日工单已处理")),
}


def post_choices() -> list[tuple[str, str, str]]:
    """(value, English, 中文) of the posts a duty can belong to: each post, then every post."""
    try:
        found = [(p.code, p.name, p.name) for p in roster.posts()]
    except ValidationError:
        found = []
    return found + [(BOTH, "Every post", N_("所有岗位"))]


def key_choices() -> list[tuple[str, str, str]]:
    """(value, English, 中文) of the events that tick a duty by themselves ("" = ticked by hand)."""
    return [("", "By hand", N_("手动勾选"))] + [(k, *KEY_LABELS.get(k, (k, k))) for k in known_keys()]
