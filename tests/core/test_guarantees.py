"""Regression tests for the outlet's guarantees (issue 15), written the way a clerk met each bug:
a closed day stays closed, and four eyes at day close.  (Release to the right customer:
tests/core/inbound/test_pickup.py; the whole outlet under random sequences: tests/core/test_outlet_model.py.)"""
import datetime as dt
import json

import pytest

from outlet_desk import businessday, settings
from outlet_desk.dayclose import dayclose as dc
from outlet_desk.errors import DayLocked, ValidationError
from outlet_desk.inbound import intake, pickup
from outlet_desk.models import AuditLog, Parcel
from outlet_desk.models.dayclose import DayClose
from outlet_desk.models.money import Payment
from outlet_desk.permissions import SYSTEM
from outlet_desk.shifts import roster, staff
from tests.factories import make_parcel

DAY = dt.date(2026, 6, 7)
NEXT = DAY + dt.timedelta(days=1)


def at(day, h, m=0):
    return dt.datetime.combine(day, dt.time(h, m))


def _close(day, clerk, clerk_b, manager):
    now = at(day, 19, 30)
    dc.save_count(day, cash_total_fen=dc.ledger(day).money_row("现金").expected_fen,
                  actor=clerk, now=now)
    dc.confirm(day, actor=clerk, now=now)
    dc.confirm(day, actor=clerk_b, now=now)
    return dc.close_day(day, actor=manager, now=at(day, 19, 45))


# ---------------------------------------------------------------------------------------------
# A closed day stays closed
# ---------------------------------------------------------------------------------------------
def test_intake_and_release_after_the_close_go_into_the_next_day(db, clerk, clerk_b, manager):
    """The bug: after the manager closed the day, a late customer's release and a late delivery's
    intake were still recorded on the closed day; its ledger disagreed with the accounts tab and
    the next day opened with a different count."""
    waiting = make_parcel("ZT1000000000001", phone="13812341234", cod_fen=500,
                          arrived_at=at(DAY, 9))
    assert businessday.notice(at(DAY, 19)) == ""
    _close(DAY, clerk, clerk_b, manager)
    snapshot = json.loads(DayClose.get(DayClose.day == DAY).snapshot)
    assert snapshot["parcels"]["closing"] == 1

    late = at(DAY, 20, 30)
    assert businessday.notice(late) == "今天已关账，之后的操作记入 6月8日"
    got = intake.receive_parcel("YT2000000000002", actor=clerk, now=late)
    pickup.release([waiting.id], code=waiting.pickup_code, tail="1234", payment_method="现金",
                   actor=clerk, now=late)

    start_next = at(NEXT, 0)
    assert Parcel.get_by_id(got.parcel_id).arrived_at == start_next
    assert Parcel.get_by_id(waiting.id).released_at == start_next
    assert [(p.day, p.amount_fen) for p in Payment.select()] == [(NEXT, 500)]
    # the closed day, read live from the tables, still says what was closed
    live = dc.ledger_to_dict(dc.compute_ledger(DAY))
    assert live["parcels"] == snapshot["parcels"] and live["money"] == snapshot["money"]
    nxt = dc.ledger(NEXT).parcels
    assert (nxt.opening, nxt.arrivals, nxt.picked_up, nxt.closing) == (1, 1, 1, 1)
    assert dc.ledger(NEXT).money_row("现金").cod_fen == 500


def test_outlet_may_refuse_work_after_the_close_instead(db, clerk, clerk_b, manager):
    settings.update({"dayclose.after_close": "refuse"}, actor=manager, now=at(DAY, 8))
    p = make_parcel("ZT1000000000003", phone="13812341234", arrived_at=at(DAY, 9))
    _close(DAY, clerk, clerk_b, manager)
    with pytest.raises(DayLocked, match="^6月7日已关账：本店设置为关账后不再办理，请下一个营业日再操作。$"):
        pickup.release([p.id], code=p.pickup_code, tail="1234", actor=clerk, now=at(DAY, 20))
    with pytest.raises(DayLocked):
        intake.receive_parcel("YT2000000000004", actor=clerk, now=at(DAY, 20))
    assert Parcel.get_by_id(p.id).status == Parcel.IN_STOCK
    assert not Parcel.select().where(Parcel.waybill == "YT2000000000004").exists()
    # the next morning work goes on as usual
    pickup.release([p.id], code=p.pickup_code, tail="1234", actor=clerk, now=at(NEXT, 9))
    assert Parcel.get_by_id(p.id).released_at == at(NEXT, 9)


