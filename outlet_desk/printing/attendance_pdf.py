"""The monthly attendance report (考勤月报): A4 portrait, Chinese, a summary and each clerk's days."""
from __future__ import annotations

# zh-data: printed documents stay in the outlet's language
import datetime as dt
import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..i18n import in_outlet_language
from . import FONT, register_fonts

KINDS = ("休息", "事假", "病假", "年假")
WEEKDAYS = "一二三四五六日"


def _t(value: dt.datetime | None) -> str:
    return value.strftime("%H:%M") if value else ""


@in_outlet_language   # a printed document: in the outlet's language
def build(month: str, people, *, outlet: str, grace: int, printed_at: dt.datetime) -> bytes:
    """``people`` is :func:`outlet_desk.shifts.attendance.month_report`'s list."""
    register_fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm,
                            title=f"{outlet} {month} 考勤月报", author="Outlet Desk")
    title = ParagraphStyle("t", fontName=FONT, fontSize=16, leading=20)
    h2 = ParagraphStyle("h", fontName=FONT, fontSize=12, leading=16)
    small = ParagraphStyle("s", fontName=FONT, fontSize=9, leading=12)
    y, m = month.split("-")
    story = [Paragraph(f"{outlet}　{int(y)}年{int(m)}月考勤月报", title), Spacer(1, 2 * mm),
             Paragraph(f"迟到、早退按排班时间计算，宽限 {grace} 分钟。打印时间 {printed_at:%Y-%m-%d %H:%M}",
                       small), Spacer(1, 4 * mm)]
    head = ["姓名", "出勤天数", "迟到次数", "迟到分钟", "早退次数", "早退分钟", "漏打卡", "缺勤"] \
        + list(KINDS) + ["破例"]
    rows = [head]
    for p in people:
        rows.append([p.name, p.days_worked, p.late_count, p.late_minutes, p.early_count,
                     p.early_minutes, p.missed_outs, p.absent] + [p.leave.get(k, 0) for k in KINDS]
                    + [p.overrides])
    summary = Table(rows, repeatRows=1)
    summary.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f5f5f5")),
    ]))
    story += [summary]
    for p in people:
        story += [PageBreak(), Paragraph(f"{p.name}　{int(m)}月每日考勤", h2), Spacer(1, 2 * mm)]
        rows = [["日期", "星期", "岗位", "上班", "下班", "迟到(分)", "早退(分)", "备注"]]
        marks = []
        for i, line in enumerate(p.lines, start=1):
            note = line.leave or ("缺勤" if line.absent else "")
            if line.in_at and not line.out_at and line.day < printed_at.date():
                note = "未打下班卡"
            rows.append([f"{line.day.month}-{line.day.day:02d}", WEEKDAYS[line.day.weekday()],
                         line.post or "", _t(line.in_at), _t(line.out_at), line.late or "",
                         line.early or "", note])
            if line.late or line.early or line.absent or note == "未打下班卡":
                marks.append(("TEXTCOLOR", (5, i), (7, i), colors.HexColor("#c62828")))
        t = Table(rows, colWidths=[18 * mm, 12 * mm, 16 * mm, 18 * mm, 18 * mm, 18 * mm, 18 * mm,
                                   40 * mm], repeatRows=1, rowHeights=7 * mm)
        t.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), FONT, 9),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f5f5f5")),
        ] + marks))
        story.append(t)
    doc.build(story)
    return buf.getvalue()
