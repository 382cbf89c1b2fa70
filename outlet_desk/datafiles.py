"""The SQLite file and its data directory as files: who has it open, whether it is damaged or
missing, replacing it atomically, and keeping it readable by the outlet's account only.

Nothing here knows the models; :mod:`outlet_desk.datacare.backup` builds backup and restore on it.

* **Who has it open.** The app at the counter writes ``locks/<host>-<pid>.json`` (pid, host, user,
  since) when it opens the data directory and removes it when it exits; a restore writes
  ``locks/restore.json`` for its few seconds.  SQLite's own lock says whether *any* process has the
  file open (an app, a command, an sqlite3 shell); the lock files say who.
* **Damage** is reported as one line per problem (:func:`file_problems`), never a traceback.
* **Missing**: a data directory that shows an outlet lived here (backups, photos, a kept-aside
  database, a ``database.url`` naming the file) but has no database is never given a new empty one.
* **Atomic replace** (:func:`replace_atomically`): the new file is written beside the old one,
  synced, then renamed over it — killed at any moment, the old or the new database is in place.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import DatabaseCorrupt, EnvironmentFault, OutletError
from .i18n import _, punct

DB_FILENAME = "outlet.db"
HEADER = b"SQLite format 3\x00"
POSIX = os.name == "posix"


class DatabaseInUse(EnvironmentFault):
    """Another process has the database open (a restore must wait)."""


class DatabaseMissing(EnvironmentFault):
    """The data directory had an outlet, but its database file is gone."""


# -- who has it open --------------------------------------------------------------------------

@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    user: str
    program: str
    since: str

    def describe(self) -> str:
        where = _("本机") if self.host == socket.gethostname() else _("电脑 {host}").format(host=self.host)
        return _("{program}（{where}，进程 {pid}，用户 {user}，{since} 起）").format(
            program=self.program, where=where, pid=self.pid, user=self.user, since=self.since)

    def alive(self) -> bool:
        if self.host != socket.gethostname():
            return True                 # another PC on a shared folder: cannot tell, assume so
        if self.pid == os.getpid():
            return True
        return _pid_alive(self.pid)


def _pid_alive(pid: int) -> bool:
    if not POSIX:       # os.kill(pid, 0) would end the process on Windows: ask the kernel instead
        import ctypes
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)     # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259                          # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:         # another user's process: alive
        return True
    return True


def locks_dir(home: Path) -> Path:
    return Path(home) / "locks"


def _me(program: str) -> dict:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 — no user name in the environment
        user = "?"
    return {"pid": os.getpid(), "host": socket.gethostname(), "user": user, "program": program,
            "since": dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")}


def _read(path: Path) -> Holder | None:
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        return Holder(int(d["pid"]), str(d["host"]), str(d.get("user", "?")),
                      str(d.get("program", "?")), str(d.get("since", "?")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def holders(home: Path, *, include_self: bool = False) -> list[Holder]:
    """Live holders named by lock files (stale files of dead processes are removed)."""
    out = []
    folder = locks_dir(home)
    if not folder.is_dir():
        return out
    for f in sorted(folder.glob("*.json")):
        h = _read(f)
        if h is None:
            continue
        if not h.alive():
            with contextlib.suppress(OSError):
                f.unlink()
            continue
        if h.pid == os.getpid() and h.host == socket.gethostname() and not include_self:
            continue
        out.append(h)
    return out


def _write_exclusive(path: Path, data: dict) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False)
    return True


def register_app(home: Path) -> Path:
    """The app at the counter says it has this data directory open (removed at exit)."""
    import atexit
    me = _me(_("Outlet Desk 柜台程序"))
    path = locks_dir(home) / f"{me['host']}-{me['pid']}.json"
    path.unlink(missing_ok=True)
    _write_exclusive(path, me)
    atexit.register(lambda: path.unlink(missing_ok=True))
    return path


def refuse_if_restoring(home: Path) -> None:
    h = _read(locks_dir(home) / "restore.json")
    if h is not None and h.alive() and h.pid != os.getpid():
        raise DatabaseInUse(_("正在恢复备份：{holder}。请等恢复完成后再打开。").format(holder=h.describe()))


@contextlib.contextmanager
def restore_lock(home: Path):
    """Held while a restore replaces the database; refuses while anybody else has it open."""
    path = locks_dir(home) / "restore.json"
    if not _write_exclusive(path, _me(_("恢复备份"))):
        h = _read(path)
        if h is not None and h.alive():
            raise DatabaseInUse(_("另一个恢复正在进行：{holder}。当前数据未改动。").format(holder=h.describe()))
        path.unlink(missing_ok=True)
        if not _write_exclusive(path, _me(_("恢复备份"))):
            raise DatabaseInUse(_("另一个恢复正在进行。当前数据未改动。"))
    try:
        others = holders(home)
        if others:
            raise DatabaseInUse(_("数据库正被使用：{holders}。请先关闭程序再恢复。当前数据未改动。").format(
                holders=punct("；").join(h.describe() for h in others)))
        yield
    finally:
        path.unlink(missing_ok=True)


def exclusive_connection(db_file: Path) -> sqlite3.Connection | None:
    """An exclusive SQLite lock on the database (None if there is no sound file to lock), or
    :class:`DatabaseInUse` when another connection — in any process — has it open."""
    if not db_file.exists() or db_file.stat().st_size < 100:
        return None
    with open(db_file, "rb") as fh:
        if fh.read(16) != HEADER:
            return None
    con = sqlite3.connect(str(db_file), timeout=0.5, isolation_level=None)
    try:
        con.execute("PRAGMA locking_mode=EXCLUSIVE")
        con.execute("BEGIN EXCLUSIVE")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        con.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        con.close()
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise DatabaseInUse(_("数据库正被另一个程序打开（柜台程序、命令行或其他工具）。"
                                  "请先关闭它再恢复。当前数据未改动。")) from exc
        return None
    except sqlite3.DatabaseError:       # a damaged file: nobody can be using it meaningfully
        con.close()
        return None
    return con


# -- damage -----------------------------------------------------------------------------------

def file_problems(path: Path) -> list[str]:
    """One line per problem of an SQLite file, read-only; [] when SQLite finds it sound."""
    path = Path(path)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):          # a FIFO would block the read, /dev/zero never end
            return [_("不是普通文件（{kind}），不是数据库：{path}").format(kind=_kind(st.st_mode), path=path)]
        size = st.st_size
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        return [_("无法读取数据库文件 {path}：{error}").format(path=path, error=exc.strerror or exc)]
    if size == 0:
        return [_("数据库文件是空的（0 字节）：{path}").format(path=path)]
    if header[:16] != HEADER or len(header) < 100:
        return [_("文件头已损坏，不是 SQLite 数据库：{path}").format(path=path)]
    problems = []
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    wal = Path(str(path) + "-wal")
    if page_size and pages and size < pages * page_size and not (wal.exists() and wal.stat().st_size):
        problems.append(_("数据库文件被截断：应有 {expected} 字节，只有 {size} 字节").format(
            expected=pages * page_size, size=size))
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        con.text_factory = lambda b: b.decode("utf-8", "replace")
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check(20)").fetchall()]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        problems.append(_("SQLite 无法读取数据库（{error}），结构页可能已损坏").format(error=exc))
        return problems
    except UnicodeDecodeError:      # SQLite's message quotes a damaged page's bytes (not UTF-8)
        problems.append(_("SQLite 无法读取数据库（报错里有无法解码的内容），数据页或结构页已损坏"))
        return problems
    if rows != ["ok"]:
        problems += [_("SQLite 完整性检查失败：{line}").format(line=line) for line in integrity_lines(rows)]
    return problems


def integrity_lines(rows) -> list[str]:
    """``PRAGMA integrity_check`` rows as one line each (a row may hold several lines)."""
    return [line.strip() for r in rows for line in str(r).splitlines()
            if line.strip() and not line.startswith("*** in database")]


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("是文件夹")
    if stat.S_ISFIFO(mode):
        return _("是管道")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("是设备")
    return _("是特殊文件")


def check_header(path: Path) -> None:
    """Refuse a file that is not a whole SQLite database before SQLite touches it."""
    problems = file_problems_quick(path)
    if problems:
        raise DatabaseCorrupt(_("数据库文件已损坏：{problem}。").format(problem=problems[0]))


def file_problems_quick(path: Path) -> list[str]:
    """The header and the length only (no page read): cheap enough for every start."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            return [_("不是普通文件（{kind}）").format(kind=_kind(st.st_mode))]
        size = st.st_size
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise EnvironmentFault(_("无法读取数据库文件：{path}（{error}）").format(path=path, error=exc.strerror)) from exc
    if header[:16] != HEADER or len(header) < 100:
        return [_("文件头不是 SQLite 数据库")]
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    wal = Path(str(path) + "-wal")
    if page_size and pages and size < pages * page_size and not (wal.exists() and wal.stat().st_size):
        return [_("文件被截断（应有 {expected} 字节，只有 {size} 字节）").format(expected=pages * page_size, size=size)]
    return []


