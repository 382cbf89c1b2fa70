"""Printing through a real CUPS queue (cups-pdf writes each job as a PDF we can inspect).

CI starts CUPS with a cups-pdf queue named OutletPDF (.ci/start-cups.sh).  Elsewhere, without that
queue, these tests are skipped — but never on CI, where a missing queue is a failure.
"""
import io
import os
import time
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from outlet_desk.printing import FONT, mm, register_fonts
from ui.printing import PdfDocument, available_printers, print_pdf

from ..pdfcheck import pdf_text

QUEUE = "OutletPDF"


@pytest.fixture
def queue(qtbot):
    if QUEUE not in available_printers():
        if os.environ.get("CI"):
            pytest.fail("CI must provide the cups-pdf queue OutletPDF (.ci/start-cups.sh)")
        pytest.skip("no cups-pdf queue OutletPDF: apt-get install cups printer-driver-cups-pdf, then .ci/start-cups.sh")
    return QUEUE


def _output_dirs():
    return [Path.home() / "PDF", Path("/var/spool/cups-pdf/ANONYMOUS"), Path("/root/PDF")]


def _wait_for_job_pdf(title: str, qtbot) -> Path:
    found = []

    def appeared():
        for d in _output_dirs():
            if d.exists():
                found[:] = [p for p in d.glob("*.pdf") if title in p.name]
                # cups-pdf writes the file in steps: done when the PDF trailer is there
                if found and found[0].read_bytes().rstrip().endswith(b"%%EOF"):
                    return True
        return False

    qtbot.waitUntil(appeared, timeout=60000)
    return found[0]


def _pdf(width_mm, height_mm, text) -> bytes:
    register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width_mm * mm, height_mm * mm))
    c.setFont(FONT, 14)
    c.drawString(4 * mm, height_mm * mm / 2, text)
    c.save()
    return buf.getvalue()


def _page_size_mm(path: Path):
    size = PdfDocument(path.read_bytes()).page_size_points(0)
    return round(size.width() * 25.4 / 72), round(size.height() * 25.4 / 72)


@pytest.mark.parametrize("name,size", [("label", (60, 40)), ("receipt", (80, 120)), ("report", (210, 297))])
def test_cups_path_keeps_page_size_and_text(queue, qtbot, name, size):
    title = f"od-{name}-{time.time_ns()}"
    text = f"OUTLET {name.upper()} 3-2-0366"
    assert print_pdf(_pdf(*size, text), queue, title=title, method="cups") == 1
    out = _wait_for_job_pdf(title, qtbot)
    assert _page_size_mm(out) == size
    assert text in pdf_text(out)


def test_qprinter_path_to_the_queue_keeps_page_size(queue, qtbot):
    title = f"od-qprinter-{time.time_ns()}"
    assert print_pdf(_pdf(60, 40, "QPRINTER"), queue, title=title, method="qprinter") == 1
    out = _wait_for_job_pdf(title, qtbot)
    assert _page_size_mm(out) == (60, 40)


def test_unknown_queue_gives_a_clear_error(queue, qtbot):
    with pytest.raises(OSError, match="打印失败"):
        print_pdf(_pdf(60, 40, "X"), "NoSuchQueue", title="x", method="cups")


def test_settings_remember_one_printer_per_document_kind(queue, qtbot, make_window):
    from PySide6.QtCore import Qt

    from tests.ui.conftest import login
    from ui.printing import chosen_printer
    window = make_window()
    login(qtbot, window, "张丽", "1111")
    qtbot.keyClick(window, Qt.Key_F11)
    screen = window.stack.currentWidget()
    combo = screen.printer_boxes["receipts"]
    assert combo.findText(QUEUE) >= 0            # the system's queues are listed
    combo.setCurrentIndex(-1)
    combo.setCurrentText(QUEUE)
    assert chosen_printer(window.ctx.prefs, "receipts") == QUEUE


def test_the_four_real_documents_print_at_their_own_size(queue, qtbot, make_window):
    """A pickup label, a red return label, a counter receipt and the daily report, made by the
    app from the demo outlet, through the real printing path to the queue."""
    from outlet_desk.dayclose import report_pdf as daily_report
    from outlet_desk.inbound import intake, returns
    from outlet_desk.models import Parcel
    from outlet_desk.models.outgoing import OutgoingParcel
    from outlet_desk.models.returns import ReturnRecord
    from outlet_desk.outgoing import outgoing
    from outlet_desk.printing.labels import labels_pdf
    from tests.ui.conftest import DEMO_NOW
    make_window()
    in_stock = Parcel.select(Parcel.id).where(Parcel.status == Parcel.IN_STOCK,
                                              Parcel.pickup_code.is_null(False)).first()
    counter = OutgoingParcel.select().where(OutgoingParcel.source == OutgoingParcel.COUNTER).first()
    docs = {
        "pickup-label": labels_pdf(intake.label_rows([in_stock.id])),
        "red-label": returns.red_label_pdf([ReturnRecord.select().first().id], now=DEMO_NOW),
        "receipt": outgoing.receipt_pdf(counter.waybill),
        "daily-report": daily_report.build_for_day(DEMO_NOW.date(), now=DEMO_NOW),
    }
    for name, pdf in docs.items():
        title = f"od-{name}-{time.time_ns()}"
        want = PdfDocument(pdf).page_size_points(0)
        print_pdf(pdf, queue, title=title)            # the path the preview's Print button takes
        out = _wait_for_job_pdf(title, qtbot)
        got = PdfDocument(out.read_bytes()).page_size_points(0)
        assert abs(got.width() - want.width()) < 2 and abs(got.height() - want.height()) < 2, name
        assert pdf_text(out).strip(), f"{name}: no text in the printed PDF"
