"""The counter sending receipt (寄件收据) on 80 mm thermal paper.

The page is 80 mm wide and as long as its content; phones are masked; the waybill is printed as a
Code 128 barcode with bars a whole number of printer dots wide.
"""
from __future__ import annotations

# zh-data: printed documents stay in the outlet's language
import io

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from ..fen import format_yuan
from ..i18n import in_outlet_language
from . import FONT, register_fonts
from .barcode import draw_code128_centered

WIDTH = 80 * mm
MARGIN = 4 * mm


def _fmt_yuan(fen: int) -> str:
    return format_yuan(fen)


def _fmt_kg(grams: int) -> str:
    return f"{grams / 1000:.2f}" if grams % 10 == 0 else f"{grams / 1000:.3f}"


@in_outlet_language   # a printed document: in the outlet's language
def build_receipt(info, *, outlet_name: str, outlet_address: str, outlet_phone: str,
                  clerk: str, quote=None) -> bytes:
    """PDF bytes of the receipt for one counter sending (``info``: outgoing.outgoing.OutgoingInfo)."""
    register_fonts()
    lines: list[tuple[str, object, float]] = []   # (kind, payload, height)

    def text(s, size=9, bold=False, center=False):
        lines.append(("center" if center else "text", (s, size), size * 1.45))

    def pair(label, value, size=9):
        lines.append(("pair", (label, value, size), size * 1.45))

    def rule():
        lines.append(("rule", None, 6))

    text(outlet_name, 12, center=True)
    text("寄件收据", 11, center=True)
    text(f"电话 {outlet_phone}", 8, center=True)
    rule()
    lines.append(("barcode", info.waybill, 16 * mm))
    text(f"运单号  {info.waybill}", 10, center=True)
    rule()
    pair("寄件时间", f"{info.received_at:%Y-%m-%d %H:%M}")
    pair("寄件人", f"{info.sender_name}  {info.sender_phone_masked}")
    pair("收件人", f"{info.recipient_name}  {info.recipient_phone_masked}")
    pair("目的地", f"{info.province} {info.city}")
    pair("物品", info.item_type or "")
    pair("重量", f"{_fmt_kg(info.weight_g or 0)} 公斤")
    if quote is not None:
        pair("计费", f"{quote.zone} 首重 {_fmt_yuan(quote.first_kg_fen)} 元")
        if quote.extra_kg:
            pair("", f"续重 {quote.extra_kg} 公斤 × {_fmt_yuan(quote.extra_kg_fen)} 元")
    rule()
    pair("运费合计", f"¥ {_fmt_yuan(info.fee_fen)}", 12)
    pair("付款方式", info.payment_method or "")
    if info.payment_method == "到付":
        text("本单运费由收件人支付。", 8)
    rule()
    text("寄件人已确认所寄物品不含违禁品。", 8)
    text("续重不足 1 公斤按 1 公斤计。", 8)
    text(f"经办：{clerk}", 8)
    text(outlet_address, 8)
    text("请保留本收据，凭运单号查询物流。谢谢惠顾！", 8)

    height = sum(h for _k, _p, h in lines) + 2 * MARGIN
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(WIDTH, height))
    c.setTitle(f"寄件收据 {info.waybill}")
    c.setAuthor("Outlet Desk")
    y = height - MARGIN
    for kind, payload, h in lines:
        y -= h
        if kind == "rule":
            c.setDash(2, 2)
            c.line(MARGIN, y + 3, WIDTH - MARGIN, y + 3)
            c.setDash()
        elif kind == "barcode":
            draw_code128_centered(c, payload, MARGIN, y + 2 * mm, WIDTH - 2 * MARGIN, 12 * mm,
                                  max_dots=2)
        elif kind == "center":
            s, size = payload
            c.setFont(FONT, size)
            c.drawCentredString(WIDTH / 2, y + size * 0.3, s)
        elif kind == "text":
            s, size = payload
            c.setFont(FONT, size)
            c.drawString(MARGIN, y + size * 0.3, s)
        else:
            label, value, size = payload
            c.setFont(FONT, size)
            c.drawString(MARGIN, y + size * 0.3, label)
            c.drawRightString(WIDTH - MARGIN, y + size * 0.3, value)
    c.showPage()
    c.save()
    return buf.getvalue()
