"""Money, parsed and formatted in one place: yuan text ↔ integer fen (分).  Never float.

:func:`parse_yuan` accepts what a clerk or a spreadsheet types — ``12.5``, ``12.50元``, ``¥1,000.50``,
full-width ``１２．５``, grouping commas in threes — and refuses, with one Chinese line, anything it
would have to guess: more than two decimals (``12.345``), a comma that is not a thousands separator
(``12,5``), an exponent, and a negative amount unless the caller says the amount is signed
(``allow_negative=True``, e.g. a day-close adjustment).

:func:`format_yuan` writes fen back as ``1234.56`` (``grouping=True``: ``1,234.56``; ``sign=True``:
``+1234.56``).  Whatever :func:`format_yuan` writes, :func:`parse_yuan` reads back to the same fen.
"""
from __future__ import annotations

import re
import unicodedata

from .errors import ValidationError
from .i18n import N_, _

__all__ = ["parse_yuan", "format_yuan", "MAX_FEN"]

#: The largest amount accepted (一亿元): anything above is a typing accident, not money at a counter.
MAX_FEN = 100_000_000 * 100

_AMOUNT = re.compile(r"^(?P<int>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<dec>\d*))?$")
_MINUS = ("-", "−", "–", "—")


def parse_yuan(text, *, allow_negative: bool = False, what: str = N_("金额")) -> int:
    """Yuan text → fen.  Raise :class:`ValidationError` (one line naming ``what``, shown as
    ``_(what)``: mark it ``N_()``) when it is not an exact amount."""
    raw = unicodedata.normalize("NFKC", "" if text is None else str(text))
    raw = re.sub(r"\s+", "", raw)
    for symbol in ("人民币", "RMB", "rmb", "CNY", "¥", "￥", "元"):  # zh-data: typed currency words
        raw = raw.replace(symbol, "")
    what = _(what)
    if not raw:
        raise ValidationError(_("请输入{what}（元），例如 12.50。").format(what=what))
    negative = False
    if raw[0] in _MINUS:
        negative, raw = True, raw[1:]
    elif raw[0] == "+":
        raw = raw[1:]
    match = _AMOUNT.match(raw)
    if not raw or not match or (match.group("int") is None and not match.group("dec")):
        if "," in raw and re.fullmatch(r"[\d,]*(\.\d*)?", raw):
            raise ValidationError(_("{what}“{text}”里的逗号只能是千位分隔（1,000.50）；小数请用点。").format(
                what=what, text=text))
        raise ValidationError(_("{what}“{text}”不是金额：请输入元，例如 12.50。").format(what=what, text=text))
    decimals = match.group("dec") or ""
    if len(decimals) > 2:
        raise ValidationError(_("{what}“{text}”最多两位小数（到分）。").format(what=what, text=text))
    whole = int((match.group("int") or "0").replace(",", ""))
    fen = whole * 100 + int((decimals + "00")[:2])
    if fen > MAX_FEN:
        raise ValidationError(_("{what}“{text}”太大了，请检查。").format(what=what, text=text))
    if negative and fen:
        if not allow_negative:
            raise ValidationError(_("{what}不能是负数。").format(what=what))
        fen = -fen
    return fen


def format_yuan(fen: int | None, *, sign: bool = False, grouping: bool = False, none: str = "") -> str:
    """Fen → yuan text: 123456 → "1234.56" (``grouping``: "1,234.56"; ``sign``: "+1234.56")."""
    if fen is None:
        return none
    fen = int(fen)
    whole, cents = divmod(abs(fen), 100)
    body = f"{whole:,}" if grouping else str(whole)
    prefix = "-" if fen < 0 else ("+" if sign and fen > 0 else "")
    return f"{prefix}{body}.{cents:02d}"
