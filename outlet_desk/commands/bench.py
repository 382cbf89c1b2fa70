"""outlet-desk bench."""
from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("bench", help="measure speed on a synthetic outlet (default 1,000,000 parcels)")
    p.add_argument("--parcels", type=int, default=1_000_000)
    p.add_argument("--cache", metavar="DIR", help="where the synthetic outlet is kept (default: DATA/bench)")
    p.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    p.add_argument("--wedge-seconds", type=int, default=30, help="length of the scanner burst (default 30)")
    p.set_defaults(handler=cmd_bench)


def cmd_bench(ctx) -> int:
    from ..bench import run
    cache = Path(ctx.args.cache) if ctx.args.cache else ctx.home / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    run(ctx.args.parcels, cache, Path(ctx.args.json) if ctx.args.json else None,
        wedge_seconds=ctx.args.wedge_seconds)
    return 0
