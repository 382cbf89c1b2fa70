"""Intake subcommands: ``import arrivals FILE`` and ``labels`` (today's pickup-code labels as PDF)."""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..i18n import _
from . import acts


def _import_group(sub):
    """The shared ``import`` command (other capabilities may add their own kinds to it)."""
    parser = sub.choices.get("import")
    if parser is None:
        parser = sub.add_parser("import", help="import files (arrival manifests …)")
        parser.add_subparsers(dest="import_kind", required=True, metavar="KIND")
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest="import_kind", required=True, metavar="KIND")


def register(sub) -> None:
    isub = _import_group(sub)
    p = isub.add_parser("arrivals", help="import an arrival manifest (CSV or XLSX; see docs/intake.md)")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_import_arrivals)
    acts(p)

    p = sub.add_parser("labels", help="pickup-code labels of a day's unprinted self-pickup parcels as PDF")
    p.add_argument("--day", help="YYYY-MM-DD (default today)")
    p.add_argument("--all", action="store_true", help="include labels already printed")
    p.add_argument("--size", help="label size, e.g. 60x40 (default: the setting)")
    p.add_argument("--out", required=True, type=Path, help="PDF file to write")
    p.add_argument("--mark", action="store_true", help="mark the labels as printed")
    p.set_defaults(handler=cmd_labels)
    acts(p, when=lambda args: args.mark)


def cmd_import_arrivals(ctx) -> int:
    from ..inbound import intake
    ctx.open()
    res = intake.import_manifest(ctx.args.file, actor=ctx.actor, now=ctx.now())
    print(res.message())
    return 0


def cmd_labels(ctx) -> int:
    from .. import settings
    from ..inbound import intake
    from ..models import Parcel
    from ..printing.labels import labels_pdf
    ctx.open()
    day = dt.date.fromisoformat(ctx.args.day) if ctx.args.day else ctx.now().date()
    if ctx.args.all:
        start = dt.datetime.combine(day, dt.time())
        ids = [i for (i,) in Parcel.select(Parcel.id).where(
            Parcel.arrived_at >= start, Parcel.arrived_at < start + dt.timedelta(days=1),
            Parcel.category == Parcel.PICKUP, Parcel.status == Parcel.IN_STOCK)
            .order_by(Parcel.arrived_at).tuples()]
    else:
        ids = intake.unprinted_label_ids(day)
    rows = intake.label_rows(ids)
    pdf = labels_pdf(rows, ctx.args.size or settings.get("labels.size"))
    ctx.output(ctx.args.out).write_bytes(pdf)
    if ctx.args.mark and rows:
        intake.mark_labels_printed(ids, actor=ctx.actor, now=ctx.now())
    print(_("{count} 张标签 → {path}").format(count=len(rows), path=ctx.args.out))
    return 0
