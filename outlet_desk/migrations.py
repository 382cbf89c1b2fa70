"""Versioned schema steps, in code.  Each runs in one transaction; the SQLite file is backed up first.

Until the first release, step 1 creates every table of every model module.  After a release, a
schema change is a new step appended to :data:`MIGRATIONS` (add a column, an index, a table) — never
an edit of an old step.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import peewee

from . import db as dbmod
from .errors import DatabaseTooNew


def _audit_triggers(db: peewee.Database) -> None:
    if dbmod.is_sqlite(db):
        for op in ("UPDATE", "DELETE"):
            db.execute_sql(
                f"CREATE TRIGGER IF NOT EXISTS audit_log_no_{op.lower()} BEFORE {op} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;")
    else:  # PostgreSQL
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql;")
        for op in ("UPDATE", "DELETE"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS audit_log_no_{op.lower()} ON audit_log;")
            db.execute_sql(
                f"CREATE TRIGGER audit_log_no_{op.lower()} BEFORE {op} ON audit_log "
                f"FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();")


def _m1_initial(db: peewee.Database) -> None:
    from .models import all_models
    db.create_tables(all_models(), safe=True)
    _audit_triggers(db)


MIGRATIONS: list[tuple[int, str, callable]] = [
    (1, "initial schema", _m1_initial),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def current_version(db: peewee.Database) -> int:
    from .models import SchemaMeta
    if not db.table_exists("schema_meta"):
        return 0
    row = SchemaMeta.get_or_none(SchemaMeta.key == "version")
    return int(row.value) if row else 0


def migrate(db: peewee.Database, *, backup_dir: Path | None = None,
            now: dt.datetime | None = None) -> int:
    """Bring the schema to :data:`SCHEMA_VERSION`.  Refuses a database newer than this app."""
    from .models import SchemaMeta
    version = current_version(db)
    if version > SCHEMA_VERSION:
        raise DatabaseTooNew(
            f"数据库版本 {version} 比本程序支持的版本 {SCHEMA_VERSION} 新：请升级 Outlet Desk 后再打开。")
    if version == SCHEMA_VERSION:
        return version
    path = dbmod.sqlite_path(db)
    if version > 0 and path is not None:
        stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        target_dir = Path(backup_dir) if backup_dir else path.parent / "backups"
        dbmod.online_backup(target_dir / f"pre-migration-v{version}-{stamp}.db")
    for number, _name, step in MIGRATIONS:
        if number <= version:
            continue
        with db.atomic():
            if number == 1:
                db.create_tables([SchemaMeta], safe=True)
            step(db)
            _set_version(number)
    return SCHEMA_VERSION


def _set_version(number: int) -> None:
    from .models import SchemaMeta
    updated = SchemaMeta.update(value=str(number)).where(SchemaMeta.key == "version").execute()
    if not updated:
        SchemaMeta.create(key="version", value=str(number))
