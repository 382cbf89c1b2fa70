"""Day close subcommands: ``report daily`` (the PDF) and ``export day`` (the ledger as JSON)."""
from __future__ import annotations

import datetime as dt
import json
import sys

from ..errors import ValidationError
from ..i18n import _
from . import group


def _date(text: str | None, now: dt.datetime) -> dt.date:
    if not text:
        return now.date()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(_("日期“{text}”不对：请写成 YYYY-MM-DD，例如 2026-06-07。").format(text=text)) from None




def register(sub) -> None:
    report = group(sub, "report")
    p = report.add_parser("daily", help="the daily report (日结报表) of a day as an A4 PDF")  # zh-data: the outlet's word
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    p.add_argument("-o", "--output", metavar="FILE.pdf", required=True)
    p.set_defaults(handler=cmd_report_daily)

    export = group(sub, "export")
    p = export.add_parser("day", help="the day's ledger as JSON on stdout")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    p.set_defaults(handler=cmd_export_day)


def cmd_report_daily(ctx) -> int:
    from ..dayclose import report_pdf as daily_report
    ctx.open()
    now = ctx.now()
    day = _date(ctx.args.date, now)
    pdf = daily_report.build_for_day(day, now=now)
    out = ctx.output(ctx.args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    print(_("日结报表已生成：{path}（{day}，{kb} KB）").format(path=out, day=day.isoformat(), kb=len(pdf) // 1024))
    return 0


def cmd_export_day(ctx) -> int:
    from ..dayclose import dayclose
    ctx.open()
    now = ctx.now()
    day = _date(ctx.args.date, now)
    led = dayclose.ledger(day, today=now.date())
    json.dump(dayclose.ledger_to_dict(led), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
