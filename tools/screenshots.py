"""Render the README's screenshots offscreen from a fresh demo outlet.

    python tools/screenshots.py            # writes docs/img/*.png

Each shot (at 1366×768: the window as maximized there) logs in as someone, opens a screen by its
function key, optionally does something, and grabs the main window.  Add a shot for every screen
you build, then look at the PNG.

Each shot's window is torn down completely before the next one (its background jobs finished, its
upload thread stopped, the window deleted at once): a window left for ``deleteLater`` is never
deleted without an event loop, and every new window's translation install made all the old ones
retranslate and reload from the database, so a full run got slower with each shot until it
seemed to hang (~36 shots).  A shot that takes longer than ``SHOT_TIMEOUT_S`` (a modal dialog's
exec(), a wait that never ends) stops the run, naming the shot, with every thread's stack.
"""
from __future__ import annotations

import datetime as dt
import faulthandler
import os
import sys
import tempfile
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402

NOW = dt.datetime(2026, 6, 8, 10, 15, 0)
OUT = ROOT / "docs" / "img"
#: the window maximized on a 1366×768 counter PC: a 40 px taskbar and a 30 px title bar off
WINDOW = (1366, 698)
#: seconds one shot may take (a loaded 2-core machine takes ~10 s for the slowest)
SHOT_TIMEOUT_S = float(os.environ.get("SHOT_TIMEOUT_S", "120"))

def _counter_parcels(window):
    """The counter shots need self-pickup parcels; the intake demo makes them, and if it did not
    (a branch without intake) a few are made here."""
    from outlet_desk.models import Parcel
    if not Parcel.select().where(Parcel.category == Parcel.PICKUP,
                                 Parcel.status == Parcel.IN_STOCK).exists():
        from tests.factories import make_parcel
        at = NOW.replace(hour=8, minute=40)
        people = [("陈静", "13905710366"), ("王建国", "13757182214"), ("刘洋", "18868051907"),
                  ("赵敏", "15967123380"), ("孙磊", "13600578841")]
        n = 0
        for i, (name, phone) in enumerate(people):
            for j in range(3 if i == 0 else 1 + i % 2):
                n += 1
                wb = ["JT", "YT", "SF", "ZT"][n % 4]
                wb = (wb + f"{5821030000000 + n * 7919:013d}") if wb != "ZT" else f"7{n:03d}5588210{n:02d}"
                make_parcel(wb, phone=phone, name=name, shelf=str(1 + n % 4), level=1 + n % 3,
                            carrier=["极兔", "圆通", "顺丰", "中通"][n % 4], arrived_at=at,
                            cod_fen=1200 if (i == 0 and j == 1) else 0)
    return Parcel.select().where(Parcel.category == Parcel.PICKUP,
                                 Parcel.status == Parcel.IN_STOCK).order_by(Parcel.id)


def _pickup_shot(window):
    from PySide6.QtTest import QTest
    parcels = [p for p in _counter_parcels(window) if p.recipient_phone and not p.problem]
    phone_counts = {}
    for p in parcels:
        phone_counts[p.recipient_phone] = phone_counts.get(p.recipient_phone, 0) + 1
    p = max(parcels, key=lambda q: phone_counts[q.recipient_phone])
    tab = window.stack.currentWidget().release_tab
    tab.on_lookup(p.pickup_code)
    tab.fact_field.setText(p.phone_tail)
    tab.on_fact()
    tab.proxy.setChecked(True)
    tab.collector.setText("李华")
    tab.lookup_field.setFocus()
    QTest.qWait(10)


def _notify_shot(window):
    _counter_parcels(window)
    screen = window.stack.currentWidget()
    screen.tabs.setCurrentWidget(screen.notify_tab)


def _stockcheck_shot(window):
    parcels = list(_counter_parcels(window))
    screen = window.stack.currentWidget()
    screen.tabs.setCurrentWidget(screen.stock_tab)
    tab = screen.stock_tab
    tab.shelf_field.setText("")
    tab.start()
    by_place = {}
    for p in parcels:
        by_place.setdefault((p.shelf, p.level), []).append(p)
    places = sorted(by_place)
    for n, place in enumerate(places):
        tab.on_scan(f"{place[0]}-{place[1]}")
        for p in by_place[place]:
            if p is parcels[1]:
                continue                    # not found on the shelf
            if p is parcels[2]:
                tab.on_scan(f"{places[0][0]}-{places[0][1]}")   # on the wrong shelf
                tab.on_scan(p.waybill)
                tab.on_scan(f"{place[0]}-{place[1]}")
                continue
            tab.on_scan(p.waybill)
    tab.on_scan("JT5899000012345")          # a parcel nobody took in
    tab.finish()
    tab.table.selectRow(0)


