"""English mode for the shifts, staff and day-close messages (issue 18): the roster, leave, swaps,
handover, notebook and duty checklist, attendance, login, the day close's four eyes, money,
backup/restore and retention read in English, with no Chinese left in what the person reads.

The stored words (leave kinds, payment methods, roster cells, rule names) stay Chinese: those are
checked unchanged too.
"""
import datetime as dt
import re
import sqlite3

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from outlet_desk import duty_events, i18n, money
from outlet_desk.datacare import backup, retention
from outlet_desk.dayclose import dayclose
from outlet_desk.errors import AuthError, DayLocked, DomainError, OutletError, ValidationError
from outlet_desk.models.money import Payment
from outlet_desk.models.roster import LeaveRequest
from outlet_desk.permissions import OPERATIONS, SYSTEM, load_all_operations
from outlet_desk.shifts import attendance, handover, leave, roster, staff, tasks
from outlet_desk.shifts.leave import LeaveRuleBroken

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
D = dt.date
DAY = D(2026, 6, 7)
EVENING = dt.datetime(2026, 6, 7, 19, 30)
MINE = ("roster.", "leave.", "handover.", "tasks.", "attendance.", "staff.", "dayclose.", "backup.",
        "retention.")


@pytest.fixture
def english():
    assert i18n.set_language("en")
    yield
    i18n.set_language(i18n.DEFAULT)


def english_only(text: str) -> str:
    assert text and not CJK.search(text), text
    return text


def refusal(exc_type, call, *args, **kwargs) -> str:
    with pytest.raises(exc_type) as info:
        call(*args, **kwargs)
    return english_only(str(info.value))


# people's names are data: English-speaking staff here, so that a name is not taken for a message
@pytest.fixture
def manager(db):
    return staff.add_staff("Manager Li", "manager", "manager803", actor=SYSTEM, now=EVENING).actor()


@pytest.fixture
def clerk(db):
    return staff.add_staff("Lily", "clerk", "1111", actor=SYSTEM, now=EVENING).actor()


@pytest.fixture
def clerk_b(db):
    return staff.add_staff("Fang", "clerk", "2222", actor=SYSTEM, now=EVENING).actor()


@pytest.fixture
def june(manager, clerk, clerk_b, now):
    for m in ("2026-06", "2026-07"):
        roster.generate_month(m, actor=manager, now=now)
        roster.publish_month(m, actor=manager, now=now)
    return "2026-06"


def test_every_operation_label_of_these_capabilities_reads_in_english(english):
    load_all_operations()
    labels = {name: i18n._(op.label) for name, op in OPERATIONS.items() if name.startswith(MINE)}
    assert len(labels) >= 25
    for name, label in labels.items():
        assert not CJK.search(label), (name, label)
    assert labels["dayclose.close"] == "Close the day (manager)"


def test_a_fifth_rest_day_is_refused_in_english_and_the_rule_name_stays_stored_data(
        english, june, clerk, manager, now):
    for day in (2, 9, 16, 23):
        info = leave.request_leave("休息", D(2026, 6, day), actor=clerk, now=now)
        leave.decide_leave(info.id, True, actor=manager, now=now)
    count = LeaveRequest.select().count()
    with pytest.raises(LeaveRuleBroken) as info:
        leave.request_leave("休息", D(2026, 6, 27), actor=clerk, now=now)
    assert str(info.value) == ('Breaks "4 rest days a month": 4 days already taken or requested in '
                               'month 6; 1 more would go over 4.')
    assert info.value.rules == ("每月休息 4 天",)           # stored with an override: data
    assert LeaveRequest.select().count() == count
    # the manager lets it pass: the rule name is stored in Chinese, whatever the screen's language
    passed = leave.request_leave("休息", D(2026, 6, 27), staff_id=clerk.id, override_reason="旺季后补休",
                                 actor=manager, now=now)
    assert LeaveRequest.get_by_id(passed.id).rules_overridden == "每月休息 4 天"
    assert leave.status_text(passed.status) == "Approved"


def test_leave_refusals_and_words_read_in_english(english, june, clerk, clerk_b, manager, now):
    assert refusal(ValidationError, leave.request_leave, "事假", D(2026, 6, 10),
                   actor=clerk, now=now) == "Personal leave needs a reason."
    text = refusal(ValidationError, leave.request_leave, "调休", D(2026, 6, 10), actor=clerk, now=now)
    assert text == "Leave type must be one of: Rest day, Personal leave, Sick leave, Annual leave."
    refusal(ValidationError, leave.request_leave, "休息", D(2026, 6, 10), D(2026, 6, 9),
            actor=clerk, now=now)
    refusal(OutletError, leave.request_leave, "休息", D(2026, 6, 10), staff_id=clerk_b.id,
            actor=clerk, now=now)
    info = leave.request_leave("休息", D(2026, 6, 10), actor=clerk, now=now)
    assert refusal(ValidationError, leave.mark_seen, info.id, actor=clerk, now=now) == \
        "This is your own leave request."
    assert leave.status_text(info.status) == "Waiting for approval"
    leave.cancel_leave(info.id, actor=clerk, now=now)
    refusal(DomainError, leave.cancel_leave, info.id, actor=manager, now=now)
    assert [leave.kind_text(k) for k in leave.KINDS] == ["Rest day", "Personal leave", "Sick leave",
                                                         "Annual leave"]
    assert leave.KINDS[0] == "休息"                          # the stored word is unchanged


