"""Waybill recognition: which carrier a scanned number belongs to, or one line saying why it is not a
parcel.  The carrier formats live in ONE table, :data:`PATTERNS`; the outlet adds its own in the
``waybill.custom_patterns`` setting and keeps its bag-number rules in ``waybill.bag_rules``.

Numbers with a letter prefix (``SF…``, ``YT…``, ``JT…``, ``JD…``, ``DPK…``, S10) name their carrier.
Bare digit strings often fit several carriers (a 13-digit number may be 韵达, 邮政 or EMS): the
recogniser returns every candidate.  The one chosen is, in order: ``prefer`` (the clerk's choice, the
arrival manifest's carrier, the outlet's remembered pick for numbers of this shape), else the first
*specific* row of the table that fits (a prefix the carrier is known to use), else ``default`` (the
outlet's default carrier) when only length-only rows fit, else the first fitting row.

Bag numbers (集包单号): a bare number matching one of the outlet's bag rules is refused only when it
fits no carrier's format.  When it also fits a carrier's format it comes back with ``possible_bag``
set and the caller decides (intake holds it for one key; a number on a manifest or already known to
the outlet is a parcel, see ``known=``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import settings as settings_mod
from .errors import ValidationError
from .i18n import N_, _
from .scan import normalize_scan
from .settings import Column, SettingSpec, check_patterns

BAG_MESSAGE = N_("集包单号，不是包裹")
POSSIBLE_BAG = N_("可能是集包单号")

MIN_LENGTH = 10
MAX_LENGTH = 20
_ALLOWED = re.compile(r"^[A-Z0-9]+$")
_BAD_CHAR = re.compile(r"[^A-Z0-9]")
_S10 = re.compile(r"^[A-Z]{2}\d{9}[A-Z]{2}$")
_LETTERS = re.compile(r"^[A-Z]*")
_HEAD = re.compile(r"^\^\(?(?:\?:)?([A-Z]+)")


class BadWaybill(ValidationError):
    """The scan is not a waybill number (too short, too long, wrong characters, unknown format)."""


class BagNumber(ValidationError):
    """A bag number (集包单号) was scanned instead of a parcel's waybill."""

    def __init__(self, message: str | None = None, **kw):
        super().__init__(message or _(BAG_MESSAGE), **kw)


class PossibleBagNumber(ValidationError):
    """A bare number that fits a bag rule AND a carrier's format: held, neither refused nor taken in
    silently.  ``waybill``/``candidates`` let the screen take it in as a parcel with one key."""

    def __init__(self, waybill: str, candidates: tuple[str, ...], bag_carrier: str = ""):
        fits = _("、").join(candidates)
        if bag_carrier and bag_carrier != "*":
            message = _("可能是集包单号：{waybill} 符合{carrier}的集包单号规则，也符合{candidates}的运单号格式。")
        else:
            message = _("可能是集包单号：{waybill} 符合集包单号规则，也符合{candidates}的运单号格式。")
        super().__init__(message.format(waybill=waybill, carrier=bag_carrier, candidates=fits))
        self.waybill = waybill
        self.candidates = candidates
        self.bag_carrier = bag_carrier


@dataclass(frozen=True)
class Pattern:
    carrier: str
    regex: str
    example: str          # a real-format number; the tests recognise every one
    note: str = ""
    source: str = ""      # where the format was published (docs/intake.md shows it)
    generic: bool = False  # a length-only rule: never decides alone against the outlet's default


