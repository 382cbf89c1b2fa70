"""Backups and restore of the local SQLite database, and the consistency check.

* Backups use SQLite's online backup API (never a file copy while the WAL is live); each copy is
  verified (``PRAGMA integrity_check``) before it counts.  The photo folder is copied
  incrementally beside them (content-addressed files never change, so "missing → copy" is enough).
* Restore verifies the backup first, keeps the current database aside (never overwritten silently)
  and puts the backup in its place.
* Each backup has a manifest beside it (``<backup>.manifest.json``) with the audit log's anchor; a
  restore writes itself into the restored audit log with the newer rows it gave up.
"""
from __future__ import annotations

import datetime as dt
import importlib
import os
import pkgutil
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .. import audit, migrations
from ..db import online_backup, sqlite_path
from ..errors import DomainError, EnvironmentFault
from ..paths import backups_dir, photos_dir
from ..settings import SettingSpec

SETTINGS = [
    SettingSpec("backup.keep", 30, "Backups kept", "保留备份份数", kind="int", section="data",
                minimum=3, maximum=365),
    SettingSpec("retention.days", 180, "Keep customer data of closed parcels (days)",
                "已完结包裹的客户信息保留天数", kind="int", section="data", minimum=30, maximum=3650),
    SettingSpec("security.idle_lock_minutes", 10, "Lock screen after idle (minutes)",
                "闲置多少分钟后锁屏", kind="int", section="data", minimum=1, maximum=240),
]

PREFIX = "outlet-"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


