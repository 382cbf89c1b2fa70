"""Intake: a scan becomes one parcel with a unique pickup code; everything else changes nothing."""
import datetime as dt
import sqlite3

import peewee
import pytest
from playhouse.test_utils import count_queries

from outlet_desk import settings
from outlet_desk.db import is_sqlite
from outlet_desk.errors import ValidationError
from outlet_desk.inbound import intake
from outlet_desk.models import AuditLog, Parcel, ParcelEvent
from outlet_desk.models.intake import ManifestBatch, ManifestLine, ShelfSlot
from outlet_desk.models.problems import ProblemRecord
from outlet_desk.permissions import SYSTEM
from outlet_desk.waybill import BadWaybill, PossibleBagNumber

NOW = dt.datetime(2026, 6, 7, 9, 30)


def one_level(rule="least_full", fmt="{shelf}-{level}-{tail4}"):
    settings.update({"shelves.names": ["3"], "shelves.levels": 1, "shelves.rule": rule,
                     "pickup.code_format": fmt}, actor=SYSTEM, now=NOW)


def counts():
    return (Parcel.select().count(), ParcelEvent.select().count(), ShelfSlot.select().count(),
            AuditLog.select().count())


def test_scan_creates_parcel_event_and_code(clerk):
    r = intake.receive_parcel("SF1428397650166", actor=clerk, now=NOW)
    assert r.accepted and r.carrier == "顺丰" and r.category == Parcel.PICKUP
    p = Parcel.get_by_id(r.parcel_id)
    assert p.status == Parcel.IN_STOCK and p.arrived_by_id == clerk.id and not p.manifest_matched
    assert p.pickup_code == f"{p.shelf}-{p.level}-0166" == r.pickup_code
    assert ShelfSlot.get(ShelfSlot.parcel == p.id).code == p.pickup_code
    ev = ParcelEvent.get(ParcelEvent.parcel == p.id)
    assert ev.kind == ParcelEvent.ARRIVED and ev.staff_id == clerk.id
    assert "清单中没有此单" in r.message


def test_full_width_scan_is_stored_folded(clerk):
    r = intake.receive_parcel("ＹＴ７５１２３４５６７８９０１", actor=clerk, now=NOW)
    assert Parcel.get_by_id(r.parcel_id).waybill == "YT7512345678901"


def test_duplicate_creates_nothing_and_says_where_it_is(clerk):
    first = intake.receive_parcel("75312345678901", actor=clerk, now=NOW)
    before = counts()
    again = intake.receive_parcel("75312345678901", actor=clerk, now=NOW + dt.timedelta(hours=2))
    assert again.duplicate and not again.accepted and again.parcel_id == first.parcel_id
    assert counts() == before
    assert first.pickup_code in again.message and "在库" in again.message
    assert "06-07 09:30" in again.message and again.since == NOW


def test_duplicate_of_released_parcel_says_when_it_left(clerk):
    from tests.factories import make_parcel
    make_parcel("75312345678901", status=Parcel.RELEASED,
                released_at=dt.datetime(2026, 6, 6, 15, 0))
    r = intake.receive_parcel("75312345678901", actor=clerk, now=NOW)
    assert r.duplicate and "已取件" in r.message and "06-06 15:00" in r.message


@pytest.mark.parametrize("raw,exc,text", [
    ("4309597495550", PossibleBagNumber, "可能是集包单号"),
    ("12345", BadWaybill, "太短"),
    ("AA123456789CN", BadWaybill, "校验位"),
])
def test_rejected_scans_store_nothing(clerk, raw, exc, text):
    before = counts()
    with pytest.raises(exc, match=text):
        intake.receive_parcel(raw, actor=clerk, now=NOW)
    assert counts() == before


