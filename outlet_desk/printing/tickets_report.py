"""The manager's monthly ticket report (A4, Chinese): totals, overdue rate, time to close,
satisfaction, tickets by category per week (table + bar chart) and repeat customers (masked)."""
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
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..i18n import in_outlet_language
from ..models.tickets import Ticket
from . import FONT, register_fonts

CATEGORY_COLORS = ["#1565c0", "#ef6c00", "#c62828", "#6a1b9a", "#2e7d32", "#00838f", "#8d6e63", "#757575"]


@in_outlet_language   # a printed document: in the outlet's language
def build_tickets_report(analysis, *, outlet_name: str, month: str, generated_at: dt.datetime) -> bytes:
    register_fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=f"工单月报 {month}", author=outlet_name)
    h1 = ParagraphStyle("h1", fontName=FONT, fontSize=17, leading=22, spaceAfter=4)
    h2 = ParagraphStyle("h2", fontName=FONT, fontSize=12.5, leading=17, spaceBefore=8, spaceAfter=4)
    body = ParagraphStyle("b", fontName=FONT, fontSize=10, leading=14)
    small = ParagraphStyle("s", fontName=FONT, fontSize=8.5, leading=11, textColor=colors.grey)
    a = analysis
    story = [Paragraph(f"{outlet_name} · 工单月报 {month}", h1),
             Paragraph(f"统计范围：{a.start:%Y-%m-%d} 至 {(a.end - dt.timedelta(days=1)):%Y-%m-%d} 新建的工单；"
                       f"生成时间 {generated_at:%Y-%m-%d %H:%M}", small), Spacer(1, 6)]
    close_h = f"{a.avg_close_hours:.1f} 小时" if a.avg_close_hours is not None else "—"
    rated = sum(a.ratings.values())
    sat = f"{a.ratings.get('满意', 0) / rated:.0%}" if rated else "—"
    kpi = [["工单总数", "已关闭", "超时", "超时率", "平均关闭用时", "满意率"],
           [str(a.total), str(a.closed), str(a.overdue), f"{a.overdue_rate:.0%}", close_h, sat]]
    t = Table(kpi, colWidths=[29 * mm] * 6)
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 10), ("FONTSIZE", (0, 1), (-1, 1), 15),
                           ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3f2fd")),
                           ("BOX", (0, 0), (-1, -1), 0.6, colors.grey), ("INNERGRID", (0, 0), (-1, -1), 0.3, colors.lightgrey),
                           ("TOPPADDING", (0, 1), (-1, 1), 6), ("BOTTOMPADDING", (0, 1), (-1, 1), 6)]))
    story += [t, Spacer(1, 4),
              Paragraph("超时：关闭晚于处理时限，或至今未关闭且已过时限。满意率：评价为“满意”的占已评价工单的比例。", small)]

    cats = list(Ticket.CATEGORIES)
    story.append(Paragraph("按周、按类别的工单数", h2))
    head = ["周（周一）"] + cats + ["合计"]
    rows = [head]
    for w in a.weeks:
        counts = a.by_week.get(w, {})
        rows.append([f"{w:%m-%d}"] + [str(counts.get(c, 0) or "") for c in cats] + [str(sum(counts.values()))])
    rows.append(["合计"] + [str(a.by_category.get(c, 0)) for c in cats] + [str(a.total)])
    t = Table(rows, colWidths=[22 * mm] + [17 * mm] * len(cats) + [15 * mm])
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 9), ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                           ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f5f5f5")),
                           ("GRID", (0, 0), (-1, -1), 0.3, colors.lightgrey)]))
    story += [t, Spacer(1, 6), _chart(a, cats)]

    story.append(Paragraph("满意度", h2))
    story.append(Paragraph("　".join(f"{r}：{a.ratings.get(r, 0)}" for r in Ticket.RATINGS) or "—", body))
    story.append(Paragraph("重复来电/投诉的客户（同一电话本月两次及以上）", h2))
    if a.repeat_customers:
        t = Table([["客户电话", "工单数"]] + [[p, str(n)] for p, n in a.repeat_customers[:15]],
                  colWidths=[45 * mm, 20 * mm], hAlign="LEFT")
        t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 9.5), ("GRID", (0, 0), (-1, -1), 0.3, colors.lightgrey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]))
        story.append(t)
    else:
        story.append(Paragraph("本月没有重复客户。", body))
    doc.build(story)
    return buf.getvalue()


def _chart(a, cats) -> Drawing:
    width, height = 174 * mm, 62 * mm
    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 10 * mm, 120 * mm, height - 16 * mm
    used = [c for c in cats if a.by_category.get(c)] or cats[:1]
    chart.data = [[a.by_week.get(w, {}).get(c, 0) for w in a.weeks] or [0] for c in used]
    chart.categoryAxis.categoryNames = [f"{w:%m-%d}" for w in a.weeks] or ["—"]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = 1
    chart.categoryAxis.style = "stacked"
    for i, c in enumerate(used):
        chart.bars[i].fillColor = colors.HexColor(CATEGORY_COLORS[cats.index(c) % len(CATEGORY_COLORS)])
        chart.bars[i].strokeColor = None
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = 142 * mm, height - 8 * mm
    legend.fontName, legend.fontSize = FONT, 8
    legend.alignment = "right"
    legend.columnMaximum = 8
    legend.deltay = 9
    legend.colorNamePairs = [(colors.HexColor(CATEGORY_COLORS[cats.index(c) % len(CATEGORY_COLORS)]), c) for c in used]
    d.add(legend)
    d.add(String(0, height - 4 * mm, "每周工单数（按类别堆叠）", fontName=FONT, fontSize=9))
    return d
