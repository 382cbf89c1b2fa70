"""Tickets (F8): CRM work orders and complaints with countdowns, the reply editor (情况/方案/时间,
checked live, one copy action), follow-up and close, claims; electronic pickup orders; analysis.

One class per tab (:class:`TicketsTab` with its :class:`ReplyEditor` and :class:`ClaimPanel`,
:class:`EOrdersTab`, :class:`AnalysisTab`); :class:`TicketsScreen` holds them, the shortcuts and the
countdown timer.  The rules are in ``outlet_desk.tickets.tickets`` (which actions a ticket allows
included), ``replies``, ``claims`` and ``eorders``; CRM and e-order files are imported in the background.

Keyboard: Ctrl+F search, Ctrl+N new ticket, Enter on a ticket → reply editor, Ctrl+Return send the
reply (and copy it), Ctrl+Shift+C copy, Alt+1/2/3 switch between tickets, e-orders and analysis.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, QDateTime, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from outlet_desk import changes, i18n, settings
from outlet_desk.errors import NotFound, OutletError, ValidationError
from outlet_desk.fen import format_yuan, parse_yuan
from outlet_desk.models.eorders import EOrder
from outlet_desk.models.tickets import Claim, Ticket
from outlet_desk.outgoing import eorders
from outlet_desk.tickets import claims, replies, tickets

from ..models.rows import Column, RowsTableModel
from ..ops import run_in_background
from ..widgets.tables import table_view
from .base import Screen

OVERDUE_BG = QColor("#ffcdd2")
SOON_BG = QColor("#ffe0b2")
CLOSED_FG = QColor("#757575")


def _fmt(value: dt.datetime | None) -> str:
    return value.strftime("%m-%d %H:%M") if value else ""


class CountdownModel(RowsTableModel):
    """Rows with a deadline: overdue rows red, rows due soon amber, escalated rows bold."""

    def __init__(self, columns, loader, *, now, due, is_open, soon, bold=lambda r: False, dim=None,
                 parent=None):
        super().__init__(columns, loader, parent=parent)
        self.now, self.due, self.is_open, self.soon, self.bold = now, due, is_open, soon, bold
        self.dim = dim or (lambda r: not is_open(r))

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.BackgroundRole and self.is_open(row):
            due = self.due(row)
            if due is not None:
                now = self.now()
                if now > due:
                    return QBrush(OVERDUE_BG)
                if due - now <= self.soon():
                    return QBrush(SOON_BG)
            return None
        if role == Qt.ForegroundRole and self.dim(row):
            return QBrush(CLOSED_FG)
        if role == Qt.FontRole and self.bold(row):
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)

    def tick(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))


class NewTicketDialog(QDialog):
    """Enter a ticket by hand: CRM work order, counter complaint or phone call.  Non-modal (the
    scanner and the counter keep working while it is open): 确定 emits ``submitted(values)``; the
    screen closes it once the ticket is opened, or leaves it open with the reason in the banner."""

    submitted = Signal(dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New ticket"))
        form = QFormLayout(self)
        self.source = QComboBox()
        for key, label in (("counter", self.tr("Counter complaint")), ("phone", self.tr("Phone")),
                           ("crm", self.tr("CRM work order"))):
            self.source.addItem(label, key)
        self.category = QComboBox()
        self.category.addItems(Ticket.CATEGORIES)
        self.crm_number = QLineEdit()
        self.title = QLineEdit()
        self.waybills = QLineEdit()
        self.customer_name = QLineEdit()
        self.customer_phone = QLineEdit()
        self.detail = QPlainTextEdit()
        self.detail.setFixedHeight(70)
        form.addRow(self.tr("Source"), self.source)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("CRM number"), self.crm_number)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Waybills"), self.waybills)
        form.addRow(self.tr("Customer"), self.customer_name)
        form.addRow(self.tr("Phone"), self.customer_phone)
        form.addRow(self.tr("What the customer says"), self.detail)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(lambda: self.submitted.emit(self.values()))
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        return {"source": self.source.currentData(), "category": self.category.currentText(),
                "crm_number": self.crm_number.text(), "title": self.title.text(),
                "waybills": self.waybills.text(), "customer_name": self.customer_name.text(),
                "customer_phone": self.customer_phone.text(), "detail": self.detail.toPlainText()}


# == the reply sub-tab ==============================================================================
class ReplyEditor(QWidget):
    """情况/方案/时间, checked live as the core checks them at sending; a preview; send and copy.
    ``sent`` is emitted once a reply is saved (the tickets tab moves on to the follow-up)."""

    sent = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.current = None            # TicketDetail shown
        self._loading = False
        g = QGridLayout(self)
        self.template_label = QLabel()
        self.template_pick = QComboBox()
        self.template_pick.addItems(Ticket.CATEGORIES)
        self.fill_button = QPushButton()
        self.fill_button.clicked.connect(self.fill_from_template)
        self.save_template_button = QPushButton()
        self.save_template_button.clicked.connect(self.save_template)
        top = QHBoxLayout()
        top.addWidget(self.template_label)
        top.addWidget(self.template_pick)
        top.addWidget(self.fill_button)
        top.addWidget(self.save_template_button)
        top.addStretch(1)
        g.addLayout(top, 0, 0, 1, 2)
        self.situation_label, self.solution_label, self.when_label = QLabel(), QLabel(), QLabel()
        self.situation = QPlainTextEdit()
        self.solution = QPlainTextEdit()
        for e in (self.situation, self.solution):
            e.setTabChangesFocus(True)
            e.setFixedHeight(62)
            e.textChanged.connect(self.check_live)
        self.when = QLineEdit()
        self.when.textChanged.connect(self.check_live)
        g.addWidget(self.situation_label, 1, 0, Qt.AlignTop)
        g.addWidget(self.situation, 1, 1)
        g.addWidget(self.solution_label, 2, 0, Qt.AlignTop)
        g.addWidget(self.solution, 2, 1)
        g.addWidget(self.when_label, 3, 0)
        g.addWidget(self.when, 3, 1)
        self.validation = QLabel()
        self.validation.setWordWrap(True)
        self.validation.setObjectName("replyValidation")
        g.addWidget(self.validation, 4, 0, 1, 2)
        self.preview_text = QLabel()
        self.preview_text.setWordWrap(True)
        self.preview_text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.preview_text.setStyleSheet("background:#f5f5f5;padding:6px;border:1px solid #ddd;")
        g.addWidget(self.preview_text, 5, 0, 1, 2)
        buttons = QHBoxLayout()
        self.send_button = QPushButton()
        self.copy_button = QPushButton()
        self.send_button.clicked.connect(self.send_reply)
        self.copy_button.clicked.connect(self.copy_reply)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        g.addLayout(buttons, 6, 0, 1, 2)
        g.setRowStretch(7, 1)

    def retranslate(self) -> None:
        self.template_label.setText(self.tr("Template:"))
        self.fill_button.setText(self.tr("Fill in"))
        self.save_template_button.setText(self.tr("Save as template"))
        self.situation_label.setText(self.tr("What happened"))
        self.solution_label.setText(self.tr("Solution"))
        self.when_label.setText(self.tr("Solved by"))
        self.situation.setPlaceholderText(self.tr("What was found, where the parcel is now"))
        self.solution.setPlaceholderText(self.tr("What the outlet does about it"))
        self.when.setPlaceholderText(self.tr("A concrete time: %1").replace(
            "%1", i18n.punct("、").join(replies.WHEN_EXAMPLES)))
        self.send_button.setText(self.tr("Send reply and copy (Ctrl+Enter)"))
        self.copy_button.setText(self.tr("Copy (Ctrl+Shift+C)"))

    def show_ticket(self, detail, *, changed: bool) -> None:
        """Show ``detail`` (None: no ticket); a different ticket starts from an empty editor."""
        self.current = detail
        if changed and detail is not None:
            self.template_pick.setCurrentText(detail.row.category)
            self._loading = True
            for e in (self.situation, self.solution):
                e.clear()
            self.when.clear()
            self._loading = False
            self.check_live()

    def set_can_reply(self, can: bool) -> None:
        for w in (self.send_button, self.fill_button):
            w.setEnabled(can)

    def reply_parts(self) -> tuple[str, str, str]:
        return self.situation.toPlainText(), self.solution.toPlainText(), self.when.text()

    def _reply_problems(self, parts) -> list:
        """The reply rule as the core applies it at sending: real time, not past, within the deadline."""
        now = self.ctx.now()
        latest = tickets.promise_limit(self.current.row, now) if self.current else None
        return replies.check_reply(*parts, now=now, latest=latest)

    def check_live(self) -> None:
        if self._loading:
            return
        parts = self.reply_parts()
        if not any(p.strip() for p in parts):
            self.validation.setStyleSheet("color:#555;")
            self.validation.setText(self.tr("Write the three parts: what happened, the solution, and a "
                                            "concrete time."))
            self.preview_text.setText(self.current.reply_text if self.current and self.current.reply_text else "")
            self.copy_button.setEnabled(bool(self.current and self.current.reply_text))
            return
        problems = self._reply_problems(parts)
        if problems:
            self.validation.setStyleSheet("color:#c62828;font-weight:bold;")
            self.validation.setText("\n".join("✗ " + p.message for p in problems))
            self.preview_text.setText("")
            self.copy_button.setEnabled(False)
        else:
            self.validation.setStyleSheet("color:#2e7d32;font-weight:bold;")
            self.validation.setText("✓ " + self.tr("The reply states what happened, the solution and when."))
            self.preview_text.setText(replies.compose(*parts))
            self.copy_button.setEnabled(True)

    def fill_from_template(self) -> None:
        if self.current is None:
            return
        category = self.template_pick.currentText()
        facts = tickets.template_facts(self.current.row.id)
        parts = [replies.fill_template(p, facts) for p in tickets.template_for(category)]
        self.situation.setPlainText(parts[0])
        self.solution.setPlainText(parts[1])
        self.when.setText(parts[2])
        self.situation.setFocus()

    def save_template(self) -> None:
        category = self.template_pick.currentText()
        self.ctx.perform(lambda: tickets.save_template(category, *self.reply_parts(), actor=self.ctx.actor,
                                                       now=self.ctx.now()),
                         success=self.tr("Template for %1 saved.").replace("%1", category))

    def _copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)

    def copy_reply(self) -> None:
        parts = self.reply_parts()
        if any(p.strip() for p in parts):
            problems = self._reply_problems(parts)
            if problems:
                self.ctx.banner.error(problems[0].message)
                return
            text = replies.compose(*parts)
        elif self.current and self.current.reply_text:
            text = self.current.reply_text
        else:
            return
        self._copy(text)
        self.ctx.banner.ok(self.tr("Reply copied: paste it into the carrier's CRM."))

    def send_reply(self) -> None:
        if self.current is None:
            return
        tid = self.current.row.id
        text = self.ctx.perform(lambda: tickets.reply(tid, *self.reply_parts(), actor=self.ctx.actor,
                                                      now=self.ctx.now()), changes=tickets.CHANGES)
        if text:
            self._copy(text)
            self.ctx.banner.ok(self.tr("Reply saved and copied: paste it into the carrier's CRM."))
            self.sent.emit()


# == the claim sub-tab ==============================================================================
class ClaimPanel(QWidget):
    """The claim (理赔) of a damaged or lost parcel's ticket: materials checklist, photos by hash,
    claim number and amount, submit, result."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.current = None            # TicketDetail shown
        self.current_claim = None
        v = QVBoxLayout(self)
        self.claim_state = QLabel()
        self.claim_state.setWordWrap(True)
        self.open_claim_button = QPushButton()
        self.open_claim_button.clicked.connect(self.open_claim)
        v.addWidget(self.claim_state)
        v.addWidget(self.open_claim_button)
        self.claim_box = QGroupBox()
        g = QGridLayout(self.claim_box)
        self.claim_checks: dict[str, QCheckBox] = {}
        self.claim_attach: dict[str, QPushButton] = {}
        self.claim_hash: dict[str, QLabel] = {}
        for row, (kind, _label, photo) in enumerate(claims.ITEMS):
            cb = QCheckBox()
            cb.clicked.connect(lambda checked, k=kind: self.set_claim_item(k, checked))
            self.claim_checks[kind] = cb
            g.addWidget(cb, row, 0)
            if photo:
                b = QPushButton()
                b.clicked.connect(lambda _=False, k=kind: self.attach_claim_file(k))
                self.claim_attach[kind] = b
                g.addWidget(b, row, 1)
                lab = QLabel()
                self.claim_hash[kind] = lab
                g.addWidget(lab, row, 2)
        n = len(claims.ITEMS)
        self.claim_number_label, self.claim_amount_label = QLabel(), QLabel()
        self.claim_number = QLineEdit()
        self.claim_amount = QLineEdit()
        self.claim_save = QPushButton()
        self.claim_submit = QPushButton()
        self.claim_result = QPushButton()
        self.claim_save.clicked.connect(self.save_claim)
        self.claim_submit.clicked.connect(self.submit_claim)
        self.claim_result.clicked.connect(self.record_claim_result)
        g.addWidget(self.claim_number_label, n, 0)
        g.addWidget(self.claim_number, n, 1, 1, 2)
        g.addWidget(self.claim_amount_label, n + 1, 0)
        g.addWidget(self.claim_amount, n + 1, 1, 1, 2)
        row = QHBoxLayout()
        row.addWidget(self.claim_save)
        row.addWidget(self.claim_submit)
        row.addWidget(self.claim_result)
        row.addStretch(1)
        g.addLayout(row, n + 2, 0, 1, 3)
        v.addWidget(self.claim_box)
        v.addStretch(1)

    def retranslate(self) -> None:
        self.open_claim_button.setText(self.tr("Open a claim"))
        self.claim_box.setTitle(self.tr("Materials"))
        for kind, label, _photo in claims.ITEMS:
            self.claim_checks[kind].setText(i18n._(label))
        for b in self.claim_attach.values():
            b.setText(self.tr("Attach file…"))
        self.claim_number_label.setText(self.tr("Claim number"))
        self.claim_amount_label.setText(self.tr("Amount (yuan)"))
        self.claim_save.setText(self.tr("Save"))
        self.claim_submit.setText(self.tr("Submit claim"))
        self.claim_result.setText(self.tr("Record result…"))

    def show_ticket(self, detail) -> None:
        self.current = detail
        self.show_claim()

    def show_claim(self) -> None:
        d = self.current
        eligible = d is not None and d.row.category in claims.CLAIM_CATEGORIES
        self.current_claim = claims.claim_for_ticket(d.row.id) if eligible else None
        c = self.current_claim
        self.open_claim_button.setVisible(eligible and c is None)
        self.claim_box.setVisible(c is not None)
        if not eligible:
            self.claim_state.setText(self.tr("Claims are for damaged and lost parcels."))
            return
        if c is None:
            self.claim_state.setText(self.tr("No claim yet."))
            return
        now = self.ctx.now()
        text = self.tr("Claim %1 · %2 · materials due %3").replace("%1", c.claim_number or "—") \
            .replace("%2", c.status_label).replace("%3", _fmt(c.submit_due))
        if c.submit_due < now and c.status == "open":
            text += " · " + self.tr("LATE")
        if c.result_due:
            text += " · " + self.tr("result expected %1").replace("%1", _fmt(c.result_due))
        if c.result:
            text += " · " + c.result
        self.claim_state.setText(text)
        editable = c.status == "open"
        for item in c.items:
            cb = self.claim_checks[item.kind]
            cb.setChecked(item.done)
            cb.setEnabled(editable and not item.is_photo)
            if item.is_photo:
                self.claim_attach[item.kind].setEnabled(editable)
                self.claim_hash[item.kind].setText(item.photo_hash[:12] if item.photo_hash else "")
        self.claim_number.setText(c.claim_number or "")
        self.claim_amount.setText(format_yuan(c.amount_fen) if c.amount_fen else "")
        for w in (self.claim_save, self.claim_submit, self.claim_number, self.claim_amount):
            w.setEnabled(editable)
        self.claim_result.setEnabled(c.status == "submitted")

    def open_claim(self) -> None:
        if self.current is not None:
            tid = self.current.row.id
            self.ctx.perform(lambda: claims.open_claim(tid, actor=self.ctx.actor, now=self.ctx.now()),
                             changes=claims.CHANGES)

    def set_claim_item(self, kind: str, done: bool) -> None:
        if self.current_claim:
            cid = self.current_claim.id
            self.ctx.perform(lambda: claims.set_item(cid, kind, done, actor=self.ctx.actor, now=self.ctx.now()),
                             changes=claims.CHANGES)
            self.show_claim()

    def attach_claim_file(self, kind: str, path: str | None = None) -> None:
        if not self.current_claim:
            return
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach photo"), "",
                                                  self.tr("Pictures (*.jpg *.jpeg *.png *.heic *.pdf)"))
        if not path:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.ctx.banner.error(self.tr("Cannot read the file: %1").replace("%1", str(exc)))
            return
        cid = self.current_claim.id
        self.ctx.perform(lambda: claims.attach_photo(cid, kind, data, actor=self.ctx.actor, now=self.ctx.now()),
                         changes=claims.CHANGES, success=self.tr("Photo attached."))

    def _amount_fen(self) -> int | None:
        """The typed claim amount in fen (None: left empty); a bad amount raises ValidationError."""
        text = self.claim_amount.text()
        return parse_yuan(text, what=self.tr("Claim amount")) if text.strip() else None

    def save_claim(self) -> None:
        if not self.current_claim:
            return
        cid, number = self.current_claim.id, self.claim_number.text()
        self.ctx.perform(lambda: claims.update_claim(cid, claim_number=number, amount_fen=self._amount_fen(),
                                                     actor=self.ctx.actor, now=self.ctx.now()),
                         changes=claims.CHANGES, success=self.tr("Claim saved."))

    def submit_claim(self) -> None:
        if not self.current_claim:
            return
        cid = self.current_claim.id
        self.ctx.perform(lambda: claims.submit(cid, actor=self.ctx.actor, now=self.ctx.now()),
                         changes=claims.CHANGES, success=self.tr("Claim submitted."))

    def record_claim_result(self) -> None:
        if not self.current_claim:
            return
        cid = self.current_claim.id
        # shown in the person's language, compared as shown (the core gets a bool, not the word)
        paid_label = i18n._(claims.STATUS_LABELS[Claim.PAID])
        rejected_label = i18n._(claims.STATUS_LABELS[Claim.REJECTED])
        outcome = self._ask(self.tr("Claim result"), self.tr("Result"), [paid_label, rejected_label])
        if outcome is None:
            return
        paid = outcome == paid_label
        amount = ""
        if paid:
            amount = self._ask(self.tr("Claim result"), self.tr("Amount paid (yuan)"))
            if amount is None:
                return
        note = self._ask(self.tr("Claim result"), self.tr("Note"))
        if note is None:
            return

        def run():
            fen = parse_yuan(amount, what=self.tr("Amount paid")) if paid else 0
            return claims.record_result(cid, paid, fen, note, actor=self.ctx.actor, now=self.ctx.now())
        self.ctx.perform(run,
                         changes=claims.CHANGES, success=self.tr("Claim result recorded."))

    def _ask(self, title: str, label: str, items: list[str] | None = None) -> str | None:
        """A small input dialog (tests replace this method)."""
        return _ask(self, title, label, items)


