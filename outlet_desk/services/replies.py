"""The CRM reply rule (seed 004): a reply states 情况 what happened, 方案 the solution and 时间 when
it will be solved.  "请知悉", "处理中", "核实中" and the like are forbidden; so is a reply that is
only filler once they are removed; the time must be concrete.

What counts as a concrete time (:func:`concrete_time`):

* a calendar date, with or without a clock time: ``2026-06-09``, ``2026-06-09 18:00``,
  ``6月9日``, ``6月9号18:00前``, ``6/9 18:00``;
* a relative day **with a clock time**: ``今天18:00前``, ``明天12点前``, ``后天上午10点``,
  ``周五17:30前`` (``明天`` alone or ``明天下午`` is not a time the customer can hold us to);
* a bounded duration: ``48小时内``, ``两小时内``, ``3个工作日内``, ``30分钟内``.

Vague words (``尽快``, ``近期``, ``稍后`` … configurable) on their own are refused, naming the word.
The time is not compared with the clock: the clerk may answer an old work order.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..errors import ValidationError
from ..settings import SettingSpec

SETTINGS = [
    SettingSpec("tickets.forbidden_phrases", ["请知悉", "处理中", "核实中"],
                "Forbidden phrases in CRM replies", "CRM 回复禁用语", kind="list", section="tickets"),
    SettingSpec("tickets.vague_time_words", ["尽快", "近期", "稍后", "马上", "尽早", "随后", "过几天",
                                             "后续", "有结果后", "有消息后", "等通知"],
                "Vague time words (refused in the time part)", "不具体的时间说法（时间栏拒收）",
                kind="list", section="tickets"),
    SettingSpec("tickets.filler_words", ["您好", "你好", "亲", "谢谢", "感谢", "抱歉", "不好意思",
                                         "请耐心等待", "耐心等待", "请理解", "理解", "支持", "配合"],
                "Filler words (do not count as content)", "客套话（不算回复内容）", kind="list",
                section="tickets"),
    SettingSpec("tickets.reply_min_chars", 6, "Minimum meaningful characters per part",
                "情况/方案每栏至少有效字数", kind="int", section="tickets", minimum=1, maximum=100),
]

PARTS = (("situation", "情况"), ("solution", "方案"), ("when", "时间"))
HINTS = {"situation": "写明查到了什么、包裹现在在哪里", "solution": "写明网点怎么解决",
         "when": "写明具体的日期时间或时限，如“6月9日18:00前”“48小时内”"}

_CN_NUM = "零一二两三四五六七八九十百"
_NUM = rf"(?:\d{{1,3}}|[{_CN_NUM}]{{1,3}})"
_CLOCK = (r"(?:\d{1,2}\s*[:：]\s*\d{2}"
          rf"|(?:\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s*[点时](?:\s*(?:半|整|\d{{1,2}}\s*分?|[一二三四五]十[一二三四五六七八九]?分?))?)")
_DATE = (r"(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?"
         r"|\d{1,2}\s*月\s*\d{1,2}\s*[日号]"
         r"|(?<![\d:])\d{1,2}/\d{1,2}(?![\d/]))")
_REL_DAY = r"(?:今天|今日|今晚|明天|明日|明早|明晚|后天|(?:下)?(?:周|星期|礼拜)[一二三四五六日天1-7])"
_PART_OF_DAY = r"(?:上午|中午|下午|晚上|早上|傍晚|凌晨)?"
_DURATION = rf"{_NUM}\s*(?:个)?\s*(?:小时|钟头|分钟|天|日|工作日|个工作日)\s*(?:之内|以内|内)"

_RE_DATE = re.compile(_DATE)
_RE_REL = re.compile(_REL_DAY + r"\s*" + _PART_OF_DAY + r"\s*" + _CLOCK)
_RE_DURATION = re.compile(_DURATION)
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


@dataclass(frozen=True)
class ReplyProblem:
    part: str          # "situation" | "solution" | "when" | "" (the whole reply)
    message: str       # one Chinese line


def _norm(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def _valid_date(match: str) -> bool:
    nums = [int(n) for n in re.findall(r"\d+", match)]
    if len(nums) >= 3 and nums[0] >= 1000:
        nums = nums[1:]
    if len(nums) < 2:
        return False
    month, day = nums[0], nums[1]
    return 1 <= month <= 12 and 1 <= day <= 31


def concrete_time(text: str) -> bool:
    """True when ``text`` names a concrete date/time or a bounded duration (see module doc)."""
    text = _norm(text)
    if any(_valid_date(m.group(0)) for m in _RE_DATE.finditer(text)):
        return True
    if _RE_REL.search(text):
        return True
    return bool(_RE_DURATION.search(text))


def meaningful(text: str, *, forbidden, filler) -> str:
    """What is left of ``text`` after removing forbidden phrases, filler words and punctuation."""
    text = _norm(text)
    for phrase in sorted(list(forbidden) + list(filler), key=len, reverse=True):
        if phrase:
            text = text.replace(phrase, "")
    return _PUNCT.sub("", text)


def _rules(overrides: dict | None = None) -> dict:
    from .. import settings
    keys = [s.key for s in SETTINGS]
    values = settings.get_many(keys)
    values.update(overrides or {})
    return values


def check_reply(situation: str, solution: str, when: str, *, rules: dict | None = None) -> list[ReplyProblem]:
    """Every problem of a reply, in the order a clerk should fix them (empty list: fine)."""
    r = _rules(rules)
    forbidden = [p for p in r["tickets.forbidden_phrases"] if p]
    filler = [p for p in r["tickets.filler_words"] if p]
    vague = [p for p in r["tickets.vague_time_words"] if p]
    min_chars = int(r["tickets.reply_min_chars"])
    values = {"situation": _norm(situation), "solution": _norm(solution), "when": _norm(when)}
    problems: list[ReplyProblem] = []
    for key, label in PARTS:
        if not values[key]:
            problems.append(ReplyProblem(key, f"缺少“{label}”：{HINTS[key]}。"))
    for key, label in PARTS:
        for phrase in forbidden:
            if phrase in values[key]:
                problems.append(ReplyProblem(key, f"“{label}”里有禁用语“{phrase}”：CRM 回复严禁使用，"
                                                  f"请写清楚具体情况。"))
    for key, label in PARTS[:2]:
        if values[key]:
            left = meaningful(values[key], forbidden=forbidden, filler=filler)
            if len(left) < min_chars:
                problems.append(ReplyProblem(key, f"“{label}”只有客套话或禁用语，去掉后不足 {min_chars} "
                                                  f"个字：{HINTS[key]}。"))
    if values["when"] and not concrete_time(values["when"]):
        word = next((w for w in vague if w in values["when"]), None)
        if word:
            problems.append(ReplyProblem("when", f"“时间”写的是“{word}”，不是具体时间：{HINTS['when']}。"))
        else:
            problems.append(ReplyProblem("when", f"“时间”不是具体时间：{HINTS['when']}。"))
    return problems


def compose(situation: str, solution: str, when: str) -> str:
    """The text the clerk copies into the carrier's CRM."""
    def clean(t: str) -> str:
        return (t or "").strip().rstrip("。.；;，, ")
    return f"情况：{clean(situation)}。方案：{clean(solution)}。解决时间：{clean(when)}。"


