"""The benchmark's screen measures, run in their own process by ``outlet-desk bench``:

    python -m ui.bench_gui DB_FILE WORK_DIR scan N        Enter → row shown and committed, per scan
    python -m ui.bench_gui DB_FILE WORK_DIR wedge SECONDS  keyboard-wedge burst, 20 scans/s, 3 ms/key
    python -m ui.bench_gui DB_FILE WORK_DIR stall-sms N     the call list's SMS (N customers) to a
                                                           gateway that accepts and never answers
    python -m ui.bench_gui DB_FILE WORK_DIR stall-print N   N scans with auto-printed labels to a
                                                           print queue (``lp``) that hangs

Prints one JSON line.  Offscreen; the intake screen is the real one, driven by real key events.
"""
from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _waybills(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = set()
    while len(out) < n:
        out.add("JT" + "".join(rng.choice("0123456789") for _ in range(13)))
    return sorted(out)


def main(argv: list[str]) -> int:
    db_file, work, mode, amount = argv[0], Path(argv[1]), argv[2], int(argv[3])
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from outlet_desk.storage import open_database
    from ui import sound
    from ui.app import build_context, create_main_window, ensure_app

    sound.set_enabled(False)
    app = ensure_app()
    open_database(db_file, counter=True)
    ctx = build_context(work, QSettings(str(work / "bench-prefs.ini"), QSettings.IniFormat))
    if mode.startswith("stall"):
        return _stall(app, ctx, work, mode, amount)
    window = create_main_window(ctx)
    window.show()
    window.login.select_person("张丽")
    window.login.secret.setText("1111")
    window.login.attempt()
    screen = window.screen_by_key(2)
    window.show_screen(screen)
    app.processEvents()
    field = screen.scan
    if mode == "scan":
        times = []
        for wb in _waybills(amount, 11):
            before = screen.model.rowCount()
            field.setText(wb)
            t0 = time.perf_counter()
            QTest.keyClick(field, Qt.Key_Return)     # the real Enter handler: store, show
            _NONE_BALANCE.append(None)               # see _wedge
            app.processEvents()
            t1 = time.perf_counter()
            if screen.model.rowCount() != before + 1 or screen.model.row_at(0).waybill != wb:
                print(json.dumps({"error": f"{wb} not shown"}))
                return 1
            times.append((t1 - t0) * 1000)
        print(json.dumps({"times_ms": times}), flush=True)
        sys.stderr.flush()
        os._exit(0)
    return _wedge(app, screen, field, _waybills(amount * 20, 12))


_NONE_BALANCE: list = []


def _wedge(app, screen, field, scans: list[str]) -> int:
    """A keyboard wedge does not wait for the app: its keys come on the scanner's own clock (3 ms
    per key, a scan every 50 ms) and the operating system queues them while the app is busy.  So
    each key has a due time fixed in advance; whenever the GUI thread is back in its event loop it
    takes every key that is due by then (the queue), in order, as real key events to the scan
    field.  Slow handling shows up as lag (Enter due → scan handled), and lost or merged keys in
    what the screen received.

    Each ``QTest.keyClick(s)`` call keeps one reference to ``None`` (``_NONE_BALANCE``) and the
    process leaves with ``os._exit``: PySide6 6.12.0 drops a reference to ``None`` on every
    flag-typed call, ``keyClick`` included, which would kill the interpreter after some thousand
    keys.  The project pins PySide6 below 6.12 (``tests/ui/test_pyside_refcount.py``), where
    ``keyClick`` is balanced and the extra references only cost a list of ``None``."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from outlet_desk.models import Parcel

    handled: list[tuple[str, float]] = []
    screen.scan.scanned.connect(lambda text: handled.append((text, time.perf_counter())))
    start = time.perf_counter() + 0.05
    keys: list[tuple[float, str]] = []     # (due, char); "\r" is Enter
    enter_due: list[float] = []
    for i, wb in enumerate(scans):
        due = start + i / 20.0
        for ch in wb + "\r":
            keys.append((due, ch))
            if ch == "\r":
                enter_due.append(due)
            due += 0.003
    nxt = 0
    while nxt < len(keys):
        now = time.perf_counter()
        while nxt < len(keys) and keys[nxt][0] <= now:
            ch = keys[nxt][1]
            if ch == "\r":
                QTest.keyClick(field, Qt.Key_Return)
            else:
                QTest.keyClicks(field, ch)
            _NONE_BALANCE.append(None)
            nxt += 1
        app.processEvents()
        if nxt < len(keys):
            wait = keys[nxt][0] - time.perf_counter()
            if wait > 0:
                time.sleep(min(wait, 0.001))
    app.processEvents()
    elapsed = time.perf_counter() - start
    posted_enter = enter_due
    typed = set(scans)
    received = [t for t, _at in handled]
    stored = {w for (w,) in Parcel.select(Parcel.waybill).where(Parcel.waybill.in_(scans)).tuples()}
    merged = sum(1 for t in received if t not in typed)
    lags = []
    by_text = {t: at for t, at in handled}
    for wb, posted in zip(scans, posted_enter):
        if wb in by_text:
            lags.append((by_text[wb] - posted) * 1000)
    lags.sort()
    p99 = lags[min(len(lags) - 1, int(len(lags) * 0.99))] if lags else None
    print(json.dumps({"sent": len(scans), "stored": len(stored), "received": len(received),
                      "dropped": len(scans) - len(stored), "merged": merged,
                      "rejected": screen.rejected_count, "seconds": elapsed,
                      "lag_p99_ms": p99, "lag_max_ms": lags[-1] if lags else None}), flush=True)
    sys.stderr.flush()
    os._exit(0)


def _hanging_server():
    """A TCP server that accepts every connection and never answers (a gateway that hangs)."""
    import socket
    import threading
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    held = []

    def serve():
        while True:
            conn, _ = srv.accept()
            held.append(conn)

    threading.Thread(target=serve, daemon=True).start()
    return srv.getsockname()[1]


def _stall(app, ctx, work: Path, mode: str, amount: int) -> int:
    """The longest time the GUI thread was away from its event loop while the slow work ran.
    A 5 ms timer ticks throughout; a stall is the gap between ticks beyond its interval."""
    import datetime as dt

    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtTest import QTest

    from outlet_desk import settings
    from outlet_desk.permissions import SYSTEM
    from ui import ops
    from ui.app import create_main_window

    now = dt.datetime.now().replace(microsecond=0)
    if mode == "stall-sms":
        port = _hanging_server()
        settings.update({"sms.enabled": True, "sms.url": f"http://127.0.0.1:{port}/send",
                         "sms.timeout_seconds": 1}, actor=SYSTEM, now=now)
    else:
        fake = work / "hanging-lp"
        fake.mkdir(exist_ok=True)
        (fake / "lp").write_text("#!/bin/sh\nexec sleep 3600\n")
        (fake / "lp").chmod(0o755)
        os.environ["PATH"] = f"{fake}{os.pathsep}{os.environ.get('PATH', '')}"
        from ui import printing
        printing.LP_TIMEOUT_S = 1.0
        ctx.prefs.setValue("printers/labels", "HangingQueue")
        settings.update({"labels.print_mode": "auto"}, actor=SYSTEM, now=now)
    window = create_main_window(ctx)
    window.show()
    window.login.select_person("张丽")
    window.login.secret.setText("1111")
    window.login.attempt()
    ops.wait_all()                              # the app's own start-up work (fonts) done
    clock = QElapsedTimer()
    clock.start()
    gaps = []
    last = [clock.elapsed()]

    def tick():
        t = clock.elapsed()
        gaps.append(t - last[0])
        last[0] = t

    timer = QTimer()
    timer.setTimerType(Qt.PreciseTimer)
    timer.timeout.connect(tick)
    timer.start(5)
    detail = ""
    if mode == "stall-sms":
        screen = window.screen_by_key(3)
        window.show_screen(screen)
        tab = screen.notify_tab
        screen.tabs.setCurrentWidget(tab)
        tab.refresh()
        app.processEvents()
        tab.groups = list(tab.groups)[:amount]
        detail = f"{len(tab.groups)} customers, gateway timeout 1 s"
        last[0] = clock.elapsed()
        gaps.clear()
        tab.send_sms_all()
        while not tab.sms_all_job.finished:
            app.processEvents()
        result = window.banner.text()
    else:
        screen = window.screen_by_key(2)
        window.show_screen(screen)
        app.processEvents()
        last[0] = clock.elapsed()
        gaps.clear()
        for wb in _waybills(amount, 13):
            screen.scan.setText(wb)
            QTest.keyClick(screen.scan, Qt.Key_Return)
            _NONE_BALANCE.append(None)
            end = clock.elapsed() + 50          # a scan every 50 ms, as a fast clerk
            while clock.elapsed() < end:
                app.processEvents()
        while printing.print_queue().busy():
            app.processEvents()
        result = window.banner.text()
        detail = f"{amount} scans, lp timeout 1 s"
    timer.stop()
    ops.wait_all()
    stall = max(gaps) - 5 if gaps else None
    print(json.dumps({"max_stall_ms": stall, "ticks": len(gaps), "seconds": clock.elapsed() / 1000,
                      "detail": detail, "result": result}, ensure_ascii=False), flush=True)
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
