"""A full disk during intake, and the retention job's schedule."""
import datetime as dt
import io
import random

import pytest

from outlet_desk import audit, audit_text
from outlet_desk.datacare import retention
from outlet_desk.errors import DiskFull
from outlet_desk.inbound import intake
from outlet_desk.models import AuditLog, Parcel, ParcelEvent

from ..factories import make_parcel

NOW = dt.datetime(2026, 6, 7, 9, 30)


def fill_disk(db) -> None:
    """The injected fault: the file may not grow by one more page (SQLite's max_page_count), so the
    next write that needs a page fails with "database or disk is full" like a real full disk."""
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")


def free_disk(db) -> None:
    db.execute_sql("PRAGMA max_page_count = 1073741823")


def snapshot():
    return (list(Parcel.select().order_by(Parcel.id).tuples()),
            list(ParcelEvent.select().order_by(ParcelEvent.id).tuples()),
            AuditLog.select().count())


@pytest.mark.sqlite_only
def test_disk_full_while_scanning_refuses_the_scan_whole_and_damages_nothing(db, clerk):
    for i in range(5):
        intake.receive_parcel(f"SF10000000000{i:02d}", actor=clerk, now=NOW)
    fill_disk(db)
    accepted, failed = [], None
    for i in range(5, 400):                       # some scans still fit in free space on the pages
        waybill = f"SF1000000000{i:03d}"
        try:
            intake.receive_parcel(waybill, actor=clerk, now=NOW)
        except DiskFull as exc:
            failed = waybill
            assert "磁盘已满" in str(exc) and "\n" not in str(exc)
            break
        accepted.append(waybill)
    assert failed is not None, "the injected full disk never filled"
    before = snapshot()
    with pytest.raises(DiskFull):                 # again: still refused, still nothing written
        intake.receive_parcel(failed, actor=clerk, now=NOW)
    assert snapshot() == before
    assert not Parcel.select().where(Parcel.waybill == failed).exists()
    stored = [w for (w,) in Parcel.select(Parcel.waybill).order_by(Parcel.id).tuples()]
    assert stored == [f"SF10000000000{i:02d}" for i in range(5)] + accepted
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert audit.verify().ok
    free_disk(db)                                 # space comes back: scanning goes on
    r = intake.receive_parcel(failed, actor=clerk, now=NOW)
    assert r.accepted and r.pickup_code
    assert ParcelEvent.select().where(ParcelEvent.parcel == r.parcel_id,
                                      ParcelEvent.kind == ParcelEvent.ARRIVED).count() == 1


def test_retention_is_due_once_a_calendar_day():
    assert retention.purge_due(NOW, last=None)                                    # never ran
    assert not retention.purge_due(NOW, last=NOW.replace(hour=0, minute=1))       # ran today
    assert retention.purge_due(NOW, last=NOW - dt.timedelta(days=1))              # ran yesterday
    assert retention.purge_due(NOW.replace(hour=0, minute=0), last=NOW - dt.timedelta(hours=10))
    assert not retention.purge_due(NOW, last=NOW + dt.timedelta(days=2))          # clock set back


def test_scheduled_purge_runs_as_system_once_a_day_and_is_audited(db, manager):
    old = make_parcel("SF1000000000001", status=Parcel.RELEASED, arrived_at=NOW - dt.timedelta(days=300))
    r = retention.scheduled_purge(now=NOW)
    assert r is not None and r.parcels == 1
    assert Parcel.get_by_id(old.id).recipient_phone is None
    assert retention.last_purge() == NOW
    assert retention.scheduled_purge(now=NOW + dt.timedelta(hours=5)) is None    # not twice a day
    rows = audit_text.browse(actor=manager, action="retention.purge")
    assert len(rows) == 1 and rows[0].actor_name == "系统"
    assert retention.scheduled_purge(now=NOW + dt.timedelta(days=1)) is not None


# -- photos: what tests/core/test_evidence.py does not cover yet ------------------------------------
def _jpeg(size=(64, 48)) -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def _jpeg_claiming(width: int, height: int) -> bytes:
    """A real small JPEG whose frame header (SOF0) claims other dimensions."""
    raw = bytearray(_jpeg())
    sof = raw.index(b"\xff\xc0")
    raw[sof + 5:sof + 7] = height.to_bytes(2, "big")
    raw[sof + 7:sof + 9] = width.to_bytes(2, "big")
    return bytes(raw)


def _gif_claiming(width: int, height: int) -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("P", (4, 4)).save(out, "GIF")
    raw = bytearray(out.getvalue())
    raw[6:8], raw[8:10] = width.to_bytes(2, "little"), height.to_bytes(2, "little")
    return bytes(raw)


@pytest.mark.parametrize("label, data", [
    ("JPEG claiming 65535 x 65535", _jpeg_claiming(65535, 65535)),
    ("GIF claiming 65535 x 65535", _gif_claiming(65535, 65535)),
    ("JPEG cut 10 bytes short", _jpeg()[:-10]),
    ("JPEG header only", _jpeg()[:20]),
    ("JPEG magic then garbage", b"\xff\xd8\xff\xe0" + random.Random(7).randbytes(3000)),
    ("PNG magic then garbage", b"\x89PNG\r\n\x1a\n" + random.Random(8).randbytes(3000)),
    ("HTML called a photo", b"<html><script>alert(1)</script></html>"),
    ("SVG", b'<svg xmlns="http://www.w3.org/2000/svg" width="99999" height="99999"/>'),
    ("zip", b"PK\x03\x04" + b"\x00" * 100),
])
def test_hostile_photos_are_refused_with_one_line_and_store_nothing(db, tmp_path, clerk, label, data):
    from outlet_desk import evidence
    from outlet_desk.errors import ValidationError
    from outlet_desk.models.evidence import Photo
    home = tmp_path / "photos-home"
    with pytest.raises(ValidationError) as exc:
        evidence.store_photo(data, purpose="return", ref=1, actor=clerk, now=NOW, home=home)
    assert len(str(exc.value).splitlines()) == 1, label
    assert Photo.select().count() == 0
    assert not [p for p in home.rglob("*") if p.is_file()] if home.exists() else True
