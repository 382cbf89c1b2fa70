# zh-data: the benchmark's synthetic outlet (names, addresses, stored words)
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
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from .outlet import GENERATOR_VERSION, generate  # noqa: F401 (the synthetic outlet)


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


def cached_outlet(cache: Path, parcels: int) -> tuple[Path, dict]:
    path = cache / f"outlet-{parcels}.db"
    meta_file = path.with_suffix(".json")
    if path.exists() and meta_file.exists():
        meta = json.loads(meta_file.read_text())
        if meta.get("generator") == GENERATOR_VERSION:
            return path, meta
    # Built in a child process: the generator's memory (a million waybills, the index sorter) must
    # not count in this process's peak RSS, which the start-up measure's child process inherits.
    root = Path(__file__).resolve().parents[2]          # the folder holding outlet_desk/
    generator = "import sys; from outlet_desk.bench.outlet import main; main(sys.argv[1:])"
    subprocess.run([sys.executable, "-c", generator, str(path), str(parcels)],
                   check=True, env=dict(os.environ, PYTHONPATH=str(root)))
    return path, json.loads(meta_file.read_text())


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
        "from outlet_desk.storage import open_database; open_database(sys.argv[2], counter=True)\n"
        "ctx = build_context(home, QSettings(str(home / 'prefs.ini'), QSettings.IniFormat))\n"
        "w = create_main_window(ctx); w.show(); app.processEvents()\n"
        "t1 = time.perf_counter()\n"
        "print('STARTUP', (t1 - t0) * 1000, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    root = Path(__file__).resolve().parent.parent
    # The installed app runs from compiled bytecode; a PYTHONDONTWRITEBYTECODE environment would
    # make every start compile all the sources again.  So: one start to compile (reported in the
    # note), then the measured start.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(root)
    runs = []
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", code, str(ctx.work), str(ctx.db_path)],
                             capture_output=True, text=True, env=env, timeout=300)
        line = next((ln for ln in out.stdout.splitlines() if ln.startswith("STARTUP")), None)
        if line is None:
            ctx.add("start to usable window (1M db)", None, "ms", 1500,
                    note=(out.stderr.strip().splitlines() or ["failed"])[-1])
            return
        runs.append(line.split()[1:])
    (first_ms, _rss), (ms, rss_kb) = runs
    ctx.add("start to usable window", float(ms), "ms", 1500,
            note=f"first start (compiling the bytecode) {float(first_ms):,.0f} ms")
    ctx.add("peak RSS, database open", float(rss_kb) / 1024, "MB", 250)


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def measure_lookups(ctx: BenchContext, meta: dict) -> None:
    """The counter's lookups, through the release service (pickup.lookup)."""
    from ..errors import OutletError
    from ..inbound import pickup
    sample = meta["sample"]

    def lookup(v):
        try:
            pickup.lookup(v)
        except OutletError:    # a released parcel's waybill: still a full lookup
            pass

    for label, items in (("lookup by pickup code p99", [c for c, _t in sample["codes"][:500]]),
                         ("lookup by phone tail p99", sample["tails"][:500]),
                         ("lookup by waybill p99", sample["waybills"][:500])):
        times = [_timed(lambda v=v: lookup(v)) for v in items]
        ctx.add(label, percentile(times, 99) if times else None, "ms", 5)


