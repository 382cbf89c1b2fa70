"""Backups and restore of the local SQLite database, and the consistency check.

* Backups use SQLite's online backup API (never a file copy while the WAL is live); each copy is
  verified (``PRAGMA integrity_check``) before it counts.  The photo folder is copied
  incrementally beside them (content-addressed files never change, so "missing → copy" is enough).
* Restore verifies the backup first (integrity, schema version, the tables the app needs), refuses
  while anybody has the database open, keeps the current database aside (never overwritten
  silently) and puts the backup in its place atomically (:func:`outlet_desk.datafiles.replace_atomically`).
* Both are manager operations and audited; a failed backup is remembered (:func:`backup_warning`)
  so that it reaches the manager on screen, not only the log.
* Each backup has a manifest beside it (``<backup>.manifest.json``) with the audit log's anchor; a
  restore writes itself into the restored audit log with the newer rows it gave up.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import peewee

from .. import audit, capabilities, datafiles, migrations, settings
from ..db import database, is_sqlite, online_backup, sqlite_path, write_tx
from ..errors import DomainError, EnvironmentFault, OutletError
from ..i18n import N_, _
from ..models import Outbox, all_models
from ..paths import backups_dir, photos_dir
from ..permissions import MANAGER_ONLY, Actor, operation
from ..settings import SettingSpec

SETTINGS = [
    SettingSpec("backup.keep", 30, "Backups kept", N_("保留备份份数"), kind="int", section="data",
                minimum=3, maximum=365),
    SettingSpec("retention.days", 180, "Keep customer data of closed parcels (days)",
                N_("已完结包裹的客户信息保留天数"), kind="int", section="data", minimum=30, maximum=3650),
    SettingSpec("security.idle_lock_minutes", 10, "Lock screen after idle (minutes)",
                N_("闲置多少分钟后锁屏"), kind="int", section="data", minimum=1, maximum=240),
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


#: Tables a later migration adds: a backup from before it may lack them (the migration adds them).
_ADDED_BY_MIGRATION = {2: {"shelf_level_count"}}


def _required_tables(version: int) -> set[str]:
    tables = {m._meta.table_name for m in all_models()}
    for number, added in _ADDED_BY_MIGRATION.items():
        if version < number:
            tables -= added
    return tables


def verify_file(path: Path) -> tuple[bool, str]:
    """Is this file a sound Outlet Desk database this version can open?  Integrity, the schema
    version, and every table the app needs for that version."""
    path = Path(path)
    problems = datafiles.file_problems(path)
    if problems:
        return False, problems[0]
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            row = (con.execute("SELECT value FROM schema_meta WHERE key='version'").fetchone()
                   if "schema_meta" in tables else None)
        finally:
            con.close()
    except (OSError, sqlite3.DatabaseError) as exc:
        return False, _("无法读取：{error}").format(error=exc)
    try:
        version = int(row[0]) if row else 0
    except (TypeError, ValueError):
        version = 0
    if version <= 0:
        return False, _("不是 Outlet Desk 的数据库（没有版本号）")
    if version > migrations.SCHEMA_VERSION:
        return False, _("备份来自更新版本的 Outlet Desk")
    missing = sorted(_required_tables(version) - tables)
    if missing:
        tables = _("、").join(missing[:3]) + (" …" if len(missing) > 3 else "")
        return False, _("缺少 {n} 张表（{tables}）").format(n=len(missing), tables=tables)
    return True, _("完好")


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


@operation("backup.create", N_("备份数据库"), MANAGER_ONLY)
def backup_now(home: Path, *, actor: Actor, reason: str, now: dt.datetime, keep: int | None = None,
               to: Path | None = None) -> BackupInfo:
    """Take a verified online backup; prune old ones beyond ``keep``.  Audited; the outcome is
    remembered for :func:`backup_warning` (a failed daily backup reaches the manager on screen)."""
    if sqlite_path() is None:
        raise EnvironmentFault(_("当前数据库不是 SQLite：请用数据库服务器的备份工具（pg_dump）。"))
    folder = Path(to) if to else backups_dir(home)
    target = folder / f"{PREFIX}{_stamp(now)}-{reason}.db"
    try:
        try:
            if to is None:
                datafiles.secure_dir(folder)      # the outlet's own backups/: 0700
        except OSError as exc:
            raise EnvironmentFault(_("备份失败：备份文件夹不可用（{error}）：{folder}").format(
                error=exc.strerror or exc, folder=folder)) from exc
        online_backup(target)
        ok, why = verify_file(target)
        if not ok:
            for f in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
                f.unlink(missing_ok=True)
            raise EnvironmentFault(_("备份校验失败：{why}。数据库可能已损坏：请运行 outlet-desk check。")
                                   .format(why=why))
    except OutletError as exc:
        if to is None:
            _remember(home, ok=False, reason=reason, now=now, why=str(exc))
        raise
    with write_tx():
        audit.record(actor, "backup.create", entity="backup", entity_id=target.name,
                     detail={"reason": reason, "size": target.stat().st_size,
                             "to": str(folder) if to else "backups/"}, now=now)
    # the audit log's anchor beside the backup, its own row included (so that deleting that newest
    # row is found too)
    audit.write_manifest(target, audit.anchor())
    if to is None:
        _remember(home, ok=True, reason=reason, now=now, why="")
        _copy_photos(home)
        if keep is None:
            keep = settings.get("backup.keep")
        for old in list_backups(home)[keep:]:
            old.path.unlink(missing_ok=True)
            audit.manifest_path(old.path).unlink(missing_ok=True)
    return BackupInfo(target, now, reason, target.stat().st_size)


def backed_up_today(home: Path, day: dt.date) -> bool:
    return any(b.taken_at.date() == day for b in list_backups(home))


_STATUS = "last-backup.json"


def _remember(home: Path, *, ok: bool, reason: str, now: dt.datetime, why: str) -> None:
    try:
        datafiles.secure_dir(backups_dir(home))
        (backups_dir(home) / _STATUS).write_text(json.dumps(
            {"ok": ok, "reason": reason, "at": now.isoformat(sep=" "), "why": why},
            ensure_ascii=False), encoding="utf-8")
        datafiles.secure_file(backups_dir(home) / _STATUS)
    except OSError:
        pass       # the folder itself is unwritable: the caller's error says so


def backup_warning(home: Path) -> str | None:
    """The manager's warning when the last backup into the data directory failed, else None."""
    try:
        d = json.loads((backups_dir(home) / _STATUS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if d.get("ok", True):
        return None
    text = _("每日备份失败（{at}）：{why}") if d.get("reason") == "daily" else _("备份失败（{at}）：{why}")
    return text.format(at=str(d.get("at", ""))[:16], why=d.get("why", ""))


@operation("backup.restore", N_("恢复备份"), MANAGER_ONLY)
def restore(home: Path, backup_file: Path, *, actor: Actor, now: dt.datetime) -> Path:
    """Replace the database with a verified backup.  The current file is kept aside and its path
    returned.  Refused (:class:`~outlet_desk.datafiles.DatabaseInUse`, naming who) while the app or
    any other process has the database open; killed at any moment, the old or the new database is
    in place.  The restore is audited in the restored database."""
    backup_file = Path(backup_file)
    ok, why = verify_file(backup_file)
    if not ok:
        raise DomainError(_("这个备份不能用来恢复：{why}。当前数据未改动。").format(why=why))
    home = Path(home)
    db_file = home / "outlet.db"
    replaced = audit.anchor_of_file(db_file) if db_file.exists() else None
    earlier = audit.given_up_before(db_file) if db_file.exists() else []
    shared = audit.shared_rows(db_file, backup_file) if db_file.exists() else None
    staged = db_file.with_name("outlet.db.restoring")
    with datafiles.restore_lock(home):
        held = datafiles.exclusive_connection(db_file)
        try:
            try:
                datafiles.copy_synced(backup_file, staged)
            except OSError as exc:
                raise EnvironmentFault(_("恢复失败：无法写入数据文件夹（{error}）。当前数据未改动。")
                                       .format(error=exc.strerror or exc)) from exc
            ok, why = verify_file(staged)
            if not ok:
                raise EnvironmentFault(_("恢复失败：复制出的备份校验不通过（{why}）。当前数据未改动。")
                                       .format(why=why))
            aside = None
            if db_file.exists():
                aside = db_file.with_name(f"outlet.db.before-restore-{_stamp(now)}")
                n = 1
                while aside.exists():
                    n += 1
                    aside = db_file.with_name(f"outlet.db.before-restore-{_stamp(now)}-{n}")
            # the restore in the restored log, with how many newer audit rows it gave up
            audit.note_restore(staged, backup_file=backup_file, now=now,
                               replaced=audit.newest_anchor(replaced, backups_dir(home)),
                               actor_id=actor.id, actor_name=actor.name, earlier=earlier,
                               shared=shared,
                               detail={"kept_aside": aside.name if aside else None})
            with open(staged, "rb+") as fh:
                os.fsync(fh.fileno())
            datafiles.replace_atomically(db_file, staged, aside, held)
            held = None
        finally:
            if held is not None:
                held.close()
            staged.unlink(missing_ok=True)
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
    problems: list[str] = []

    def step(what: str, fn) -> None:
        """A damaged page met by one step is that step's problem, not a traceback."""
        try:
            fn()
        except (peewee.DatabaseError, sqlite3.DatabaseError, OutletError) as exc:
            problems.append(_("{what}无法完成：{error}").format(what=what, error=exc))
        except UnicodeDecodeError:      # a damaged page's bytes quoted in SQLite's message
            problems.append(_("{what}无法完成：数据页已损坏（读到无法解码的内容）").format(what=what))

    def sqlite_checks():
        try:
            result = database.execute_sql("PRAGMA integrity_check(20)").fetchall()
        except UnicodeDecodeError:      # the report quotes a damaged page's bytes
            result = [(_("integrity_check 的报告里有无法解码的内容（数据页已损坏）"),)]
        if [r[0] for r in result] != ["ok"]:
            problems.extend(_("SQLite 完整性检查失败：{line}").format(line=line)
                            for line in datafiles.integrity_lines(r[0] for r in result))
        fk = database.execute_sql("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(_("外键不一致：{n} 处（例：表 {table} 第 {row} 行）").format(
                n=len(fk), table=fk[0][0], row=fk[0][1]))

    def audit_chain():
        put_back = audit.restore_triggers()
        if put_back:
            problems.append(_("审计日志的防改触发器被删除过：{triggers}，已重建。").format(
                triggers=_("、").join(put_back)))
        verdict = audit.verify(home=home)
        if not verdict.ok:
            problems.extend(verdict.problems)

    if is_sqlite():
        step(_("SQLite 完整性检查"), sqlite_checks)
    step(_("审计链检查"), audit_chain)
    for module, fn in capabilities.declaring("consistency_problems"):
        step(_("{module} 一致性检查").format(module=module.__name__.rsplit(".", 1)[-1]),
             lambda fn=fn: problems.extend(fn(home)))
    return problems


def consistency_problems(home) -> list[str]:
    """The outbox: a sent record has its time, nothing pending claims to be sent."""
    out = []
    bad = Outbox.select().where((Outbox.status == Outbox.SENT) & Outbox.sent_at.is_null()).count()
    if bad:
        out.append(_("上传队列中有 {n} 条标记已发送却没有发送时间").format(n=bad))
    bad = Outbox.select().where((Outbox.status == Outbox.PENDING) & Outbox.sent_at.is_null(False)).count()
    if bad:
        out.append(_("上传队列中有 {n} 条待发送记录带有发送时间").format(n=bad))
    return out