def test_roster_gap_and_publish_refusal_read_in_english(english, manager, clerk, clerk_b, now):
    roster.generate_month("2026-06", actor=manager, now=now)
    roster.set_cell(clerk.id, D(2026, 6, 12), "B", actor=manager, now=now)
    roster.set_cell(clerk_b.id, D(2026, 6, 12), "B", actor=manager, now=now)
    assert [p.message for p in roster.coverage("2026-06")] == ["12 Jun: nobody on duty 08:00-10:00."]
    roster.set_cell(clerk.id, D(2026, 6, 13), roster.REST, actor=manager, now=now)
    roster.set_cell(clerk_b.id, D(2026, 6, 13), roster.REST, actor=manager, now=now)
    text = refusal(DomainError, roster.publish_month, "2026-06", actor=manager, now=now)
    assert text == "The roster has a day without staff and cannot be published: 13 Jun: nobody is working."
    assert refusal(ValidationError, roster.set_cell, clerk.id, D(2026, 6, 14), "C", actor=manager,
                   now=now) == "A roster cell can only hold: A, B, All day, Rest, or stay empty for a closed day."
    refusal(DomainError, roster.set_cell, clerk.id, D(2026, 8, 1), "A", actor=manager, now=now)
    refusal(ValidationError, roster.month_key, "June")
    assert refusal(ValidationError, roster.posts, [{"code": "A", "hours": ["08:00-12:00"]},
                                                   {"code": "A", "hours": ["12:00-20:00"]}]) == \
        '"Posts and hours": the post code "A" appears twice.'

    assert roster.post_map()[roster.MERGED].name == "All day"
    assert roster.MERGED == "全天" and roster.REST == "休"   # stored cell words


def test_swap_refusals_and_statuses_read_in_english(english, june, manager, clerk, clerk_b, now):
    assert refusal(ValidationError, roster.ask_swap, clerk.id, D(2026, 6, 20), actor=clerk,
                   now=now) == "Choose another colleague to swap with."
    refusal(ValidationError, roster.ask_swap, clerk_b.id, D(2026, 6, 1), actor=clerk, now=now)
    s = roster.ask_swap(clerk_b.id, D(2026, 6, 20), actor=clerk, now=now)
    assert roster.swap_status_text(s.status) == "Waiting for the colleague"
    text = refusal(DomainError, roster.decide_swap, s.id, True, actor=manager, now=now)
    assert text == "The colleague has not agreed yet, so the manager cannot approve this swap."
    refusal(OutletError, roster.answer_swap, s.id, True, actor=clerk, now=now)
    roster.answer_swap(s.id, False, actor=clerk_b, now=now)
    decided = leave.recent_decisions(clerk.id, now + dt.timedelta(hours=1))
    assert [d.status for d in decided] == ["Colleague declined"]


def test_the_duty_checklist_and_its_events_read_in_english(english, june, clerk, manager, now):
    items = tasks.checklist(DAY, now=now)
    assert len(items) >= 20
    for item in items:
        english_only(item.text)
    texts = {i.id: i.text for i in items}
    assert texts["A08"] == "Set out today's sorting baskets"
    assert texts["B08"] == "Sign-offs done and uploaded (before 14:00)"
    # the setting keeps the Chinese words; a manager's own duty reads as written
    assert tasks.templates()[0].text == "开启系统、QQ、电话"
    assert duty_events.label(duty_events.SIGNOFF_UPLOADED) == "Sign-offs uploaded"
    assert duty_events.key_of("Sign-offs uploaded") == duty_events.SIGNOFF_UPLOADED
    assert duty_events.key_of("签收已上传") == duty_events.SIGNOFF_UPLOADED
    assert "row 1" in refusal(ValidationError, tasks.validate_templates, [{"text": ""}])
    refusal(ValidationError, tasks.validate_templates, [{"text": "x", "time": "8 点"}])
    refusal(ValidationError, tasks.validate_templates, [{"text": "x", "time": "08:00", "post": "Z"}])
    refusal(OutletError, tasks.tick, DAY, "NOPE", actor=clerk, now=now)
    refusal(ValidationError, tasks.tick, DAY + dt.timedelta(days=1), "A01", actor=clerk, now=now)


