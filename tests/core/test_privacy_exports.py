"""Exports and reports mask phones by default; full numbers only on a manager's explicit request,
and that request is audited."""
import datetime as dt
import json
import re

import pytest

from outlet_desk.db import close_database
from outlet_desk.errors import PermissionDenied
from outlet_desk.models import AuditLog, Parcel
from outlet_desk.signoff import signoff
from outlet_desk.storage import open_database

from ..factories import make_parcel
from ..pdfcheck import pdf_text as read_pdf_text

NOW = dt.datetime(2026, 6, 7, 11, 0)
# a phone is never glued to a letter: "JDVA13275520376" is a waybill, not a phone
FULL_PHONE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?!\d)")


def pdf_text(path) -> str:
    return read_pdf_text(path, layout=True)


def test_signoff_export_masks_phones_unless_a_manager_asks(db, tmp_path, clerk, manager):
    make_parcel("YT0000000000001", status=Parcel.RELEASED, released_at=NOW, signer_type="本人",
                phone="13812345678")
    signoff.sign(flt=None, actor=clerk, now=NOW)
    masked = tmp_path / "masked.csv"
    signoff.export(NOW.date(), masked, actor=clerk, now=NOW)
    text = masked.read_text(encoding="utf-8-sig")
    assert "138****5678" in text and not FULL_PHONE.search(text)
    with pytest.raises(PermissionDenied):
        signoff.export_full_phones(NOW.date(), tmp_path / "full.csv", actor=clerk, now=NOW)
    assert not (tmp_path / "full.csv").exists()
    signoff.export_full_phones(NOW.date(), tmp_path / "full.csv", actor=manager, now=NOW)
    assert "13812345678" in (tmp_path / "full.csv").read_text(encoding="utf-8-sig")
    row = AuditLog.get(AuditLog.action == "signoff.export_full_phones")
    assert row.actor_name == manager.name and json.loads(row.detail)["phones"] == "full"


@pytest.mark.sqlite_only
def test_default_exports_and_reports_hold_no_full_phone(tmp_path, capsys):
    from outlet_desk.cli import main
    home = tmp_path / "o"
    assert main(["--home", str(home), "demo"]) == 0
    close_database()
    capsys.readouterr()
    open_database(home / "outlet.db")
    phones = {p for (p,) in Parcel.select(Parcel.recipient_phone).where(
        Parcel.recipient_phone.is_null(False)).tuples()}
    day = max(d for (d,) in Parcel.select(Parcel.released_at).where(
        Parcel.released_at.is_null(False)).tuples()).date()
    close_database()
    assert phones, "the demo has customer phones"
    outputs = {}

    def run(*args):
        assert main(["--home", str(home), *args]) == 0, args
        close_database()
        return capsys.readouterr().out

    run("export", "signoffs", "--date", day.isoformat(), "-o", str(tmp_path / "s.csv"))
    outputs["export signoffs"] = (tmp_path / "s.csv").read_text(encoding="utf-8-sig")
    outputs["export day"] = run("export", "day", "--date", day.isoformat())
    run("report", "daily", "--date", day.isoformat(), "-o", str(tmp_path / "d.pdf"))
    outputs["report daily"] = pdf_text(tmp_path / "d.pdf")
    run("report", "tickets", "--month", f"{day:%Y-%m}", "-o", str(tmp_path / "t.pdf"))
    outputs["report tickets"] = pdf_text(tmp_path / "t.pdf")
    run("labels", "--day", day.isoformat(), "--all", "--out", str(tmp_path / "l.pdf"))
    outputs["labels"] = pdf_text(tmp_path / "l.pdf")
    open_database(home / "outlet.db")
    from outlet_desk.models.outgoing import OutgoingParcel
    from outlet_desk.outgoing import outgoing
    sent = OutgoingParcel.select().where(OutgoingParcel.sender_phone.is_null(False)).first()
    if sent is not None:
        (tmp_path / "r.pdf").write_bytes(outgoing.receipt_pdf(sent.waybill))
        outputs["receipt"] = pdf_text(tmp_path / "r.pdf")
    close_database()
    assert "****" in outputs["export signoffs"]
    for name, text in outputs.items():
        found = FULL_PHONE.findall(text)
        assert not found, f"{name} shows full phone numbers: {found[:3]}"
