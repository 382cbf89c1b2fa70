"""Evidence store: downscale, no EXIF, content-addressed, atomic, bad input, manager-only delete."""
import hashlib
import io
import os
import sys
import threading

import pytest
from PIL import Image

from outlet_desk import evidence
from outlet_desk.errors import PermissionDenied, ValidationError
from outlet_desk.models import AuditLog
from outlet_desk.models.evidence import Photo


def jpeg_with_exif(size=(3000, 2000)) -> bytes:
    img = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"           # Make
    exif[0x0131] = "firmware 1.0"        # Software
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def files_under(home):
    return sorted(p for p in (home / "photos").rglob("*") if p.is_file()) if (home / "photos").exists() else []


def test_photo_downscaled_without_exif_named_by_hash(db, home, clerk, now):
    raw = jpeg_with_exif()
    assert b"SecretCam" in raw
    info = evidence.store_photo(raw, purpose="return", ref=7, actor=clerk, now=now, home=home)
    saved = info.path.read_bytes()
    assert hashlib.sha256(saved).hexdigest() == info.hash
    assert info.path == home / "photos" / info.hash[:2] / info.hash[2:4] / f"{info.hash}.jpg"
    assert b"SecretCam" not in saved and b"Exif" not in saved[:200]
    img = Image.open(io.BytesIO(saved))
    assert img.format == "JPEG" and max(img.size) == 2048 and img.size == (2048, 1365)
    row = Photo.get()
    assert (row.hash, row.size, row.taken_by_id, row.purpose, row.ref) == \
        (info.hash, len(saved), clerk.id, "return", "7")
    assert files_under(home) == [info.path]          # no temporary file left


@pytest.mark.sqlite_only   # the SQLite file in the data directory itself
def test_photo_from_path_and_default_home_is_the_database_folder(db, home, clerk, now, tmp_path):
    src = tmp_path / "in.png"
    Image.new("RGB", (640, 480), (1, 2, 3)).save(src)
    info = evidence.store_photo(src, purpose="problem", ref="1", actor=clerk, now=now)
    assert info.path.parent.parent.parent == home / "photos" and info.path.exists()
    assert (info.width, info.height) == (640, 480)


def test_fault_between_file_and_row_leaves_nothing(db, home, clerk, now, monkeypatch):
    def boom(path):
        assert path.exists()            # the file really was written first
        raise OSError("power cut")
    monkeypatch.setattr(evidence, "_after_file_written", boom)
    with pytest.raises(OSError):
        evidence.store_photo(jpeg_with_exif((800, 600)), purpose="return", ref=1, actor=clerk,
                             now=now, home=home)
    assert files_under(home) == []                   # no orphan file
    assert Photo.select().count() == 0               # no row without its file


def test_failure_inside_the_transaction_removes_the_new_file(db, home, clerk, now):
    def refuse(row):
        raise ValidationError("记录已关闭。")
    with pytest.raises(ValidationError):
        evidence.store_photo(jpeg_with_exif((800, 600)), purpose="return", ref=1, actor=clerk,
                             now=now, home=home, within=refuse)
    assert files_under(home) == [] and Photo.select().count() == 0


def test_fault_does_not_remove_a_file_another_row_uses(db, home, clerk, now, monkeypatch):
    raw = jpeg_with_exif((800, 600))
    first = evidence.store_photo(raw, purpose="return", ref=1, actor=clerk, now=now, home=home)
    monkeypatch.setattr(evidence, "_after_file_written", lambda p: (_ for _ in ()).throw(OSError("x")))
    with pytest.raises(OSError):
        evidence.store_photo(raw, purpose="return", ref=2, actor=clerk, now=now, home=home)
    assert first.path.exists() and Photo.select().count() == 1


@pytest.mark.parametrize("data, words", [
    (b"", "空"),
    (b"this is a text file, not a photo", "不是图片"),
    ("missing", "无法读取"),
])
def test_bad_input_one_line_and_nothing_saved(db, home, clerk, now, tmp_path, data, words):
    if data == "missing":
        data = tmp_path / "nope.jpg"
    with pytest.raises(ValidationError) as exc:
        evidence.store_photo(data, purpose="return", ref=1, actor=clerk, now=now, home=home)
    assert words in str(exc.value) and "\n" not in str(exc.value)
    assert files_under(home) == [] and Photo.select().count() == 0


