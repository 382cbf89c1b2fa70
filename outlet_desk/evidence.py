"""Evidence store: photos kept as proof (red-labelled returns, problem parcels, claim photos …).

* :func:`store_photo` decodes the image with Pillow (never Qt), refuses bad input with one line
  (unreadable, not an image, truncated, over 20 MB, absurd dimensions), turns it upright, downscales
  it to at most 2048 px on the long edge and saves a JPEG **without EXIF** (no GPS, no camera
  serial).  The file is named by the SHA-256 of the saved bytes and lives in a fan-out folder
  ``<home>/photos/ab/cd/<hash>.jpg``.  It is written to a temporary file in that folder, fsynced and
  renamed; only then is the database row written.  If the row fails, the new file is removed: no
  orphan file, no row without its file.
* :func:`photo_path` gives the file of a hash; :func:`photos_for` lists a purpose/ref's photos.
* :func:`delete_photo` is manager-only, needs a reason and is audited.

**Data directory.**  Each function takes ``home=`` (the data directory, ``AppContext.home`` in the
UI, ``DemoContext.home`` in the demo).  Without it the store uses the folder of the open SQLite
database file (the data directory), else — on a database server, where there is no such file — the
folder given to :func:`configure` (the returns screen and the photo commands configure it).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import os
import re
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from peewee import JOIN

from . import audit, settings
from . import db as dbmod
from .db import write_tx
from .errors import DiskFull, EnvironmentFault, NotFound, ValidationError
from .files import read_regular_file
from .i18n import N_, _
from .models import Staff
from .models.evidence import Photo
from .permissions import MANAGER_ONLY, Actor, operation
from .settings import SettingSpec

log = logging.getLogger("outlet_desk.evidence")

MAX_BYTES = 20 * 1024 * 1024          # files over 20 MB are refused
MAX_PIXELS = 60_000_000               # 60 MP: beyond that it is a decompression bomb, not a photo
LONG_EDGE = 2048
JPEG_QUALITY = 85
_HASH = re.compile(r"^[0-9a-f]{64}$")

_configured_home: Path | None = None

SETTINGS = [
    SettingSpec("photos.folder", "", "Shared evidence folder (several counters)",
                N_("共享照片文件夹（多台柜台时）"),
                section="data",
                help_zh=N_("留空则照片存在每台电脑自己的数据目录；多台柜台共用一个数据库服务器时，"
                           "填一个每台都能访问的共享文件夹，照片存在其中的照片子文件夹里。"),
                help="Leave empty to keep photos in each PC's data directory. With several counters on "
                     "one PostgreSQL server, give a folder every counter can reach (a network share); "
                     "photos are kept in its photos/ subfolder."),
]


def configure(home: Path | str | None) -> None:
    """Set the data directory used when a call passes no ``home=`` (``None`` clears it)."""
    global _configured_home
    _configured_home = Path(home) if home else None


def data_home(home: Path | str | None = None) -> Path:
    """``home`` if given, else the outlet's shared photo folder setting, else the open SQLite
    file's folder, else the configured data directory."""
    if home:
        return Path(home)
    shared = (settings.get("photos.folder") or "").strip()
    if shared:
        return Path(shared)
    path = dbmod.sqlite_path()
    if path is not None:
        return path.parent
    if _configured_home is not None:
        return _configured_home
    raise EnvironmentFault(_("没有设置数据文件夹，照片无法保存。"))


@dataclass(frozen=True)
class PhotoInfo:
    id: int
    hash: str
    size: int
    width: int
    height: int
    purpose: str
    ref: str
    taken_at: dt.datetime
    taken_by: str
    path: Path


# -- decoding -------------------------------------------------------------------------------------

def _read_input(data) -> bytes:
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
    else:
        # a FIFO, /dev/zero or a symlink to them is refused before reading (files.py)
        raw = read_regular_file(Path(data), max_bytes=MAX_BYTES, what=_("照片"))
    if len(raw) > MAX_BYTES:
        raise ValidationError(_("文件太大（{size} MB），照片不能超过 20 MB。").format(
            size=f"{len(raw) / 1048576:.1f}"))
    if not raw:
        raise ValidationError(_("文件是空的，不是照片。"))
    return raw


