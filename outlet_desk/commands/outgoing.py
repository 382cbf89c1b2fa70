"""Outgoing subcommands: import collections/tracking, the 3-day check."""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..i18n import N_, _
from . import acts


def _group(sub, name: str, help_text: str):
    """The sub-parsers of a shared top-level command (``import``), created once by whoever comes
    first: several capabilities add their own ``import X``."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help_text)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest=f"{name}_what", required=True, metavar="WHAT")


def register(sub) -> None:
    imp = _group(sub, "import", "import files (collections, tracking …)")
    p = imp.add_parser("collections", help="import salesmen's declared collections (CSV)")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_import_collections)
    acts(p)
    p = imp.add_parser("tracking", help="import the carrier's tracking export (CSV or XLSX)")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_import_tracking)
    acts(p)

    p = sub.add_parser("threeday", help="the 3-day check of outgoing parcels (三日查件)")  # zh-data: the outlet's word
    tsub = p.add_subparsers(dest="threeday_cmd", required=True, metavar="ACTION")
    r = tsub.add_parser("run", help="run the check for today (or --date) and export its lists")
    r.add_argument("--date", type=dt.date.fromisoformat, help="query day (default today)")
    r.add_argument("--out", type=Path, help="folder for the lists (default DIR/延误及问题件单号)")  # zh-data: folder name
    r.set_defaults(handler=cmd_threeday_run)
    acts(r)
    s = tsub.add_parser("status", help="last checks and when the next one is due")
    s.set_defaults(handler=cmd_threeday_status)


def _read(path: Path) -> bytes:
    """The file's bytes: a regular file within the import size limit, else one line."""
    from ..files import read_regular_file
    from ..tables import MAX_BYTES
    return read_regular_file(path, max_bytes=MAX_BYTES, what=N_("导入文件"))


def cmd_import_collections(ctx) -> int:
    from ..outgoing import outgoing
    ctx.open()
    result = outgoing.import_collections(_read(ctx.args.file), actor=ctx.actor, now=ctx.now())
    print(_("已导入 {rows} 条揽收记录。").format(rows=result.rows))
    return 0


def cmd_import_tracking(ctx) -> int:
    from ..outgoing import threeday
    ctx.open()
    result = threeday.import_tracking(_read(ctx.args.file), ctx.args.file.name, actor=ctx.actor,
                                      now=ctx.now())
    print(_("已更新 {updated} 件物流状态（其中已签收 {signed} 件），跳过集包单号 {bags} 个。").format(
        updated=result.updated, signed=result.signed, bags=result.skipped_bags))
    return 0


def cmd_threeday_run(ctx) -> int:
    from ..outgoing import threeday
    ctx.open()
    now = ctx.now()
    run = threeday.run_three_day_check(actor=ctx.actor, now=now, query_day=ctx.args.date or now.date())
    print(_("查询时间段：{start} — {end}").format(start=f"{run.window_start:%Y-%m-%d %H:%M:%S}",
                                                 end=f"{run.window_end:%Y-%m-%d %H:%M:%S}"))
    print(_("未签收 {checked} 件，排除集包单号 {bags} 个；延误 {delays} 件，疑似遗失 {losses} 件，"
            "新建工单 {tickets} 张。").format(checked=run.checked, bags=run.excluded_bags,
                                              delays=len(run.delays), losses=len(run.losses),
                                              tickets=run.new_tickets))
    for item in run.delays + run.losses:
        print(f"  {_('延误') if item.kind == 'delay' else _('遗失')}  {item.waybill}  {item.reason}")
    folder = ctx.args.out or threeday.default_export_folder(ctx.home)
    for path in threeday.export_run(run.id, folder):
        print(_("已写入 {path}").format(path=path))
    return 0


def cmd_threeday_status(ctx) -> int:
    from ..outgoing import threeday
    ctx.open()
    for r in threeday.list_runs(10):
        print(f"{r.run_day}  {r.window_start:%Y-%m-%d}~{r.window_end:%Y-%m-%d}  "
              + _("未签收 {checked}  延误 {delays}  遗失 {losses}").format(
                  checked=r.checked, delays=r.delays, losses=r.losses))
    print(threeday.next_check(ctx.now().date()).message())
    return 0
