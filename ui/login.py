"""Login: pick a person, enter the PIN (clerk) or password (manager)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from outlet_desk import settings
from outlet_desk.errors import OutletError
from outlet_desk.permissions import role_label
from outlet_desk.shifts import staff

FULL_WIDTH_DIGITS = {0xFF10 + i: ord("0") + i for i in range(10)}


class LoginWidget(QWidget):
    logged_in = Signal(object)   # outlet_desk.permissions.Actor

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        column = QVBoxLayout(self)
        column.addStretch(1)
        outer = QHBoxLayout()
        column.addLayout(outer)
        column.addStretch(2)
        outer.addStretch(1)
        card = QFrame()
        card.setObjectName("loginCard")
        card.setStyleSheet("#loginCard{background:white;border:1px solid #ccc;border-radius:8px;}")
        card.setMinimumWidth(420)
        layout = QVBoxLayout(card)
        self.outlet = QLabel()
        f = self.outlet.font()
        f.setPointSize(18)
        f.setBold(True)
        self.outlet.setFont(f)
        self.outlet.setAlignment(Qt.AlignCenter)
        self.prompt = QLabel()
        self.people = QListWidget()
        self.people.setMinimumHeight(160)
        self.people.setMaximumHeight(260)
        self.people.setStyleSheet("QListWidget{font-size:16px;} QListWidget::item{padding:6px;}")
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.Password)
        self.secret.setAttribute(Qt.WA_InputMethodEnabled, False)
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828;font-weight:bold;")
        self.error.setWordWrap(True)
        self.notice = QLabel()            # what happened before this login (a restore), in green
        self.notice.setObjectName("loginNotice")
        self.notice.setStyleSheet("color:#2e7d32;font-weight:bold;")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.button = QPushButton()
        self.button.setDefault(True)
        for w in (self.outlet, self.prompt, self.people, self.secret, self.error, self.notice,
                  self.button):
            layout.addWidget(w)
        outer.addWidget(card)
        outer.addStretch(1)
        self.secret.returnPressed.connect(self.attempt)
        self.button.clicked.connect(self.attempt)
        self.people.itemActivated.connect(lambda _i: self.secret.setFocus())
        self.people.itemClicked.connect(lambda _i: self.secret.setFocus())   # one click is enough
        self.retranslate()

    def retranslate(self) -> None:
        self.prompt.setText(self.tr("Who is working? Choose your name and enter your PIN."))
        self.secret.setPlaceholderText(self.tr("PIN or password"))
        self.button.setText(self.tr("Log in"))

    def reload(self, keep_person: int | None = None) -> None:
        """Fill the list; the person kept (lock) or else the last one who logged in on this PC
        is selected."""
        if keep_person is None:
            last = self.ctx.prefs.value("login/last_person")
            keep_person = int(last) if str(last or "").isdigit() else None
        self.outlet.setText(settings.get("outlet.name"))
        self.people.clear()
        for s in staff.list_staff():
            item = QListWidgetItem(self.tr("%1  (%2)").replace("%1", s.name).replace("%2", role_label(s.role)))
            item.setData(Qt.UserRole, s.id)
            self.people.addItem(item)
            if s.id == keep_person:
                self.people.setCurrentItem(item)
        if self.people.currentRow() < 0 and self.people.count():
            self.people.setCurrentRow(0)
        self.secret.clear()
        self.error.clear()
        self.secret.setFocus()

    def say(self, text: str) -> None:
        """A note under the PIN field until the next login ("" hides it)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def select_person(self, name: str) -> None:
        for i in range(self.people.count()):
            if self.people.item(i).text().startswith(name):
                self.people.setCurrentRow(i)
                return

    def attempt(self) -> None:
        item = self.people.currentItem()
        if item is None:
            self.error.setText(self.tr("Choose your name first."))
            return
        secret = self.secret.text().translate(FULL_WIDTH_DIGITS)   # a Chinese IME's ０-９
        try:
            actor = staff.login(item.data(Qt.UserRole), secret, now=self.ctx.now())
        except OutletError as exc:
            self.error.setText(str(exc))
            self.secret.clear()
            self.secret.setFocus()
            return
        self.secret.clear()
        self.error.clear()
        self.say("")
        self.ctx.prefs.setValue("login/last_person", actor.id)
        self.logged_in.emit(actor)