def prepare_jpeg(data) -> tuple[bytes, int, int]:
    """Decode, check, turn upright, downscale, re-encode as JPEG without metadata.

    Returns ``(jpeg_bytes, width, height)``; raises :class:`ValidationError` with one line.
    """
    from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

    raw = _read_input(data)
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(io.BytesIO(raw))
        except UnidentifiedImageError:
            raise ValidationError(_("这个文件不是图片（无法识别的格式）。")) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(_("图片尺寸大得不正常，拒绝处理。")) from None
        except (OSError, ValueError, SyntaxError) as exc:
            raise ValidationError(_("图片无法读取：{error}").format(error=exc)) from None
        w, h = img.size
        if w <= 0 or h <= 0 or w * h > MAX_PIXELS:
            raise ValidationError(_("图片尺寸大得不正常（{width}×{height}），拒绝处理。").format(width=w, height=h))
        try:
            img.load()
            img = ImageOps.exif_transpose(img)
            if img.mode not in ("RGB", "L"):
                if img.mode in ("RGBA", "LA", "P", "PA"):
                    img = img.convert("RGBA")
                    background = Image.new("RGB", img.size, (255, 255, 255))
                    background.paste(img, mask=img.split()[-1])
                    img = background
                else:
                    img = img.convert("RGB")
            img.thumbnail((LONG_EDGE, LONG_EDGE), Image.LANCZOS)
            out = io.BytesIO()
            img.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)   # no exif= → no EXIF
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(_("图片尺寸大得不正常，拒绝处理。")) from None
        except (OSError, ValueError, SyntaxError) as exc:
            text = str(exc)
            if "truncated" in text.lower():
                raise ValidationError(_("图片文件不完整（被截断），请重新拍摄或导入。")) from None
            raise ValidationError(_("图片无法读取：{error}").format(error=text)) from None
    return out.getvalue(), img.size[0], img.size[1]


# -- files ----------------------------------------------------------------------------------------

def photo_path(photo_hash: str, home: Path | str | None = None) -> Path:
    if not _HASH.match(photo_hash or ""):
        raise ValidationError(_("照片编号不正确。"))
    return data_home(home) / "photos" / photo_hash[:2] / photo_hash[2:4] / f"{photo_hash}.jpg"


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".part-", suffix=".jpg", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(target.parent)


def _os_fault(exc: OSError) -> EnvironmentFault:
    import errno

    if exc.errno == errno.ENOSPC:
        return DiskFull(_("磁盘已满：照片未保存。请清理磁盘空间后重试。"))
    return EnvironmentFault(_("照片无法写入数据文件夹（{error}）。").format(error=exc.strerror or exc))


#: Test hook: called after the file is in place and before the database row is written.
_after_file_written: Callable[[Path], None] | None = None


def _info(p: Photo, taker: str, home) -> PhotoInfo:
    return PhotoInfo(p.id, p.hash, p.size, p.width, p.height, p.purpose, p.ref, p.taken_at, taker,
                     photo_path(p.hash, home))


@operation("evidence.store", N_("保存照片"))
def store_photo(data, *, purpose: str, ref, actor: Actor, now: dt.datetime,
                home: Path | str | None = None,
                within: Callable[[Photo], None] | None = None) -> PhotoInfo:
    """Store one photo (``data``: bytes or a file path) for ``purpose``/``ref``.

    ``within(photo_row)`` runs inside the same transaction as the row (link it, write an event);
    if it raises, the row is rolled back and a file this call created is removed.  The same
    picture stored twice for the same purpose/ref is kept once (the first row is returned).
    """
    purpose = (purpose or "").strip()
    if not purpose:
        raise ValidationError(_("照片用途不能为空。"))
    jpeg, width, height = prepare_jpeg(data)
    digest = hashlib.sha256(jpeg).hexdigest()
    target = photo_path(digest, home)
    created = False
    if not target.exists():
        try:
            _write_atomic(target, jpeg)
        except OSError as exc:
            raise _os_fault(exc) from exc
        created = True
    try:
        if _after_file_written is not None:
            _after_file_written(target)
        with write_tx():
            same = Photo.get_or_none((Photo.hash == digest) & (Photo.purpose == purpose)
                                     & (Photo.ref == str(ref)))
            if same is not None:        # the same picture twice for the same thing: keep one
                return _info(same, Staff.get_by_id(same.taken_by_id).name if same.taken_by_id
                             else "", home)
            row = Photo.create(hash=digest, size=len(jpeg), width=width, height=height,
                               purpose=purpose, ref=str(ref), taken_at=now, taken_by=actor.id)
            if within is not None:
                within(row)
    except BaseException:
        if created and not Photo.select().where(Photo.hash == digest).exists():
            try:
                target.unlink()
            except OSError:
                log.warning("could not remove %s after a failed save", target)
        raise
    return _info(row, actor.name, home)