def _stamp(now: dt.datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def list_backups(home: Path) -> list[BackupInfo]:
    """Newest first."""
    out = []
    folder = backups_dir(home)
    if not folder.exists():
        return out
    for p in folder.glob(f"{PREFIX}*.db"):
        parts = p.stem[len(PREFIX):].split("-", 2)
        try:
            taken = dt.datetime.strptime(parts[0] + parts[1], "%Y%m%d%H%M%S")
        except (ValueError, IndexError):
            continue
        out.append(BackupInfo(p, taken, parts[2] if len(parts) > 2 else "", p.stat().st_size))
    return sorted(out, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def verify_file(path: Path) -> tuple[bool, str]:
    """Is this file a sound Outlet Desk database this version can open?"""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return False, "不是 SQLite 数据库文件"
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = con.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                return False, f"完整性检查失败：{result}"
            row = con.execute("SELECT value FROM schema_meta WHERE key='version'").fetchone()
        finally:
            con.close()
    except (OSError, sqlite3.DatabaseError) as exc:
        return False, f"无法读取：{exc}"
    if not row:
        return False, "不是 Outlet Desk 的数据库"
    if int(row[0]) > migrations.SCHEMA_VERSION:
        return False, "备份来自更新版本的 Outlet Desk"
    return True, "完好"


def _copy_photos(home: Path) -> int:
    src = photos_dir(home)
    if not src.exists():
        return 0
    dest = backups_dir(home) / "photos"
    copied = 0
    for f in src.rglob("*"):
        if f.is_file() and not f.name.endswith(".tmp"):
            target = dest / f.relative_to(src)
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(f, target)
                copied += 1
    return copied


def backup_now(home: Path, *, reason: str, now: dt.datetime, keep: int | None = None,
               to: Path | None = None) -> BackupInfo:
    """Take a verified online backup; prune old ones beyond ``keep``."""
    if sqlite_path() is None:
        raise EnvironmentFault("当前数据库不是 SQLite：请用数据库服务器的备份工具（pg_dump）。")
    folder = Path(to) if to else backups_dir(home)
    target = folder / f"{PREFIX}{_stamp(now)}-{reason}.db"
    try:
        online_backup(target)
    except OSError as exc:
        raise EnvironmentFault(f"备份失败：{exc.strerror or exc}（请检查磁盘空间和文件夹权限）") from exc
    ok, why = verify_file(target)
    if not ok:
        target.unlink(missing_ok=True)
        raise EnvironmentFault(f"备份校验失败：{why}")
    audit.write_manifest(target)     # the audit log's anchor, beside the backup
    if to is None:
        _copy_photos(home)
        if keep is None:
            from .. import settings
            keep = settings.get("backup.keep")
        for old in list_backups(home)[keep:]:
            old.path.unlink(missing_ok=True)
            audit.manifest_path(old.path).unlink(missing_ok=True)
    return BackupInfo(target, now, reason, target.stat().st_size)


def backed_up_today(home: Path, day: dt.date) -> bool:
    return any(b.taken_at.date() == day for b in list_backups(home))


def restore(home: Path, backup_file: Path, *, now: dt.datetime) -> Path:
    """Replace the database with a verified backup.  The current file is kept aside and its path
    returned.  The app must not be running on this data directory."""
    backup_file = Path(backup_file)
    ok, why = verify_file(backup_file)
    if not ok:
        raise DomainError(f"这个备份不能用来恢复：{why}。当前数据未改动。")
    db_file = Path(home) / "outlet.db"
    aside = None
    replaced = audit.anchor_of_file(db_file) if db_file.exists() else None
    if db_file.exists():
        aside = db_file.with_name(f"outlet.db.before-restore-{_stamp(now)}")
        os.replace(db_file, aside)
        for suffix in ("-wal", "-shm"):
            side = Path(str(db_file) + suffix)
            if side.exists():
                os.replace(side, Path(str(aside) + suffix))
    tmp = db_file.with_name("outlet.db.restoring")
    shutil.copy2(backup_file, tmp)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, db_file)
    # the restore in the restored log, with how many newer audit rows it gave up
    audit.note_restore(db_file, backup_file=backup_file, now=now,
                       replaced=audit.newest_anchor(replaced, backups_dir(home)))
    photos_backup = backups_dir(home) / "photos"
    if photos_backup.exists():
        for f in photos_backup.rglob("*"):
            target = photos_dir(home) / f.relative_to(photos_backup)
            if f.is_file() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(f, target)
    return aside or db_file


def newest_good_backup(home: Path) -> BackupInfo | None:
    for b in list_backups(home):
        if verify_file(b.path)[0]:
            return b
    return None


# -- outlet-desk check -------------------------------------------------------------------------
def check(home: Path | None = None) -> list[str]:
    """Integrity and foreign keys (SQLite), the audit chain, and every capability's own
    ``consistency_problems()`` (photos have files, the outbox is consistent …).  [] = all good."""
    from ..db import database, is_sqlite
    problems: list[str] = []
    if is_sqlite():
        result = database.execute_sql("PRAGMA integrity_check").fetchall()
        if [r[0] for r in result] != ["ok"]:
            problems.append("SQLite 完整性检查失败：" + "; ".join(r[0] for r in result[:5]))
        fk = database.execute_sql("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"外键不一致：{len(fk)} 处（例：表 {fk[0][0]} 第 {fk[0][1]} 行）")
    put_back = audit.restore_triggers()
    if put_back:
        problems.append("审计日志的防改触发器被删除过：" + "、".join(put_back) + "，已重建。")
    verdict = audit.verify(home=home)
    if not verdict.ok:
        problems.extend(verdict.problems)
    from .. import services
    for info in pkgutil.iter_modules(services.__path__, services.__name__ + "."):
        module = importlib.import_module(info.name)
        fn = getattr(module, "consistency_problems", None)
        if fn:
            problems.extend(fn(home))
    return problems


def consistency_problems(home) -> list[str]:
    """The outbox: a sent record has its time, nothing pending claims to be sent."""
    from ..models import Outbox
    out = []
    bad = Outbox.select().where((Outbox.status == Outbox.SENT) & Outbox.sent_at.is_null()).count()
    if bad:
        out.append(f"上传队列中有 {bad} 条标记已发送却没有发送时间")
    bad = Outbox.select().where((Outbox.status == Outbox.PENDING) & Outbox.sent_at.is_null(False)).count()
    if bad:
        out.append(f"上传队列中有 {bad} 条待发送记录带有发送时间")
    return out
