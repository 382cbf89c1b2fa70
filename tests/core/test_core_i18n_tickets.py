"""Tickets and CRM replies in English mode (issue 18): every refusal and result a clerk reads comes
from the core's catalog in English, while what the customer reads (the composed reply, the filled
templates) stays Chinese.

A refusal may quote what was written ("核 實 中", a customer's phone, a category from the file):
the quotes are the person's own text, so "no Chinese" is asserted on the reason around them.
"""
import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from outlet_desk import i18n, migrations
from outlet_desk.db import close_database
from outlet_desk.errors import DatabaseTooNew, DomainError, NotFound, ValidationError
from outlet_desk.models import SchemaMeta
from outlet_desk.models.tickets import Ticket
from outlet_desk.storage import open_database
from outlet_desk.tickets import replies, tickets

from ..factories import make_parcel

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
QUOTED = re.compile(r'"[^"]*"')
NOW = dt.datetime(2026, 6, 7, 9, 30)
GOOD = ("运单YT1234567890123因到件量大在网点滞留一天", "网点今天安排专人优先派送并电话通知收件人", "6月8日09:00前")


@pytest.fixture
def english():
    assert i18n.set_language("en")
    yield
    i18n.set_language(i18n.DEFAULT)


#: words stored in the database (data, Chinese in every language): a refusal may list them
STORED_WORDS = sorted(set(Ticket.CATEGORIES + Ticket.RATINGS + Ticket.SEVERITIES), key=len, reverse=True)


def reason(text: str) -> str:
    """The refusal without the quoted text it names and the stored words it lists."""
    text = QUOTED.sub('""', text)
    for word in STORED_WORDS:
        text = text.replace(word, "")
    return text


def assert_english(text: str) -> None:
    assert text and not CJK.search(reason(text)), text


def refusal(exc_type, fn, *args, **kwargs) -> str:
    with pytest.raises(exc_type) as info:
        fn(*args, **kwargs)
    message = str(info.value)
    assert_english(message)
    return message


def new_ticket(actor, category="催件", **kw):
    return tickets.open_ticket(category, "客户催派送", source="crm", waybills=["YT1234567890123"],
                               actor=actor, now=NOW, **kw)


# -- the CRM reply rule ------------------------------------------------------------------------------
def test_a_dressed_up_forbidden_phrase_is_refused_in_english(db, english, clerk):
    t = new_ticket(clerk)
    message = refusal(ValidationError, tickets.reply, t.id, "核 實 中，" + GOOD[0], GOOD[1], GOOD[2],
                      actor=clerk, now=NOW)
    assert message == ('The "Situation" has the forbidden phrase "核实中" (written as "核 實 中"): '
                       'CRM replies must never use it; say what actually happened.')
    assert Ticket.get_by_id(t.id).status == Ticket.NEW            # nothing stored


@pytest.mark.parametrize("parts", [
    ("  ", GOOD[1], GOOD[2]),                                     # a part missing
    (GOOD[0], "您好，感谢理解", GOOD[2]),                          # only filler
    (GOOD[0], GOOD[1], "尽快"),                                    # a vague word
    (GOOD[0], GOOD[1], "等一等"),                                  # no time at all
    (GOOD[0], GOOD[1], "2月30日前"),                               # not a real date
    (GOOD[0], GOOD[1], "6月8日25:00前"),                           # not a real clock
    (GOOD[0], GOOD[1], "6月1日18:00前"),                           # already past
    (GOOD[0], "请知悉，" + GOOD[1], GOOD[2]),                       # a plain forbidden phrase
])
def test_every_kind_of_refused_reply_reads_in_english(db, english, parts):
    problems = replies.check_reply(*parts, now=NOW)
    assert problems
    for p in problems:
        assert_english(p.message)


