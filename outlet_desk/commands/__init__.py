"""Subcommands of ``outlet-desk``.  Each module here defines ``register(subparsers)``; the parser it
adds sets ``handler=fn(ctx) -> int``.  Modules are discovered, no registration needed.

Groups several capabilities share (``import``, ``export``, ``report``) are made with :func:`group`.

A subcommand that changes data or shows full phone numbers is declared with :func:`acts`: it gets
``--as NAME``, and before its handler runs the person is checked like a screen login (the same
PIN/password, the same five-try lockout, audited); the handler then passes ``ctx.actor`` to the
services.  Read-only commands declare nothing and stay open.

Every command builds the whole parser (each module's ``register``), so the modules here import the
services they call inside their handlers, not at the top: a command loads only its own capability
(and ``--help`` none); the reportlab, httpx and openpyxl behind some of them load only when used.
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import dataclass
from typing import Callable

from ..i18n import _, punct
from ..permissions import ANY_STAFF, MANAGER_ONLY

GROUP_HELP = {
    "import": "import files (arrival manifests, tracking, collections, CRM work orders …)",
    "export": "export data (sign-offs, the day's ledger …)",
    "report": "reports as PDF (daily report, tickets …)",
}

#: For scripts: the PIN/password of the person named with ``--as`` (otherwise it is asked for).
ENV_PASSWORD = "OUTLET_DESK_PASSWORD"


def group(sub, name: str, help_text: str | None = None):
    """The sub-subparsers of a shared top-level command, created by whichever module comes first."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=GROUP_HELP.get(name, help_text))
        return parser.add_subparsers(dest=f"{name}_what", required=True, metavar="WHAT")
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError(f"outlet-desk {name} has no subcommands")


@dataclass(frozen=True)
class ActorRule:
    """Who may run a subcommand.  ``when(args)``: whether this run needs a person (``labels``
    only with ``--mark``); ``damaged_ok``: when the database cannot be opened at all (damaged,
    missing) there is nobody to check, and the command (``restore``) runs as the system, as the
    app's own start-up offer to restore does."""
    command: str
    roles: frozenset
    when: Callable | None = None
    create: bool = False
    damaged_ok: bool = False
    closes: bool = False

    def applies(self, args) -> bool:
        return self.when is None or bool(self.when(args))


def acts(parser: argparse.ArgumentParser, *, roles=ANY_STAFF, when: Callable | None = None,
         create: bool = False, damaged_ok: bool = False, closes: bool = False):
    """Declare that ``parser``'s command changes data or shows full phones: it runs as the person
    named by ``--as NAME`` (checked and audited; see :func:`identify`).  ``roles`` is checked here
    for commands with no core operation of their own; services check their own roles anyway.
    ``create``: the database may be created (``staff add`` on an empty outlet).  ``closes``: the
    handler works on the files with the database closed (``restore``)."""
    who = "a manager" if frozenset(roles) == MANAGER_ONLY else "a staff member"
    parser.add_argument("--as", dest="as_name", metavar="NAME",
                        help=f"who runs this ({who}); the PIN/password is asked for, or read "
                             f"from ${ENV_PASSWORD}")
    parser.set_defaults(actor_rule=ActorRule(parser.prog.removeprefix("outlet-desk").strip(),
                                             frozenset(roles), when, create, damaged_ok, closes))
    return parser


def read_secret(name: str) -> str:
    """``$OUTLET_DESK_PASSWORD``, else asked for without echo; from a pipe, its first line."""
    secret = os.environ.get(ENV_PASSWORD)
    if secret:
        return secret
    try:
        if sys.stdin is None or not sys.stdin.isatty():
            return (sys.stdin.readline() if sys.stdin else "").rstrip("\r\n")
        return getpass.getpass(_("{name} 的 PIN/密码: ").format(name=name))
    except (EOFError, KeyboardInterrupt, OSError):
        return ""


def identify(rule: ActorRule, args, *, now):
    """The person running a declared command, checked like a screen login (``staff.login``: the
    same failure count and lockout, audited), then the command itself audited as ``cli.command``.
    Returns :data:`~outlet_desk.permissions.SYSTEM` only where no person is needed (a condition
    not met, the first manager of an empty outlet) and ``--as`` was not given."""
    from .. import audit
    from ..db import write_tx
    from ..errors import AuthError, PermissionDenied
    from ..models import Staff
    from ..permissions import SYSTEM, role_label
    from ..shifts import staff

    name = (getattr(args, "as_name", None) or "").strip()
    if not name:
        if not rule.applies(args):
            return SYSTEM
        if not Staff.select().exists():
            raise AuthError(_("这个网点还没有员工：先建立店长，outlet-desk staff add 姓名 --role manager。"))
        raise AuthError(_("“{command}”会修改数据或显示完整手机号：请用 --as 姓名 说明是谁"
                          "（PIN/密码在提示时输入，脚本可放在环境变量 {env}）。").format(
            command=rule.command, env=ENV_PASSWORD))
    person = Staff.get_or_none(Staff.name == name)
    if person is None:
        raise AuthError(_("没有这个员工，或已停用。"))
    secret = read_secret(name)
    if not secret:
        raise AuthError(_("没有输入 {name} 的 PIN/密码。").format(name=name))
    actor = staff.login(person.id, secret, now=now)
    if actor.role not in rule.roles:
        raise PermissionDenied(_("“{command}”只有{roles}可以操作。").format(
            command=rule.command, roles=punct("、").join(role_label(r) for r in sorted(rule.roles))))
    with write_tx():
        audit.record(actor, "cli.command", entity="command", entity_id=rule.command, now=now)
    return actor
