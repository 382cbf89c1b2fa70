"""Ticket subcommands: ``import crm FILE``, ``import eorders FILE``, ``report tickets --month``."""
from __future__ import annotations

from pathlib import Path

from ..i18n import _, punct
from . import acts, group


def register(sub) -> None:
    imp = group(sub, "import")
    p = imp.add_parser("crm", help="import CRM work orders (CSV or XLSX; see docs/tickets.md)")
    p.add_argument("file")
    p.set_defaults(handler=cmd_import_crm)
    acts(p)
    p = imp.add_parser("eorders", help="import electronic pickup orders (CSV; see docs/tickets.md)")
    p.add_argument("file")
    p.set_defaults(handler=cmd_import_eorders)
    acts(p)

    rep = group(sub, "report")
    p = rep.add_parser("tickets", help="monthly ticket report for the manager (PDF)")
    p.add_argument("--month", required=True, help="YYYY-MM")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=cmd_report_tickets)


def cmd_import_crm(ctx) -> int:
    from ..tickets import tickets
    ctx.open()
    result = tickets.import_crm(Path(ctx.args.file), actor=ctx.actor, now=ctx.now())
    if result.duplicates:
        print(_("已导入 {created} 张 CRM 工单；{count} 张已登记过，未重复建立：{numbers}").format(
            created=result.created, count=len(result.duplicates), numbers=punct("、").join(result.duplicates)))
    else:
        print(_("已导入 {created} 张 CRM 工单。").format(created=result.created))
    return 0


def cmd_import_eorders(ctx) -> int:
    from ..outgoing import eorders
    ctx.open()
    created, skipped = eorders.import_orders(Path(ctx.args.file), actor=ctx.actor, now=ctx.now())
    if skipped:
        print(_("已导入 {created} 张电子接单；{count} 张已登记过：{numbers}").format(
            created=created, count=len(skipped), numbers=punct("、").join(skipped)))
    else:
        print(_("已导入 {created} 张电子接单。").format(created=created))
    return 0


def cmd_report_tickets(ctx) -> int:
    from .. import settings
    from ..printing.tickets_report import build_tickets_report
    from ..tickets import tickets
    ctx.open()
    start, end = tickets.month_range(ctx.args.month)
    now = ctx.now()
    pdf = build_tickets_report(tickets.analyse(start, end, now=now), outlet_name=settings.get("outlet.name"),
                               month=ctx.args.month, generated_at=now)
    out = ctx.output(ctx.args.output)
    out.write_bytes(pdf)
    print(_("已生成 {path}（{kb} KB）").format(path=out, kb=len(pdf) // 1024))
    return 0
