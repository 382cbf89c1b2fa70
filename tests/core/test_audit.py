import datetime as dt
import sqlite3

import peewee
import pytest

from outlet_desk import audit, settings
from outlet_desk.db import close_database
from outlet_desk.models import AuditLog

NOW = dt.datetime(2026, 6, 7, 9, 30)


def _some_history(manager):
    for i in range(5):
        settings.update({"outlet.name": f"网点{i}"}, actor=manager, now=NOW + dt.timedelta(minutes=i))


def test_chain_verifies_when_untouched(manager):
    _some_history(manager)
    result = audit.verify()
    assert result.ok and result.checked == AuditLog.select().count() >= 6


def test_update_and_delete_are_refused_by_the_database(manager):
    _some_history(manager)
    from outlet_desk.db import write_tx
    with pytest.raises(peewee.DatabaseError, match="append-only"):
        with write_tx():
            AuditLog.update(actor_name="X").where(AuditLog.id == 2).execute()
    with pytest.raises(peewee.DatabaseError, match="append-only"):
        with write_tx():
            AuditLog.delete().where(AuditLog.id == 2).execute()
    assert audit.verify().ok


def test_a_rolled_back_change_leaves_no_gap_in_the_chain(manager):
    # a refused change rolls its audit row back; the chain must still verify (PostgreSQL: no
    # sequence gap read as a deleted record)
    from outlet_desk.db import write_tx
    _some_history(manager)
    with pytest.raises(RuntimeError):
        with write_tx():
            audit.record(manager, "test.refused", now=NOW)
            raise RuntimeError("refused")
    _some_history(manager)
    result = audit.verify()
    assert result.ok, result.message()
    assert "test.refused" not in {a for (a,) in AuditLog.select(AuditLog.action).tuples()}


def _no_head_office_here(home):
    """Point the demo's upload address at a closed port: a receiver some other demo left running
    on the default one (another outlet 803) must not be taken for this outlet's head office."""
    import socket

    from outlet_desk.permissions import SYSTEM
    from outlet_desk.storage import open_database
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    open_database(home / "outlet.db")
    settings.update({"upload.url": f"http://127.0.0.1:{port}/api/v1/records"}, actor=SYSTEM,
                    now=dt.datetime(2026, 6, 7, 9, 0))
    close_database()


def _tamper(path, sql):
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("DROP TRIGGER audit_log_no_delete")
    con.execute(sql)
    con.commit()
    con.close()


@pytest.mark.sqlite_only
def test_edited_row_is_detected_with_its_number(db, manager, tmp_path):
    _some_history(manager)
    target = AuditLog.select().order_by(AuditLog.id).offset(3).first().id
    close_database()
    _tamper(tmp_path / "outlet.db", f"UPDATE audit_log SET detail='{{\"new\":\"x\"}}' WHERE id={target}")
    from outlet_desk.storage import open_database
    open_database(tmp_path / "outlet.db")
    result = audit.verify()
    assert not result.ok and result.broken_id == target
    assert str(target) in result.message()


@pytest.mark.sqlite_only
def test_deleted_row_is_detected(db, manager, tmp_path):
    _some_history(manager)
    close_database()
    _tamper(tmp_path / "outlet.db", "DELETE FROM audit_log WHERE id=3")
    from outlet_desk.storage import open_database
    open_database(tmp_path / "outlet.db")
    result = audit.verify()
    assert not result.ok and result.broken_id == 3


@pytest.mark.sqlite_only
def test_cli_audit_verify_reports_tampering(tmp_path, capsys):
    from outlet_desk.cli import main
    assert main(["--home", str(tmp_path), "demo"]) == 0
    close_database()
    _no_head_office_here(tmp_path)
    assert main(["--home", str(tmp_path), "audit", "verify"]) == 0
    assert "完好" in capsys.readouterr().out
    close_database()
    _tamper(tmp_path / "outlet.db", "UPDATE audit_log SET actor_name='某人' WHERE id=2")
    assert main(["--home", str(tmp_path), "audit", "verify"]) == 3
    assert "第 2 条" in capsys.readouterr().out
    close_database()


# -- the log cannot lose its newest rows unnoticed ------------------------------------------------
# The chain alone cannot see rows removed from its end.  Its anchor (row count + newest hash) is
# kept outside the table — in each closed day, beside each backup, at head office — and every
# kind of tampering below is found by each of those anchors on its own.
import json  # noqa: E402

from outlet_desk import db as dbmod  # noqa: E402
from outlet_desk.datacare import backup  # noqa: E402
from outlet_desk.signoff import upload  # noqa: E402


