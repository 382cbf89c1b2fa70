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
from .i18n import _
from .models import Outbox, Parcel, SchemaMeta, all_models
from .models.intake import ShelfLevelCount


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
    db.create_tables(all_models(), safe=True)
    _audit_triggers(db)


# Indexes no lookup uses, dropped because every scan would write them (issue 9: one scan, one
# small durable commit).  Staff are deactivated, never deleted, so their links need no index.
# Indexes on a column with a handful of values (a kind, a status) over a million rows are dropped
# too: the app runs no ANALYZE, and without statistics SQLite would prefer them to a selective one.
_M2_DROPPED = ("parcel_carrier", "parcel_arrived_by_id", "parcel_released_by_id",
               "parcel_released_at", "parcel_event_kind", "parcel_event_staff_id",
               "shelf_slot_shelf_level",   # level counts: shelf_level_count
               "shelf_slot_phone_tail",    # a customer's level: the parcel's (phone_tail, status)
               "parcel_shelf_level_status",   # the stock check reads the few parcels at the outlet
               "parcel_signed_at",         # partial: parcel_signed_at_set, parcel_unsigned
               "outbox_status", "outbox_sent_at",     # (status, id) and (status, sent_at) serve
               "outbox_kind", "signoff_status")


def _shelf_count_triggers(db: peewee.Database) -> None:
    """Keep shelf_level_count equal to the shelf slots held per level (insert, delete, move)."""
    plus = ("INSERT INTO shelf_level_count (shelf, level, held) VALUES (NEW.shelf, NEW.level, 1) "
            "ON CONFLICT (shelf, level) DO UPDATE SET held = shelf_level_count.held + 1")
    minus = ("UPDATE shelf_level_count SET held = held - 1 "
             "WHERE shelf = OLD.shelf AND level = OLD.level")
    if dbmod.is_sqlite(db):
        for name, when, body in (("in", "AFTER INSERT", plus), ("out", "AFTER DELETE", minus),
                                 ("move", "AFTER UPDATE OF shelf, level", f"{minus}; {plus}")):
            db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS shelf_slot_count_{name} {when} "
                           f"ON shelf_slot BEGIN {body}; END;")
        return
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION shelf_slot_count() RETURNS trigger AS $$ BEGIN "
        f"IF TG_OP IN ('DELETE', 'UPDATE') THEN {minus}; END IF; "
        f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {plus}; END IF; "
        "RETURN NULL; END; $$ LANGUAGE plpgsql;")
    db.execute_sql("DROP TRIGGER IF EXISTS shelf_slot_count ON shelf_slot;")
    db.execute_sql("CREATE TRIGGER shelf_slot_count AFTER INSERT OR DELETE OR UPDATE OF shelf, level "
                   "ON shelf_slot FOR EACH ROW EXECUTE FUNCTION shelf_slot_count();")


def _m2_light_scan(db: peewee.Database) -> None:
    for name in _M2_DROPPED:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
    Parcel._schema.create_indexes(safe=True)          # the partial ones (models/parcels.py)
    Outbox._schema.create_indexes(safe=True)          # outbox_status_sent_at: the day's uploads
    db.create_tables([ShelfLevelCount], safe=True)
    db.execute_sql("DELETE FROM shelf_level_count")
    db.execute_sql("INSERT INTO shelf_level_count (shelf, level, held) "
                   "SELECT shelf, level, COUNT(*) FROM shelf_slot GROUP BY shelf, level")
    _shelf_count_triggers(db)


MIGRATIONS: list[tuple[int, str, callable]] = [
    (1, "initial schema", _m1_initial),
    (2, "lighter scan: fewer indexes written per scan, shelf level counts", _m2_light_scan),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def current_version(db: peewee.Database) -> int:
    if not db.table_exists("schema_meta"):
        return 0
    row = SchemaMeta.get_or_none(SchemaMeta.key == "version")
    return int(row.value) if row else 0


def migrate(db: peewee.Database, *, backup_dir: Path | None = None,
            now: dt.datetime | None = None) -> int:
    """Bring the schema to :data:`SCHEMA_VERSION`.  Refuses a database newer than this app."""
    version = current_version(db)
    if version > SCHEMA_VERSION:
        raise DatabaseTooNew(_("数据库版本 {version} 比本程序支持的版本 {supported} 新：请升级 Outlet Desk 后再打开。")
                             .format(version=version, supported=SCHEMA_VERSION))
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
    updated = SchemaMeta.update(value=str(number)).where(SchemaMeta.key == "version").execute()
    if not updated:
        SchemaMeta.create(key="version", value=str(number))
