"""The command line asks who you are (issue 16): a command that changes data or shows full phones
runs as a person named with ``--as``, checked like a screen login (PIN/password, the five-try
lockout, audited); the first manager of an empty outlet is the only exception; read-only commands
stay open.  ``purge --days`` cannot go below the retention setting's minimum."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outlet_desk.cli import build_parser, main
from outlet_desk.datacare import retention
from outlet_desk.db import close_database
from outlet_desk.errors import ValidationError
from outlet_desk.models import AuditLog, Parcel, Staff
from outlet_desk.permissions import SYSTEM
from outlet_desk.shifts import staff
from outlet_desk.storage import open_database

from ..factories import make_parcel

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 6, 7, 9, 30)
pytestmark = pytest.mark.sqlite_only     # a data directory with its outlet.db, as the CLI sees it

# Every command, classified: those that change data or show full phones (with the condition,
# if any, under which they do) and those that stay open.  A new command must be put in one.
DECLARED = {
    "staff add": [], "import arrivals": [], "import collections": [], "import tracking": [],
    "import crm": [], "import eorders": [], "labels": ["--mark"], "sms test": [],
    "photos sweep": [], "export signoffs": ["--full-phones"], "upload": [], "threeday run": [],
    "backup": [], "restore": [], "purge": [],
}
OPEN = {
    "demo", "audit verify", "roles", "staff list", "stockcheck last", "problems list",
    "overdue list", "returns list", "signoff status", "threeday status",
    "report daily", "export day", "report tickets", "roster show", "roster pdf",
    "attendance report", "check", "backups", "bench",
}
# the smallest valid command line of each declared command, reaching the condition
ARGV = {
    "staff add": ["staff", "add", "小偷", "--role", "manager", "--secret", "abcdefgh"],
    "import arrivals": ["import", "arrivals", "{tmp}/a.csv"],
    "import collections": ["import", "collections", "{tmp}/c.csv"],
    "import tracking": ["import", "tracking", "{tmp}/t.csv"],
    "import crm": ["import", "crm", "{tmp}/crm.csv"],
    "import eorders": ["import", "eorders", "{tmp}/e.csv"],
    "labels": ["labels", "--out", "{tmp}/l.pdf", "--mark"],
    "sms test": ["sms", "test", "13812341234"],
    "photos sweep": ["photos", "sweep"],
    "export signoffs": ["export", "signoffs", "-o", "{tmp}/s.csv", "--full-phones"],
    "upload": ["upload"],
    "threeday run": ["threeday", "run", "--out", "{tmp}/3d"],
    "backup": ["backup", "--to", "{tmp}/bk"],
    "restore": ["restore"],
    "purge": ["purge"],
}


def leaf_commands(parser=None, prefix=""):
    parser = parser or build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from leaf_commands(sub, f"{prefix} {name}".strip())
            return
    yield prefix, parser


@pytest.fixture
def outlet(tmp_path, monkeypatch):
    """A data directory with a manager (李店长 / manager803) and a clerk (张丽 / 1111)."""
    monkeypatch.delenv("OUTLET_DESK_PASSWORD", raising=False)
    home = tmp_path / "outlet"
    home.mkdir()
    open_database(home / "outlet.db")
    staff.add_staff("李店长", "manager", "manager803", actor=SYSTEM, now=NOW)
    staff.add_staff("张丽", "clerk", "1111", actor=SYSTEM, now=NOW)
    close_database()
    return home


def audit_rows(home) -> list[tuple[str, str, str]]:
    open_database(home / "outlet.db")
    try:
        return [(a.actor_name, a.action, a.entity_id)
                for a in AuditLog.select().order_by(AuditLog.id)]
    finally:
        close_database()


def staff_names(home) -> set[str]:
    open_database(home / "outlet.db")
    try:
        return {s.name for s in Staff.select()}
    finally:
        close_database()


def cli(home, *args, password=None):
    """The real command line in its own process, stdin closed (nobody at a terminal)."""
    env = {k: v for k, v in os.environ.items() if k != "OUTLET_DESK_PASSWORD"}
    env["PYTHONPATH"] = str(ROOT)
    if password is not None:
        env["OUTLET_DESK_PASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "outlet_desk", "--home", str(home), *args],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)


def test_every_command_is_either_declared_or_open():
    found = {name: p.get_default("actor_rule") for name, p in leaf_commands()}
    assert set(found) == set(DECLARED) | OPEN, "classify each new command in this test"
    assert {n for n, rule in found.items() if rule is not None} == set(DECLARED)
    for name, parser in leaf_commands():
        if name in DECLARED:
            assert any(a.dest == "as_name" for a in parser._actions), name


def test_staff_add_as_nobody_wrong_password_clerk_and_manager(outlet):
    """The attack as found: any shell user ran ``staff add … --role manager`` with no login."""
    add = ["staff", "add", "小偷", "--role", "manager", "--secret", "abcdefgh"]
    before = audit_rows(outlet)

    nobody = cli(outlet, *add)
    assert nobody.returncode == 1
    assert nobody.stderr.count("\n") == 1 and "--as" in nobody.stderr
    assert "Traceback" not in nobody.stderr

    wrong = cli(outlet, *add, "--as", "李店长", password="guess123")
    assert wrong.returncode == 1 and "密码不正确，还可以再试 4 次" in wrong.stderr

    clerk = cli(outlet, *add, "--as", "张丽", password="1111")
    assert clerk.returncode == 1 and "只有店长" in clerk.stderr

    assert "小偷" not in staff_names(outlet)
    # the clerk's login is on record (she was checked), nothing else happened
    assert audit_rows(outlet)[len(before):] == [("张丽", "staff.login", str(2))]

    ok = cli(outlet, *add, "--as", "李店长", password="manager803")
    assert ok.returncode == 0, ok.stderr
    assert "小偷" in staff_names(outlet)
    new = audit_rows(outlet)[len(before) + 1:]
    assert [(who, action) for who, action, _ in new] == [
        ("李店长", "staff.login"), ("李店长", "cli.command"), ("李店长", "staff.add")]
    assert new[1][2] == "staff add"


def test_wrong_pin_locks_out_like_the_screen(outlet, monkeypatch, capsys):
    purge = ["--home", str(outlet), "purge", "--as", "李店长"]
    monkeypatch.setenv("OUTLET_DESK_PASSWORD", "wrong-one")
    for left in (4, 3, 2, 1):
        assert main(purge) == 1
        assert f"还可以再试 {left} 次" in capsys.readouterr().err
    assert main(purge) == 1
    assert "锁定" in capsys.readouterr().err
    monkeypatch.setenv("OUTLET_DESK_PASSWORD", "manager803")      # the right one, too late
    assert main(purge) == 1
    assert "锁定" in capsys.readouterr().err
    actions = [a for _, a, _ in audit_rows(outlet)]
    assert "staff.locked_out" in actions and "retention.purge" not in actions


def test_every_declared_command_refuses_nobody_and_changes_nothing(outlet, tmp_path, capsys):
    before = audit_rows(outlet)
    for name, argv in ARGV.items():
        argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
        assert main(["--home", str(outlet), *argv]) == 1, name
        close_database()
        err = capsys.readouterr().err
        assert "--as" in err and err.count("\n") == 1, (name, err)
    assert audit_rows(outlet) == before
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and "outlet" not in p.parts]


def test_a_clerk_runs_a_clerk_command_as_herself(outlet, tmp_path, monkeypatch):
    open_database(outlet / "outlet.db")
    make_parcel("SF1234567890123", arrived_at=dt.datetime.now().replace(microsecond=0))
    close_database()
    monkeypatch.setenv("OUTLET_DESK_PASSWORD", "1111")
    assert main(["--home", str(outlet), "labels", "--out", str(tmp_path / "l.pdf"), "--mark",
                 "--as", "张丽"]) == 0
    close_database()
    assert ("张丽", "cli.command", "labels") in audit_rows(outlet)


def test_full_phones_only_for_a_checked_manager_and_audited(outlet, tmp_path, monkeypatch):
    out = tmp_path / "s.csv"
    args = ["--home", str(outlet), "export", "signoffs", "--date", "2026-06-07", "-o", str(out)]
    assert main([*args, "--full-phones"]) == 1 and not out.exists()
    monkeypatch.setenv("OUTLET_DESK_PASSWORD", "1111")
    assert main([*args, "--full-phones", "--as", "张丽"]) == 1 and not out.exists()
    close_database()
    monkeypatch.setenv("OUTLET_DESK_PASSWORD", "manager803")
    assert main([*args, "--full-phones", "--as", "李店长"]) == 0 and out.exists()
    close_database()
    assert ("李店长", "signoff.export_full_phones", "s.csv") in audit_rows(outlet)
    out.unlink()
    monkeypatch.delenv("OUTLET_DESK_PASSWORD")
    assert main(args) == 0 and out.exists()          # masked: open, as before
    close_database()


def test_read_only_commands_stay_open(outlet, capsys):
    for argv in (["staff", "list"], ["signoff", "status"], ["audit", "verify"], ["upload", "--status"]):
        assert main(["--home", str(outlet), *argv]) in (0, 1), argv
        close_database()
        assert "--as" not in capsys.readouterr().err


def test_first_manager_of_an_empty_outlet_needs_nobody(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("OUTLET_DESK_PASSWORD", raising=False)
    home = tmp_path / "new"
    base = ["--home", str(home), "staff", "add"]
    assert main([*base, "王芳", "--secret", "2222"]) == 1        # a clerk first: no
    assert "先建立店长" in capsys.readouterr().err
    close_database()
    assert main([*base, "老板", "--role", "manager", "--secret", "boss8030"]) == 0
    close_database()
    assert main([*base, "老板二", "--role", "manager", "--secret", "boss8031"]) == 1
    close_database()
    assert staff_names(home) == {"老板"}
    monkeypatch.setenv("OUTLET_DESK_PASSWORD", "boss8030")
    assert main([*base, "王芳", "--secret", "2222", "--as", "老板"]) == 0
    close_database()
    assert staff_names(home) == {"老板", "王芳"}


def test_purge_with_negative_days_is_refused_and_masks_nothing(outlet, monkeypatch, capsys):
    """The attack as found: ``purge --days -100000`` masked today's parcels."""
    open_database(outlet / "outlet.db")
    today = dt.datetime.now().replace(microsecond=0)
    make_parcel("SF1234567890123", status=Parcel.RELEASED, arrived_at=today)
    close_database()
    monkeypatch.setenv("OUTLET_DESK_PASSWORD", "manager803")
    for days in ("-100000", "0", "29"):
        assert main(["--home", str(outlet), "purge", "--days", days, "--as", "李店长"]) == 1
        close_database()
        assert "不能少于 30 天" in capsys.readouterr().err
    open_database(outlet / "outlet.db")
    try:
        assert Parcel.get(Parcel.waybill == "SF1234567890123").recipient_phone == "13812341234"
    finally:
        close_database()


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days=st.integers(min_value=-10**6, max_value=400), age=st.integers(min_value=0, max_value=400))
def test_purge_never_masks_a_parcel_younger_than_the_floor(db, manager, days, age):
    """Whatever N is asked for, a parcel closed less than the setting's minimum ago keeps its phone,
    and a refused N changes nothing."""
    floor = retention_floor()
    p = make_parcel(status=Parcel.RELEASED, arrived_at=NOW - dt.timedelta(days=age))
    try:
        retention.purge(actor=manager, now=NOW, days=days)
    except ValidationError:
        assert days < floor
    else:
        assert days >= floor
    masked = Parcel.get_by_id(p.id).recipient_phone is None
    assert masked == (days >= floor and age > days)
    if age < floor:
        assert not masked