def test_clock_out_after_the_close_keeps_the_real_time(db, clerk, clerk_b, manager):
    """Only the ledger's work moves to the next day; a clerk leaving after the close clocks out
    today."""
    from outlet_desk.shifts import attendance
    attendance.clock_in(actor=clerk, now=at(DAY, 8))
    _close(DAY, clerk, clerk_b, manager)
    info = attendance.clock_out(actor=clerk, now=at(DAY, 20, 5))
    assert info is not None
    from outlet_desk.models.roster import ClockRecord
    r = ClockRecord.get(ClockRecord.staff == clerk.id)
    assert (r.day, r.out_at) == (DAY, at(DAY, 20, 5))


def _closed_figures(day):
    """What a closed day says, read live from the tables, beside its snapshot as closed."""
    live = dc.ledger_to_dict(dc.compute_ledger(day))
    snap = json.loads(DayClose.get(DayClose.day == day).snapshot)
    keys = ("parcels", "outgoing", "money")
    return {k: live[k] for k in keys}, {k: snap[k] for k in keys}


def test_a_managers_reversal_of_a_closed_days_sign_off_counts_on_the_next_day(db, clerk, clerk_b,
                                                                               manager):
    """The bug: the manager reversed a sign-off of a closed day (head office had it) and the closed
    day's live count of sign-offs dropped by one: its ledger no longer said what was closed."""
    from outlet_desk.models import Outbox
    from outlet_desk.models.signoff import Signoff
    from outlet_desk.signoff import signoff
    p = make_parcel("ZT1000000000005", status=Parcel.RELEASED, released_at=at(DAY, 10),
                    signer_type="本人")
    signoff.sign_scanned(p.waybill, actor=clerk, now=at(DAY, 11))
    Outbox.update(status=Outbox.SENT, sent_at=at(DAY, 12), attempts=1).execute()
    _close(DAY, clerk, clerk_b, manager)
    live, closed = _closed_figures(DAY)
    assert live == closed and closed["parcels"]["signed"] == 1

    s = Signoff.get()
    signoff.reverse(s.id, "客户未收到，派件员误报", actor=manager, now=at(DAY, 20, 30))
    assert Signoff.get_by_id(s.id).status == Signoff.REVERSED
    assert Outbox.select().where(Outbox.kind == "signoff_correction").count() == 1
    live, closed = _closed_figures(DAY)
    assert live == closed, "the closed day's figures moved"
    # the parcel is back in the sign-off queue; signed again next morning, it counts then
    signoff.sign_scanned(p.waybill, actor=clerk, now=at(NEXT, 9))
    assert dc.ledger(NEXT).parcels.signed == 1
    assert _closed_figures(DAY)[0] == closed


