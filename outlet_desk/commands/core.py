"""Foundation subcommands: demo, audit, staff."""
from __future__ import annotations

import getpass

from ..i18n import _, punct
from ..permissions import CLERK, MANAGER, MANAGER_ONLY, role_label
from . import acts


def register(sub) -> None:
    p = sub.add_parser("demo", help="create a demo outlet in the data directory (or in --db URL)")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("audit", help="audit log: verify the hash chain")
    asub = p.add_subparsers(dest="audit_cmd", required=True, metavar="ACTION")
    v = asub.add_parser("verify", help="check the audit chain and compare it with the anchors kept "
                                        "outside it (closed days, backups, head office)")
    v.set_defaults(handler=cmd_audit_verify)

    p = sub.add_parser("roles", help="print the access-control table: every operation and who may run it")
    p.set_defaults(handler=cmd_roles)

    p = sub.add_parser("staff", help="list or add staff")
    ssub = p.add_subparsers(dest="staff_cmd", required=True, metavar="ACTION")
    ls = ssub.add_parser("list", help="list staff")
    ls.set_defaults(handler=cmd_staff_list)
    add = ssub.add_parser("add", help="add a clerk or manager (asks for the PIN/password)")
    add.add_argument("name")
    add.add_argument("--role", choices=["clerk", "manager"], default="clerk")
    add.add_argument("--secret", help="the new person's PIN or password (asked for when omitted)")
    add.set_defaults(handler=cmd_staff_add)
    # a manager adds staff; only the first manager of an outlet with nobody yet needs no one
    acts(add, roles=MANAGER_ONLY, create=True, when=lambda args: not _first_manager(args))


def cmd_demo(ctx) -> int:
    from ..db import database_url, hide_password
    from ..demo import DEMO_STAFF, build_demo
    given = ctx.db_url or (ctx.home / "database.url").exists()
    url = database_url(ctx.home, ctx.db_url) if given else None      # --db, or database.url
    built = build_demo(ctx.home, url=url)
    print(_("演示网点已建立：{where}").format(where=hide_password(url) if url else ctx.home))
    for name, role, secret in DEMO_STAFF:
        print(f"  {name:<6} {role_label(role)}  {_('密码') if role == MANAGER else 'PIN'} {secret}")
    return 0 if built else 1


def cmd_audit_verify(ctx) -> int:
    from .. import audit
    ctx.open()
    from ..signoff import upload
    result = audit.verify(home=ctx.home, head_office=upload.hq_anchor)
    print(result.message())
    for note in result.notes:
        print("（" + note + "）")
    return 0 if result.ok else 3


def cmd_staff_list(ctx) -> int:
    from ..shifts import staff
    ctx.open()
    for s in staff.list_staff(include_inactive=True):
        print(f"{s.id:>3}  {s.name:<8} {s.role:<8} {_('在职') if s.active else _('停用')}")
    return 0


def _first_manager(args) -> bool:
    from ..models import Staff
    return args.role == "manager" and not Staff.select().exists()


def cmd_staff_add(ctx) -> int:
    from ..shifts import staff
    ctx.open(create=True)
    secret = ctx.args.secret or getpass.getpass(_("{name} 的新 PIN/密码: ").format(name=ctx.args.name))
    info = staff.add_staff(ctx.args.name, ctx.args.role, secret, actor=ctx.actor, now=ctx.now())
    print(_("已添加 {name}（{role}），编号 {id}").format(name=info.name, role=info.role, id=info.id))
    return 0


def cmd_roles(ctx) -> int:
    from ..permissions import load_all_operations
    for op in sorted(load_all_operations().values(), key=lambda o: o.name):
        who = role_label(MANAGER) if op.roles == MANAGER_ONLY else \
            punct("、").join((role_label(CLERK), role_label(MANAGER)))
        print(f"{op.name:<32} {who:<6} {op.title}")
    return 0
