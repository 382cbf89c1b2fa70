"""Database URLs and PostgreSQL (issue 16): a wrong ``--db`` or ``database.url`` is refused in
one line and never becomes a new SQLite file; a PostgreSQL server that is down is named in one
message; a server restarted while the app runs is reconnected to, and the write that met the
broken connection goes ahead (it had not started) or is refused with the reason (it was half-way:
the server rolled it back); ``demo --db URL`` builds the demo there."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outlet_desk import db as dbmod
from outlet_desk.cli import main
from outlet_desk.db import close_database, database_url, write_tx
from outlet_desk.errors import EnvironmentFault, OutletError, ValidationError
from outlet_desk.inbound import intake
from outlet_desk.models import Parcel, Staff
from outlet_desk.permissions import SYSTEM
from outlet_desk.shifts import staff
from outlet_desk.storage import open_database

from ..pgserver import PgServer, free_port, why_unavailable

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 6, 7, 9, 30)


# -- URLs --------------------------------------------------------------------------------------

@pytest.mark.parametrize("typo", [
    "postgresql//outlet:pw@10.0.0.5/outlet803",   # the colon forgotten
    "postgres:/10.0.0.5/outlet803",
    "outlet.db",                                  # a bare name, meant for another folder
    "sqlite:///outlet803.db",
    "mysql://outlet:pw@10.0.0.5/outlet803",       # a scheme the app does not open
    "http://10.0.0.5/outlet803",
    "postgresql://outlet:pw@10.0.0.5",            # no database name
    # review: these gave a ValueError traceback
    "postgresql://outlet:pw@[::1/outlet803",      # an IPv6 address without its closing bracket
    "postgresql://outlet:pw@10.0.0.5:54x2/outlet803",   # a port that is not a number
    "postgresql://outlet:pw@10.0.0.5:99999/outlet803",  # a port out of range
])
def test_a_wrong_db_value_is_refused_and_creates_no_file(tmp_path, monkeypatch, capsys, typo):
    """As found: a typo in --db became a new, empty outlet.db in the current directory."""
    cwd = tmp_path / "cwd"
    home = tmp_path / "home"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    assert main(["--home", str(home), "--db", typo, "staff", "list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "pw@" not in err                       # a password is never echoed
    assert list(cwd.rglob("*")) == [] and not (home / "outlet.db").exists()


def test_a_typo_in_database_url_is_refused_too(tmp_path, monkeypatch, capsys):
    cwd = tmp_path / "cwd"
    home = tmp_path / "home"
    cwd.mkdir()
    home.mkdir()
    monkeypatch.chdir(cwd)
    (home / "database.url").write_text("postgressql://outlet:secret@10.0.0.5/outlet803\n")
    assert main(["--home", str(home), "staff", "list"]) == 1
    err = capsys.readouterr().err
    assert "database.url" in err and "secret" not in err and err.count("\n") == 1
    assert list(cwd.iterdir()) == [] and not (home / "outlet.db").exists()


def test_sqlite_files_in_the_data_directory_or_existing_ones_are_accepted(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    assert database_url(home) == "sqlite:///" + str(home.resolve() / "outlet.db")
    assert database_url(home, str(home / "other.db")) == "sqlite:///" + str(home.resolve() / "other.db")
    elsewhere = tmp_path / "copy.db"
    elsewhere.write_bytes(b"")
    assert database_url(home, f"sqlite:///{elsewhere}") == "sqlite:///" + str(elsewhere.resolve())
    url = "postgresql://outlet:pw@10.0.0.5:5432/outlet803"
    assert database_url(home, url) == url
    with pytest.raises(ValidationError):
        database_url(home, str(tmp_path))        # a folder, not a file
    with pytest.raises(ValidationError):
        database_url(home, "sqlite:///:memory:")
    # a relative path in database.url is the data directory's, not the current directory's
    (home / "database.url").write_text("counter2.db\n")
    assert database_url(home) == "sqlite:///" + str(home.resolve() / "counter2.db")


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(
    st.text(min_size=1, max_size=40),
    st.builds(lambda scheme, sep, rest: scheme + sep + rest,
              st.sampled_from(["sqlite", "postgresql", "postgres", "mysql", "sqlite:", "pg", ""]),
              st.sampled_from(["://", ":///", "//", ":/", ":", "/", ""]),
              st.text(alphabet="abc./:@-_~ 09[]", max_size=20))))
def test_any_db_value_opens_an_existing_file_a_file_in_the_data_directory_or_a_server(
        tmp_path, monkeypatch, text):
    """Whatever is typed: either a one-line refusal, or a PostgreSQL URL, or a SQLite file that
    exists already or lies in the data directory — never a new file anywhere else."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    monkeypatch.chdir(tmp_path)
    try:
        url = database_url(home, text)
    except (ValidationError, EnvironmentFault) as exc:
        assert "\n" not in str(exc)
        return
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///"):])
        assert path.exists() or home.resolve() in path.parents, (text, url)
    else:
        assert url.split("://")[0].lower() in ("postgresql", "postgres"), (text, url)


