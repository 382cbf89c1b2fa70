"""Sign-off: queue, batch and scan-to-sign, undo, manager reversal, fix, cut-off, export."""
import csv
import datetime as dt
import json

import pytest
from playhouse.test_utils import count_queries

from outlet_desk import audit, duty_events, settings, status
from outlet_desk.errors import DomainError, NotFound, PermissionDenied, ValidationError
from outlet_desk.models import Outbox, Parcel, ParcelEvent
from outlet_desk.models.signoff import Signoff
from outlet_desk.signoff import delivery, outbox, signoff
from outlet_desk.signoff.signoff import BatchFilter

from ...factories import make_parcel

NOW = dt.datetime(2026, 6, 7, 11, 0)


def released(waybill=None, **kw):
    kw.setdefault("released_at", NOW - dt.timedelta(hours=1))
    kw.setdefault("signer_type", "本人")
    return make_parcel(waybill, status=Parcel.RELEASED, **kw)


def delivered(waybill=None, courier="刘强", route="东线", **kw):
    return make_parcel(waybill, category=Parcel.DELIVERY, status=Parcel.DELIVERED, courier=courier,
                       route=route, **kw)


def test_scan_to_sign_writes_signoff_event_and_outbox_together(clerk):
    p = released("YT1000000000001", signer_type="代收", collector_name="李四")
    res = signoff.sign_scanned("yt1000000000001", actor=clerk, now=NOW)
    assert res.waybills == ("YT1000000000001",)
    p = Parcel.get_by_id(p.id)
    assert p.signed_at == NOW and p.signer_type == "代收"
    s = Signoff.get()
    assert (s.signer_type, s.signer_name, s.clerk_id) == ("代收", "李四", clerk.id)
    rec = Outbox.get(Outbox.key == s.outbox_key)
    body = json.loads(rec.payload)
    assert body["idempotency_key"] == rec.key and body["waybill"] == "YT1000000000001"
    assert body["signer_type"] == "代收" and rec.status == Outbox.PENDING
    assert ParcelEvent.select().where(ParcelEvent.kind == ParcelEvent.SIGNED).count() == 1
    assert signoff.queue_count() == 0


def test_scanning_twice_or_a_parcel_not_due_says_why_and_changes_nothing(clerk):
    released("YT1000000000002")
    make_parcel("YT1000000000003")                       # still on the shelf
    signoff.sign_scanned("YT1000000000002", actor=clerk, now=NOW)
    with pytest.raises(DomainError, match="已于 11:00 签收"):
        signoff.sign_scanned("YT1000000000002", actor=clerk, now=NOW)
    with pytest.raises(DomainError, match="还没有取件或妥投"):
        signoff.sign_scanned("YT1000000000003", actor=clerk, now=NOW)
    with pytest.raises(NotFound):
        signoff.sign_scanned("YT9999999999999", actor=clerk, now=NOW)
    with pytest.raises(ValidationError, match="签收人类型"):
        signoff.sign_scanned("YT1000000000003", signer_type="邻居", actor=clerk, now=NOW)
    assert Signoff.select().count() == 1 and Outbox.select().count() == 1


def test_scan_outside_the_selected_batch_is_refused(clerk):
    delivered("ZT2000000000001", courier="刘强")
    delivered("ZT2000000000002", courier="陈军")
    flt = BatchFilter(courier="刘强")
    with pytest.raises(DomainError, match="不在所选批次"):
        signoff.sign_scanned("ZT2000000000002", flt=flt, actor=clerk, now=NOW)
    signoff.sign_scanned("ZT2000000000001", flt=flt, signer_type="门卫", actor=clerk, now=NOW)
    assert [r.waybill for r in signoff.queue()] == ["ZT2000000000002"]


def test_sign_all_selected_by_courier_route_or_category(clerk):
    for i in range(3):
        delivered(f"ZT30000000000{i}", courier="刘强", route="东线")
    delivered("ZT3000000000010", courier="陈军", route="西线")
    released("ZT3000000000020")
    choices = signoff.batch_choices()
    assert choices.couriers == ("刘强", "陈军") and "西线" in choices.routes
    res = signoff.sign(flt=BatchFilter(route="东线"), signer_type="家人", actor=clerk, now=NOW)
    assert res.count == 3
    assert signoff.queue_count() == 2
    assert signoff.sign(flt=BatchFilter(category=Parcel.PICKUP), actor=clerk, now=NOW).count == 1
    with pytest.raises(DomainError, match="没有待签收"):
        signoff.sign(flt=BatchFilter(route="东线"), actor=clerk, now=NOW)
    assert outbox.pending_count() == 4


