"""The daily report (日结报表): Chinese, A4, from the day's ledger.

Holds the parcel ledger, the money table, the cash count, the per-salesman table, the exceptions and
a chart of the last 14 days' volumes.  :func:`build` returns PDF bytes.
"""
from __future__ import annotations

# zh-data: printed documents stay in the outlet's language
import datetime as dt
import io

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .. import settings
from ..i18n import in_outlet_language
from ..printing import FONT, mm, register_fonts
from . import dayclose
from .dayclose import denomination_label, yuan

WEEKDAYS = "一二三四五六日"
STATUS = {"open": "未确认", "confirmed": "店员已确认，待店长关账", "closed": "已关账（锁定）"}
SERIES = (("到件", "#1565c0"), ("取件出库", "#2e7d32"), ("寄件/揽收", "#ef6c00"))


def _y(fen):
    return yuan(fen)


def _kg(g: int) -> str:
    return f"{g / 1000:.2f}"


def _styles():
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=12)
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontSize=16, leading=21),
        "sub": ParagraphStyle("sub", parent=base, fontSize=9.5, leading=13,
                              textColor=colors.HexColor("#444444")),
        "h": ParagraphStyle("h", parent=base, fontSize=11.5, leading=15, spaceBefore=7,
                            spaceAfter=3, textColor=colors.HexColor("#0d47a1")),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "eq": ParagraphStyle("eq", parent=base, fontSize=11, leading=15),
    }


def _table(data, widths, *, header_rows=1, right_from=1, bold_last=False, zebra=True):
    t = Table(data, colWidths=widths, repeatRows=header_rows)
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 8.5),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#e3eaf5")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9e9e9e")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("ALIGN", (right_from, header_rows), (-1, -1), "RIGHT"),
    ]
    if bold_last:
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f5f5f5")))
    if zebra:
        for i in range(header_rows + 1, len(data) - (1 if bold_last else 0), 2):
            style.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#fafafa")))
    t.setStyle(TableStyle(style))
    return t