def validate_reply(situation: str, solution: str, when: str, *, rules: dict | None = None) -> str:
    """Raise :class:`ValidationError` with the first problem, else return the composed reply."""
    problems = check_reply(situation, solution, when, rules=rules)
    if problems:
        raise ValidationError(problems[0].message)
    return compose(situation, solution, when)


# -- templates ------------------------------------------------------------------------------------
#: Placeholders filled from the ticket and its parcel: {waybill} {arrival} {status} {customer}
#: {carrier} {shelf_code} {due}
DEFAULT_TEMPLATES = {
    "查询": ("运单{waybill}已于{arrival}到达本网点，当前状态：{status}", "网点已联系收件人{customer}告知取件方式",
             "{due}前"),
    "催件": ("运单{waybill}已于{arrival}到达本网点，当前状态：{status}", "网点安排今日优先派送并电话通知收件人",
             "{due}前"),
    "延误": ("运单{waybill}于{arrival}到达本网点，因到件量大延误派送，当前状态：{status}",
             "网点已安排专人优先派送，并向客户致歉", "{due}前"),
    "破损": ("运单{waybill}于{arrival}到达本网点，外包装破损，已拍照留存", "网点协助客户提交理赔材料，按破损情况申请赔付",
             "{due}前提交理赔"),
    "丢失": ("运单{waybill}在网点及中转记录中未查到后续物流", "网点已上报遗失并协助客户提交理赔材料",
             "{due}前给出理赔结果"),
    "服务态度": ("客户反映网点服务态度问题，已与当班人员核对经过", "网点已对当班人员进行教育，并电话向客户致歉",
             "{due}前回访客户"),
    "费用": ("客户对运单{waybill}的费用有异议，已核对收费记录", "按网点价目表核对后多退少补", "{due}前"),
    "其他": ("", "", "{due}前"),
}


class _Blank(dict):
    def __missing__(self, key):
        return "—"


def fill_template(text: str, facts: dict) -> str:
    """Fill ``{placeholder}``s; unknown or missing facts become "—" (never a crash)."""
    try:
        return (text or "").format_map(_Blank({k: v for k, v in facts.items() if v not in (None, "")}))
    except (ValueError, IndexError):
        return text or ""
