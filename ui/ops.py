"""Running core calls: synchronously for scans, in the background for slow work.

``BackgroundOp`` runs a function on Qt's thread pool (its own SQLite connection: peewee connections
are per thread) and brings the result back to the main thread by signal.
"""
from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from outlet_desk.errors import OutletError

log = logging.getLogger("outlet_desk.ui")


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn, signals):
        super().__init__()
        self.fn = fn
        self.signals = signals

    def run(self):
        from outlet_desk.db import database
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 — reported on the main thread
            if not isinstance(exc, OutletError):
                log.error("background operation failed:\n%s", traceback.format_exc())
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)
        finally:
            try:
                if database.obj is not None and not database.obj.is_closed():
                    database.obj.close()   # this worker thread's connection
            except Exception:  # noqa: BLE001 — the result is already on its way; leave a trace
                log.warning("could not close a worker's database connection", exc_info=True)


_keep: set = set()


def run_in_background(fn, on_done=None, on_error=None) -> _Signals:
    signals = _Signals()
    _keep.add(signals)

    def finish(_=None):
        _keep.discard(signals)

    if on_done:
        signals.done.connect(on_done)
    if on_error:
        signals.failed.connect(on_error)
    signals.done.connect(finish)
    signals.failed.connect(finish)
    QThreadPool.globalInstance().start(_Runnable(fn, signals))
    return signals
