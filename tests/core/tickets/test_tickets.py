"""Tickets: reply rule, deadlines, life cycle, permissions, CRM import, claims, e-orders, analysis."""
import datetime as dt

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from outlet_desk import settings
from outlet_desk.errors import DomainError, PermissionDenied, ValidationError
from outlet_desk.models import AuditLog
from outlet_desk.models.eorders import EOrder
from outlet_desk.models.tickets import Ticket, TicketEvent
from outlet_desk.outgoing import eorders
from outlet_desk.permissions import SYSTEM
from outlet_desk.shifts import staff
from outlet_desk.tickets import claims, replies, tickets

from ...factories import make_parcel

NOW = dt.datetime(2026, 6, 7, 9, 30)          # a Sunday; the demo outlet is open every day
GOOD = ("运单YT1234567890123因到件量大在网点滞留一天", "网点今天安排专人优先派送并电话通知收件人",
        "6月9日09:00前")


# -- the reply rule ---------------------------------------------------------------------------------
def test_proper_reply_is_accepted_and_joined_for_the_crm(db):
    text = replies.validate_reply(*GOOD)
    assert text == ("情况：运单YT1234567890123因到件量大在网点滞留一天。方案：网点今天安排专人优先派送"
                    "并电话通知收件人。解决时间：6月9日09:00前。")


@pytest.mark.parametrize("phrase", ["请知悉", "处理中", "核实中"])
def test_each_forbidden_phrase_is_refused_by_name(db, phrase):
    with pytest.raises(ValidationError, match=f"“{phrase}”"):
        replies.validate_reply(GOOD[0] + "，" + phrase, GOOD[1], GOOD[2])
    with pytest.raises(ValidationError, match=f"“{phrase}”"):
        replies.validate_reply(GOOD[0], f"{phrase}，" + GOOD[1], GOOD[2])


def test_the_forbidden_list_is_configurable(db):
    settings.update({"tickets.forbidden_phrases": "请知悉,处理中,核实中,已反馈"}, actor=SYSTEM, now=NOW)
    with pytest.raises(ValidationError, match="“已反馈”"):
        replies.validate_reply(GOOD[0], "已反馈，" + GOOD[1], GOOD[2])


@pytest.mark.parametrize("missing,label", [(0, "情况"), (1, "方案"), (2, "时间")])
def test_a_missing_part_is_refused(db, missing, label):
    parts = list(GOOD)
    parts[missing] = "  "
    with pytest.raises(ValidationError, match=f"缺少“{label}”"):
        replies.validate_reply(*parts)


@pytest.mark.parametrize("vague", ["尽快", "近期", "稍后", "尽快处理"])
def test_a_vague_time_is_refused(db, vague):
    with pytest.raises(ValidationError, match="不是具体时间"):
        replies.validate_reply(GOOD[0], GOOD[1], vague)


@pytest.mark.parametrize("when", ["6月9日18:00前", "明天12点前", "2026-06-09 18:00", "48小时内", "两小时内",
                                  "3个工作日内", "周五17:30前", "今天下午3点半前", "尽快，最晚6月9日前"])
def test_concrete_times(when):
    assert replies.concrete_time(when)


@pytest.mark.parametrize("when", ["明天", "明天下午", "下周", "13月40日", "马上", "有结果后通知"])
def test_not_concrete_times(when):
    assert not replies.concrete_time(when)


def test_filler_only_reply_is_refused(db):
    with pytest.raises(ValidationError, match="只有客套话"):
        replies.validate_reply("您好！谢谢！", GOOD[1], GOOD[2])
    # forbidden phrase + filler: every problem is listed, the forbidden phrase first by name
    problems = replies.check_reply("您好，核实中。", GOOD[1], GOOD[2])
    assert [p.part for p in problems] == ["situation", "situation"]
    assert "核实中" in problems[0].message and "客套话" in problems[1].message


# -- deadlines --------------------------------------------------------------------------------------
def test_ticket_deadline_from_category_and_configurable(db, clerk):
    assert tickets.due_time("延误", NOW) == NOW + dt.timedelta(hours=48)
    assert tickets.due_time("催件", NOW) == NOW + dt.timedelta(hours=24)
    settings.update({"tickets.deadline_hours": {**settings.get("tickets.deadline_hours"), "延误": 12}},
                    actor=SYSTEM, now=NOW)
    assert tickets.due_time("延误", NOW) == NOW + dt.timedelta(hours=12)


