"""Outgoing: fees, weights, counter sending, salesmen's pickups, dispatch, unsigned list."""
import datetime as dt

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from playhouse.test_utils import assert_query_count

from outlet_desk import duty_events, settings
from outlet_desk.errors import NotFound, PermissionDenied, ValidationError
from outlet_desk.models import AuditLog, Parcel
from outlet_desk.models.money import Payment
from outlet_desk.models.outgoing import CollectionLine, OutgoingParcel
from outlet_desk.outgoing import outgoing as og
from tests.factories import make_parcel

NOW = dt.datetime(2026, 6, 7, 15, 0)


def form(**kw):
    base = dict(waybill="JT5001234567890", sender_name="王伟", sender_phone="13812345678",
                recipient_name="李娜", recipient_phone="13987654321", province="广东", city="深圳",
                item_type="衣物", weight="1.25", payment_method="微信", prohibited_confirmed=True)
    base.update(kw)
    return og.SendForm(**base)


# -- rules ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text,grams", [("1.25", 1250), ("0.01", 10), ("1", 1000), ("2.1", 2100),
                                        ("１.５", 1500), ("0.29", 290), ("1.15kg", 1150),
                                        ("4.35", 4350), ("0.57", 570)])
def test_weight_parsing_is_exact(db, text, grams):
    assert og.parse_weight_kg(text) == grams


@pytest.mark.parametrize("text", ["", "abc", "1.255", "-1", "0", "0.00", "nan", "inf", "61"])
def test_weight_parsing_refuses_bad_input(db, text):
    with pytest.raises(ValidationError):
        og.parse_weight_kg(text)


@hyp_settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=300)
@given(st.integers(min_value=1, max_value=6000))
def test_every_hundredth_of_a_kg_parses_exactly(db, hundredths):
    text = f"{hundredths // 100}.{hundredths % 100:02d}"
    assert og.parse_weight_kg(text) == hundredths * 10      # float would give 1.15 → 1149
    assert og.format_kg(hundredths * 10) == text


@pytest.mark.parametrize("grams,extra", [(1, 0), (1000, 0), (1001, 1), (1010, 1), (2000, 1),
                                         (2001, 2), (5500, 5)])
def test_additional_weight_rounds_up_to_the_next_kg(grams, extra):
    assert og.extra_kilograms(grams) == extra
    assert og.compute_fee(1200, 500, grams) == 1200 + 500 * extra


def test_zone_lookup_and_quote(db):
    q = og.quote("广东省", "深圳市", 1250)
    assert (q.zone, q.first_kg_fen, q.extra_kg_fen, q.fee_fen) == ("二区", 1200, 500, 1700)
    assert q.routing_code == "755"                         # city code beats the province's
    assert og.quote("新疆维吾尔自治区", "乌鲁木齐", 3000).fee_fen == 2200 + 2 * 1500
    assert og.routing_code_for("广东", "广州") == "020"
    with pytest.raises(ValidationError):
        og.quote("火星", "x", 1000)


def test_tolerance_flag(db):
    assert not og.weight_difference_flagged(1000, 1100, 100)
    assert og.weight_difference_flagged(1000, 1101, 100)
    assert og.weight_difference_flagged(1000, 899, 100)
    assert not og.weight_difference_flagged(None, 900, 100)


def test_weight_formatting(db):
    assert og.format_kg(1250) == "1.25"


# -- rate table ----------------------------------------------------------------------------
def test_only_a_manager_edits_the_rate_table_and_it_is_audited(db, clerk, manager):
    text = og.rate_table_text()
    with pytest.raises(PermissionDenied):
        og.set_rate_table(text, actor=clerk, now=NOW)
    new = text.replace("二区 12.00 5.00", "二区 13.00 6.00")
    og.set_rate_table(new, actor=manager, now=NOW)
    assert og.quote("广东", "广州", 2500).fee_fen == 1300 + 2 * 600
    assert AuditLog.select().where(AuditLog.action == "outgoing.rates").count() == 1


