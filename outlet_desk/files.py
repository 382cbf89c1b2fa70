"""Reading a file a person picked (an import, a photo) without trusting what the path points at.

:func:`read_regular_file` refuses anything that is not a regular file — a FIFO would block the
read forever, ``/dev/zero`` never ends, a directory is no file — *before* reading, also when a
symlink leads there, and reads at most ``max_bytes`` (one byte more tells "too big" even when the
file grew after its size was looked at).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import ValidationError
from .i18n import N_, _


def _mb(n: int) -> str:
    if n >= 1048576:
        return f"{n / 1048576:.1f}".rstrip("0").rstrip(".") + " MB"
    return f"{max(1, n // 1024)} KB"


def too_big(size: int, max_bytes: int, what: str) -> ValidationError:
    """``what`` is shown as ``_(what)``: mark it ``N_()``."""
    return ValidationError(_("文件太大（{size}），{what}不能超过 {limit}。").format(
        size=_mb(size), what=_(what), limit=_mb(max_bytes)))


def read_regular_file(path, *, max_bytes: int, what: str = N_("文件")) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``max_bytes``; else one line."""
    path = Path(path)
    try:
        st = os.stat(path)                        # follows a symlink to what it points at
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise ValidationError(_("找不到文件，无法读取：{name}。").format(name=path.name)) from None
        raise ValidationError(_("无法读取文件：{name}（{error}）。").format(
            name=path.name, error=exc.strerror or exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise ValidationError(_("“{name}”不是普通文件（设备、管道或文件夹），不能读取。").format(name=path.name))
    if st.st_size > max_bytes:
        raise too_big(st.st_size, max_bytes, what)
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO after the stat, open() does not hang
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ValidationError(_("无法读取文件：{name}（{error}）。").format(
            name=path.name, error=exc.strerror or exc)) from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise ValidationError(_("“{name}”不是普通文件（设备、管道或文件夹），不能读取。").format(name=path.name))
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise ValidationError(_("无法读取文件：{name}（{error}）。").format(
                name=path.name, error=exc.strerror or exc)) from None
    if len(data) > max_bytes:
        raise too_big(len(data), max_bytes, what)
    return data
