"""The manager publishes a month; a clerk's 4 days off are refused by name; the manager overrides
with a reason; on the eve the clerk writes the handover and the colleague acknowledges it item by
item on their start screen."""
import datetime as dt

from PySide6.QtCore import QDate, Qt

from outlet_desk.models.roster import Handover, HandoverItem, LeaveRequest
from outlet_desk.shifts import roster

from .conftest import login


def open_shifts(qtbot, window, tab: int):
    qtbot.keyClick(window.focusWidget() or window, Qt.Key_F9)
    screen = window.screen_by_key(9)
    assert window.stack.currentWidget() is screen
    screen.tabs.setCurrentIndex(tab)
    return screen


def fill_leave(tab, start, end, reason="", *, person=None, override=""):
    if person:
        tab.person.setCurrentIndex(tab.person.findText(person))
    tab.kind.setCurrentIndex(tab.kind.findData("休息"))
    tab.start.setDate(QDate(start.year, start.month, start.day))
    tab.end.setDate(QDate(end.year, end.month, end.day))
    tab.reason.setText(reason)
    tab.override.setText(override)


def test_publish_refuse_override_and_handover(qtbot, make_window):
    window = make_window()
    # 1. the manager generates and publishes August
    login(qtbot, window, "李店长", "manager803")
    screen = open_shifts(qtbot, window, 0)
    tab = screen.roster_tab
    for _ in range(2):
        tab.next_button.click()
    assert tab.month == "2026-08"
    assert "还没生成" in tab.state_label.text()
    tab.generate_button.click()
    assert tab.model.rowCount() == 2 and tab.model.columnCount() == 31
    # a day nobody is on leave shows the plain rotation: one clerk on A, the other on B
    aug = [dt.date(2026, 8, d) for d in range(1, 32)]
    on_leave = {day for (_sid, day) in roster.approved_leave(aug)}
    col = next(i for i, day in enumerate(aug) if day not in on_leave)
    assert {tab.model.index(0, col).data(), tab.model.index(1, col).data()} == {"A", "B"}
    assert "草稿" in tab.state_label.text()
    assert roster.post_for(window.ctx.actor.id, dt.date(2026, 8, 3)) is None
    tab.publish_button.click()
    assert "已发布" in tab.state_label.text(), window.banner.text()
    zhang = dict((n, i) for i, n in roster.clerks())["张丽"]
    assert roster.post_for(zhang, dt.date(2026, 8, 3)) in ("A", "B")
    window.logout()

    # 2. 张丽 asks for four days in a row: refused, the rule named, nothing saved
    login(qtbot, window, "张丽", "1111")
    screen = open_shifts(qtbot, window, 1)
    start, end = dt.date(2026, 8, 10), dt.date(2026, 8, 13)
    fill_leave(screen.leave_tab, start, end, "回老家")
    before = LeaveRequest.select().count()
    screen.leave_tab.submit_button.click()
    assert window.banner.level == "error"
    assert "最多连休 3 天" in window.banner.text()
    assert LeaveRequest.select().count() == before
    assert not screen.leave_tab.override.isVisible()             # a clerk cannot override
    window.logout()

    # 3. the manager lets it pass, with a reason
    login(qtbot, window, "李店长", "manager803")
    screen = open_shifts(qtbot, window, 1)
    fill_leave(screen.leave_tab, start, end, "回老家", person="张丽", override="家里办喜事，王芳同意顶班")
    screen.leave_tab.submit_button.click()
    assert window.banner.level == "ok", window.banner.text()
    leave = LeaveRequest.get(LeaveRequest.start == start)
    assert leave.status == "approved" and leave.override_reason == "家里办喜事，王芳同意顶班"
    assert screen.leave_tab.requests.item(0, 4).text().endswith("破例") or any(
        "破例" in screen.leave_tab.requests.item(r, 4).text()
        for r in range(screen.leave_tab.requests.rowCount()))
    window.logout()

    # 4. the eve: 张丽 writes her handover on the start screen
    window.ctx.clock = lambda: dt.datetime(2026, 8, 9, 18, 30)
    login(qtbot, window, "张丽", "1111")
    home = window.screen_by_key(1)
    assert window.stack.currentWidget() is home
    assert home.mine_box.isVisible() and home._to_write is not None
    assert "8月10日" in home.mine_label.text()
    home.mine_note.setPlainText("中通的退件在柜台下面，红标签已贴好")
    home.mine_extra.setText("周二上午有客户来取大件")
    home.mine_button.click()
    assert window.banner.level == "ok", window.banner.text()
    h = Handover.get(Handover.leave == leave.id)
    assert h.written_at is not None
    window.logout()

    # 5. 王芳 acknowledges it item by item
    login(qtbot, window, "王芳", "2222")
    assert window.stack.currentWidget() is home
    qtbot.waitUntil(lambda: home.handover_box.isVisible())

    def open_children():
        for i in range(home.handovers.topLevelItemCount()):
            top = home.handovers.topLevelItem(i)
            if "张丽" in top.text(0) and "8月10日" in top.text(0):
                return [top.child(j) for j in range(top.childCount())
                        if top.child(j).checkState(0) == Qt.Unchecked]
        return []

    total = HandoverItem.select().where(HandoverItem.handover == h.id).count()
    assert len(open_children()) == total >= 2
    for n in range(total):
        child = open_children()[0]
        child.setCheckState(0, Qt.Checked)
        qtbot.waitUntil(lambda: HandoverItem.select().where(
            (HandoverItem.handover == h.id) & HandoverItem.acknowledged_at.is_null()).count()
            == total - n - 1)
        qtbot.waitUntil(lambda: len(open_children()) == total - n - 1)
    assert Handover.get_by_id(h.id).acknowledged_at is not None
    assert "已签收" in window.banner.text()
    wang = dict((n, i) for i, n in roster.clerks())["王芳"]
    moved = HandoverItem.select().where((HandoverItem.handover == h.id)
                                        & (HandoverItem.kind == "notebook"))
    assert moved.count() and all(i.moved_to_id == wang for i in moved)


