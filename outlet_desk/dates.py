"""Dates and times as the outlet reads them, in one place (no Qt)."""
from __future__ import annotations

import datetime as dt


def md(d: dt.date) -> str:
    """6月8日"""
    return f"{d.month}月{d.day}日"


def md_range(start: dt.date, end: dt.date) -> str:
    """6月8日, or 6月8日-6月10日"""
    return md(start) if start == end else f"{md(start)}-{md(end)}"


def stamp(at: dt.datetime | None) -> str:
    """06-08 14:05 (a moment in a list), or empty"""
    return at.strftime("%m-%d %H:%M") if at else ""