def test_batch_is_all_or_nothing(clerk):
    a = delivered()
    b = make_parcel(status=Parcel.OUT_FOR_DELIVERY, category=Parcel.DELIVERY)
    with pytest.raises(DomainError, match="还没有取件或妥投"):
        signoff.sign(parcel_ids=[a.id, b.id], actor=clerk, now=NOW)
    assert Signoff.select().count() == 0 and Outbox.select().count() == 0
    assert Parcel.get_by_id(a.id).signed_at is None


def test_signing_2000_parcels_is_a_few_statements_not_one_per_row(clerk):
    rows = [{"waybill": f"JT{i:013d}", "carrier": "极兔", "category": Parcel.DELIVERY,
             "status": Parcel.DELIVERED, "courier": "刘强", "arrived_at": NOW,
             "updated_at": NOW} for i in range(2000)]
    for i in range(0, 2000, 400):
        Parcel.insert_many(rows[i:i + 400]).execute()
    with count_queries() as counter:
        res = signoff.sign(flt=BatchFilter(courier="刘强"), actor=clerk, now=NOW)
    assert res.count == 2000
    assert counter.count < 60, counter.count
    assert outbox.pending_count() == 2000 and Signoff.select().count() == 2000
    assert Parcel.select().where(Parcel.signed_at.is_null()).count() == 0


def test_undo_before_upload_removes_the_outbox_record(clerk):
    p = released()
    signoff.sign_scanned(p.waybill, actor=clerk, now=NOW)
    s = Signoff.get()
    signoff.undo(s.id, actor=clerk, now=NOW)
    assert Outbox.select().count() == 0
    assert Parcel.get_by_id(p.id).signed_at is None
    assert Signoff.get_by_id(s.id).status == Signoff.UNDONE
    assert signoff.queue_count() == 1          # back in the queue: sign again
    signoff.sign_scanned(p.waybill, actor=clerk, now=NOW)
    assert outbox.pending_count() == 1
    assert audit.verify().ok


def test_after_upload_only_a_manager_reverses_with_a_reason(clerk, manager):
    p = released()
    signoff.sign_scanned(p.waybill, actor=clerk, now=NOW)
    s = Signoff.get()
    Outbox.update(status=Outbox.SENT, sent_at=NOW, attempts=1).execute()
    with pytest.raises(DomainError, match="只有店长"):
        signoff.undo(s.id, actor=clerk, now=NOW)
    with pytest.raises(PermissionDenied):
        signoff.reverse(s.id, "签错了", actor=clerk, now=NOW)
    with pytest.raises(ValidationError, match="原因"):
        signoff.reverse(s.id, " ", actor=manager, now=NOW)
    assert Signoff.get_by_id(s.id).status == Signoff.ACTIVE
    signoff.reverse(s.id, "客户未收到，派件员误报", actor=manager, now=NOW)
    corr = Outbox.get(Outbox.kind == "signoff_correction")
    body = json.loads(corr.payload)
    assert body["original_key"] == s.outbox_key and body["reason"] == "客户未收到，派件员误报"
    assert corr.status == Outbox.PENDING
    assert Parcel.get_by_id(p.id).signed_at is None
    assert Signoff.get_by_id(s.id).status == Signoff.REVERSED
    assert [r.upload for r in signoff.signed()] == ["reversed"]


def test_a_clerks_undo_of_a_confirmed_sign_off_is_refused_and_the_reverse_corrects_once(clerk,
                                                                                         manager):
    """Issue 15: an undo of a record head office already confirmed must not vanish silently.  The
    outlet's procedure: a confirmed upload is corrected by the manager, with a reason (four eyes);
    the clerk's undo is refused in one line that says so, nothing changes, and the manager's
    reverse queues exactly one correction.  A sign-off whose upload record is gone is treated the
    same: head office may hold it."""
    p = released()
    signoff.sign_scanned(p.waybill, actor=clerk, now=NOW)
    s = Signoff.get()
    Outbox.update(status=Outbox.SENT, sent_at=NOW, attempts=1).execute()
    with pytest.raises(DomainError, match="^这条签收已上传总部，只有店长可以更正（需填写原因）。$"):
        signoff.undo(s.id, actor=clerk, now=NOW)
    assert Signoff.get_by_id(s.id).status == Signoff.ACTIVE
    assert Parcel.get_by_id(p.id).signed_at is not None
    assert Outbox.select().where(Outbox.kind == "signoff_correction").count() == 0
    signoff.reverse(s.id, "客户未收到，派件员误报", actor=manager, now=NOW)
    for again in (lambda: signoff.undo(s.id, actor=clerk, now=NOW),
                  lambda: signoff.reverse(s.id, "再更正一次", actor=manager, now=NOW)):
        with pytest.raises(DomainError, match="已撤销或已更正"):
            again()
    corr = list(Outbox.select().where(Outbox.kind == "signoff_correction"))
    assert len(corr) == 1 and json.loads(corr[0].payload)["original_key"] == s.outbox_key

    q = released()
    signoff.sign_scanned(q.waybill, actor=clerk, now=NOW)
    t = Signoff.get(Signoff.parcel == q.id)
    Outbox.delete().where(Outbox.key == t.outbox_key).execute()
    with pytest.raises(DomainError, match="只有店长"):
        signoff.undo(t.id, actor=clerk, now=NOW)
    assert Signoff.get_by_id(t.id).status == Signoff.ACTIVE