def test_truncated_file_refused(db, home, clerk, now):
    raw = jpeg_with_exif((1200, 900))
    with pytest.raises(ValidationError) as exc:
        evidence.store_photo(raw[: len(raw) // 2], purpose="return", ref=1, actor=clerk, now=now,
                             home=home)
    assert "不完整" in str(exc.value) or "无法读取" in str(exc.value)
    assert files_under(home) == [] and Photo.select().count() == 0


def test_file_over_20_mb_refused_before_reading(db, home, clerk, now, tmp_path):
    big = tmp_path / "big.jpg"
    with open(big, "wb") as fh:
        fh.truncate(21 * 1024 * 1024)
    with pytest.raises(ValidationError) as exc:
        evidence.store_photo(big, purpose="return", ref=1, actor=clerk, now=now, home=home)
    assert "20 MB" in str(exc.value)
    with pytest.raises(ValidationError):
        evidence.store_photo(b"\xff" * (20 * 1024 * 1024 + 1), purpose="return", ref=1,
                             actor=clerk, now=now, home=home)
    assert files_under(home) == [] and Photo.select().count() == 0


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "symlink-to-fifo", "symlink-to-dev-zero", "folder"])
def test_path_that_is_no_regular_file_is_refused_before_reading(db, home, clerk, now, tmp_path, kind):
    """A FIFO blocks a read forever and /dev/zero never ends: the clerk (or a script) that picks
    one gets one line at once, and nothing is stored."""
    target = {"fifo": tmp_path / "cam.jpg", "dev-zero": "/dev/zero", "folder": tmp_path}
    if "fifo" in kind:
        os.mkfifo(tmp_path / "cam.jpg")
    path = target.get(kind) or target[kind.removeprefix("symlink-to-")]
    if kind.startswith("symlink"):
        link = tmp_path / "photo.jpg"
        link.symlink_to(path)
        path = link
    outcome = []

    def attempt():
        try:
            evidence.store_photo(path, purpose="return", ref=1, actor=clerk, now=now, home=home)
        except ValidationError as exc:
            outcome.append(str(exc))
    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=5)
    if worker.is_alive():                     # unblock the reader so the test can end, then fail
        if "fifo" in kind:
            with open(tmp_path / "cam.jpg", "wb"):
                pass
        pytest.fail(f"{kind}: still reading after 5 s")
    assert outcome and "不是普通文件" in outcome[0] and "\n" not in outcome[0], outcome
    assert files_under(home) == [] and Photo.select().count() == 0


def test_decompression_bomb_refused(db, home, clerk, now):
    # a tiny PNG claiming 20000 × 20000 pixels
    img = Image.new("1", (20000, 20000))
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    assert len(out.getvalue()) < 2_000_000
    with pytest.raises(ValidationError) as exc:
        evidence.store_photo(out.getvalue(), purpose="return", ref=1, actor=clerk, now=now,
                             home=home)
    assert "尺寸" in str(exc.value)
    assert files_under(home) == [] and Photo.select().count() == 0


def test_only_a_manager_deletes_with_a_reason_audited(db, home, clerk, manager, now):
    info = evidence.store_photo(jpeg_with_exif((800, 600)), purpose="return", ref=3, actor=clerk,
                                now=now, home=home)
    with pytest.raises(PermissionDenied):
        evidence.delete_photo(info.hash, "拍错了", actor=clerk, now=now, home=home)
    with pytest.raises(ValidationError):
        evidence.delete_photo(info.hash, "  ", actor=manager, now=now, home=home)
    assert info.path.exists() and Photo.select().count() == 1
    assert evidence.delete_photo(info.hash, "拍到了顾客的脸", actor=manager, now=now, home=home) == 1
    assert not info.path.exists() and Photo.select().count() == 0
    entry = AuditLog.get(AuditLog.action == "evidence.delete")
    assert entry.actor_name == "李店长" and "拍到了顾客的脸" in entry.detail and '"ref":"3"' in entry.detail


def test_sweep_removes_orphans_only(db, home, clerk, now):
    info = evidence.store_photo(jpeg_with_exif((800, 600)), purpose="return", ref=3, actor=clerk,
                                now=now, home=home)
    orphan = home / "photos" / "ab" / "cd" / ("ab" + "cd" + "0" * 60 + ".jpg")
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"x")
    assert evidence.sweep_orphans(home) == []            # too fresh: maybe being saved right now
    import os
    os.utime(orphan, (0, 0))
    os.utime(info.path, (0, 0))
    assert evidence.sweep_orphans(home) == [orphan]
    assert info.path.exists()


def test_same_picture_twice_for_the_same_thing_is_kept_once(db, home, clerk, clerk_b, now):
    raw = jpeg_with_exif((800, 600))
    a = evidence.store_photo(raw, purpose="return", ref=1, actor=clerk, now=now, home=home)
    b = evidence.store_photo(raw, purpose="return", ref=1, actor=clerk_b, now=now, home=home)
    assert a.id == b.id and b.taken_by == "张丽" and Photo.select().count() == 1
    c = evidence.store_photo(raw, purpose="ticket", ref=9, actor=clerk, now=now, home=home)
    assert c.hash == a.hash and Photo.select().count() == 2 and len(files_under(home)) == 1
