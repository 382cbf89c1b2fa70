"""Running core calls: synchronously for scans, in the background for everything slow.

The counter never freezes: anything that can take longer than a scan (a printer, the SMS gateway,
an import, a PDF, a backup, an export, the 3-day check) runs on one of two small executors, as
Anki's ``CollectionOp``/``QueryOp`` do:

* ``DB`` — one thread for database work (imports, the 3-day check, backups, exports).  One
  thread, so background writes never race each other; each runs in its own ``db.write_tx()``
  on the thread's own connection (peewee connections are per thread).
* ``IO`` — two threads for the rest: printing, the SMS gateway, PDF builds.  A printer or a
  gateway that hangs ties up a thread until its own timeout ends, never the counter.

:func:`run_in_background` brings the result (or the exception) back to the main thread by signal.
Each job with a ``label`` shows in the status bar while it runs (:data:`activity`); ``cancel`` is
a flag a long job may look at (:class:`Job`).
"""
from __future__ import annotations

import logging
import threading
import traceback

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from outlet_desk.errors import OutletError

log = logging.getLogger("outlet_desk.ui")

DB, IO = "db", "io"
_pools: dict[str, QThreadPool] = {}


def pool(kind: str = DB) -> QThreadPool:
    if kind not in _pools:
        p = QThreadPool()
        p.setMaxThreadCount(1 if kind == DB else 2)
        p.setExpiryTimeout(60_000)
        _pools[kind] = p
    return _pools[kind]


class Activity(QObject):
    """The labels of the background jobs running now (the status bar shows them)."""

    changed = Signal(list)

    def __init__(self):
        super().__init__()
        self.running: list[str] = []

    def add(self, label: str) -> None:
        self.running.append(label)
        self.changed.emit(list(self.running))

    def remove(self, label: str) -> None:
        if label in self.running:
            self.running.remove(label)
        self.changed.emit(list(self.running))


activity = Activity()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class Job:
    """Handle of a background job: its signals and a cancel flag the job may read."""

    def __init__(self, signals: _Signals, label: str | None):
        self.signals = signals
        self.label = label
        self.cancelled = threading.Event()
        self.finished = False
        self.result = None           # the return value, or the exception, once finished

    # the old handle was the signals object itself
    @property
    def done(self):
        return self.signals.done

    @property
    def failed(self):
        return self.signals.failed

    def cancel(self) -> None:
        self.cancelled.set()


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
            if isinstance(exc, OSError):        # a printer, a network, a disk: said in one line
                log.warning("background operation: %s", exc)
            elif not isinstance(exc, OutletError):
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


def run_in_background(fn, on_done=None, on_error=None, *, kind: str = DB,
                      label: str | None = None) -> Job:
    """Run ``fn()`` on the ``kind`` executor; ``on_done(result)`` or ``on_error(exc)`` run on the
    main thread.  ``label`` (a short translated text) shows in the status bar meanwhile."""
    signals = _Signals()
    job = Job(signals, label)
    _keep.add(job)

    def finish(value, handler):
        """One slot per outcome: the status bar is right when the caller's handler runs, and
        ``job.finished`` turns true only after it ran (two slots would be two queued events, and
        whoever polls ``finished`` between them would see a job done whose result was not yet
        shown)."""
        job.result = value
        _keep.discard(job)
        if label:
            activity.remove(label)
        try:
            if handler:
                handler(value)
        finally:
            job.finished = True

    signals.done.connect(lambda value: finish(value, on_done))
    signals.failed.connect(lambda exc: finish(exc, on_error))
    if label:
        activity.add(label)
    pool(kind).start(_Runnable(fn, signals))
    return job


class Busy(OutletError):
    """Database work asked for while the database is away (a restore is replacing it)."""


def refused(ctx, reason: str, *, on_error=None) -> Job:
    """A job that is never run: the red banner says ``reason`` and ``on_error(Busy)`` runs (on the
    next turn of the event loop, as a real job's would)."""
    from PySide6.QtCore import QTimer
    job = Job(_Signals(), None)
    exc = Busy(reason)
    job.finished, job.result = True, exc
    if ctx.banner is not None:
        ctx.banner.error(reason)
    if on_error:
        QTimer.singleShot(0, lambda: on_error(exc))
    return job


def wait_all(timeout_ms: int = 30_000) -> bool:
    """Wait for every background job (tests, shutdown)."""
    return all(p.waitForDone(timeout_ms) for p in _pools.values())


def perform(ctx, fn, *, kind: str = DB, label: str | None = None, success: str | None = None,
            changes=None, on_done=None, on_error=None) -> Job:
    """:meth:`AppContext.perform` in the background: a domain error or environment fault becomes
    a red banner (then ``on_error(exc)``); on success the change kinds (returned, or ``changes``)
    are broadcast, ``success`` shows, then ``on_done(result)``."""
    from outlet_desk.errors import EnvironmentFault

    if kind == DB and getattr(ctx, "db_away", ""):
        return refused(ctx, ctx.db_away, on_error=on_error)

    def done(result):
        kinds = changes if changes is not None else (result if isinstance(result, frozenset) else None)
        if kinds:
            ctx.bus.emit_changes(kinds)
        if success and ctx.banner is not None:
            ctx.banner.ok(success)
        if on_done:
            on_done(result)

    def failed(exc):
        if isinstance(exc, EnvironmentFault):
            log.warning("environment fault: %s", exc)
        if ctx.banner is not None:
            ctx.banner.error(str(exc) if isinstance(exc, OutletError)
                             else f"{type(exc).__name__}: {exc}")
        if on_error:
            on_error(exc)

    return run_in_background(fn, done, failed, kind=kind, label=label)
