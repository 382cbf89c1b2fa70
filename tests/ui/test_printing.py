import io

from reportlab.pdfgen import canvas

from outlet_desk.printing import FONT, mm, register_fonts
from ui.printing import PdfDocument, PrintPreviewDialog, print_pdf


def _label_pdf() -> bytes:
    register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(60 * mm, 40 * mm))
    c.setFont(FONT, 20)
    c.drawString(5 * mm, 20 * mm, "取件码 3-2-0366")
    c.showPage()
    c.drawString(5 * mm, 20 * mm, "第二页")
    c.save()
    return buf.getvalue()


def test_print_keeps_the_label_page_size_without_scaling(qtbot, tmp_path):
    out = tmp_path / "printed.pdf"
    assert print_pdf(_label_pdf(), "", output_file=str(out)) == 2
    printed = PdfDocument(out.read_bytes())
    size = printed.page_size_points(0)
    assert printed.page_count() == 2
    assert abs(size.width() - 60 * mm) < 1.5 and abs(size.height() - 40 * mm) < 1.5


def test_preview_saves_the_same_pdf(qtbot, tmp_path, prefs):
    pdf = _label_pdf()
    dialog = PrintPreviewDialog(pdf, "labels", prefs, title="标签", suggested_name="label.pdf")
    qtbot.addWidget(dialog)
    path = dialog.save(str(tmp_path / "saved.pdf"))
    assert (tmp_path / "saved.pdf").read_bytes() == pdf and path
