"""``outlet-desk bench``: speed at outlet scale, measured on this machine's disk.

It builds (or reuses, cached) a synthetic outlet with N parcels of history, then measures each
figure against its target and prints a table (``--json FILE`` writes the same).  Figures that need
a capability register a measure in :data:`MEASURES`; a measure that cannot run says why instead of
inventing a number.

Ratios measured in one run on the same disk are what count on a shared, noisy machine: the intake
path is compared with the floor (one raw durable SQLite commit).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

CARRIERS = [  # (name, share, waybill maker)
    ("中通", 0.28, lambda r: "7" + "".join(r.choice("0123456789") for _ in range(13))),
    ("圆通", 0.20, lambda r: "YT" + "".join(r.choice("0123456789") for _ in range(13))),
    ("韵达", 0.16, lambda r: "31" + "".join(r.choice("0123456789") for _ in range(11))),
    ("申通", 0.12, lambda r: "77" + "".join(r.choice("0123456789") for _ in range(13))),
    ("极兔", 0.12, lambda r: "JT" + "".join(r.choice("0123456789") for _ in range(13))),
    ("顺丰", 0.07, lambda r: "SF" + "".join(r.choice("0123456789") for _ in range(13))),
    ("京东", 0.05, lambda r: "JD" + "".join(r.choice("0123456789") for _ in range(13))),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华"


@dataclass
class Figure:
    name: str
    value: float | None
    unit: str
    target: float | None
    met: bool | None
    note: str = ""


@dataclass
class BenchContext:
    db_path: Path
    parcels: int
    work: Path
    rng: random.Random
    figures: list[Figure] = field(default_factory=list)
    samples: dict = field(default_factory=dict)   # e.g. waybills, codes, tails for lookups

    def add(self, name, value, unit, target=None, *, lower_is_better=True, note=""):
        met = None
        if value is not None and target is not None:
            met = value <= target if lower_is_better else value >= target
        self.figures.append(Figure(name, value, unit, target, met, note))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# -- the synthetic outlet ------------------------------------------------------------------------
def generate(path: Path, parcels: int, *, seed: int = 803, end: dt.datetime | None = None) -> dict:
    """Create the outlet schema with the app's own migrations, then bulk-load history with raw
    executemany (the app's code paths are measured later, not used to load a million rows)."""
    from .db import close_database, open_database
    from .permissions import SYSTEM
    from .services import staff as staff_service

    rng = random.Random(seed)
    end = end or dt.datetime.now().replace(microsecond=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building")
    for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        p.unlink(missing_ok=True)
    open_database(tmp)
    now = end - dt.timedelta(days=400)
    clerks = [staff_service.add_staff(n, "clerk", pin, actor=SYSTEM, now=now).id
              for n, pin in (("张丽", "1111"), ("王芳", "2222"))]
    staff_service.add_staff("李店长", "manager", "manager803", actor=SYSTEM, now=now)
    close_database()

    con = sqlite3.connect(tmp)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA journal_mode=WAL")
    per_day = 3500
    days = max(1, parcels // per_day)
    weights = [c[1] for c in CARRIERS]
    seen: set[str] = set()
    rows, events = [], []
    in_stock_slots: set[tuple] = set()
    pid = 0
    sample = {"waybills": [], "codes": [], "tails": []}
    for d in range(days, -1, -1):
        day = (end - dt.timedelta(days=d)).replace(hour=8, minute=0, second=0)
        count = min(per_day, parcels - pid)
        if count <= 0:
            break
        for i in range(count):
            name, _share, make = rng.choices(CARRIERS, weights)[0]
            wb = make(rng)
            while wb in seen:
                wb = make(rng)
            seen.add(wb)
            pid += 1
            at = day + dt.timedelta(seconds=i * 9)
            phone = "1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9))
            recent = d <= 2
            status = "in_stock" if recent and rng.random() < 0.6 else "released"
            shelf, level = str(rng.randint(1, 12)), rng.randint(1, 5)
            code = None
            if status == "in_stock":
                base = f"{shelf}-{level}-{wb[-4:]}"
                code, n = base, 1
                while (code,) in in_stock_slots:
                    n += 1
                    code = f"{base}-{n}"
                in_stock_slots.add((code,))
                if len(sample["codes"]) < 2000:
                    sample["codes"].append((code, phone[-4:]))
            released = at + dt.timedelta(hours=rng.randint(2, 72)) if status == "released" else None
            rows.append((pid, wb, name, "pickup", status, 0, shelf, level, code,
                         rng.choice(SURNAMES) + rng.choice(GIVEN), phone, phone[-4:], None, None, 1,
                         at, rng.choice(clerks), released, rng.choice(clerks) if released else None,
                         "本人" if released else None, None, released, 0, None, released or at))
            events.append((pid, at, "arrived", rng.choice(clerks), ""))
            if released:
                events.append((pid, released, "released", rng.choice(clerks), ""))
            if len(sample["waybills"]) < 5000 and rng.random() < 0.01:
                sample["waybills"].append(wb)
                sample["tails"].append(phone[-4:])
        if len(rows) >= 50_000:
            _flush(con, rows, events)
    _flush(con, rows, events)
    con.execute("ANALYZE")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    meta = {"parcels": pid, "seed": seed, "end": end.isoformat(), "sample": sample}
    path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False))
    return meta


def _flush(con, rows, events) -> None:
    con.executemany(
        "INSERT INTO parcel (id, waybill, carrier, category, status, problem, shelf, level, "
        "pickup_code, recipient_name, recipient_phone, phone_tail, courier, route, "
        "manifest_matched, arrived_at, arrived_by_id, released_at, released_by_id, signer_type, "
        "collector_name, signed_at, cod_fen, note, updated_at) VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.executemany("INSERT INTO parcel_event (parcel_id, at, kind, staff_id, detail) "
                    "VALUES (?,?,?,?,?)", events)
    rows.clear()
    events.clear()


def cached_outlet(cache: Path, parcels: int) -> tuple[Path, dict]:
    path = cache / f"outlet-{parcels}.db"
    meta_file = path.with_suffix(".json")
    if path.exists() and meta_file.exists():
        return path, json.loads(meta_file.read_text())
    return path, generate(path, parcels)


# -- measures ----------------------------------------------------------------------------------
def measure_floor(ctx: BenchContext, n: int = 400) -> list[float]:
    """One row inserted and committed with raw sqlite3 (WAL, synchronous=FULL), same disk."""
    path = ctx.work / "floor.db"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, waybill TEXT, at TEXT)")
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO t (waybill, at) VALUES (?, ?)", (f"SF{i:013d}", "x"))
        con.execute("COMMIT")
        times.append((time.perf_counter() - t0) * 1000)
    con.close()
    ctx.samples["floor_ms"] = times
    ctx.add("floor: raw durable commit p50", percentile(times, 50), "ms")
    ctx.add("floor: raw durable commit p99", percentile(times, 99), "ms")
    return times