def test_outgoing_work_on_a_closed_days_collection(db, clerk, clerk_b, manager):
    """The bug: after the close, the counter dispatched (扫发件) and re-weighed a parcel a salesman
    brought in on the closed day, and that day's salesman figures (weighed, over tolerance,
    dispatched) changed.  Dispatch next morning is ordinary work and counts on that day; the
    checked weight belongs to the closed accounts and is refused with its reason."""
    from outlet_desk.models.outgoing import OutgoingParcel
    from outlet_desk.outgoing import outgoing as og
    og.add_salesman("陈建国", actor=clerk, now=at(DAY, 8))
    for w in ("773000000001", "773000000002"):
        og.receive_collected("陈建国", w, declared_weight="1.20", actor=clerk, now=at(DAY, 17))
    og.check_weight("773000000001", "1.25", actor=clerk, now=at(DAY, 17, 30))
    og.dispatch("773000000001", "BAG1", actor=clerk, now=at(DAY, 18))
    _close(DAY, clerk, clerk_b, manager)
    live, closed = _closed_figures(DAY)
    assert live == closed
    row = closed["outgoing"]["salesmen"][0]
    assert (row["parcels"], row["weighed"], row["dispatched"]) == (2, 1, 1)

    with pytest.raises(DayLocked, match="^773000000002 是6月7日揽收的，那天已关账，复核重量要在关账前做。$"):
        og.check_weight("773000000002", "2.90", actor=clerk, now=at(DAY, 20, 30))
    assert OutgoingParcel.get(OutgoingParcel.waybill == "773000000002").weight_g is None
    og.dispatch("773000000002", "BAG2", actor=clerk, now=at(DAY, 20, 40))       # after the close
    og.dispatch("773000000001", "BAG2", actor=clerk, now=at(NEXT, 8, 10))        # moved to BAG2
    assert _closed_figures(DAY)[0] == closed, "the closed day's figures moved"
    moved = OutgoingParcel.get(OutgoingParcel.waybill == "773000000001")
    assert (moved.bag, moved.dispatched_at) == ("BAG2", at(DAY, 18))    # keeps its scan-out time
    assert OutgoingParcel.get(OutgoingParcel.waybill == "773000000002").dispatched_at == at(NEXT, 0)


def _confirmed(day, clerk, clerk_b):
    now = at(day, 19, 30)
    dc.save_count(day, cash_total_fen=dc.ledger(day).money_row("现金").expected_fen,
                  actor=clerk, now=now)
    dc.confirm(day, actor=clerk, now=now)
    dc.confirm(day, actor=clerk_b, now=now)


def _on_another_counter(out, name, fn):
    """Run ``fn`` on a connection of its own (a thread: another counter); its result or error
    goes into ``out[name]``.  Returns the started thread."""
    import threading

    from outlet_desk.db import database

    def run():
        try:
            out[name] = fn()
        except Exception as exc:        # noqa: BLE001 — the test reads what each counter met
            out[name] = exc
        finally:
            database.close()
    t = threading.Thread(target=run)
    t.start()
    return t


def test_a_close_on_another_counter_between_dating_and_writing_refuses_the_write(
        db, clerk, clerk_b, manager, monkeypatch):
    """Two counters (PostgreSQL): counter 1 dates a late release on the open day, counter 2's
    manager closes the day, counter 1 writes.  The write was dated before the close and landed in
    the closed day.  The date is checked again inside the write's own transaction: the release
    is refused (nothing saved, one line) and, done again, counts on the next day."""
    p = make_parcel("ZT1000000000007", phone="13812341234", arrived_at=at(DAY, 9))
    _confirmed(DAY, clerk, clerk_b)
    real = businessday.business_now
    raced = []

    def dated_then_closed(now, **kw):
        when = real(now, **kw)
        if not raced:              # right after counter 1 dated its work: the close, elsewhere
            raced.append(when)
            out = {}
            _on_another_counter(out, "close", lambda: dc.close_day(
                DAY, actor=manager, now=at(DAY, 19, 45))).join()
            assert not isinstance(out["close"], Exception), out["close"]
        return when

    monkeypatch.setattr(businessday, "business_now", dated_then_closed)
    with pytest.raises(DayLocked, match="^6月7日刚刚关账，这次操作没有保存：请再做一次（记入 6月8日）。$"):
        pickup.release([p.id], code=p.pickup_code, tail="1234", actor=clerk, now=at(DAY, 19, 40))
    assert raced == [at(DAY, 19, 40)] and dc.get_day_status(DAY) == DayClose.CLOSED
    assert Parcel.get_by_id(p.id).status == Parcel.IN_STOCK
    live, closed = _closed_figures(DAY)
    assert live == closed
    pickup.release([p.id], code=p.pickup_code, tail="1234", actor=clerk, now=at(DAY, 19, 41))
    assert Parcel.get_by_id(p.id).released_at == at(NEXT, 0)
    assert _closed_figures(DAY)[0] == closed


