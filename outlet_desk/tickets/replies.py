"""The CRM reply rule (seed 004): a reply states 情况 what happened, 方案 the solution and 时间 when
it will be solved.  "请知悉", "处理中", "核实中" and the like are forbidden; so is a reply that is
only filler once they are removed; the time must be concrete and real.

**Forbidden phrases cannot be dressed up.**  Before matching, the text and the phrases are
normalised (:func:`normalise`): NFKC (full-width forms), every character that is not a letter or a
digit is dropped (spaces, full-width spaces, punctuation, zero-width characters, soft hyphens, line
breaks), and traditional characters become simplified (OpenCC's ``t2s`` tables, kept in the
``opencc-python-reimplemented`` package).  "核 實 中", "核，实，中", "處理中" are all "核实中"/"处理中".
The refusal quotes what was written, so a clerk whose "已核实。中午送到" joined into "核实中" sees why.

What counts as a concrete time (:func:`find_promises` / :func:`concrete_time`):

* a calendar date, with or without a clock time: ``2026-06-09``, ``2026-06-09 18:00``,
  ``6月9日``, ``6月9号18:00前``, ``6/9 18:00``;
* a relative day **with a clock time**: ``今天18:00前``, ``明天12点前``, ``后天上午10点``,
  ``周五17:30前`` (``明天`` alone or ``明天下午`` is not a time the customer can hold us to);
* a bounded duration: ``48小时内``, ``两小时内``, ``3个工作日内``, ``30分钟内``.

Vague words (``尽快``, ``近期``, ``稍后`` … configurable) on their own are refused, naming the word.
A time must be real: an impossible date (``2月30日``) or clock (``25:00``) is refused.  With the
clock and the ticket's deadline given (``now``, ``latest``, as :func:`outlet_desk.tickets.tickets.reply`
does), a time already past and a promise beyond the deadline (``999天内``) are refused too; a date
without a clock time is held to the deadline's day.

:func:`check_text` applies the same phrase rule to other free text a colleague or customer reads
(problem-parcel outcomes, handover notes).
"""
from __future__ import annotations

import datetime as dt
import re
import threading
import unicodedata
from dataclasses import dataclass

from .. import settings
from ..dates import md
from ..errors import ValidationError
from ..i18n import N_, _
from ..settings import SettingSpec

# The phrase and word lists are data: they are matched in the Chinese replies the customers read.
FORBIDDEN_PHRASES = ["请知悉", "处理中", "核实中"]  # zh-data
VAGUE_TIME_WORDS = ["尽快", "近期", "稍后", "马上", "尽早", "随后", "过几天", "后续", "有结果后", "有消息后",  # zh-data
                    "等通知"]
FILLER_WORDS = ["您好", "你好", "亲", "谢谢", "感谢", "抱歉", "不好意思", "请耐心等待", "耐心等待",  # zh-data
                "请理解", "理解", "支持", "配合"]

SETTINGS = [
    SettingSpec("tickets.forbidden_phrases", FORBIDDEN_PHRASES,
                "Forbidden phrases in CRM replies", N_("CRM 回复禁用语"), kind="list", section="tickets"),
    SettingSpec("tickets.vague_time_words", VAGUE_TIME_WORDS,
                "Vague time words (refused in the time part)", N_("不具体的时间说法（时间栏拒收）"),
                kind="list", section="tickets"),
    SettingSpec("tickets.filler_words", FILLER_WORDS,
                "Filler words (do not count as content)", N_("客套话（不算回复内容）"), kind="list",
                section="tickets"),
    SettingSpec("tickets.reply_min_chars", 6, "Minimum meaningful characters per part",
                N_("情况/方案每栏至少有效字数"), kind="int", section="tickets", minimum=1, maximum=100),
]

#: a reply's time as the customer reads it (the reply is sent in Chinese): examples the screen shows
WHEN_EXAMPLES = ("6月9日18:00前", "明天12点前", "48小时内")  # zh-data: customer-language text the parser reads