# (file, who, secret, function key, optional action(window))
# (file, who, secret, function key, optional action(window))
SHOTS = [
    ("main-window.png", "张丽", "1111", 1, None),
    ("settings.png", "李店长", "manager803", 11, None),
    ("audit-log.png", "李店长", "manager803", 12, None),
    ("tickets.png", "张丽", "1111", 8, None),
    ("reply-editor.png", "张丽", "1111", 8, lambda w: _reply_refusing(w)),
    ("eorders.png", "张丽", "1111", 8, lambda w: w.screen_by_key(8).tabs.setCurrentIndex(1)),
    ("tickets-analysis.png", "李店长", "manager803", 8, lambda w: w.screen_by_key(8).tabs.setCurrentIndex(2)),
    ("tickets-claim.png", "李店长", "manager803", 8, lambda w: _claim_tab(w)),
    ("signoff.png", "王芳", "2222", 6, None),
    ("signoff-delivery.png", "王芳", "2222", 6,
     lambda w: w.screen_by_key(6).tabs.setCurrentIndex(0)),
    ("signoff-upload.png", "王芳", "2222", 6,
     lambda w: w.screen_by_key(6).tabs.setCurrentIndex(2)),
    ("pickup.png", "张丽", "1111", 3, _pickup_shot),
    ("notify.png", "王芳", "2222", 3, _notify_shot),
    ("stockcheck.png", "张丽", "1111", 3, _stockcheck_shot),
    ("dayclose.png", "李店长", "manager803", 10,
     lambda w: w.screen_by_key(10).set_day(NOW.date() - dt.timedelta(days=1))),
    ("dayclose-count.png", "张丽", "1111", 10, lambda w: _dayclose_count(w)),
    ("dayclose-accounts.png", "李店长", "manager803", 10,
     lambda w: w.screen_by_key(10).tabs.setCurrentIndex(1)),
    ("roster.png", "李店长", "manager803", 9, None),
    ("start-screen.png", "张丽", "1111", 1, None),
    ("start-screen-manager.png", "李店长", "manager803", 1, None),
    ("leave.png", "李店长", "manager803", 9, lambda w: w.screen_by_key(9).tabs.setCurrentIndex(1)),
    ("attendance.png", "李店长", "manager803", 9,
     lambda w: w.screen_by_key(9).tabs.setCurrentIndex(3)),
    ("duties.png", "李店长", "manager803", 9, lambda w: w.screen_by_key(9).tabs.setCurrentIndex(4)),
    ("swaps.png", "张丽", "1111", 9, lambda w: w.screen_by_key(9).tabs.setCurrentIndex(2)),
]


def _claim_tab(window):
    """A damage ticket's claim checklist (tickets)."""
    tab = window.screen_by_key(8).tickets_tab
    tab.select_ticket(next(r.id for r in tab.ticket_model.rows if r.category == "破损"))
    tab.detail_tabs.setCurrentIndex(3)


def _reply_refusing(window):
    """The reply editor refusing a reply that says "核实中" (tickets)."""
    tab = window.screen_by_key(8).tickets_tab
    tab.select_ticket(next(r.id for r in tab.ticket_model.rows if r.category == "延误"))
    tab.detail_tabs.setCurrentIndex(0)
    tab.reply.fill_from_template()
    tab.reply.situation.setPlainText("您好，您的包裹核实中，请知悉")
    tab.reply.when.setText("尽快")


def _dayclose_count(window):
    """Today's count half done: cash by denomination with a difference not yet explained."""
    screen = window.screen_by_key(10)
    for fen, n in ((10000, 1), (2000, 2), (1000, 1), (100, 3)):
        screen.denom_spins[fen].setValue(n)
    screen.save_count()


def _intake_burst(window) -> None:
    """Intake after a short burst: accepted parcels, a duplicate, garbage, a possible bag number
    left out by the next scan, and the last scan held (可能是集包单号) waiting for Alt+Enter."""
    import random

    from outlet_desk.demo.inbound import demo_waybill
    screen = window.screen_by_key(2)
    rng = random.Random(2)
    scans = [demo_waybill(rng, c) for c in ("中通", "韵达", "圆通", "极兔", "顺丰", "申通", "京东", "EMS")]
    scans[3:3] = ["4300123456789"]                     # fits 韵达/邮政 too: held, then left out
    scans += [scans[0], "12345", "3125678901234"]
    for text in scans:
        screen.on_scanned(text)
    screen.set_category("delivery")
    screen.on_scanned(demo_waybill(rng, "中通"))
    screen.set_category("pickup")
    screen.on_scanned(demo_waybill(rng, "圆通"))
    screen.on_scanned("4612345678901")                  # held, the orange banner on screen


