"""Problem parcels, overdue parcels, returns/forwards and evidence photos from the command line."""
from __future__ import annotations

from ..i18n import _
from ..permissions import MANAGER_ONLY
from . import acts


def register(sub) -> None:
    p = sub.add_parser("problems", help="problem parcels (问题件): the open queue")  # zh-data: the outlet's word
    psub = p.add_subparsers(dest="problems_cmd", required=True, metavar="ACTION")
    ls = psub.add_parser("list", help="list problem parcels, oldest first")
    ls.add_argument("--all", action="store_true", help="include resolved ones")
    ls.set_defaults(handler=cmd_problems_list)

    p = sub.add_parser("overdue", help="parcels past the storage period (到期件)")  # zh-data: the outlet's word
    osub = p.add_subparsers(dest="overdue_cmd", required=True, metavar="ACTION")
    ls = osub.add_parser("list", help="the overdue list, bucketed by days")
    ls.set_defaults(handler=cmd_overdue_list)

    p = sub.add_parser("returns", help="returns and forwards (退件/转件)")  # zh-data: the outlet's word
    rsub = p.add_subparsers(dest="returns_cmd", required=True, metavar="ACTION")
    ls = rsub.add_parser("list", help="returns/forwards with their checklist")
    ls.add_argument("--scope", choices=["today", "open", "dispatched", "all"], default="today")
    ls.set_defaults(handler=cmd_returns_list)

    p = sub.add_parser("photos", help="evidence photos")
    phsub = p.add_subparsers(dest="photos_cmd", required=True, metavar="ACTION")
    sw = phsub.add_parser("sweep", help="remove photo files no record refers to (after a crash)")
    sw.set_defaults(handler=cmd_photos_sweep)
    acts(sw, roles=MANAGER_ONLY)     # deletes files


def cmd_problems_list(ctx) -> int:
    from ..inbound import problems
    ctx.open()
    now = ctx.now()
    rows = problems.list_problems(now=now, open_only=not ctx.args.all, limit=100000)
    for r in rows:
        state = _(problems.OUTCOME_LABELS.get(r.outcome, "")) if r.outcome else _("未处理")
        print(f"{problems.age_text(r.age(now)):>8}  {r.waybill:<18} {r.reason:<4} {state:<4} "
              f"{r.location:<10} {r.opened_by:<4} {r.note}")
    print(_("共 {count} 件").format(count=len(rows)))
    return 0


def cmd_overdue_list(ctx) -> int:
    from ..inbound import overdue
    ctx.open()
    rows = overdue.overdue_list(now=ctx.now())
    for r in rows:
        print(f"{_(r.bucket):<8} {r.days:>3}{'*' if r.extended else ' '} {r.pickup_code:<10} "
              f"{r.waybill:<18} {r.phone_masked:<12} "
              + _("截止 {deadline}  通知 {reminders}").format(deadline=f"{r.deadline:%m-%d}", reminders=r.reminders))
    counts = overdue.bucket_counts(now=ctx.now())
    print("  ".join(f"{_(k)}: {v}" for k, v in counts.items()) + "  "
          + _("共 {count} 件（* 已延期）").format(count=len(rows)))
    return 0


def cmd_returns_list(ctx) -> int:
    from ..inbound import returns
    ctx.open()
    rows = returns.list_returns(scope=ctx.args.scope, now=ctx.now(), limit=100000)
    for r in rows:
        struck = "—" if r.struck_done is None else ("✓" if r.struck_done else "×")
        checks = _("标签{label} 照片{photos} 划码{struck}").format(
            label="✓" if r.label_done else "×", photos=r.photo_count, struck=struck)
        print(f"{_(returns.KIND_LABELS[r.kind])}{_('·错分') if r.mis_sorted else '   '} {r.waybill:<18} "
              f"{r.reason:<4} {checks} {_(returns.STATUS_LABELS[r.status]):<4} {r.destination}")
    print(_("共 {count} 件").format(count=len(rows)))
    return 0


def cmd_photos_sweep(ctx) -> int:
    from .. import evidence
    ctx.open()
    evidence.configure(ctx.home)
    removed = evidence.sweep_orphans(ctx.home)
    for path in removed:
        print(_("已删除孤立文件：{path}").format(path=path))
    print(_("共删除 {count} 个文件").format(count=len(removed)))
    return 0