#: the reply's parts and their names (shown with ``_()``)
PARTS = (("situation", N_("情况")), ("solution", N_("方案")), ("when", N_("时间")))
HINTS = {"situation": N_("写明查到了什么、包裹现在在哪里"), "solution": N_("写明网点怎么解决"),
         "when": N_("写明具体的日期时间或时限，如“6月9日18:00前”“48小时内”")}


# -- normalising ----------------------------------------------------------------------------------
_CC = threading.local()
#: "Letters" that show as nothing (the Hangul fillers, Unicode's default-ignorable letters): a
#: character of these between 处 and 理 is as invisible as a zero-width space.
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def _t2s(text: str) -> str:
    cc = getattr(_CC, "t2s", None)
    if cc is None:
        from opencc import OpenCC  # opencc-python-reimplemented: pure Python, Apache-2.0
        cc = _CC.t2s = OpenCC("t2s")
    return cc.convert(text)


def _normalise_mapped(text: str | None) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, its index in ``text``."""
    chars, where = [], []
    for i, ch in enumerate(text or ""):
        for c in unicodedata.normalize("NFKC", ch):
            cat = unicodedata.category(c)
            # Lm: modifier letters such as ー (the kana prolongation mark), a dash in all but name
            if cat[0] in "LN" and cat != "Lm" and c not in _INVISIBLE_LETTERS:
                chars.append(c)
                where.append(i)
    kept = "".join(chars)
    if not kept or kept.isascii():
        return kept, where
    simple = _t2s(kept)
    if len(simple) != len(kept):           # a phrase entry changed the length: go character by character
        simple = "".join(c2 if len(c2 := _t2s(c)) == 1 else c for c in kept)
    return simple, where


def normalise(text: str | None) -> str:
    """NFKC, letters and digits only, traditional → simplified: what forbidden phrases are matched on."""
    return _normalise_mapped(text)[0]


def find_phrases(text: str | None, phrases) -> list[tuple[str, str]]:
    """[(phrase, as written in ``text``)] for every phrase found in ``text``, disguised or not."""
    norm, where = _normalise_mapped(text)
    found = []
    for phrase in phrases:
        key = normalise(phrase)
        if not key:
            continue
        at = norm.find(key)
        if at >= 0:
            found.append((phrase, (text or "")[where[at]:where[at + len(key) - 1] + 1]))
    return found


def _phrase_message(label: str, phrase: str, written: str) -> str:
    if written == phrase:
        return _("“{part}”里有禁用语“{phrase}”：CRM 回复严禁使用，请写清楚具体情况。").format(
            part=_(label), phrase=phrase)
    return _("“{part}”里有禁用语“{phrase}”（写成了“{written}”）：CRM 回复严禁使用，请写清楚具体情况。").format(
        part=_(label), phrase=phrase, written=_visible(written))


def _visible(text: str) -> str:
    """``text`` with invisible characters shown, so the clerk sees what was typed."""
    out = []
    for c in text:
        if c in "\r\n":
            out.append("⏎")
        elif unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp") or c in _INVISIBLE_LETTERS:
            out.append("·")
        else:
            out.append(c)
    return "".join(out)


# -- times ----------------------------------------------------------------------------------------
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,  # zh-data
              "八": 8, "九": 9}
_CN = "零〇一二两三四五六七八九十百"  # zh-data
_POD = r"(?P<pod>上午|中午|下午|晚上|早上|早晨|傍晚|凌晨)?"  # zh-data
_CLOCK = (_POD + r"\s*(?:(?P<h>\d{1,2})\s*[:：]\s*(?P<mi>\d{2})"  # zh-data
          rf"|(?P<hc>\d{{1,2}}|[{_CN}]{{1,3}})\s*[点时](?:\s*(?P<half>半)|\s*整"
          rf"|\s*(?P<mc>\d{{1,2}}|[{_CN}]{{1,3}})\s*分?)?)")
_RE_YMD = re.compile(r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*[日号]?"  # zh-data
                     rf"(?:\s*{_CLOCK})?")
_RE_MD = re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]" rf"(?:\s*{_CLOCK})?")  # zh-data
_RE_SLASH = re.compile(r"(?<![\d:/.-])(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])" rf"(?:\s*{_CLOCK})?")
_RE_REL = re.compile(r"(?P<rel>今天|今日|今晚|明天|明日|明早|明晚|后天|(?P<next>下)?(?:周|星期|礼拜)"  # zh-data
                     r"(?P<wd>[一二三四五六日天1-7]))\s*" + _CLOCK)
_RE_DURATION = re.compile(rf"(?P<n>\d{{1,4}}|[{_CN}]{{1,4}}|半)\s*(?:个)?\s*"  # zh-data
                          r"(?P<unit>小时|钟头|分钟|个工作日|工作日|天|日)\s*(?:之内|以内|内)")
_WEEKDAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}  # zh-data


def _num(text: str) -> int:
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch == "十":  # zh-data
            total += (current or 1) * 10
            current = 0
        elif ch == "百":  # zh-data
            total += (current or 1) * 100
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


#: why a time found is not real (:attr:`Promise.problem`)
BAD_CLOCK = N_("不是真实的钟点")
BAD_DATE = N_("不是真实的日期")
#: the reason shown for each
_BAD_TIME_MESSAGES = {BAD_CLOCK: N_("“时间”里的“{text}”不是真实的钟点：{hint}。"),
                      BAD_DATE: N_("“时间”里的“{text}”不是真实的日期：{hint}。")}


@dataclass(frozen=True)
class Promise:
    """One time found in a "when" text."""
    text: str                    # as written
    at: dt.datetime | None       # the moment promised (None: not known without the clock)
    problem: str = ""            # why it is not a real time, BAD_CLOCK | BAD_DATE ("" when it is)
    day_only: bool = False       # a date without a clock time: it holds until the end of that day


def _clock(m: re.Match) -> tuple[int, int] | None | str:
    """(hour, minute) of the clock in ``m``, None when it has none, or a problem text."""
    if m.group("h") is not None:
        hour, minute = int(m.group("h")), int(m.group("mi"))
    elif m.group("hc") is not None:
        hour = _num(m.group("hc"))
        minute = 30 if m.group("half") else (_num(m.group("mc")) if m.group("mc") else 0)
    else:
        return None
    pod = m.group("pod") or ""
    if pod in ("下午", "晚上", "傍晚") and hour < 12:  # zh-data
        hour += 12
    elif pod == "中午" and hour < 3:  # zh-data
        hour += 12
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return BAD_CLOCK
    return hour, minute


def _at(day: dt.date, clock) -> dt.datetime:
    if clock is None:
        return dt.datetime.combine(day, dt.time(23, 59))
    hour, minute = clock
    return dt.datetime.combine(day, dt.time(0, 0)) + dt.timedelta(hours=hour, minutes=minute)


def find_promises(text: str | None, now: dt.datetime | None = None) -> list[Promise]:
    """Every concrete time in ``text``, in order, each resolved against ``now`` when given."""
    text = unicodedata.normalize("NFKC", text or "")
    found: list[tuple[int, Promise]] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match) -> bool:
        return not any(m.start() < b and a < m.end() for a, b in taken)

    def add(m: re.Match, at, problem="", day_only=False) -> None:
        taken.append(m.span())
        found.append((m.start(), Promise(m.group(0).strip(), at, problem, day_only)))

    for regex in (_RE_YMD, _RE_MD, _RE_SLASH):
        for m in regex.finditer(text):
            if not free(m):
                continue
            month, day = int(m.group("m")), int(m.group("d"))
            year = int(m.groupdict().get("y") or 0)
            clock = _clock(m)
            if isinstance(clock, str):
                add(m, None, clock)
                continue
            if not year:
                year = now.year if now else 2024          # a leap year: 2月29日 is a real date
                try:
                    candidate = dt.date(year, month, day)
                    if now and (now.date() - candidate).days > 180:     # "1月5日" written in December
                        candidate = dt.date(year + 1, month, day)
                except ValueError:
                    add(m, None, BAD_DATE)
                    continue
            else:
                try:
                    candidate = dt.date(year, month, day)
                except ValueError:
                    add(m, None, BAD_DATE)
                    continue
            add(m, _at(candidate, clock) if (now or m.groupdict().get("y")) else None, day_only=clock is None)
    for m in _RE_REL.finditer(text):
        if not free(m):
            continue
        clock = _clock(m)
        if isinstance(clock, str):
            add(m, None, clock)
            continue
        if now is None:
            add(m, None)
            continue
        rel, today = m.group("rel"), now.date()
        if rel.startswith(("今",)):  # zh-data
            day = today
        elif rel.startswith("明"):  # zh-data
            day = today + dt.timedelta(days=1)
        elif rel == "后天":  # zh-data
            day = today + dt.timedelta(days=2)
        else:
            wd = m.group("wd")
            target = int(wd) if wd.isdigit() else _WEEKDAYS[wd]
            if m.group("next"):
                day = today - dt.timedelta(days=today.isoweekday() - 1) + dt.timedelta(days=7 + target - 1)
            else:
                day = today + dt.timedelta(days=(target - today.isoweekday()) % 7)
        if rel in ("今晚", "明晚") and clock[0] < 12:  # zh-data
            clock = (clock[0] + 12, clock[1])
        add(m, _at(day, clock))
    for m in _RE_DURATION.finditer(text):
        if not free(m):
            continue
        n = 0.5 if m.group("n") == "半" else _num(m.group("n"))  # zh-data
        unit = m.group("unit")
        delta = dt.timedelta(minutes=n) if unit == "分钟" else (  # zh-data
            dt.timedelta(hours=n) if unit in ("小时", "钟头") else dt.timedelta(days=n))
        add(m, (now + delta) if now else None)
    return [p for _, p in sorted(found, key=lambda f: f[0])]


def concrete_time(text: str) -> bool:
    """True when ``text`` names a real concrete date/time or a bounded duration (see module doc)."""
    return any(not p.problem for p in find_promises(text))


# -- the rule -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReplyProblem:
    part: str          # "situation" | "solution" | "when" | "" (the whole reply)
    message: str       # one line, in the person's language


def _norm(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def meaningful(text: str, *, forbidden, filler) -> str:
    """What is left of ``text`` after removing forbidden phrases, filler words and punctuation."""
    text = normalise(text)
    for phrase in sorted((normalise(p) for p in list(forbidden) + list(filler)), key=len, reverse=True):
        if phrase:
            text = text.replace(phrase, "")
    return text


def _rules(overrides: dict | None = None) -> dict:
    overrides = dict(overrides or {})
    missing = [s.key for s in SETTINGS if s.key not in overrides]
    return {**(settings.get_many(missing) if missing else {}), **overrides}


def _fmt(at: dt.datetime) -> str:
    return f"{md(at.date())} {at:%H:%M}"      # 6月8日 15:00 / 8 Jun 15:00


def check_reply(situation: str, solution: str, when: str, *, rules: dict | None = None,
                now: dt.datetime | None = None, latest: dt.datetime | None = None) -> list[ReplyProblem]:
    """Every problem of a reply, in the order a clerk should fix them (empty list: fine).

    ``now``: refuse a time already past; ``latest``: refuse a promise beyond it (the ticket's
    deadline)."""
    r = _rules(rules)
    forbidden = [p for p in r["tickets.forbidden_phrases"] if p]
    filler = [p for p in r["tickets.filler_words"] if p]
    vague = [p for p in r["tickets.vague_time_words"] if p]
    min_chars = int(r["tickets.reply_min_chars"])
    raw = {"situation": situation or "", "solution": solution or "", "when": when or ""}
    values = {k: _norm(v) for k, v in raw.items()}
    problems: list[ReplyProblem] = []
    for key, label in PARTS:
        if not normalise(values[key]):
            problems.append(ReplyProblem(key, _("缺少“{part}”：{hint}。").format(part=_(label),
                                                                              hint=_(HINTS[key]))))
    for key, label in PARTS:
        for phrase, written in find_phrases(raw[key], forbidden):
            problems.append(ReplyProblem(key, _phrase_message(label, phrase, written)))
    for key, label in PARTS[:2]:
        if normalise(values[key]):
            left = meaningful(values[key], forbidden=forbidden, filler=filler)
            if len(left) < min_chars:
                problems.append(ReplyProblem(key, _("“{part}”只有客套话或禁用语，去掉后不足 {count} 个字："
                                                    "{hint}。").format(part=_(label), count=min_chars,
                                                                      hint=_(HINTS[key]))))
    if normalise(values["when"]):
        problems.extend(_when_problems(values["when"], vague, now, latest))
    return problems


def _when_problems(when: str, vague, now, latest) -> list[ReplyProblem]:
    promises = find_promises(when, now)
    bad = next((p for p in promises if p.problem), None)
    if bad:
        return [ReplyProblem("when", _(_BAD_TIME_MESSAGES[bad.problem]).format(
            text=bad.text, hint=_(HINTS["when"])))]
    if not promises:
        norm_when = normalise(when)
        word = next((w for w in vague if normalise(w) and normalise(w) in norm_when), None)
        if word:
            return [ReplyProblem("when", _("“时间”写的是“{word}”，不是具体时间：{hint}。").format(
                word=word, hint=_(HINTS["when"])))]
        return [ReplyProblem("when", _("“时间”不是具体时间：{hint}。").format(hint=_(HINTS["when"])))]
    for p in promises:
        if p.at is None:
            continue
        if now is not None and p.at < now:
            return [ReplyProblem("when", _("“时间”里的“{text}”已经过去了（现在是 {now}）：请写一个还没到的时间。")
                                 .format(text=p.text, now=_fmt(now)))]
        if latest is not None and (p.at.date() > latest.date() if p.day_only else p.at > latest):
            return [ReplyProblem("when", _("“时间”承诺的“{text}”超过了工单时限（{latest} 前）：请在时限内解决并写明时间。")
                                 .format(text=p.text, latest=_fmt(latest)))]
    return []


def compose(situation: str, solution: str, when: str) -> str:
    """The text the clerk copies into the carrier's CRM (Chinese in every language: customers read it)."""
    def clean(t: str) -> str:
        return (t or "").strip().rstrip("。.；;，, ")
    return f"情况：{clean(situation)}。方案：{clean(solution)}。解决时间：{clean(when)}。"  # zh-data