def test_a_missing_part_names_the_part_and_what_to_write(db, english):
    problems = replies.check_reply(GOOD[0], GOOD[1], " ", now=NOW)
    assert problems[0].message == ('The "Time" is missing: give a concrete date and time or a time limit, '
                                   'e.g. "6/9 18:00" or "2026-06-09 18:00".')


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(phrase=st.sampled_from(["请知悉", "处理中", "核实中", "處理中"]),
       gap=st.sampled_from(["", " ", "\u3000", "，", "\u200b", "\n", "·"]),
       part=st.integers(0, 2))
def test_property_any_disguise_of_a_forbidden_phrase_is_refused_in_english(db, english, phrase, gap, part):
    parts = list(GOOD)
    parts[part] = gap.join(phrase) + parts[part]
    problems = replies.check_reply(*parts, now=NOW)
    found = [p for p in problems if p.part == ("situation", "solution", "when")[part]]
    assert found
    for p in problems:
        assert_english(p.message)


def test_a_promise_beyond_the_deadline_of_a_late_ticket_is_refused_in_english(db, english, clerk):
    t = new_ticket(clerk)                                          # 催件: 24 h, due 6月8日 09:30
    later = NOW + dt.timedelta(days=2)                             # past its deadline
    message = refusal(ValidationError, tickets.reply, t.id, GOOD[0], GOOD[1], "999天内", actor=clerk, now=later)
    assert message.startswith('The time promises "999天内", later than the ticket\'s deadline (before 10 Jun 09:30)')


def test_the_reply_and_its_templates_stay_chinese_for_the_customer(db, english, clerk):
    make_parcel("YT1234567890123", arrived_at=dt.datetime(2026, 6, 5, 8, 30))
    t = new_ticket(clerk, category="查询")
    situation, solution, when = tickets.filled_template(t.id)
    assert "6月5日08:30" in situation and "在网点待取" in situation and when.endswith("前")
    text = tickets.reply(t.id, *GOOD, actor=clerk, now=NOW)
    assert text.startswith("情况：") and "解决时间：6月8日09:00前" in text
    # the screen shows the parcel's state in English
    assert tickets.get_ticket(t.id).parcels[0].status == "Waiting at the outlet"


# -- deadlines and the life cycle ----------------------------------------------------------------------
def test_an_overdue_ticket_reads_in_english(db, english, clerk):
    t = new_ticket(clerk, assignee_id=clerk.id)
    later = NOW + dt.timedelta(days=1, hours=2, minutes=5)         # 2 h 5 min past the 24 h
    row = tickets.list_tickets(now=later)[0]
    assert row.overdue(later)
    assert tickets.countdown_text(row.due_at, later) == "2 h 5 min overdue"
    assert tickets.countdown_text(row.due_at, later, short=True) == "2h 5m late"
    assert row.status_label == "New" and row.source_label == "CRM ticket"
    item, = tickets.open_items(clerk.id, later)
    assert item.title.startswith(f"Ticket #{t.id} ") and item.title.endswith("due 06-08 09:30 (overdue)")
    assert_english(item.title.replace("催件", "").replace("客户催派送", ""))


@hsettings(max_examples=80, deadline=None)
@given(minutes=st.integers(-60 * 24 * 40, 60 * 24 * 40), short=st.booleans())
def test_property_every_countdown_is_english_and_keeps_its_numbers(minutes, short):
    i18n.set_language("en")
    try:
        text = tickets.countdown_text(NOW + dt.timedelta(minutes=minutes), NOW, short=short)
    finally:
        i18n.set_language(i18n.DEFAULT)
    chinese = tickets.countdown_text(NOW + dt.timedelta(minutes=minutes), NOW, short=short)
    assert not CJK.search(text)
    assert re.findall(r"\d+", text) == re.findall(r"\d+", chinese)
    assert (text.endswith(("overdue", "late"))) == chinese.startswith("超")