def _bench_waybills(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out: set[str] = set()
    while len(out) < n:
        out.add("YT" + "".join(rng.choice("0123456789") for _ in range(13)))
    return sorted(out)


def measure_intake(ctx: BenchContext, meta: dict) -> None:
    """validate, store, assign the pickup code, audit, commit durably — the whole core path."""
    from ..inbound import intake
    from ..permissions import Actor
    clerk = Actor(1, "张丽", "clerk")
    now = dt.datetime.fromisoformat(meta["end"])
    times = [_timed(lambda wb=wb: intake.receive_parcel(wb, actor=clerk, now=now))
             for wb in _bench_waybills(400, 5)]
    p99 = percentile(times, 99)
    ctx.add("intake core path p50", percentile(times, 50), "ms")
    ctx.add("intake core path p99", p99, "ms")
    floor = percentile(ctx.samples["floor_ms"], 99)
    ctx.add("intake p99 / floor p99", p99 / floor if floor else None, "×", 3)
    raw = _raw_intake_rows(ctx.db_path, now)
    ctx.add("same rows, raw sqlite3 on the outlet p99", percentile(raw, 99), "ms",
            note=f"p50 {percentile(raw, 50):.2f} ms: the disk's cost of one scan's rows and indexes")


def _raw_intake_rows(db_path: Path, now: dt.datetime, n: int = 400) -> list[float]:
    """What the disk alone costs for one scan: the same rows (parcel, arrival event, shelf slot,
    with all their indexes) inserted and committed durably with raw sqlite3 into the same outlet."""
    con = sqlite3.connect(db_path, isolation_level=None, timeout=30)
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA wal_autocheckpoint=0")     # as the app: checkpoints run in the background
    times = []
    for i, wb in enumerate(_bench_waybills(n, 6)):
        code = f"R-{i}-{wb[-4:]}"
        t0 = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        cur = con.execute(
            "INSERT INTO parcel (waybill, carrier, category, status, problem, shelf, level, "
            "pickup_code, phone_tail, manifest_matched, arrived_at, arrived_by_id, cod_fen, "
            "updated_at) VALUES (?, '圆通', 'pickup', 'in_stock', 0, 'R', 1, ?, NULL, 0, ?, 1, 0, ?)",
            (wb + "R", code, now, now))
        pid = cur.lastrowid
        con.execute("INSERT INTO parcel_event (parcel_id, at, kind, staff_id, detail) "
                    "VALUES (?, ?, 'arrived', 1, '自取')", (pid, now))
        con.execute("INSERT INTO shelf_slot (code, parcel_id, shelf, level, phone_tail, assigned_at) "
                    "VALUES (?, ?, 'R', 1, NULL, ?)", (code, pid, now))
        con.execute("COMMIT")
        times.append((time.perf_counter() - t0) * 1000)
    con.close()
    return times


def _gui(ctx: BenchContext, mode: str, amount: int) -> dict:
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-m", "ui.bench_gui", str(ctx.db_path), str(ctx.work),
                          mode, str(amount)], capture_output=True, text=True, env=env, timeout=600)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("{")), None)
    if line is None:
        raise RuntimeError((out.stderr.strip().splitlines() or ["no output"])[-1])
    data = json.loads(line)
    if "error" in data:
        raise RuntimeError(data["error"])
    return data


def measure_scan_to_screen(ctx: BenchContext, meta: dict) -> None:
    times = _gui(ctx, "scan", 300)["times_ms"]
    ctx.add("scan Enter → committed and shown p99", percentile(times, 99), "ms", 15)


def measure_wedge(ctx: BenchContext, meta: dict) -> None:
    data = _gui(ctx, "wedge", ctx.samples.get("wedge_seconds", 30))
    ctx.add("wedge burst 20/s: scans dropped", data["dropped"], "", 0,
            note=f"{data['sent']} sent, {data['stored']} stored, all handled after "
                 f"{data['seconds']:.1f} s")
    ctx.add("wedge burst 20/s: scans merged", data["merged"], "", 0,
            note=f"{data['received']} scans received, {data['rejected']} rejected")
    if data.get("lag_p99_ms") is not None:
        ctx.add("wedge burst: Enter → scan handled p99", data["lag_p99_ms"], "ms",
                note=f"max {data['lag_max_ms']:.0f} ms (keys posted on the scanner's clock)")


def measure_stalls(ctx: BenchContext, meta: dict) -> None:
    """The counter never freezes: the longest event-loop stall while slow work runs behind."""
    sms = _gui(ctx, "stall-sms", 10)
    ctx.add("longest stall: call-list SMS, gateway never answers", sms["max_stall_ms"], "ms", 100,
            note=f"{sms['detail']}; {sms['seconds']:.1f} s; {sms['result']}")
    prn = _gui(ctx, "stall-print", 20)
    ctx.add("longest stall: scans printing to a hanging queue", prn["max_stall_ms"], "ms", 100,
            note=f"{prn['detail']}; {prn['seconds']:.1f} s; {prn['result']}")


def measure_signoff_upload(ctx: BenchContext, meta: dict) -> None:
    """Sign off 2,000 released parcels in one batch, then upload them to the loopback receiver."""
    from devtools.hqserver import serve_in_thread

    from .. import settings
    from ..models import Outbox, Parcel
    from ..permissions import SYSTEM, Actor
    from ..signoff import signoff, upload
    clerk = Actor(1, "张丽", "clerk")
    now = dt.datetime.fromisoformat(meta["end"])
    ids = [i for (i,) in Parcel.select(Parcel.id).where(Parcel.status == Parcel.RELEASED)
           .order_by(Parcel.id.desc()).limit(2000).tuples()]
    Parcel.update(signed_at=None).where(Parcel.id.in_(ids)).execute()
    Outbox.update(status=Outbox.SENT, sent_at=now).where(Outbox.status == Outbox.PENDING).execute()
    ctx.add("batch sign-off of 2,000", _timed(lambda: signoff.sign(parcel_ids=ids, actor=clerk,
                                                                   now=now)) / 1000, "s", 0.5)
    server = serve_in_thread(port=0, db_path=ctx.work / "hq.db")
    try:
        settings.update({"upload.url": f"http://127.0.0.1:{server.server_address[1]}/api/v1/records",
                         "upload.batch_size": 500}, actor=SYSTEM, now=now)
        t0 = time.perf_counter()
        result = upload.drain_once(clock=lambda: now, force=True)
        seconds = time.perf_counter() - t0
        left = Outbox.select().where(Outbox.status == Outbox.PENDING).count()
        ok = result.sent >= 2000 and left == 0 and not result.rejected
        ctx.add("upload of 2,000 to loopback", seconds if ok else None, "s", 2,
                note=f"{result.sent} sent, {result.rejected} rejected, {left} left"
                + (f", {result.error}" if result.error else ""))
    finally:
        server.stop()


