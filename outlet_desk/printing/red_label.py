"""The red label (红标签) stuck on a returned (退) or forwarded (转) parcel.

The type character is printed very large so the sorting line sees it from afar; then the reason,
the destination outlet (转) or the sender (退), the outlet it came from, the waybill as Code128 and
the date.  Two modes (setting ``returns.print_in_red``): black print for red label stock, or red ink
on white for a colour printer.  Barcode modules are whole 203-dpi printer dots (python-barcode
encodes, reportlab draws vector bars).
"""
from __future__ import annotations

# zh-data: printed documents stay in the outlet's language
import datetime as dt
import io
from dataclasses import dataclass

from reportlab.lib.colors import Color, black, white
from reportlab.pdfgen import canvas

from ..i18n import in_outlet_language
from . import FONT, mm, register_fonts
from .barcode import code128_modules, draw_code128_centered, widest_dots  # noqa: F401

RED = Color(0.80, 0.07, 0.10)


@dataclass(frozen=True)
class RedLabel:
    kind: str                 # "return" | "forward"
    waybill: str
    carrier: str
    reason: str
    note: str
    destination: str          # forward: "805 城东快递网点"; return: sender (masked phone)
    mis_sorted: bool
    should_have_gone: str
    outlet_code: str
    outlet_name: str
    date: dt.date


def parse_size(text: str) -> tuple[float, float]:
    try:
        w, h = (float(x) for x in str(text).lower().replace("×", "x").split("x"))
    except ValueError:
        w, h = 100.0, 75.0
    return w, h


def module_dots(n_modules: int, width_pt: float, max_dots: int = 3) -> int:
    """The widest whole-dot module (≤ ``max_dots``) that fits ``width_pt``."""
    return widest_dots(n_modules, width_pt, max_dots)


def _fit(c, text: str, size: float, max_width: float, minimum: float = 7) -> float:
    while size > minimum and c.stringWidth(text, FONT, size) > max_width:
        size -= 0.5
    return size


def _draw_barcode(c, text: str, x: float, y: float, width: float, height: float, ink) -> float:
    c.setFillColor(ink)
    return draw_code128_centered(c, text, x, y, width, height)


@in_outlet_language   # a printed document: in the outlet's language
def build_red_labels(labels: list[RedLabel], *, size: str = "100x75", in_red: bool = False) -> bytes:
    """One page per label, at the label's size."""
    register_fonts()
    w_mm, h_mm = parse_size(size)
    W, H = w_mm * mm, h_mm * mm
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(W, H))
    c.setTitle("红标签")
    ink = RED if in_red else black
    for label in labels:
        _draw(c, label, W, H, ink)
        c.showPage()
    c.save()
    return buf.getvalue()


def _draw(c, lab: RedLabel, W: float, H: float, ink) -> None:
    m = 3 * mm
    # frame
    c.setStrokeColor(ink)
    c.setLineWidth(1.6)
    c.rect(m / 2, m / 2, W - m, H - m, stroke=1, fill=0)
    char = "退" if lab.kind == "return" else "转"
    # the type: a solid block with the character knocked out (red ink) or black on red stock
    box = min(H * 0.52, W * 0.42)
    bx, by = m, H - m - box
    c.setFillColor(ink)
    c.rect(bx, by, box, box, stroke=0, fill=1)
    c.setFillColor(white)
    size = box * 0.86
    c.setFont(FONT, size)
    c.drawCentredString(bx + box / 2, by + box * 0.17, char)
    # right of the block: kind, reason, destination
    tx = bx + box + 3 * mm
    tw = W - tx - m
    c.setFillColor(ink)
    title = "退回寄件人" if lab.kind == "return" else "转寄"
    if lab.mis_sorted:
        title += "·错分件"
    fs = _fit(c, title, 16, tw)
    y = H - m - fs
    c.setFont(FONT, fs)
    c.drawString(tx, y, title)
    lines = [f"原因：{lab.reason}"]
    if lab.note:
        lines.append(lab.note)
    if lab.kind == "forward":
        lines.append(f"转至：{lab.destination}")
    else:
        lines.append(f"寄件人：{lab.destination}")
    if lab.mis_sorted and lab.should_have_gone:
        lines.append(f"应发往：{lab.should_have_gone}")
    y -= 4
    for text in lines:
        fs = _fit(c, text, 11, tw)
        y -= fs + 3
        if y < by:
            break
        c.setFont(FONT, fs)
        c.drawString(tx, y, text)
    # barcode and waybill
    bar_h = max(10 * mm, min(14 * mm, by - m - 16 * mm))
    bar_y = by - 2.5 * mm - bar_h
    _draw_barcode(c, lab.waybill, m, bar_y, W - 2 * m, bar_h, ink)
    c.setFillColor(ink)
    c.setFont(FONT, 11)
    c.drawCentredString(W / 2, bar_y - 4.2 * mm, f"{lab.carrier}  {lab.waybill}")
    # footer: origin outlet and date
    c.setFont(FONT, 9)
    foot = f"发自 {lab.outlet_code} {lab.outlet_name}"
    c.drawString(m + 1, m + 1.5, foot[:40])
    c.drawRightString(W - m - 1, m + 1.5, lab.date.strftime("%Y-%m-%d"))


@in_outlet_language   # a printed document: in the outlet's language
def label_for(info, *, outlet_code: str, outlet_name: str, date: dt.date) -> RedLabel:
    """From a :class:`outlet_desk.inbound.returns.ReturnInfo`."""
    return RedLabel(info.kind, info.waybill, info.carrier, info.reason, info.note, info.destination,
                    info.mis_sorted, info.should_have_gone, outlet_code, outlet_name, date)