def test_undo_after_an_upload_claimed_the_record_queues_a_correction(clerk):
    # the uploader had already taken the record (the post may have reached head office): the
    # clerk's undo stands, and head office is told to cancel it
    p = released()
    signoff.sign_scanned(p.waybill, actor=clerk, now=NOW)
    Outbox.update(attempts=1).execute()
    s = Signoff.get()
    signoff.undo(s.id, actor=clerk, now=NOW)
    original = Outbox.get(Outbox.kind == "signoff")
    corr = Outbox.get(Outbox.kind == "signoff_correction")
    assert original.status == Outbox.PENDING                 # still goes: head office may need it
    body = json.loads(corr.payload)
    assert body["original_key"] == s.outbox_key and body["action"] == "cancel_signoff"
    assert corr.id > original.id                             # posted after the sign-off it cancels
    assert Signoff.get_by_id(s.id).status == Signoff.REVERSED
    assert Parcel.get_by_id(p.id).signed_at is None and signoff.queue_count() == 1


def test_rejected_signoff_is_fixed_and_queued_again(clerk):
    p = released()
    signoff.sign_scanned(p.waybill, actor=clerk, now=NOW)
    rec = Outbox.get()
    Outbox.update(status=Outbox.REJECTED, last_error="签收人类型无效", attempts=1).execute()
    assert signoff.signed()[0].reason == "签收人类型无效"
    with pytest.raises(ValidationError):
        signoff.fix_rejected(rec.id, signer_type="邻居", actor=clerk, now=NOW)
    signoff.fix_rejected(rec.id, signer_type="门卫", signer_name="王师傅", actor=clerk, now=NOW)
    rec = Outbox.get_by_id(rec.id)
    assert rec.status == Outbox.PENDING and rec.attempts == 0 and rec.last_error is None
    assert json.loads(rec.payload)["signer_type"] == "门卫"
    assert Signoff.get().signer_type == "门卫" and Parcel.get_by_id(p.id).signer_type == "门卫"


def test_cutoff_countdown_then_warning(clerk):
    released(released_at=dt.datetime(2026, 6, 7, 10, 0))
    info = signoff.cutoff_status(dt.datetime(2026, 6, 7, 13, 30))
    assert (info.unsigned, info.not_uploaded, info.late) == (1, 0, False)
    assert info.seconds_left == 30 * 60 and info.cutoff.hour == 14
    late = signoff.cutoff_status(dt.datetime(2026, 6, 7, 14, 5))
    assert late.late and late.late_count == 1 and late.seconds_left == -5 * 60
    snap = status.snapshot(clerk, now=dt.datetime(2026, 6, 7, 14, 5))
    assert snap.signoff_late and snap.signoff_outstanding == 1 and snap.signoff_cutoff == "14:00"


def test_second_cutoff_counts_afternoon_items_towards_it(clerk, manager):
    settings.update({"signoff.second_cutoff_enabled": True, "signoff.second_cutoff": "18:00"},
                    actor=manager, now=NOW)
    released(released_at=dt.datetime(2026, 6, 7, 15, 0))
    info = signoff.cutoff_status(dt.datetime(2026, 6, 7, 15, 30))
    assert not info.late and info.cutoff.hour == 18 and info.unsigned == 1
    released(released_at=dt.datetime(2026, 6, 7, 11, 0))
    assert signoff.cutoff_status(dt.datetime(2026, 6, 7, 15, 30)).late_count == 1


def test_everything_uploaded_ticks_the_duty(clerk):
    p = released()
    signoff.sign_scanned(p.waybill, actor=clerk, now=NOW)
    from outlet_desk.db import write_tx
    with write_tx():
        assert not signoff.note_uploaded(actor=clerk, now=NOW)     # still pending
    Outbox.update(status=Outbox.SENT).execute()
    with write_tx():
        assert signoff.note_uploaded(actor=clerk, now=NOW)
    assert duty_events.SIGNOFF_UPLOADED in duty_events.observed(NOW.date())
    from outlet_desk.models.duty import DutyEvent
    assert DutyEvent.get().detail == "before"


