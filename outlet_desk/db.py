"""Opening the database: URL, pragmas, migrations, and the write transaction every service uses.

The models are bound to :data:`database`, a :class:`peewee.DatabaseProxy` that is initialised at run
time by :func:`open_database` — never at import.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from pathlib import Path

import peewee
from peewee import DatabaseProxy
from playhouse import db_url

from .errors import DatabaseCorrupt, DiskFull, EnvironmentFault

database = DatabaseProxy()

DB_FILENAME = "outlet.db"

# A scan the clerk saw accepted must survive a power cut: WAL + synchronous=FULL.
SQLITE_PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("synchronous", 2),          # FULL
    ("busy_timeout", 10000),     # ms: a second window or the upload worker may hold the lock briefly
    ("cache_size", -32000),      # 32 MB page cache
    ("temp_store", 2),           # MEMORY
    # No checkpoint on the committing connection: a scan pays for its own commit only, and the
    # WAL is copied into the database file by the background Checkpointer when the counter pauses.
    ("wal_autocheckpoint", 0),
    ("journal_size_limit", 64 << 20),   # after a long burst, the WAL file shrinks back to 64 MB
)


def default_url(home: Path) -> str:
    """The database URL for a data directory: ``database.url`` in it if present, else SQLite."""
    home = Path(home)
    override = home / "database.url"
    if override.exists():
        text = override.read_text(encoding="utf-8").strip()
        if text:
            return text
    return "sqlite:///" + str((home / DB_FILENAME).resolve())


def _connect(url: str) -> peewee.Database:
    if "://" not in url:  # a bare path
        url = "sqlite:///" + str(Path(url).resolve())
    if url.startswith("sqlite"):
        return db_url.connect(url, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE",
                              check_same_thread=False)
    return db_url.connect(url)


def is_sqlite(db: peewee.Database | None = None) -> bool:
    db = db or database.obj
    return isinstance(db, peewee.SqliteDatabase)


def sqlite_path(db: peewee.Database | None = None) -> Path | None:
    db = db or database.obj
    if is_sqlite(db) and db.database not in (":memory:", ""):
        return Path(db.database)
    return None


def open_database(url_or_path: str | Path, *, migrate: bool = True,
                  backup_dir: Path | None = None, counter: bool = False) -> peewee.Database:
    """Connect, check the file is sound, run pending migrations, and bind the models to it.

    ``counter``: the app at the counter, which takes scanning bursts — its SQLite WAL is
    preallocated (:func:`preallocate_wal`); a command-line run writes too little to need it."""
    from . import migrations

    url = str(url_or_path)
    db = _connect(url)
    path = sqlite_path(db)
    if path is not None and path.exists() and path.stat().st_size > 0:
        _check_sqlite_header(path)
        if counter:
            preallocate_wal(path)
    try:
        db.connect(reuse_if_open=True)
    except peewee.OperationalError as exc:
        raise classify_operational_error(exc) from exc
    _stop_checkpointer()
    database.initialize(db)
    if path is not None:
        _start_checkpointer(path)
    if migrate:
        try:
            migrations.migrate(db, backup_dir=backup_dir)
        except peewee.DatabaseError as exc:
            db.close()
            raise classify_operational_error(exc) from exc
    return db


def wal_prealloc_bytes() -> int:
    try:
        return max(0, int(os.environ.get("OUTLET_DESK_WAL_PREALLOC_MB", "32"))) << 20
    except ValueError:
        return 32 << 20


def preallocate_wal(path: Path, size: int | None = None) -> bool:
    """Give a database that has no WAL file yet one of ``size`` bytes of zeros, written out.

    A commit that makes the WAL file longer also has the file system record the new length, and
    on this kind of disk that costs each of the morning's first scans about a third more.  SQLite
    reads a WAL that starts with zeros as empty and writes its frames over them, so the file only
    has to exist, full size, before the first connection opens it.  It is written under another
    name and linked into place, which fails if SQLite (another window, another process) has made
    the WAL meanwhile — an existing WAL is never touched.  Returns whether one was made."""
    size = wal_prealloc_bytes() if size is None else size
    wal = Path(str(path) + "-wal")
    if size <= 0 or wal.exists():
        return False
    tmp = Path(f"{path}-wal.{os.getpid()}.{threading.get_ident()}.part")
    try:
        with open(tmp, "wb") as fh:
            chunk = bytes(1 << 20)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.link(tmp, wal)
        return True
    except OSError:            # the WAL appeared, a full disk, no hard links: SQLite makes its own
        return False
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def close_database() -> None:
    _stop_checkpointer()
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


class Checkpointer(threading.Thread):
    """Copies the WAL back into the SQLite file off the scan path.

    With SQLite's automatic checkpoint, every hundredth scan or so would wait while the committing
    connection writes and syncs the database file.  The app's connections turn that off
    (``wal_autocheckpoint=0``); this thread, on its own connection, runs a PASSIVE checkpoint (it
    never blocks a writer or a reader) once nothing has been committed for ``idle`` seconds, or
    after ``max_busy`` seconds of commits without such a pause.  The last connection to close
    checkpoints whatever is left (SQLite does that itself), so nothing depends on this thread for
    durability: every commit is already durable in the WAL.
    """

    def __init__(self, path: Path, *, poll: float = 0.25, idle: float = 0.5,
                 max_busy: float = 30.0) -> None:
        super().__init__(name="outlet-desk-checkpoint", daemon=True)
        self.path, self.poll, self.idle, self.max_busy = Path(path), poll, idle, max_busy
        self.checkpoints = 0
        self._stop_event = threading.Event()

    def stop(self) -> None:
        self._stop_event.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout=5)

    def run(self) -> None:
        try:
            con = sqlite3.connect(str(self.path), isolation_level=None, timeout=10,
                                  check_same_thread=False)
        except sqlite3.Error:
            return
        try:
            version = con.execute("PRAGMA data_version").fetchone()[0]
            changed_at = busy_since = time.monotonic()
            pending = False           # commits not yet copied into the database file
            while not self._stop_event.wait(self.poll):
                now_version = con.execute("PRAGMA data_version").fetchone()[0]
                now = time.monotonic()
                if now_version != version:
                    if not pending:
                        busy_since = now
                    version, changed_at, pending = now_version, now, True
                if not pending:
                    continue
                idle = now - changed_at >= self.idle
                if idle or now - busy_since >= self.max_busy:
                    con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                    self.checkpoints += 1
                    pending, busy_since = not idle, now
        except sqlite3.Error:
            pass      # the file went away (a restore, a test's tmp dir): the next open starts anew
        finally:
            con.close()


_checkpointer: Checkpointer | None = None


def _start_checkpointer(path: Path) -> None:
    global _checkpointer
    _checkpointer = Checkpointer(path)
    _checkpointer.start()


def _stop_checkpointer() -> None:
    global _checkpointer
    if _checkpointer is not None:
        _checkpointer.stop()
        _checkpointer = None


def _check_sqlite_header(path: Path) -> None:
    try:
        with open(path, "rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise EnvironmentFault(f"无法读取数据库文件：{path}（{exc.strerror}）") from exc
    if header != b"SQLite format 3\x00":
        raise DatabaseCorrupt(f"数据库文件已损坏或不是 Outlet Desk 的数据库：{path}")


def classify_operational_error(exc: Exception) -> Exception:
    """Turn sqlite/peewee errors about the environment into :class:`EnvironmentFault` kinds."""
    text = str(exc).lower()
    if "disk is full" in text or "disk i/o" in text and "full" in text:
        return DiskFull("磁盘已满：本次操作未保存。请清理磁盘空间后重试，已保存的数据不受影响。")
    if "database is locked" in text or "database is busy" in text:
        return EnvironmentFault("数据库正忙（另一窗口或上传正在写入），请稍后重试。")
    if "malformed" in text or "not a database" in text or "file is encrypted" in text:
        return DatabaseCorrupt("数据库文件已损坏，请用“备份与恢复”恢复最近的备份。")
    if "readonly" in text or "read-only" in text:
        return EnvironmentFault("数据文件夹只读，无法保存。请检查文件夹权限。")
    if "unable to open" in text:
        return EnvironmentFault("无法打开数据库文件，请检查数据文件夹是否存在且可写。")
    return exc


@contextlib.contextmanager
def write_tx():
    """One durable write transaction (``BEGIN IMMEDIATE`` on SQLite).

    Environment faults (disk full, locked) come out as :class:`EnvironmentFault`; the transaction is
    rolled back, so nothing half-written remains.
    """
    try:
        with database.atomic() as tx:
            yield tx
    except (peewee.OperationalError, sqlite3.OperationalError, peewee.InterfaceError) as exc:
        # On a full disk SQLite has already rolled the transaction back itself, so peewee's ROLLBACK
        # fails with "no transaction is active": the fault to report is the one it happened during.
        cause = exc
        while cause is not None:
            mapped = classify_operational_error(cause)
            if mapped is not cause:
                raise mapped from exc
            cause = cause.__context__
        raise


_SQL_FOR_PARAM: dict = {}
_INSERT_SQL: dict = {}


def run_sql(sql: str, params: tuple | list = ()):
    """Run hand-written SQL, written with ``?`` placeholders, on SQLite or PostgreSQL.

    For the few statements on the scan path, where building each query with peewee would cost
    more than the disk does; everything else uses peewee queries."""
    db = database.obj
    if db.param != "?":
        key = (sql, db.param)
        text = _SQL_FOR_PARAM.get(key)
        if text is None:
            text = _SQL_FOR_PARAM[key] = sql.replace("?", db.param)
        sql = text
    return db.execute_sql(sql, params)


def insert_row(model: type[peewee.Model], values: dict) -> int:
    """INSERT one row of ``model`` with exactly these columns (values as stored: ids for foreign
    keys) and return its id — the scan path's insert, without building a peewee query each time."""
    db = database.obj
    sqlite = is_sqlite(db)
    key = (model, tuple(values), db.param, sqlite)
    sql = _INSERT_SQL.get(key)
    if sql is None:
        head, one = _insert_sql(db, model, tuple(values))
        sql = head + one
        if not sqlite:
            sql += f' RETURNING "{model._meta.primary_key.column_name}"'
        _INSERT_SQL[key] = sql
    cursor = db.execute_sql(sql, tuple(values.values()))
    return cursor.lastrowid if sqlite else cursor.fetchone()[0]