def test_ticket_deadline_runs_on_calendar_hours_through_the_night(db):
    evening = dt.datetime(2026, 6, 7, 19, 50)
    assert tickets.due_time("催件", evening) == dt.datetime(2026, 6, 8, 19, 50)


def test_eorder_arriving_at_1950_is_due_at_0820_next_morning(db, clerk):
    o = eorders.enter_order("DD001", dt.datetime(2026, 6, 7, 19, 50), actor=clerk,
                            now=dt.datetime(2026, 6, 7, 19, 52))
    assert o.accept_due == dt.datetime(2026, 6, 8, 8, 20)   # 10 min today + 20 min after opening
    accepted = eorders.accept(o.id, actor=clerk, now=dt.datetime(2026, 6, 7, 19, 55))
    assert accepted.collect_due == dt.datetime(2026, 6, 8, 9, 55)   # 5 min + 115 min


def test_eorder_before_opening_and_on_a_closed_weekday(db, clerk):
    assert eorders.accept_due(dt.datetime(2026, 6, 7, 6, 40)) == dt.datetime(2026, 6, 7, 8, 30)
    settings.update({"outlet.open_weekdays": "1,2,3,4,5,6"}, actor=SYSTEM, now=NOW)   # closed Sundays
    assert eorders.accept_due(dt.datetime(2026, 6, 6, 19, 50)) == dt.datetime(2026, 6, 8, 8, 20)
    assert eorders.accept_due(dt.datetime(2026, 6, 8, 9, 0)) == dt.datetime(2026, 6, 8, 9, 30)


def test_countdown_text():
    assert tickets.countdown_text(NOW + dt.timedelta(hours=5, minutes=20), NOW) == "剩 5 小时 20 分"
    assert tickets.countdown_text(NOW - dt.timedelta(days=1, minutes=3), NOW) == "超时 1 天 0 小时 3 分"
    assert tickets.countdown_text(NOW - dt.timedelta(days=1, hours=2), NOW, short=True) == "超 1天2时"
    assert tickets.countdown_text(NOW + dt.timedelta(minutes=7), NOW, short=True) == "剩 7分"


# -- life cycle -------------------------------------------------------------------------------------
def test_delay_complaint_through_reply_follow_up_and_close(db, clerk):
    p = make_parcel("YT1234567890123", arrived_at=dt.datetime(2026, 6, 5, 8, 30))
    t = tickets.open_ticket("延误", "包裹三天未派送", source="counter", waybills=["yt1234567890123"],
                            customer_name="刘晓明", customer_phone="13912345678", actor=clerk, now=NOW)
    tickets.start(t.id, actor=clerk, now=NOW)
    with pytest.raises(DomainError, match="回访后才能关闭"):
        tickets.close(t.id, "满意", actor=clerk, now=NOW)
    text = tickets.reply(t.id, *GOOD, actor=clerk, now=NOW + dt.timedelta(minutes=10))
    tickets.follow_up(t.id, "客户已收到包裹", actor=clerk, now=NOW + dt.timedelta(hours=30))
    with pytest.raises(ValidationError, match="满意度"):
        tickets.close(t.id, "很好", actor=clerk, now=NOW)
    tickets.close(t.id, "一般", actor=clerk, now=NOW + dt.timedelta(hours=31))
    d = tickets.get_ticket(t.id)
    assert d.row.status == Ticket.CLOSED and d.row.rating == "一般" and d.reply_text == text
    assert [e.kind for e in d.events] == ["opened", "started", "replied", "follow_up", "closed"]
    assert d.customer_phone_masked == "139****5678" and "5678" in d.row.customer and "1234" not in d.row.customer
    assert d.parcels[0].waybill == p.waybill and d.parcels[0].direction == "inbound"
    assert d.row.assignee == "张丽"


def test_bad_reply_changes_nothing(db, clerk):
    t = tickets.open_ticket("催件", "催件", actor=clerk, now=NOW)
    with pytest.raises(ValidationError, match="核实中"):
        tickets.reply(t.id, "核实中", GOOD[1], GOOD[2], actor=clerk, now=NOW)
    row = Ticket.get_by_id(t.id)
    assert row.status == Ticket.NEW and row.reply_text is None
    assert TicketEvent.select().where(TicketEvent.ticket == t.id).count() == 1