def measure_startup(ctx: BenchContext) -> None:
    """A fresh process: import, open the big database, build the main window, show the login page.
    Reports the time to a usable window and the process's peak RSS."""
    code = (
        "import os, sys, time, resource; t0 = time.perf_counter()\n"
        "os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')\n"
        "from PySide6.QtCore import QSettings\n"
        "from ui.app import ensure_app, open_outlet, build_context, create_main_window\n"
        "from pathlib import Path\n"
        "app = ensure_app(); home = Path(sys.argv[1]);\n"
        "from outlet_desk.db import open_database; open_database(sys.argv[2])\n"
        "ctx = build_context(home, QSettings(str(home / 'prefs.ini'), QSettings.IniFormat))\n"
        "w = create_main_window(ctx); w.show(); app.processEvents()\n"
        "t1 = time.perf_counter()\n"
        "print('STARTUP', (t1 - t0) * 1000, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PYTHONPATH=str(root))
    out = subprocess.run([sys.executable, "-c", code, str(ctx.work), str(ctx.db_path)],
                         capture_output=True, text=True, env=env, timeout=300)
    line = next((l for l in out.stdout.splitlines() if l.startswith("STARTUP")), None)
    if line is None:
        ctx.add("start to usable window (1M db)", None, "ms", 1500,
                note=(out.stderr.strip().splitlines() or ["failed"])[-1])
        return
    _tag, ms, rss_kb = line.split()
    ctx.add("start to usable window", float(ms), "ms", 1500)
    ctx.add("peak RSS, database open", float(rss_kb) / 1024, "MB", 250)


def measure_lookups(ctx: BenchContext, meta: dict) -> None:
    """Lookups the counter makes, through the same indexes the services use."""
    from .db import open_database, close_database
    from .models import Parcel
    open_database(ctx.db_path)
    try:
        sample = meta["sample"]
        for label, items, query in (
            ("lookup by pickup code p99", [c for c, _t in sample["codes"][:500]],
             lambda v: list(Parcel.select().where((Parcel.status == Parcel.IN_STOCK)
                                                  & (Parcel.pickup_code == v)))),
            ("lookup by phone tail p99", sample["tails"][:500],
             lambda v: list(Parcel.select().where((Parcel.phone_tail == v)
                                                  & (Parcel.status == Parcel.IN_STOCK)))),
            ("lookup by waybill p99", sample["waybills"][:500],
             lambda v: Parcel.get_or_none(Parcel.waybill == v)),
        ):
            times = []
            for v in items:
                t0 = time.perf_counter()
                query(v)
                times.append((time.perf_counter() - t0) * 1000)
            ctx.add(label, percentile(times, 99) if times else None, "ms", 5)
    finally:
        close_database()


#: capability measures: fn(ctx, meta) — registered by the modules that own the code they time
MEASURES: list[tuple[str, Callable]] = [
    ("lookups", measure_lookups),
]


def run(parcels: int, cache: Path, json_out: Path | None = None, *, echo=print) -> list[Figure]:
    t_gen = time.perf_counter()
    db_path, meta = cached_outlet(cache, parcels)
    gen_s = time.perf_counter() - t_gen
    echo(f"outlet with {meta['parcels']:,} parcels: {db_path} ({gen_s:.1f} s to prepare)")
    with tempfile.TemporaryDirectory(dir=cache) as work:
        ctx = BenchContext(db_path=db_path, parcels=meta["parcels"], work=Path(work),
                           rng=random.Random(1))
        measure_floor(ctx)
        for name, fn in MEASURES:
            try:
                fn(ctx, meta)
            except Exception as exc:  # noqa: BLE001 — one broken measure must not hide the rest
                ctx.add(name, None, "", None, note=f"{type(exc).__name__}: {exc}")
        measure_startup(ctx)
        ctx.add("peak RSS of the bench process",
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB")
    report(ctx.figures, echo=echo)
    if json_out:
        Path(json_out).write_text(json.dumps({
            "date": dt.datetime.now().isoformat(timespec="seconds"),
            "machine": {"platform": platform.platform(), "python": platform.python_version(),
                        "cpus": os.cpu_count()},
            "parcels": meta["parcels"], "prepare_seconds": round(gen_s, 1),
            "figures": [asdict(f) for f in ctx.figures]}, ensure_ascii=False, indent=2))
    return ctx.figures


def report(figures: list[Figure], *, echo=print) -> None:
    echo(f"{'measure':<44} {'value':>10} {'unit':<6} {'target':>8}  met")
    for f in figures:
        value = "—" if f.value is None else f"{f.value:,.2f}"
        target = "" if f.target is None else f"≤ {f.target:g}"
        met = {True: "yes", False: "NO", None: ""}[f.met]
        echo(f"{f.name:<44} {value:>10} {f.unit:<6} {target:>8}  {met} {f.note}")