# -- output files -----------------------------------------------------------------------------

def refuse_outlet_file(home: Path, db_file: Path | None, out: Path | str) -> Path:
    """An output file a command was told to write (``-o FILE``): refused, in one line, when it is
    one of the outlet's own files — the database (and its -wal/-shm/-journal), ``database.url``, or
    anything in ``backups/``, ``photos/``, ``locks/`` — or a folder.  ``report daily -o outlet.db``
    typed in the data directory overwrote the live database with a PDF."""
    out = Path(out)
    target = out.resolve()                    # a symlink is judged by what it points to
    if target.is_dir():
        raise OutletError(_("“{path}”是文件夹：请给出要写入的文件名。").format(path=out))
    home = Path(home).resolve()
    own = {home / "database.url"}
    for db in (db_file, home / DB_FILENAME):
        if db is not None:
            db = Path(db).resolve()
            own |= {db, *(Path(str(db) + s) for s in ("-wal", "-shm", "-journal"))}
    folders = [home / d for d in ("backups", "photos", "locks")]
    if target in own or any(f == target or f in target.parents for f in folders) \
            or (target.parent == home and target.name.startswith(DB_FILENAME)):
        raise OutletError(_("不能写到“{path}”：这是网点自己的数据文件（数据库、备份或照片）。"
                            "请换一个文件名或文件夹。").format(path=out))
    return out


