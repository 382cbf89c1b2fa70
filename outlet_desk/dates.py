"""Dates and times as the outlet reads them, in one place (no Qt).

Chinese by default ("6月8日"); in English mode (:func:`outlet_desk.i18n.set_language`) "8 Jun"."""
from __future__ import annotations

import datetime as dt

from . import i18n

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def md(d: dt.date) -> str:
    """6月8日 (English: 8 Jun)"""
    if not i18n.chinese():
        return f"{d.day} {_MONTHS[d.month - 1]}"
    return f"{d.month}月{d.day}日"  # zh-data: the Chinese form itself


def md_range(start: dt.date, end: dt.date) -> str:
    """6月8日, or 6月8日-6月10日 (English: 8 Jun, or 8 Jun-10 Jun)"""
    return md(start) if start == end else f"{md(start)}-{md(end)}"


def stamp(at: dt.datetime | None) -> str:
    """06-08 14:05 (a moment in a list), or empty"""
    return at.strftime("%m-%d %H:%M") if at else ""
