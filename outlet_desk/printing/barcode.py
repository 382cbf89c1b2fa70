"""Code 128 for every printed document: python-barcode encodes the modules, reportlab draws them
as vector bars, each module a whole number of printer dots (crisp on a 203-dpi thermal printer)."""
from __future__ import annotations

from barcode import get as get_barcode

from . import dots


def code128_modules(text: str) -> str:
    """The barcode as a string of '1' (bar) and '0' (space) modules, without quiet zones."""
    return get_barcode("code128", text).build()[0]


def widest_dots(n_modules: int, width_pt: float, max_dots: int = 3) -> int:
    """The widest whole number of dots per module (≤ ``max_dots``) that fits ``width_pt``; 1 at least."""
    for d in range(max_dots, 0, -1):
        if n_modules * dots(d) <= width_pt:
            return d
    return 1


def draw_modules(c, modules: str, x: float, y: float, height: float, module_w: float) -> float:
    """Draw the bars (runs of '1') from ``x``; returns the barcode's width."""
    run_start = None
    for i, bit in enumerate(modules + "0"):
        if bit == "1" and run_start is None:
            run_start = i
        elif bit != "1" and run_start is not None:
            c.rect(x + run_start * module_w, y, (i - run_start) * module_w, height, stroke=0, fill=1)
            run_start = None
    return len(modules) * module_w


def draw_code128_centered(c, text: str, x: float, y: float, width: float, height: float,
                          max_dots: int = 3) -> float:
    """The waybill's barcode centred in ``width``, modules as wide as fit; returns its width."""
    modules = code128_modules(text)
    unit = dots(widest_dots(len(modules), width, max_dots))
    total = unit * len(modules)
    return draw_modules(c, modules, x + (width - total) / 2, y, height, unit)
