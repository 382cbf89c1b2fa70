import sqlite3

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
    assert screen.restore_selected(confirm=True)
    assert window.pages.currentWidget() is window.login          # everyone logs in again
    assert not Staff.select().where(Staff.name == "新人").exists()
    assert list(demo_home.glob("outlet.db.before-restore-*"))


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
