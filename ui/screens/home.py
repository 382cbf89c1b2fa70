"""Home (F1): the start screen of whoever logged in."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from outlet_desk import changes, settings

from .base import Screen


class HomeScreen(Screen):
    FKEY = 1
    TITLE = "Home"
    WATCHES = frozenset({changes.SETTINGS})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.greeting = QLabel()
        font = self.greeting.font()
        font.setPointSize(20)
        font.setBold(True)
        self.greeting.setFont(font)
        self.outlet = QLabel()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        for w in (self.greeting, self.outlet, self.hint):
            layout.addWidget(w)
        layout.addStretch(1)

    def refresh(self) -> None:
        actor = self.ctx.actor
        now = self.ctx.now()
        self.greeting.setText(self.tr("Hello, %1").replace("%1", actor.name if actor else ""))
        values = settings.get_many(["outlet.name", "outlet.address", "outlet.opening_hours"])
        self.outlet.setText(self.tr("%1 · %2 · open %3 · today is %4")
                            .replace("%1", values["outlet.name"])
                            .replace("%2", values["outlet.address"])
                            .replace("%3", values["outlet.opening_hours"])
                            .replace("%4", now.strftime("%Y-%m-%d")))
        self.hint.setText(self.tr("Press a function key to open a screen: F2 intake, F3 pickup, "
                                  "F6 sign-off before the 14:00 cut-off."))

    def retranslate(self) -> None:
        if self.ctx.actor:
            self.refresh()