def test_postgresql_down_at_start_is_one_line_naming_the_server(tmp_path):
    port = free_port()                      # nothing listens there
    url = f"postgresql://outlet:secret@127.0.0.1:{port}/outlet803"
    with pytest.raises(EnvironmentFault) as err:
        open_database(url)
    assert f"127.0.0.1:{port}/outlet803" in str(err.value) and "secret" not in str(err.value)
    # the real command line, as a clerk would meet it
    proc = subprocess.run([sys.executable, "-m", "outlet_desk", "--home", str(tmp_path), "--db", url,
                           "signoff", "status"], capture_output=True, text=True, cwd=ROOT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert f"127.0.0.1:{port}" in proc.stderr and "secret" not in proc.stderr


# -- a PostgreSQL server of our own: stopped and restarted under the app -------------------------

@pytest.fixture(scope="module")
def pg():
    reason = why_unavailable()
    if reason:
        pytest.skip(f"no PostgreSQL to restart: {reason}")
    server = PgServer()
    yield server
    close_database()
    server.close()


@pytest.fixture
def pg_outlet(pg, request):
    name = f"od_{request.node.name.split('[')[0][-40:].lower()}"
    pg.admin(f"DROP DATABASE IF EXISTS {name}")
    url = pg.create_database(name)
    open_database(url)
    clerk = staff.add_staff("张丽", "clerk", "1111", actor=SYSTEM, now=NOW).actor()
    yield url, clerk
    close_database()
    pg.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def scan(waybill: str, clerk):
    return intake.receive_parcel(waybill, actor=clerk, now=NOW)


def test_scans_go_on_after_the_server_restarts(pg, pg_outlet):
    """As found: after a PostgreSQL restart every scan failed with "connection already closed"."""
    _, clerk = pg_outlet
    assert scan("SF1428397650101", clerk).parcel_id
    pg.restart()
    # the scan that meets the dead connection: it had not started, so it goes ahead on a new one
    assert scan("SF1428397650102", clerk).parcel_id
    for n in range(3, 6):
        assert scan(f"SF142839765010{n}", clerk).parcel_id
    assert Parcel.select().count() == 5
    pg.restart()
    with write_tx():           # a write that meets the dead connection at its BEGIN goes ahead too
        Staff.create(name="王芳", role="clerk", secret_hash="x", created_at=NOW)
    assert Staff.select().count() == 2


def test_a_write_cut_half_way_is_refused_with_the_reason_and_the_next_one_works(pg, pg_outlet):
    _, clerk = pg_outlet
    assert scan("SF1428397650101", clerk).parcel_id
    with pytest.raises(EnvironmentFault, match="连接中断，本次操作未保存"):
        with write_tx():
            Staff.create(name="半途", role="clerk", secret_hash="x", created_at=NOW)
            pid = dbmod.database.obj.connection().get_backend_pid()
            pg.admin("SELECT pg_terminate_backend(%s)", pid)    # the server goes away mid-write
            Staff.create(name="半途二", role="clerk", secret_hash="x", created_at=NOW)
    assert scan("SF1428397650102", clerk).parcel_id          # nothing to re-open by hand
    assert not Staff.select().where(Staff.name.startswith("半途")).exists()
    assert Parcel.select().count() == 2


def test_server_down_while_running_is_one_line_then_scanning_resumes(pg, pg_outlet):
    _, clerk = pg_outlet
    assert scan("SF1428397650101", clerk).parcel_id
    pg.stop()
    try:
        with pytest.raises(OutletError) as err:
            scan("SF1428397650102", clerk)
        assert f"127.0.0.1:{pg.port}" in str(err.value) and "\n" not in str(err.value)
    finally:
        pg.start()
    assert scan("SF1428397650102", clerk).parcel_id
    assert Parcel.select().count() == 2


def test_demo_with_db_builds_the_demo_in_that_database(pg, tmp_path, capsys):
    """As found: ``demo --db URL`` ignored the URL and built an outlet.db."""
    pg.admin("DROP DATABASE IF EXISTS od_demo")
    url = pg.create_database("od_demo")
    home = tmp_path / "home"
    try:
        assert main(["--home", str(home), "--db", url, "demo"]) == 0
        close_database()
        assert not (home / "outlet.db").exists()
        open_database(url)
        assert {s.name for s in Staff.select()} >= {"张丽", "王芳", "李店长"}
        assert Parcel.select().count() > 100
        close_database()
        assert main(["--home", str(home), "--db", url, "demo"]) == 1     # only into an empty one
        assert "已经有网点数据" in capsys.readouterr().err
    finally:
        close_database()
        pg.admin("DROP DATABASE IF EXISTS od_demo WITH (FORCE)")
