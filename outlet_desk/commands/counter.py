"""Counter subcommands: the day's stock check result, and a test of the SMS gateway settings."""
from __future__ import annotations

import datetime as dt

from ..i18n import _
from . import acts


def register(sub) -> None:
    p = sub.add_parser("stockcheck", help="stock check (盘点) results")  # zh-data: the outlet's word
    ssub = p.add_subparsers(dest="stockcheck_cmd", required=True, metavar="ACTION")
    last = ssub.add_parser("last", help="the last finished check of a day, in counts")
    last.add_argument("--day", help="YYYY-MM-DD (default: today)")
    last.set_defaults(handler=cmd_stockcheck_last)

    p = sub.add_parser("sms", help="SMS gateway")
    msub = p.add_subparsers(dest="sms_cmd", required=True, metavar="ACTION")
    t = msub.add_parser("test", help="send one test message to PHONE with the configured gateway")
    t.add_argument("phone")
    t.set_defaults(handler=cmd_sms_test)
    acts(t)                          # sends with the outlet's gateway account


def cmd_stockcheck_last(ctx) -> int:
    from ..errors import ValidationError
    from ..inbound import stockcheck
    ctx.open()
    try:
        day = dt.date.fromisoformat(ctx.args.day) if ctx.args.day else ctx.now().date()
    except ValueError:
        raise ValidationError(_("日期格式应为 YYYY-MM-DD。")) from None
    s = stockcheck.last_check(day)
    if s is None:
        print(_("{day} 没有完成的盘点。").format(day=day))
        return 2
    scope = _("货架 {shelf}").format(shelf=s.shelf) if s.shelf else _("全店")
    print(_("{day} 盘点（{scope}，{finished} 结束）：应有 {expected}，扫描 {scanned}，"
            "缺失 {missing}，多出 {unexpected}，放错 {misplaced}，待处理 {open}").format(
        day=day, scope=scope, finished=f"{s.finished_at:%H:%M}", expected=s.expected, scanned=s.scanned,
        missing=s.missing, unexpected=s.unexpected, misplaced=s.misplaced, open=s.open_items))
    return 0 if s.agrees else 3


def cmd_sms_test(ctx) -> int:
    from ..errors import DomainError
    from ..inbound import sms
    ctx.open()
    if not sms.enabled():
        raise DomainError(_("短信通知未开启（设置 sms.enabled）。"))
    gateway = sms.gateway_from_settings()
    try:
        ref = gateway.send(ctx.args.phone, "【Outlet Desk】短信网关测试。")  # zh-data: the SMS sent
    except sms.SmsFailure as exc:
        print(_("发送失败：{error}").format(error=exc))
        return 1
    print(_("已发送，网关编号 {ref}。").format(ref=ref) if ref else _("已发送。"))
    return 0
