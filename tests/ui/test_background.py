"""The counter never freezes: a printer or an SMS gateway that hangs runs behind the counter
(ui/ops.py, ui/printing.py's PrintQueue) and says why when its timeout ends.

Timings are the benchmark's ("longest stall" rows); here: the scan is stored and shown before the
hanging job ends, and the one-line reason comes afterwards.
"""
import os
import re
import socket
import sys
import threading

import pytest

from outlet_desk import settings
from outlet_desk.models import Parcel
from outlet_desk.models.intake import LabelPrint
from outlet_desk.permissions import SYSTEM
from tests.ui.test_intake_screen import NOW, open_intake, scan
from ui import ops, printing


@pytest.fixture
def hanging_lp(tmp_path, monkeypatch):
    """A print queue that never takes the job: ``lp`` sleeps; the timeout is cut to 1 s."""
    if sys.platform.startswith("win"):
        pytest.skip("the CUPS path (lp) is the Linux one")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "lp").write_text("#!/bin/sh\nexec sleep 60\n")
    (fake / "lp").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(printing, "LP_TIMEOUT_S", 1.0)


@pytest.fixture
def hanging_gateway():
    """An SMS gateway that accepts the connection and never answers."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    held = []
    stop = threading.Event()

    def serve():
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(srv.accept()[0])
            except OSError:
                pass

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.getsockname()[1]}/send"
    stop.set()
    t.join(2)
    for c in held:
        c.close()
    srv.close()


def test_a_hanging_printer_never_holds_up_the_scan(qtbot, make_window, hanging_lp):
    window, screen = open_intake(qtbot, make_window)
    window.ctx.prefs.setValue("printers/labels", "HangingQueue")
    window.ctx.bus.emit_changes(settings.update({"labels.print_mode": "auto"}, actor=SYSTEM, now=NOW))
    codes = ["SF1428397650166", "YT7512345678901"]
    for code in codes:
        scan(qtbot, screen.scan, code, delay=-1)
    # both stored and shown while the printer is still not answering
    assert Parcel.select().where(Parcel.waybill.in_(codes)).count() == 2
    assert screen.model.row_at(0).waybill == codes[-1]
    assert printing.print_queue().busy()
    assert "Printing" in window.status_busy.text() or "打印" in window.status_busy.text()
    # the timeout ends with a one-line reason; the labels stay unprinted (batch printing finds them)
    qtbot.waitUntil(lambda: not printing.print_queue().busy(), timeout=15000)
    assert window.banner.level == "warning" and "打印超时" in window.banner.text()
    assert "\n" not in window.banner.text()
    ids = [p.id for p in Parcel.select().where(Parcel.waybill.in_(codes))]
    assert not LabelPrint.select().where(LabelPrint.parcel.in_(ids)).exists()
    assert window.status_busy.text() == ""
    assert screen.scan.hasFocus()


def test_the_preview_prints_in_the_background_and_says_why_it_failed(qtbot, make_window, hanging_lp):
    window, screen = open_intake(qtbot, make_window)
    scan(qtbot, screen.scan, "SF1428397650166", delay=-1)
    job = screen.reprint_label()
    qtbot.waitUntil(lambda: job.preview is not None, timeout=15000)
    preview = screen.last_preview
    preview.printers.addItem("HangingQueue")
    preview.printers.setCurrentText("HangingQueue")
    preview.print_button.setEnabled(True)
    preview.print_now()
    assert preview.isVisible() and not preview.print_button.isEnabled()
    qtbot.waitUntil(lambda: "打印超时" in preview.status.text(), timeout=15000)
    assert preview.isVisible() and preview.print_button.isEnabled()


def _call_list(qtbot, make_window, url):
    from tests.ui.conftest import DEMO_NOW, login
    window = make_window()
    settings.update({"sms.enabled": True, "sms.url": url, "sms.timeout_seconds": 1},
                    actor=SYSTEM, now=DEMO_NOW)
    login(qtbot, window, "张丽", "1111")
    screen = window.screen_by_key(3)
    window.show_screen(screen)
    screen.tabs.setCurrentWidget(screen.notify_tab)
    tab = screen.notify_tab
    tab.refresh()
    assert len(tab.groups) >= 2, "the demo outlet has customers to notify"
    return window, tab


def test_call_list_sms_to_a_gateway_that_never_answers(qtbot, make_window, hanging_gateway):
    window, tab = _call_list(qtbot, make_window, hanging_gateway)
    tab.groups = list(tab.groups)[:2]
    tab.send_sms_all()
    assert not tab.sms_all_job.finished                # the counter is back at once
    assert window.status_busy.text()
    qtbot.waitUntil(lambda: tab.sms_all_job.finished, timeout=20000)
    assert window.banner.level == "warning" and "失败 2 条" in window.banner.text()
    assert window.status_busy.text() == ""


def test_the_call_list_sms_can_be_stopped(qtbot, make_window, hanging_gateway):
    window, tab = _call_list(qtbot, make_window, hanging_gateway)
    groups = len(tab.groups)
    tab.send_sms_all()
    tab.send_sms_all()                                 # the same button now stops the batch
    qtbot.waitUntil(lambda: tab.sms_all_job.finished, timeout=20000)
    text = window.banner.text()
    failed = int(re.search(r"失败 (\d+) 条", text).group(1))
    assert groups > 1 and failed <= 1, text          # at most the one already at the gateway


def test_background_jobs_report_domain_errors_as_a_banner(qtbot, make_window):
    from outlet_desk.errors import DomainError
    window = make_window()

    def boom():
        raise DomainError("清单里没有可导入的行。")

    job = ops.perform(window.ctx, boom, label="导入")
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    assert window.banner.level == "error" and window.banner.text() == "清单里没有可导入的行。"


def test_the_roster_pdf_is_built_in_the_background_then_previewed(qtbot, make_window):
    from tests.ui.conftest import login
    from ui.screens.shifts import AttendanceTab, RosterTab
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    screen = window.screen_by_key(9)
    window.show_screen(screen)
    for cls in (RosterTab, AttendanceTab):
        tab = screen.findChild(cls)
        job = tab.print_pdf()
        qtbot.waitUntil(lambda: job.preview is not None, timeout=20000)
        assert job.preview.document.page_count() >= 1
        assert window.status_busy.text() == ""
        job.preview.close()


# -- PDF builds: off the GUI thread, then the preview at the document's own page size -----------
MM = 72 / 25.4


def record_threads(monkeypatch, module, name):
    """Wrap ``module.name`` so each call notes whether it ran on the GUI thread."""
    real = getattr(module, name)
    on_main: list[bool] = []

    def wrapped(*a, **kw):
        on_main.append(threading.current_thread() is threading.main_thread())
        return real(*a, **kw)

    monkeypatch.setattr(module, name, wrapped)
    return on_main


def page_mm(dialog, page=0):
    size = dialog.document.page_size_points(page)
    return round(size.width() / MM), round(size.height() / MM)


def test_the_tickets_monthly_report_is_built_off_the_gui_thread(qtbot, make_window, monkeypatch):
    from outlet_desk.printing import tickets_report
    from tests.ui.conftest import DEMO_NOW, login
    on_main = record_threads(monkeypatch, tickets_report, "build_tickets_report")
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    screen = window.screen_by_key(8)
    window.show_screen(screen)
    tab = screen.analysis_tab
    tab.month.setText(f"{DEMO_NOW:%Y-%m}")
    job = tab.monthly_pdf()
    assert job.preview is None                       # the counter is back before the PDF exists
    qtbot.waitUntil(lambda: job.preview is not None, timeout=20000)
    assert on_main == [False]
    assert page_mm(job.preview) == (210, 297)         # A4
    assert window.status_busy.text() == ""
    job.preview.close()


def test_a_failed_pdf_build_is_a_red_banner_and_no_preview(qtbot, make_window, monkeypatch):
    from outlet_desk.errors import DomainError
    from outlet_desk.printing import tickets_report
    from tests.ui.conftest import login

    def broken(*a, **kw):
        raise DomainError("这个月没有工单。")

    monkeypatch.setattr(tickets_report, "build_tickets_report", broken)
    window = make_window()
    login(qtbot, window, "李店长", "manager803")
    screen = window.screen_by_key(8)
    window.show_screen(screen)
    job = screen.analysis_tab.monthly_pdf()
    qtbot.waitUntil(lambda: job.finished, timeout=20000)
    assert job.preview is None
    assert window.banner.level == "error" and window.banner.text() == "这个月没有工单。"
