"""Where bugs go: a rotating log file in the data directory, and an excepthook that writes every
uncaught exception's traceback there while the person at the counter sees one line (no Qt)."""
from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
import traceback
from pathlib import Path
from typing import Callable

from .i18n import _

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_NAME = "outlet-desk.log"
log = logging.getLogger("outlet_desk")


def log_dir(home: Path) -> Path:
    return Path(home) / "logs"


def configure(home: Path | None, *, level: int = logging.INFO) -> Path | None:
    """Log to stderr and, with a data directory, to ``logs/outlet-desk.log`` there (1 MB, five
    older files kept).  Returns the log file, or None when it cannot be written (the app still runs)."""
    root = logging.getLogger()
    root.setLevel(level)
    if not any(getattr(h, "_outlet_desk", False) for h in root.handlers):
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter(FORMAT))
        stream._outlet_desk = True          # type: ignore[attr-defined]
        root.addHandler(stream)
    if home is None:
        return None
    path = log_dir(home) / LOG_NAME
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            if Path(handler.baseFilename) == path:
                return path
            root.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1 << 20, backupCount=5,
                                                       encoding="utf-8")
    except OSError as exc:
        log.warning("no log file in %s: %s", path.parent, exc)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    return path


def one_line(exc: BaseException) -> str:
    """What the clerk sees of a bug: its kind and first line, never a traceback."""
    first = (str(exc).strip().splitlines() or [""])[0][:120]
    if first:
        return _("程序出错（{kind}：{first}），详情已记入日志").format(kind=type(exc).__name__, first=first)
    return _("程序出错（{kind}），详情已记入日志").format(kind=type(exc).__name__)


def install_excepthook(notify: Callable[[str], None] | None = None) -> None:
    """Every uncaught exception, on any thread: the traceback to the log, one line to ``notify``
    (the UI's banner; called on whatever thread raised — the UI marshals it)."""

    def report(kind, exc, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("uncaught exception:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        if notify is not None:
            try:
                notify(one_line(exc))
            except Exception:  # noqa: BLE001 — reporting a bug must never raise another
                log.exception("could not show the error line")

    sys.excepthook = report
    threading.excepthook = lambda args: report(args.exc_type, args.exc_value, args.exc_traceback)