def test_actions_a_ticket_state_does_not_allow_are_refused_in_english(db, english, clerk, manager):
    t = new_ticket(clerk)
    tickets.start(t.id, actor=clerk, now=NOW)
    message = refusal(DomainError, tickets.start, t.id, actor=clerk, now=NOW)
    assert message == f'Ticket {t.id} is already "In progress"; there is nothing to start.'
    refusal(DomainError, tickets.follow_up, t.id, "客户满意", actor=clerk, now=NOW)
    refusal(DomainError, tickets.close, t.id, "满意", actor=clerk, now=NOW)
    tickets.reply(t.id, *GOOD, actor=clerk, now=NOW)
    tickets.follow_up(t.id, "客户确认已收到", actor=clerk, now=NOW)
    tickets.close(t.id, "满意", actor=clerk, now=NOW)
    assert refusal(DomainError, tickets.close, t.id, "满意", actor=clerk, now=NOW) == f"Ticket {t.id} is already closed."
    refusal(DomainError, tickets.reply, t.id, *GOOD, actor=clerk, now=NOW)
    refusal(DomainError, tickets.escalate, t.id, "严重", "二次投诉", actor=manager, now=NOW)
    refusal(DomainError, tickets.reassign, t.id, clerk.id, actor=manager, now=NOW)
    assert refusal(NotFound, tickets.get_ticket, 999) == "There is no ticket number 999."
    assert [e.label for e in tickets.get_ticket(t.id).events] == ["New", "Started", "Reply", "Follow-up",
                                                                  "Closed"]
    assert [tickets.status_label(s) for s in Ticket.STATUSES] == ["New", "In progress", "Replied", "Follow-up",
                                                                  "Closed"]


def test_bad_input_to_a_ticket_is_refused_in_english(db, english, clerk, manager):
    refusal(ValidationError, tickets.open_ticket, "催件", "  ", actor=clerk, now=NOW)
    new_ticket(clerk, crm_number="CRM1")
    assert refusal(ValidationError, new_ticket, clerk, crm_number="CRM1") == \
        "CRM ticket number CRM1 is already registered."
    message = refusal(ValidationError, tickets.open_ticket, "加急", "催一下", actor=clerk, now=NOW)
    assert ", " in message and "、" not in message                  # the stored words, listed in English
    refusal(ValidationError, tickets.follow_up, 1, " ", actor=clerk, now=NOW)
    refusal(ValidationError, tickets.escalate, 1, "严重", " ", actor=manager, now=NOW)
    refusal(ValidationError, tickets.update_customer, 1, "刘", "12", actor=clerk, now=NOW)
    refusal(ValidationError, tickets.month_range, "6月")


# -- CRM import --------------------------------------------------------------------------------------
HEADER = "CRM单号,类别,标题,运单号,客户姓名,客户电话,内容,创建时间\nCRM0001,延误,客户催派送,,,,,\n"


@pytest.mark.parametrize("bad_line,expected", [
    ("CRM0003,催件,催,,,123,,", 'Line 3: the customer phone "123" is not valid.'),
    ("CRM0003,催件,,,,,,", "Line 3: the title is empty."),
    ("CRM0001,催件,催,,,,,", "Line 3: CRM number CRM0001 appears twice in the file."),
    ("CRM0003,催件,催,,,,,昨天", None),
    ("CRM0003,加急,催,,,,,", None),
    (",催件,催,,,,,", "Line 3: the CRM number is empty."),
])
def test_an_import_row_is_refused_in_english_and_nothing_is_imported(db, english, clerk, tmp_path, bad_line,
                                                                     expected):
    f = tmp_path / "crm.csv"
    f.write_text(HEADER + bad_line + "\n", encoding="utf-8")
    message = refusal(ValidationError, tickets.import_crm, f, actor=clerk, now=NOW)
    assert message.startswith("Line 3: ")
    if expected:
        assert message == expected
    assert Ticket.select().count() == 0


# -- the database -------------------------------------------------------------------------------------
@pytest.mark.sqlite_only
def test_a_database_newer_than_the_program_is_refused_in_english(tmp_path, english):
    open_database(tmp_path / "outlet.db")
    SchemaMeta.update(value=str(migrations.SCHEMA_VERSION + 5)).where(SchemaMeta.key == "version").execute()
    close_database()
    message = refusal(DatabaseTooNew, open_database, tmp_path / "outlet.db")
    close_database()
    assert message.endswith("update Outlet Desk, then open it again.")
