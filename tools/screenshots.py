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
    ("outgoing-send.png", "张丽", "1111", 7, lambda w: _outgoing_send(w)),
    ("outgoing-pickup.png", "张丽", "1111", 7, lambda w: _outgoing_pickup(w)),
    ("outgoing-dispatch.png", "张丽", "1111", 7, lambda w: _outgoing_dispatch(w)),
    ("outgoing-unsigned.png", "张丽", "1111", 7, lambda w: _outgoing_tab(w, "unsigned_tab")),
    ("outgoing-threeday.png", "张丽", "1111", 7, lambda w: _outgoing_tab(w, "threeday_tab")),
    ("outgoing-tables.png", "李店长", "manager803", 7, lambda w: _outgoing_tab(w, "tables_tab")),
]


def _outgoing_tab(window, name):
    screen = window.screen_by_key(7)
    screen.show_tab(getattr(screen, name))
    return getattr(screen, name)


def _outgoing_send(window):
    tab = _outgoing_tab(window, "send_tab")
    for field, text in ((tab.waybill, "JT5012345678901"), (tab.sender_name, "王伟"),
                        (tab.sender_phone, "13812345678"), (tab.recipient_name, "李娜"),
                        (tab.recipient_phone, "13987654321"), (tab.city, "深圳"),
                        (tab.weight, "2.35")):
        field.setText(text)
    tab.province.setCurrentText("广东")
    tab.prohibited.setChecked(True)


def _outgoing_pickup(window):
    from outlet_desk.services import outgoing as og
    tab = _outgoing_tab(window, "pickup_tab")
    tab.salesman.setCurrentText("陈建国")
    lines = "业务员,运单号,省份,城市,申报重量,运费\n" + "".join(
        f"陈建国,7730608{i:05d},{p},{c},{kg},{fee}\n" for i, (p, c, kg, fee) in enumerate(
            [("广东", "深圳", "1.20", "17.00"), ("北京", "北京", "0.80", "12.00"),
             ("浙江", "宁波", "2.50", "12.00"), ("四川", "成都", "3.10", "31.00")]))
    og.import_collections(lines.encode(), actor=window.ctx.actor, now=window.ctx.now())
    for i, kg in enumerate(("1.22", "0.78", "3.05", "3.12")):
        tab.on_scan(f"7730608{i:05d}")
        tab.on_scan(f"7730608{i:05d}")
        tab.weight.setText(kg)
        tab.enter_weight()
    tab.on_scan("773060800000")


def _outgoing_dispatch(window):
    tab = _outgoing_tab(window, "dispatch_tab")
    tab.on_scan("400012345678")
    from outlet_desk.models.outgoing import OutgoingParcel
    for p in OutgoingParcel.select().where(OutgoingParcel.dispatched_at.is_null()).limit(3):
        tab.on_scan(p.waybill)


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