def photos_for(purpose: str, refs, home: Path | str | None = None) -> dict[str, list[PhotoInfo]]:
    """Live photos of several refs of one purpose, in one query: ``{ref: [PhotoInfo, …]}``."""
    refs = [str(r) for r in refs]
    out: dict[str, list[PhotoInfo]] = {r: [] for r in refs}
    if not refs:
        return out
    q = (Photo.select(Photo, Staff).join(Staff, JOIN.LEFT_OUTER, on=Photo.taken_by)
         .where((Photo.purpose == purpose) & (Photo.ref.in_(refs))).order_by(Photo.taken_at, Photo.id))
    try:
        base = data_home(home)
    except EnvironmentFault:          # listing still works; opening the file will say why not
        base = Path(".")
    for p in q:
        taker = p.taken_by.name if p.taken_by_id else ""
        out[p.ref].append(_info(p, taker, base))
    return out


@operation("evidence.delete", N_("删除照片"), MANAGER_ONLY)
def delete_photo(photo_hash: str, reason: str, *, actor: Actor, now: dt.datetime,
                 home: Path | str | None = None, purpose: str | None = None,
                 ref=None) -> int:
    """Remove a photo (every row with this hash, or only those of ``purpose``/``ref``).

    Manager only, with a reason; audited with what the photo was for and who took it.  The file is
    removed after the rows are gone, when no row uses it any more.  Returns the rows removed.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("删除照片必须填写原因。"))
    path = photo_path(photo_hash, home)
    with write_tx():
        q = Photo.select().where(Photo.hash == photo_hash)
        if purpose is not None:
            q = q.where(Photo.purpose == purpose)
        if ref is not None:
            q = q.where(Photo.ref == str(ref))
        rows = list(q)
        if not rows:
            raise NotFound(_("没有这张照片。"))
        for p in rows:
            audit.record(actor, "evidence.delete", entity="photo", entity_id=p.hash,
                         detail={"purpose": p.purpose, "ref": p.ref, "taken_at": p.taken_at,
                                 "taken_by": p.taken_by_id, "reason": reason}, now=now)
            p.delete_instance()
        still_used = Photo.select().where(Photo.hash == photo_hash).exists()
    if not still_used:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            log.warning("photo row deleted but file %s could not be removed", path)
    return len(rows)


def sweep_orphans(home: Path | str | None = None, *, min_age_s: float = 3600) -> list[Path]:
    """Remove photo files no row refers to (left by a crash between file and row) and stale
    temporary files, older than ``min_age_s`` (a photo being saved right now by another window is
    left alone).  Returns what was removed."""
    import time
    root = data_home(home) / "photos"
    removed: list[Path] = []
    if not root.exists():
        return removed
    known = {h for (h,) in Photo.select(Photo.hash).distinct().tuples()}
    cutoff = time.time() - min_age_s
    for f in root.glob("*/*/*"):
        try:
            if f.stat().st_mtime > cutoff:
                continue
        except OSError:
            continue
        if f.name.startswith(".part-") or (f.suffix == ".jpg" and f.stem not in known):
            try:
                f.unlink()
                removed.append(f)
            except OSError:
                pass
    return removed


def consistency_problems(home) -> list[str]:
    """For ``outlet-desk check``: every photo record has its file, and the file's SHA-256 is the
    one recorded (a file replaced or damaged on disk is named).  One line per problem, at most 20
    named, then a count."""
    problems: list[str] = []
    shown = 0
    missing = changed = 0
    for (digest,) in Photo.select(Photo.hash).distinct().tuples().iterator():
        try:
            path = photo_path(digest)
        except EnvironmentFault:
            path = photo_path(digest, home)
        except ValidationError:
            problems.append(_("照片记录的编号不正确：{hash}").format(hash=repr(digest)))
            continue
        try:
            if path.exists() and not path.is_file():      # a FIFO would hold check for ever
                raise OSError(0, _("不是普通文件"))
            sha = hashlib.sha256()
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    sha.update(chunk)
        except FileNotFoundError:
            missing += 1
            if shown < 20:
                problems.append(_("照片文件缺失：{path}").format(path=path))
                shown += 1
            continue
        except OSError as exc:
            missing += 1
            if shown < 20:
                problems.append(_("照片文件无法读取：{path}（{error}）").format(path=path, error=exc.strerror or exc))
                shown += 1
            continue
        if sha.hexdigest() != digest:
            changed += 1
            if shown < 20:
                problems.append(_("照片文件与记录不符（SHA-256 不同，文件被改动或损坏）：{path}").format(path=path))
                shown += 1
    if missing + changed > shown:
        problems.append(_("照片问题共 {total} 个：缺失 {missing}，与记录不符 {changed}").format(
            total=missing + changed, missing=missing, changed=changed))
    return problems