def test_collision_on_same_level_gets_suffix_and_free_code_is_reused(clerk, manager):
    one_level()
    a = intake.receive_parcel("SF1428397650366", actor=clerk, now=NOW)
    b = intake.receive_parcel("SF1311025560366", actor=clerk, now=NOW)
    c = intake.receive_parcel("75312345670366", actor=clerk, now=NOW)
    assert (a.pickup_code, b.pickup_code, c.pickup_code) == ("3-1-0366", "3-1-0366-2", "3-1-0366-3")
    # a leaves the outlet: its code is free and the next parcel with that tail gets it
    from outlet_desk.db import write_tx
    with write_tx():
        Parcel.update(status=Parcel.RELEASED).where(Parcel.id == a.parcel_id).execute()
        assert intake.release_code(a.parcel_id) == "3-1-0366"
    d = intake.receive_parcel("JT0008123450366", actor=clerk, now=NOW)
    assert d.pickup_code == "3-1-0366"
    assert intake.holder_of("3-1-0366") == d.parcel_id
    # the released parcel keeps its code as history
    assert Parcel.get_by_id(a.parcel_id).pickup_code == "3-1-0366"


def test_code_of_parcel_that_left_without_release_call_is_swept(clerk):
    one_level()
    a = intake.receive_parcel("SF1428397650366", actor=clerk, now=NOW)
    Parcel.update(status=Parcel.DELIVERED).where(Parcel.id == a.parcel_id).execute()
    b = intake.receive_parcel("SF1311025560366", actor=clerk, now=NOW)
    assert b.pickup_code == "3-1-0366"


def test_returning_parcel_keeps_its_code(clerk):
    one_level()
    a = intake.receive_parcel("SF1428397650366", actor=clerk, now=NOW)
    Parcel.update(status=Parcel.RETURNING).where(Parcel.id == a.parcel_id).execute()
    b = intake.receive_parcel("SF1311025560366", actor=clerk, now=NOW)
    assert b.pickup_code == "3-1-0366-2"


@pytest.mark.sqlite_only   # the SQLite file in the data directory itself
def test_database_refuses_a_second_holder_of_a_code_from_another_connection(clerk, db):
    r = intake.receive_parcel("SF1428397650166", actor=clerk, now=NOW)
    other = intake.receive_parcel("SF1428397650177", actor=clerk, now=NOW)
    # a second app window = a second connection to the same file
    con = sqlite3.connect(db.database)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("INSERT INTO shelf_slot (code, parcel_id, shelf, level, assigned_at) "
                        "VALUES (?, ?, '9', 9, '2026-06-07')", (r.pickup_code, other.parcel_id + 999))
    finally:
        con.close()
    with pytest.raises(peewee.IntegrityError):
        ShelfSlot.create(code=r.pickup_code, parcel=other.parcel_id, shelf="9", level=9,
                         assigned_at=NOW)


def test_sequence_format_reuses_lowest_free_number(clerk):
    one_level(fmt="{shelf}-{level}-{seq}")
    codes = [intake.receive_parcel(wb, actor=clerk, now=NOW).pickup_code
             for wb in ("SF1428397650001", "SF1428397650002", "SF1428397650003")]
    assert codes == ["3-1-001", "3-1-002", "3-1-003"]
    from outlet_desk.db import write_tx
    with write_tx():
        intake.release_code(Parcel.get(Parcel.pickup_code == "3-1-002").id)
    assert intake.receive_parcel("SF1428397650004", actor=clerk, now=NOW).pickup_code == "3-1-002"


def test_least_full_level_is_chosen(clerk):
    settings.update({"shelves.names": ["1", "2"], "shelves.levels": 2, "shelves.rule": "least_full"},
                    actor=SYSTEM, now=NOW)
    places = {(r.shelf, r.level) for r in (intake.receive_parcel(f"SF14283976501{i:02d}", actor=clerk,
                                                                  now=NOW) for i in range(4))}
    assert places == {("1", 1), ("1", 2), ("2", 1), ("2", 2)}


def test_by_phone_rule_keeps_one_customers_parcels_together(clerk):
    settings.update({"shelves.names": ["1", "2", "3"], "shelves.levels": 3, "shelves.rule": "by_phone"},
                    actor=SYSTEM, now=NOW)
    csv_text = ("运单号,收件人,电话\nSF1428397650101,张三,13812341234\nSF1428397650102,李四,13900001111\n"
                "SF1428397650103,张三,13812341234\n")
    intake.import_manifest(csv_text.encode(), filename="m.csv", actor=clerk, now=NOW)
    a = intake.receive_parcel("SF1428397650101", actor=clerk, now=NOW)
    b = intake.receive_parcel("SF1428397650102", actor=clerk, now=NOW)
    c = intake.receive_parcel("SF1428397650103", actor=clerk, now=NOW)
    assert (a.shelf, a.level) == (c.shelf, c.level) != (b.shelf, b.level)