def test_overdue_count_and_open_items(db, clerk, clerk_b):
    a = tickets.open_ticket("催件", "甲", assignee_id=clerk.id, actor=clerk, now=NOW)
    tickets.open_ticket("延误", "乙", assignee_id=clerk.id, actor=clerk, now=NOW)
    tickets.open_ticket("查询", "丙", assignee_id=clerk_b.id, actor=clerk, now=NOW)
    later = NOW + dt.timedelta(hours=25)
    assert tickets.count_overdue(later) == 2
    items = tickets.open_items(clerk.id, later)
    assert [i.ref for i in items] == [str(a.id), str(a.id + 1)]
    assert "已超时" in items[0].title and "已超时" not in items[1].title


def test_customer_change_is_audited_masked(db, clerk):
    t = tickets.open_ticket("查询", "问件", customer_name="王磊", customer_phone="13355556666", actor=clerk, now=NOW)
    tickets.update_customer(t.id, "王磊", "13355557777", actor=clerk, now=NOW)
    log = AuditLog.select().where(AuditLog.action == "ticket.customer_data").order_by(AuditLog.id.desc()).first()
    assert "133****6666" in log.detail and "133****7777" in log.detail and "13355557777" not in log.detail
    assert Ticket.get_by_id(t.id).customer_phone == "13355557777"


# -- permissions ------------------------------------------------------------------------------------
def test_escalation_and_reassignment_are_manager_only(db, clerk, clerk_b, manager):
    t = tickets.open_ticket("服务态度", "投诉态度", assignee_id=clerk.id, actor=clerk, now=NOW)
    with pytest.raises(PermissionDenied, match="店长"):
        tickets.escalate(t.id, "严重", "二次投诉", actor=clerk, now=NOW)
    with pytest.raises(PermissionDenied, match="店长"):
        tickets.reassign(t.id, clerk_b.id, actor=clerk, now=NOW)
    row = Ticket.get_by_id(t.id)
    assert not row.escalated and row.assignee_id == clerk.id
    tickets.escalate(t.id, "严重", "二次投诉", actor=manager, now=NOW)
    tickets.reassign(t.id, clerk_b.id, "张丽休假", actor=manager, now=NOW)
    row = Ticket.get_by_id(t.id)
    assert row.escalated and row.severity == "严重" and row.assignee_id == clerk_b.id
    assert AuditLog.select().where(AuditLog.action.in_(["ticket.escalate", "ticket.reassign"])).count() == 2
    with pytest.raises(ValidationError, match="严重程度"):
        tickets.escalate(t.id, "超级", "x", actor=manager, now=NOW)


# -- which actions the core allows ------------------------------------------------------------------
def test_allowed_actions_follow_the_life_cycle_and_the_role(db, clerk, manager):
    t = tickets.open_ticket("延误", "包裹没到", actor=clerk, now=NOW)
    row = Ticket.get_by_id(t.id)
    assert tickets.allowed_actions(row, actor=clerk) == {"start", "reply", "customer"}
    assert tickets.allowed_actions(row, actor=manager) == {"start", "reply", "customer", "escalate", "reassign"}
    tickets.reply(t.id, *GOOD, actor=clerk, now=NOW)
    assert tickets.allowed_actions(Ticket.get_by_id(t.id), actor=clerk) == {"reply", "follow_up", "customer"}
    tickets.follow_up(t.id, "客户已收到", actor=clerk, now=NOW)
    assert tickets.allowed_actions(Ticket.get_by_id(t.id), actor=clerk) == {"close", "customer"}
    tickets.close(t.id, "满意", actor=clerk, now=NOW)
    closed = tickets.get_ticket(t.id).row               # a list row answers the same as the model
    assert tickets.allowed_actions(closed, actor=manager) == {"customer"}
    assert tickets.allowed_actions(closed, actor=None) == frozenset()


ACTION_CALLS = {
    "start": lambda tid, actor, other: tickets.start(tid, actor=actor, now=NOW),
    "reply": lambda tid, actor, other: tickets.reply(tid, *GOOD, actor=actor, now=NOW),
    "follow_up": lambda tid, actor, other: tickets.follow_up(tid, "客户已收到", actor=actor, now=NOW),
    "close": lambda tid, actor, other: tickets.close(tid, "满意", actor=actor, now=NOW),
    "escalate": lambda tid, actor, other: tickets.escalate(tid, "严重", "二次投诉", actor=actor, now=NOW),
    "reassign": lambda tid, actor, other: tickets.reassign(tid, other.id, actor=actor, now=NOW),
    "customer": lambda tid, actor, other: tickets.update_customer(tid, "王磊", "13355556666", actor=actor, now=NOW),
}


