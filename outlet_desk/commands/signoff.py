"""Sign-off subcommands: export signoffs, upload, signoff status.  (The reference head-office
receiver is a developer tool: ``python -m devtools.hqserver``.)"""
from __future__ import annotations

import datetime as dt
import sys

from ..i18n import _
from . import acts, group


def register(sub) -> None:
    ex = group(sub, "export").add_parser(
        "signoffs", help="the day's sign-offs as CSV or XLSX (by the file's extension)")
    ex.add_argument("--date", help="day YYYY-MM-DD (default: today)")
    ex.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.csv or FILE.xlsx")
    ex.add_argument("--full-phones", action="store_true",
                    help="full phone numbers instead of 138****1234 (a manager's request; audited)")
    ex.set_defaults(handler=cmd_export_signoffs)
    acts(ex, when=lambda args: args.full_phones)

    up = sub.add_parser("upload", help="upload pending records (sign-offs, corrections, dispatches) "
                                       "to head office now")
    up.add_argument("--once", action="store_true",
                    help="one pass: send everything pending now, ignoring the retry wait (default)")
    up.add_argument("--status", action="store_true", help="only show pending/sent/rejected counts")
    up.set_defaults(handler=cmd_upload)
    acts(up, when=lambda args: not args.status)

    so = sub.add_parser("signoff", help="sign-off: cut-off status")
    ssub = so.add_subparsers(dest="signoff_cmd", required=True, metavar="ACTION")
    st = ssub.add_parser("status", help="unsigned / not uploaded counts and the time to the cut-off")
    st.set_defaults(handler=cmd_signoff_status)


def _day(text: str | None, now: dt.datetime) -> dt.date:
    from ..errors import ValidationError
    if not text:
        return now.date()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(_("日期 {text} 应为 YYYY-MM-DD。").format(text=text)) from None


def cmd_export_signoffs(ctx) -> int:
    from ..signoff import signoff
    ctx.open()
    now = ctx.now()
    day = _day(ctx.args.date, now)
    export = signoff.export_full_phones if ctx.args.full_phones else signoff.export
    n = export(day, ctx.output(ctx.args.output), actor=ctx.actor, now=now)
    print(_("已导出 {day} 的签收 {count} 条：{path}").format(day=day, count=n, path=ctx.args.output))
    return 0


def cmd_upload(ctx) -> int:
    from ..signoff import outbox, upload
    ctx.open()
    if ctx.args.status:
        c = outbox.counts()
        print(_("待上传 {pending}  已上传 {sent}  被拒收 {rejected}").format(
            pending=c.pending, sent=c.sent, rejected=c.rejected))
        why = outbox.pending_reason() if c.pending else None
        if why:
            print(_("未上传的原因：{reason}").format(reason=why))
        return 0
    result = upload.drain_once(clock=ctx.now, force=True,
                               progress=lambda done, total: print(f"  {done}/{total}", flush=True))
    c = outbox.counts()
    print(_("本次上传 {sent} 条，拒收 {rejected} 条；待上传 {pending}，被拒收 {rejected_all}。").format(
        sent=result.sent, rejected=result.rejected, pending=c.pending, rejected_all=c.rejected))
    if result.error:
        print(result.error, file=sys.stderr)
        return 2
    return 0


def cmd_signoff_status(ctx) -> int:
    from ..signoff import signoff
    ctx.open()
    now = ctx.now()
    info = signoff.cutoff_status(now)
    cut = info.cutoff.strftime("%H:%M") if info.cutoff else "—"
    mins = info.seconds_left // 60
    when = _("距截止 {minutes} 分钟").format(minutes=mins) if info.seconds_left >= 0 else \
        _("已过截止 {minutes} 分钟").format(minutes=-mins)
    print(_("未签收 {unsigned}  未上传 {not_uploaded}（拒收 {rejected}）  截止 {cutoff}  {when}").format(
        unsigned=info.unsigned, not_uploaded=info.not_uploaded, rejected=info.rejected, cutoff=cut, when=when)
          + (_("  ⚠ 超时") if info.late else ""))
    return 1 if info.late else 0
