"""Shifts subcommands: the month roster and attendance report as PDF, the roster as text."""
from __future__ import annotations

from ..i18n import _


def register(sub) -> None:
    p = sub.add_parser("roster", help="the month roster: show it or write its PDF")
    rsub = p.add_subparsers(dest="roster_cmd", required=True, metavar="ACTION")
    show = rsub.add_parser("show", help="print the published roster of a month (YYYY-MM)")
    show.add_argument("month")
    show.add_argument("--draft", action="store_true", help="show the draft instead")
    show.set_defaults(handler=cmd_roster_show)
    pdf = rsub.add_parser("pdf", help="write the month roster (A4 landscape) as PDF")
    pdf.add_argument("month")
    pdf.add_argument("-o", "--output", required=True)
    pdf.add_argument("--draft", action="store_true")
    pdf.set_defaults(handler=cmd_roster_pdf)

    p = sub.add_parser("attendance", help="attendance: the monthly report")
    asub = p.add_subparsers(dest="attendance_cmd", required=True, metavar="ACTION")
    rep = asub.add_parser("report", help="write the monthly attendance report (YYYY-MM) as PDF")
    rep.add_argument("month")
    rep.add_argument("-o", "--output", required=True)
    rep.set_defaults(handler=cmd_attendance_report)


def cmd_roster_show(ctx) -> int:
    from ..shifts import roster
    ctx.open()
    g = roster.grid(ctx.args.month, layer="draft" if ctx.args.draft else "published")
    print(f"{g.month}  {_('草稿') if ctx.args.draft else _('已发布') if g.published else _('未发布')}")
    print("      " + " ".join(f"{d.day:>2}" for d in g.days))
    for sid, name in g.people:
        cells = []
        for d in g.days:
            c = g.cells[(sid, d)]
            text = (c.leave or "")[:1] or (_("全") if c.effective == roster.MERGED else c.effective or "-")
            cells.append(f"{text:>2}" if text.isascii() else text)
        print(f"{name:<4}  " + " ".join(cells))
    for p in g.problems:
        print(p.message)
    return 0


def cmd_roster_pdf(ctx) -> int:
    from ..shifts import roster
    ctx.open()
    pdf = roster.roster_pdf(ctx.args.month, layer="draft" if ctx.args.draft else "published",
                            now=ctx.now())
    ctx.output(ctx.args.output).write_bytes(pdf)
    print(_("已写入 {path}").format(path=ctx.args.output))
    return 0


def cmd_attendance_report(ctx) -> int:
    from ..shifts import attendance
    ctx.open()
    ctx.output(ctx.args.output).write_bytes(attendance.report_pdf(ctx.args.month, now=ctx.now()))
    print(_("已写入 {path}").format(path=ctx.args.output))
    return 0