def measure_reconcile(ctx: BenchContext, meta: dict) -> None:
    from ..dayclose import dayclose
    end = dt.datetime.fromisoformat(meta["end"])
    day = end.date()
    led = []
    ms = _timed(lambda: led.append(dayclose.ledger(day, today=day)))
    ctx.add("reconciliation of the busiest day", ms, "ms", 300,
            note=f"{led[0].parcels.arrivals:,} arrivals" if led else "")


def measure_pdfs(ctx: BenchContext, meta: dict) -> None:
    from ..dayclose import report_pdf as daily_report
    from ..inbound import intake
    from ..models import Parcel
    from ..printing.labels import labels_pdf
    end = dt.datetime.fromisoformat(meta["end"])
    ctx.add("daily report PDF", _timed(lambda: daily_report.build_for_day(end.date(), now=end)) / 1000,
            "s", 1)
    ids = [i for (i,) in Parcel.select(Parcel.id).where(Parcel.status == Parcel.IN_STOCK,
                                                        Parcel.pickup_code.is_null(False))
           .limit(500).tuples()]
    ctx.add("500 pickup labels PDF", _timed(lambda: labels_pdf(intake.label_rows(ids))) / 1000, "s", 3,
            note=f"{len(ids)} labels")


#: capability measures, run in this order on a work copy of the outlet: fn(ctx, meta)
MEASURES: list[tuple[str, Callable]] = [
    ("lookups", measure_lookups),
    ("intake core path", measure_intake),
    ("batch sign-off and upload", measure_signoff_upload),
    ("reconciliation", measure_reconcile),
    ("PDFs", measure_pdfs),
]
GUI_MEASURES: list[tuple[str, Callable]] = [
    ("scan to screen", measure_scan_to_screen),
    ("wedge burst", measure_wedge),
    ("event-loop stalls", measure_stalls),
]


def _guarded(ctx, name, fn, meta) -> None:
    try:
        fn(ctx, meta)
    except Exception as exc:  # noqa: BLE001 — one broken measure must not hide the rest
        ctx.add(name, None, "", None, note=f"{type(exc).__name__}: {exc}")


def run(parcels: int, cache: Path, json_out: Path | None = None, *, echo=print,
        wedge_seconds: int = 30) -> list[Figure]:
    t_gen = time.perf_counter()
    db_path, meta = cached_outlet(cache, parcels)
    gen_s = time.perf_counter() - t_gen
    echo(f"outlet with {meta['parcels']:,} parcels: {db_path} ({gen_s:.1f} s to prepare)")
    with tempfile.TemporaryDirectory(dir=cache) as work:
        ctx = BenchContext(db_path=db_path, parcels=meta["parcels"], work=Path(work),
                           rng=random.Random(1))
        measure_startup(ctx)             # on the untouched outlet
        # the writing measures work on a copy, so the cached outlet stays as generated; the copy
        # is flushed to the disk first, or its write-back would land inside the measures below
        work_db = Path(work) / "outlet.db"
        shutil.copyfile(db_path, work_db)
        if hasattr(os, "sync"):          # POSIX; on Windows the copy is left to the cache
            os.sync()
        ctx.db_path = work_db
        ctx.samples["wedge_seconds"] = wedge_seconds
        from .. import settings
        from ..db import close_database
        from ..storage import open_database
        open_database(work_db, counter=True)     # as the app at the counter opens it
        settings.specs()                 # as the app at start: every module's settings loaded
        measure_floor(ctx)               # the same disk, right before the intake path
        try:
            for name, fn in MEASURES:
                _guarded(ctx, name, fn, meta)
        finally:
            close_database()
        for name, fn in GUI_MEASURES:
            _guarded(ctx, name, fn, meta)
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