def retention_floor() -> int:
    from outlet_desk import settings as outlet_settings
    return outlet_settings.specs()["retention.days"].minimum


def test_restore_needs_a_manager_unless_the_database_cannot_be_opened(outlet, monkeypatch, capsys):
    """A damaged database has nobody to check against: restore then runs as the system, as the
    app's own start-up offer does; a sound one needs the manager."""
    monkeypatch.setenv("OUTLET_DESK_PASSWORD", "manager803")
    assert main(["--home", str(outlet), "backup", "--as", "李店长"]) == 0
    close_database()
    monkeypatch.delenv("OUTLET_DESK_PASSWORD")
    assert main(["--home", str(outlet), "restore"]) == 1              # sound: who are you?
    assert "--as" in capsys.readouterr().err
    (outlet / "outlet.db").write_bytes(b"garbage" * 1000)
    for side in ("outlet.db-wal", "outlet.db-shm"):
        (outlet / side).unlink(missing_ok=True)
    assert main(["--home", str(outlet), "restore"]) == 0
    assert "原数据库已另存为" in capsys.readouterr().out
    assert staff_names(outlet) == {"李店长", "张丽"}


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(attempts=st.lists(st.booleans(), min_size=1, max_size=8))
def test_a_command_runs_exactly_when_the_pin_is_right_and_not_locked(tmp_path_factory, attempts):
    """Any sequence of right and wrong PINs at the command line: the command runs exactly when the
    PIN is right and the person is not locked out (five wrong in a row lock, as on the screen);
    every run is on record as the person's."""
    home = tmp_path_factory.mktemp("pins")
    open_database(home / "outlet.db")
    staff.add_staff("张丽", "clerk", "1111", actor=SYSTEM, now=NOW)
    close_database()
    failures, locked, runs = 0, False, 0
    out = str(home / "l.pdf")
    try:
        for right in attempts:
            os.environ["OUTLET_DESK_PASSWORD"] = "1111" if right else "9999"
            rc = main(["--home", str(home), "labels", "--out", out, "--mark", "--as", "张丽"])
            close_database()
            assert (rc == 0) == (right and not locked)
            runs += rc == 0
            if not locked:
                failures = 0 if right else failures + 1
                locked = failures == 5
    finally:
        os.environ.pop("OUTLET_DESK_PASSWORD", None)
    rows = audit_rows(home)
    assert sum(1 for who, action, _ in rows if (who, action) == ("张丽", "cli.command")) == runs
    if locked:
        assert ("张丽", "staff.locked_out") in {(who, action) for who, action, _ in rows}
