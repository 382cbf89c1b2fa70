import sqlite3
import time

from PySide6.QtCore import Qt

from outlet_desk.datacare import backup
from outlet_desk.models import Staff
from outlet_desk.permissions import SYSTEM

from .conftest import DEMO_NOW, login


def test_manager_backs_up_and_restores_from_settings(qtbot, make_window, demo_home):
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    qtbot.keyClick(window, Qt.Key_F11)
    screen = window.stack.currentWidget()
    assert screen.backup_box.isVisible()
    job = screen.backup_now()
    qtbot.waitUntil(lambda: job.finished, timeout=20000)
    assert window.banner.level == "ok"
    assert screen.backup_list.count() == 1
    from outlet_desk.permissions import SYSTEM
    from outlet_desk.shifts import staff
    staff.add_staff("新人", "clerk", "3333", actor=SYSTEM, now=DEMO_NOW)   # after the backup
    screen.backup_list.setCurrentRow(0)
    job = screen.restore_selected(confirm=True)
    qtbot.waitUntil(lambda: job.finished, timeout=30000)
    assert window.pages.currentWidget() is window.login          # everyone logs in again
    assert "Restored" in window.login.notice.text() or "已恢复" in window.login.notice.text()
    assert not any(window.login.people.item(i).text().startswith("新人")
                   for i in range(window.login.people.count()))
    assert not Staff.select().where(Staff.name == "新人").exists()
    assert list(demo_home.glob("outlet.db.before-restore-*"))


