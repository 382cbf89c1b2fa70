import io

from reportlab.pdfgen import canvas

from outlet_desk.printing import FONT, dots, mm, register_fonts


def test_chinese_text_in_pdf_uses_the_bundled_embedded_font():
    register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(60 * mm, 40 * mm))
    c.setFont(FONT, 12)
    c.drawString(5 * mm, 20 * mm, "取件码 3-2-0366")
    c.save()
    pdf = buf.getvalue()
    assert b"/FontFile2" in pdf            # TrueType outlines embedded
    assert b"WQY" in pdf or b"WenQuanYi" in pdf


def test_dots_are_whole_printer_dots():
    assert abs(dots(8) - 72.0 * 8 / 203) < 1e-9