# -- missing ----------------------------------------------------------------------------------

def signs_of_an_outlet(home: Path, db_file: Path) -> list[str]:
    """What in the data directory shows that a database lived here."""
    home = Path(home)
    signs = []
    url = home / "database.url"
    if url.exists():
        with contextlib.suppress(OSError):
            text = url.read_text(encoding="utf-8").strip()
            if text.startswith("sqlite") or "://" not in text:
                signs.append(_("database.url 指向它"))
    backups = home / "backups"
    if backups.is_dir() and any(backups.glob("*.db")):
        signs.append(_("backups/ 里有备份"))
    photos = home / "photos"
    if photos.is_dir() and any(p.is_file() for p in photos.rglob("*.jpg")):
        signs.append(_("photos/ 里有照片"))
    if any(db_file.parent.glob(db_file.name + ".before-restore-*")):
        signs.append(_("有恢复前另存的数据库"))
    return signs


def refuse_if_missing(home: Path, db_file: Path | None) -> None:
    """Raise :class:`DatabaseMissing` when the database file is gone (or empty) but the data
    directory shows an outlet lived here: a new empty outlet would silently replace it."""
    if db_file is None:
        return
    db_file = Path(db_file)
    if db_file.exists() and db_file.stat().st_size > 0:
        return
    if db_file.exists() and Path(str(db_file) + "-wal").exists():
        return                                   # an empty file with its WAL: SQLite's business
    signs = signs_of_an_outlet(home, db_file)
    if signs:
        what = _("是空的") if db_file.exists() else _("不见了")
        raise DatabaseMissing(
            _("数据库文件 {path} {what}，但这个数据文件夹里有过网点（{signs}）。"
              "没有新建空网点：请恢复最近的备份（outlet-desk restore）。").format(
                path=db_file, what=what, signs=punct("、").join(signs)))