def test_bad_rate_table_changes_nothing(db, manager):
    before = og.rate_table_text()
    with pytest.raises(ValidationError, match="第 2 行"):
        og.set_rate_table("一区 10 2 浙江\n二区 abc 2 广东", actor=manager, now=NOW)
    with pytest.raises(ValidationError, match="已在"):
        og.set_rate_table("一区 10 2 浙江\n二区 12 5 浙江", actor=manager, now=NOW)
    with pytest.raises(ValidationError, match="缺少这些省份：北京"):
        og.set_rate_table("一区 10 2 浙江", actor=manager, now=NOW)
    assert og.rate_table_text() == before


def test_routing_codes_editable_by_manager_only(db, clerk, manager):
    with pytest.raises(PermissionDenied):
        og.set_routing_codes("广东 - 020", actor=clerk, now=NOW)
    og.set_routing_codes(og.routing_codes_text() + "\n广东 佛山 757", actor=manager, now=NOW)
    assert og.routing_code_for("广东", "佛山市") == "757"


# -- counter sending -----------------------------------------------------------------------
def test_counter_sending_records_parcel_fee_and_payment(db, clerk):
    info = og.send_parcel(form(), actor=clerk, now=NOW)
    assert (info.weight_g, info.fee_fen, info.zone, info.routing_code) == (1250, 1700, "二区", "755")
    assert info.sender_phone_masked == "138****5678"
    pay = Payment.get()
    assert (pay.kind, pay.method, pay.amount_fen, pay.ref) == ("sending_fee", "微信", 1700,
                                                               "JT5001234567890")
    p = OutgoingParcel.get()
    assert p.prohibited_confirmed and p.received_by_id == clerk.id


@pytest.mark.parametrize("kw,reason", [
    (dict(prohibited_confirmed=False), "违禁"),
    (dict(weight="1.255"), "0.01"),
    (dict(payment_method="信用卡"), "付款方式"),
    (dict(province="火星"), "省份"),
    (dict(sender_name=" "), "寄件人"),
    (dict(recipient_phone="12"), "收件人电话"),
    (dict(item_type="炸药"), "物品类型"),
])
def test_counter_sending_refuses_bad_input_and_changes_nothing(db, clerk, kw, reason):
    with pytest.raises(ValidationError, match=reason):
        og.send_parcel(form(**kw), actor=clerk, now=NOW)
    assert OutgoingParcel.select().count() == 0 and Payment.select().count() == 0


def test_same_waybill_twice_is_refused(db, clerk):
    og.send_parcel(form(), actor=clerk, now=NOW)
    with pytest.raises(ValidationError, match="已经登记"):
        og.send_parcel(form(), actor=clerk, now=NOW)
    assert Payment.select().count() == 1


# -- salesmen ------------------------------------------------------------------------------
CSV = ("业务员,运单号,省份,城市,申报重量(kg),运费(元),付款方式\n"
       "陈建国,773000000001,浙江,杭州,1.20,10.00,现金\n"
       "陈建国,773000000002,广东,深圳,2.50,22.00,微信\n")


def test_import_collections_then_receive_with_declared_values(db, clerk):
    og.add_salesman("陈建国", actor=clerk, now=NOW)
    assert og.import_collections(CSV.encode(), actor=clerk, now=NOW).rows == 2
    r = og.receive_collected("陈建国", "773000000002", actor=clerk, now=NOW)
    assert r.declared and r.sheet_count == 1
    assert (r.parcel.declared_weight_g, r.parcel.declared_fee_fen, r.parcel.routing_code) == \
        (2500, 2200, "755")
    assert Payment.get().amount_fen == 2200 and Payment.get().method == "微信"
    assert CollectionLine.get(CollectionLine.waybill == "773000000002").received_id == r.parcel.id


