"""The CRM reply rule against disguised phrases and unreal times (issue 17)."""
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from outlet_desk.errors import ValidationError
from outlet_desk.tickets import replies

NOW = dt.datetime(2026, 6, 7, 9, 30)
DUE = dt.datetime(2026, 6, 9, 9, 30)           # a 48-hour ticket opened at NOW
SITUATION = "运单YT1234567890123因到件量大在网点滞留一天"
SOLUTION = "网点今天安排专人优先派送并电话通知收件人"
WHEN = "6月8日18:00前"
RULES = {"tickets.forbidden_phrases": ["请知悉", "处理中", "核实中"],
         "tickets.vague_time_words": ["尽快", "稍后"], "tickets.filler_words": ["您好", "谢谢"],
         "tickets.reply_min_chars": 6}


def problems(situation=SITUATION, solution=SOLUTION, when=WHEN, **kw):
    return replies.check_reply(situation, solution, when, rules=RULES, **kw)


def test_the_good_reply_passes_with_the_clock_and_the_deadline():
    assert problems(now=NOW, latest=DUE) == []


@pytest.mark.parametrize("written,phrase", [
    ("核实中", "核实中"), ("处理中", "处理中"), ("请知悉", "请知悉"),          # the plain forms
    ("核 实 中", "核实中"), ("核　实　中", "核实中"),                           # spaces, full-width spaces
    ("核，实，中", "核实中"), ("核-实-中", "核实中"), ("处.理.中", "处理中"), ("请/知/悉", "请知悉"),
    ("核\u200b实\u200c中", "核实中"), ("处\u200d理\ufeff中", "处理中"), ("请\u2060知悉", "请知悉"),
    ("核\u00ad实中", "核实中"),                                                 # soft hyphen
    ("核实\n中", "核实中"), ("处理\r\n中", "处理中"), ("请知\u2028悉", "请知悉"),   # line breaks
    ("處理中", "处理中"), ("請知悉", "请知悉"), ("核實中", "核实中"),               # traditional
    ("核 實，中", "核实中"), ("ｈ處 理\u200b中", "处理中"),
    # review: the Hangul fillers are "letters" that show as nothing; ー/ｰ is a dash in all but name
    ("处\u3164理中", "处理中"), ("核\uffa0实中", "核实中"), ("请\u115f知悉", "请知悉"),
    ("处理ｰ中", "处理中"), ("核ー实ー中", "核实中"),
])
def test_every_disguise_of_a_forbidden_phrase_is_refused(written, phrase):
    for part in range(3):
        parts = [SITUATION, SOLUTION, WHEN]
        parts[part] = parts[part] + "，" + written if part < 2 else written + "，" + WHEN
        found = problems(*parts)
        assert any(f"禁用语“{phrase}”" in p.message for p in found), (part, found)


def test_the_refusal_shows_how_it_was_written():
    msg = problems(SITUATION + "，核\u200b實，中")[0].message
    assert "禁用语“核实中”（写成了“核·實，中”）" in msg
    with pytest.raises(ValidationError, match="^“情况”里有禁用语“核实中”："):
        replies.validate_reply(SITUATION + "核实中", SOLUTION, WHEN, rules=RULES)


def test_a_manager_may_list_a_phrase_in_traditional_or_with_spaces():
    rules = {**RULES, "tickets.forbidden_phrases": ["已 反饋"]}
    found = replies.check_reply(SITUATION, "已反馈，" + SOLUTION, WHEN, rules=rules)
    assert "禁用语“已 反饋”" in found[0].message


def test_a_part_of_only_punctuation_and_invisible_characters_is_missing():
    found = problems(solution="。。\u200b ，")
    assert found[0].message.startswith("缺少“方案”")


SEPARATORS = st.sampled_from([" ", "\u3000", "，", ",", "-", "—", ".", "。", "、", "\u200b", "\u200c", "\u200d",
                              "\u2060", "\ufeff", "\u00ad", "\n", "\r\n", "\t", "*", "_", "~", "·", "/"])


@given(phrase=st.sampled_from(["请知悉", "处理中", "核实中", "請知悉", "處理中", "核實中"]),
       gaps=st.lists(st.lists(SEPARATORS, max_size=3).map("".join), min_size=2, max_size=2),
       part=st.sampled_from([0, 1, 2]), full_width=st.booleans())
@hsettings(max_examples=300, deadline=None)
def test_random_separators_never_hide_a_forbidden_phrase(phrase, gaps, part, full_width):
    disguised = phrase[0] + gaps[0] + phrase[1] + gaps[1] + phrase[2]
    parts = [SITUATION, SOLUTION, WHEN]
    parts[part] = (parts[part] + disguised) if part < 2 else disguised + WHEN
    if full_width:
        parts = [p.replace("1", "１") for p in parts]
    found = [p for p in problems(*parts) if "禁用语" in p.message]
    assert found and found[0].part == ("situation", "solution", "when")[part]