def _insert_sql(db: peewee.Database, model: type[peewee.Model], names: tuple) -> tuple[str, str]:
    """``INSERT INTO "table" ("col", …) VALUES `` and one row's ``(?, …)`` for these fields."""
    fields = model._meta.fields
    cols = ", ".join(f'"{fields[name].column_name}"' for name in names)
    return (f'INSERT INTO "{model._meta.table_name}" ({cols}) VALUES ',
            "(" + ", ".join(db.param for _ in names) + ")")


def insert_rows(model: type[peewee.Model], rows: list[dict], *, chunk: int = 200) -> int:
    """INSERT many rows of ``model`` (all with the same columns, values as stored) — a batch
    (sign-off, outbox) without peewee building each row's SQL: ``executemany`` on SQLite,
    multi-row VALUES on PostgreSQL."""
    if not rows:
        return 0
    db = database.obj
    names = tuple(rows[0])
    head, one = _insert_sql(db, model, names)
    with peewee.__exception_wrapper__:      # sqlite3/psycopg2 errors as peewee.IntegrityError …
        if is_sqlite(db):
            db.cursor().executemany(head + one, [tuple(r[n] for n in names) for r in rows])
        else:
            for i in range(0, len(rows), chunk):
                part = rows[i:i + chunk]
                db.cursor().execute(head + ", ".join(one for _ in part),
                                    [r[n] for r in part for n in names])
    return len(rows)


