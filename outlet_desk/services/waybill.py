"""Waybill recognition: which carrier a scanned number belongs to, or one line saying why it is not a
parcel.  The carrier formats live in ONE table, :data:`PATTERNS`; the outlet adds its own in the
``waybill.custom_patterns`` setting and keeps its bag-number rules in ``waybill.bag_rules``.

Numbers with a letter prefix (``SF…``, ``YT…``, ``JT…``, ``JD…``, ``DPK…``, S10) name their carrier.
Bare digit strings fit several carriers (a 13-digit number may be 中通, 韵达 or EMS): the caller
passes ``prefer`` (the carrier of the matching manifest line, else the outlet's default carrier)
and gets every candidate back so the clerk can correct it in one keystroke.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ValidationError
from ..scan import normalize_scan
from ..settings import SettingSpec, check_patterns

BAG_MESSAGE = "集包单号，不是包裹"

MIN_LENGTH = 10
MAX_LENGTH = 20
_ALLOWED = re.compile(r"^[A-Z0-9]+$")


class BadWaybill(ValidationError):
    """The scan is not a waybill number (too short, too long, wrong characters, unknown format)."""


class BagNumber(ValidationError):
    """A bag number (集包单号) was scanned instead of a parcel's waybill."""

    def __init__(self, message: str = BAG_MESSAGE, **kw):
        super().__init__(message, **kw)


@dataclass(frozen=True)
class Pattern:
    carrier: str
    regex: str
    example: str          # a real-format number; the tests recognise every one
    note: str = ""


#: The carrier formats, most specific first.  Documented in docs/intake.md ("Pattern table").
PATTERNS: tuple[Pattern, ...] = (
    Pattern("顺丰", r"^SF\d{13}$", "SF1428397650166", "SF + 13 位数字"),
    Pattern("圆通", r"^YT\d{12,13}$", "YT7512345678901", "YT + 12–13 位数字"),
    Pattern("极兔", r"^JT\d{13}$", "JT0008123456789", "JT + 13 位数字（原百世件已并入极兔）"),
    Pattern("京东", r"^JD[A-Z]{0,3}\d{10,13}$", "JDVA23456789012",
            "JD、JDV、JDVA… + 10–13 位数字"),
    Pattern("德邦", r"^DPK\d{10,13}$", "DPK360012345678", "DPK + 10–13 位数字"),
    Pattern("EMS", r"^[A-Z]{2}\d{9}[A-Z]{2}$", "EA123456785CN",
            "万国邮联 S10：2 字母 + 8 位序号 + 校验位 + 国家代码，校验位按 mod 11 验证"),
    # bare digit formats: several carriers can fit one number
    Pattern("申通", r"^(?:77\d{13}|(?:268|368|468|568|668|768|868|968)\d{9}|88\d{10,11})$",
            "773123456789012", "77 + 13 位；268/368/…/968 + 9 位；88 + 10–11 位"),
    Pattern("中通", r"^\d{12,14}$", "75312345678901", "12–14 位数字（常见 73/75/78 开头）"),
    Pattern("韵达", r"^(?:\d{13}|\d{15})$", "3125678901234", "13 或 15 位数字"),
    Pattern("EMS", r"^(?:1[0-9]|5[0-9]|9[0-9])\d{11}$", "1179854123456",
            "国内 13 位数字（10–19、50–59、90–99 开头）"),
)

S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_check_digit(serial8: str) -> int:
    """UPU S10 check digit of the 8-digit serial: weights 8,6,4,2,3,5,9,7; 11 − sum mod 11,
    where 10 becomes 0 and 11 becomes 5."""
    if len(serial8) != 8 or not serial8.isdigit():
        raise ValueError("S10 serial must be 8 digits")
    check = 11 - sum(int(d) * w for d, w in zip(serial8, S10_WEIGHTS)) % 11
    return {10: 0, 11: 5}.get(check, check)


def s10_valid(number: str) -> bool:
    return bool(re.match(r"^[A-Z]{2}\d{9}[A-Z]{2}$", number)) \
        and s10_check_digit(number[2:10]) == int(number[10])


SETTINGS = [
    SettingSpec("waybill.default_carrier", "中通", "Default carrier for bare numbers",
                "纯数字单号默认的快递公司", section="intake",
                help="A bare digit number that fits several carriers is taken as this carrier "
                     "(unless a manifest line says otherwise); the clerk corrects it in one key."),
    SettingSpec("waybill.custom_patterns", [], "Extra waybill patterns", "自定义单号规则",
                kind="json", section="intake", validate=check_patterns("自定义单号规则"),
                help='[{"carrier": "丰网", "regex": "^FW\\\\d{12}$", "example": "FW123456789012"}]'),
    SettingSpec("waybill.bag_rules", [{"carrier": "*", "prefix": "4"}], "Bag-number rules",
                "集包单号规则", kind="json", section="intake",
                help='Bare numbers refused as bag numbers: [{"carrier": "*" or a carrier, '
                     '"prefix": "4", "lengths": [optional list]}]'),
]


