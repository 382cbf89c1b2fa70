"""Core tests: a fresh SQLite file per test, no QApplication.

With ``OUTLET_DESK_TEST_PG=postgresql://user:pw@host:port/postgres`` the same tests run against a
fresh PostgreSQL database per test instead (cloned from a migrated template); tests marked
``sqlite_only`` (file copies, pragmas, the CLI on a data directory) are skipped there.
"""
import datetime as dt
import itertools
import os

import pytest

from outlet_desk.db import close_database
from outlet_desk.permissions import SYSTEM
from outlet_desk.shifts import staff
from outlet_desk.storage import open_database

from ..pgurl import with_database

NOW = dt.datetime(2026, 6, 7, 9, 30, 0)


@pytest.fixture
def home(tmp_path):
    return tmp_path


PG_SERVER = os.environ.get("OUTLET_DESK_TEST_PG")
_pg_counter = itertools.count()
_pg_template_ready = []


def _pg_admin(sql: str) -> None:
    import psycopg2
    con = psycopg2.connect(PG_SERVER)
    con.autocommit = True
    try:
        con.cursor().execute(sql)
    finally:
        con.close()


def _pg_url(name: str) -> str:
    return with_database(PG_SERVER, name)


def _fresh_pg_database() -> str:
    if not _pg_template_ready:
        _pg_admin("DROP DATABASE IF EXISTS od_template")
        _pg_admin("CREATE DATABASE od_template")
        open_database(_pg_url("od_template"))   # migrate the template once per test session
        close_database()
        _pg_template_ready.append(True)
    name = f"od_test_{os.getpid()}_{next(_pg_counter)}"
    _pg_admin(f"DROP DATABASE IF EXISTS {name}")
    _pg_admin(f"CREATE DATABASE {name} TEMPLATE od_template")
    return name


def pytest_collection_modifyitems(config, items):
    if PG_SERVER:
        skip = pytest.mark.skip(reason="SQLite-only behaviour (PostgreSQL run)")
        for item in items:
            if "sqlite_only" in item.keywords:
                item.add_marker(skip)


@pytest.fixture
def db(tmp_path):
    if PG_SERVER:
        from outlet_desk import evidence
        evidence.configure(tmp_path)       # photos: no SQLite file to sit beside
        name = _fresh_pg_database()
        database = open_database(_pg_url(name))
        yield database
        close_database()
        _pg_admin(f"DROP DATABASE IF EXISTS {name}")
        return
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