def test_every_action_has_a_call_here():
    assert set(ACTION_CALLS) == set(tickets.ACTION_STATUSES) == set(tickets.ACTION_OPERATIONS)


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(sorted(ACTION_CALLS)), st.booleans()), min_size=1, max_size=12))
def test_what_the_core_allows_succeeds_and_what_it_refuses_raises(db, clerk, manager, steps):
    """Over random walks through the life cycle by clerk and manager: every action
    :func:`tickets.allowed_actions` offers succeeds, every other one raises a domain error and
    leaves the ticket as it was."""
    t = tickets.open_ticket("延误", "包裹没到", assignee_id=clerk.id, actor=clerk, now=NOW)
    for action, by_manager in steps:
        actor = manager if by_manager else clerk
        before = Ticket.get_by_id(t.id)
        offered = tickets.allowed_actions(before, actor=actor)
        if action in offered:
            ACTION_CALLS[action](t.id, actor, clerk)
        else:
            with pytest.raises(DomainError):
                ACTION_CALLS[action](t.id, actor, clerk)
            after = Ticket.get_by_id(t.id)
            assert (after.status, after.escalated, after.assignee_id) == \
                (before.status, before.escalated, before.assignee_id)


# -- CRM import -------------------------------------------------------------------------------------
CSV_OK = """CRM单号,类别,标题,运单号,客户姓名,客户电话,内容,创建时间
CRM0001,延误,客户催派送,YT1234567890123,刘晓明,13912345678,三天未派送,2026-06-06 10:00
CRM0002,查询,询问到件,ZT7654321098765,,,,
"""


def test_crm_import_good_and_duplicates_not_created_twice(db, clerk, tmp_path):
    f = tmp_path / "crm.csv"
    f.write_text(CSV_OK, encoding="utf-8")
    r = tickets.import_crm(f, actor=clerk, now=NOW)
    assert r.created == 2 and r.duplicates == ()
    t = Ticket.get(Ticket.crm_number == "CRM0001")
    assert t.source == "crm" and t.created_at == dt.datetime(2026, 6, 6, 10) and t.waybills == "YT1234567890123"
    assert t.due_at == dt.datetime(2026, 6, 8, 10)
    r2 = tickets.import_crm(f, actor=clerk, now=NOW)
    assert r2.created == 0 and r2.duplicates == ("CRM0001", "CRM0002")
    assert Ticket.select().count() == 2


def test_crm_import_xlsx_gbk(db, clerk, tmp_path):
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.append(["CRM单号", "类别", "标题"])
    wb.active.append(["CRM9", "破损", "外箱破损"])
    wb.save(tmp_path / "crm.xlsx")
    assert tickets.import_crm(tmp_path / "crm.xlsx", actor=clerk, now=NOW).created == 1
    (tmp_path / "gbk.csv").write_bytes("CRM单号,类别,标题\nCRM10,丢失,寄出无物流\n".encode("gbk"))
    assert tickets.import_crm(tmp_path / "gbk.csv", actor=clerk, now=NOW).created == 1


