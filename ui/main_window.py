"""The main window: login page, then navigation (function keys) + screens + status bar."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from outlet_desk import changes, i18n, settings, status
from outlet_desk.errors import OutletError
from outlet_desk.shifts import attendance, staff

from . import ops
from .context import AppContext
from .geometry import fit_into_screen
from .login import LoginWidget
from .screens import screen_classes
from .widgets.banner import Banner
from .widgets.scroll import ScreenStack


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.resize(1280, 720)     # fitted to the screen's available area by show_fitted()
        self.pages = QStackedWidget()
        self.setCentralWidget(self.pages)

        self.login = LoginWidget(ctx)
        self.login.logged_in.connect(self.on_logged_in)
        self.pages.addWidget(self.login)

        # work area: navigation | banner + screens
        self.work = QWidget()
        row = QHBoxLayout(self.work)
        row.setContentsMargins(0, 0, 0, 0)
        side = QVBoxLayout()
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(210)
        self.nav.setStyleSheet("#nav{font-size:15px;} #nav::item{padding:8px 6px;}")
        side.addWidget(self.nav, 1)
        self.lock_button = QPushButton()
        self.logout_button = QPushButton()
        side.addWidget(self.lock_button)
        side.addWidget(self.logout_button)
        row.addLayout(side)
        right = QVBoxLayout()
        self.banner = Banner()
        ctx.banner = self.banner
        right.addWidget(self.banner)
        self.stack = ScreenStack()        # as big as the current screen needs (fits 1366×728)
        right.addWidget(self.stack, 1)
        row.addLayout(right, 1)
        self.pages.addWidget(self.work)

        self.screens = []
        self.actions: dict[str, QAction] = {}
        for cls in screen_classes():
            screen = cls(ctx)
            screen.setObjectName(cls.__name__)
            self.screens.append(screen)
            self.stack.addWidget(screen)
            item = QListWidgetItem()
            self.nav.addItem(item)
            action = QAction(self)
            action.setShortcut(QKeySequence(getattr(Qt, f"Key_F{cls.FKEY}")))
            action.setShortcutContext(Qt.ApplicationShortcut)
            action.triggered.connect(lambda _=False, s=screen: self.show_screen(s))
            self.addAction(action)
            self.actions[cls.__name__] = action
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.lock_button.clicked.connect(self.lock)
        self.logout_button.clicked.connect(self.logout)

        # status bar
        self.status_clerk = QLabel()
        self.status_post = QLabel()
        self.status_uploads = QLabel()
        self.status_signoff = QLabel()
        self.status_signoff.setObjectName("statusSignoff")
        self.status_time = QLabel()
        self.status_tickets = QLabel()      # overdue tickets (tickets capability)
        self.status_eorders = QLabel()      # e-orders close to their limit (tickets capability)
        self._eorders_warned: set = set()
        self._settings_warned: tuple = ()
        self.status_settings = QLabel()     # a stored setting fails its check (the core uses its default)
        self.status_settings.setStyleSheet("background:#c62828;color:white;font-weight:bold;padding:0 6px;")
        self.status_settings.hide()
        self.status_refused = QLabel()      # scans refused by the scan router (ui/scanner.py)
        self.status_refused.setStyleSheet("color:#c62828;font-weight:bold;")
        self.status_refused.hide()
        self.statusBar().addPermanentWidget(self.status_refused)
        self.status_busy = QLabel()         # background jobs running now (ui/ops.py)
        self.status_busy.setObjectName("statusBusy")
        self.status_busy.setStyleSheet("color:#1565c0;")
        self.statusBar().addPermanentWidget(self.status_busy)
        ops.activity.changed.connect(self._show_activity)
        for w in (self.status_clerk, self.status_post, self.status_uploads, self.status_signoff,
                  self.status_tickets, self.status_eorders, self.status_settings):
            self.statusBar().addWidget(w)
        self.statusBar().addPermanentWidget(self.status_time)
        self.clock_timer = QTimer(self)
        self.clock_timer.timeout.connect(self.tick)
        self.clock_timer.start(1000)
        self.counts_timer = QTimer(self)
        self.counts_timer.timeout.connect(self.refresh_status)
        self.counts_timer.start(15000)
        self._notice_day = None
        ctx.bus.changed.connect(self._on_changes)

        self.retranslate()
        self.show_login()

    # -- text -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Outlet Desk"))
        for i, screen in enumerate(self.screens):
            self.nav.item(i).setText(f"F{screen.FKEY}  {screen.title()}")
        self.lock_button.setText(self.tr("Lock (Ctrl+L)"))
        self.logout_button.setText(self.tr("Log out"))
        self.lock_button.setShortcut(QKeySequence("Ctrl+L"))
        self.login.retranslate()
        self.refresh_status()
        self.tick()

    def changeEvent(self, ev):
        if ev.type() == ev.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(ev)

    # -- session ----------------------------------------------------------------------------
    def show_login(self, keep_person: int | None = None) -> None:
        self.pages.setCurrentWidget(self.login)
        for action in self.actions.values():
            action.setEnabled(False)
        self.statusBar().hide()
        self.login.reload(keep_person)

    def on_logged_in(self, actor) -> None:
        self._settings_warned = self._settings_problems()    # said once at login, last (below)
        previous = self.ctx.actor
        self.ctx.actor = actor
        for i, screen in enumerate(self.screens):
            visible = actor.is_manager or not screen.MANAGER_ONLY
            self.nav.item(i).setHidden(not visible)
            self.actions[type(screen).__name__].setEnabled(visible)
            if previous is None or previous.id != actor.id:
                screen._stale = True
        if previous is None or previous.id != actor.id:   # a login, not an unlock: clock in
            self.ctx.perform(lambda: attendance.on_login(actor, now=self.ctx.now()),
                             changes=frozenset({changes.ATTENDANCE}))
        self.pages.setCurrentWidget(self.work)
        self.statusBar().show()
        self.refresh_status()
        if previous is not None and previous.id == actor.id and self.stack.currentWidget():
            self.show_screen(self.stack.currentWidget())   # unlock: back where the clerk was
        else:
            self.show_screen(self.screens[0])
        self._warn_settings(force=True)

    # -- the database away (a restore replaces it) -------------------------------------------
    def database_away(self, reason: str):
        """While a restore replaces the database on the database executor: the screens, the
        navigation and the function keys are disabled, the timers that read the database skip
        their turn, database work asked for is refused with ``reason`` (AppContext.perform,
        ops.perform) and so are scans (ui/scanner.py, with a beep, listed in the status bar).
        The window keeps painting and the status bar shows the job's progress.  Returns a
        function the job calls first: it waits for the upload thread to stop."""
        self.ctx.db_away = reason
        self.pages.setEnabled(False)
        for action in self.actions.values():
            action.setEnabled(False)
        signoff = next((s for s in self.screens if hasattr(s, "uploader")), None)
        worker = signoff.uploader.worker if signoff is not None else None
        if worker is not None:
            signoff.uploader.stop()          # its thread reads the database too

        def wait(timeout_s: float = 30.0) -> None:
            """(On the worker thread) wait until the upload thread has let go of the database."""
            if worker is not None and worker.is_alive():
                worker.join(timeout_s)
        return wait

    def database_back(self, *, replaced: bool) -> None:
        """The database is open again.  ``replaced`` (a restore happened): everyone logs in again
        and every screen reloads when next shown; else the manager is back where they were."""
        self.ctx.db_away = ""
        self.pages.setEnabled(True)
        signoff = next((s for s in self.screens if hasattr(s, "uploader")), None)
        if signoff is not None and settings.get("upload.auto"):
            signoff.uploader.start(first_delay=float(settings.get("upload.interval_seconds")))
        if replaced:
            for screen in self.screens:
                screen._stale = True
            self.ctx.actor = None
            self.show_login()
        elif self.ctx.actor is not None:
            self.on_logged_in(self.ctx.actor)      # the same person: function keys back, same screen

    def lock(self) -> None:
        """Back to the PIN screen; the screens keep what was typed."""
        if self.ctx.db_away:
            return
        if self.ctx.actor:
            self.show_login(keep_person=self.ctx.actor.id)

    def logout(self) -> None:
        if self.ctx.actor:
            actor = self.ctx.actor
            self.ctx.perform(lambda: attendance.on_logout(actor, now=self.ctx.now()))
            staff.logout(self.ctx.actor, now=self.ctx.now())
        self.ctx.actor = None
        self.banner.clear()
        self.show_login()

    # -- navigation -------------------------------------------------------------------------
    def screen_by_key(self, fkey: int):
        for s in self.screens:
            if s.FKEY == fkey:
                return s
        return None

    def _show_activity(self, labels) -> None:
        self.status_busy.setText(" · ".join(labels))

    def show_refused_scans(self) -> None:
        """The status bar counts the scans refused today; its tooltip lists them."""
        today = self.ctx.now().date()
        refused = [r for r in self.scan_router.refused if r.at.date() == today]
        self.status_refused.setVisible(bool(refused))
        self.status_refused.setText(self.tr("Scans not taken: %1").replace("%1", str(len(refused))))
        self.status_refused.setToolTip("\n".join(f"{r.at:%H:%M:%S}  {r.text}  {r.reason}"
                                                  for r in reversed(refused[-30:])))

    def show_screen(self, screen) -> None:
        index = self.screens.index(screen)
        if self.nav.isRowHidden(index):
            return
        if self.stack.currentWidget() is not screen:
            self.banner.clear()       # a message belongs to the screen it was said on
        self.stack.setCurrentWidget(screen)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(index)
        self.nav.blockSignals(False)
        screen.activate()
        self._warn_settings()

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(self.screens):
            self.show_screen(self.screens[row])

    # -- status bar -------------------------------------------------------------------------
    def tick(self) -> None:
        self.status_time.setText(self.ctx.now().strftime("%Y-%m-%d %H:%M:%S"))

    def refresh_status(self) -> None:
        actor = self.ctx.actor
        if actor is None or self.ctx.db_away:
            return
        info = status.snapshot(actor, now=self.ctx.now())
        role = self.tr("manager") if actor.is_manager else self.tr("clerk")
        self.status_clerk.setText(self.tr("On duty: %1 (%2)").replace("%1", info.clerk).replace("%2", role))
        self.status_post.setText(self.tr("Post: %1").replace("%1", info.post or self.tr("not rostered")))
        text = self.tr("Waiting to upload: %1").replace("%1", str(info.pending_uploads))
        if info.rejected_uploads:
            text += "  " + self.tr("rejected: %1").replace("%1", str(info.rejected_uploads))
        self.status_uploads.setText(text)
        # sign-off cut-off (outlet_desk/signoff/signoff.py): countdown, then a warning once it has passed
        minutes = abs(info.signoff_seconds_left) // 60
        span = self.tr("%1 h %2 min").replace("%1", str(minutes // 60)).replace("%2", str(minutes % 60))
        if info.signoff_late:
            cut = self.tr("Unsigned/not uploaded: %1, cut-off %2 passed!")
            self.status_signoff.setStyleSheet("background:#c62828;color:white;padding:0 6px;")
        else:
            cut = self.tr("Unsigned/not uploaded: %1, cut-off %2 in %3")
            self.status_signoff.setStyleSheet("")
        self.status_signoff.setText(cut.replace("%1", str(info.signoff_outstanding))
                                    .replace("%2", info.signoff_cutoff or "--:--").replace("%3", span))
        self.status_tickets.setText(self.tr("Overdue tickets: %1").replace("%1", str(info.overdue_tickets)))
        self.status_tickets.setStyleSheet("color:#c62828;font-weight:bold;" if info.overdue_tickets else "")
        self.status_eorders.setVisible(bool(info.eorders_urgent))
        self.status_eorders.setText(self.tr("E-orders near the limit: %1 (F8)").replace("%1", str(info.eorders_urgent)))
        self.status_eorders.setStyleSheet("background:#ef6c00;color:white;font-weight:bold;padding:0 6px;")
        if info.eorders_urgent:
            self._warn_eorders()
        self._warn_settings()

    @staticmethod
    def _settings_problems() -> tuple:
        try:
            return tuple(settings.problems())
        except OutletError:          # the database is away for a moment: the next refresh tells
            return ()

    def _warn_settings(self, *, force: bool = False) -> None:
        """A stored setting that fails its check (an older version's, or written into the database
        by hand): the core runs on its default; the banner says which, once per new problem."""
        problems = self._settings_problems()
        self.status_settings.setVisible(bool(problems))
        self.status_settings.setText(self.tr("Settings to fix: %1 (F11)").replace("%1", str(len(problems))))
        self.status_settings.setToolTip("\n".join(problems))
        if problems and (force or problems != self._settings_warned):
            text = problems[0]
            if len(problems) > 1:
                text += " " + self.tr("(%1 more settings need fixing)").replace("%1", str(len(problems) - 1))
            self.banner.show_message(text, "warning")
        self._settings_warned = problems

    def _warn_eorders(self) -> None:
        """A banner warning, once per order and stage, when an e-order nears its limit."""
        from outlet_desk.outgoing import eorders
        now = self.ctx.now()
        for u in eorders.urgent(now):
            key = (u.id, u.stage)
            if key in self._eorders_warned:
                continue
            self._eorders_warned.add(key)
            if u.stage == "accept":
                text = self.tr("E-order %1 must be accepted by %2.")
            else:
                text = self.tr("E-order %1 must be collected by %2.")
            self.banner.show_message(text.replace("%1", u.order_number).replace("%2", u.due.strftime("%H:%M")),
                                     "warning")
            break

    def _on_changes(self, kinds) -> None:
        if self.ctx.db_away:
            return                    # everything is reloaded when the database is back
        if changes.SETTINGS in kinds:
            self._warn_settings()
        if kinds & {changes.SIGNOFF, changes.UPLOAD, changes.ROSTER, changes.RETURNS, changes.TICKETS}:
            self.refresh_status()
        if kinds & {changes.PARCELS, changes.STOCK, changes.CASH, changes.SIGNOFF}:
            self._closed_day_notice()

    def _closed_day_notice(self) -> None:
        """Once a day, after work following the day's close: "今天已关账，之后的操作记入 12月6日"
        (the core dates that work into the next business day, see outlet_desk/businessday.py)."""
        today = self.ctx.now().date()
        if self._notice_day == today:
            return
        from outlet_desk import businessday
        text = businessday.notice(self.ctx.now())
        if not text:
            return
        self._notice_day = today

        def show():   # after the screen's own message for the action, which it keeps
            said = self.banner.text() if self.banner.level else ""
            gap = "\u3000" if i18n.chinese() else "  "     # a full-width space only between Chinese
            self.banner.show_message(f"{said}{gap}{text}" if said else text, "info",
                                     sound_kind="ok", timeout_ms=15000)
        QTimer.singleShot(0, show)

    def show_fitted(self) -> None:
        """Show the window inside the screen's available area (taskbar excluded), at its last
        size and place on this PC if that still fits, maximized if it was left maximized."""
        geometry = self.ctx.prefs.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        fit_into_screen(self)
        # the first start on a PC fills the screen; later starts do what the clerk left
        first = "window/maximized" not in self.ctx.prefs.allKeys()
        if first or str(self.ctx.prefs.value("window/maximized", "false")).lower() == "true":
            self.showMaximized()
        else:
            self.show()

    def closeEvent(self, ev):
        if self.ctx.db_away:          # a restore is replacing the database: not now
            self.banner.error(self.ctx.db_away)
            ev.ignore()
            return
        self.ctx.prefs.setValue("window/maximized", self.isMaximized())
        if not self.isMaximized():
            self.ctx.prefs.setValue("window/geometry", self.saveGeometry())
        super().closeEvent(ev)