def volume_chart(volumes, width: float, height: float = 62 * mm) -> Drawing:
    """Vertical bars per day: arrivals, pickups, outgoing (reportlab graphics)."""
    d = Drawing(width, height, initialFontName=FONT, initialFontSize=8)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 28
    chart.width, chart.height = width - 40, height - 58
    chart.data = [[v.arrivals for v in volumes], [v.released for v in volumes],
                  [v.outgoing for v in volumes]] if volumes else [[0]]
    peak = max([max(s) for s in chart.data] + [1])
    chart.valueAxis.valueMin = 0
    step = max(1, round(peak / 5 + 0.49))
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = step * (peak // step + 1)
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e0e0e0")
    chart.valueAxis.visibleGrid = True
    chart.categoryAxis.categoryNames = [f"{v.day.month}/{v.day.day}" for v in volumes] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.barSpacing = 0.5
    chart.groupSpacing = 4
    for i, (_name, colour) in enumerate(SERIES):
        if i < len(chart.data):
            chart.bars[i].fillColor = colors.HexColor(colour)
            chart.bars[i].strokeColor = None
    d.add(chart)
    legend = Legend()
    legend.fontName = FONT
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.x, legend.y = 34, height - 8
    legend.dx = legend.dy = 7
    legend.deltax = 70
    legend.colorNamePairs = [(colors.HexColor(c), n) for n, c in SERIES]
    d.add(legend)
    d.add(String(width - 4, height - 12, "单位：件", fontName=FONT, fontSize=7,
                 textAnchor="end", fillColor=colors.HexColor("#666666")))
    return d


@in_outlet_language   # a printed document: in the outlet's language
def build(led, *, outlet_name: str, volumes, generated_at: dt.datetime) -> bytes:
    """PDF bytes of the daily report of ``led`` (a :class:`~outlet_desk.dayclose.dayclose.Ledger`)."""
    register_fonts()
    s = _styles()
    buf = io.BytesIO()
    day = led.day
    title = f"{outlet_name} 日结报表"
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=14 * mm, bottomMargin=16 * mm, title=title,
                            author="Outlet Desk", subject=f"日结 {day.isoformat()}",
                            initialFontName=FONT, initialFontSize=9)
    width = A4[0] - 30 * mm
    story = []
    story.append(Paragraph(title, s["title"]))
    story.append(Paragraph(
        f"日期：{day.year}年{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）　"
        f"状态：{STATUS.get(led.status, led.status)}", s["sub"]))

    # -- parcels ------------------------------------------------------------------------
    p = led.parcels
    story.append(Paragraph("一、件数", s["h"]))
    head = ["昨日结存", "今日到件", "取件出库", "派送", "退回", "转出", "今日结存"]
    vals = [p.opening, p.arrivals, p.picked_up, p.delivered, p.returned, p.forwarded, p.closing]
    story.append(_table([head, [str(v) for v in vals]], [width / 7] * 7, right_from=0))
    story.append(Spacer(1, 3))
    mark = "平衡" if p.balanced else "不平衡！"
    story.append(Paragraph(
        f"{p.opening} + {p.arrivals} − {p.picked_up} − {p.delivered} − {p.returned} − "
        f"{p.forwarded} = <b>{p.closing}</b>　（{mark}）", s["eq"]))
    shelf = led.shelf.text + (f"；说明：{led.stock_note}" if led.stock_note else "")
    story.append(Paragraph(
        f"货架：{shelf}　｜　签收 {p.signed} 件，已上传 {p.uploaded} 件，派件员报妥投 "
        f"{p.delivered_reported} 件　｜　新增问题件 {p.problems_opened} 件，未解决问题件 "
        f"{p.problems_open} 件", s["base"]))

    # -- money --------------------------------------------------------------------------
    story.append(Paragraph("二、资金（元）", s["h"]))
    head = ["付款方式", "寄件费", "到付", "保管费", "调整", "备用金", "应收", "实收/核对", "差额", "说明"]
    rows = [head]
    for r in led.money:
        counted = _y(r.counted_fen) if r.counted_fen is not None else (
            "不在店内" if not r.counted_here else "未核对")
        rows.append([r.method, _y(r.sending_fee_fen), _y(r.cod_fen), _y(r.holding_fee_fen),
                     _y(r.adjustment_fen), _y(r.float_fen), _y(r.expected_fen), counted,
                     "" if r.difference_fen is None else _y(r.difference_fen),
                     Paragraph(r.note, s["cell"])])
    tot = lambda attr: sum(getattr(r, attr) for r in led.money)  # noqa: E731
    rows.append(["合计", _y(tot("sending_fee_fen")), _y(tot("cod_fen")), _y(tot("holding_fee_fen")),
                 _y(tot("adjustment_fen")), _y(tot("float_fen")), _y(led.expected_total_fen),
                 _y(led.counted_total_fen), _y(led.difference_total_fen), ""])
    w = [16 * mm, 17 * mm, 15 * mm, 14 * mm, 14 * mm, 14 * mm, 18 * mm, 18 * mm, 15 * mm]
    w.append(width - sum(w))
    t = _table(rows, w, bold_last=True)
    diff_rows = [i for i, r in enumerate(led.money, start=1) if r.difference_fen]
    t.setStyle(TableStyle([("TEXTCOLOR", (8, i), (8, i), colors.HexColor("#c62828"))
                           for i in diff_rows] + [("ALIGN", (9, 1), (9, -1), "LEFT")]))
    story.append(t)
    story.append(Spacer(1, 3))
    in_hand = [r for r in led.money if r.counted_here]
    away = sum(r.expected_fen for r in led.money if not r.counted_here)
    story.append(Paragraph(
        f"店内应收（{'、'.join(r.method for r in in_hand)}）{_y(sum(r.expected_fen for r in in_hand))} 元，"
        f"实收/核对 {_y(led.counted_total_fen)} 元，差额 {_y(led.difference_total_fen)} 元；"
        f"月结、到付共 {_y(away)} 元不在店内收取。", s["base"]))
    if led.cash.total_fen is None:
        story.append(Paragraph("现金：尚未点钞。", s["base"]))
    elif led.cash.mode == "denominations":
        cells = [f"{denomination_label(f)} × {n}" for f, n in led.cash.denominations if n]
        story.append(Paragraph(f"现金点钞（按面额）：{'，'.join(cells) or '无'}；合计 "
                               f"{_y(led.cash.total_fen)} 元。", s["base"]))
    else:
        story.append(Paragraph(f"现金点钞（按总额）：{_y(led.cash.total_fen)} 元。", s["base"]))

    # -- outgoing -----------------------------------------------------------------------
    story.append(Paragraph("三、寄件与揽收（按业务员）", s["h"]))
    head = ["业务员", "揽收件数", "已复称", "申报重量 kg", "复称重量 kg", "重量超差件", "运费（元）",
            "已发件"]
    rows = [head]
    for r in led.salesmen:
        rows.append([r.name, r.parcels, r.weighed, _kg(r.declared_g), _kg(r.weight_g),
                     r.over_tolerance, _y(r.fee_fen), r.dispatched])
    rows.append(["合计", sum(r.parcels for r in led.salesmen), sum(r.weighed for r in led.salesmen),
                 _kg(sum(r.declared_g for r in led.salesmen)),
                 _kg(sum(r.weight_g for r in led.salesmen)),
                 sum(r.over_tolerance for r in led.salesmen),
                 _y(sum(r.fee_fen for r in led.salesmen)),
                 sum(r.dispatched for r in led.salesmen)])
    rows = [[str(c) for c in r] for r in rows]
    t = _table(rows, [width / 8] * 8, bold_last=True)
    over = [i for i, r in enumerate(led.salesmen, start=1) if r.over_tolerance]
    t.setStyle(TableStyle([("TEXTCOLOR", (5, i), (5, i), colors.HexColor("#c62828")) for i in over]))
    story.append(t)
    story.append(Spacer(1, 2))
    story.append(Paragraph(f"柜台寄件：{led.counter_outgoing} 件。", s["base"]))

    # -- exceptions ---------------------------------------------------------------------
    story.append(Paragraph("四、异常与调整", s["h"]))
    items = []
    for r in led.money:
        if r.difference_fen:
            items.append(f"{r.method}差额 {_y(r.difference_fen)} 元：{r.note or '（未写原因）'}")
    if led.shelf.agrees is False:
        items.append(f"盘点不符：{led.shelf.text}；{led.stock_note or '（未写原因）'}")
    if p.problems_opened or p.problems_open:
        items.append(f"问题件：当日新增 {p.problems_opened} 件，日终未解决 {p.problems_open} 件。")
    overs = [f"{r.name} {r.over_tolerance} 件" for r in led.salesmen if r.over_tolerance]
    if overs:
        items.append("业务员重量超差：" + "，".join(overs) + "。")
    for a in led.adjustments_shown:
        items.append(f"店长调整（更正 {a.target_day.month}月{a.target_day.day}日）："
                     f"{a.method or ''} {_y(a.amount_fen)} 元，{a.reason}（{a.by}）")
    for a in led.adjustments_made:
        items.append(f"本日关账后的调整（计入 {a.shown_on.month}月{a.shown_on.day}日）："
                     f"{a.method or ''} {_y(a.amount_fen)} 元，{a.reason}（{a.by}）")
    if not items:
        items.append("无。")
    for it in items:
        story.append(Paragraph("• " + it, s["base"]))

    # -- chart --------------------------------------------------------------------------
    if volumes:
        first, last = volumes[0].day, volumes[-1].day
        story.append(KeepTogether([
            Paragraph(f"五、近 14 天件量（{first.month}/{first.day}–{last.month}/{last.day}）", s["h"]),
            volume_chart(volumes, width)]))

    # -- signatures ---------------------------------------------------------------------
    conf = "，".join(f"{c.name}（{c.at:%m-%d %H:%M}）" for c in led.confirmations) or "—"
    closed = f"{led.closed_by}（{led.closed_at:%m-%d %H:%M}）" if led.closed_by else "—"
    story.append(Spacer(1, 6))
    story.append(_table([["店员确认", conf, "店长关账", closed]],
                        [22 * mm, width / 2 - 22 * mm, 22 * mm, width / 2 - 22 * mm],
                        header_rows=0, right_from=99, zebra=False))

    def footer(canvas, _doc):
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(15 * mm, 9 * mm, f"Outlet Desk · 生成于 {generated_at:%Y-%m-%d %H:%M}")
        canvas.drawRightString(A4[0] - 15 * mm, 9 * mm, f"第 {canvas.getPageNumber()} 页")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


@in_outlet_language   # a printed document: in the outlet's language
def build_for_day(day: dt.date, *, now: dt.datetime) -> bytes:
    """Read the ledger and the last 14 days and build the report (used by the CLI and the screen)."""
    led = dayclose.ledger(day, today=now.date())
    volumes = dayclose.daily_volumes(day - dt.timedelta(days=13), day)
    return build(led, outlet_name=settings.get("outlet.name"), volumes=volumes, generated_at=now)
