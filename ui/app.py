"""Start-up: QApplication, data directory, font, translation, database, login, main window."""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
)

from outlet_desk import __version__, changes, logs, settings
from outlet_desk.errors import DatabaseCorrupt, DatabaseTooNew, OutletError
from outlet_desk.paths import APPLICATION, ORGANIZATION, resolve_home
from outlet_desk.permissions import MANAGER, SYSTEM
from outlet_desk.shifts import staff

from . import resources
from .changes import ChangeBus
from .context import AppContext
from .outlet import open_outlet

log = logging.getLogger("outlet_desk.ui")


def ensure_app(argv=None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    resources.install_font(app)
    return app


def app_data_location() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.AppDataLocation))


class FirstRunDialog(QDialog):
    """No staff yet: name the outlet and create the manager's account."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set up this outlet"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("No staff yet. Create the manager's account to start.")))
        form = QFormLayout()
        self.outlet = QLineEdit(settings.get("outlet.name"))
        self.name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        form.addRow(self.tr("Outlet name"), self.outlet)
        form.addRow(self.tr("Manager's name"), self.name)
        form.addRow(self.tr("Password (6+ characters)"), self.password)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def create(self) -> None:
        import datetime as dt
        now = dt.datetime.now().replace(microsecond=0)
        try:
            staff.add_staff(self.name.text(), MANAGER, self.password.text(), actor=SYSTEM, now=now)
            settings.update({"outlet.name": self.outlet.text()}, actor=SYSTEM, now=now)
        except OutletError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


def build_context(home: Path, prefs: QSettings | None = None, clock=None) -> AppContext:
    ctx = AppContext(home=home, bus=ChangeBus(), prefs=prefs or QSettings())
    if clock:
        ctx.clock = clock
    return ctx


def create_main_window(ctx: AppContext):
    from .main_window import MainWindow
    app = QApplication.instance()

    def switch_language(code: str) -> None:
        resources.install_translation(app, code)

    ctx.extras["switch_language"] = switch_language
    resources.install_translation(app, ctx.prefs.value("language", resources.DEFAULT_LANGUAGE))
    window = MainWindow(ctx)
    from .geometry import WindowFitter
    from .scanner import ScanRouter
    window.window_fitter = WindowFitter(app, window)
    window.scan_router = ScanRouter(app, window,
                                    max_gap_ms=int(ctx.prefs.value("scanner/max_key_gap_ms", 40)))
    window.scan_router.refused_changed.connect(window.show_refused_scans)
    # the PDF font (a 200 ms parse) is loaded now, not by the first label printed while scanning
    from outlet_desk.printing import register_fonts

    from .ops import IO, run_in_background
    run_in_background(register_fonts, kind=IO)
    from . import voice
    voice.for_ctx(ctx)      # 语音播报 switched on: its voice is made at start, not at the first scan
    from .idle import IdleLock
    window.idle_lock = IdleLock(app, window, lambda: settings.get("security.idle_lock_minutes"))
    return window


def daily_backup(ctx: AppContext) -> None:
    """The first start of each day takes a verified online backup, off the UI thread."""
    from outlet_desk.datacare import backup
    from outlet_desk.db import sqlite_path

    from .ops import run_in_background
    now = ctx.now()
    if sqlite_path() is None or backup.backed_up_today(ctx.home, now.date()):
        return

    def failed(exc) -> None:
        # not only the log: the manager sees it now (banner) and on the home screen (需要注意)
        log.warning("daily backup failed: %s", exc)
        if ctx.banner is not None:
            ctx.banner.error(str(exc))
        ctx.bus.emit_changes(changes.SETTINGS)

    run_in_background(lambda: backup.backup_now(ctx.home, actor=SYSTEM, reason="daily", now=now),
                      on_error=failed)


def scheduled_purge(ctx: AppContext) -> None:
    """Retention runs by itself once a day (as the SYSTEM actor, audited), off the UI thread."""
    from outlet_desk.datacare import retention

    from .ops import run_in_background
    now = ctx.now()
    run_in_background(lambda: retention.scheduled_purge(now=now),
                      on_error=lambda exc: log.warning("retention purge failed: %s", exc))


def _busy(text: str, fn):
    """``fn()`` on a worker thread while a small window says what is happening (it keeps painting:
    a check or a restore of a large database takes seconds).  Its result, or its exception raised
    here.  Only for start-up and the damaged-database offer, when no outlet is open: the executors
    of ui/ops.py need one."""
    import threading

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QProgressDialog
    outcome: dict = {}

    def work():
        try:
            outcome["value"] = fn()
        except BaseException as exc:      # handed to the GUI thread and raised there
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="outlet-startup", daemon=True)
    worker.start()
    dialog = QProgressDialog(text, None, 0, 0)
    dialog.setWindowTitle("Outlet Desk")
    dialog.setMinimumDuration(0)
    dialog.show()
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: None if worker.is_alive() else loop.quit())
    timer.start(30)
    loop.exec()
    timer.stop()
    dialog.close()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def startup_problem(home: Path, exc: OutletError) -> int:
    """The database cannot be opened: say why; for a damaged file offer the newest good backup.
    The damaged file is never touched (restore keeps it aside)."""
    from outlet_desk.datacare import backup
    box = QMessageBox()
    box.setIcon(QMessageBox.Critical)
    box.setWindowTitle("Outlet Desk")
    text = f"{exc}\n\n{home}"
    from outlet_desk.datafiles import DatabaseMissing
    offer = isinstance(exc, (DatabaseCorrupt, DatabaseMissing))
    newest = _busy("正在查找完好的备份…", lambda: backup.newest_good_backup(home)) if offer else None
    if newest is not None:
        text += (f"\n\n最近的完好备份：{newest.taken_at:%Y-%m-%d %H:%M}。要恢复它吗？"
                 "（损坏的文件会另存，不会删除）")
        box.setStandardButtons(QMessageBox.Yes | QMessageBox.No)
    box.setText(text)
    answer = box.exec()
    if newest is not None and answer == QMessageBox.Yes:
        import datetime as dt
        try:
            # at start-up nobody can log in to a damaged database: the local administrator acts
            now = dt.datetime.now().replace(microsecond=0)
            aside = _busy("正在恢复备份…", lambda: backup.restore(home, newest.path, actor=SYSTEM, now=now))
        except OutletError as failed:
            QMessageBox.information(None, "Outlet Desk", f"没有恢复：{failed}")
            return 1
        kept = f"损坏的文件另存为：\n{aside}\n" if aside.name != "outlet.db" else ""
        QMessageBox.information(None, "Outlet Desk", f"已恢复备份。{kept}请重新打开程序。")
    return 1


class BugReporter(QObject):
    """Uncaught exceptions from any thread: the traceback goes to ``logs/`` (outlet_desk.logs), the
    clerk sees one line in the banner of the window on screen (brought to the main thread here)."""
    line = Signal(str)

    def __init__(self, window_of):
        super().__init__()
        self._window_of = window_of
        self.line.connect(self._show)

    def _show(self, text: str) -> None:
        window = self._window_of()
        banner = getattr(window, "banner", None)
        if banner is not None:
            banner.error(text)


def database_damaged_later(home: Path, exc: BaseException) -> bool:
    """A damaged page met while the app runs (a read or write that SQLite found malformed):
    one message and the offer of the newest good backup, instead of a traceback.  Returns whether
    ``exc`` was such damage."""
    import sqlite3

    import peewee

    from outlet_desk.db import close_database
    seen, cause = set(), exc
    damaged = False
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, DatabaseCorrupt) or (
                isinstance(cause, (sqlite3.DatabaseError, peewee.DatabaseError))
                and ("malformed" in str(cause).lower() or "not a database" in str(cause).lower())):
            damaged = True
            break
        cause = cause.__cause__ or cause.__context__
    if not damaged or _damage_reported:
        return damaged
    _damage_reported.append(True)
    close_database()
    startup_problem(home, DatabaseCorrupt("数据库文件已损坏（程序运行中读到坏页），请恢复最近的备份。"))
    app = QApplication.instance()
    if app is not None:
        app.quit()
    return True


_damage_reported: list = []


def install_damage_hook(home: Path) -> None:
    previous = sys.excepthook

    def hook(kind, value, tb):
        if not database_damaged_later(home, value):
            previous(kind, value, tb)

    sys.excepthook = hook


def main(home: str | None = None, db_url: str | None = None, *, on_window=None) -> int:
    """The app.  ``on_window(window)``: called once the main window shows (devtools.scripted_app
    drives the real app with it; nothing the app reads from outside can set it)."""
    logs.configure(None)
    app = ensure_app()
    resolved = resolve_home(home, app_data=app_data_location())
    logs.configure(resolved)
    windows: list = []
    reporter = BugReporter(lambda: windows[0] if windows else None)
    logs.install_excepthook(reporter.line.emit)
    try:
        open_outlet(resolved, db_url)
    except (DatabaseCorrupt, DatabaseTooNew, OutletError) as exc:
        return startup_problem(resolved, exc)
    except OSError as exc:   # a data folder that cannot be created or written
        return startup_problem(resolved, OutletError(f"数据文件夹不可用：{exc.strerror or exc}"))
    install_damage_hook(resolved)
    ctx = build_context(resolved)
    ctx.extras["database_damaged"] = lambda exc: database_damaged_later(resolved, exc)
    if not staff.list_staff():
        resources.install_translation(app, ctx.prefs.value("language", resources.DEFAULT_LANGUAGE))
        if FirstRunDialog().exec() != QDialog.Accepted:
            return 0
    window = create_main_window(ctx)
    windows.append(window)
    window.show_fitted()
    daily_backup(ctx)
    scheduled_purge(ctx)
    if on_window is not None:
        on_window(window)
    shot = os.environ.get("OUTLET_DESK_SCREENSHOT")
    if shot:   # smoke test of a bundle: grab the first window to a PNG and quit
        from PySide6.QtCore import QTimer

        def grab_and_quit():
            window.grab().save(shot)
            app.quit()

        QTimer.singleShot(300, grab_and_quit)
    return app.exec()
