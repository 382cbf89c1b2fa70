"""The 3-day check (seed 004 第7条) and the tracking import."""
import datetime as dt
import io

import pytest

from outlet_desk import duty_events
from outlet_desk.errors import ValidationError
from outlet_desk.models.outgoing import OutgoingParcel, ThreeDayRun
from outlet_desk.models.tickets import Ticket
from outlet_desk.outgoing import threeday

D, T = dt.date, dt.datetime


@pytest.mark.parametrize("query,end", [
    (D(2026, 6, 7), T(2026, 6, 4, 23, 59, 59)),      # the seed's own example
    (D(2026, 7, 2), T(2026, 6, 29, 23, 59, 59)),     # month boundary
    (D(2026, 3, 2), T(2026, 2, 27, 23, 59, 59)),     # February
    (D(2027, 1, 2), T(2026, 12, 30, 23, 59, 59)),    # year boundary
])
def test_window_ends_on_the_seeds_day(db, query, end):
    assert threeday.window_end(query) == end


def test_window_starts_where_the_previous_one_ended(db):
    start, end = threeday.check_window(D(2027, 1, 2), T(2026, 12, 27, 23, 59, 59))
    assert (start, end) == (T(2026, 12, 28), T(2026, 12, 30, 23, 59, 59))
    start, end = threeday.check_window(D(2026, 6, 7), None)       # first check: 3 days back
    assert start == T(2026, 6, 2)


def parcel(w, shipped, province="广东", city="深圳", **kw):
    return OutgoingParcel.create(waybill=w, source="salesman", salesman="陈建国", province=province,
                                 city=city, received_at=shipped, dispatched_at=shipped, **kw)


def test_check_lists_delays_and_losses_opens_tickets_once_and_skips_bags(db, clerk):
    shipped = T(2026, 6, 3, 17, 0)
    parcel("773000000001", shipped, tracking_status="运输中", last_scan_at=shipped +
           dt.timedelta(hours=30), hub_reached_at=shipped + dt.timedelta(hours=4))     # delay
    parcel("773000000002", shipped, tracking_status="到达分拨", last_scan_at=shipped +
           dt.timedelta(hours=4), hub_reached_at=shipped + dt.timedelta(hours=4),
           last_scan_place="杭州转运中心")                                            # loss
    parcel("773000000003", shipped, signed_at=shipped + dt.timedelta(hours=20))       # signed
    parcel("412345678901", shipped)                                                   # bag number
    parcel("773000000004", T(2026, 6, 5, 9, 0))                                       # after window
    run = threeday.run_three_day_check(actor=clerk, now=T(2026, 6, 7, 15, 0))
    assert (run.window_start, run.window_end) == (T(2026, 6, 2), T(2026, 6, 4, 23, 59, 59))
    assert [i.waybill for i in run.delays] == ["773000000001"]
    assert [i.waybill for i in run.losses] == ["773000000002"]
    assert (run.checked, run.excluded_bags, run.new_tickets) == (2, 1, 2)
    urge = Ticket.get(Ticket.waybills == "773000000001")
    verify = Ticket.get(Ticket.waybills == "773000000002")
    assert (urge.category, urge.source, urge.origin) == ("催件", "auto", "three_day_check:2026-06-07")
    assert (verify.category, verify.title) == ("查询", "核实具体位置")
    assert duty_events.THREE_DAY_CHECK in duty_events.observed(D(2026, 6, 7))

    # a re-run the same day covers the same window, lists them again, opens no second ticket
    again = threeday.run_three_day_check(actor=clerk, now=T(2026, 6, 7, 16, 0))
    assert again.window_start == run.window_start and again.new_tickets == 0
    assert [i.ticket_id for i in again.delays] == [urge.id]
    assert Ticket.select().count() == 2
    # the next check starts after this window
    later = threeday.run_three_day_check(actor=clerk, now=T(2026, 6, 10, 15, 0))
    assert later.window_start == T(2026, 6, 5) and [i.waybill for i in later.delays] == \
        ["773000000004"]
    assert Ticket.select().count() == 3
    assert threeday.next_check(D(2026, 6, 12)).overdue_days == -1
    assert threeday.next_check(D(2026, 6, 14)).overdue_days == 1


def test_parcel_within_its_promise_is_not_listed(db, clerk, manager):
    from outlet_desk import settings
    settings.update({"threeday.promise_hours": {"同城": 24, "省内": 48, "跨省": 200}},
                    actor=manager, now=T(2026, 6, 1))
    parcel("773000000001", T(2026, 6, 4, 12, 0))
    run = threeday.run_three_day_check(actor=clerk, now=T(2026, 6, 7, 15, 0))
    assert run.checked == 1 and not run.delays and not run.losses


def test_export_files_named_by_date(db, clerk, tmp_path):
    parcel("773000000001", T(2026, 6, 3, 17, 0))
    run = threeday.run_three_day_check(actor=clerk, now=T(2026, 6, 7, 15, 0))
    paths = threeday.export_run(run.id, tmp_path / "延误及问题件单号")
    assert [p.name for p in paths] == ["2026-06-07-延误.txt", "2026-06-07-遗失.txt"]
    assert paths[0].read_bytes() == b"773000000001\r\n"
    assert paths[1].read_text(encoding="utf-8") == ""
    assert ThreeDayRun.select().count() == 1