@pytest.mark.parametrize("text,reason", [
    ("运单号,省份\n1,2\n", "第 1 行：缺少列"),
    (CSV + "陈建国,773000000003,火星,x,1,1\n", "第 4 行：省份"),
    (CSV + "陈建国,773000000001,浙江,杭州,1,1\n", "第 4 行：运单号 773000000001 在文件里重复"),
    (CSV + "赵六,773000000009,浙江,杭州,1,1\n", "第 4 行：业务员“赵六”不在名单"),
    (CSV + "陈建国,773000000003,浙江,杭州,1.234,1\n", "第 4 行：重量最多"),
    (CSV + "陈建国,4309597495,浙江,杭州,1,1\n", "第 4 行：.*集包"),      # 极兔 bag rule, no format
    ("", "空"),
])
def test_bad_collection_file_is_refused_whole(db, clerk, manager, text, reason):
    settings.update({"waybill.bag_rules": [{"carrier": "极兔", "prefix": "4", "lengths": [10]}]},
                    actor=manager, now=NOW)
    og.add_salesman("陈建国", actor=clerk, now=NOW)
    with pytest.raises(ValidationError, match=reason):
        og.import_collections(text.encode(), actor=clerk, now=NOW)
    assert CollectionLine.select().count() == 0


def test_checked_weight_over_tolerance_is_flagged_on_his_sheet(db, clerk):
    og.add_salesman("陈建国", actor=clerk, now=NOW)
    og.import_collections(CSV.encode(), actor=clerk, now=NOW)
    for w in ("773000000001", "773000000002"):
        og.receive_collected("陈建国", w, actor=clerk, now=NOW)
    og.check_weight("773000000001", "1.25", actor=clerk, now=NOW)     # 50 g: within 100 g
    og.check_weight("773000000002", "2.90", actor=clerk, now=NOW)     # 400 g over
    sheet = og.salesman_sheet("陈建国", NOW.date())
    assert (sheet.received, sheet.weighed, sheet.flagged, sheet.expected) == (2, 2, 1, 2)
    flagged = [r for r in sheet.rows if r.flagged]
    assert flagged[0].waybill == "773000000002" and flagged[0].difference_g == 400


def test_receiving_refuses_bag_numbers_unknown_salesman_and_duplicates(db, clerk, manager):
    settings.update({"waybill.bag_rules": [{"carrier": "极兔", "prefix": "4", "lengths": [10]}]},
                    actor=manager, now=NOW)
    og.add_salesman("陈建国", actor=clerk, now=NOW)
    with pytest.raises(ValidationError, match="集包"):
        og.receive_collected("陈建国", "4000011122", actor=clerk, now=NOW)
    with pytest.raises(ValidationError, match="不在名单"):
        og.receive_collected("赵六", "773000000001", actor=clerk, now=NOW)
    og.receive_collected("陈建国", "773000000001", actor=clerk, now=NOW)
    with pytest.raises(ValidationError, match="已经登记"):
        og.receive_collected("陈建国", "773000000001", actor=clerk, now=NOW)
    assert OutgoingParcel.select().count() == 1


def test_dispatch_counts_and_duty_once_the_batch_is_out(db, clerk):
    og.add_salesman("陈建国", actor=clerk, now=NOW)
    og.import_collections(CSV.encode(), actor=clerk, now=NOW)
    for w in ("773000000001", "773000000002"):
        og.receive_collected("陈建国", w, actor=clerk, now=NOW)
    d = og.dispatch("773000000001", "400000000077", actor=clerk, now=NOW)
    assert d.in_bag == 1 and not d.salesman_done
    assert duty_events.WAYBILLS_ENTERED not in duty_events.observed(NOW.date())
    with pytest.raises(ValidationError, match="集包单号"):      # the default rule: 4…, 13 digits
        og.dispatch("4000000000078", "400000000077", actor=clerk, now=NOW)
    with pytest.raises(NotFound):
        og.dispatch("773999999999", "400000000077", actor=clerk, now=NOW)
    d = og.dispatch("773000000002", "400000000077", actor=clerk, now=NOW)
    assert d.in_bag == 2 and d.salesman_done
    assert duty_events.WAYBILLS_ENTERED in duty_events.observed(NOW.date())
    counts = og.dispatch_counts(NOW.date())
    assert counts.by_bag == (("400000000077", 2),)
    assert counts.by_salesman == (("陈建国", 2, 2),) and counts.waiting == 0


