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
    # wedge: 20 scans a second, each typed at 3 ms per key and ended with Enter
    scans = _waybills(amount * 20, 12)
    start = time.perf_counter()
    for i, wb in enumerate(scans):
        due = start + i / 20.0
        while time.perf_counter() < due:
            app.processEvents()
        QTest.keyClicks(field, wb, Qt.NoModifier, 3)
        QTest.keyClick(field, Qt.Key_Return)
    app.processEvents()
    elapsed = time.perf_counter() - start
    stored = {w for (w,) in Parcel.select(Parcel.waybill).where(Parcel.waybill.in_(scans)).tuples()}
    rows = [screen.model.row_at(i).waybill for i in range(min(screen.model.rowCount(), len(scans) + 5))]
    merged = sum(1 for w in rows if w not in scans and w.startswith("JT"))
    print(json.dumps({"sent": len(scans), "stored": len(stored), "dropped": len(scans) - len(stored),
                      "merged": merged + screen.rejected_count, "seconds": elapsed}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
