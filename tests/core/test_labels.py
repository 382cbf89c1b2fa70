"""Pickup-code labels: page = label size, barcode modules in whole printer dots, fits with quiet zones."""
import datetime as dt
import re

import pytest
from reportlab.lib.units import mm

from outlet_desk.printing import dots, labels
from outlet_desk.printing.labels import SIZES, LabelData, code128_modules, draw_label, labels_pdf

LABEL = LabelData("3-2-0366", "SF1428397650166", "顺丰", "138****1234", dt.date(2026, 6, 8), "张*")


class RecordingCanvas:
    def __init__(self):
        self.rects, self.strings = [], []

    def rect(self, x, y, w, h, stroke=0, fill=1):
        self.rects.append((x, y, w, h))

    def setFont(self, *a):
        pass

    def drawString(self, x, y, text):
        self.strings.append(text)

    drawRightString = drawCentredString = drawString


@pytest.mark.parametrize("key", sorted(SIZES))
def test_bars_are_whole_dots_and_fit_with_quiet_zones(key):
    size = SIZES[key]
    c = RecordingCanvas()
    draw_label(c, LABEL, size)
    modules = code128_modules(LABEL.waybill)
    per = labels.module_dots(len(modules), size.width_mm)
    assert per >= 2 or key == "50x30"
    for x, _y, w, _h in c.rects:
        assert abs(w / dots(1) - round(w / dots(1))) < 1e-6 and round(w / dots(1)) % per == 0
    left = min(r[0] for r in c.rects)
    right = max(r[0] + r[2] for r in c.rects)
    quiet = labels.QUIET_MODULES * per * dots(1)
    assert left - quiet >= 0 and right + quiet <= size.width_mm * mm
    # every dark module is drawn: total bar width = ones × module width
    assert abs(sum(r[2] for r in c.rects) - modules.count("1") * per * dots(1)) < 1e-6
    assert "3-2-0366" in c.strings and "138****1234" in c.strings and "2026-06-08" in c.strings
    assert not any(re.fullmatch(r"1[3-9]\d{9}", s) for s in c.strings)   # no full phone number


def test_module_width_is_chosen_per_label_size():
    n = len(code128_modules("SF1428397650166"))
    assert n == 156
    assert labels.module_dots(n, 60) == 2          # 3 dots would not fit 60 mm with quiet zones
    assert labels.module_dots(n, 100) >= 3


def test_batch_is_one_pdf_one_page_per_label_at_label_size():
    pdf = labels_pdf([LABEL, LABEL, LABEL], "60x40")
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 3
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert abs(float(box.group(1)) - 60 * mm) < 0.01 and abs(float(box.group(2)) - 40 * mm) < 0.01
    assert b"WenQuanYi" in pdf and b"FontFile2" in pdf     # the CJK font is embedded