# -- today's unsigned ----------------------------------------------------------------------
def test_unsigned_list_and_duty(db, clerk):
    make_parcel("7100000000001", category=Parcel.DELIVERY, status=Parcel.OUT_FOR_DELIVERY,
                courier="老周", arrived_at=NOW - dt.timedelta(hours=5))
    make_parcel("7100000000002", status=Parcel.RELEASED, released_at=NOW - dt.timedelta(hours=2))
    make_parcel("7100000000003", category=Parcel.DELIVERY, status=Parcel.DELIVERED,
                signed_at=NOW - dt.timedelta(hours=1))                # signed: not listed
    make_parcel("7100000000004")                                       # on the shelf
    rows = og.unsigned_deliveries(NOW)
    assert [(r.waybill, r.courier, r.age_hours) for r in rows] == [
        ("7100000000001", "老周", 5), ("7100000000002", "柜台", 2)]
    assert rows[0].phone_masked == "138****1234"
    assert og.confirm_unsigned_checked(actor=clerk, now=NOW) == 2
    assert duty_events.UNSIGNED_CHECKED in duty_events.observed(NOW.date())


def test_lists_do_not_query_per_row(db, clerk):
    og.add_salesman("陈建国", actor=clerk, now=NOW)
    for i in range(12):
        og.receive_collected("陈建国", f"7730000001{i:02d}", province="浙江", city="杭州",
                             declared_weight="1", declared_fee="10", actor=clerk, now=NOW)
        make_parcel(f"71000000001{i:02d}", category=Parcel.DELIVERY, status=Parcel.OUT_FOR_DELIVERY,
                    courier="老周", arrived_at=NOW - dt.timedelta(hours=3))
    with assert_query_count(2):
        assert len(og.salesman_sheet("陈建国", NOW.date()).rows) == 12
    with assert_query_count(2):
        assert len(og.unsigned_deliveries(NOW)) == 12
    with assert_query_count(2):
        assert len(og.list_outgoing(NOW.date())) == 12


def test_open_items_name_received_but_not_dispatched(db, clerk):
    og.add_salesman("陈建国", actor=clerk, now=NOW)
    og.receive_collected("陈建国", "773000000001", actor=clerk, now=NOW)
    items = og.open_items(clerk.id, NOW)
    assert len(items) == 1 and "773000000001" in items[0].title
    og.dispatch("773000000001", "400000000001", actor=clerk, now=NOW)
    assert og.open_items(clerk.id, NOW) == []


def test_declaration_entered_after_the_scan_completes_the_parcel(db, clerk):
    og.add_salesman("陈建国", actor=clerk, now=NOW)
    got = og.receive_collected("陈建国", "773000000009", actor=clerk, now=NOW)
    assert not got.declared and got.parcel.routing_code == ""
    og.check_weight("773000000009", "3.00", actor=clerk, now=NOW)
    og.declare_collection("陈建国", "773000000009", "广东", "深圳", "2.5", "22", "微信",
                          actor=clerk, now=NOW)
    p = og.get_outgoing("773000000009")
    assert (p.routing_code, p.declared_fee_fen, p.weight_flagged) == ("755", 2200, True)
    assert Payment.get(Payment.ref == "773000000009").amount_fen == 2200
    with pytest.raises(ValidationError, match="已经在揽收清单"):
        og.declare_collection("陈建国", "773000000009", "广东", "深圳", "2.5", "22",
                              actor=clerk, now=NOW)
    assert Payment.select().count() == 1


def test_receipt_is_an_80mm_pdf_for_counter_sendings_only(db, clerk):
    import re
    og.send_parcel(form(payment_method="到付"), actor=clerk, now=NOW)
    pdf = og.receipt_pdf("JT5001234567890")
    assert pdf.startswith(b"%PDF")
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", pdf)
    assert abs(float(box.group(1)) - 80 * 72 / 25.4) < 0.5          # 80 mm wide
    assert float(box.group(2)) > float(box.group(1))               # as long as its content
    og.add_salesman("陈建国", actor=clerk, now=NOW)
    og.receive_collected("陈建国", "773000000001", actor=clerk, now=NOW)
    with pytest.raises(ValidationError, match="不是柜台寄件"):
        og.receipt_pdf("773000000001")
