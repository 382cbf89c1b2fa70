"""The month roster for the wall: A4 landscape, Chinese, one row per clerk, one column per day."""
from __future__ import annotations

# zh-data: printed documents stay in the outlet's language
import datetime as dt
import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..i18n import in_outlet_language
from . import FONT, register_fonts

WEEKDAYS = "一二三四五六日"
LEAVE_SHORT = {"休息": "休", "事假": "事", "病假": "病", "年假": "年"}
FILL = {"A": colors.HexColor("#e3f2fd"), "B": colors.HexColor("#fff3e0"),
        "全天": colors.HexColor("#fce4ec"), "off": colors.HexColor("#eeeeee")}


def cell_text(cell) -> str:
    if cell.leave:
        return LEAVE_SHORT.get(cell.leave, cell.leave[:1])
    if cell.effective == "全天":
        return "全"
    return cell.effective


@in_outlet_language   # a printed document: in the outlet's language
def build(grid, *, outlet: str, posts, printed_at: dt.datetime) -> bytes:
    """``grid`` is a :class:`outlet_desk.shifts.roster.MonthGrid`; ``posts`` the post list."""
    register_fonts()
    buf = io.BytesIO()
    page = landscape(A4)
    doc = SimpleDocTemplate(buf, pagesize=page, leftMargin=10 * mm, rightMargin=10 * mm,
                            topMargin=10 * mm, bottomMargin=10 * mm,
                            title=f"{outlet} {grid.month} 排班表", author="Outlet Desk")
    title = ParagraphStyle("t", fontName=FONT, fontSize=16, leading=20)
    small = ParagraphStyle("s", fontName=FONT, fontSize=9, leading=12)
    y, m = grid.month.split("-")
    state = "已发布" if grid.layer == "published" else ("草稿（未发布）" if grid.dirty or not grid.published else "已发布")
    story = [Paragraph(f"{outlet}　{int(y)}年{int(m)}月排班表　<font size=10>{state}</font>", title),
             Spacer(1, 3 * mm)]
    days = list(grid.days)
    head1 = ["姓名"] + [str(d.day) for d in days] + ["休假"]
    head2 = [""] + [WEEKDAYS[d.weekday()] for d in days] + ["天数"]
    rows = [head1, head2]
    for sid, name in grid.people:
        cells = [grid.cells[(sid, d)] for d in days]
        off = sum(1 for c in cells if c.leave or c.effective == "休")
        rows.append([name] + [cell_text(c) for c in cells] + [str(off)])
    name_w = 22 * mm
    total_w = 12 * mm
    day_w = (page[0] - 20 * mm - name_w - total_w) / len(days)
    table = Table(rows, colWidths=[name_w] + [day_w] * len(days) + [total_w],
                  rowHeights=[7 * mm, 6 * mm]
                  + [13 * mm] * len(grid.people))
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 10),
        ("FONTSIZE", (1, 2), (-1, -1), 13),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#f5f5f5")),
    ]
    for i, d in enumerate(days, start=1):
        if d.isoweekday() >= 6:
            style.append(("TEXTCOLOR", (i, 0), (i, 1), colors.HexColor("#c62828")))
    for r, (sid, _name) in enumerate(grid.people, start=2):
        for c, d in enumerate(days, start=1):
            cell = grid.cells[(sid, d)]
            key = "off" if (cell.leave or cell.effective in ("休", "")) else cell.effective
            if key in FILL:
                style.append(("BACKGROUND", (c, r), (c, r), FILL[key]))
    table.setStyle(TableStyle(style))
    story += [table, Spacer(1, 4 * mm)]
    legend = "　".join(f"{p.code}＝{p.name} {p.hours_text()}" for p in posts)
    legend += "　全＝全天（一人当班，合并岗位）　休＝休息　事＝事假　病＝病假　年＝年假"
    story.append(Paragraph(legend, small))
    problems = [p for p in grid.problems if p.kind in ("nobody", "gap")]
    if problems:
        story.append(Spacer(1, 2 * mm))
        story.append(Paragraph("排班问题：" + "；".join(p.message for p in problems[:12]), small))
    story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(f"打印时间 {printed_at:%Y-%m-%d %H:%M}　店长签字：＿＿＿＿＿＿", small))
    doc.build(story)
    return buf.getvalue()