def _history(manager, n, start=NOW):
    for i in range(n):
        settings.update({"outlet.name": f"网点{i}"}, actor=manager, now=start + dt.timedelta(seconds=i))


def _close_a_day(clerk, clerk_b, manager):
    from outlet_desk.dayclose import dayclose as dc
    day = dt.date(2026, 6, 7)
    evening = dt.datetime(2026, 6, 7, 19, 30)
    dc.save_count(day, cash_total_fen=dc.ledger(day).money_row("现金").expected_fen,
                  actor=clerk, now=evening)
    dc.confirm(day, actor=clerk, now=evening)
    dc.confirm(day, actor=clerk_b, now=evening)
    dc.close_day(day, actor=manager, now=dt.datetime(2026, 6, 7, 20, 0))


def _sql(text):
    return dbmod.database.execute_sql(text)


def _drop_triggers():
    on = "" if dbmod.is_sqlite() else " ON audit_log"
    for name in audit.TRIGGERS:
        _sql(f"DROP TRIGGER IF EXISTS {name}{on}")


def _delete_newest(n):
    _drop_triggers()
    top = audit.anchor().rows
    _sql(f"DELETE FROM audit_log WHERE id > {top - n}")
    audit.restore_triggers()        # put the guards back: only the anchors can tell now
    return top


def _rehash_from(first_id):
    """Change a row and recompute every hash after it: the chain verifies again."""
    _drop_triggers()
    rows = list(AuditLog.select().order_by(AuditLog.id))
    prev = audit.GENESIS
    for r in rows:
        detail = r.detail
        if r.id == first_id:
            detail = json.dumps({"changed": "by someone"})
        h = audit._digest(prev, r.at, r.actor_id, r.actor_name, r.action, r.entity, r.entity_id,
                          detail)
        if r.id >= first_id:
            AuditLog.update(detail=detail, prev_hash=prev, hash=h).where(AuditLog.id == r.id).execute()
        prev = h
    audit.restore_triggers()


def _anchor_at(source, clerk, clerk_b, manager, tmp_path):
    """Write the anchor in one place only; return verify's keyword arguments for it."""
    if source == "dayclose":
        _close_a_day(clerk, clerk_b, manager)
        return {}
    if source == "backup":
        backup.backup_now(tmp_path, actor=manager, reason="manual", now=NOW)
        return {"home": tmp_path}
    anchor = audit.anchor()        # head office: what the last upload carried
    return {"hq": audit.Anchor(anchor.rows, anchor.hash, "总部")}


SOURCES = ["dayclose", pytest.param("backup", marks=pytest.mark.sqlite_only), "hq"]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("n", [1, 20, 50])
def test_deleting_the_newest_rows_is_found_by_each_anchor(clerk, clerk_b, manager, tmp_path,
                                                          source, n):
    _history(manager, 60)
    kw = _anchor_at(source, clerk, clerk_b, manager, tmp_path)
    assert audit.verify(**kw).ok
    top = audit.anchor().rows
    _delete_newest(n)
    r = audit.verify(**kw)
    assert not r.ok
    first = top - n + 1
    expected = f"审计日志少了第 {first} 条" if n == 1 else f"审计日志少了第 {first}–{top} 条"
    assert expected in r.message(), r.message()
    assert any(expected in p for p in backup.check(kw.get("home", tmp_path))) or source == "hq"


@pytest.mark.parametrize("source", SOURCES)
def test_deleting_every_row_is_found(clerk, clerk_b, manager, tmp_path, source):
    _history(manager, 10)
    kw = _anchor_at(source, clerk, clerk_b, manager, tmp_path)
    top = audit.anchor().rows
    _drop_triggers()
    _sql("DELETE FROM audit_log")
    audit.restore_triggers()
    r = audit.verify(**kw)
    assert not r.ok and f"审计日志少了第 1–{top} 条" in r.message()


@pytest.mark.parametrize("source", SOURCES)
def test_dropping_and_recreating_the_table_is_found(clerk, clerk_b, manager, tmp_path, source):
    _history(manager, 10)
    kw = _anchor_at(source, clerk, clerk_b, manager, tmp_path)
    top = audit.anchor().rows
    _sql("DROP TABLE audit_log")
    dbmod.database.create_tables([AuditLog])          # a fresh table, no guard triggers
    _history(manager, top + 5)                        # and a new chain longer than the old one
    r = audit.verify(**kw)
    assert not r.ok
    assert f"审计日志第 {top} 条与" in r.message() and "改写" in r.message()
    assert "防改触发器缺失" in r.message()


