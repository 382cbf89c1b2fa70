"""UI tests: pytest-qt, offscreen (set in tests/conftest.py before Qt loads)."""
import datetime as dt
import shutil

import pytest
from PySide6.QtCore import QSettings

from outlet_desk.db import close_database
from outlet_desk.demo import build_demo
from outlet_desk.storage import open_database

DEMO_NOW = dt.datetime(2026, 6, 8, 9, 0, 0)


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory):
    """The demo outlet is built once per test session (it takes seconds); each test gets a copy."""
    home = tmp_path_factory.mktemp("demo-template") / "outlet"
    build_demo(home, now=DEMO_NOW)
    close_database()
    for side in ("outlet.db-wal", "outlet.db-shm"):
        assert not (home / side).exists(), "the template must be fully checkpointed"
    return home


@pytest.fixture
def demo_home(tmp_path, _demo_template):
    home = tmp_path / "outlet"
    shutil.copytree(_demo_template, home)
    return home


@pytest.fixture
def prefs(tmp_path):
    return QSettings(str(tmp_path / "prefs.ini"), QSettings.IniFormat)


@pytest.fixture
def make_window(qtbot, demo_home, prefs):
    """Open the app on the demo outlet at a fixed clock; returns the MainWindow."""
    from ui.app import build_context, create_main_window, ensure_app

    windows = []

    def make(now=DEMO_NOW):
        ensure_app()
        open_database(demo_home / "outlet.db")
        ctx = build_context(demo_home, prefs, clock=lambda: now)
        window = create_main_window(ctx)
        qtbot.addWidget(window)
        window.show()
        # function keys are window shortcuts: the window must be the active one
        window.windowHandle().requestActivate()
        qtbot.waitUntil(window.isActiveWindow)
        windows.append(window)
        return window

    yield make
    close_database()


def login(qtbot, window, name, secret):
    window.login.select_person(name)
    window.login.secret.setText(secret)
    window.login.attempt()
    assert window.ctx.actor is not None and window.ctx.actor.name == name, window.login.error.text()
