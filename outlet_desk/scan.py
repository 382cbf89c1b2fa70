"""Normalising what a keyboard-wedge scanner typed.  Recognition lives in ``waybill``."""
from __future__ import annotations

import unicodedata

MAX_SCAN_LENGTH = 64


def normalize_scan(raw: str) -> str:
    """Fold full-width forms (NFKC), drop control/format characters, trim, upper-case.

    A Chinese input method or a mis-set scanner may type ``ＳＦ１２３`` or add a zero-width space;
    both must reach the rules as ``SF123``.
    """
    text = unicodedata.normalize("NFKC", raw or "")
    # control/format characters, and the Unicode line/paragraph separators (a line break in a reason)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C"
                   and unicodedata.category(ch) not in ("Zl", "Zp"))
    return text.strip().upper()