def _ask(parent, title: str, label: str, items: list[str] | None = None) -> str | None:
    if items:
        text, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    else:
        text, ok = QInputDialog.getText(parent, title, label)
    return text if ok else None


def _report_failure(ctx, exc: Exception) -> None:
    """A background import failed: its domain error as the banner; a bug (already logged with its
    traceback by ui.ops) as one line too, so the clerk knows the import did not happen."""
    ctx.banner.error(str(exc) if isinstance(exc, OutletError) else
                     QCoreApplication.translate("TicketsScreen", "The import failed: %1").replace(
                         "%1", f"{type(exc).__name__}: {exc}"))


# == tab 1: tickets =================================================================================
class TicketsTab(QWidget):
    """The ticket list with its countdowns and filters; the chosen ticket's head, actions and the
    reply / follow-up / history / claim sub-tabs.  Which actions are enabled comes from the core
    (:func:`tickets.allowed_actions`)."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.current_id: int | None = None
        self.current = None
        self.new_dialog: NewTicketDialog | None = None   # the open non-modal dialog, if any
        self.import_signals = None     # the running CRM import (ui.ops), if any
        v = QVBoxLayout(self)
        v.setContentsMargins(2, 2, 2, 2)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.reload_tickets)
        self.status_filter = QComboBox()
        self.category_filter = QComboBox()
        self.mine = QCheckBox()
        self.overdue_only = QCheckBox()
        self.new_button = QPushButton()
        self.import_button = QPushButton()
        for w in (self.status_filter, self.category_filter):
            w.currentIndexChanged.connect(self.reload_tickets)
        for w in (self.mine, self.overdue_only):
            w.toggled.connect(self.reload_tickets)
        self.new_button.clicked.connect(self.new_ticket)
        self.import_button.clicked.connect(lambda: self.import_crm_file())
        filters.addWidget(self.search, 2)
        for w in (self.status_filter, self.category_filter, self.mine, self.overdue_only):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.new_button)
        filters.addWidget(self.import_button)
        v.addLayout(filters)

        split = QSplitter(Qt.Horizontal)
        self.ticket_model = CountdownModel(
            self._ticket_columns(), self._load_tickets, now=self.ctx.now, due=lambda r: r.due_at,
            is_open=lambda r: r.awaiting_reply(), soon=self.warn_delta, bold=lambda r: r.escalated,
            dim=lambda r: not r.is_open(), parent=self)
        self.table = table_view(self.ticket_model, selection=QAbstractItemView.SingleSelection,
                                alternating=False, fit_columns=False)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.activated.connect(lambda _i: self.go_reply())
        split.addWidget(self.table)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(4, 0, 0, 0)
        self.head = QLabel()
        font = self.head.font()
        font.setPointSize(13)
        font.setBold(True)
        self.head.setFont(font)
        self.head.setWordWrap(True)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextSelectableByMouse)
        rv.addWidget(self.head)
        rv.addWidget(self.info)
        actions = QHBoxLayout()
        self.start_button = QPushButton()
        self.customer_button = QPushButton()
        self.escalate_button = QPushButton()
        self.reassign_button = QPushButton()
        self.start_button.clicked.connect(self.start_ticket)
        self.customer_button.clicked.connect(self.edit_customer)
        self.escalate_button.clicked.connect(self.escalate_ticket)
        self.reassign_button.clicked.connect(self.reassign_ticket)
        for b in (self.start_button, self.customer_button, self.escalate_button, self.reassign_button):
            actions.addWidget(b)
        actions.addStretch(1)
        rv.addLayout(actions)
        self.detail_tabs = QTabWidget()
        self.reply = ReplyEditor(ctx)
        self.reply.sent.connect(self._reply_sent)
        self.detail_tabs.addTab(self.reply, "")
        self.detail_tabs.addTab(self._build_follow_up(), "")
        self.history = QListWidget()
        self.history.setWordWrap(True)
        self.detail_tabs.addTab(self.history, "")
        self.claim = ClaimPanel(ctx)
        self.detail_tabs.addTab(self.claim, "")
        rv.addWidget(self.detail_tabs, 1)
        split.addWidget(right)
        split.setSizes([620, 580])
        v.addWidget(split, 1)

    def _build_follow_up(self) -> QWidget:
        w = QWidget()
        f = QFormLayout(w)
        self.follow_note = QLineEdit()
        self.follow_button = QPushButton()
        self.follow_button.clicked.connect(self.record_follow_up)
        self.follow_note.returnPressed.connect(self.record_follow_up)
        self.rating = QComboBox()
        self.rating.addItems(Ticket.RATINGS)
        self.close_note = QLineEdit()
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close_ticket)
        self.follow_note_label, self.rating_label, self.close_note_label = QLabel(), QLabel(), QLabel()
        f.addRow(self.follow_note_label, self.follow_note)
        f.addRow("", self.follow_button)
        f.addRow(self.rating_label, self.rating)
        f.addRow(self.close_note_label, self.close_note)
        f.addRow("", self.close_button)
        return w

    def _ticket_columns(self):
        now = self.ctx.now
        return [
            Column(self.tr("#"), lambda r: r.id, Qt.AlignRight),
            Column(self.tr("Countdown"), lambda r: tickets.countdown_text(r.due_at, now(), short=True)
                   if r.awaiting_reply() else (r.rating or "")),
            Column(self.tr("Status"), lambda r: r.status_label + (" ⚑" if r.escalated else "")),
            Column(self.tr("Category"), lambda r: r.category),
            Column(self.tr("Title"), lambda r: r.title),
            Column(self.tr("Customer"), lambda r: r.customer),
            Column(self.tr("Assignee"), lambda r: r.assignee),
            Column(self.tr("Source"), lambda r: r.source_label),
            Column(self.tr("CRM number"), lambda r: r.crm_number or ""),
        ]

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search: waybill, CRM number, title, phone last 4 (Ctrl+F)"))
        keep = self.status_filter.currentIndex()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem(self.tr("Open"), "open")
        self.status_filter.addItem(self.tr("All"), "")
        for key in tickets.STATUS_LABELS:
            self.status_filter.addItem(tickets.status_label(key), key)
        self.status_filter.setCurrentIndex(max(keep, 0))
        self.status_filter.blockSignals(False)
        keep = self.category_filter.currentIndex()
        self.category_filter.blockSignals(True)
        self.category_filter.clear()
        self.category_filter.addItem(self.tr("All categories"), "")
        for c in Ticket.CATEGORIES:
            self.category_filter.addItem(c, c)
        self.category_filter.setCurrentIndex(max(keep, 0))
        self.category_filter.blockSignals(False)
        self.mine.setText(self.tr("Mine"))
        self.overdue_only.setText(self.tr("Overdue only"))
        self.new_button.setText(self.tr("New ticket (Ctrl+N)"))
        self.import_button.setText(self.tr("Import CRM file…"))
        self.start_button.setText(self.tr("Start"))
        self.customer_button.setText(self.tr("Customer…"))
        self.escalate_button.setText(self.tr("Escalate…"))
        self.reassign_button.setText(self.tr("Reassign…"))
        self.detail_tabs.setTabText(0, self.tr("Reply"))
        self.detail_tabs.setTabText(1, self.tr("Follow-up && close"))
        self.detail_tabs.setTabText(2, self.tr("History"))
        self.detail_tabs.setTabText(3, self.tr("Claim"))
        self.follow_note_label.setText(self.tr("Follow-up result"))
        self.follow_button.setText(self.tr("Record follow-up"))
        self.rating_label.setText(self.tr("Satisfaction"))
        self.close_note_label.setText(self.tr("Note"))
        self.close_button.setText(self.tr("Close ticket"))
        self.reply.retranslate()
        self.claim.retranslate()
        self.ticket_model.columns = self._ticket_columns()
        self.ticket_model.headerDataChanged.emit(Qt.Horizontal, 0, len(self.ticket_model.columns) - 1)
        if self.ctx.actor:
            self.show_ticket(self.current_id)
            self.reply.check_live()

    def refresh(self) -> None:
        manager = self.ctx.actor.is_manager
        self.escalate_button.setVisible(manager)
        self.reassign_button.setVisible(manager)
        self.reload_tickets()

    def tick(self) -> None:
        self.ticket_model.tick()
        if self.current is not None:
            self._show_head()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def warn_delta(self) -> dt.timedelta:
        return dt.timedelta(hours=int(settings.get("tickets.warn_hours")))

    # -- the list ----------------------------------------------------------------------------------
    def _load_tickets(self, offset: int, limit: int):
        actor = self.ctx.actor
        return tickets.list_tickets(
            offset, limit, now=self.ctx.now(), status=self.status_filter.currentData() or None,
            category=self.category_filter.currentData() or None,
            assignee_id=actor.id if (actor and self.mine.isChecked()) else None,
            overdue_only=self.overdue_only.isChecked(), text=self.search.text() or None)

    def reload_tickets(self) -> None:
        if self.ctx.actor is None:
            return
        keep = self.current_id
        self.ticket_model.reload()
        self.table.resizeColumnsToContents()
        title_col = 4
        if self.table.columnWidth(title_col) > 240:
            self.table.setColumnWidth(title_col, 240)
        if keep is not None and not self.select_ticket(keep):
            self.show_ticket(keep)
        elif keep is None and self.ticket_model.rows:
            self.table.selectRow(0)

    def select_ticket(self, ticket_id: int) -> bool:
        for i, r in enumerate(self.ticket_model.rows):
            if r.id == ticket_id:
                self.table.selectRow(i)
                self.show_ticket(ticket_id)
                return True
        return False

    def _row_changed(self, current: QModelIndex, _previous) -> None:
        if current.isValid():
            self.show_ticket(self.ticket_model.row_at(current.row()).id)

    def go_reply(self) -> None:
        self.detail_tabs.setCurrentIndex(0)
        self.reply.situation.setFocus()

    # -- the chosen ticket -------------------------------------------------------------------------
    def show_ticket(self, ticket_id: int | None) -> None:
        if ticket_id is None:
            self.current_id, self.current = None, None
            self.head.setText(self.tr("No ticket selected"))
            self.info.clear()
            self.history.clear()
            self.reply.show_ticket(None, changed=False)
            self._enable_actions()
            return
        changed = ticket_id != self.current_id
        try:
            self.current = tickets.get_ticket(ticket_id)
        except NotFound:   # deleted meanwhile
            self.current_id, self.current = None, None
            self.reply.show_ticket(None, changed=False)
            return
        self.current_id = ticket_id
        d = self.current
        self._show_head()
        parcels = i18n.punct("；").join(
            (self.tr("%1 (%2, arrived %3)").replace("%3", f"{p.arrived_at:%m-%d %H:%M}")
             if p.arrived_at and p.direction == "inbound" else self.tr("%1 (%2)"))
            .replace("%2", p.status).replace("%1", p.waybill)
            for p in d.parcels) or "—"
        lines = [self.tr("Customer: %1").replace("%1", " ".join(x for x in (d.customer_name_masked,
                                                                          d.customer_phone_masked) if x) or "—"),
                 self.tr("Waybills: %1").replace("%1", parcels),
                 self.tr("Assignee: %1 · source: %2 · opened %3").replace("%1", d.row.assignee)
                 .replace("%2", d.row.source_label + (f" {d.row.crm_number}" if d.row.crm_number else ""))
                 .replace("%3", _fmt(d.row.created_at))]
        if d.row.escalated:
            lines.append(self.tr("Escalated: %1").replace("%1", d.row.severity or ""))
        if d.detail:
            lines.append(d.detail)
        self.info.setText("\n".join(lines))
        self.history.clear()
        for e in d.events:
            self.history.addItem(f"{e.at:%m-%d %H:%M}  {e.label}  {e.staff}  {e.detail}")
        self.reply.show_ticket(d, changed=changed)
        if changed:
            self.follow_note.clear()
            self.close_note.clear()
        self.claim.show_ticket(d)
        self._enable_actions()

    def _show_head(self) -> None:
        d = self.current
        if d is None:
            return
        now = self.ctx.now()
        state = d.row.status_label
        if d.row.awaiting_reply():
            countdown = tickets.countdown_text(d.row.due_at, now)
            color = "#c62828" if d.row.overdue(now) else ("#ef6c00" if d.row.due_at - now <= self.warn_delta()
                                                          else "#2e7d32")
            state += f" · <span style='color:{color}'>{countdown}</span>" + i18n.punct("（") \
                + _fmt(d.row.due_at) + i18n.punct("）")
        elif d.row.rating:
            state += f" · {d.row.rating}"
        self.head.setText(f"#{d.row.id} [{d.row.category}] {d.row.title}<br>{state}")

    def _enable_actions(self) -> None:
        allowed = tickets.allowed_actions(self.current.row if self.current else None, actor=self.ctx.actor)
        self.start_button.setEnabled(tickets.START in allowed)
        self.customer_button.setEnabled(tickets.CUSTOMER in allowed)
        self.escalate_button.setEnabled(tickets.ESCALATE in allowed)
        self.reassign_button.setEnabled(tickets.REASSIGN in allowed)
        self.reply.set_can_reply(tickets.REPLY in allowed)
        self.follow_button.setEnabled(tickets.FOLLOW_UP in allowed)
        self.close_button.setEnabled(tickets.CLOSE in allowed)

    def _reply_sent(self) -> None:
        self.reload_tickets()
        self.detail_tabs.setCurrentIndex(1)
        self.follow_note.setFocus()

    # -- actions -----------------------------------------------------------------------------------
    def new_ticket(self):
        """Open the non-modal :class:`NewTicketDialog` (returned; also ``self.new_dialog``)."""
        if self.new_dialog is not None:
            self.new_dialog.raise_()
            self.new_dialog.activateWindow()
            return self.new_dialog
        dialog = NewTicketDialog(self)

        def submitted(values):
            if self.create_ticket(values):
                dialog.accept()

        def closed(_result):
            if self.new_dialog is dialog:
                self.new_dialog = None
            dialog.deleteLater()

        dialog.submitted.connect(submitted)
        dialog.finished.connect(closed)
        self.new_dialog = dialog
        dialog.show()
        return dialog

    def create_ticket(self, values: dict):
        info = self.ctx.perform(lambda: tickets.open_ticket(
            values["category"], values["title"], source=values.get("source", "counter"),
            waybills=values.get("waybills", ""), detail=values.get("detail", ""),
            customer_name=values.get("customer_name"), customer_phone=values.get("customer_phone"),
            crm_number=values.get("crm_number"), assignee_id=self.ctx.actor.id, origin=None,
            actor=self.ctx.actor, now=self.ctx.now()), changes=tickets.CHANGES)
        if info:
            self.ctx.banner.ok(self.tr("Ticket #%1 opened, due %2.").replace("%1", str(info.id))
                               .replace("%2", _fmt(info.due_at)))
            self.status_filter.setCurrentIndex(0)
            self.current_id = info.id
            self.reload_tickets()
            self.select_ticket(info.id)
        return info

    def import_crm_file(self, path: str | None = None):
        """Import a CRM export in the background; the result comes back as a banner."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import CRM work orders"), "",
                                                  self.tr("CRM export (*.csv *.xlsx)"))
        if not path:
            return None
        actor, now = self.ctx.actor, self.ctx.now()
        self.import_button.setEnabled(False)
        self.ctx.banner.show_message(self.tr("Importing %1 …").replace("%1", Path(path).name), "info")

        def done(result):
            self.import_button.setEnabled(True)
            self.ctx.bus.emit_changes(tickets.CHANGES)      # first: the message below is the last word
            msg = self.tr("%1 CRM work orders imported.").replace("%1", str(result.created))
            if result.duplicates:
                msg += " " + self.tr("%1 already registered, not created twice.").replace(
                    "%1", str(len(result.duplicates)))
            self.ctx.banner.ok(msg)

        def failed(exc):
            self.import_button.setEnabled(True)
            _report_failure(self.ctx, exc)

        self.import_signals = run_in_background(
            lambda: tickets.import_crm(Path(path), actor=actor, now=now), on_done=done, on_error=failed)
        return self.import_signals

    def start_ticket(self) -> None:
        if self.current_id is not None:
            tid = self.current_id
            self.ctx.perform(lambda: tickets.start(tid, actor=self.ctx.actor, now=self.ctx.now()))
            self.go_reply()

    def record_follow_up(self) -> None:
        if self.current_id is None:
            return
        tid, note = self.current_id, self.follow_note.text()
        if self.ctx.perform(lambda: tickets.follow_up(tid, note, actor=self.ctx.actor, now=self.ctx.now()),
                            success=self.tr("Follow-up recorded.")):
            self.rating.setFocus()

    def close_ticket(self) -> None:
        if self.current_id is None:
            return
        tid, rating, note = self.current_id, self.rating.currentText(), self.close_note.text()
        self.ctx.perform(lambda: tickets.close(tid, rating, note, actor=self.ctx.actor, now=self.ctx.now()),
                         success=self.tr("Ticket closed: %1.").replace("%1", rating))

    def _ask(self, title: str, label: str, items: list[str] | None = None) -> str | None:
        """A small input dialog (tests replace this method)."""
        return _ask(self, title, label, items)

    def edit_customer(self) -> None:
        if self.current_id is None:
            return
        tid = self.current_id
        name = self._ask(self.tr("Customer"), self.tr("Name (leave empty to keep none)"))
        if name is None:
            return
        phone = self._ask(self.tr("Customer"), self.tr("Full phone number"))
        if phone is None:
            return
        self.ctx.perform(lambda: tickets.update_customer(tid, name, phone, actor=self.ctx.actor, now=self.ctx.now()),
                         success=self.tr("Customer data changed (recorded in the audit log)."))

    def escalate_ticket(self) -> None:
        if self.current_id is None:
            return
        tid = self.current_id
        severity = self._ask(self.tr("Escalate"), self.tr("Severity"), list(Ticket.SEVERITIES))
        if severity is None:
            return
        reason = self._ask(self.tr("Escalate"), self.tr("Reason"))
        if reason is None:
            return
        self.ctx.perform(lambda: tickets.escalate(tid, severity, reason, actor=self.ctx.actor, now=self.ctx.now()),
                         success=self.tr("Ticket escalated."))

    def reassign_ticket(self) -> None:
        if self.current_id is None:
            return
        tid = self.current_id
        people = tickets.staff_choices()
        name = self._ask(self.tr("Reassign"), self.tr("Assign to"), [n for _i, n in people])
        if name is None:
            return
        staff_id = next(i for i, n in people if n == name)
        self.ctx.perform(lambda: tickets.reassign(tid, staff_id, actor=self.ctx.actor, now=self.ctx.now()),
                         success=self.tr("Ticket reassigned to %1.").replace("%1", name))


