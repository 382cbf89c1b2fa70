import sqlite3

import pytest

from outlet_desk import migrations
from outlet_desk.db import close_database, open_database
from outlet_desk.errors import DatabaseCorrupt, DatabaseTooNew
from outlet_desk.models import SchemaMeta

pytestmark = pytest.mark.sqlite_only   # pragmas, files and file backups are SQLite's


def test_sqlite_pragmas_make_accepted_writes_durable(db):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2      # FULL
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000


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

    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + [(2, "extra", step2)])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    open_database(tmp_path / "outlet.db")
    close_database()
    backups = list((tmp_path / "backups").glob("pre-migration-v1-*.db"))
    assert ran and len(backups) == 1
    con = sqlite3.connect(backups[0])
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert "staff" in tables and "extra_step" not in tables   # the copy is from before the step


def test_file_that_is_not_a_database_is_reported_as_corrupt(tmp_path):
    (tmp_path / "outlet.db").write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(DatabaseCorrupt):
        open_database(tmp_path / "outlet.db")