def test_notebook_and_handover_read_in_english(english, june, clerk, clerk_b, now):
    assert refusal(ValidationError, tasks.add_note, "  ", DAY, actor=clerk, now=now) == \
        "Write something in the notebook entry."
    note = tasks.add_note("Call the customer on shelf 3 again", DAY, actor=clerk, now=now)
    assert [i.title for i in tasks.open_items(clerk.id, now)] == \
        ["Notebook: Call the customer on shelf 3 again (7 Jun)"]
    tasks.done_note(note.id, actor=clerk, now=now)
    assert refusal(DomainError, tasks.done_note, note.id, actor=clerk, now=now) == \
        "This entry is already done."
    text = refusal(ValidationError, handover.hand_over_shift, "", actor=clerk, now=now)
    assert text == "Nothing to hand over: write a few words for the shift handover first."
    h = handover.hand_over_shift("Shelf 3 has two refused parcels to return.", ["Return them by 9"],
                                 actor=clerk, now=now)
    item = h.items[0]
    refusal(OutletError, handover.acknowledge_item, item.id, actor=clerk, now=now)
    refusal(DomainError, handover.acknowledge_note, h.id, actor=clerk_b, now=now)
    assert handover.kind_text(item.kind) == "Written by hand"


def test_attendance_login_and_staff_refusals_read_in_english(english, clerk, manager, now):
    assert refusal(DomainError, attendance.clock_out, actor=clerk, now=now) == \
        "You have not clocked in today, so you cannot clock out."
    assert refusal(AuthError, staff.login, clerk.id, "9999", now=now) == "Wrong PIN. 4 tries left."
    assert refusal(AuthError, staff.login, manager.id, "nope", now=now) == "Wrong password. 4 tries left."
    for _ in range(3):
        refusal(AuthError, staff.login, clerk.id, "9999", now=now)
    assert refusal(AuthError, staff.login, clerk.id, "9999", now=now) == \
        "5 wrong tries in a row: the account is locked for 5 minutes."
    assert refusal(AuthError, staff.login, clerk.id, "1111", now=now) == \
        "Too many wrong tries: the account is locked. Try again in 5 minutes."
    assert refusal(ValidationError, staff.add_staff, "Lily", "clerk", "1234", actor=SYSTEM, now=now) == \
        'There is already a staff member named "Lily".'
    refusal(ValidationError, staff.add_staff, "New", "clerk", "12", actor=SYSTEM, now=now)
    refusal(ValidationError, staff.add_staff, "New", "boss", "123456", actor=SYSTEM, now=now)


def _pay(method, fen):
    return Payment.create(day=DAY, at=dt.datetime(2026, 6, 7, 12), kind=Payment.SENDING_FEE,
                          method=method, amount_fen=fen)


def test_day_close_four_eyes_and_its_ledger_read_in_english(english, db, clerk, clerk_b, manager):
    _pay("现金", 1000)
    assert refusal(ValidationError, dayclose.confirm, DAY, actor=clerk, now=EVENING) == \
        "The cash is not counted yet: enter the cash in the drawer by denomination or as a total."
    dayclose.save_count(DAY, cash_total_fen=900, actor=clerk, now=EVENING)
    assert refusal(ValidationError, dayclose.confirm, DAY, actor=clerk, now=EVENING) == \
        "The Cash difference of -1.00 yuan needs a reason."
    r = dayclose.save_count(DAY, notes={"现金": "1 yuan change given twice"}, actor=clerk, now=EVENING)
    assert r.message == "Cash count and notes saved."
    # four eyes: the manager never confirms for a clerk, and needs two clerks' confirmations
    assert refusal(ValidationError, dayclose.confirm, DAY, actor=manager, now=EVENING) == \
        ("The manager cannot confirm for the clerks: the day's two clerks each confirm, then the "
         "manager closes the day.")
    r = dayclose.confirm(DAY, actor=clerk, now=EVENING)
    assert r.message == "Lily confirmed; the other clerk still needs to confirm."
    assert refusal(ValidationError, dayclose.close_day, DAY, actor=manager, now=EVENING) == \
        "7 Jun has not been confirmed by two clerks, so it cannot be closed."
    refusal(ValidationError, dayclose.confirm, DAY, actor=clerk, now=EVENING)
    dayclose.confirm(DAY, actor=clerk_b, now=EVENING)
    r = dayclose.close_day(DAY, actor=manager, now=EVENING)
    assert r.message == "7 Jun is closed; its accounts are locked."
    text = refusal(DayLocked, money.record_payment, Payment.SENDING_FEE, "现金", 100, actor=clerk,
                   now=EVENING)
    assert text.startswith("7 Jun is closed and can no longer be changed")
    english_only(dayclose.ledger(DAY).shelf.text)
    refusal(ValidationError, dayclose.add_adjustment, DAY, reason="", actor=manager, now=EVENING)
    text = refusal(ValidationError, dayclose.add_adjustment, DAY, reason="x", method="支票",
                   actor=manager, now=EVENING)
    assert text == "The payment method must be one of: Cash, WeChat, Alipay, Monthly account, Cash on delivery."
    assert dayclose.denomination_label(50) == "5 jiao"
    assert Payment.METHODS[0] == "现金"                       # stored words unchanged


