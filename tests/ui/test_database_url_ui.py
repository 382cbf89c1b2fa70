"""The app at start with a database it cannot use (issue 16): a PostgreSQL server that is down,
or a typo in ``database.url``, is one message naming what is wrong — never a traceback, never a
new SQLite file."""
import pytest

from outlet_desk.db import close_database

from ..pgserver import free_port


class FakeBox:
    """Stands in for QMessageBox (never left modal in a test)."""
    Critical, Yes, No = 0, 1, 2
    shown: list = []

    def setIcon(self, _):
        pass

    def setWindowTitle(self, _):
        pass

    def setText(self, text):
        self.shown.append(text)

    def setStandardButtons(self, _):
        pass

    def exec(self):
        return self.No

    @staticmethod
    def information(*args):
        FakeBox.shown.append(args[-1])


@pytest.fixture
def shown(monkeypatch):
    from ui import app as app_module
    FakeBox.shown = []
    monkeypatch.setattr(app_module, "QMessageBox", FakeBox)
    yield FakeBox.shown
    close_database()


def test_postgresql_down_at_start_names_the_server(qtbot, tmp_path, shown):
    from ui import app as app_module
    port = free_port()
    url = f"postgresql://outlet:secret@127.0.0.1:{port}/outlet803"
    assert app_module.main(home=str(tmp_path / "home"), db_url=url) == 1
    assert len(shown) == 1
    assert f"127.0.0.1:{port}/outlet803" in shown[0] and "secret" not in shown[0]
    assert not (tmp_path / "home" / "outlet.db").exists()


def test_a_typo_in_database_url_is_one_message_and_no_new_file(qtbot, tmp_path, shown, monkeypatch):
    from ui import app as app_module
    home = tmp_path / "home"
    home.mkdir()
    (home / "database.url").write_text("postgresql//outlet:secret@10.0.0.5/outlet803\n")
    monkeypatch.chdir(tmp_path)
    assert app_module.main(home=str(home)) == 1
    assert len(shown) == 1 and "database.url" in shown[0] and "secret" not in shown[0]
    made = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")
                  if "logs" not in p.relative_to(tmp_path).parts)        # logs/: the app's own log
    assert made == ["home", "home/database.url"]   # no new SQLite file here or in the data directory


@pytest.fixture
def pg_window(qtbot, tmp_path):
    """The app's main window on a PostgreSQL server of the test's own, a clerk logged in."""
    import datetime as dt

    from PySide6.QtCore import QSettings

    from outlet_desk.permissions import SYSTEM
    from outlet_desk.shifts import staff
    from outlet_desk.storage import open_database
    from ui.app import build_context, create_main_window, ensure_app

    from ..pgserver import PgServer, why_unavailable
    from .conftest import login
    reason = why_unavailable()
    if reason:
        pytest.skip(f"no PostgreSQL to restart: {reason}")
    server = PgServer()
    try:
        now = dt.datetime(2026, 6, 8, 10, 30)
        ensure_app()
        open_database(server.create_database("outlet"))
        staff.add_staff("张丽", "clerk", "1111", actor=SYSTEM, now=now)
        ctx = build_context(tmp_path, QSettings(str(tmp_path / "prefs.ini"), QSettings.IniFormat),
                            clock=lambda: now)
        window = create_main_window(ctx)
        qtbot.addWidget(window)
        window.show()
        login(qtbot, window, "张丽", "1111")
        screen = window.screen_by_key(2)
        window.show_screen(screen)
        yield server, window, screen
    finally:
        close_database()
        server.close()


def test_the_intake_screen_scans_on_after_a_server_restart(qtbot, pg_window):
    """As found: after PostgreSQL restarted, every scan at the counter failed with
    "connection already closed" until the app was restarted."""
    from PySide6.QtCore import Qt

    from outlet_desk.models import Parcel
    server, _window, screen = pg_window

    def scan(text):
        screen.scan.setText(text)
        qtbot.keyClick(screen.scan, Qt.Key_Return)

    scan("SF1428397650101")
    assert screen.accepted_count == 1
    server.restart()
    for n in range(2, 6):
        scan(f"SF142839765010{n}")
    assert screen.accepted_count == 5
    assert Parcel.select().count() == 5