def test_a_close_waits_for_a_write_in_progress_on_another_counter(db, clerk, clerk_b, manager,
                                                                   monkeypatch):
    """Two counters: counter 1 is in the middle of writing a release dated on the open day when the
    manager closes it on counter 2.  The close waits for the write (PostgreSQL: a lock between
    dated writes and the close), then finds the ledger changed since the clerks confirmed and is
    refused; without the wait it froze the day without the release, which then landed in it."""
    import threading

    from outlet_desk import audit
    p = make_parcel("ZT1000000000008", phone="13812341234", arrived_at=at(DAY, 9))
    _confirmed(DAY, clerk, clerk_b)
    in_tx, go = threading.Event(), threading.Event()
    real_record = audit.record

    def slow_record(*a, **kw):
        if kw.get("now") and a[1] == "pickup.release":
            in_tx.set()
            go.wait(10)
        return real_record(*a, **kw)

    monkeypatch.setattr(audit, "record", slow_record)
    out = {}
    c1 = _on_another_counter(out, "release", lambda: pickup.release(
        [p.id], code=p.pickup_code, tail="1234", actor=clerk, now=at(DAY, 19, 40)))
    assert in_tx.wait(10)
    c2 = _on_another_counter(out, "close", lambda: dc.close_day(
        DAY, actor=manager, now=at(DAY, 19, 45)))
    c2.join(1.0)
    waited = c2.is_alive()
    go.set()
    c1.join(10)
    c2.join(10)
    assert waited, "the close did not wait for the write in progress"
    assert not isinstance(out["release"], Exception), out["release"]
    assert Parcel.get_by_id(p.id).released_at == at(DAY, 19, 40)
    assert isinstance(out["close"], ValidationError) and "账目又有变化" in str(out["close"])
    assert dc.get_day_status(DAY) != DayClose.CLOSED


# ---------------------------------------------------------------------------------------------
# Four eyes at day close
# ---------------------------------------------------------------------------------------------
def _counted(clerk, day=DAY):
    dc.save_count(day, cash_total_fen=0, actor=clerk, now=at(day, 19))


def test_manager_cannot_be_the_second_clerk_and_close_alone(db, clerk, clerk_b, manager):
    """The bug: the manager gave the "second clerk" confirmation and then closed the day alone."""
    _counted(clerk)
    dc.confirm(DAY, actor=clerk, now=at(DAY, 19))
    with pytest.raises(ValidationError, match="店长不能替店员确认"):
        dc.confirm(DAY, actor=manager, now=at(DAY, 19))
    with pytest.raises(ValidationError, match="还没有两位店员确认"):
        dc.close_day(DAY, actor=manager, now=at(DAY, 19, 30))
    assert dc.get_day_status(DAY) == DayClose.OPEN
    dc.confirm(DAY, actor=clerk_b, now=at(DAY, 19, 10))
    dc.close_day(DAY, actor=manager, now=at(DAY, 19, 30))
    assert dc.get_day_status(DAY) == DayClose.CLOSED


def test_only_clerks_on_that_days_roster_confirm(db, clerk, clerk_b, manager):
    c = staff.add_staff("赵敏", "clerk", "3333", actor=SYSTEM, now=at(DAY, 7)).actor()
    roster.generate_month("2026-06", actor=manager, now=at(DAY, 7))
    roster.set_cell(c.id, DAY, roster.REST, actor=manager, now=at(DAY, 7))
    roster.publish_month("2026-06", actor=manager, now=at(DAY, 7))
    on = {sid for sid, _ in dc.day_staff(DAY)}
    assert c.id not in on and {clerk.id, clerk_b.id} <= on
    _counted(clerk)
    dc.confirm(DAY, actor=clerk, now=at(DAY, 19))
    with pytest.raises(ValidationError, match="赵敏6月7日不在排班里"):
        dc.confirm(DAY, actor=c, now=at(DAY, 19))
    assert dc.get_day_status(DAY) == DayClose.OPEN