def test_categories(clerk):
    d = intake.receive_parcel("SF1428397650101", category=Parcel.DELIVERY, actor=clerk, now=NOW)
    t = intake.receive_parcel("SF1428397650102", category=Parcel.TOWNSHIP, route="河西乡线",
                              actor=clerk, now=NOW)
    p = intake.receive_parcel("SF1428397650103", category=Parcel.PROBLEM, actor=clerk, now=NOW)
    assert d.courier == "周师傅" and d.pickup_code is None and t.route == "河西乡线"
    assert Parcel.get_by_id(p.parcel_id).problem
    assert ProblemRecord.get(ProblemRecord.parcel == p.parcel_id).reason == "其他"
    assert ShelfSlot.select().count() == 0
    with pytest.raises(ValidationError, match="类别"):
        intake.receive_parcel("SF1428397650104", category="lost", actor=clerk, now=NOW)


def test_default_carrier_decides_bare_numbers_and_clerk_corrects_it(clerk):
    # 12 digits, no prefix a carrier is known for: 中通 or 顺丰, the outlet default (中通) decides
    r = intake.receive_parcel("202197601431", actor=clerk, now=NOW)
    assert r.carrier == "中通" and r.candidates == ("中通", "顺丰")
    assert intake.carrier_choices(r.parcel_id) == ("中通", "顺丰")
    row = intake.change_carrier(r.parcel_id, "顺丰", actor=clerk, now=NOW)
    assert row.carrier == "顺丰" and Parcel.get_by_id(r.parcel_id).carrier == "顺丰"
    assert ParcelEvent.select().where(ParcelEvent.kind == ParcelEvent.CORRECTED).count() == 1
    assert AuditLog.select().where(AuditLog.action == "intake.change_carrier").count() == 1
    with pytest.raises(ValidationError, match="不符合火星快递的单号格式"):
        intake.change_carrier(r.parcel_id, "火星快递", actor=clerk, now=NOW)
    settings.update({"waybill.default_carrier": "顺丰"}, actor=SYSTEM, now=NOW)
    assert intake.receive_parcel("212345678901", actor=clerk, now=NOW).carrier == "顺丰"


def test_scan_path_is_a_handful_of_queries(clerk):
    intake.receive_parcel("SF1428397650100", actor=clerk, now=NOW)
    with count_queries() as q:
        intake.receive_parcel("SF1428397650101", actor=clerk, now=NOW)
    assert q.count <= 20
    with count_queries() as q:
        intake.receive_parcel("SF1428397650101", actor=clerk, now=NOW)
    # PostgreSQL (several counters) adds one: the shared day lock a close waits for (businessday)
    assert q.count <= (6 if is_sqlite() else 7)


def test_today_rows_newest_first_in_one_query(clerk):
    for i in range(5):
        intake.receive_parcel(f"SF14283976501{i:02d}", actor=clerk, now=NOW + dt.timedelta(minutes=i))
    with count_queries() as q:
        rows = intake.today_rows(NOW.date(), 0, 3)
    assert q.count == 1
    assert [r.waybill for r in rows] == ["SF1428397650104", "SF1428397650103", "SF1428397650102"]
    c = intake.today_counts(NOW.date())
    assert c["total"] == 5 and c[Parcel.PICKUP] == 5 and c["unmatched"] == 5


# -- manifests --------------------------------------------------------------------------------
GOOD = ("运单号,快递公司,收件人,电话,地址\n"
        "SF1428397650166,顺丰,张三,13812341234,幸福小区 3 栋\n"
        "3125678901234,韵达,李四,13900001111,\n"
        "75312345678901,,王五,0571-88881234,\n")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "utf-8"])
