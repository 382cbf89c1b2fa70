"""PDF documents (reportlab): labels, receipts, reports.  Each builder returns PDF bytes.

All of them use the bundled CJK font (:data:`FONT`), registered once by :func:`register_fonts`, so
Chinese renders and the font is embedded (subset) in every PDF.
"""
from __future__ import annotations

from reportlab.lib.units import mm  # noqa: F401  (re-exported for builders)
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..resources import font_path

FONT = "WQY"
PRINTER_DPI = 203  # thermal label printers: 8 dots per mm


def register_fonts() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(font_path()), subfontIndex=0))
    return FONT


def dots(n: int, dpi: int = PRINTER_DPI) -> float:
    """Width of ``n`` printer dots in PDF points (bars must be whole dots to print crisply)."""
    return n * 72.0 / dpi
