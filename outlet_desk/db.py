"""Opening the database: URL, pragmas, migrations, and the write transaction every service uses.

The models are bound to :data:`database`, a :class:`peewee.DatabaseProxy` that is initialised at run
time by :func:`outlet_desk.storage.open_database` — never at import.
"""
from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
import time
import urllib.parse
from contextvars import ContextVar
from pathlib import Path

import peewee
from peewee import DatabaseProxy
from playhouse import db_url

from .datafiles import file_problems_quick, secure_file
from .errors import DatabaseCorrupt, DiskFull, EnvironmentFault, ValidationError
from .i18n import N_, _

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
    return database_url(home)


#: The URL schemes the app opens: SQLite (one counter) and PostgreSQL (several counters).
POSTGRES_SCHEMES = ("postgresql", "postgres")


def database_url(home: Path, given: str | None = None) -> str:
    """The database to open for a data directory: ``given`` (``--db``), else the line in
    ``database.url``, else ``outlet.db`` in it — checked by :func:`check_url`, so that a typo
    never becomes a new, empty SQLite file somewhere else."""
    home = Path(home).expanduser().resolve()
    if given:
        return check_url(str(given), home, "--db")
    override = home / "database.url"
    if override.exists():
        text = override.read_text(encoding="utf-8").strip()
        if text:
            return check_url(text, home, str(override), relative_to=home)
    return "sqlite:///" + str(home / DB_FILENAME)


def sqlite_file_of(url: str) -> Path | None:
    """The SQLite file a URL from :func:`database_url` names; None for a server database."""
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///"):])
    return None if "://" in url else Path(url)


def check_url(text: str, home: Path, source: str, *, relative_to: Path | None = None) -> str:
    """Refuse, in one line, what is neither a PostgreSQL URL nor a SQLite file that exists or
    lies inside the data directory ``home`` (where a new outlet may be created).  A relative
    SQLite path is taken from ``relative_to`` (``database.url``: the data directory), else from
    the current directory (``--db``, as a shell user means it)."""
    text = text.strip()
    if any(ord(c) < 32 or c == "\x7f" for c in text):
        raise ValidationError(_("数据库地址（{source}）里有换行或控制字符：只能写一行地址。").format(source=source))
    shown = hide_password(text)
    if "://" not in text:
        if "@" in text or text.lower().startswith(("postgres", "sqlite")):   # a URL, mistyped
            raise ValidationError(_("数据库地址“{url}”（{source}）不对：应写成 "
                                    "postgresql://用户:密码@服务器/数据库名。").format(url=shown, source=source))
        return "sqlite:///" + str(_sqlite_file(text, home, source, relative_to))
    scheme = text.split("://", 1)[0].lower()
    if scheme == "sqlite":
        if not text.startswith("sqlite:///") or text[len("sqlite:///"):] in ("", ":memory:"):
            raise ValidationError(_("数据库地址“{url}”（{source}）不对：SQLite 应写成 sqlite:///文件路径。").format(
                url=shown, source=source))
        return "sqlite:///" + str(_sqlite_file(text[len("sqlite:///"):], home, source, relative_to))
    if scheme in POSTGRES_SCHEMES:
        try:
            parts = urllib.parse.urlsplit(text)
            parts.port                  # "Port out of range", "could not be cast to integer"
        except ValueError:              # also "Invalid IPv6 URL" ("postgresql://[::1")
            raise ValidationError(_("数据库地址“{url}”（{source}）不对：服务器或端口写错了；应写成 "
                                    "postgresql://用户:密码@服务器:端口/数据库名。").format(
                url=shown, source=source)) from None
        if not parts.path.strip("/"):
            raise ValidationError(_("数据库地址“{url}”（{source}）缺少数据库名：应写成 "
                                    "postgresql://用户:密码@服务器/数据库名。").format(url=shown, source=source))
        try:
            import psycopg2  # noqa: F401
        except ImportError:
            raise EnvironmentFault(_("使用 PostgreSQL 需要 psycopg2：pip install -e '.[postgresql]'。")) from None
        return text
    raise ValidationError(_("不认识的数据库地址“{url}”（{source}）：只能是 postgresql://用户:密码@服务器/数据库名，"
                            "或数据文件夹里的 SQLite 文件。").format(url=shown, source=source))


