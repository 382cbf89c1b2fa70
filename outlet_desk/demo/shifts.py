"""The demo outlet's shifts: what ``outlet-desk demo`` puts in (data, not rules)."""
# zh-data: demo outlet data (names, addresses, notes)
from __future__ import annotations

import datetime as dt

from ..db import write_tx
from ..errors import DomainError
from ..shifts.roster import (
    MERGED,
    ask_swap,
    clerks,
    expected_hours,
    generate_month,
    month_days,
    month_key,
    next_month,
    post_for,
    publish_month,
)

# -- demo -------------------------------------------------------------------------------------
DEMO_ORDER = 20


def populate_roster(ctx) -> None:
    """Published rosters (last, this and next month), some leave, a swap to answer, past weeks'
    attendance (some late), notebook items, today's checklist partly done, a shift handover."""
    with write_tx():          # one commit (each service's own transaction nests as a savepoint)
        _populate_roster(ctx)


def _populate_roster(ctx) -> None:
    from .. import duty_events
    from ..shifts import attendance, handover, leave, tasks
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