@pytest.mark.parametrize("source", SOURCES)
def test_a_rehashed_chain_is_found(clerk, clerk_b, manager, tmp_path, source):
    _history(manager, 30)
    kw = _anchor_at(source, clerk, clerk_b, manager, tmp_path)
    _rehash_from(12)
    assert audit._chain(5000, set())[0] is None       # the chain alone is fooled
    r = audit.verify(**kw)
    assert not r.ok and "改写" in r.message()


def test_dropped_guard_triggers_are_reported_and_check_puts_them_back(manager, tmp_path):
    _history(manager, 3)
    _drop_triggers()
    r = audit.verify()
    assert not r.ok and "audit_log_no_delete" in r.message()
    problems = backup.check(tmp_path)
    assert any("已重建" in p for p in problems)
    assert audit.verify().ok and backup.check(tmp_path) == []
    from outlet_desk.db import write_tx
    with pytest.raises(peewee.DatabaseError, match="append-only"):
        with write_tx():
            AuditLog.delete().where(AuditLog.id == 1).execute()


def test_the_log_growing_after_an_anchor_is_fine(clerk, clerk_b, manager, tmp_path):
    _history(manager, 5)
    _close_a_day(clerk, clerk_b, manager)
    _history(manager, 5)
    r = audit.verify(hq=audit.Anchor(3, AuditLog.get_by_id(3).hash, "总部"))
    assert r.ok and r.anchors == 2, r.message()


def test_head_office_keeps_the_anchor_and_audit_verify_reads_it_back(clerk, manager, tmp_path):
    """The whole path: an upload carries the anchor, the receiver keeps it, verify reads it back
    over HTTP and finds the rows deleted after it."""
    from devtools.hqserver import serve_in_thread
    from outlet_desk.models import Parcel
    from outlet_desk.signoff import signoff

    from ..factories import make_parcel
    server = serve_in_thread(port=0, db_path=tmp_path / "hq.db", token="t0k")
    try:
        settings.update({"upload.url": server.url, "upload.token": "t0k"}, actor=manager, now=NOW)
        _history(manager, 25)
        make_parcel("YT0000000000001", status=Parcel.RELEASED, released_at=NOW, signer_type="本人")
        signoff.sign(flt=None, actor=clerk, now=NOW)
        assert upload.drain_once(clock=lambda: NOW).sent == 1
        top = audit.anchor().rows
        assert upload.hq_anchor() == audit.anchor().as_dict()
        assert audit.verify(head_office=upload.hq_anchor).ok
        _delete_newest(20)
        r = audit.verify(head_office=upload.hq_anchor)
        assert not r.ok and f"审计日志少了第 {top - 19}–{top} 条（总部记下共 {top} 条" in r.message()
    finally:
        server.stop()
    # head office out of reach: said, not counted as tampering by itself
    r = audit.verify(head_office=upload.hq_anchor)
    assert any("读不到总部" in n for n in r.notes)


@pytest.mark.sqlite_only
def test_restoring_the_same_backup_twice_keeps_verify_passing(clerk, manager, tmp_path):
    """Found by the outlet model (issue 15): the manager restores yesterday's backup, works on,
    takes a backup, then restores yesterday's backup again.  Nothing was tampered with, yet verify
    reported rows missing: the anchors the first restore gave up (a newer backup's manifest, head
    office's highest) were no longer explained once the second restore replaced the log that
    recorded the first one."""
    from outlet_desk.storage import open_database

    def restore(path, at):
        close_database()
        backup.restore(tmp_path, path, actor=manager, now=at)
        open_database(tmp_path / "outlet.db")

    _history(manager, 5)
    first = backup.backup_now(tmp_path, actor=manager, reason="manual", now=NOW)
    _history(manager, 20, start=NOW + dt.timedelta(minutes=1))
    backup.backup_now(tmp_path, actor=manager, reason="manual", now=NOW + dt.timedelta(minutes=2))
    _history(manager, 10, start=NOW + dt.timedelta(minutes=3))
    hq = audit.anchor()            # head office's highest, before any restore
    hq = audit.Anchor(hq.rows, hq.hash, "总部", hq.at)
    restore(first.path, NOW + dt.timedelta(hours=1))
    assert audit.verify(hq=hq).ok
    _history(manager, 3, start=NOW + dt.timedelta(hours=2))
    backup.backup_now(tmp_path, actor=manager, reason="manual", now=NOW + dt.timedelta(hours=3))
    restore(first.path, NOW + dt.timedelta(hours=4))
    r = audit.verify(hq=hq)
    assert r.ok, r.message()
    # the rows given up are still only those: a tail removed after the restore is found
    _history(manager, 4, start=NOW + dt.timedelta(hours=5))
    after = audit.anchor()
    _delete_newest(2)
    r = audit.verify(hq=audit.Anchor(after.rows, after.hash, "总部", after.at))
    assert not r.ok and "审计日志少了" in r.message(), r.message()


