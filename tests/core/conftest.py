"""Core tests: a fresh SQLite file per test, no QApplication."""
import datetime as dt

import pytest

from outlet_desk.db import close_database, open_database
from outlet_desk.permissions import SYSTEM
from outlet_desk.services import staff

NOW = dt.datetime(2026, 6, 7, 9, 30, 0)


@pytest.fixture
def home(tmp_path):
    return tmp_path


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "outlet.db")
    yield database
    close_database()


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def manager(db):
    return staff.add_staff("李店长", "manager", "manager803", actor=SYSTEM, now=NOW).actor()


@pytest.fixture
def clerk(db):
    return staff.add_staff("张丽", "clerk", "1111", actor=SYSTEM, now=NOW).actor()


@pytest.fixture
def clerk_b(db):
    return staff.add_staff("王芳", "clerk", "2222", actor=SYSTEM, now=NOW).actor()