def test_manifest_prefills_scans(clerk, encoding):
    res = intake.import_manifest(GOOD.encode(encoding), filename="到件.csv", actor=clerk, now=NOW)
    assert res.lines == 3 and ManifestLine.select().count() == 3
    r = intake.receive_parcel("3125678901234", actor=clerk, now=NOW)
    p = Parcel.get_by_id(r.parcel_id)
    assert (p.recipient_name, p.recipient_phone, p.phone_tail) == ("李四", "13900001111", "1111")
    assert p.manifest_matched and r.carrier == "韵达"          # the manifest's carrier decides
    assert r.phone_masked == "139****1111"
    assert ManifestLine.get(ManifestLine.waybill == "3125678901234").matched
    other = intake.receive_parcel("SF1311025569870", actor=clerk, now=NOW)
    assert not Parcel.get_by_id(other.parcel_id).manifest_matched
    audit_row = AuditLog.get(AuditLog.action == "intake.import_manifest")
    assert '"lines":3' in audit_row.detail and "sha256" in audit_row.detail


def test_manifest_xlsx(clerk, tmp_path):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["waybill", "carrier", "recipient name", "phone"])
    ws.append(["SF1428397650166", "顺丰", "张三", 13812341234])
    ws.append(["JT0008123456789", "极兔", "赵六", "13700002222"])
    path = tmp_path / "arrivals.xlsx"
    wb.save(path)
    res = intake.import_manifest(path, actor=clerk, now=NOW)
    assert res.lines == 2 and res.filename == "arrivals.xlsx"
    assert ManifestLine.get(ManifestLine.waybill == "SF1428397650166").recipient_phone == "13812341234"


def test_manifest_phones_as_spreadsheets_write_them(clerk):
    """Review: a manifest with "+86 138-1234-1234" was refused whole (第 2 行：电话号码“138-1234-1234”不对),
    though it is the most common way a spreadsheet shows a mobile number."""
    text = ("运单号,电话\n"
            "SF1428397650166,+86 138-1234-1234\n"
            "SF1428397650177,0086 139 0000 1111\n"
            "SF1428397650188,１３７-０００２-２２２２\n"
            "SF1428397650199,0571-88881234\n")
    intake.import_manifest(text.encode(), filename="m.csv", actor=clerk, now=NOW)
    got = {m.waybill: m.recipient_phone for m in ManifestLine.select()}
    assert got == {"SF1428397650166": "13812341234", "SF1428397650177": "13900001111",
                   "SF1428397650188": "13700022222", "SF1428397650199": "0571-88881234"}
    with pytest.raises(ValidationError, match="第 2 行：电话号码“138-1234-12345”不对"):
        intake.import_manifest("运单号,电话\nSF1311025569870,138-1234-12345\n".encode(), filename="b.csv",
                               actor=clerk, now=NOW)


def test_manifest_after_scan_fills_the_parcel(clerk):
    r = intake.receive_parcel("SF1428397650166", actor=clerk, now=NOW)
    res = intake.import_manifest(GOOD.encode(), filename="m.csv", actor=clerk, now=NOW)
    p = Parcel.get_by_id(r.parcel_id)
    assert res.already_scanned == 1 and p.manifest_matched and p.recipient_phone == "13812341234"


@pytest.mark.parametrize("text,reason", [
    ("运单号,电话\nSF1428397650166,13812341234\nSF1428397650177,1381234\n", "第 3 行：电话号码“1381234”不对"),
    ("运单号,电话\nSF1428397650166,13812341234\nSF1428397650166,13812341234\n", "第 3 行：运单号 SF1428397650166 与第 2 行重复"),
    ("运单号,电话\n,13812341234\n", "第 2 行：运单号是空的"),
    ("运单号,快递公司\nSF1428397650166,顺丰\nSF1428397650177,火星快递\n", "第 3 行：不认识的快递公司"),
    ("运单号,快递公司\nSF1428397650166,圆通\n", "第 2 行：单号 SF1428397650166 不是圆通的单号格式"),
    ("姓名,电话\n张三,13812341234\n", "第 1 行：没有“运单号”列"),
    ("运单号\nSF142839765\n", "第 2 行：不是有效的顺丰单号：SF142839765（应为 SF + 13 位数字）"),
    ("", "清单是空的"),
])
def test_bad_manifest_is_refused_whole(clerk, text, reason):
    with pytest.raises(ValidationError) as e:
        intake.import_manifest(text.encode(), filename="bad.csv", actor=clerk, now=NOW)
    assert reason in str(e.value)
    assert ManifestBatch.select().count() == 0 and ManifestLine.select().count() == 0
    assert AuditLog.select().where(AuditLog.action == "intake.import_manifest").count() == 0


