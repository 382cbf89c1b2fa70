"""Phone masking: one rule, used by screens, labels, reports and exports."""
from __future__ import annotations

import re

_DIGITS = re.compile(r"\D")


def phone_tail(phone: str | None) -> str:
    """Last four digits of a phone number ('' when there are fewer than four)."""
    digits = _DIGITS.sub("", phone or "")
    return digits[-4:] if len(digits) >= 4 else ""


def mask_phone(phone: str | None) -> str:
    """``13812341234`` → ``138****1234``; shorter numbers keep only their last two digits."""
    if not phone:
        return ""
    digits = _DIGITS.sub("", phone)
    if len(digits) >= 11:
        return digits[:3] + "****" + digits[-4:]
    if len(digits) >= 7:
        return "*" * (len(digits) - 4) + digits[-4:]
    if len(digits) >= 3:
        return "*" * (len(digits) - 2) + digits[-2:]
    return "*" * len(digits)


def mask_name(name: str | None) -> str:
    """``张三丰`` → ``张**``: the family name stays so a clerk can still greet the customer."""
    if not name:
        return ""
    return name[0] + "*" * (len(name) - 1)
