"""Read what a PDF says and which fonts it embeds, with pypdf (no poppler tools needed)."""
from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader


def _reader(pdf: bytes | str | Path) -> PdfReader:
    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    return PdfReader(io.BytesIO(data))


def pdf_text(pdf: bytes | str | Path, *, layout: bool = False) -> str:
    """The text of every page, pages separated by a form feed (as pdftotext does)."""
    mode = "layout" if layout else "plain"
    return "\f".join(page.extract_text(extraction_mode=mode) for page in _reader(pdf).pages)


def pdf_fonts(pdf: bytes | str | Path) -> dict[str, bool]:
    """Each font's base name (subset prefix removed) → whether its outlines are embedded."""
    fonts: dict[str, bool] = {}
    for page in _reader(pdf).pages:
        for ref in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = ref.get_object()
            described = font
            if "/DescendantFonts" in font:
                described = font["/DescendantFonts"][0].get_object()
            descriptor = described.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            name = str(described.get("/BaseFont", font.get("/BaseFont", ""))).lstrip("/")
            name = name.split("+", 1)[-1]
            fonts[name] = fonts.get(name, False) or embedded
    return fonts