@dataclass(frozen=True)
class Recognized:
    waybill: str
    carrier: str
    candidates: tuple[str, ...]     # every carrier the number fits, chosen one first
    bare: bool                      # digits only: the carrier was a choice, not a fact


def _custom_patterns(custom) -> list[Pattern]:
    out = []
    for item in custom or ():
        try:
            out.append(Pattern(str(item["carrier"]), str(item["regex"]), str(item.get("example", "")),
                               str(item.get("note", "网点自定义"))))
        except (KeyError, TypeError):
            continue
    return out


_compiled: dict[str, re.Pattern] = {}


def _match(regex: str, text: str) -> bool:
    rx = _compiled.get(regex)
    if rx is None:
        try:
            rx = re.compile(regex)
        except re.error:
            rx = re.compile(r"(?!)")        # a broken custom pattern matches nothing
        _compiled[regex] = rx
    return rx.match(text) is not None


def is_bag_number(text: str, rules, carrier: str | None = None) -> bool:
    """A bare number that one of the outlet's bag rules matches (``carrier`` ``*`` = any)."""
    if not text.isdigit():
        return False
    for rule in rules or ():
        try:
            who = rule.get("carrier", "*")
            prefix = str(rule.get("prefix", ""))
            lengths = rule.get("lengths") or ()
        except AttributeError:
            continue
        if who not in ("*", "", None) and who != carrier:
            continue
        if prefix and text.startswith(prefix) and (not lengths or len(text) in lengths):
            return True
    return False


def recognize(raw: str, *, prefer: str | None = None, custom=None, bag_rules=None) -> Recognized:
    """Recognise one scan.  Raises :class:`BagNumber` or :class:`BadWaybill` with one line.

    ``prefer``: the carrier to choose when a bare number fits several (manifest line, else the
    outlet default).  ``custom``/``bag_rules``: the settings' values (read them once per burst).
    """
    text = normalize_scan(raw)
    if not text:
        raise BadWaybill("没有扫到单号。")
    if not _ALLOWED.match(text):
        bad = next(ch for ch in text if not re.match(r"[A-Z0-9]", ch))
        raise BadWaybill(f"单号里有不该有的字符“{bad}”：{text[:24]}")
    if len(text) < MIN_LENGTH:
        raise BadWaybill(f"单号太短（{len(text)} 位）：{text}，不是运单号。")
    if len(text) > MAX_LENGTH:
        raise BadWaybill(f"单号太长（{len(text)} 位）：{text[:24]}…，不是运单号。")
    table = _custom_patterns(custom) + list(PATTERNS)
    found: list[str] = []
    bare = text.isdigit()
    for p in table:
        if _match(p.regex, text) and p.carrier not in found:
            found.append(p.carrier)
    chosen = prefer if prefer in found else (found[0] if found else None)
    if bare and is_bag_number(text, bag_rules, chosen):
        raise BagNumber()
    if re.match(r"^[A-Z]{2}\d{9}[A-Z]{2}$", text) and not s10_valid(text):
        raise BadWaybill(f"EMS 单号校验位不对（应为 {s10_check_digit(text[2:10])}）：{text}，请重扫。")
    if not found:
        letters = re.match(r"^[A-Z]*", text).group(0)
        for p in table:
            head = re.match(r"^\^([A-Z]+)", p.regex)
            if letters and head and letters.startswith(head.group(1)):
                raise BadWaybill(f"不是有效的{p.carrier}单号：{text}（应为 {p.note}）。")
        raise BadWaybill(f"无法识别的单号：{text}（不符合任何快递公司的单号格式）。")
    if prefer and prefer in found:
        found.remove(prefer)
        found.insert(0, prefer)
    elif prefer and bare:
        # the outlet's default / the manifest's carrier decides for bare numbers it can't rule out
        # only if it has no format of its own in the table; otherwise the first fitting carrier
        if not any(p.carrier == prefer for p in table):
            found.insert(0, prefer)
    return Recognized(text, found[0], tuple(found), bare)


def pattern_rows(custom=None) -> list[tuple[str, str, str, str]]:
    """(carrier, regex, example, note) for the docs and the settings help."""
    return [(p.carrier, p.regex, p.example, p.note) for p in _custom_patterns(custom) + list(PATTERNS)]


def known_carriers(custom=None) -> list[str]:
    out: list[str] = []
    for p in _custom_patterns(custom) + list(PATTERNS):
        if p.carrier not in out:
            out.append(p.carrier)
    return out