# == tab 2: electronic pickup orders ================================================================
class EOrdersTab(QWidget):
    """电子接单: enter or import orders, accept within the limit, collect with the parcel's waybill."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.import_signals = None     # the running e-order import (ui.ops), if any
        v = QVBoxLayout(self)
        form = QHBoxLayout()
        self.eo_number = QLineEdit()
        self.eo_arrived = QDateTimeEdit()
        self.eo_arrived.setDisplayFormat("MM-dd HH:mm")
        self.eo_platform = QLineEdit()
        self.eo_customer = QLineEdit()
        self.eo_phone = QLineEdit()
        self.eo_address = QLineEdit()
        self.eo_enter = QPushButton()
        self.eo_enter.clicked.connect(self.enter_eorder)
        self.eo_import = QPushButton()
        self.eo_import.clicked.connect(lambda: self.import_eorders_file())
        for w, stretch in ((self.eo_number, 2), (self.eo_arrived, 0), (self.eo_platform, 1),
                           (self.eo_customer, 1), (self.eo_phone, 1), (self.eo_address, 2)):
            form.addWidget(w, stretch)
        form.addWidget(self.eo_enter)
        form.addWidget(self.eo_import)
        v.addLayout(form)
        self.eo_model = CountdownModel(self._eorder_columns(), self._load_eorders, now=self.ctx.now,
                                       due=lambda r: r.due, is_open=lambda r: r.status in EOrder.OPEN_STATUSES,
                                       soon=self._eorder_warn_delta, parent=self)
        self.eo_table = table_view(self.eo_model, selection=QAbstractItemView.SingleSelection,
                                   alternating=False, fit_columns=False)
        v.addWidget(self.eo_table, 1)
        act = QHBoxLayout()
        self.eo_accept = QPushButton()
        self.eo_accept.clicked.connect(self.accept_eorder)
        self.eo_waybill = QLineEdit()
        self.eo_waybill.returnPressed.connect(self.collect_eorder)
        self.eo_collect = QPushButton()
        self.eo_collect.clicked.connect(self.collect_eorder)
        self.eo_hint = QLabel()
        act.addWidget(self.eo_accept)
        act.addWidget(self.eo_waybill, 1)
        act.addWidget(self.eo_collect)
        act.addWidget(self.eo_hint, 2)
        v.addLayout(act)

    def _eorder_columns(self):
        now = self.ctx.now
        return [
            Column(self.tr("Order"), lambda r: r.order_number),
            Column(self.tr("Status"), lambda r: r.status_label),
            Column(self.tr("Countdown"), lambda r: tickets.countdown_text(r.due, now(), short=True) if r.due else ""),
            Column(self.tr("Arrived"), lambda r: _fmt(r.arrived_at)),
            Column(self.tr("Accept by"), lambda r: _fmt(r.accept_due)),
            Column(self.tr("Collect by"), lambda r: _fmt(r.collect_due)),
            Column(self.tr("Platform"), lambda r: r.platform),
            Column(self.tr("Customer"), lambda r: r.customer),
            Column(self.tr("Waybill"), lambda r: (r.waybill or "") + (" ✓" if r.outgoing_id else "")),
            Column(self.tr("Address"), lambda r: r.address),
        ]

    def retranslate(self) -> None:
        self.eo_number.setPlaceholderText(self.tr("Order number"))
        self.eo_platform.setPlaceholderText(self.tr("Platform"))
        self.eo_customer.setPlaceholderText(self.tr("Customer"))
        self.eo_phone.setPlaceholderText(self.tr("Phone"))
        self.eo_address.setPlaceholderText(self.tr("Address"))
        self.eo_enter.setText(self.tr("Enter order"))
        self.eo_import.setText(self.tr("Import CSV…"))
        self.eo_accept.setText(self.tr("Accept"))
        self.eo_waybill.setPlaceholderText(self.tr("Scan the waybill of the collected parcel"))
        self.eo_collect.setText(self.tr("Collected"))
        self.eo_model.columns = self._eorder_columns()
        self.eo_model.headerDataChanged.emit(Qt.Horizontal, 0, len(self.eo_model.columns) - 1)

    def tick(self) -> None:
        self.eo_model.tick()

    def _eorder_warn_delta(self) -> dt.timedelta:
        return dt.timedelta(minutes=int(settings.get("eorders.warn_minutes")))

    def _load_eorders(self, offset: int, limit: int):
        return eorders.list_orders(offset, limit)

    def reload_eorders(self) -> None:
        selected = self.selected_eorder()
        self.eo_model.reload()
        self.eo_table.resizeColumnsToContents()
        if not self.eo_arrived.hasFocus():
            self.eo_arrived.setDateTime(QDateTime(self.ctx.now()))
        if selected is not None:
            self.select_eorder(selected.id)
        urgent = eorders.urgent(self.ctx.now())
        self.eo_hint.setText(self.tr("%1 order(s) close to the limit").replace("%1", str(len(urgent)))
                             if urgent else "")
        self.eo_hint.setStyleSheet("color:#c62828;font-weight:bold;" if urgent else "")

    def selected_eorder(self):
        idx = self.eo_table.currentIndex()
        return self.eo_model.row_at(idx.row()) if idx.isValid() and idx.row() < len(self.eo_model.rows) else None

    def select_eorder(self, order_id: int) -> bool:
        for i, r in enumerate(self.eo_model.rows):
            if r.id == order_id:
                self.eo_table.selectRow(i)
                return True
        return False

    def enter_eorder(self) -> None:
        arrived = self.eo_arrived.dateTime().toPython().replace(second=0, microsecond=0)
        row = self.ctx.perform(lambda: eorders.enter_order(
            self.eo_number.text(), arrived, platform=self.eo_platform.text(), customer_name=self.eo_customer.text(),
            customer_phone=self.eo_phone.text(), address=self.eo_address.text(), actor=self.ctx.actor,
            now=self.ctx.now()), changes=eorders.CHANGES)
        if row:
            for w in (self.eo_number, self.eo_platform, self.eo_customer, self.eo_phone, self.eo_address):
                w.clear()
            self.ctx.banner.ok(self.tr("Order %1 entered: accept by %2.").replace("%1", row.order_number)
                               .replace("%2", _fmt(row.accept_due)))
            self.select_eorder(row.id)
            self.eo_number.setFocus()

    def accept_eorder(self) -> None:
        order = self.selected_eorder()
        if order is None:
            self.ctx.banner.error(self.tr("Select an order first."))
            return
        row = self.ctx.perform(lambda: eorders.accept(order.id, actor=self.ctx.actor, now=self.ctx.now()),
                               changes=eorders.CHANGES)
        if row:
            self.ctx.banner.ok(self.tr("Order %1 accepted: collect by %2.").replace("%1", row.order_number)
                               .replace("%2", _fmt(row.collect_due)))
            self.select_eorder(row.id)
            self.eo_waybill.setFocus()

    def collect_eorder(self) -> None:
        order = self.selected_eorder()
        if order is None:
            self.ctx.banner.error(self.tr("Select an order first."))
            return
        waybill = self.eo_waybill.text()
        row = self.ctx.perform(lambda: eorders.collect(order.id, waybill, actor=self.ctx.actor, now=self.ctx.now()),
                               changes=eorders.CHANGES)
        if row:
            self.eo_waybill.clear()
            linked = self.tr("linked to the outgoing parcel") if row.outgoing_id else \
                self.tr("waybill kept; links when the outgoing parcel is entered")
            self.ctx.banner.ok(self.tr("Order %1 collected: %2 (%3).").replace("%1", row.order_number)
                               .replace("%2", row.waybill or "").replace("%3", linked))

    def import_eorders_file(self, path: str | None = None):
        """Import e-orders in the background; the result comes back as a banner."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import e-orders"), "", self.tr("CSV (*.csv)"))
        if not path:
            return None
        actor, now = self.ctx.actor, self.ctx.now()
        self.eo_import.setEnabled(False)
        self.ctx.banner.show_message(self.tr("Importing %1 …").replace("%1", Path(path).name), "info")

        def done(result):
            self.eo_import.setEnabled(True)
            self.ctx.bus.emit_changes(eorders.CHANGES)      # first: the message below is the last word
            self.ctx.banner.ok(self.tr("%1 e-orders imported, %2 already registered.")
                               .replace("%1", str(result[0])).replace("%2", str(len(result[1]))))

        def failed(exc):
            self.eo_import.setEnabled(True)
            _report_failure(self.ctx, exc)

        self.import_signals = run_in_background(
            lambda: eorders.import_orders(Path(path), actor=actor, now=now), on_done=done, on_error=failed)
        return self.import_signals