def _returns_unknown(window) -> None:
    """F5 asked about a waybill the outlet never had: a stock parcel's number with two digits
    swapped, the real one suggested."""
    from outlet_desk.models import Parcel
    screen = window.screen_by_key(5)
    p = next(p for p in Parcel.select().where(Parcel.status == Parcel.IN_STOCK, ~Parcel.problem)
             .order_by(Parcel.arrived_at.desc()) if p.waybill[-1] != p.waybill[-2])
    screen.on_scan(p.waybill[:-2] + p.waybill[-1] + p.waybill[-2])


SHOTS.append(("intake.png", "张丽", "1111", 2, _intake_burst))
SHOTS += [
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
    from outlet_desk.outgoing import outgoing as og
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


def _returns_checklist(window):
    """F5 with the demo's labelled and photographed return open in the checklist."""
    from outlet_desk.inbound import returns
    screen = window.screen_by_key(5)
    rows = [r for r in returns.list_returns(scope="open", now=NOW) if r.photo_count]
    if rows:
        screen.open_record(rows[0].id)


def _returns_mis_sorted(window):
    from outlet_desk.inbound import returns
    screen = window.screen_by_key(5)
    rows = [r for r in returns.list_returns(scope="open", now=NOW) if r.mis_sorted]
    if rows:
        screen.open_record(rows[0].id)


def _returns_list(window):
    window.screen_by_key(5).tabs.setCurrentIndex(2)


def _returns_dispatch_refused(window):
    """F5 dispatch: one parcel out, then a mis-sorted one refused with what is missing."""
    from outlet_desk.inbound import returns
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
    ("returns-unknown.png", "张丽", "1111", 5, _returns_unknown),
]


class Watchdog:
    """Stops the run when a shot hangs: names the shot, dumps every thread's stack, exits 3."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.timer: threading.Timer | None = None

    def start(self, name: str) -> None:
        self.stop()
        self.timer = threading.Timer(self.seconds, self._fire, args=(name,))
        self.timer.daemon = True
        self.timer.start()

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def _fire(self, name: str) -> None:
        print(f"screenshot {name!r} hung: no result after {self.seconds:.0f} s "
              "(a modal dialog's exec()? a wait that never ends?); stacks follow", file=sys.stderr,
              flush=True)
        faulthandler.dump_traceback(all_threads=True)
        os._exit(3)


def tear_down(window, app) -> None:
    """Everything a shot's window started is stopped and the window deleted now, before the
    database closes: its background jobs finish and report, its upload thread ends, its timers
    and event filters (scan router, idle lock) die with it."""
    import shiboken6
    from PySide6.QtCore import QEvent

    from ui import ops
    ops.wait_all(60_000)
    app.processEvents()                       # their results, delivered to a living window
    for screen in getattr(window, "screens", []):
        uploader = getattr(screen, "uploader", None)
        if uploader is not None and uploader.worker is not None:
            uploader.stop()
            uploader.worker.join(30)
    for w in app.topLevelWidgets():           # previews and dialogs the shot opened
        if w is not window and w.isVisible():
            w.close()
    window.close()
    app.sendPostedEvents(None, QEvent.DeferredDelete)
    if shiboken6.isValid(window):
        shiboken6.delete(window)
    app.processEvents()


def main() -> int:
    from outlet_desk.db import close_database
    from outlet_desk.demo import build_demo
    from outlet_desk.storage import open_database
    from ui.app import build_context, create_main_window, ensure_app

    OUT.mkdir(parents=True, exist_ok=True)
    app = ensure_app()
    watchdog = Watchdog(SHOT_TIMEOUT_S)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "outlet"
        build_demo(home, now=NOW)
        close_database()
        only = set(sys.argv[1:])
        for name, who, secret, fkey, action in SHOTS:
            if only and name not in only:
                continue
            watchdog.start(name)
            open_database(home / "outlet.db")
            prefs = QSettings(str(Path(tmp) / "prefs.ini"), QSettings.IniFormat)
            ctx = build_context(home, prefs, clock=lambda: NOW)
            window = create_main_window(ctx)
            window.resize(*WINDOW)
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
            print("wrote", OUT / name, flush=True)
            tear_down(window, app)
            close_database()
            watchdog.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
