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
    from outlet_desk.db import open_database
    open_database(tmp_path / "outlet.db")
    result = audit.verify()
    assert not result.ok and result.broken_id == target
    assert str(target) in result.message()


@pytest.mark.sqlite_only
def test_deleted_row_is_detected(db, manager, tmp_path):
    _some_history(manager)
    close_database()
    _tamper(tmp_path / "outlet.db", "DELETE FROM audit_log WHERE id=3")
    from outlet_desk.db import open_database
    open_database(tmp_path / "outlet.db")
    result = audit.verify()
    assert not result.ok and result.broken_id == 3


@pytest.mark.sqlite_only
def test_cli_audit_verify_reports_tampering(tmp_path, capsys):
    from outlet_desk.cli import main
    assert main(["--home", str(tmp_path), "demo"]) == 0
    close_database()
    assert main(["--home", str(tmp_path), "audit", "verify"]) == 0
    assert "完好" in capsys.readouterr().out
    close_database()
    _tamper(tmp_path / "outlet.db", "UPDATE audit_log SET actor_name='某人' WHERE id=2")
    assert main(["--home", str(tmp_path), "audit", "verify"]) == 3
    assert "第 2 条" in capsys.readouterr().out
    close_database()