# == tab 3: analysis ================================================================================
class AnalysisTab(QWidget):
    """The month's figures, tickets per week by category, repeat customers, the monthly PDF."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        self.month_label = QLabel()
        self.month = QLineEdit()
        self.month.setMaximumWidth(100)
        self.month.returnPressed.connect(self.refresh_analysis)
        self.pdf_button = QPushButton()
        self.pdf_button.clicked.connect(self.monthly_pdf)
        top.addWidget(self.month_label)
        top.addWidget(self.month)
        top.addWidget(self.pdf_button)
        top.addStretch(1)
        v.addLayout(top)
        self.kpis = QLabel()
        self.kpis.setWordWrap(True)
        font = self.kpis.font()
        font.setPointSize(12)
        self.kpis.setFont(font)
        v.addWidget(self.kpis)
        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignRight)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.Antialiasing)
        v.addWidget(self.chart_view, 1)
        self.repeat = QLabel()
        self.repeat.setWordWrap(True)
        v.addWidget(self.repeat)

    def retranslate(self) -> None:
        self.month_label.setText(self.tr("Month"))
        self.pdf_button.setText(self.tr("Monthly PDF…"))

    def default_month(self) -> None:
        if not self.month.text():
            self.month.setText(self.ctx.now().strftime("%Y-%m"))

    def refresh_analysis(self) -> None:
        if self.ctx.actor is None:
            return
        now = self.ctx.now()
        try:
            start, end = tickets.month_range(self.month.text().strip() or now.strftime("%Y-%m"))
        except ValidationError as exc:   # bad month text
            self.ctx.banner.error(str(exc))
            return
        # the chart shows the six weeks up to the end of the chosen month (or today)
        last = min(end, (now + dt.timedelta(days=1)).date())
        chart_start = last - dt.timedelta(weeks=6)
        weekly = tickets.analyse(chart_start, last, now=now)
        month = tickets.analyse(start, end, now=now)
        close_h = f"{month.avg_close_hours:.1f}" if month.avg_close_hours is not None else "—"
        self.kpis.setText(self.tr("%1: %2 tickets · %3 closed · overdue %4 (%5) · average time to close %6 h · "
                                  "satisfaction %7")
                          .replace("%1", self.month.text()).replace("%2", str(month.total))
                          .replace("%3", str(month.closed)).replace("%4", str(month.overdue))
                          .replace("%5", f"{month.overdue_rate:.0%}").replace("%6", close_h)
                          .replace("%7", i18n.punct("，").join(f"{k} {v}" for k, v in month.ratings.items()) or "—"))
        self.repeat.setText(self.tr("Repeat customers: %1").replace(
            "%1", i18n.punct("，").join(f"{p} ×{n}" for p, n in month.repeat_customers) or "—"))
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        series = QStackedBarSeries()
        peak = 1
        totals = [sum(weekly.by_week.get(w, {}).values()) for w in weekly.weeks]
        peak = max([peak] + totals)
        for c in Ticket.CATEGORIES:
            values = [weekly.by_week.get(w, {}).get(c, 0) for w in weekly.weeks]
            if any(values):
                s = QBarSet(c)
                s.append(values)
                series.append(s)
        self.chart.addSeries(series)
        self.chart.setTitle(self.tr("Tickets per week by category"))
        axis_x = QBarCategoryAxis()
        axis_x.append([w.strftime("%m-%d") for w in weekly.weeks])
        axis_y = QValueAxis()
        axis_y.setRange(0, peak + 1)
        axis_y.setLabelFormat("%d")
        axis_y.setTickCount(min(peak + 2, 11))
        self.chart.addAxis(axis_x, Qt.AlignBottom)
        self.chart.addAxis(axis_y, Qt.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)

    def monthly_pdf(self):
        from outlet_desk.printing.tickets_report import build_tickets_report
        month = self.month.text().strip()
        try:
            start, end = tickets.month_range(month)
        except ValidationError as exc:   # bad month text
            self.ctx.banner.error(str(exc))
            return None
        now, outlet = self.ctx.now(), settings.get("outlet.name")
        from ..printing import preview_in_background
        # built in the background; the preview opens when it is ready (the job's ``preview``)
        return preview_in_background(
            self, self.ctx,
            lambda: build_tickets_report(tickets.analyse(start, end, now=now), outlet_name=outlet,
                                         month=month, generated_at=now),
            kind="reports", title=self.tr("Ticket report %1").replace("%1", month),
            suggested_name=f"tickets-{month}.pdf")


# == the screen =====================================================================================
class TicketsScreen(Screen):
    FKEY = 8
    TITLE = "Tickets"
    WATCHES = frozenset({changes.TICKETS, changes.OUTGOING, changes.PARCELS, changes.SETTINGS})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs)
        self.tickets_tab = TicketsTab(ctx)
        self.eorders_tab = EOrdersTab(ctx)
        self.analysis_tab = AnalysisTab(ctx)
        for tab in (self.tickets_tab, self.eorders_tab, self.analysis_tab):
            self.tabs.addTab(tab, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        # Alt+1/2/3 come from the tab texts' mnemonics ("&1 …")
        QShortcut(QKeySequence("Ctrl+F"), self).activated.connect(self._focus_search)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.tickets_tab.new_ticket)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.tickets_tab.reply.send_reply)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self).activated.connect(self.tickets_tab.reply.copy_reply)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.timer.start(30000)
        self.retranslate()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("&1 Tickets"))
        self.tabs.setTabText(1, self.tr("&2 E-orders"))
        self.tabs.setTabText(2, self.tr("&3 Analysis"))
        for tab in (self.tickets_tab, self.eorders_tab, self.analysis_tab):
            tab.retranslate()

    def refresh(self) -> None:
        if self.ctx.actor is None:
            return
        self.analysis_tab.default_month()
        self.tickets_tab.refresh()
        self.eorders_tab.reload_eorders()
        if self.tabs.currentWidget() is self.analysis_tab:
            self.analysis_tab.refresh_analysis()

    def focus_default(self) -> None:
        if self.tabs.currentWidget() is self.eorders_tab:
            self.eorders_tab.eo_table.setFocus()
        elif self.tabs.currentWidget() is self.tickets_tab:
            self.tickets_tab.table.setFocus()

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.analysis_tab:
            self.analysis_tab.refresh_analysis()
        self.focus_default()

    def _tick(self) -> None:
        if self.isVisible() and not self.ctx.db_away:
            self.tickets_tab.tick()
            self.eorders_tab.tick()

    def _focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.tickets_tab)
        self.tickets_tab.focus_search()