def _sqlite_file(text: str, home: Path, source: str, relative_to: Path | None) -> Path:
    try:
        path = ((relative_to or Path.cwd()) / Path(text).expanduser()).resolve()
        is_dir, exists = path.is_dir(), path.exists()
    except (RuntimeError, OSError, ValueError):      # "~nobody/…", a name the system refuses
        raise ValidationError(_("“{path}”（{source}）不是可用的文件路径。").format(path=text, source=source)) from None
    if is_dir:
        raise ValidationError(_("“{path}”（{source}）是文件夹，不是数据库文件：数据文件夹请用 --home 指定。").format(
            path=text, source=source))
    if exists or path.parent == home or home in path.parents:
        return path
    raise ValidationError(_("没有这个数据库文件：{path}（{source}）。新数据库只建在数据文件夹 {home} 里；"
                            "服务器上的数据库请写 postgresql://…").format(path=path, source=source, home=home))


def hide_password(url: str) -> str:
    """``postgresql://outlet:secret@host/db`` → ``postgresql://outlet:***@host/db``."""
    return re.sub(r"(^|[/@])([^:/@\s]*):[^@/\s]*@", r"\1\2:***@", url, count=1)


class ReconnectingPostgresqlDatabase(peewee.PostgresqlDatabase):
    """PostgreSQL that survives a server restart (what ``playhouse.shortcuts.ReconnectMixin``
    does, with the psycopg2 errors of a lost connection and the rule of what may be repeated).

    A statement that finds the connection gone, outside a transaction, drops the dead connection;
    the next statement opens a new one.  It is repeated at once only when repeating cannot apply a
    change twice: ``BEGIN`` (a write transaction starting: nothing of it has run yet), a read, or
    psycopg2's "connection already closed" (raised before anything was sent).  Inside a
    transaction nothing is repeated: the server has rolled that transaction back, and
    :func:`write_tx` refuses the write with a reason (the caller may try it again).
    """

    def _connect(self):
        import psycopg2
        try:
            return super()._connect()
        except psycopg2.OperationalError as exc:     # down, unreachable, refused the login
            raise _server_fault(exc, self) from exc

    def begin(self, *args, **kwargs):
        return self._again(super().begin, True, *args, **kwargs)

    def execute_sql(self, sql, params=None):
        head = sql.lstrip()[:6].upper()
        return self._again(super().execute_sql, head in ("SELECT", "SHOW"), sql, params)

    def rollback(self):
        try:
            super().rollback()
        except (peewee.OperationalError, peewee.InterfaceError) as exc:
            if not connection_lost(exc):
                raise
            self._drop_connection()      # the server rolled it back when the connection went

    def _again(self, func, repeatable: bool, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (peewee.OperationalError, peewee.InterfaceError) as exc:
            if self.in_transaction() or not connection_lost(exc):
                raise
            self._drop_connection()
            if not (repeatable or isinstance(exc, peewee.InterfaceError)):
                raise
        return func(*args, **kwargs)         # opens a new connection first

    def _drop_connection(self) -> None:
        if self.in_transaction():
            return                           # the transaction's end drops it (rollback above)
        with contextlib.suppress(Exception):
            self.close()
        self._state.reset()


_LOST = ("server closed the connection", "terminating connection", "connection already closed",
         "could not receive data from server", "could not send data to server", "ssl syscall error",
         "connection not open", "no connection to the server", "connection has been closed")


def connection_lost(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(fragment in text for fragment in _LOST)


def server_name(db: peewee.Database | None = None) -> str:
    """``host:port/database`` of a PostgreSQL database, for messages (never the password)."""
    db = db or database.obj
    params = getattr(db, "connect_params", {}) or {}
    return f"{params.get('host') or 'localhost'}:{params.get('port') or 5432}/{db.database}"


# libpq's reasons (English) in a clerk's words; the first fragment found wins.
_SERVER_REASONS = (
    ("password authentication failed", N_("用户名或密码不对")),
    ("no password supplied", N_("没有填密码")),
    ("does not exist", N_("服务器上没有这个数据库或用户")),
    ("could not translate host name", N_("找不到这台服务器（名字写错了？）")),
    ("name or service not known", N_("找不到这台服务器（名字写错了？）")),
    ("connection refused", N_("服务器拒绝连接（PostgreSQL 没有运行，或端口不对）")),
    ("timeout expired", N_("连接超时（服务器没开机或网络不通）")),
    ("timed out", N_("连接超时（服务器没开机或网络不通）")),
    ("no route to host", N_("网络不通")),
    ("network is unreachable", N_("网络不通")),
    ("too many connections", N_("服务器的连接数已满")),
    ("the database system is starting up", N_("服务器正在启动，请稍候")),
    ("the database system is shutting down", N_("服务器正在关闭")),
    ("pg_hba.conf", N_("服务器不允许这台电脑连接（pg_hba.conf）")),
    ("ssl", N_("加密连接（SSL）出错")),
)


def server_reason(exc: BaseException) -> str:
    """Why the database server could not be reached, in the person's words when the reason is a
    known one (the server's own words otherwise: they are all there is)."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    lowered = str(exc).lower()
    if connection_lost(exc):
        return _("连接断了")
    for fragment, reason in _SERVER_REASONS:
        if fragment in lowered:
            return _(reason)
    return first.split(" failed: ", 1)[-1].replace("FATAL:", "").strip() or _("原因不明")


def _server_fault(exc: BaseException, db: peewee.Database | None = None) -> EnvironmentFault:
    reason = server_reason(exc)
    return EnvironmentFault(_("连不上数据库服务器 {server}：{reason}。"
                              "请确认服务器已开机、PostgreSQL 在运行、网络连通，然后重试。").format(
        server=server_name(db), reason=reason))


def _connect(url: str) -> peewee.Database:
    if "://" not in url:  # a bare path
        url = "sqlite:///" + str(Path(url).resolve())
    if url.startswith("sqlite"):
        return db_url.connect(url, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE",
                              check_same_thread=False)
    if url.split("://", 1)[0].lower() in POSTGRES_SCHEMES:
        params = db_url.parse(url)
        # a server PC that is switched off answers nothing: say so after seconds, not minutes
        params.setdefault("connect_timeout", 10)
        return ReconnectingPostgresqlDatabase(**params)
    return db_url.connect(url)


def is_sqlite(db: peewee.Database | None = None) -> bool:
    db = db or database.obj
    return isinstance(db, peewee.SqliteDatabase)


def sqlite_path(db: peewee.Database | None = None) -> Path | None:
    db = db or database.obj
    if is_sqlite(db) and db.database not in (":memory:", ""):
        return Path(db.database)
    return None


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
    """The header and the length (a truncated file), before SQLite reads a page of it."""
    problems = file_problems_quick(path)
    if problems:
        raise DatabaseCorrupt(_("数据库文件已损坏或不是 Outlet Desk 的数据库（{problem}）：{path}").format(
            problem=problems[0], path=path))


def classify_operational_error(exc: Exception) -> Exception:
    """Turn sqlite/peewee errors about the environment into :class:`EnvironmentFault` kinds."""
    text = str(exc).lower()
    if "disk is full" in text or "disk i/o" in text and "full" in text:
        return DiskFull(_("磁盘已满：本次操作未保存。请清理磁盘空间后重试，已保存的数据不受影响。"))
    if "database is locked" in text or "database is busy" in text:
        return EnvironmentFault(_("数据库正忙（另一窗口或上传正在写入），请稍后重试。"))
    if "malformed" in text or "not a database" in text or "file is encrypted" in text:
        return DatabaseCorrupt(_("数据库文件已损坏，请用“备份与恢复”恢复最近的备份。"))
    if "readonly" in text or "read-only" in text:
        return EnvironmentFault(_("数据文件夹只读，无法保存。请检查文件夹权限。"))
    if "unable to open" in text:
        return EnvironmentFault(_("无法打开数据库文件，请检查数据文件夹是否存在且可写。"))
    return exc


#: While set, called first thing in each outermost write transaction (``businessday.dated``:
#: the day the work is dated into is checked again inside the transaction that writes it).
on_write_begin: ContextVar = ContextVar("on_write_begin", default=None)


@contextlib.contextmanager
def write_tx():
    """One durable write transaction (``BEGIN IMMEDIATE`` on SQLite).

    Environment faults (disk full, locked, the database server gone) come out as
    :class:`EnvironmentFault`; the transaction is rolled back, so nothing half-written remains.
    On PostgreSQL a connection lost before the transaction starts is re-opened and the write
    goes ahead (:class:`ReconnectingPostgresqlDatabase`); one lost in the middle refuses the
    write — the server rolled it back — and the next write uses a new connection.
    """
    outermost = database.transaction_depth() == 0
    body_done = False
    try:
        with database.atomic() as tx:
            hook = on_write_begin.get() if outermost else None
            if hook is not None:
                hook()
            yield tx
            body_done = True
    except (peewee.DatabaseError, sqlite3.DatabaseError, peewee.InterfaceError) as exc:
        if not is_sqlite():
            fault = _server_write_fault(exc, commit_unknown=body_done and outermost)
            if fault is not exc:
                raise fault from exc
            raise
        # A damaged page met by this write reads as DatabaseCorrupt.
        # On a full disk SQLite has already rolled the transaction back itself, so peewee's ROLLBACK
        # fails with "no transaction is active": the fault to report is the one it happened during.
        cause = exc
        while cause is not None:
            mapped = classify_operational_error(cause)
            if mapped is not cause:
                raise mapped from exc
            cause = cause.__context__
        raise


def _server_write_fault(exc: BaseException, *, commit_unknown: bool) -> BaseException:
    chain, cause = [], exc
    while cause is not None:
        chain.append(cause)
        cause = cause.__context__
    if any(connection_lost(c) for c in chain):
        if commit_unknown:
            return EnvironmentFault(_("与数据库服务器 {server} 的连接在保存的那一刻中断，"
                                      "无法确认这次是否已保存：请先查看结果，再决定是否重做。").format(
                server=server_name()))
        return EnvironmentFault(_("与数据库服务器 {server} 的连接中断，本次操作未保存，请重试。").format(
            server=server_name()))
    for c in chain:
        text = str(c).lower()
        if "connection to server" in text or "could not connect" in text:
            return _server_fault(c)
    return exc


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
    """Copy the live SQLite database with the backup API (safe while the WAL is in use).

    Written as ``<dest>.part`` (this account only) and renamed when whole; on any failure — a
    full disk, a damaged page of the source — the part file is removed and one line is raised."""
    import errno

    src = sqlite_path()
    if src is None:
        raise EnvironmentFault(_("当前数据库不是 SQLite，无法用文件备份；请用数据库服务器自己的备份工具。"))
    dest = Path(dest)
    tmp = dest.with_suffix(dest.suffix + ".part")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        source = sqlite3.connect(str(src))
        try:
            target = sqlite3.connect(str(tmp))
            try:
                source.backup(target)
                # one self-contained file: a WAL-mode copy would grow -wal/-shm files when read
                target.execute("PRAGMA journal_mode=DELETE").fetchall()
            finally:
                target.close()
        finally:
            source.close()
        secure_file(tmp)
        tmp.replace(dest)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        for side in ("-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(str(tmp) + side).unlink()
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise DiskFull(_("磁盘已满：备份没有写完（{folder}），已删除未写完的文件。"
                             "请清理磁盘空间后重试。").format(folder=dest.parent)) from exc
        mapped = classify_operational_error(exc)
        if isinstance(mapped, DiskFull):
            raise DiskFull(_("磁盘已满：备份没有写完（{folder}），已删除未写完的文件。"
                             "请清理磁盘空间后重试。").format(folder=dest.parent)) from exc
        if mapped is not exc:
            raise mapped from exc
        what = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise EnvironmentFault(_("备份失败：{error}（{folder}；请检查磁盘空间和文件夹权限）").format(
            error=what, folder=dest.parent)) from exc
    return dest
