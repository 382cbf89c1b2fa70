"""Render the README's screenshots offscreen from a fresh demo outlet.

    python tools/screenshots.py            # writes docs/img/*.png

Each shot logs in as someone, opens a screen by its function key, optionally does something, and
grabs the main window.  Add a shot for every screen you build, then look at the PNG.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

NOW = dt.datetime(2026, 6, 8, 10, 15, 0)
OUT = ROOT / "docs" / "img"

# (file, who, secret, function key, optional action(window))
SHOTS = [
    ("main-window.png", "张丽", "1111", 1, None),
    ("settings.png", "李店长", "manager803", 11, None),
    ("audit-log.png", "李店长", "manager803", 12, None),
]


def _returns_checklist(window):
    """F5 with the demo's labelled and photographed return open in the checklist."""
    from outlet_desk.services import returns
    screen = window.screen_by_key(5)
    rows = [r for r in returns.list_returns(scope="open", now=NOW) if r.photo_count]
    if rows:
        screen.open_record(rows[0].id)


def _returns_mis_sorted(window):
    from outlet_desk.services import returns
    screen = window.screen_by_key(5)
    rows = [r for r in returns.list_returns(scope="open", now=NOW) if r.mis_sorted]
    if rows:
        screen.open_record(rows[0].id)


def _returns_list(window):
    window.screen_by_key(5).tabs.setCurrentIndex(2)


def _returns_dispatch_refused(window):
    """F5 dispatch: one parcel out, then a mis-sorted one refused with what is missing."""
    from outlet_desk.services import returns
    screen = window.screen_by_key(5)
    screen.tabs.setCurrentIndex(1)
    rows = returns.list_returns(scope="open", now=NOW)
    for r in [r for r in rows if r.complete] + [r for r in rows if r.mis_sorted]:
        screen.on_dispatch_scan(r.waybill)


def _overdue(window):
    window.screen_by_key(4).tabs.setCurrentIndex(1)


SHOTS += [
    ("problems-queue.png", "张丽", "1111", 4, None),
    ("problems-overdue.png", "张丽", "1111", 4, _overdue),
    ("returns-checklist.png", "张丽", "1111", 5, _returns_checklist),
    ("returns-mis-sorted.png", "张丽", "1111", 5, _returns_mis_sorted),
    ("returns-list.png", "张丽", "1111", 5, _returns_list),
    ("returns-dispatch.png", "张丽", "1111", 5, _returns_dispatch_refused),
]


def main() -> int:
    from outlet_desk.db import close_database, open_database
    from outlet_desk.demo import build_demo
    from ui.app import build_context, create_main_window, ensure_app

    OUT.mkdir(parents=True, exist_ok=True)
    app = ensure_app()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "outlet"
        build_demo(home, now=NOW)
        close_database()
        only = set(sys.argv[1:])
        for name, who, secret, fkey, action in SHOTS:
            if only and name not in only:
                continue
            open_database(home / "outlet.db")
            prefs = QSettings(str(Path(tmp) / "prefs.ini"), QSettings.IniFormat)
            ctx = build_context(home, prefs, clock=lambda: NOW)
            window = create_main_window(ctx)
            window.resize(1280, 800)
            window.show()
            window.login.select_person(who)
            window.login.secret.setText(secret)
            window.login.attempt()
            window.show_screen(window.screen_by_key(fkey))
            if action:
                action(window)
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(OUT / name))
            print("wrote", OUT / name)
            window.close()
            window.deleteLater()
            app.processEvents()
            close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main())