@pytest.mark.parametrize("bad_line,message", [
    ("CRM0003,加急,催一下,,,,,", "第 3 行：类别“加急”不对"),
    ("CRM0003,催件,,,,,,", "第 3 行：标题为空"),
    ("CRM0003,催件,催,,,123,,", "第 3 行：客户电话“123”不对"),
    ("CRM0003,催件,催,,,,,昨天", "第 3 行：创建时间“昨天”格式不对"),
    ("CRM0001,催件,催,,,,,", "第 3 行：CRM单号 CRM0001 在文件里重复"),
])
def test_crm_import_bad_file_is_refused_whole(db, clerk, tmp_path, bad_line, message):
    f = tmp_path / "crm.csv"
    f.write_text(CSV_OK.splitlines()[0] + "\n" + CSV_OK.splitlines()[1] + "\n" + bad_line + "\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=message):
        tickets.import_crm(f, actor=clerk, now=NOW)
    assert Ticket.select().count() == 0


def test_crm_import_missing_columns(db, clerk, tmp_path):
    f = tmp_path / "crm.csv"
    f.write_text("工单号,标题\nA,b\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="第 1 行：缺少列 类别"):
        tickets.import_crm(f, actor=clerk, now=NOW)


# -- templates --------------------------------------------------------------------------------------
def test_template_filled_with_parcel_facts_and_editable(db, clerk):
    make_parcel("ZT7654321098765", arrived_at=dt.datetime(2026, 6, 5, 8, 30))
    t = tickets.open_ticket("延误", "延误", waybills=["ZT7654321098765"], actor=clerk, now=NOW)
    situation, solution, when = tickets.filled_template(t.id)
    assert "ZT7654321098765" in situation and "6月5日08:30" in situation and "在网点待取" in situation
    assert when == "6月9日09:30前"
    assert replies.validate_reply(situation, solution, when)
    tickets.save_template("延误", "运单{waybill}在{status}", "今天送", "{due}前", actor=clerk, now=NOW)
    assert tickets.filled_template(t.id)[0] == "运单ZT7654321098765在在网点待取"


# -- claims -----------------------------------------------------------------------------------------
def test_claim_checklist_and_photo_by_hash(db, clerk):
    t = tickets.open_ticket("破损", "外箱破损", actor=clerk, now=NOW)
    with pytest.raises(ValidationError, match="破损"):
        claims.open_claim(tickets.open_ticket("查询", "问", actor=clerk, now=NOW).id, actor=clerk, now=NOW)
    c = claims.open_claim(t.id, actor=clerk, now=NOW)
    assert c.submit_due == NOW + dt.timedelta(days=3) and len(c.missing()) == 4
    with pytest.raises(ValidationError, match="照片"):
        claims.set_item(c.id, "outer_photo", True, actor=clerk, now=NOW)
    from outlet_desk import evidence
    from outlet_desk.demo.inbound import _demo_photo
    with pytest.raises(ValidationError, match="图片"):          # not a picture: refused, nothing kept
        claims.attach_photo(c.id, "outer_photo", b"jpeg-bytes", actor=clerk, now=NOW)
    claims.attach_photo(c.id, "outer_photo", _demo_photo(1), actor=clerk, now=NOW)
    c = claims.set_item(c.id, "value_proof", True, "发票", actor=clerk, now=NOW)
    [stored] = [i.photo_hash for i in c.items if i.kind == "outer_photo"]
    assert evidence.photo_path(stored).exists()                 # the evidence store holds the file
    with pytest.raises(claims.ChecklistIncomplete, match="购买记录、内物照片"):
        claims.submit(c.id, actor=clerk, now=NOW)
    claims.set_item(c.id, "purchase_record", True, actor=clerk, now=NOW)
    claims.attach_photo(c.id, "content_photo", _demo_photo(2), actor=clerk, now=NOW)
    with pytest.raises(ValidationError, match="理赔单号"):
        claims.submit(c.id, actor=clerk, now=NOW)
    claims.update_claim(c.id, claim_number="LP001", amount_fen=45900, actor=clerk, now=NOW)
    c = claims.submit(c.id, actor=clerk, now=NOW)
    assert c.status == "submitted" and c.result_due == NOW + dt.timedelta(days=15)
    c = claims.record_result(c.id, True, 40000, "按发票金额赔付", actor=clerk, now=NOW)
    assert c.status == "paid" and c.paid_fen == 40000


# -- e-orders ---------------------------------------------------------------------------------------
def test_eorder_accept_collect_links_outgoing_when_present(db, clerk):
    from outlet_desk.models.outgoing import OutgoingParcel
    OutgoingParcel.create(waybill="YT9999999999991", received_at=NOW)
    o = eorders.enter_order("DD1", NOW - dt.timedelta(minutes=25), actor=clerk, now=NOW)
    assert [u.order_number for u in eorders.urgent(NOW)] == ["DD1"]     # 5 minutes left
    with pytest.raises(DomainError, match="先接单"):
        eorders.collect(o.id, "YT9999999999991", actor=clerk, now=NOW)
    eorders.accept(o.id, actor=clerk, now=NOW)
    assert eorders.urgent(NOW) == []
    # bag numbers at e-orders (full-width too): tests/core/outgoing/test_outgoing_bags.py
    row = eorders.collect(o.id, "yt9999999999991", actor=clerk, now=NOW + dt.timedelta(minutes=40))
    assert row.status == EOrder.COLLECTED and row.outgoing_id is not None
    o2 = eorders.enter_order("DD2", NOW, actor=clerk, now=NOW)
    eorders.accept(o2.id, actor=clerk, now=NOW)
    assert eorders.collect(o2.id, "JT1234567890", actor=clerk, now=NOW).outgoing_id is None
    assert EOrder.get_by_id(o2.id).waybill == "JT1234567890"


def test_eorder_csv_import(db, clerk, tmp_path):
    f = tmp_path / "eo.csv"
    f.write_text("订单号,到达时间,平台,客户姓名,客户电话,地址\nDD7,2026-06-07 09:10,极兔,韩梅,13622228888,5栋\n",
                 encoding="utf-8")
    assert eorders.import_orders(f, actor=clerk, now=NOW) == (1, ())
    assert eorders.import_orders(f, actor=clerk, now=NOW) == (0, ("DD7",))
    f.write_text("订单号,到达时间\nDD8,2026-06-07 09:10\nDD9,昨天\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="第 3 行"):
        eorders.import_orders(f, actor=clerk, now=NOW)
    assert EOrder.select().count() == 1


# -- analysis ---------------------------------------------------------------------------------------
def test_analysis_counts_weeks_overdue_close_time_and_repeat_customers(db, clerk):
    a = tickets.open_ticket("延误", "a", customer_phone="13912345678", actor=clerk, now=dt.datetime(2026, 6, 1, 9))
    tickets.open_ticket("催件", "b", customer_phone="139-1234-5678", actor=clerk, now=dt.datetime(2026, 6, 9, 9))
    tickets.open_ticket("查询", "c", actor=clerk, now=dt.datetime(2026, 5, 30, 9))   # another month
    tickets.reply(a.id, *GOOD[:2], "24小时内", actor=clerk, now=dt.datetime(2026, 6, 1, 10))
    tickets.follow_up(a.id, "好", actor=clerk, now=dt.datetime(2026, 6, 2, 9))
    tickets.close(a.id, "满意", actor=clerk, now=dt.datetime(2026, 6, 2, 9))
    res = tickets.analyse(*tickets.month_range("2026-06"), now=dt.datetime(2026, 6, 12))
    assert res.total == 2 and res.closed == 1 and res.overdue == 1 and res.overdue_rate == 0.5
    assert res.avg_close_hours == 24.0 and res.ratings == {"满意": 1}
    assert res.by_week[dt.date(2026, 6, 1)] == {"延误": 1} and res.by_week[dt.date(2026, 6, 8)] == {"催件": 1}
    assert res.repeat_customers == (("139****5678", 2),)


def test_monthly_pdf_builds(db, clerk):
    from outlet_desk.printing.tickets_report import build_tickets_report
    tickets.open_ticket("延误", "a", actor=clerk, now=dt.datetime(2026, 6, 1, 9))
    pdf = build_tickets_report(tickets.analyse(*tickets.month_range("2026-06"), now=NOW), outlet_name="网点",
                               month="2026-06", generated_at=NOW)
    assert pdf.startswith(b"%PDF") and b"WenQuanYiMicroHei" in pdf


def test_cli_report_and_import(tmp_path, capsys, monkeypatch):
    from outlet_desk.cli import main
    from outlet_desk.db import close_database
    from outlet_desk.storage import open_database
    home = tmp_path / "home"
    open_database(home / "outlet.db") if home.mkdir() is None else None
    staff.add_staff("张丽", "clerk", "1111", actor=SYSTEM, now=NOW)
    close_database()
    f = tmp_path / "crm.csv"
    f.write_text(CSV_OK, encoding="utf-8")
    monkeypatch.setenv("OUTLET_DESK_PASSWORD", "1111")     # the import runs as a checked clerk
    assert main(["--home", str(home), "import", "crm", str(f), "--as", "张丽"]) == 0
    assert main(["--home", str(home), "import", "crm", str(f), "--as", "张丽"]) == 0
    out = capsys.readouterr().out
    assert "已导入 2 张" in out and "CRM0001、CRM0002" in out
    assert main(["--home", str(home), "report", "tickets", "--month", "2026-06", "-o", str(tmp_path / "r.pdf")]) == 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    close_database()


def test_lists_are_one_query_per_page(db, clerk):
    from playhouse.test_utils import assert_query_count
    for i in range(5):
        tickets.open_ticket("查询", f"问件{i}", assignee_id=clerk.id, customer_phone="13912345678",
                            actor=clerk, now=NOW)
        eorders.enter_order(f"DD{i}", NOW, actor=clerk, now=NOW)
    with assert_query_count(1):
        rows = tickets.list_tickets(0, 50, now=NOW, status="open")
        assert [r.assignee for r in rows] == ["张丽"] * 5
    with assert_query_count(1):
        assert len(eorders.list_orders(0, 50)) == 5
