"""Subcommands of ``outlet-desk``.  Each module here defines ``register(subparsers)``; the parser it
adds sets ``handler=fn(args) -> int``.  Modules are discovered, no registration needed.

Groups several capabilities share (``import``, ``export``, ``report``) are made with :func:`group`.
"""
from __future__ import annotations

import argparse

GROUP_HELP = {
    "import": "import files (arrival manifests, tracking, collections, CRM work orders …)",
    "export": "export data (sign-offs, the day's ledger …)",
    "report": "reports as PDF (daily report, tickets …)",
}


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
