"""Thin Qt wrapper around the core upload worker (``outlet_desk.signoff.upload.UploadWorker``).

The drain runs on the worker's own thread with its own database connection; progress and results
come back to the UI thread as queued signals.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from outlet_desk.signoff.upload import UploadWorker


class UploadController(QObject):
    started = Signal()
    progress = Signal(int, int)      # done, total
    finished = Signal(object)        # DrainResult

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.worker: UploadWorker | None = None
        self.busy = False
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    # callbacks run on the worker thread: emit only (queued to the UI thread)
    def _emit(self, signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:           # the screen is gone: stop quietly
            if self.worker:
                self.worker.stop()

    def start(self, first_delay: float | None = None) -> None:
        """Start the background drain (automatic uploads every ``upload.interval_seconds``)."""
        if self.worker is not None and self.worker.is_alive():
            return
        self.worker = UploadWorker(
            clock=self.ctx.now, actor=lambda: self.ctx.actor,
            on_start=lambda: self._emit(self.started),
            on_progress=lambda done, total: self._emit(self.progress, done, total),
            on_done=lambda result: self._emit(self.finished, result),
            first_delay=first_delay)
        self.worker.start()

    def upload_now(self) -> None:
        self.start(first_delay=3600.0)
        self.busy = True
        self.worker.upload_now()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