# -- files only the outlet can read -----------------------------------------------------------

_MARKERS = (DB_FILENAME, "database.url", "backups", "photos", "locks")


def secure_home(home: Path) -> None:
    """Create the data directory readable by this account only (0700; POSIX).  An existing folder
    is tightened only when it holds an outlet, and never when it is the user's home folder or one
    above it, or a shared folder like /tmp (``--home ~`` must not lock anybody out of anything)."""
    home = Path(home).resolve()
    if not home.exists():
        home.mkdir(parents=True, mode=0o700)
        return
    user_home = Path.home().resolve()
    if home == user_home or home in user_home.parents:
        return
    if any((home / m).exists() for m in _MARKERS):
        secure_dir(home)


def secure_dir(folder: Path) -> None:
    """Create ``folder`` (one of the outlet's own) readable by this account only (0700; POSIX).
    A shared folder (sticky bit, like /tmp) is never changed."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if POSIX:
        with contextlib.suppress(OSError):
            mode = folder.stat().st_mode
            if not mode & stat.S_ISVTX and stat.S_IMODE(mode) != 0o700:
                os.chmod(folder, 0o700)


def secure_file(path: Path) -> None:
    """This account only (0600; POSIX).  A file owned by someone else is left alone."""
    if POSIX:
        with contextlib.suppress(OSError):
            if stat.S_IMODE(os.stat(path).st_mode) != 0o600:
                os.chmod(path, 0o600)


def secure_database(db_file: Path) -> None:
    for p in (db_file, Path(str(db_file) + "-wal"), Path(str(db_file) + "-shm")):
        if p.exists():
            secure_file(p)


# -- atomic replace ---------------------------------------------------------------------------

def fsync_dir(folder: Path) -> None:
    if not POSIX:
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def copy_synced(src: Path, dest: Path) -> None:
    """Copy ``src`` to ``dest`` (0600), written out to the disk."""
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
        while True:
            chunk = inp.read(1 << 20)
            if not chunk:
                break
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    secure_file(dest)


#: Test hook: called with a stage name at each step of :func:`replace_atomically`.
_stage = None


def _at(stage: str) -> None:
    if _stage is not None:
        _stage(stage)


def replace_atomically(db_file: Path, staged: Path, aside: Path | None,
                       held: sqlite3.Connection | None) -> None:
    """Put ``staged`` (already written and synced beside ``db_file``) in place of ``db_file``.

    The current file is kept as ``aside`` (a hard link, or a synced copy where links are not
    supported) with its WAL copied beside it; the live WAL and shared-memory files are removed
    only once ``aside`` holds everything (a WAL left next to the new file would be replayed into
    it).  ``held``: the exclusive connection taken by :func:`exclusive_connection`; it checkpoints
    the WAL into the file first and is closed here.
    """
    folder = db_file.parent
    wal, shm = Path(str(db_file) + "-wal"), Path(str(db_file) + "-shm")
    if held is not None:
        with contextlib.suppress(sqlite3.Error):
            held.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    _at("checkpointed")
    if aside is not None and db_file.exists():
        try:
            os.link(db_file, aside)
        except OSError:
            copy_synced(db_file, aside)
        if wal.exists() and wal.stat().st_size > 0:
            copy_synced(wal, Path(str(aside) + "-wal"))
        fsync_dir(folder)
    _at("aside")
    if held is not None:
        held.close()              # in exclusive mode: the last connection, it removes its WAL
    _at("closed")
    wal.unlink(missing_ok=True)
    _at("wal-removed")
    shm.unlink(missing_ok=True)
    _at("shm-removed")
    os.replace(staged, db_file)
    fsync_dir(folder)
    _at("replaced")
