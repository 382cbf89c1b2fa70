import datetime as dt

import pytest

from outlet_desk import duty_events
from outlet_desk.errors import DomainError, ValidationError
from outlet_desk.inbound import stockcheck
from outlet_desk.models import Parcel, ParcelEvent
from outlet_desk.models.problems import ProblemRecord
from tests.factories import make_parcel

T = dt.datetime(2026, 6, 7, 18, 0)


def _scan(check, text, *, clerk, shelf=None, level=None, at=T):
    return stockcheck.scan(check.id, text, shelf=shelf, level=level, actor=clerk, now=at)


@pytest.fixture
def shelf3(db):
    return {
        "ok": make_parcel("ZT100000000001", shelf="3", level=2),
        "missing": make_parcel("ZT100000000002", shelf="3", level=1),
        "wrong_level": make_parcel("ZT100000000003", shelf="3", level=1),
        "elsewhere": make_parcel("ZT100000000004", shelf="5", level=1),
        "released": make_parcel("ZT100000000005", shelf="3", level=2, status=Parcel.RELEASED),
    }


def test_whole_outlet_report_missing_unexpected_misplaced(shelf3, clerk):
    check = stockcheck.start(None, actor=clerk, now=T)
    r = _scan(check, "3-2", clerk=clerk)
    assert r.kind == "place" and (r.shelf, r.level) == ("3", 2)
    assert _scan(check, "ZT100000000001", clerk=clerk, shelf="3", level=2).kind == "ok"
    assert _scan(check, "ZT100000000003", clerk=clerk, shelf="3", level=2).kind == "misplaced"
    assert _scan(check, "ZT100000000005", clerk=clerk, shelf="3", level=2).kind == "unexpected"
    unknown = _scan(check, "JT9999999999999", clerk=clerk, shelf="3", level=2)
    assert unknown.kind == "unknown" and "F2" in unknown.message
    assert _scan(check, "ZT100000000001", clerk=clerk, shelf="3", level=2).kind == "duplicate"
    r = _scan(check, "5", clerk=clerk)
    assert (r.shelf, r.level) == ("5", None)
    last = _scan(check, "ZT100000000004", clerk=clerk, shelf="5")
    assert last.kind == "ok"
    assert last.counts == {"expected": 4, "scanned": 5, "ok": 2, "misplaced": 1, "unexpected": 2,
                           "not_yet": 1}
    info = stockcheck.finish(check.id, actor=clerk, now=T + dt.timedelta(minutes=10))
    assert (info.expected, info.scanned, info.missing, info.unexpected, info.misplaced) == \
        (4, 5, 1, 2, 1)
    rows = {r.waybill: r for r in stockcheck.report(check.id)}
    assert rows["ZT100000000002"].kind == "missing" and rows["ZT100000000002"].recorded == "3-1"
    assert rows["ZT100000000003"].kind == "misplaced" and rows["ZT100000000003"].scanned == "3-2"
    assert rows["ZT100000000005"].kind == "unexpected"
    assert rows["JT9999999999999"].kind == "unknown"
    assert duty_events.STOCK_CHECKED in duty_events.observed(T.date())


def test_one_shelf_check_ignores_other_shelves(shelf3, clerk):
    check = stockcheck.start("3", actor=clerk, now=T)
    _scan(check, "ZT100000000001", clerk=clerk, level=2)
    _scan(check, "ZT100000000003", clerk=clerk, level=1)
    _scan(check, "ZT100000000004", clerk=clerk, level=1)     # shelf 5's parcel found on shelf 3
    with pytest.raises(DomainError, match="只盘点货架 3"):
        _scan(check, "5-1", clerk=clerk)
    info = stockcheck.finish(check.id, actor=clerk, now=T)
    assert (info.expected, info.missing, info.misplaced, info.unexpected) == (3, 1, 1, 0)