def test_one_clerk_day_closes_with_the_managers_written_reason(db, clerk, manager):
    assert [sid for sid, _ in dc.day_staff(DAY)] == [clerk.id]
    _counted(clerk)
    dc.confirm(DAY, actor=clerk, now=at(DAY, 19))
    with pytest.raises(ValidationError, match="只有一位店员当班：店长关账请写明原因"):
        dc.close_day(DAY, actor=manager, now=at(DAY, 19, 30))
    dc.close_day(DAY, reason="王芳病假，张丽一人当班", actor=manager, now=at(DAY, 19, 30))
    assert dc.get_day_status(DAY) == DayClose.CLOSED
    a = AuditLog.get(AuditLog.action == "dayclose.close")
    assert json.loads(a.detail)["single_clerk_reason"] == "王芳病假，张丽一人当班"


def test_two_clerk_day_cannot_be_closed_on_one_confirmation_with_a_reason(db, clerk, clerk_b,
                                                                          manager):
    _counted(clerk)
    dc.confirm(DAY, actor=clerk, now=at(DAY, 19))
    with pytest.raises(ValidationError, match="还没有两位店员确认"):
        dc.close_day(DAY, reason="赶时间", actor=manager, now=at(DAY, 19, 30))


def test_an_upload_after_the_close_is_counted_on_the_next_day(db, clerk, clerk_b, manager):
    """Sign-offs uploaded after the close were counted as uploaded on the closed day."""
    import httpx  # noqa: F401  (the uploader's client module)

    from outlet_desk.models import Outbox
    from outlet_desk.signoff import signoff, upload

    class HeadOffice:
        def post(self, url, content=None, headers=None):
            keys = [r["idempotency_key"] for r in json.loads(content)["records"]]

            class Answer:
                status_code, headers, text = 200, {"Content-Type": "application/json"}, ""

                def json(self):
                    return {"results": [{"key": k, "status": "stored"} for k in keys]}
            return Answer()

    p = make_parcel("ZT1000000000005", phone="13812341234", arrived_at=at(DAY, 9))
    pickup.release([p.id], code=p.pickup_code, tail="1234", actor=clerk, now=at(DAY, 10))
    signoff.sign(parcel_ids=[p.id], actor=clerk_b, now=at(DAY, 11))
    _close(DAY, clerk, clerk_b, manager)
    before = dc.ledger_to_dict(dc.compute_ledger(DAY))["parcels"]
    upload.drain_once(clock=lambda: at(DAY, 20), force=True, client=HeadOffice())
    assert Outbox.get().status == Outbox.SENT and Outbox.get().sent_at == at(NEXT, 0)
    assert dc.ledger_to_dict(dc.compute_ledger(DAY))["parcels"] == before
    assert dc.compute_ledger(NEXT).parcels.uploaded == 1


def test_a_closed_days_sign_off_cannot_be_undone(db, clerk, clerk_b, manager):
    """Undoing yesterday's sign-off after the close took it out of the closed day's signed count."""
    from outlet_desk.models.signoff import Signoff
    from outlet_desk.signoff import signoff
    p = make_parcel("ZT1000000000006", phone="13812341234", arrived_at=at(DAY, 9))
    pickup.release([p.id], code=p.pickup_code, tail="1234", actor=clerk, now=at(DAY, 10))
    signoff.sign(parcel_ids=[p.id], actor=clerk_b, now=at(DAY, 11))
    _close(DAY, clerk, clerk_b, manager)
    with pytest.raises(DayLocked, match="6月7日已日结关账"):
        signoff.undo(Signoff.get().id, actor=clerk_b, now=at(NEXT, 9))
    assert Parcel.get_by_id(p.id).signed_at == at(DAY, 11)
    assert dc.compute_ledger(DAY).parcels.signed == 1