@pytest.mark.sqlite_only
def test_restoring_a_backup_from_before_an_earlier_restore_keeps_verify_passing(clerk, manager,
                                                                                 tmp_path):
    """Found by the outlet model (issue 15): restore an old backup, work on and upload (head office
    keeps that anchor), then restore a newer backup taken before the first restore.  Head office's
    anchor describes a row the second restore gave up (another row stands at that number now):
    verify reported the log rewritten."""
    from outlet_desk.storage import open_database

    def restore(path, at):
        close_database()
        backup.restore(tmp_path, path, actor=manager, now=at)
        open_database(tmp_path / "outlet.db")

    _history(manager, 5)
    old = backup.backup_now(tmp_path, actor=manager, reason="manual", now=NOW)
    _history(manager, 20, start=NOW + dt.timedelta(minutes=1))
    newer = backup.backup_now(tmp_path, actor=manager, reason="manual",
                              now=NOW + dt.timedelta(minutes=2))
    restore(old.path, NOW + dt.timedelta(hours=1))
    _history(manager, 5, start=NOW + dt.timedelta(hours=2))
    a = audit.anchor()             # head office's, after the first restore
    hq = audit.Anchor(a.rows, a.hash, "总部", a.at)
    assert a.rows < audit.anchor_of_file(newer.path).rows
    restore(newer.path, NOW + dt.timedelta(hours=3))
    r = audit.verify(hq=hq)
    assert r.ok, r.message()
    # a row rewritten after the restore is still found
    _history(manager, 3, start=NOW + dt.timedelta(hours=4))
    after = audit.anchor()
    _delete_newest(1)
    r = audit.verify(hq=audit.Anchor(after.rows, after.hash, "总部", after.at))
    assert not r.ok, r.message()


@pytest.mark.sqlite_only
def test_a_restore_is_audited_with_the_rows_it_gave_up(clerk, manager, tmp_path):
    _history(manager, 10)
    older = backup.backup_now(tmp_path, actor=manager, reason="manual", now=NOW)
    kept = audit.anchor_of_file(older.path).rows        # what the backup holds
    _history(manager, 15)
    backup.backup_now(tmp_path, actor=manager, reason="manual", now=NOW + dt.timedelta(minutes=5))
    _history(manager, 5)
    replaced = audit.anchor().rows
    hq = audit.Anchor(replaced, audit.anchor().hash, "总部")
    close_database()
    backup.restore(tmp_path, older.path, actor=manager, now=NOW + dt.timedelta(hours=1))
    from outlet_desk.storage import open_database
    open_database(tmp_path / "outlet.db")
    row = AuditLog.select().order_by(AuditLog.id.desc()).first()
    assert row.action == audit.RESTORE_ACTION and row.id == kept + 1
    assert json.loads(row.detail)["gave_up_rows"] == replaced - kept
    # the newer backup's manifest and head office count more rows: given up on purpose, not lost
    r = audit.verify(hq=hq)
    assert r.ok, r.message()
    # … but rows deleted from the restored log after it are still found, though as many rows as
    # the restore gave up: an anchor taken after the restore is not explained by it
    _history(manager, 3, start=NOW + dt.timedelta(hours=2))
    after = audit.anchor()
    assert kept < after.rows <= replaced
    _delete_newest(2)
    r = audit.verify(hq=audit.Anchor(after.rows, after.hash, "总部", after.at))
    assert f"审计日志少了第 {after.rows - 1}–{after.rows} 条" in r.message(), r.message()


def _late_manifest(clerk, at, waybill):
    """Work after the day's close: an arrival manifest (audited), dated into the next day."""
    from outlet_desk.inbound import intake
    data = f"运单号,快递公司,收件人,电话,地址\n{waybill},顺丰,张三,13812341234,幸福小区\n"
    intake.import_manifest(data.encode("utf-8"), filename="m.csv", actor=clerk, now=at)