def test_fixes_one_action_each(shelf3, clerk):
    check = stockcheck.start(None, actor=clerk, now=T)
    for wb in ("ZT100000000001", "ZT100000000003", "ZT100000000005", "JT9999999999999"):
        _scan(check, wb, clerk=clerk, shelf="3", level=2)
    # shelf 5 not scanned: missing too
    stockcheck.finish(check.id, actor=clerk, now=T)
    rows = {r.waybill: r for r in stockcheck.report(check.id)}
    at = T + dt.timedelta(minutes=20)

    # missing → problem 其他: 盘点未找到
    stockcheck.fix_problem(rows["ZT100000000002"].id, actor=clerk, now=at)
    rec = ProblemRecord.get()
    assert (rec.parcel_id, rec.reason, rec.note) == (shelf3["missing"].id, "其他", "盘点未找到")
    assert Parcel.get_by_id(shelf3["missing"].id).problem
    # missing → found after all
    stockcheck.fix_found(rows["ZT100000000004"].id, actor=clerk, now=at)
    # misplaced → the new place is recorded, with a MOVED event
    stockcheck.fix_move(rows["ZT100000000003"].id, actor=clerk, now=at)
    p = Parcel.get_by_id(shelf3["wrong_level"].id)
    assert (p.shelf, p.level) == ("3", 2)
    ev = ParcelEvent.get((ParcelEvent.parcel == p.id) & (ParcelEvent.kind == ParcelEvent.MOVED))
    assert "3-1 → 3-2" in ev.detail
    # unexpected known parcel → back in stock
    stockcheck.fix_restock(rows["ZT100000000005"].id, actor=clerk, now=at)
    p = Parcel.get_by_id(shelf3["released"].id)
    assert (p.status, p.released_at, p.shelf, p.level) == (Parcel.IN_STOCK, None, "3", 2)
    # unknown waybill: intake first
    with pytest.raises(DomainError, match="F2"):
        stockcheck.fix_taken_in(rows["JT9999999999999"].id, actor=clerk, now=at)
    make_parcel("JT9999999999999")
    stockcheck.fix_taken_in(rows["JT9999999999999"].id, actor=clerk, now=at)

    assert all(r.fix for r in stockcheck.report(check.id))
    # a line is fixed once
    with pytest.raises(DomainError, match="已处理"):
        stockcheck.fix_found(rows["ZT100000000004"].id, actor=clerk, now=at)
    # the wrong fix for a kind is refused
    summary = stockcheck.last_check(T.date())
    assert (summary.missing, summary.unexpected, summary.misplaced, summary.open_items) == \
        (2, 2, 1, 0)
    assert summary.agrees


def test_wrong_fix_kind_is_refused(shelf3, clerk):
    check = stockcheck.start(None, actor=clerk, now=T)
    stockcheck.finish(check.id, actor=clerk, now=T)
    row = stockcheck.report(check.id)[0]
    assert row.kind == "missing"
    with pytest.raises(DomainError, match="不能这样处理"):
        stockcheck.fix_move(row.id, actor=clerk, now=T)
    assert stockcheck.last_check(T.date()).open_items == 4


def test_last_check_none_and_one_open_check_at_a_time(db, clerk):
    assert stockcheck.last_check(T.date()) is None
    check = stockcheck.start(None, actor=clerk, now=T)
    with pytest.raises(DomainError, match="没有结束"):
        stockcheck.start("3", actor=clerk, now=T)
    assert stockcheck.open_check().id == check.id
    with pytest.raises(ValidationError):
        stockcheck.start("货架三", actor=clerk, now=T)
    stockcheck.finish(check.id, actor=clerk, now=T)
    with pytest.raises(DomainError, match="已经结束"):
        _scan(check, "ZT100000000001", clerk=clerk)
    assert stockcheck.last_check(T.date()).agrees       # nothing at the outlet, nothing scanned


def test_parcels_arriving_after_the_check_are_not_missing(db, clerk):
    make_parcel("ZT100000000009", arrived_at=T + dt.timedelta(hours=1))
    check = stockcheck.start(None, actor=clerk, now=T)
    info = stockcheck.finish(check.id, actor=clerk, now=T)
    assert info.missing == 0


def test_open_items_for_handover(shelf3, clerk, clerk_b):
    from outlet_desk import openitems
    c1 = stockcheck.start("5", actor=clerk, now=T)
    stockcheck.finish(c1.id, actor=clerk, now=T)        # shelf 5's parcel missing: one open line
    stockcheck.start("3", actor=clerk, now=T)
    titles = [i.title for i in openitems.collect(clerk.id, T) if i.kind == "stockcheck"]
    assert any("盘点未结束（货架 3" in t for t in titles)
    assert any("盘点差异 1 条待处理" in t for t in titles)
    assert not [i for i in openitems.collect(clerk_b.id, T) if i.kind == "stockcheck"]


@pytest.mark.sqlite_only   # the SQLite file in the data directory itself
def test_cli_prints_the_days_last_check(shelf3, clerk, tmp_path, capsys):
    from outlet_desk.cli import main
    c = stockcheck.start("3", actor=clerk, now=T)
    stockcheck.finish(c.id, actor=clerk, now=T)
    rc = main(["--home", str(tmp_path), "stockcheck", "last", "--day", "2026-06-07"])
    out = capsys.readouterr().out
    assert rc == 3 and "货架 3" in out and "缺失 3" in out
    assert main(["--home", str(tmp_path), "stockcheck", "last", "--day", "2026-06-01"]) == 2