TRACK = ("运单号,状态,最后扫描时间,最后扫描地点,到达分拨时间\n"
         "773000000001,运输中,2026-06-04 10:00:00,广州分拨中心,2026-06-04 08:00\n"
         "773000000002,已签收,2026-06-05 09:30,深圳南山网点,\n"
         "412345678901,已发出,2026-06-03 18:00,本网点,\n")


def test_tracking_import_csv_updates_and_skips_bags(db, clerk):
    parcel("773000000001", T(2026, 6, 3, 17, 0))
    parcel("773000000002", T(2026, 6, 3, 17, 0))
    r = threeday.import_tracking(TRACK.encode("gb18030"), "t.csv", actor=clerk, now=T(2026, 6, 7))
    assert (r.updated, r.skipped_bags, r.signed) == (2, 1, 1)
    p = OutgoingParcel.get(OutgoingParcel.waybill == "773000000001")
    assert (p.tracking_status, p.last_scan_place, p.hub_reached_at) == \
        ("运输中", "广州分拨中心", T(2026, 6, 4, 8, 0))
    assert OutgoingParcel.get(OutgoingParcel.waybill == "773000000002").signed_at == \
        T(2026, 6, 5, 9, 30)


def test_tracking_import_xlsx(db, clerk):
    import openpyxl
    parcel("773000000001", T(2026, 6, 3, 17, 0))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["waybill", "status", "last_scan_at", "last_scan_place", "hub_reached_at"])
    ws.append(["773000000001", "到达分拨", T(2026, 6, 4, 8, 0), "杭州转运中心", T(2026, 6, 4, 8, 0)])
    buf = io.BytesIO()
    wb.save(buf)
    assert threeday.import_tracking(buf.getvalue(), "t.xlsx", actor=clerk, now=T(2026, 6, 7)).updated == 1
    assert OutgoingParcel.get().last_scan_at == T(2026, 6, 4, 8, 0)


@pytest.mark.parametrize("text,reason", [
    (TRACK + "773000000009,运输中,2026-06-04 10:00,x,\n", "773000000009 不是本网点"),
    (TRACK + "773000000003,运输中,昨天,x,\n", "第 5 行：时间“昨天”"),
    (TRACK.replace("最后扫描时间", "时间"), "第 1 行：缺少列 最后扫描时间"),
    (TRACK + "773000000002,已签收,,x,\n", "第 5 行：.*重复"),
    (b"PK\x03\x04garbage", "XLSX"),
])
def test_bad_tracking_file_is_refused_whole(db, clerk, text, reason):
    parcel("773000000001", T(2026, 6, 3, 17, 0))
    parcel("773000000002", T(2026, 6, 3, 17, 0))
    data = text if isinstance(text, bytes) else text.encode()
    with pytest.raises(ValidationError, match=reason):
        threeday.import_tracking(data, "t.csv", actor=clerk, now=T(2026, 6, 7))
    assert OutgoingParcel.select().where(OutgoingParcel.tracking_status.is_null(False)).count() == 0


def test_command_line_imports_and_runs_the_check(tmp_path, capsys, monkeypatch):
    from outlet_desk.cli import main
    from outlet_desk.db import close_database
    from outlet_desk.outgoing import outgoing as og
    from outlet_desk.permissions import SYSTEM
    from outlet_desk.shifts import staff
    from outlet_desk.storage import open_database
    home = tmp_path / "home"
    home.mkdir()
    open_database(home / "outlet.db")
    og.add_salesman("陈建国", actor=SYSTEM, now=T(2026, 6, 1))
    staff.add_staff("张丽", "clerk", "1111", actor=SYSTEM, now=T(2026, 6, 1))
    close_database()
    monkeypatch.setenv("OUTLET_DESK_PASSWORD", "1111")
    good = tmp_path / "c.csv"
    good.write_text("业务员,运单号,省份,城市,申报重量,运费\n陈建国,773000000001,广东,深圳,1.5,17\n",
                    encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("业务员,运单号,省份,城市,申报重量,运费\n陈建国,773000000002,广东,深圳,1.555,17\n",
                   encoding="utf-8")
    assert main(["--home", str(home), "import", "collections", str(bad), "--as", "张丽"]) == 1
    assert "第 2 行" in capsys.readouterr().err
    assert main(["--home", str(home), "import", "collections", str(good), "--as", "张丽"]) == 0
    assert main(["--home", str(home), "threeday", "run", "--date", "2026-06-07",
                 "--out", str(tmp_path / "out"), "--as", "张丽"]) == 0
    out = capsys.readouterr().out
    assert "2026-06-02 00:00:00 — 2026-06-04 23:59:59" in out
    assert (tmp_path / "out" / "2026-06-07-延误.txt").exists()
    assert main(["--home", str(home), "threeday", "status"]) == 0
    assert "6月10日" in capsys.readouterr().out
    close_database()