@pytest.mark.sqlite_only
def test_a_restore_after_work_past_the_close_keeps_verify_passing(clerk, clerk_b, manager,
                                                                   tmp_path):
    """Found by `make stress` (issue 15): the manager closes the day, a late delivery's manifest is
    imported after the close (dated into the next day), the upload carries the anchor to head
    office, and the manager restores the morning's backup — twice, across another backup.  Nothing
    was tampered with, yet verify reported "审计日志少了第 … 条（总部记下共 … 条…）": the rows past
    the close were stamped with the next day's 00:00, so head office's anchor looked newer than the
    restore that gave it up.  The log keeps the real time of such work; each range a restore gives
    up keeps the time of the restore that gave it up."""
    from outlet_desk.storage import open_database

    def restore(path, at):
        close_database()
        backup.restore(tmp_path, path, actor=manager, now=at)
        open_database(tmp_path / "outlet.db")

    def hq_now():
        a = audit.anchor()
        return audit.Anchor(a.rows, a.hash, "总部", a.at)

    _history(manager, 5)
    morning = backup.backup_now(tmp_path, actor=manager, reason="manual", now=NOW)
    _close_a_day(clerk, clerk_b, manager)
    late = dt.datetime(2026, 6, 7, 20, 30)
    _late_manifest(clerk, late, "SF1000000000001")
    row = AuditLog.select().order_by(AuditLog.id.desc()).first()
    assert row.action == "intake.import_manifest" and row.at == late     # the real time
    hq = hq_now()                  # head office's highest: the upload after the close
    restore(morning.path, dt.datetime(2026, 6, 7, 20, 40))
    r = audit.verify(hq=hq, home=tmp_path)
    assert r.ok, r.message()
    # work on, back up, then restore the morning's backup again: still only rows given up
    _history(manager, 3, start=dt.datetime(2026, 6, 7, 20, 50))
    backup.backup_now(tmp_path, actor=manager, reason="manual", now=dt.datetime(2026, 6, 7, 21, 0))
    restore(morning.path, dt.datetime(2026, 6, 7, 21, 10))
    r = audit.verify(hq=hq, home=tmp_path)
    assert r.ok, r.message()
    given_up = json.loads(AuditLog.select().order_by(AuditLog.id.desc()).first().detail)["given_up"]
    assert [r[2][:16] for r in given_up] == ["2026-06-07 20:40", "2026-06-07 21:10"]
    # rows removed after the restores are still found
    _history(manager, 4, start=dt.datetime(2026, 6, 7, 21, 20))
    after = hq_now()
    _delete_newest(2)
    r = audit.verify(hq=after)
    assert not r.ok and f"审计日志少了第 {after.rows - 1}–{after.rows} 条" in r.message(), r.message()


@pytest.mark.sqlite_only
def test_cli_audit_verify_names_the_missing_rows(tmp_path, capsys, monkeypatch):
    from outlet_desk.cli import main
    assert main(["--home", str(tmp_path), "demo"]) == 0
    close_database()
    _no_head_office_here(tmp_path)
    monkeypatch.setenv("OUTLET_DESK_PASSWORD", "manager803")
    assert main(["--home", str(tmp_path), "backup", "--as", "李店长"]) == 0
    close_database()
    capsys.readouterr()
    con = sqlite3.connect(tmp_path / "outlet.db")
    top = con.execute("SELECT MAX(id) FROM audit_log").fetchone()[0]
    con.close()
    _tamper(tmp_path / "outlet.db", f"DELETE FROM audit_log WHERE id > {top - 3}")
    assert main(["--home", str(tmp_path), "audit", "verify"]) == 3
    out = capsys.readouterr().out
    assert f"审计日志少了第 {top - 2}–{top} 条" in out and "防改触发器缺失" in out
    close_database()
    assert main(["--home", str(tmp_path), "check"]) == 3
    out = capsys.readouterr().out
    assert "已重建" in out and f"少了第 {top - 2}–{top} 条" in out
    close_database()


@pytest.mark.parametrize("rows", [True, -5, 0, "1215", 12.0, 10 ** 40])
def test_a_head_office_answering_a_row_count_that_is_not_one_is_not_an_anchor(manager, rows):
    """Review: a head office answering {"rows": -5} made `audit verify` say the log agreed with it
    ("与另外记下的 4 个锚点一致"), and {"rows": true} gave "审计日志第 True 条与总部记下的哈希不符"."""
    import httpx

    from outlet_desk.errors import EnvironmentFault
    from outlet_desk.signoff import upload
    _history(manager, 5)
    answer = {"audit_anchor": {"rows": rows, "hash": audit.anchor().hash}}
    client = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200, json=answer)))
    with pytest.raises(EnvironmentFault, match="^读不到总部记下的审计锚点：格式不对。$"):
        upload.hq_anchor(client=client)
    assert audit.Anchor.from_dict(answer["audit_anchor"], "总部") is None
    r = audit.verify()
    assert r.ok and r.anchors == 0