def run_many(sql: str, rows: list[tuple]) -> None:
    """Run one hand-written statement (``?`` placeholders) for many parameter rows: a bulk UPDATE
    inside a short transaction (an import), without building a peewee query per row."""
    if not rows:
        return
    db = database.obj
    with peewee.__exception_wrapper__:
        db.cursor().executemany(sql.replace("?", db.param) if db.param != "?" else sql, rows)


def rows_where_in(field: peewee.Field, values, *columns: peewee.Field, chunk: int = 500) -> list[tuple]:
    """``(field, *columns)`` of the rows whose ``field`` is one of ``values``: plain SQL in chunks,
    for an import's checks of thousands of numbers inside its write transaction (a peewee
    ``in_()`` query of 500 values costs milliseconds to build, each time)."""
    values = list(values)
    table = field.model._meta.table_name
    cols = ", ".join(f'"{c.column_name}"' for c in (field, *columns))
    out: list[tuple] = []
    for i in range(0, len(values), chunk):
        part = values[i:i + chunk]
        out += run_sql(f'SELECT {cols} FROM "{table}" WHERE "{field.column_name}" IN '
                       f'({", ".join("?" for _ in part)})', part).fetchall()
    return out


def stored_row(model: type[peewee.Model], **values) -> dict:
    """``values`` plus the model's defaults for the other fields, converted as peewee stores them:
    a row for :func:`insert_rows` that a ``model.create(**values)`` would have written."""
    obj = model(**values)
    fields = model._meta.fields
    return {name: fields[name].db_value(value) for name, value in obj.__data__.items()
            if name in fields and not (isinstance(fields[name], peewee.AutoField) and value is None)}


def online_backup(dest: Path) -> Path:
    """Copy the live SQLite database with the backup API (safe while the WAL is in use)."""
    src = sqlite_path()
    if src is None:
        raise EnvironmentFault("当前数据库不是 SQLite，无法用文件备份；请用数据库服务器自己的备份工具。")
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(dest.suffix + ".part")
    source = sqlite3.connect(str(src))
    try:
        target = sqlite3.connect(str(tmp))
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    tmp.replace(dest)
    return dest