def test_broken_xlsx_is_refused(clerk):
    with pytest.raises(ValidationError, match="Excel"):
        intake.import_manifest(b"PK\x03\x04 not really", filename="x.xlsx", actor=clerk, now=NOW)


def test_labels_for_todays_unprinted_parcels(clerk):
    a = intake.receive_parcel("SF1428397650166", actor=clerk, now=NOW)
    intake.receive_parcel("SF1428397650167", category=Parcel.DELIVERY, actor=clerk, now=NOW)
    b = intake.receive_parcel("SF1428397650168", actor=clerk, now=NOW)
    assert intake.unprinted_label_ids(NOW.date()) == [a.parcel_id, b.parcel_id]
    labels = intake.label_rows([b.parcel_id, a.parcel_id])
    assert [lb.code for lb in labels] == [b.pickup_code, a.pickup_code]
    intake.mark_labels_printed([a.parcel_id], actor=clerk, now=NOW)
    assert intake.unprinted_label_ids(NOW.date()) == [b.parcel_id]


def test_demo_history_is_sensible(tmp_path):
    from outlet_desk.db import close_database
    from outlet_desk.demo import build_demo
    close_database()
    now = dt.datetime(2026, 6, 8, 9, 0)
    build_demo(tmp_path / "demo", now=now)
    total = Parcel.select().count()
    assert 1400 <= total <= 2700
    assert len({c for (c,) in Parcel.select(Parcel.carrier).distinct().tuples()}) >= 8
    released = Parcel.select().where(Parcel.status == Parcel.RELEASED)
    assert released.count() > total / 2
    assert released.where(Parcel.signed_at.is_null(False)).count() > released.count() * 0.8
    overdue = Parcel.select().where(Parcel.status == Parcel.IN_STOCK, Parcel.category == Parcel.PICKUP,
                                    Parcel.arrived_at < now - dt.timedelta(days=7)).count()
    assert overdue >= 3
    # codes held now are unique and belong to parcels in stock
    held = list(ShelfSlot.select(ShelfSlot.code, Parcel.status).join(Parcel).tuples())
    assert len({c for c, _ in held}) == len(held) and {s for _, s in held} == {Parcel.IN_STOCK}
    assert Parcel.select().where(Parcel.arrived_at >= dt.datetime(2026, 6, 8)).count() >= 40
    close_database()


def test_two_windows_scanning_at_once_never_share_a_code(clerk, clerk_b, db):
    """Two threads = two connections to one SQLite file, all parcels on one level with one tail."""
    import threading
    one_level()
    errors = []

    def window(actor, numbers):
        try:
            for wb in numbers:
                intake.receive_parcel(wb, actor=actor, now=NOW)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            db.close()

    a = [f"SF14283976{i:01d}0366" for i in range(0, 10)]
    b = [f"SF13110255{i:01d}0366" for i in range(0, 10)]
    threads = [threading.Thread(target=window, args=(clerk, a)),
               threading.Thread(target=window, args=(clerk_b, b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    codes = [c for (c,) in Parcel.select(Parcel.pickup_code).tuples()]
    assert len(codes) == 20 and len(set(codes)) == 20
    assert set(codes) == {"3-1-0366"} | {f"3-1-0366-{n}" for n in range(2, 21)}


def test_s10_property():
    from hypothesis import given
    from hypothesis import strategies as st

    from outlet_desk import waybill

    @given(st.text("0123456789", min_size=8, max_size=8), st.integers(0, 9))
    def check(serial, digit):
        number = f"EA{serial}{digit}CN"
        assert waybill.s10_valid(number) == (digit == waybill.s10_check_digit(serial))
    check()
