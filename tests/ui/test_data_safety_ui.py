import sqlite3

from PySide6.QtCore import Qt

from outlet_desk.models import Staff
from outlet_desk.services import backup

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
    from outlet_desk.services import staff
    from outlet_desk.permissions import SYSTEM
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
    from outlet_desk.db import close_database, open_database
    from outlet_desk.errors import DatabaseCorrupt
    from ui import app as app_module
    open_database(demo_home / "outlet.db")
    backup.backup_now(demo_home, reason="daily", now=DEMO_NOW)
    close_database()
    damaged = b"garbage" * 1000
    (demo_home / "outlet.db").write_bytes(damaged)
    for side in ("outlet.db-wal", "outlet.db-shm"):
        (demo_home / side).unlink(missing_ok=True)
    shown = []

    class FakeBox:
        """Stands in for QMessageBox (never left modal in a test): answers Yes."""

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
