import sqlite3

import pytest

from outlet_desk import migrations
from outlet_desk.db import close_database
from outlet_desk.errors import DatabaseCorrupt, DatabaseTooNew
from outlet_desk.models import SchemaMeta
from outlet_desk.storage import open_database

pytestmark = pytest.mark.sqlite_only   # pragmas, files and file backups are SQLite's


def test_sqlite_pragmas_make_accepted_writes_durable(db):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2      # FULL
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
    # a commit never waits for a checkpoint: the background Checkpointer does them
    assert db.execute_sql("PRAGMA wal_autocheckpoint").fetchone()[0] == 0


def test_the_database_file_catches_up_with_the_wal_once_the_counter_pauses(tmp_path):
    import shutil
    import time

    from outlet_desk import db as dbmod
    from outlet_desk.models import Staff
    open_database(tmp_path / "outlet.db")
    try:
        for i in range(50):
            Staff.create(name=f"店员{i}", role="clerk", secret_hash="x", created_at="2026-06-07")
        deadline = time.monotonic() + 20
        while dbmod._checkpointer.checkpoints == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert dbmod._checkpointer.checkpoints >= 1
        # the main file alone (no WAL beside it) already holds every row
        shutil.copyfile(tmp_path / "outlet.db", tmp_path / "copy.db")
        con = sqlite3.connect(tmp_path / "copy.db")
        try:
            assert con.execute("SELECT COUNT(*) FROM staff").fetchone()[0] == 50
        finally:
            con.close()
    finally:
        close_database()
    assert dbmod._checkpointer is None                       # stopped with the database


def test_migration_2_counts_the_shelf_levels_of_an_older_database(tmp_path):
    """An outlet created before migration 2: its codes per level are counted once, then kept by
    triggers; the indexes a scan no longer needs are gone."""
    from outlet_desk.models import Parcel
    from outlet_desk.models.intake import ShelfSlot
    from tests.factories import make_parcel
    open_database(tmp_path / "outlet.db")
    db = Parcel._meta.database
    for name in ("in", "out", "move"):
        db.execute_sql(f"DROP TRIGGER shelf_slot_count_{name}")
    db.execute_sql("DROP TABLE shelf_level_count")
    db.execute_sql('CREATE INDEX "parcel_carrier" ON "parcel" ("carrier")')
    SchemaMeta.update(value="1").where(SchemaMeta.key == "version").execute()
    parcels = [make_parcel() for _ in range(5)]
    for i, p in enumerate(parcels):
        ShelfSlot.create(code=f"A-{i % 2 + 1}-{i}", parcel=p.id, shelf="A", level=i % 2 + 1,
                         assigned_at="2026-06-07 09:00:00")
    close_database()
    open_database(tmp_path / "outlet.db")
    try:
        assert migrations.current_version(db) == migrations.SCHEMA_VERSION
        from outlet_desk.inbound import intake
        assert intake.level_occupancy() == {("A", 1): 3, ("A", 2): 2}
        ShelfSlot.delete().where(ShelfSlot.parcel == parcels[0].id).execute()
        ShelfSlot.update(level=2).where(ShelfSlot.parcel == parcels[2].id).execute()
        Parcel.delete().where(Parcel.id == parcels[4].id).execute()      # cascades to its slot
        assert intake.level_occupancy() == {("A", 2): 3}
        names = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "parcel_carrier" not in names and "parcel_released_at_set" in names
    finally:
        close_database()


def test_opening_again_is_a_no_op_migration(tmp_path):
    open_database(tmp_path / "outlet.db")
    close_database()
    open_database(tmp_path / "outlet.db")
    assert migrations.current_version(SchemaMeta._meta.database) == migrations.SCHEMA_VERSION
    close_database()
    assert not (tmp_path / "backups").exists()   # nothing to migrate, nothing backed up


def test_database_newer_than_app_is_refused_with_message(tmp_path):
    open_database(tmp_path / "outlet.db")
    SchemaMeta.update(value=str(migrations.SCHEMA_VERSION + 5)).where(SchemaMeta.key == "version").execute()
    close_database()
    with pytest.raises(DatabaseTooNew, match="升级"):
        open_database(tmp_path / "outlet.db")
    close_database()