def validate_reply(situation: str, solution: str, when: str, *, rules: dict | None = None,
                   now: dt.datetime | None = None, latest: dt.datetime | None = None) -> str:
    """Raise :class:`ValidationError` with the first problem, else return the composed reply."""
    problems = check_reply(situation, solution, when, rules=rules, now=now, latest=latest)
    if problems:
        raise ValidationError(problems[0].message)
    return compose(situation, solution, when)


def check_text(text: str | None, *, label: str, rules: dict | None = None) -> str:
    """The reply rule for other free text a colleague or customer reads (a problem parcel's
    outcome, a handover note): no forbidden phrase, disguised or not, and not only such phrases
    and filler.  Returns the stripped text; raises :class:`ValidationError` naming ``label`` (a
    marked message, ``N_("交接说明")``: it is shown in the person's language)."""
    r = _rules(rules)
    forbidden = [p for p in r["tickets.forbidden_phrases"] if p]
    filler = [p for p in r["tickets.filler_words"] if p]
    text = (text or "").strip()
    for phrase, written in find_phrases(text, forbidden):
        if written == phrase:
            raise ValidationError(_("{label}里有禁用语“{phrase}”：请写清楚具体情况和怎么处理。").format(
                label=_(label), phrase=phrase))
        raise ValidationError(_("{label}里有禁用语“{phrase}”（写成了“{written}”）：请写清楚具体情况和怎么处理。")
                              .format(label=_(label), phrase=phrase, written=_visible(written)))
    if normalise(text) and not meaningful(text, forbidden=forbidden, filler=filler):
        raise ValidationError(_("{label}只有客套话：请写清楚具体情况和怎么处理。").format(label=_(label)))
    return text


# -- templates ------------------------------------------------------------------------------------
#: Placeholders filled from the ticket and its parcel: {waybill} {arrival} {status} {customer}
#: {carrier} {shelf_code} {due}.  Chinese in every language: the reply goes to the customer.
DEFAULT_TEMPLATES = {  # zh-data
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