# -- the time must be real ------------------------------------------------------------------------
@pytest.mark.parametrize("when,reason", [
    ("2月30日前", "不是真实的日期"), ("2026-02-30", "不是真实的日期"), ("6月31日18:00前", "不是真实的日期"),
    ("13月40日", "不是真实的日期"), ("6月8日25:00前", "不是真实的钟点"), ("明天24:30前", "不是真实的钟点"),
    ("6/8 18:75", "不是真实的钟点"),
])
def test_impossible_dates_and_clocks_are_refused_even_without_the_clock(when, reason):
    found = problems(when=when)
    assert found and found[0].part == "when" and reason in found[0].message
    assert when.split("前")[0] in found[0].message


@pytest.mark.parametrize("when", ["999天内", "30天内", "3个工作日内", "72小时内", "6月10日前", "2026-06-09 10:00",
                                  "下周三18:00前", "6月9日09:31前"])
def test_a_promise_beyond_the_ticket_deadline_is_refused(when):
    found = problems(when=when, now=NOW, latest=DUE)
    assert found and "超过了工单时限（6月9日 09:30 前）" in found[0].message


@pytest.mark.parametrize("when", ["48小时内", "两小时内", "6月9日前", "6月9日09:30前", "明天12点前", "后天上午9点前",
                                  "今天下午3点半前", "今晚8点前", "周一17:30前", "2026/6/8", "尽快，最晚6月8日18:00前"])
def test_promises_within_the_deadline_pass(when):
    assert problems(when=when, now=NOW, latest=DUE) == []


@pytest.mark.parametrize("when", ["6月6日18:00前", "6月6日前", "今天08:00前", "2026-06-01", "今天上午9点前"])
def test_a_time_in_the_past_is_refused(when):
    found = problems(when=when, now=NOW, latest=DUE)
    assert found and "已经过去了" in found[0].message


def test_the_year_turns_over_for_a_date_early_next_year():
    now = dt.datetime(2026, 12, 30, 10, 0)
    assert problems(when="1月2日前", now=now, latest=dt.datetime(2027, 1, 2, 10, 0)) == []
    assert "已经过去了" in problems(when="12月29日前", now=now)[0].message


def test_the_ticket_service_holds_the_reply_to_the_deadline(db, clerk):
    from outlet_desk.tickets import tickets
    t = tickets.open_ticket("延误", "包裹三天未派送", actor=clerk, now=NOW)
    with pytest.raises(ValidationError, match="超过了工单时限"):
        tickets.reply(t.id, SITUATION, SOLUTION, "999天内", actor=clerk, now=NOW)
    with pytest.raises(ValidationError, match="已经过去了"):
        tickets.reply(t.id, SITUATION, SOLUTION, "6月1日前", actor=clerk, now=NOW)
    with pytest.raises(ValidationError, match="不是真实的日期"):
        tickets.reply(t.id, SITUATION, SOLUTION, "2月30日前", actor=clerk, now=NOW)
    assert tickets.reply(t.id, SITUATION, SOLUTION, "6月9日前", actor=clerk, now=NOW)


def test_a_late_reply_may_promise_one_more_deadline_period(db, clerk):
    from outlet_desk.tickets import tickets
    t = tickets.open_ticket("催件", "催件", actor=clerk, now=NOW)           # 24 hours: due 6月8日 09:30
    late = NOW + dt.timedelta(hours=30)
    assert tickets.promise_limit(tickets._get(t.id), late) == late + dt.timedelta(hours=24)
    with pytest.raises(ValidationError, match="已经过去了"):
        tickets.reply(t.id, SITUATION, SOLUTION, "6月8日09:30前", actor=clerk, now=late)
    assert tickets.reply(t.id, SITUATION, SOLUTION, "24小时内", actor=clerk, now=late)


# -- the same rule for other text a colleague or customer reads ----------------------------------
@pytest.mark.parametrize("text", ["核 實 中", "处理\u200b中", "請知悉"])
def test_free_text_refuses_disguised_phrases(db, text):
    with pytest.raises(ValidationError, match="^交接说明里有禁用语"):
        replies.check_text("包裹在2号架，" + text, label="交接说明")


def test_free_text_of_only_filler_is_refused_and_plain_text_passes(db):
    with pytest.raises(ValidationError, match="只有客套话"):
        replies.check_text("谢谢！", label="处理说明")
    assert replies.check_text("  客户改约明天来取  ", label="处理说明") == "客户改约明天来取"
    assert replies.check_text("", label="处理说明") == ""