def test_day_close_bad_counts_read_in_english(english, db, clerk):
    refusal(ValidationError, dayclose.save_count, DAY, cash_denominations={300: 1}, actor=clerk,
            now=EVENING)
    refusal(ValidationError, dayclose.save_count, DAY, cash_denominations={10000: -1}, actor=clerk,
            now=EVENING)
    refusal(ValidationError, dayclose.save_count, DAY, counted={"现金": 1}, actor=clerk, now=EVENING)
    refusal(ValidationError, dayclose.save_count, DAY + dt.timedelta(days=1), cash_total_fen=0,
            actor=clerk, now=EVENING)
    for item in dayclose.open_items(clerk.id, dt.datetime(2026, 6, 8, 9)):
        english_only(item.title)


@pytest.mark.sqlite_only
def test_backup_restore_and_check_read_in_english(english, db, tmp_path, manager):
    from outlet_desk.db import close_database
    info = backup.backup_now(tmp_path, actor=manager, reason="daily", now=EVENING)
    assert backup.verify_file(info.path) == (True, "OK")
    assert backup.check(tmp_path) == []
    close_database()
    foreign = tmp_path / "someone-else.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = (tmp_path / "outlet.db").read_bytes()
    text = refusal(DomainError, backup.restore, tmp_path, foreign, actor=manager, now=EVENING)
    assert text == ("This backup cannot be restored: not an Outlet Desk database (no version number). "
                    "The current data is unchanged.")
    assert (tmp_path / "outlet.db").read_bytes() == before


def test_retention_refuses_too_short_a_period_in_english(english, db, manager, now):
    text = refusal(ValidationError, retention.purge, actor=manager, now=now, days=1)
    assert text.startswith("Days kept cannot be fewer than 30")


def test_chinese_stays_the_default_for_the_same_refusals(june, clerk, now):
    with pytest.raises(ValidationError, match="^请写上事假的原因。$"):
        leave.request_leave("事假", D(2026, 6, 10), actor=clerk, now=now)
    assert tasks.checklist(DAY, now=now)[0].text == "开启系统、QQ、电话"
    assert duty_events.label(duty_events.SIGNOFF_UPLOADED) == "签收已上传"


# -- invariant: the language changes the words, never the decision ----------------------------------
#: a day as dates.md() writes it: dates.py is outside this part of issue 18 (see the lead's notes)
MD = re.compile(r"\d+月\d+日")

asks = st.lists(st.tuples(st.sampled_from(("休息", "事假", "病假", "年假", "调休")),
                          st.integers(0, 55), st.integers(0, 5), st.booleans(), st.booleans()),
                min_size=1, max_size=8)


def _run(steps, people, now):
    """Each request in turn: ("ok", kind) or (error type, rules) — and on a refusal, nothing
    stored.  The texts read are returned apart."""
    LeaveRequest.delete().execute()
    outcomes, texts = [], []
    for kind, offset, length, with_reason, second in steps:
        who = people[1] if second else people[0]
        start = D(2026, 6, 8) + dt.timedelta(days=offset)
        count = LeaveRequest.select().count()
        try:
            info = leave.request_leave(kind, start, start + dt.timedelta(days=length),
                                       "family matters" if with_reason else "", actor=who, now=EVENING)
            outcomes.append(("ok", info.kind, info.days))
        except OutletError as exc:
            assert LeaveRequest.select().count() == count
            outcomes.append((type(exc).__name__, getattr(exc, "rules", ())))
            texts.append(str(exc))
    return outcomes, texts


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=asks)
def test_leave_decisions_are_the_same_in_english_and_chinese_and_english_has_no_chinese(
        steps, june, clerk, clerk_b):
    try:
        assert i18n.set_language("en")
        english, texts = _run(steps, (clerk, clerk_b), EVENING)
    finally:
        i18n.set_language(i18n.DEFAULT)
    chinese, zh_texts = _run(steps, (clerk, clerk_b), EVENING)
    assert english == chinese
    for text in texts:
        english_only(MD.sub("6/8", text))
    assert all(CJK.search(t) for t in zh_texts)
