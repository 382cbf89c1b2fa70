"""Base class of the screens in the main window's navigation."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QLocale
from PySide6.QtWidgets import QLabel, QWidget

from ..context import AppContext


class Screen(QWidget):
    #: function key number (1 → F1 …); the navigation shows it and the key opens the screen
    FKEY: int | None = None
    #: navigation title, marked for translation in the "Screens" context
    TITLE = ""
    #: only a manager sees it in the navigation (the core refuses the operations anyway)
    MANAGER_ONLY = False
    #: change kinds (outlet_desk.changes) that make this screen refresh
    WATCHES: frozenset = frozenset()

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        ctx.bus.changed.connect(self._on_changes)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Screens", cls.TITLE)

    def add_heading_and_tabs(self, layout):
        """The big bold screen title and a tab widget under it (screens with sub-areas)."""
        from PySide6.QtWidgets import QTabWidget
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSize(16)
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        return self.tabs

    # -- life cycle -------------------------------------------------------------------------
    def activate(self) -> None:
        """Called when the screen is shown: refresh if data changed, put focus where it belongs."""
        if self._stale and not self.ctx.db_away:
            self._stale = False
            self.refresh()
        self.focus_default()

    def refresh(self) -> None:
        """Reload what the screen shows from the core."""

    def focus_default(self) -> None:
        """Give focus to the screen's main input (the scan field on scanning screens)."""

    def retranslate(self) -> None:
        """Set the texts again after a language change."""

    def scan_target(self):
        """The scan field a scanner burst goes to when focus is elsewhere (a preview, a dialog…):
        the first visible, enabled scan field of the screen (so on the current tab); None when
        the screen takes no scans."""
        from ..widgets.scanfield import ScanField
        for field in self.findChildren(ScanField):
            if field.isVisible() and field.isEnabled() and not field.isReadOnly():
                return field
        return None

    def _on_changes(self, kinds) -> None:
        if not (self.WATCHES & kinds):
            return
        if self.isVisible() and not self.ctx.db_away:
            self.refresh()
        else:
            self._stale = True

    def changeEvent(self, ev):
        if ev.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(ev)


# Titles of all screens, so lupdate sees them in one place.
TITLES = [
    QT_TRANSLATE_NOOP("Screens", "Home"),
    QT_TRANSLATE_NOOP("Screens", "Intake"),
    QT_TRANSLATE_NOOP("Screens", "Pickup"),
    QT_TRANSLATE_NOOP("Screens", "Problem parcels"),
    QT_TRANSLATE_NOOP("Screens", "Returns / forwards"),
    QT_TRANSLATE_NOOP("Screens", "Sign-off & upload"),
    QT_TRANSLATE_NOOP("Screens", "Sending / pickups"),
    QT_TRANSLATE_NOOP("Screens", "Tickets"),
    QT_TRANSLATE_NOOP("Screens", "Shifts"),
    QT_TRANSLATE_NOOP("Screens", "Day close"),
    QT_TRANSLATE_NOOP("Screens", "Settings"),
    QT_TRANSLATE_NOOP("Screens", "Audit log"),
]


def weekday_short(d) -> str:
    """A date's weekday in one narrow column: "一" in Chinese, "Mo" in English (Qt's locale)."""
    loc = QLocale()
    if loc.language() == QLocale.Chinese:
        return loc.dayName(d.isoweekday(), QLocale.NarrowFormat)
    return loc.dayName(d.isoweekday(), QLocale.ShortFormat)[:2]