def test_pending_migration_backs_up_the_file_first(tmp_path, monkeypatch):
    open_database(tmp_path / "outlet.db")
    close_database()
    ran = []

    def step2(db):
        ran.append(True)
        db.execute_sql("CREATE TABLE extra_step (id INTEGER PRIMARY KEY)")

    step = migrations.SCHEMA_VERSION + 1
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + [(step, "extra", step2)])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", step)
    open_database(tmp_path / "outlet.db")
    close_database()
    backups = list((tmp_path / "backups").glob(f"pre-migration-v{step - 1}-*.db"))
    assert ran and len(backups) == 1
    con = sqlite3.connect(backups[0])
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert "staff" in tables and "extra_step" not in tables   # the copy is from before the step


def test_file_that_is_not_a_database_is_reported_as_corrupt(tmp_path):
    (tmp_path / "outlet.db").write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(DatabaseCorrupt):
        open_database(tmp_path / "outlet.db")


def test_the_counter_s_hot_queries_use_their_indexes_without_statistics(db):
    """The app runs no ANALYZE; these plans must not depend on it.  A scan's own statements, the
    sign-off queue (partial index: a new parcel is not in it) and the day's movements."""
    import datetime as dt

    from outlet_desk.signoff import signoff
    q = signoff._queue_query(None)
    plan = " ".join(r[3] for r in db.execute_sql("EXPLAIN QUERY PLAN " + q.sql()[0], q.sql()[1]))
    assert "parcel_unsigned" in plan
    for sql, params in (("SELECT id FROM parcel WHERE waybill = ?", ("SF1",)),
                        ("SELECT code FROM shelf_slot WHERE code >= ? AND code < ?", ("3-1", "3-2"))):
        plan = " ".join(r[3] for r in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
        assert "SEARCH" in plan and "SCAN" not in plan, plan
    day = dt.datetime(2026, 6, 7)
    n = db.execute_sql("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'sqlite_stat%'").fetchone()
    assert n[0] == 0
    from outlet_desk.models import ParcelEvent as E
    moved = E.select(E.parcel).where(E.kind.in_(["arrived"]) & (E.at >= day))
    plan = " ".join(r[3] for r in db.execute_sql("EXPLAIN QUERY PLAN " + moved.sql()[0],
                                                  moved.sql()[1]))
    assert "parcel_event_at" in plan


def test_a_preallocated_wal_keeps_every_commit_through_a_crash(tmp_path, monkeypatch):
    """An existing outlet opened with a WAL of zeros made in advance: the scans written into it by
    a process that dies without closing are all there when the file is opened again."""
    import os
    import subprocess
    import sys

    from outlet_desk import db as dbmod
    from outlet_desk.models import Staff
    open_database(tmp_path / "outlet.db")
    close_database()
    assert not (tmp_path / "outlet.db-wal").exists()      # the last close removed it
    monkeypatch.setenv("OUTLET_DESK_WAL_PREALLOC_MB", "2")
    open_database(tmp_path / "outlet.db")                   # a command: no WAL written ahead
    assert (tmp_path / "outlet.db-wal").stat().st_size < 2 << 20
    close_database()
    code = (
        "import os, sys\n"
        "from outlet_desk.storage import open_database\n"
        "from outlet_desk.models import Staff\n"
        "open_database(sys.argv[1], counter=True)\n"
        "print(os.path.getsize(sys.argv[1] + '-wal'), flush=True)\n"
        "for i in range(40):\n"
        "    Staff.create(name=f'店员{i}', role='clerk', secret_hash='x', created_at='2026-06-07')\n"
        "os._exit(0)   # a crash: no close, no checkpoint\n")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "outlet.db")],
                         capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, PYTHONPATH=os.getcwd()))
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.split()[0]) == 2 << 20           # the WAL was there, full size
    assert (tmp_path / "outlet.db-wal").stat().st_size == 2 << 20   # written over, not grown
    db = open_database(tmp_path / "outlet.db")
    try:
        assert Staff.select().where(Staff.name.startswith("店员")).count() == 40
        assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        close_database()
    # an existing WAL is never touched
    (tmp_path / "other.db-wal").write_bytes(b"not ours")
    assert dbmod.preallocate_wal(tmp_path / "other.db", 1 << 20) is False
    assert (tmp_path / "other.db-wal").read_bytes() == b"not ours"
    assert not list(tmp_path.glob("*.part"))
