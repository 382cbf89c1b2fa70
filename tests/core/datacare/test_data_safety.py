"""Backups, restore, the consistency check and retention."""
import datetime as dt
import sqlite3

import pytest

from outlet_desk import audit_text
from outlet_desk.datacare import backup, retention
from outlet_desk.db import close_database
from outlet_desk.errors import DomainError, PermissionDenied
from outlet_desk.models import Outbox, Parcel
from outlet_desk.permissions import SYSTEM
from outlet_desk.storage import open_database

from ...factories import make_parcel

NOW = dt.datetime(2026, 6, 7, 9, 30)


@pytest.mark.sqlite_only
def test_backup_is_verified_and_old_ones_pruned(db, tmp_path, manager):
    make_parcel("SF1234567890123")
    for i in range(5):
        backup.backup_now(tmp_path, actor=manager, reason="daily", now=NOW + dt.timedelta(days=i),
                          keep=3)
    kept = backup.list_backups(tmp_path)
    assert [b.taken_at.day for b in kept] == [11, 10, 9]
    con = sqlite3.connect(kept[0].path)
    assert con.execute("SELECT waybill FROM parcel").fetchall() == [("SF1234567890123",)]
    con.close()
    assert backup.backed_up_today(tmp_path, (NOW + dt.timedelta(days=4)).date())


@pytest.mark.sqlite_only
def test_restore_brings_back_the_data_and_keeps_the_current_file_aside(db, tmp_path, manager):
    make_parcel("SF1234567890123")
    info = backup.backup_now(tmp_path, actor=manager, reason="daily", now=NOW)
    make_parcel("SF9999999999999")          # written after the backup
    close_database()
    aside = backup.restore(tmp_path, info.path, actor=manager, now=NOW + dt.timedelta(hours=1))
    assert aside.exists() and "before-restore" in aside.name
    open_database(tmp_path / "outlet.db")
    assert [p.waybill for p in Parcel.select()] == ["SF1234567890123"]
    close_database()
    con = sqlite3.connect(aside)   # nothing lost: the newer data is in the file kept aside
    assert len(con.execute("SELECT * FROM parcel").fetchall()) == 2
    con.close()


@pytest.mark.sqlite_only
def test_restore_refuses_a_broken_backup_and_touches_nothing(db, tmp_path):
    make_parcel("SF1234567890123")
    close_database()
    bad = tmp_path / "broken.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    before = (tmp_path / "outlet.db").read_bytes()
    with pytest.raises(DomainError, match="不能用来恢复"):
        backup.restore(tmp_path, bad, actor=SYSTEM, now=NOW)
    assert (tmp_path / "outlet.db").read_bytes() == before
    assert not list(tmp_path.glob("outlet.db.before-restore-*"))


@pytest.mark.sqlite_only
def test_check_passes_on_a_sound_database_and_reports_tampering(db, tmp_path, manager):
    from outlet_desk import settings
    settings.update({"outlet.name": "x"}, actor=manager, now=NOW)
    assert backup.check(tmp_path) == []
    close_database()
    con = sqlite3.connect(tmp_path / "outlet.db")
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET detail='{}' WHERE id=2")
    con.commit()
    con.close()
    open_database(tmp_path / "outlet.db")
    problems = backup.check(tmp_path)
    assert any("审计日志第 2 条" in p for p in problems)


def test_check_reports_an_inconsistent_outbox(db, tmp_path):
    Outbox.create(key="k1", kind="signoff", payload="{}", created_at=NOW, status=Outbox.SENT)
    assert any("没有发送时间" in p for p in backup.check(tmp_path))


def test_retention_masks_old_closed_parcels_only_and_is_audited(db, manager):
    old = make_parcel("SF1000000000001", status=Parcel.RELEASED, arrived_at=NOW - dt.timedelta(days=300))
    fresh = make_parcel("SF1000000000002", status=Parcel.RELEASED, arrived_at=NOW - dt.timedelta(days=10))
    stock = make_parcel("SF1000000000003", arrived_at=NOW - dt.timedelta(days=300))
    from outlet_desk.models.outgoing import OutgoingParcel
    sent_old = OutgoingParcel.create(waybill="YT100", sender_name="王五", sender_phone="13900001111",
                                     received_at=NOW - dt.timedelta(days=200))
    sent_new = OutgoingParcel.create(waybill="YT101", sender_name="赵六", sender_phone="13900002222",
                                     received_at=NOW - dt.timedelta(days=20))
    from outlet_desk.models.tickets import Ticket
    tickets = [Ticket.create(category="投诉", title="t", customer_name="钱七",
                             customer_phone="139-0000-3333", phone_digits="13900003333",
                             status=Ticket.CLOSED, created_at=NOW - dt.timedelta(days=age + 1),
                             due_at=NOW, closed_at=NOW - dt.timedelta(days=age))
               for age in (300, 10)]
    result = retention.purge(actor=manager, now=NOW)
    assert result.parcels == 1 and result.outgoing == 1 and result.tickets == 1
    old_t, new_t = (Ticket.get_by_id(t.id) for t in tickets)
    assert (old_t.customer_phone, old_t.phone_digits) == (None, None)   # no copy of the number left
    assert new_t.phone_digits == "13900003333"
    assert OutgoingParcel.get_by_id(sent_old.id).sender_phone is None
    assert OutgoingParcel.get_by_id(sent_new.id).sender_phone == "13900002222"
    old = Parcel.get_by_id(old.id)
    assert old.recipient_phone is None and old.recipient_name == retention.PURGED
    assert Parcel.get_by_id(fresh.id).recipient_phone == "13812341234"
    assert Parcel.get_by_id(stock.id).recipient_phone == "13812341234"   # still at the outlet
    assert Parcel.select().count() == 3                                  # counts stay
    assert audit_text.browse(actor=manager, action="retention.purge")


def test_clerk_cannot_purge(db, clerk):
    with pytest.raises(PermissionDenied):
        retention.purge(actor=clerk, now=NOW)


@pytest.mark.sqlite_only
def test_cli_backup_check_restore(tmp_path, capsys, monkeypatch):
    from outlet_desk.cli import main
    home = tmp_path / "o"
    assert main(["--home", str(home), "demo"]) == 0
    close_database()
    monkeypatch.setenv("OUTLET_DESK_PASSWORD", "manager803")    # the demo's manager
    assert main(["--home", str(home), "backup", "--as", "李店长"]) == 0
    close_database()
    assert main(["--home", str(home), "check"]) == 0
    close_database()
    assert "检查通过" in capsys.readouterr().out
    assert main(["--home", str(home), "restore", "--as", "李店长"]) == 0
    assert "原数据库已另存为" in capsys.readouterr().out
    assert main(["--home", str(home), "check"]) == 0
    close_database()
