"""Pickup-code labels (取件码标签) for thermal label printers (203 dpi).

One page per label, the page IS the label (default 60×40 mm).  The code is printed very large, the
waybill as a Code128 barcode whose modules come from python-barcode and are drawn as vector bars,
each module a whole number of printer dots (chosen per label size so the barcode and its quiet zones
fit), then the masked phone and the date.
"""
from __future__ import annotations

# zh-data: printed documents stay in the outlet's language
import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from ..i18n import in_outlet_language
from . import FONT, PRINTER_DPI, dots, register_fonts
from .barcode import code128_modules, draw_modules  # noqa: F401  (code128_modules re-exported)

QUIET_MODULES = 10           # Code128 quiet zone each side, in modules


@dataclass(frozen=True)
class LabelSize:
    key: str
    width_mm: float
    height_mm: float


SIZES = {s.key: s for s in (LabelSize("60x40", 60, 40), LabelSize("50x30", 50, 30),
                            LabelSize("70x50", 70, 50), LabelSize("100x70", 100, 70))}
DEFAULT_SIZE = "60x40"


@dataclass(frozen=True)
class LabelData:
    code: str
    waybill: str
    carrier: str
    phone_masked: str
    day: dt.date
    name_masked: str = ""


def module_dots(n_modules: int, width_mm: float, margin_mm: float = 2.0,
                dpi: int = PRINTER_DPI) -> int:
    """The widest whole number of printer dots per module that fits the label with quiet zones
    (at least 1; at 1 dot a too-long waybill is still printed as narrow as the printer can)."""
    available_dots = int((width_mm - 2 * margin_mm) / 25.4 * dpi)
    per = available_dots // (n_modules + 2 * QUIET_MODULES)
    return max(1, min(per, 4))


def _draw_barcode(c: canvas.Canvas, modules: str, x: float, y: float, height: float,
                  module_w: float) -> None:
    draw_modules(c, modules, x, y, height, module_w)


def _fit_font(text: str, max_width: float, max_size: float, min_size: float = 6) -> float:
    size = max_size
    while size > min_size and stringWidth(text, FONT, size) > max_width:
        size -= 0.5
    return size


def draw_label(c: canvas.Canvas, label: LabelData, size: LabelSize) -> None:
    register_fonts()
    w, h = size.width_mm * mm, size.height_mm * mm
    margin = 2 * mm
    scale = size.height_mm / 40.0
    # top line: carrier and date
    small = max(6.0, 8 * scale)
    c.setFont(FONT, small)
    c.drawString(margin, h - margin - small, label.carrier)
    c.drawRightString(w - margin, h - margin - small, label.day.strftime("%Y-%m-%d"))
    # the code, very large
    code_top = h - margin - small - 1 * mm
    code_size = _fit_font(label.code, w - 2 * margin, 30 * scale * 1.0 + 4)
    c.setFont(FONT, code_size)
    c.drawCentredString(w / 2, code_top - code_size * 0.85, label.code)
    # barcode
    modules = code128_modules(label.waybill)
    per = module_dots(len(modules), size.width_mm)
    module_w = dots(per)
    bar_w = len(modules) * module_w
    bar_h = 9 * mm * scale
    text_size = max(6.0, 7 * scale)
    bottom_line = margin + small + 0.8 * mm
    bar_y = bottom_line + text_size + 0.6 * mm
    x = (w - bar_w) / 2
    _draw_barcode(c, modules, x, bar_y, bar_h, module_w)
    c.setFont(FONT, text_size)
    c.drawCentredString(w / 2, bottom_line, label.waybill)
    # bottom line: phone (masked) and name (masked)
    c.setFont(FONT, small)
    c.drawString(margin, margin, label.phone_masked or "")
    if label.name_masked:
        c.drawRightString(w - margin, margin, label.name_masked)


@in_outlet_language   # a printed document: in the outlet's language
def labels_pdf(labels: list[LabelData], size: str | LabelSize = DEFAULT_SIZE, *,
               title: str = "取件码标签") -> bytes:
    """One page per label, page size = label size.  An empty list gives an empty-but-valid PDF."""
    register_fonts()
    if isinstance(size, str):
        size = SIZES.get(size, SIZES[DEFAULT_SIZE])
    import io
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(size.width_mm * mm, size.height_mm * mm))
    c.setTitle(title)
    c.setAuthor("Outlet Desk")
    for label in labels:
        draw_label(c, label, size)
        c.showPage()
    if not labels:
        c.showPage()
    c.save()
    return buf.getvalue()
