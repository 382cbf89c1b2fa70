"""Printing the core's PDFs: preview, print to the chosen printer at the document's own page size
with no scaling, or save as PDF.

Two ways to the printer, chosen by :func:`print_pdf`:

* **CUPS** (Linux, ``lp`` present): the PDF itself goes to the queue with the page size as
  ``media=Custom.WxHmm`` and ``print-scaling=none``.  CUPS takes PDF natively, so text stays text
  and barcode bars stay vector — crisp on a 203-dpi label printer.
* **QPrinter** (Windows, or no ``lp``): each page is rendered by QtPdf at the printer's resolution
  and drawn 1:1 on a page of the document's exact size, margins 0.

The printers are listed with ``QPrinterInfo`` either way.

Every document kind remembers its printer in QSettings (``printers/<kind>``):
``labels`` (pickup codes, red labels), ``receipts`` (80 mm), ``reports`` (A4).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections import deque
from pathlib import Path

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

KINDS = ("labels", "receipts", "reports")


def available_printers() -> list[str]:
    return [p.printerName() for p in QPrinterInfo.availablePrinters()]


def chosen_printer(prefs, kind: str) -> str:
    name = prefs.value(f"printers/{kind}", "") or ""
    return name or QPrinterInfo.defaultPrinterName()


def remember_printer(prefs, kind: str, name: str) -> None:
    prefs.setValue(f"printers/{kind}", name)


class PdfDocument:
    """A PDF held in memory for QtPdf (keeps its buffer alive)."""

    def __init__(self, pdf: bytes):
        self._data = QByteArray(pdf)
        self._buffer = QBuffer()
        self._buffer.setData(self._data)
        self._buffer.open(QIODevice.ReadOnly)
        self.doc = QPdfDocument()
        self.doc.load(self._buffer)
        if self.doc.status() != QPdfDocument.Status.Ready:
            raise ValueError("PDF could not be read")

    def page_count(self) -> int:
        return self.doc.pageCount()

    def page_size_points(self, page: int = 0) -> QSizeF:
        return self.doc.pagePointSize(page)


LP_TIMEOUT_S = 30       # a CUPS queue that does not take the job by then is reported


def print_pdf(pdf: bytes, printer_name: str, *, title: str = "Outlet Desk",
              output_file: str | None = None, method: str | None = None,
              timeout_s: float | None = None) -> int:
    """Print every page at its own size, 1:1.  Returns the number of pages sent.  Blocks until
    the printer took the job: call it through :class:`PrintQueue`, never on the GUI thread.

    ``output_file`` writes through QPrinter's PDF engine instead of a printer (tests, "save").
    A printer that does not answer within ``timeout_s`` raises OSError with a one-line reason.
    """
    method = method or ("qprinter" if output_file or sys.platform.startswith("win")
                        or not shutil.which("lp") else "cups")
    if method == "cups":
        return _print_cups(pdf, printer_name, title=title, timeout_s=timeout_s or LP_TIMEOUT_S)
    return _print_qprinter(pdf, printer_name, title=title, output_file=output_file)


def _print_cups(pdf: bytes, printer_name: str, *, title: str, timeout_s: float = LP_TIMEOUT_S) -> int:
    document = PdfDocument(pdf)
    size = document.page_size_points(0)
    width_mm = round(size.width() * 25.4 / 72)
    height_mm = round(size.height() * 25.4 / 72)
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as fh:
        fh.write(pdf)
        path = fh.name
    try:
        args = ["lp", "-t", title, "-o", f"media=Custom.{width_mm}x{height_mm}mm",
                "-o", "print-scaling=none", "-o", "fit-to-page=false", path]
        if printer_name:
            args[1:1] = ["-d", printer_name]
        try:
            result = subprocess.run(args, capture_output=True, text=True, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            raise OSError(QCoreApplication.translate(
                "Printing", "Print timed out: printer %1 took nothing in %2 s, so nothing was printed. "
                "Check the printer and print again.")
                .replace("%1", printer_name or QCoreApplication.translate("Printing", "(default)"))
                .replace("%2", f"{timeout_s:g}")) from None
    finally:
        Path(path).unlink(missing_ok=True)
    if result.returncode != 0:
        raise OSError(QCoreApplication.translate("Printing", "Printing failed (%1): %2")
                      .replace("%1", printer_name).replace("%2", result.stderr.strip() or result.stdout.strip()))
    return document.page_count()


def _print_qprinter(pdf: bytes, printer_name: str, *, title: str, output_file: str | None) -> int:
    document = PdfDocument(pdf)
    printer = QPrinter(QPrinter.HighResolution)
    if output_file:
        printer.setOutputFormat(QPrinter.PdfFormat)
        printer.setOutputFileName(output_file)
    else:
        printer.setPrinterName(printer_name)
    printer.setDocName(title)
    printer.setFullPage(True)
    size = document.page_size_points(0)
    page_size = QPageSize(size, QPageSize.Point, "", QPageSize.ExactMatch)
    # The size is given as it is (a 60×40 label is wider than tall); Portrait keeps it unrotated.
    printer.setPageLayout(QPageLayout(page_size, QPageLayout.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"printer {printer_name or output_file!r} could not be opened")
    try:
        for page in range(document.page_count()):
            if page:
                printer.newPage()
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            image = document.doc.render(page, target.size())
            painter.drawImage(target.topLeft(), image)
    finally:
        painter.end()
    return document.page_count()


class PrintPreviewDialog(QDialog):
    """Shows the PDF; the clerk prints it to the remembered printer or saves it."""

    def __init__(self, pdf: bytes, kind: str, prefs, *, title: str, suggested_name: str,
                 parent=None):
        super().__init__(parent)
        self.pdf, self.kind, self.prefs, self.suggested_name = pdf, kind, prefs, suggested_name
        self.setWindowTitle(title)
        self.resize(720, 820)
        layout = QVBoxLayout(self)
        self.document = PdfDocument(pdf)
        self.view = QPdfView()
        self.view.setDocument(self.document.doc)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.printers = QComboBox()
        self.printers.addItems(available_printers())
        current = chosen_printer(prefs, kind)
        if current:
            self.printers.setCurrentText(current)
        self.printer_label = QLabel(self.tr("Printer"))
        self.print_button = QPushButton(self.tr("Print"))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.close_button = QPushButton(self.tr("Close"))
        self.status = QLabel()
        row.addWidget(self.printer_label)
        row.addWidget(self.printers, 1)
        for b in (self.print_button, self.save_button, self.close_button):
            row.addWidget(b)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.print_button.setEnabled(self.printers.count() > 0)
        if not self.printers.count():
            self.status.setText(self.tr("No printer on this PC: set one up (CUPS, or Windows' "
                                        "printers), or save as PDF."))
        self.print_button.clicked.connect(self.print_now)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)

    def print_now(self) -> None:
        """Send to the printer in the background (the preview stays usable meanwhile); closes
        when the printer took it, or says why not."""
        name = self.printers.currentText()
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("Printing…"))

        def done(_pages):
            if not shiboken6.isValid(self):
                return
            remember_printer(self.prefs, self.kind, name)
            self.accept()

        def failed(exc):
            if not shiboken6.isValid(self):
                return
            self.print_button.setEnabled(True)
            self.status.setText(str(exc))

        return print_queue().submit(self.pdf, name, title=self.windowTitle(), on_done=done,
                                    on_error=failed)

    def save(self, path: str | None = None) -> str | None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"),
                                                  str(Path.home() / self.suggested_name), "PDF (*.pdf)")
        if not path:
            return None
        Path(path).write_bytes(self.pdf)
        self.status.setText(self.tr("Saved: %1").replace("%1", path))
        return path


class PrintQueue:
    """Print jobs, one after another in the order given (labels come out in scan order), on the
    background I/O executor: the scan path only queues.  ``pdf`` may be bytes or a function that
    builds them (the PDF is then built off the GUI thread too)."""

    def __init__(self):
        self.pending: deque = deque()
        self.current = None

    def submit(self, pdf, printer_name: str, *, title: str, on_done=None, on_error=None):
        self.pending.append((pdf, printer_name, title, on_done, on_error))
        if self.current is None:
            self._next()
        return self

    def busy(self) -> bool:
        return self.current is not None or bool(self.pending)

    def _next(self) -> None:
        from .ops import IO, run_in_background
        if not self.pending:
            self.current = None
            return
        pdf, name, title, on_done, on_error = self.pending.popleft()

        def job():
            data = pdf() if callable(pdf) else pdf
            return print_pdf(data, name, title=title)

        def finished(handler, value):
            try:
                if handler is not None:
                    handler(value)
            finally:
                self._next()

        label = QCoreApplication.translate("PrintQueue", "Printing %1 …").replace("%1", title)
        self.current = run_in_background(job, lambda v: finished(on_done, v),
                                         lambda e: finished(on_error, e), kind=IO, label=label)


_queue: PrintQueue | None = None


def print_queue() -> PrintQueue:
    global _queue
    if _queue is None:
        _queue = PrintQueue()
    return _queue


def preview(parent, ctx, pdf: bytes, *, kind: str, title: str, suggested_name: str) -> PrintPreviewDialog:
    """Open the preview (non-modal: the scan field keeps working behind it)."""
    dialog = PrintPreviewDialog(pdf, kind, ctx.prefs, title=title, suggested_name=suggested_name,
                                parent=parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.show()
    return dialog


def building(title: str) -> str:
    """The status bar's words while ``title`` is built in the background."""
    return QCoreApplication.translate("PrintQueue", "Building %1 …").replace("%1", title)


def preview_in_background(parent, ctx, build, *, kind: str, title: str, suggested_name: str,
                          on_preview=None, executor: str | None = None):
    """Build a document (``build()`` → PDF bytes) on the IO executor (PDF builds are the "rest"
    of ui/ops.py; their reads use that thread's own connection) and open its preview when it is
    ready; the job's ``preview`` is the dialog, also given to ``on_preview(dialog)``.  A failed
    build is a red banner (ops.perform)."""
    from . import ops

    def done(pdf):
        if pdf and shiboken6.isValid(parent):
            job.preview = preview(parent, ctx, pdf, kind=kind, title=title,
                                  suggested_name=suggested_name)
            if on_preview is not None:
                on_preview(job.preview)

    job = ops.perform(ctx, build, kind=executor or ops.IO, label=building(title), on_done=done)
    job.preview = None
    return job