def test_export_csv_and_xlsx_mask_phones(clerk, tmp_path):
    p = released("SF1000000000001", phone="13912345678", name="赵六")
    signoff.sign_scanned(p.waybill, actor=clerk, now=NOW)
    n = signoff.export(NOW.date(), tmp_path / "s.csv", actor=clerk, now=NOW)
    assert n == 1
    with open(tmp_path / "s.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["运单号", "快递公司", "签收人类型"]
    assert rows[1][0] == "SF1000000000001" and "139****5678" in rows[1]
    assert "13912345678" not in (tmp_path / "s.csv").read_text(encoding="utf-8-sig")
    signoff.export(NOW.date(), tmp_path / "s.xlsx", actor=clerk, now=NOW)
    from openpyxl import load_workbook
    ws = load_workbook(tmp_path / "s.xlsx").active
    assert ws.cell(2, 1).value == "SF1000000000001" and ws.cell(2, 10).value == "139****5678"
    with pytest.raises(ValidationError, match=".csv"):
        signoff.export(NOW.date(), tmp_path / "s.txt", actor=clerk, now=NOW)


def test_export_writes_a_formula_typed_as_a_name_as_text(clerk, tmp_path):
    p = released("SF1000000000002", phone="13912345678", name="赵六")
    signoff.sign_scanned(p.waybill, signer_name="=HYPERLINK(1)", actor=clerk, now=NOW)
    signoff.export(NOW.date(), tmp_path / "s.csv", actor=clerk, now=NOW)
    with open(tmp_path / "s.csv", encoding="utf-8-sig") as fh:
        row = list(csv.reader(fh))[1]
    assert row[3] == "'=HYPERLINK(1)" and row[0] == "SF1000000000002"
    signoff.export(NOW.date(), tmp_path / "s.xlsx", actor=clerk, now=NOW)
    from openpyxl import load_workbook
    cell = load_workbook(tmp_path / "s.xlsx").active.cell(2, 4)
    assert cell.value == "'=HYPERLINK(1)" and cell.data_type == "s"


def test_scan_out_and_courier_report_fill_the_queue(clerk):
    p = make_parcel("YD5000000000001", category=Parcel.DELIVERY, shelf=None)
    q = make_parcel("YD5000000000002", category=Parcel.DELIVERY, shelf=None)
    with pytest.raises(ValidationError, match="派件员"):
        delivery.scan_out(p.waybill, "", actor=clerk, now=NOW)
    delivery.scan_out(p.waybill, "刘强", route="东线", actor=clerk, now=NOW)
    delivery.scan_out(q.waybill, "刘强", actor=clerk, now=NOW)
    with pytest.raises(DomainError, match="已由 刘强 派出"):
        delivery.scan_out(p.waybill, "陈军", actor=clerk, now=NOW)
    assert Parcel.get_by_id(p.id).status == Parcel.OUT_FOR_DELIVERY
    assert [r.waybill for r in delivery.out_for_delivery("刘强")] == [p.waybill, q.waybill]
    with pytest.raises(DomainError, match="没有在派送中"):
        delivery.report_delivered(waybills=[p.waybill], parcel_ids=[make_parcel().id],
                                  actor=clerk, now=NOW)
    assert Parcel.get_by_id(p.id).status == Parcel.OUT_FOR_DELIVERY
    res = delivery.report_delivered(waybills=[p.waybill], parcel_ids=[q.id], actor=clerk, now=NOW)
    assert res.count == 2
    assert Parcel.get_by_id(p.id).status == Parcel.DELIVERED
    assert ParcelEvent.select().where(ParcelEvent.kind == ParcelEvent.DELIVERED).count() == 2
    assert signoff.queue_count(BatchFilter(courier="刘强")) == 2


def test_lists_are_one_query_whatever_their_length(clerk):
    for i in range(30):
        released(f"YT40000000000{i:02d}")
    signoff.sign(flt=None, actor=clerk, now=NOW)
    for i in range(30):
        delivered(f"ZT40000000000{i:02d}")
    with count_queries() as c1:
        assert len(signoff.queue()) == 30
    with count_queries() as c2:
        assert len(signoff.signed(NOW.date())) == 30
    assert c1.count == 1 and c2.count == 1


def test_rejected_signoffs_are_open_items_for_handover(clerk):
    from outlet_desk import openitems
    p = released("YT4100000000001")
    signoff.sign_scanned(p.waybill, actor=clerk, now=NOW)
    assert [i for i in openitems.collect(clerk.id, NOW) if i.kind == "signoff"] == []
    Outbox.update(status=Outbox.REJECTED, last_error="运单作废").execute()
    items = [i for i in openitems.collect(clerk.id, NOW) if i.kind == "signoff"]
    assert len(items) == 1 and "YT4100000000001" in items[0].title


def test_counter_word_daiqu_is_signed_as_proxy(clerk):
    p = released("YT4200000000001", signer_type="代取", collector_name="邻居老王")
    signoff.sign(parcel_ids=[p.id], actor=clerk, now=NOW)
    s = Signoff.get()
    assert (s.signer_type, s.signer_name) == ("代收", "邻居老王")