def test_login_clocks_in_lock_does_not_clock_logout_clocks_out(qtbot, make_window):
    from outlet_desk.models.roster import ClockRecord
    times = {"now": dt.datetime(2026, 6, 8, 9, 58)}
    window = make_window()
    window.ctx.clock = lambda: times["now"]
    login(qtbot, window, "张丽", "1111")
    rec = ClockRecord.get((ClockRecord.staff == window.ctx.actor.id) & (ClockRecord.day == dt.date(2026, 6, 8)))
    assert rec.in_at == dt.datetime(2026, 6, 8, 9, 58) and rec.out_at is None
    times["now"] = dt.datetime(2026, 6, 8, 12, 0)
    window.lock()
    login(qtbot, window, "张丽", "1111")                       # unlock
    rec = ClockRecord.get_by_id(rec.id)
    assert rec.in_at == dt.datetime(2026, 6, 8, 9, 58) and rec.out_at is None
    times["now"] = dt.datetime(2026, 6, 8, 20, 3)
    window.logout()
    assert ClockRecord.get_by_id(rec.id).out_at == dt.datetime(2026, 6, 8, 20, 3)


def test_manager_edit_shows_the_uncovered_hours_until_fixed(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    tab = open_shifts(qtbot, window, 0).roster_tab
    g = roster.grid("2026-06")
    people = [sid for sid, _ in g.people]
    day = next(d for d in g.days if d > dt.date(2026, 6, 20)
               and all(g.cells[(p, d)].effective in ("A", "B") for p in people))
    row = next(i for i, p in enumerate(people) if g.cells[(p, day)].post == "A")
    index = tab.model.index(row, day.day - 1)
    assert tab.model.flags(index) & Qt.ItemIsEditable
    assert tab.model.setData(index, "B")
    texts = [tab.problems.item(i).text() for i in range(tab.problems.count())]
    assert f"{day.month}月{day.day}日：08:00-10:00 无人值班。" in texts
    assert "未发布的改动" in tab.state_label.text()
    assert tab.model.setData(tab.model.index(row, day.day - 1), "A")
    texts = [tab.problems.item(i).text() for i in range(tab.problems.count())]
    assert not any("无人值班" in t for t in texts)


def test_clerk_ticks_a_duty_by_hand_on_the_start_screen(qtbot, make_window):
    from outlet_desk.models.roster import ChecklistTick
    window = make_window(now=dt.datetime(2026, 6, 8, 10, 40))
    login(qtbot, window, "张丽", "1111")
    home = window.screen_by_key(1)
    item = next(home.checklist.item(i) for i in range(home.checklist.count())
                if home.checklist.item(i).flags() & Qt.ItemIsUserCheckable
                and home.checklist.item(i).checkState() == Qt.Unchecked)
    item_id = item.data(Qt.UserRole)
    item.setCheckState(Qt.Checked)
    assert ChecklistTick.select().where((ChecklistTick.day == dt.date(2026, 6, 8))
                                        & (ChecklistTick.item_id == item_id)).exists()
    qtbot.waitUntil(lambda: any(item_id == home.checklist.item(i).data(Qt.UserRole)
                                and "张丽" in home.checklist.item(i).text()
                                for i in range(home.checklist.count())))
