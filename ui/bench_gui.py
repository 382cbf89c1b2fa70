"""The benchmark's screen measures, run in their own process by ``outlet-desk bench``:

    python -m ui.bench_gui DB_FILE WORK_DIR scan N        Enter → row shown and committed, per scan
    python -m ui.bench_gui DB_FILE WORK_DIR wedge SECONDS  keyboard-wedge burst, 20 scans/s, 3 ms/key

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

    from outlet_desk.db import open_database
    from outlet_desk.models import Parcel
    from ui import sound
    from ui.app import build_context, create_main_window, ensure_app

    sound.set_enabled(False)
    app = ensure_app()
    open_database(db_file)
    ctx = build_context(work, QSettings(str(work / "bench-prefs.ini"), QSettings.IniFormat))
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
            app.processEvents()
            t1 = time.perf_counter()
            if screen.model.rowCount() != before + 1 or screen.model.row_at(0).waybill != wb:
                print(json.dumps({"error": f"{wb} not shown"}))
                return 1
            times.append((t1 - t0) * 1000)
        print(json.dumps({"times_ms": times}))
        return 0
    return _wedge(app, screen, field, _waybills(amount * 20, 12))


def _wedge(app, screen, field, scans: list[str]) -> int:
    """A keyboard wedge does not wait for the app: a second thread is the scanner, emitting keys
    on its own clock (3 ms per key, a scan every 50 ms) into a queue, as the operating system
    queues input; the GUI thread takes the queued keys whenever it is back in its event loop and
    delivers them as real key events to the scan field.  Slow handling therefore shows up as lag
    (Enter typed → scan handled), and lost or merged keys in what the screen received."""
    import queue
    import threading

    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    from outlet_desk.models import Parcel

    sys.setswitchinterval(0.0005)   # the poster thread keeps its clock while Python code runs
    keys = {c: getattr(Qt, f"Key_{c}") for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
    posted_enter: list[float] = []
    handled: list[tuple[str, float]] = []
    screen.scan.scanned.connect(lambda text: handled.append((text, time.perf_counter())))

    typed_keys: queue.SimpleQueue = queue.SimpleQueue()

    def post(key, text):
        typed_keys.put((key, text))

    def deliver() -> None:
        while True:
            try:
                key, text = typed_keys.get_nowait()
            except queue.Empty:
                return
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                QCoreApplication.sendEvent(field, QKeyEvent(kind, key, Qt.NoModifier, text))

    def scanner():
        start = time.perf_counter() + 0.05
        for i, wb in enumerate(scans):
            due = start + i / 20.0
            for ch in wb + "\r":
                while (left := due - time.perf_counter()) > 0:
                    time.sleep(min(left, 0.001))
                if ch == "\r":
                    posted_enter.append(time.perf_counter())
                    post(Qt.Key_Return, "\r")
                else:
                    post(keys[ch], ch)
                due += 0.003

    thread = threading.Thread(target=scanner, daemon=True)
    start = time.perf_counter()
    thread.start()
    while thread.is_alive():
        deliver()
        app.processEvents()     # (the overload with a time limit leaks a reference to None)
        time.sleep(0.0005)
    deliver()
    app.processEvents()
    elapsed = time.perf_counter() - start
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
                      "lag_p99_ms": p99, "lag_max_ms": lags[-1] if lags else None}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