def test_restore_runs_off_the_gui_thread_and_the_window_refuses_database_work_meanwhile(
        qtbot, make_window, demo_home, monkeypatch):
    """A restore of a large-ish backup: the event loop keeps turning (a timer ticks throughout),
    the status bar says what runs, a scan and a database action are refused with the reason;
    afterwards the screens show the restored data."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    from outlet_desk.db import database
    from outlet_desk.shifts import staff
    from ui import ops
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    # ballast: a database of some tens of MB takes a while to copy, sync and check
    database.execute_sql("CREATE TABLE ballast (b BLOB)")
    with database.atomic():
        for _ in range(48):
            database.execute_sql("INSERT INTO ballast VALUES (randomblob(1000000))")
    qtbot.keyClick(window, Qt.Key_F11)
    screen = window.stack.currentWidget()
    job = screen.backup_now()
    qtbot.waitUntil(lambda: job.finished, timeout=60000)
    staff.add_staff("新人", "clerk", "3333", actor=SYSTEM, now=DEMO_NOW)   # after the backup
    screen.backup_list.setCurrentRow(0)

    ticks, gaps, clock = [], [], QElapsedTimer()
    clock.start()

    def tick():
        if ticks:
            gaps.append(clock.elapsed() - ticks[-1])
        ticks.append(clock.elapsed())
    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    from outlet_desk import datafiles
    copy = datafiles.copy_synced

    def slow_disk(*args, **kw):            # the counter PC's disk is slower than this machine's
        time.sleep(0.8)
        return copy(*args, **kw)
    monkeypatch.setattr(datafiles, "copy_synced", slow_disk)
    started = clock.elapsed()
    job = screen.restore_selected(confirm=True)
    assert job is not None, (screen.backup_list.count(), window.banner.text())
    assert not job.finished                                   # it returned at once
    assert "Restoring" in window.status_busy.text() or "恢复" in window.status_busy.text()
    assert not window.work.isEnabled()
    window.scan_router.deliver("SF1428397650166")             # a scan meanwhile: refused, listed
    assert window.scan_router.refused[-1].text == "SF1428397650166"
    assert "restored" in window.scan_router.refused[-1].reason or "恢复" in window.scan_router.refused[-1].reason
    assert window.status_refused.isVisible()
    assert window.ctx.perform(lambda: 1 / 0) is None          # database work: refused, not run
    refused = ops.perform(window.ctx, lambda: 1 / 0)
    assert refused.finished and isinstance(refused.result, ops.Busy)
    qtbot.waitUntil(lambda: job.finished, timeout=120000)
    ran = clock.elapsed() - started
    timer.stop()
    during = [t for t in ticks if t >= started]
    assert ran > 800
    assert len(during) >= ran / 100, (len(during), ran)       # the loop turned all along
    assert job.result is not None and not isinstance(job.result, Exception), job.result
    assert window.status_busy.text() == ""
    # the restored state: 新人 is gone from the login list and from the data
    assert window.pages.currentWidget() is window.login and window.work.isEnabled()
    names = [window.login.people.item(i).text() for i in range(window.login.people.count())]
    assert names and not any(n.startswith("新人") for n in names)
    login(qtbot, window, "李店长", "manager803")
    qtbot.keyClick(window, Qt.Key_F11)
    assert window.stack.currentWidget() is screen
    assert screen.backup_list.count() == 1


def test_a_refused_restore_keeps_the_manager_where_they_were(qtbot, make_window, demo_home,
                                                            monkeypatch):
    from outlet_desk import datafiles
    from outlet_desk.shifts import staff
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    qtbot.keyClick(window, Qt.Key_F11)
    screen = window.stack.currentWidget()
    job = screen.backup_now()
    qtbot.waitUntil(lambda: job.finished, timeout=20000)
    staff.add_staff("新人", "clerk", "3333", actor=SYSTEM, now=DEMO_NOW)
    # another program has the data directory open
    monkeypatch.setattr(datafiles, "holders", lambda home, **kw: [_Holder()])
    screen.backup_list.setCurrentRow(0)
    job = screen.restore_selected(confirm=True)
    qtbot.waitUntil(lambda: job.finished, timeout=30000)
    assert window.stack.currentWidget() is screen and window.work.isEnabled()
    assert window.banner.level == "error" and "当前数据未改动" in window.banner.text()
    assert Staff.select().where(Staff.name == "新人").exists()      # nothing restored
    assert not list(demo_home.glob("outlet.db.before-restore-*"))


class _Holder:
    def describe(self):
        return "命令行（测试）"


def test_the_restore_button_asks_and_restores(qtbot, make_window, demo_home, monkeypatch):
    """The button itself (its clicked(bool) once arrived as confirm=False: nothing happened)."""
    from PySide6.QtWidgets import QMessageBox

    from outlet_desk.shifts import staff
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    qtbot.keyClick(window, Qt.Key_F11)
    screen = window.stack.currentWidget()
    job = screen.backup_now()
    qtbot.waitUntil(lambda: job.finished, timeout=20000)
    staff.add_staff("新人", "clerk", "3333", actor=SYSTEM, now=DEMO_NOW)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **kw: asked.append(a[2]) or QMessageBox.Yes)
    screen.backup_list.setCurrentRow(0)
    qtbot.mouseClick(screen.restore_button, Qt.LeftButton)
    assert asked and window.ctx.db_away                     # asked, then under way
    qtbot.waitUntil(lambda: not window.ctx.db_away, timeout=30000)
    assert window.pages.currentWidget() is window.login
    assert not Staff.select().where(Staff.name == "新人").exists()


def test_clerk_does_not_see_backups(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    qtbot.keyClick(window, Qt.Key_F11)
    assert not window.stack.currentWidget().backup_box.isVisible()


def test_idle_lock_returns_to_pin_and_keeps_what_was_typed(qtbot, make_window):
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    qtbot.keyClick(window, Qt.Key_F11)
    field = window.stack.currentWidget().editors["outlet.name"]
    field.setText("typed before the lock")
    clock = [1000.0]
    window.idle_lock.clock = lambda: clock[0]
    window.idle_lock.last_input = 1000.0
    clock[0] += 9 * 60
    assert not window.idle_lock.check()
    clock[0] += 61
    assert window.idle_lock.check()
    assert window.pages.currentWidget() is window.login
    login(qtbot, window, "张丽", "1111")
    assert window.stack.currentWidget().editors["outlet.name"].text() == "typed before the lock"


def test_corrupt_database_at_startup_offers_the_newest_backup(qtbot, demo_home, monkeypatch):
    from outlet_desk.db import close_database
    from outlet_desk.storage import open_database
    from ui import app as app_module
    open_database(demo_home / "outlet.db")
    backup.backup_now(demo_home, actor=SYSTEM, reason="daily", now=DEMO_NOW)
    close_database()
    damaged = b"garbage" * 1000
    (demo_home / "outlet.db").write_bytes(damaged)
    for side in ("outlet.db-wal", "outlet.db-shm"):
        (demo_home / side).unlink(missing_ok=True)
    shown = []
    _fake_box(monkeypatch, shown)       # stands in for QMessageBox (never modal in a test): Yes
    assert app_module.main(home=str(demo_home)) == 1
    assert "损坏" in shown[0] and "最近的完好备份" in shown[0]
    # the damaged file is kept aside untouched; the restored database is sound
    aside = list(demo_home.glob("outlet.db.before-restore-*"))
    assert aside and aside[0].read_bytes() == damaged
    assert backup.verify_file(demo_home / "outlet.db")[0]
    con = sqlite3.connect(demo_home / "outlet.db")
    assert con.execute("SELECT count(*) FROM staff").fetchone()[0] == 3
    con.close()


def _box_factory(fake_cls, shown):
    class Box(fake_cls):
        Critical, Yes, No = 0, 1, 2

        @staticmethod
        def information(*args):
            shown.append(args[-1])

    return Box


def _damage_parcel_page(db_file):
    """A page in the middle of the file (the parcel table's root) overwritten, as a bad disk does."""
    con = sqlite3.connect(db_file)
    page = con.execute("SELECT rootpage FROM sqlite_master WHERE name='parcel'").fetchone()[0]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with open(db_file, "r+b") as fh:
        fh.seek((page - 1) * size)
        fh.write(b"\xa5" * size)


def test_a_failed_daily_backup_reaches_the_manager_on_screen(qtbot, make_window, demo_home):
    from ui.app import daily_backup
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    _damage_parcel_page(demo_home / "outlet.db")
    daily_backup(window.ctx)
    qtbot.waitUntil(lambda: window.banner.level == "error", timeout=20000)
    assert "备份校验失败" in window.banner.label.text()
    assert not backup.list_backups(demo_home)                 # the bad copy is not kept
    window.show_screen(window.screen_by_key(1))
    home = window.stack.currentWidget()
    home.refresh()
    flags = [home.flags.item(i).text() for i in range(home.flags.count())]
    assert any(f.startswith("每日备份失败") and "完整性检查失败" in f for f in flags), flags


def _fake_box(monkeypatch, shown):
    from ui import app as app_module

    class FakeBox:
        def __init__(self):
            self.buttons = None

        def setIcon(self, _):
            pass

        def setWindowTitle(self, _):
            pass

        def setText(self, text):
            shown.append(text)

        def setStandardButtons(self, buttons):
            self.buttons = buttons

        def exec(self):
            return 1   # Yes

    monkeypatch.setattr(app_module, "QMessageBox", _box_factory(FakeBox, shown))
    return app_module


def test_a_missing_database_at_startup_is_not_replaced_but_offers_the_newest_backup(
        qtbot, demo_home, monkeypatch):
    from outlet_desk.db import close_database
    from outlet_desk.storage import open_database
    open_database(demo_home / "outlet.db")
    backup.backup_now(demo_home, actor=SYSTEM, reason="daily", now=DEMO_NOW)
    close_database()
    for name in ("outlet.db", "outlet.db-wal", "outlet.db-shm"):
        (demo_home / name).unlink(missing_ok=True)
    shown = []
    app_module = _fake_box(monkeypatch, shown)
    assert app_module.main(home=str(demo_home)) == 1
    assert "不见了" in shown[0] and "最近的完好备份" in shown[0]
    assert backup.verify_file(demo_home / "outlet.db")[0]     # the backup, not a new empty outlet
    con = sqlite3.connect(demo_home / "outlet.db")
    assert con.execute("SELECT count(*) FROM staff").fetchone()[0] == 3
    con.close()


def test_damage_met_while_the_app_runs_is_one_message_with_the_offer(qtbot, demo_home, monkeypatch):
    from outlet_desk.db import close_database
    from outlet_desk.storage import open_database
    open_database(demo_home / "outlet.db")
    backup.backup_now(demo_home, actor=SYSTEM, reason="daily", now=DEMO_NOW)
    shown = []
    app_module = _fake_box(monkeypatch, shown)
    monkeypatch.setattr(app_module, "_damage_reported", [])
    assert not app_module.database_damaged_later(demo_home, ValueError("a bug, not damage"))
    try:
        raise sqlite3.DatabaseError("database disk image is malformed")
    except sqlite3.DatabaseError as exc:
        assert app_module.database_damaged_later(demo_home, exc)
        assert app_module.database_damaged_later(demo_home, exc)   # met again: no second box
    close_database()
    assert "损坏" in shown[0] and "最近的完好备份" in shown[0]
    assert len(shown) == 2 and shown[1].startswith("已恢复备份")
    assert list(demo_home.glob("outlet.db.before-restore-*"))    # restored, the old file kept


def test_the_start_up_restore_and_its_check_keep_the_screen_painting(qtbot):
    """A restore (or the search for a good backup) at start-up runs off the GUI thread: a 10 ms
    timer keeps ticking meanwhile, and the work's result or refusal comes back to the caller."""
    import time

    import pytest
    from PySide6.QtCore import QTimer

    from outlet_desk.errors import OutletError
    from ui.app import _busy
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    assert _busy("正在恢复备份…", lambda: (time.sleep(0.4), "restored")[1]) == "restored"
    timer.stop()
    assert len(ticks) >= 10                           # the GUI thread was free all along

    def refused():
        time.sleep(0.05)
        raise OutletError("备份文件不完整")
    with pytest.raises(OutletError, match="备份文件不完整"):
        _busy("正在恢复备份…", refused)