# Sources (public, checked 2026-12):
#  [CV]  courier-validation (npm, github.com/BF-zh/Courier-Validation, MIT), src/pattern/*.ts and
#        test/index.test.ts: SF, YTO, JT, JD, DPK, STO ^(77|43)\d{12,15}, ZTO ^7[3-68]\d{12},
#        YUNDA ^[34]\d{14}|^5\d{12}, 邮政 ^[981]\d{12}; examples 773277027280336, 463431409940372,
#        73610555582883, 1207119765021, SF1385628716739, YT8962646785389, JT5261988016578,
#        JDX024407261700, DPK202252612836.
#  [HV]  a public Hive UDF validating carrier numbers (com.chinagoods.bigdata.functions.logistic.
#        UDFLogisticNoValid, 2022): 申通 (268|368|…|968|888|588|688)+9…13 and 77+13, EMS
#        (10|11|12|50|51|52|95|97|98|99)+11, 邮政快递包裹 99/98/96+11 and any 13 digits, 韵达 13 or
#        15 digits, 中通 14 digits, 极兔 JT+12–13, 京东 JDX/JDK+12 and JDV?+11; its real examples
#        77316523125896 (申通), 432542035598773 (中通), 462598779470531 (韵达), 4309597495550 and
#        1240921381750 (邮政), JDVA11408814483, DPK364112047425, JT0006968326954.
#  [SFO] 顺丰: "运单号只能为12位数字" (SF's own tracking page, quoted by a public Python
#        express-regex module); kuaidi100's public autoComNum answer for 786187979245 is shunfeng.
#  [YDO] 韵达: 13 digits "规则来自韵达官网" (the same Python module).
#  [UPU] UPU S10 standard (2 letters, 8-digit serial, mod-11 check digit, country code).
#: The carrier formats; rows with a prefix first, length-only (``generic``) rows last.
#: Documented in docs/intake.md ("Pattern table").
#: The carrier names are data (stored on parcels, matched to manifests); the notes are messages.
PATTERNS: tuple[Pattern, ...] = (  # zh-data: carrier names
    Pattern("顺丰", r"^SF\d{13}$", "SF1385628716739", N_("SF + 13 位数字"), "[CV]"),
    Pattern("圆通", r"^YT\d{12,13}$", "YT8962646785389", N_("YT + 12–13 位数字"), "[CV] (YT+13); YT+12 older"),
    Pattern("极兔", r"^JT\d{12,13}$", "JT5261988016578", N_("JT + 12–13 位数字（原百世件已并入极兔）"),
            "[CV] [HV]"),
    Pattern("京东", r"^JD[A-Z]{0,3}\d{10,13}$", "JDVA11408814483", N_("JD、JDV、JDVA、JDX… + 10–13 位数字"),
            "[CV] [HV]"),
    Pattern("德邦", r"^DPK\d{10,13}$", "DPK364112047425", N_("DPK + 10–13 位数字"), "[CV] [HV]"),
    Pattern("EMS", r"^[A-Z]{2}\d{9}[A-Z]{2}$", "EA123456785CN",
            N_("万国邮联 S10：2 字母 + 8 位序号 + 校验位 + 国家代码，校验位按 mod 11 验证"), "[UPU]"),
    # bare digits, with a prefix the carrier is known to use
    Pattern("申通", r"^77\d{12,13}$", "773277027280336", N_("77 + 12–13 位数字（如 773…）"), "[CV] [HV]"),
    Pattern("申通", r"^(?:268|368|468|568|588|668|688|768|868|888|968)\d{9,10}$", "268012345678",
            N_("268/368/468/568/588/668/688/768/868/888/968 + 9–10 位数字"), "[HV]"),
    Pattern("中通", r"^7[3-68]\d{12}$", "73610555582883", N_("73/74/75/76/78 + 12 位数字（14 位）"), "[CV]"),
    Pattern("中通", r"^43\d{13}$", "432542035598773", N_("43 开头的 15 位数字"), "[HV]"),
    Pattern("韵达", r"^[34]\d{14}$", "463431409940372", N_("3 或 4 开头的 15 位数字"), "[CV] [HV]"),
    Pattern("邮政", r"^9[5-9]\d{11}$", "9879654321012", N_("95–99 开头的 13 位数字（邮政快递包裹）"), "[HV] [CV]"),
    Pattern("邮政", r"^1\d{12}$", "1207119765021", N_("1 开头的 13 位数字（邮政快递包裹）"), "[CV] [HV]"),
    Pattern("EMS", r"^(?:1[0-2]|5[0-2]|9[5789])\d{11}$", "5012345678901",
            N_("国内 13 位数字：10–12、50–52、95/97/98/99 开头"), "[HV]"),
    Pattern("韵达", r"^5\d{12}$", "5212345678901", N_("5 开头的 13 位数字"), "[CV]"),
    # length only: these fit many numbers and never decide against the outlet's default carrier
    Pattern("韵达", r"^\d{13}$", "3125678901234", N_("13 位数字"), "[YDO] [HV]", generic=True),
    Pattern("邮政", r"^\d{13}$", "4309597495550", N_("13 位数字（邮政快递包裹）"), "[HV]", generic=True),
    Pattern("中通", r"^\d{12}$|^\d{14}$", "75312345678901", N_("12 或 14 位数字"), "[HV]", generic=True),
    Pattern("顺丰", r"^\d{12}$", "786187979245", N_("12 位数字（不带 SF）"), "[SFO]", generic=True),
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
    return bool(_S10.match(number)) and s10_check_digit(number[2:10]) == int(number[10])


def check_carrier_known(field: str, carrier: str) -> str:
    """A carrier the outlet knows: in the waybill table, a custom pattern, or the carriers served.
    (Read from the stored settings; without a database only the table counts.)"""
    carrier = str(carrier or "").strip()
    known = set(known_carriers())
    try:
        known |= set(known_carriers(settings_mod.get("waybill.custom_patterns")))
        known |= {str(c) for c in settings_mod.get("outlet.carriers")}
    except AttributeError:   # no database bound (peewee's proxy): only the table counts
        pass
    if carrier not in known:
        raise ValidationError(_("{field}的快递公司“{carrier}”不认识：先在“服务的快递公司”里加上它，"
                                "或写 {examples} 等。").format(
            field=field, carrier=carrier, examples=_("、").join(known_carriers()[:6])))
    return carrier


def _check_bag_rules(value) -> list:
    """The ``waybill.bag_rules`` setting: a list of {carrier, prefix, lengths}; one line if wrong."""
    if not isinstance(value, list):
        raise ValidationError(_("“集包单号规则”应是一个列表：[{\"carrier\": …, \"prefix\": …, \"lengths\": […]}]。"))
    out = []
    for i, rule in enumerate(value, start=1):
        if not isinstance(rule, dict):
            raise ValidationError(_("“集包单号规则”第 {i} 条不是 {{carrier, prefix, lengths}}。").format(i=i))
        carrier = str(rule.get("carrier") or "").strip()
        prefix = str(rule.get("prefix") or "").strip()
        lengths = rule.get("lengths")
        if not carrier or carrier == "*":
            raise ValidationError(_("“集包单号规则”第 {i} 条：请写明是哪家快递公司的集包单号（carrier）。")
                                  .format(i=i))
        check_carrier_known(_("“集包单号规则”第 {i} 条").format(i=i), carrier)
        if not prefix.isdigit() or len(prefix) > 6:
            raise ValidationError(_("“集包单号规则”第 {i} 条：开头（prefix）应是 1–6 位数字。").format(i=i))
        if not isinstance(lengths, list) or not lengths \
                or not all(isinstance(n, int) and not isinstance(n, bool) for n in lengths) \
                or not all(MIN_LENGTH <= n <= MAX_LENGTH for n in lengths):
            raise ValidationError(_("“集包单号规则”第 {i} 条：位数（lengths）应是 {low}–{high} 之间的整数，如 13。")
                                  .format(i=i, low=MIN_LENGTH, high=MAX_LENGTH))
        out.append({"carrier": carrier, "prefix": prefix, "lengths": sorted(set(lengths))})
    return out


#: The default covers only the seed outlet's own carrier (百世, now 极兔): its SOP says its bag numbers
#: start with 4.  Their length is the outlet's to confirm (F11 → 到件入库 → 集包单号规则).
DEFAULT_BAG_RULES = [{"carrier": "极兔", "prefix": "4", "lengths": [13]}]  # zh-data

SETTINGS = [
    SettingSpec("waybill.default_carrier", "中通", "Default carrier for bare numbers",  # zh-data
                N_("纯数字单号默认的快递公司"), section="intake",
                validate=lambda v: check_carrier_known(_("“纯数字单号默认的快递公司”"), v),
                help_zh=N_("只有按长度才能认出的纯数字单号，默认算作这家快递公司（到件清单或以前的选择另有说明的除外）。"),
                help="A bare digit number that only length-only formats fit is taken as this carrier "
                     "(unless a manifest line or the outlet's earlier pick says otherwise)."),
    SettingSpec("waybill.custom_patterns", [], "Extra waybill patterns", N_("自定义单号规则"),
                kind="json", section="intake", validate=check_patterns(N_("自定义单号规则")), shape="table",
                columns=(Column("carrier", "Carrier", N_("快递公司")),
                         Column("regex", "Pattern (regex)", N_("正则")),
                         Column("example", "Example", N_("例子"))),
                help_zh=N_("一行一种额外的单号格式：快递公司、正则表达式和一个符合它的单号例子（如 丰网、^FW\\d{12}$、FW123456789012）。"),
                help="One row per extra waybill format: the carrier, a regular expression and an "
                     "example number it matches (e.g. ^FW\\d{12}$ and FW123456789012)."),
    SettingSpec("waybill.bag_rules", DEFAULT_BAG_RULES, "Bag-number rules",
                N_("集包单号规则"), kind="json", section="intake", validate=_check_bag_rules, shape="table",
                columns=(Column("carrier", "Carrier", N_("快递公司")), Column("prefix", "Starts with", N_("开头")),
                         Column("lengths", "Lengths (digits)", N_("位数"), kind="ints")),
                help_zh=N_("各快递公司的集包单号：开头的数字和位数。同时符合某家运单格式的号码会用橙色提示暂放，不会被拒收。"),
                help="Bag numbers per carrier: the digits they start with and their lengths. A number "
                     "that also fits a carrier's waybill format is held with an orange banner, never "
                     "refused."),
    SettingSpec("waybill.shape_picks", {}, "Carrier picked per number shape", N_("按单号形状记住的快递公司"),
                kind="json", section="intake", shape="map",
                columns=(Column("shape", "Length:first two digits", N_("位数:前两位")),
                         Column("carrier", "Carrier", N_("快递公司"))),
                help_zh=N_("由到件入库界面记下：某种位数和前两位的纯数字单号，店员选过哪家快递公司（14:77 → 申通）。"),
                help="Kept by the intake screen: the carrier a clerk picked for a bare number of this "
                     "length and first two digits (e.g. 14:77 → the carrier picked)."),
]


@dataclass(frozen=True)
class Recognized:
    waybill: str
    carrier: str
    candidates: tuple[str, ...]     # every carrier the number fits, chosen one first
    bare: bool                      # digits only: the carrier was a choice, not a fact
    possible_bag: str | None = None  # the carrier of the bag rule it also fits, if any


def shape_of(number: str) -> str:
    """The shape a remembered pick is kept under: length and first two digits ("14:77")."""
    return f"{len(number)}:{number[:2]}"


_compiled: dict[str, re.Pattern] = {}
_NEVER = re.compile(r"(?!)")


def _rx(regex: str) -> re.Pattern:
    rx = _compiled.get(regex)
    if rx is None:
        try:
            rx = re.compile(regex)
        except (re.error, TypeError, ValueError):
            rx = _NEVER        # a broken custom pattern matches nothing
        _compiled[regex] = rx
    return rx


def _match(regex: str, text: str) -> bool:
    return _rx(regex).match(text) is not None


_BUILTIN = tuple((p, _rx(p.regex)) for p in PATTERNS)
_custom_cache: dict[str, tuple] = {}


def _custom_patterns(custom) -> list[Pattern]:
    out = []
    for item in custom or ():
        try:
            out.append(Pattern(str(item["carrier"]), str(item["regex"]), str(item.get("example", "")),
                               str(item.get("note", N_("网点自定义"))), N_("网点自定义")))
        except (KeyError, TypeError, AttributeError):
            continue
    return out


def _table(custom) -> tuple:
    """((Pattern, compiled), …): the outlet's own patterns first, then the built-in table (built
    once per distinct setting value; the settings hand out a fresh list on every read)."""
    if not custom:
        return _BUILTIN
    try:
        key = repr(custom)
    except Exception:  # noqa: BLE001 — an odd stored value: no cache
        key = None
    hit = _custom_cache.get(key) if key is not None else None
    if hit is not None:
        return hit
    table = tuple((p, _rx(p.regex)) for p in _custom_patterns(custom)) + _BUILTIN
    if key is not None:
        if len(_custom_cache) > 8:
            _custom_cache.clear()
        _custom_cache[key] = table
    return table


def bag_rule_for(text: str, rules) -> str | None:
    """The carrier of the first bag rule a bare number matches, else None (bad rules are skipped)."""
    if not text.isdigit():
        return None
    for rule in rules or ():
        try:
            prefix = str(rule.get("prefix", ""))
            lengths = rule.get("lengths") or ()
            if prefix and text.startswith(prefix) and (not lengths or len(text) in lengths):
                return str(rule.get("carrier") or "*")
        except (AttributeError, TypeError):
            continue
    return None


def is_bag_number(text: str, rules, carrier: str | None = None) -> bool:
    """A bare number that one of the outlet's bag rules matches."""
    return bag_rule_for(text, rules) is not None


def recognize(raw: str, *, prefer: str | None = None, default: str | None = None, custom=None,
              bag_rules=None, known: bool = False) -> Recognized:
    """Recognise one scan.  Raises :class:`BagNumber` or :class:`BadWaybill` with one line.

    ``prefer``: a carrier that wins when the number fits it (the clerk's choice, the manifest line,
    the outlet's remembered pick).  ``default``: the outlet's default carrier, used when only
    length-only formats fit.  ``custom``/``bag_rules``: the settings' values (read them once per
    burst).  ``known``: the number is on an arrival manifest or already at the outlet — it is a
    parcel and bag rules do not apply; a bare number no row knows is then taken as ``prefer`` (the
    manifest's carrier) when there is one.
    """
    text = normalize_scan(raw if isinstance(raw, str) else "")
    if not text:
        raise BadWaybill(_("没有扫到单号。"))
    if not _ALLOWED.match(text):
        found_bad = _BAD_CHAR.search(text)
        bad = found_bad.group(0) if found_bad else "?"
        raise BadWaybill(_("单号里有不该有的字符“{bad}”：{text}").format(bad=bad, text=text[:24]))
    if len(text) < MIN_LENGTH:
        raise BadWaybill(_("单号太短（{n} 位）：{text}，不是运单号。").format(n=len(text), text=text))
    if len(text) > MAX_LENGTH:
        raise BadWaybill(_("单号太长（{n} 位）：{text}…，不是运单号。").format(n=len(text), text=text[:24]))
    table = _table(custom)
    bare = text.isdigit()
    found: list[str] = []
    first_specific = None
    for p, rx in table:
        if rx.match(text) is not None and p.carrier not in found:
            found.append(p.carrier)
            if first_specific is None and not p.generic:
                first_specific = p.carrier
    bag = None if known or not bare else bag_rule_for(text, bag_rules)
    if bag is not None and not found:
        raise BagNumber()
    if _S10.match(text) and not s10_valid(text):
        raise BadWaybill(_("EMS 单号校验位不对（应为 {digit}）：{text}，请重扫。")
                         .format(digit=s10_check_digit(text[2:10]), text=text))
    if not found:
        if known and bare and prefer:
            return Recognized(text, prefer, (prefer,), bare)
        lead = _LETTERS.match(text)
        letters = lead.group(0) if lead else ""
        for p, _rx_ in table:
            head = _HEAD.match(p.regex)
            if letters and head and letters.startswith(head.group(1)):
                raise BadWaybill(_("不是有效的{carrier}单号：{text}（应为 {note}）。")
                                 .format(carrier=p.carrier, text=text, note=_(p.note) if p.note else ""))
        raise BadWaybill(_("无法识别的单号：{text}（不符合任何快递公司的单号格式）。").format(text=text))
    if prefer and prefer in found:
        chosen = prefer
    elif first_specific is not None:
        chosen = first_specific
    elif default and default in found:
        chosen = default
    else:
        chosen = found[0]
    if chosen != found[0]:
        found.remove(chosen)
        found.insert(0, chosen)
    return Recognized(text, chosen, tuple(found), bare, bag)


def check_typed_waybill(raw: str, *, custom=None, bag_rules=None, known: bool = False) -> Recognized | None:
    """The bag rule for a number typed or scanned into the WAYBILL field of a sending form (柜台寄件,
    揽收, 电子接单): the form itself says it is a waybill, so a number that fits a bag rule AND a
    carrier's format is a parcel (intake, where a bare scan says nothing, holds it instead).

    Raises :class:`BagNumber` (one line naming the number) for a bare number that fits one of the
    outlet's bag rules and no carrier's format, unless ``known`` (the outlet already has it: a
    parcel).  Returns the recognition, or None when the number fits no carrier's format at all (the
    caller keeps its own, looser format check for those).  Same rule as :func:`recognize`, not a copy.
    """
    try:
        return recognize(raw, custom=custom, bag_rules=bag_rules, known=known)
    except BagNumber:
        text = normalize_scan(raw)
        who = bag_rule_for(text, bag_rules) or ""
        raise BagNumber(_("{text} 是集包单号（符合{carrier}的集包单号规则，不符合任何快递公司的运单号格式），"
                          "不是快件。").format(text=text, carrier=who)) from None
    except BadWaybill:
        return None


def fits(number: str, carrier: str, custom=None) -> bool:
    """Whether ``carrier`` is one of the carriers the number's format fits."""
    try:
        return carrier in recognize(number, custom=custom, known=True).candidates
    except ValidationError:
        return False


def known_carriers(custom=None) -> list[str]:
    out: list[str] = []
    for p in _custom_patterns(custom) + list(PATTERNS):
        if p.carrier not in out:
            out.append(p.carrier)
    return out
