"""Your data: backup, restore, check, purge."""
from __future__ import annotations

from pathlib import Path

from ..i18n import _
from ..permissions import MANAGER_ONLY
from . import acts


def register(sub) -> None:
    p = sub.add_parser("backup", help="take a verified online backup now")
    p.add_argument("--to", metavar="DIR", help="write the backup into DIR instead of the data directory's backups/")
    p.set_defaults(handler=cmd_backup)
    acts(p, roles=MANAGER_ONLY)
    p = sub.add_parser("restore", help="restore a backup (the current database is kept aside)")
    p.add_argument("file", nargs="?", help="backup file (default: the newest good backup)")
    p.set_defaults(handler=cmd_restore)
    acts(p, roles=MANAGER_ONLY, damaged_ok=True, closes=True)
    p = sub.add_parser("check", help="integrity, foreign keys, audit chain, photos, outbox")
    p.set_defaults(handler=cmd_check)
    p = sub.add_parser("backups", help="list backups, newest first")
    p.set_defaults(handler=cmd_list)
    p = sub.add_parser("purge", help="mask customer data of parcels closed more than N days ago")
    p.add_argument("--days", type=int, help="default: the outlet's retention setting (180)")
    p.set_defaults(handler=cmd_purge)
    acts(p, roles=MANAGER_ONLY)


def cmd_backup(ctx) -> int:
    from ..datacare import backup
    ctx.open()
    info = backup.backup_now(ctx.home, actor=ctx.actor, reason="manual", now=ctx.now(),
                             to=Path(ctx.args.to) if ctx.args.to else None)
    print(_("备份完成并已校验：{path}（{kb} KB）").format(path=info.path, kb=info.size // 1024))
    return 0


def cmd_restore(ctx) -> int:
    from ..datacare import backup
    target = ctx.args.file
    if not target:
        newest = backup.newest_good_backup(ctx.home)
        if newest is None:
            print(_("没有可用的备份。"))
            return 1
        target = newest.path
    aside = backup.restore(ctx.home, Path(target), actor=ctx.actor, now=ctx.now())
    kept = _("原数据库已另存为：{path}").format(path=aside) if aside.name != "outlet.db" else _("原来没有数据库文件。")
    print(_("已恢复：{path}").format(path=target) + "\n" + kept)
    return 0


def cmd_check(ctx) -> int:
    """Exit 0 when sound; 3 with one line per problem (a damaged or missing file included)."""
    from .. import datafiles
    from ..datacare import backup
    from ..errors import DatabaseCorrupt
    try:
        ctx.open()
    except (DatabaseCorrupt, datafiles.DatabaseMissing) as exc:
        path = ctx.sqlite_file()
        problems = datafiles.file_problems(path) if path is not None and path.exists() \
            and isinstance(exc, DatabaseCorrupt) else []
        for p in problems or [str(exc)]:
            print(_("问题：{problem}").format(problem=p))
        return 3
    problems = backup.check(ctx.home)
    if not problems:
        print(_("检查通过：数据库完整，外键一致，审计链完好，照片和上传队列一致。"))
        return 0
    for p in problems:
        print(_("问题：{problem}").format(problem=p))
    return 3


def cmd_list(ctx) -> int:
    from ..datacare import backup
    for b in backup.list_backups(ctx.home):
        ok, why = backup.verify_file(b.path)
        print(f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {b.reason:<10} {b.size // 1024:>8} KB  {why}  {b.path}")
    return 0


def cmd_purge(ctx) -> int:
    from ..datacare import retention
    ctx.open()
    r = retention.purge(actor=ctx.actor, now=ctx.now(), days=ctx.args.days)
    print(_("已清除 {cutoff} 之前完结的客户信息：包裹 {parcels}，寄件 {outgoing}，工单 {tickets}").format(
        cutoff=f"{r.cutoff:%Y-%m-%d}", parcels=r.parcels, outgoing=r.outgoing, tickets=r.tickets))
    return 0
