"""Pickup (F3): release at the counter, notify customers, stock check — three tabs over the core
(``outlet_desk/inbound/pickup.py``, ``notify.py``, ``sms.py``, ``stockcheck.py``).

Keyboard first: each tab's scan field owns focus and takes it back after every action; errors are
the banner, never a modal box.
"""
from __future__ import annotations

import itertools
import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
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

from outlet_desk import changes, i18n, money
from outlet_desk.fen import format_yuan
from outlet_desk.inbound import notify, pickup, sms, stockcheck
from outlet_desk.models.counter import NotifyLog, StockCheckItem
from outlet_desk.models.money import Payment

from .. import ops
from ..models.rows import Column, RowsTableModel
from ..widgets.scanfield import ScanField
from ..widgets.tables import table_view
from .base import Screen

PAY_METHODS = Payment.COD_METHODS        # the core's one list


def _yuan(fen: int) -> str:
    return "¥" + format_yuan(fen)


def _big(label: QLabel, size: int = 13, bold: bool = True) -> QLabel:
    f = label.font()
    f.setPointSize(size)
    f.setBold(bold)
    label.setFont(f)
    return label


# ------------------------------------------------------------------------------------------------
class ReleaseTab(QWidget):
    """取件: look up by code / phone tail / waybill, confirm the second fact, release."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.found: pickup.Lookup | None = None      # what the first fact showed
        self.verified: pickup.Lookup | None = None   # after both facts (code + phone tail)
        self.facts: dict = {}

        outer = QVBoxLayout(self)
        row = QHBoxLayout()
        self.lookup_label = QLabel()
        self.lookup_field = ScanField()
        self.lookup_field.setObjectName("pickup_lookup")
        self.lookup_field.scanned.connect(self.on_lookup)
        row.addWidget(self.lookup_label)
        row.addWidget(self.lookup_field, 1)
        outer.addLayout(row)

        row = QHBoxLayout()
        self.fact_label = QLabel()
        self.fact_field = QLineEdit()
        self.fact_field.setObjectName("pickup_fact")
        self.fact_field.setMaxLength(16)
        self.fact_field.setMinimumHeight(34)
        self.fact_field.returnPressed.connect(self.on_fact)
        self.state_label = _big(QLabel())
        row.addWidget(self.fact_label)
        row.addWidget(self.fact_field)
        row.addWidget(self.state_label, 1)
        outer.addLayout(row)

        self.model = RowsTableModel(self._columns())
        self.table = table_view(self.model)
        self.table.setSelectionMode(QAbstractItemView.MultiSelection)
        self.table.selectionModel().selectionChanged.connect(self._update_money)
        outer.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.proxy = QCheckBox()
        self.proxy.toggled.connect(self._proxy_toggled)
        self.collector = QLineEdit()
        self.collector.setObjectName("pickup_collector")
        self.collector.setEnabled(False)
        self.cod_label = _big(QLabel(), 14)
        self.cod_label.setStyleSheet("color:#c62828;")
        self.pay_method = QComboBox()
        for m in PAY_METHODS:    # shown in the person's language, the stored word as data
            self.pay_method.addItem(money.method_text(m), m)
        row.addWidget(self.proxy)
        row.addWidget(self.collector)
        row.addStretch(1)
        row.addWidget(self.cod_label)
        row.addWidget(self.pay_method)
        outer.addLayout(row)

        row = QHBoxLayout()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.reset)
        self.release_selected_button = QPushButton()
        self.release_selected_button.clicked.connect(self.release_selected)
        self.release_all_button = QPushButton()
        self.release_all_button.setDefault(True)
        self.release_all_button.clicked.connect(self.release_all)
        row.addWidget(self.hint, 1)
        row.addWidget(self.clear_button)
        row.addWidget(self.release_selected_button)
        row.addWidget(self.release_all_button)
        outer.addLayout(row)

        for keys, slot in (("Ctrl+Return", self.release_all), ("Ctrl+Enter", self.release_all),
                           ("Ctrl+Shift+Return", self.release_selected),
                           ("Escape", self.reset)):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self.retranslate()
        self._show_state()

    # -- texts ----------------------------------------------------------------------------------
    def _columns(self):
        return [
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Waybill"), lambda r: r.waybill),
            Column(self.tr("Carrier"), lambda r: r.carrier),
            Column(self.tr("Shelf"), lambda r: f"{r.shelf}-{r.level}" if r.shelf else ""),
            Column(self.tr("Name"), lambda r: r.name_masked),
            Column(self.tr("Phone"), lambda r: r.phone_masked),
            Column(self.tr("Arrived"), lambda r: r.arrived_at.strftime("%m-%d %H:%M")),
            Column(self.tr("COD"), lambda r: _yuan(r.cod_fen) if r.cod_fen else "",
                   Qt.AlignRight),
            Column(self.tr("Note"), lambda r: r.blocked),
        ]

    def retranslate(self) -> None:
        self.lookup_label.setText(self.tr("Code / phone last 4 / waybill:"))
        self.lookup_field.setPlaceholderText(
            self.tr("Type the pickup code or phone last 4, or scan the waybill"))
        self.fact_label.setText(self.tr("Second fact:"))
        self.fact_field.setPlaceholderText(self.tr("phone last 4, code or name"))
        fm = self.fact_field.fontMetrics()     # the hint readable in either language
        self.fact_field.setMinimumWidth(fm.horizontalAdvance(self.fact_field.placeholderText()) + 24)
        self.proxy.setText(self.tr("Proxy pickup"))
        self.collector.setPlaceholderText(self.tr("Collector's name"))
        self.clear_button.setText(self.tr("Clear (Esc)"))
        self.release_selected_button.setText(self.tr("Release selected (Ctrl+Shift+Enter)"))
        self.release_all_button.setText(self.tr("Release all (Ctrl+Enter)"))
        self.hint.setText(self.tr(
            "Release needs the pickup code and the phone's last 4 digits from the customer; "
            "a waybill scan only finds the parcel. After that, scan each parcel to select it, "
            "or release all."))
        self.model.columns = self._columns()
        self.model.headerDataChanged.emit(Qt.Horizontal, 0, len(self.model.columns) - 1)
        self._show_state()

    # -- flow -----------------------------------------------------------------------------------
    def _missing(self) -> str:
        return self.found.missing(self.facts) if self.found is not None else ""

    def focus_default(self) -> None:
        if self.found is not None and self.verified is None:
            self.fact_field.setFocus(Qt.OtherFocusReason)
        else:
            self.lookup_field.reclaim()

    def reset(self) -> None:
        self.found = self.verified = None
        self.facts = {}
        self.model.set_rows([])
        self.fact_field.clear()
        self.proxy.setChecked(False)
        self.collector.clear()
        self._show_state()
        self.lookup_field.reclaim()

    def on_lookup(self, text: str) -> None:
        kind = pickup.classify(text)
        if kind == pickup.WAYBILL and self.verified is not None:
            # a waybill identifies a parcel, never the customer: only the confirmed customer's
            row = self.ctx.perform(lambda: pickup.check_scan(self.verified, text))
            if isinstance(row, pickup.PickupRow) and row.blocked:
                self.ctx.banner.error(self.tr("%1: %2").replace("%1", row.waybill).replace("%2", row.blocked))
            elif isinstance(row, pickup.PickupRow):
                self._select_id(row.id)
                self.ctx.banner.ok(self.tr("Selected %1 (%2 selected)")
                                   .replace("%1", row.waybill)
                                   .replace("%2", str(len(self.selected_ids()))))
            self.lookup_field.reclaim()
            return
        if kind == pickup.WAYBILL and self.found is not None and \
                any(r.waybill == text for r in self.model.rows):
            self._select_id(next(r.id for r in self.model.rows if r.waybill == text))
            self.focus_default()
            return
        # the next fact typed into the same field
        if self.found is not None and self.verified is None and kind == self._missing():
            self.facts[kind] = text
            self._next_fact()
            return
        found = self.ctx.perform(lambda: pickup.lookup(text))
        if not isinstance(found, pickup.Lookup):
            self.lookup_field.reclaim()
            return
        self.reset()
        self.found = found
        if kind != pickup.WAYBILL:
            self.facts = {kind: text}
        self.model.set_rows(found.rows)
        if found.scanned_id is not None:
            self._select_id(found.scanned_id)
        self._show_state()
        self.ctx.banner.clear()
        self.focus_default()

    def on_fact(self) -> None:
        raw = self.fact_field.text().strip()
        self.fact_field.clear()
        if self.found is None:
            self.ctx.banner.error(self.tr("First enter a pickup code, phone last 4 or waybill."))
            self.lookup_field.reclaim()
            return
        if self.verified is not None:
            self.lookup_field.reclaim()
            return
        from outlet_desk.scan import normalize_scan
        missing = self._missing()
        if missing == pickup.NAME:
            if raw:
                self.facts[pickup.NAME] = raw
                self._next_fact()
            return
        text = normalize_scan(raw)
        if pickup.classify(text) != missing:
            self.ctx.banner.error(self._ask())
            self.focus_default()
            return
        self.facts[missing] = text
        self._next_fact()

    def _ask(self) -> str:
        needs = self._missing()
        if needs == pickup.TAIL:
            return self.tr("Ask for the phone's last 4 digits.")
        if needs == pickup.CODE:
            return self.tr("Ask for the pickup code.")
        if needs == pickup.NAME:
            return self.tr("No phone on record: ask for the recipient's name.")
        return ""

    def _next_fact(self) -> None:
        if self._missing():
            self._show_state()
            self.ctx.banner.clear()
            self.focus_default()
            return
        self._verify()

    def _verify(self) -> None:
        code, tail, name = (self.facts.get(k) for k in (pickup.CODE, pickup.TAIL, pickup.NAME))
        who = self.ctx.perform(lambda: pickup.identify(code=code, tail=tail, name=name))
        if not isinstance(who, pickup.Lookup):
            # the fact just given was wrong: ask for it again
            self.facts.pop(list(self.facts)[-1], None)
            self._show_state()
            self.fact_field.setFocus()
            return
        scanned = self.found.scanned_id
        self.verified = who
        self.model.set_rows(who.rows)
        self._show_state()
        if scanned is not None and not who.owns(scanned):
            self.ctx.banner.error(i18n._(pickup.NOT_THIS_CUSTOMER))
        else:
            if scanned is not None:
                self._select_id(scanned)
            self.ctx.banner.ok(self.tr("Customer confirmed: %1 parcel(s).").replace(
                "%1", str(len(who.rows))))
        self.lookup_field.reclaim()

    def _select_id(self, parcel_id: int) -> None:
        for i, r in enumerate(self.model.rows):
            if r.id == parcel_id and r.releasable:
                self._select_row(i)

    def _select_row(self, i: int) -> None:
        from PySide6.QtCore import QItemSelectionModel
        self.table.selectionModel().select(
            self.model.index(i, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r].id for r in rows]

    def release_selected(self) -> None:
        self._release(self.selected_ids())

    def release_all(self) -> None:
        if self.verified is None:
            self._release([])
            return
        self._release([r.id for r in self.model.rows if r.releasable])

    def _release(self, ids) -> None:
        if self.verified is None:
            self.ctx.banner.error(self.tr(
                "Release needs two facts from the customer: pickup code and phone last 4."))
            self.focus_default()
            return
        if not ids:
            self.ctx.banner.error(self.tr("Nothing to release: select the parcels first."))
            self.lookup_field.reclaim()
            return
        facts = dict(self.facts)
        proxy, name = self.proxy.isChecked(), self.collector.text()
        method = self.pay_method.currentData()
        result = self.ctx.perform(
            lambda: pickup.release(ids, code=facts.get(pickup.CODE), tail=facts.get(pickup.TAIL),
                                   name=facts.get(pickup.NAME), proxy=proxy, proxy_name=name,
                                   payment_method=method, actor=self.ctx.actor,
                                   now=self.ctx.now()),
            changes=pickup.CHANGES)
        if isinstance(result, pickup.ReleaseResult):
            self.reset()
            self.ctx.banner.ok(result.message())
        else:
            self.focus_default()

    # -- display --------------------------------------------------------------------------------
    def _proxy_toggled(self, on: bool) -> None:
        self.collector.setEnabled(on)
        if on:
            self.collector.setFocus()

    def _update_money(self, *_args) -> None:
        rows = self.model.rows
        chosen = set(self.selected_ids())
        pool = [r for r in rows if r.releasable and (not chosen or r.id in chosen)]
        due = sum(r.cod_fen for r in pool)
        self.cod_label.setVisible(due > 0)
        self.pay_method.setVisible(due > 0)
        self.cod_label.setText(self.tr("COD to collect: %1").replace("%1", _yuan(due)))

    def _show_state(self) -> None:
        if self.found is None:
            self.state_label.setText("")
            self.fact_field.setEnabled(False)
        elif self.verified is not None:
            c = self.verified.customers[0]
            self.state_label.setText(self.tr("✓ Confirmed: %1 %2")
                                     .replace("%1", c.name_masked).replace("%2", c.phone_masked))
            self.state_label.setStyleSheet("color:#2e7d32;")
            self.fact_field.setEnabled(False)
        else:
            self.state_label.setText(self._ask())
            self.state_label.setStyleSheet("color:#ef6c00;")
            self.fact_field.setEnabled(True)
        can = self.verified is not None
        self.release_all_button.setEnabled(can)
        self.release_selected_button.setEnabled(can)
        self._update_money()


# ------------------------------------------------------------------------------------------------
class NotifyTab(QWidget):
    """通知: today's call list grouped by phone, message to read/send, one outcome per call."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.groups: list[notify.CallGroup] = []
        outer = QVBoxLayout(self)
        self.summary = _big(QLabel())
        outer.addWidget(self.summary)
        split = QSplitter(Qt.Vertical)
        self.model = RowsTableModel(self._columns())
        self.table = table_view(self.model)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        split.addWidget(self.table)
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        self.message = QPlainTextEdit()
        self.message.setReadOnly(True)
        self.message.setMaximumHeight(90)
        col.addWidget(self.message)
        row = QHBoxLayout()
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_message)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        self.outcome_buttons = {}
        for n, outcome in enumerate(notify.CALL_OUTCOMES, start=1):
            b = QPushButton()
            b.clicked.connect(lambda _=False, o=outcome: self.record(o))
            self.outcome_buttons[outcome] = b
            row.addWidget(b)
            sc = QShortcut(QKeySequence(f"Ctrl+{n}"), self)
            sc.setContext(Qt.WidgetWithChildrenShortcut)
            sc.activated.connect(b.click)
        self.outcome_buttons[NotifyLog.OUT_OF_SERVICE].setStyleSheet("color:#c62828;")
        col.addLayout(row)
        row = QHBoxLayout()
        self.sms_note = QLabel()
        self.sms_button = QPushButton()
        self.sms_button.clicked.connect(self.send_sms)
        self.sms_all_button = QPushButton()
        self.sms_all_button.clicked.connect(self.send_sms_all)
        row.addWidget(self.sms_note, 1)
        row.addWidget(self.sms_button)
        row.addWidget(self.sms_all_button)
        col.addLayout(row)
        split.addWidget(box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        outer.addWidget(split, 1)
        self.retranslate()

    def _columns(self):
        return [
            Column(self.tr("Phone"), lambda g: g.phone),
            Column(self.tr("Name"), lambda g: g.name),
            Column(self.tr("Parcels"), lambda g: len(g.parcels), Qt.AlignRight),
            Column(self.tr("Codes"), lambda g: g.codes),
            Column(self.tr("No answer"), lambda g: g.attempts or "", Qt.AlignRight),
            Column(self.tr("Called today"), lambda g: "✓" if g.called_today else ""),
            Column(self.tr("Deadline"), lambda g: g.deadline.strftime("%m-%d")),
        ]

    def retranslate(self) -> None:
        labels = {NotifyLog.NOTIFIED: self.tr("Notified (Ctrl+1)"),
                  NotifyLog.NO_ANSWER: self.tr("No answer (Ctrl+2)"),
                  NotifyLog.OUT_OF_SERVICE: self.tr("Out of service (Ctrl+3)"),
                  NotifyLog.WRONG_NUMBER: self.tr("Wrong number (Ctrl+4)")}
        for n, (outcome, b) in enumerate(self.outcome_buttons.items(), start=1):
            b.setText(labels[outcome])
        self.copy_button.setText(self.tr("Copy message"))
        self.sms_button.setText(self.tr("Send SMS"))
        self.sms_all_button.setText(self.tr("SMS to everyone on the list"))
        self.model.columns = self._columns()
        self.model.headerDataChanged.emit(Qt.Horizontal, 0, len(self.model.columns) - 1)
        self._show_summary()

    def focus_default(self) -> None:
        self.table.setFocus(Qt.OtherFocusReason)

    def refresh(self) -> None:
        keep = self.current()
        result = self.ctx.perform(lambda: notify.call_list(actor=self.ctx.actor,
                                                           now=self.ctx.now()))
        self.groups = result if isinstance(result, list) else []
        self.model.set_rows(self.groups)
        row = 0
        if keep is not None:
            for i, g in enumerate(self.groups):
                if g.phone == keep.phone:
                    row = i
        if self.groups:
            self.table.selectRow(row)
        else:
            self.message.clear()
        on = sms.enabled()
        self.sms_button.setEnabled(on and bool(self.groups))
        self.sms_all_button.setEnabled(on and bool(self.groups))
        if on:
            counts = sms.day_counts(self.ctx.now().date())
            self.sms_note.setText(self.tr("SMS today: %1 sent, %2 failed")
                                  .replace("%1", str(counts["sent"]))
                                  .replace("%2", str(counts["failed"])))
        else:
            self.sms_note.setText(self.tr("SMS is off (a manager can turn it on in Settings)."))
        self._show_summary()

    def _show_summary(self) -> None:
        n = len(self.groups)
        parcels = sum(len(g.parcels) for g in self.groups)
        if n:
            text = self.tr("%1 customers to call, %2 parcels").replace("%1", str(n)).replace(
                "%2", str(parcels))
        else:
            text = self.tr("Everyone has been notified.")
        self.summary.setText(text)
        for b in self.outcome_buttons.values():
            b.setEnabled(bool(n))

    def current(self) -> notify.CallGroup | None:
        idx = self.table.selectionModel().currentIndex()
        if not idx.isValid() or idx.row() >= len(self.model.rows):
            rows = self.table.selectionModel().selectedRows()
            if not rows:
                return None
            idx = rows[0]
        return self.model.rows[idx.row()]

    def _current_changed(self, current, _previous) -> None:
        if current.isValid() and current.row() < len(self.model.rows):
            self.message.setPlainText(self.model.rows[current.row()].message)

    def copy_message(self) -> None:
        QGuiApplication.clipboard().setText(self.message.toPlainText())
        self.ctx.banner.ok(self.tr("Message copied."))

    def record(self, outcome: str) -> None:
        g = self.current()
        if g is None:
            self.ctx.banner.error(self.tr("Choose a customer in the list first."))
            return
        result = self.ctx.perform(lambda: notify.record_outcome(
            g.parcel_ids, outcome, actor=self.ctx.actor, now=self.ctx.now()),
            changes=notify.CHANGES)
        if isinstance(result, notify.OutcomeResult):
            msg = result.message()
            if result.list_done:
                msg += self.tr(" Today's call list is done.")
            self.ctx.banner.ok(msg)
        self.table.setFocus()

    # SMS go to the gateway in the background (ui/ops.py): a gateway that hangs never freezes
    # the counter; each message ends at the gateway's timeout with its one-line reason.
    def send_sms(self) -> None:
        g = self.current()
        if g is None:
            return
        actor, now = self.ctx.actor, self.ctx.now()
        self.sms_button.setEnabled(False)

        def done(result):
            self.sms_button.setEnabled(True)
            self.ctx.banner.ok(self.tr("SMS sent to %1.").replace("%1", result.phone_masked))

        def failed(_exc):
            self.sms_button.setEnabled(True)
            self.ctx.bus.emit_changes(sms.CHANGES)      # a failed SMS is recorded too

        self.sms_job = ops.perform(self.ctx, lambda: sms.send_sms(g.parcel_ids, actor=actor, now=now),
                                   kind=ops.IO, label=self.tr("Sending SMS …"), changes=sms.CHANGES,
                                   on_done=done, on_error=failed)

    def send_sms_all(self) -> None:
        job = getattr(self, "sms_all_job", None)
        if job is not None and not job.finished:     # the button stops a batch under way
            job.cancel()
            return
        groups = list(self.groups)
        actor, now = self.ctx.actor, self.ctx.now()
        stop = threading.Event()

        def done(result):
            self.sms_all_button.setText(self.tr("SMS to everyone on the list"))
            level = "warning" if result.failed else "ok"
            self.ctx.banner.show_message(result.message(), level)

        def failed(_exc):
            self.sms_all_button.setText(self.tr("SMS to everyone on the list"))

        self.sms_all_job = ops.perform(
            self.ctx, lambda: sms.send_call_list(
                itertools.takewhile(lambda _g: not stop.is_set(), groups), actor=actor, now=now),
            kind=ops.IO, label=self.tr("Sending the call list's SMS …"), changes=sms.CHANGES,
            on_done=done, on_error=failed)
        self.sms_all_job.cancelled = stop
        self.sms_all_button.setText(self.tr("Stop sending"))


# ------------------------------------------------------------------------------------------------
class StockCheckTab(QWidget):
    """盘点: scan the shelf, live counts, the report and one fix per line."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.check: stockcheck.CheckInfo | None = None
        self.report_check: stockcheck.CheckInfo | None = None
        self.shelf: str | None = None
        self.level: int | None = None
        outer = QVBoxLayout(self)
        row = QHBoxLayout()
        self.shelf_label = QLabel()
        self.shelf_field = QLineEdit()
        self.shelf_field.setObjectName("stock_shelf")
        self.shelf_field.setMaximumWidth(80)
        self.start_button = QPushButton()
        self.start_button.clicked.connect(self.start)
        self.finish_button = QPushButton()
        self.finish_button.clicked.connect(self.finish)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.WidgetWithChildrenShortcut)
            sc.activated.connect(self.finish)
        self.scope_label = _big(QLabel())
        for w in (self.shelf_label, self.shelf_field, self.start_button, self.finish_button,
                  self.cancel_button):
            row.addWidget(w)
        row.addWidget(self.scope_label, 1)
        outer.addLayout(row)

        row = QHBoxLayout()
        self.scan_field = ScanField()
        self.scan_field.setObjectName("stock_scan")
        self.scan_field.scanned.connect(self.on_scan)
        self.place_label = _big(QLabel(), 15)
        row.addWidget(self.scan_field, 1)
        row.addWidget(self.place_label)
        outer.addLayout(row)
        self.counts_label = _big(QLabel(), 12, False)
        outer.addWidget(self.counts_label)

        split = QSplitter(Qt.Horizontal)
        self.feed = QListWidget()
        self.feed.setFocusPolicy(Qt.NoFocus)
        self.feed.setWordWrap(True)
        self.feed.setMinimumWidth(300)
        split.addWidget(self.feed)
        right = QWidget()
        col = QVBoxLayout(right)
        col.setContentsMargins(0, 0, 0, 0)
        self.report_title = _big(QLabel(), 12)
        col.addWidget(self.report_title)
        self.model = RowsTableModel(self._columns())
        self.table = table_view(self.model)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._fix_buttons())
        col.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.fix_buttons = {}
        for fix in (StockCheckItem.FOUND, StockCheckItem.PROBLEM, StockCheckItem.MOVED,
                    StockCheckItem.PUT_BACK, StockCheckItem.RESTOCKED, StockCheckItem.TAKEN_IN):
            b = QPushButton()
            b.clicked.connect(lambda _=False, f=fix: self.fix(f))
            self.fix_buttons[fix] = b
            row.addWidget(b)
        row.addStretch(1)
        col.addLayout(row)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        outer.addWidget(split, 1)
        self.retranslate()

    def _columns(self):
        return [
            Column(self.tr("Finding"), lambda r: r.kind_label),
            Column(self.tr("Waybill"), lambda r: r.waybill),
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Recorded"), lambda r: r.recorded),
            Column(self.tr("Scanned at"), lambda r: r.scanned),
            Column(self.tr("Fixed"), lambda r: r.fix_label),
        ]

    def retranslate(self) -> None:
        self.shelf_label.setText(self.tr("Shelf:"))
        self.shelf_field.setPlaceholderText(self.tr("all"))
        self.start_button.setText(self.tr("Start check"))
        self.finish_button.setText(self.tr("Finish (Ctrl+Enter)"))
        self.cancel_button.setText(self.tr("Abandon"))
        self.scan_field.setPlaceholderText(
            self.tr("Scan a shelf mark (e.g. 3-2) and then every parcel on it"))
        labels = {StockCheckItem.FOUND: self.tr("Found it"),
                  StockCheckItem.PROBLEM: self.tr("Not found → problem"),
                  StockCheckItem.MOVED: self.tr("Record new place"),
                  StockCheckItem.PUT_BACK: self.tr("Put back"),
                  StockCheckItem.RESTOCKED: self.tr("Back to stock"),
                  StockCheckItem.TAKEN_IN: self.tr("Taken in at F2")}
        for fix, b in self.fix_buttons.items():
            b.setText(labels[fix])
        self.model.columns = self._columns()
        self.model.headerDataChanged.emit(Qt.Horizontal, 0, len(self.model.columns) - 1)
        self._show()

    def focus_default(self) -> None:
        if self.check is not None:
            self.scan_field.reclaim()
        else:
            self.shelf_field.setFocus(Qt.OtherFocusReason)

    def refresh(self) -> None:
        self.check = stockcheck.open_check()
        if self.check is not None and self.check.shelf and self.shelf is None:
            self.shelf = self.check.shelf
        if self.report_check is None:
            recent = stockcheck.recent_checks(1)
            self.report_check = recent[0] if recent else None
        elif self.report_check is not None:
            self.report_check = stockcheck.check_info(self.report_check.id)
        self._load_report()
        self._show()

    def _load_report(self) -> None:
        rows = stockcheck.report(self.report_check.id) if self.report_check else []
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        self._fix_buttons()

    def _show(self) -> None:
        running = self.check is not None
        self.start_button.setEnabled(not running)
        self.shelf_field.setEnabled(not running)
        self.finish_button.setEnabled(running)
        self.cancel_button.setEnabled(running)
        self.scan_field.setEnabled(running)
        if running:
            self.scope_label.setText(self.tr("Checking: %1").replace(
                "%1", self.tr("shelf %1").replace("%1", self.check.shelf) if self.check.shelf
                else self.tr("whole outlet")))
            place = f"{self.shelf}-{self.level}" if self.shelf and self.level is not None \
                else (self.shelf or "—")
            self.place_label.setText(self.tr("At: %1").replace("%1", place))
            counts = stockcheck.live_counts(self.check.id, self.ctx.now())
            self.counts_label.setText(
                self.tr("Expected %1 · scanned %2 · in place %3 · misplaced %4 · unexpected %5 · "
                        "not yet scanned %6")
                .replace("%1", str(counts["expected"])).replace("%2", str(counts["scanned"]))
                .replace("%3", str(counts["ok"])).replace("%4", str(counts["misplaced"]))
                .replace("%5", str(counts["unexpected"])).replace("%6", str(counts["not_yet"])))
        else:
            self.scope_label.setText(self.tr("No check running."))
            self.place_label.setText("")
            self.counts_label.setText("")
        r = self.report_check
        if r is not None and r.finished_at is not None:
            open_n = sum(1 for row in self.model.rows if not row.fix)
            self.report_title.setText(
                self.tr("Last check %1 (%2): missing %3, unexpected %4, misplaced %5 — %6 to fix")
                .replace("%1", r.finished_at.strftime("%m-%d %H:%M"))
                .replace("%2", self.tr("shelf %1").replace("%1", r.shelf) if r.shelf
                         else self.tr("whole outlet"))
                .replace("%3", str(r.missing)).replace("%4", str(r.unexpected))
                .replace("%5", str(r.misplaced)).replace("%6", str(open_n)))
        else:
            self.report_title.setText(self.tr("No finished check yet."))

    def start(self) -> None:
        shelf = self.shelf_field.text()
        info = self.ctx.perform(lambda: stockcheck.start(shelf, actor=self.ctx.actor,
                                                         now=self.ctx.now()))
        if isinstance(info, stockcheck.CheckInfo):
            self.check = info
            self.shelf, self.level = info.shelf, None
            self.feed.clear()
            self._show()
            self.ctx.banner.ok(self.tr("Stock check started: scan a shelf mark, then the parcels."))
        self.focus_default()

    def on_scan(self, text: str) -> None:
        if self.check is None:
            self.ctx.banner.error(self.tr("Start a stock check first."))
            return
        check_id, shelf, level = self.check.id, self.shelf, self.level
        result = self.ctx.perform(lambda: stockcheck.scan(check_id, text, shelf=shelf,
                                                          level=level, actor=self.ctx.actor,
                                                          now=self.ctx.now()))
        if isinstance(result, stockcheck.ScanResult):
            if result.kind == "place":
                self.shelf, self.level = result.shelf, result.level
            self.feed.insertItem(0, result.message)
            if result.kind in ("ok", "place"):
                self.ctx.banner.clear()
            elif result.kind == "duplicate":
                self.ctx.banner.show_message(result.message, "info", sound_kind="duplicate")
            else:
                self.ctx.banner.show_message(result.message, "warning", sound_kind="error")
            self._show()
        self.scan_field.reclaim()

    def finish(self) -> None:
        if self.check is None:
            return
        check_id = self.check.id
        info = self.ctx.perform(lambda: stockcheck.finish(check_id, actor=self.ctx.actor,
                                                          now=self.ctx.now()),
                                changes=frozenset({changes.STOCK}))
        if isinstance(info, stockcheck.CheckInfo):
            self.check = None
            self.report_check = info
            self._load_report()
            self._show()
            level = "ok" if info.agrees else "warning"
            self.ctx.banner.show_message(
                self.tr("Check finished: missing %1, unexpected %2, misplaced %3.")
                .replace("%1", str(info.missing)).replace("%2", str(info.unexpected))
                .replace("%3", str(info.misplaced)), level)
            self.table.setFocus()

    def cancel(self) -> None:
        if self.check is None:
            return
        check_id = self.check.id
        if self.ctx.perform(lambda: stockcheck.cancel(check_id, actor=self.ctx.actor,
                                                      now=self.ctx.now())):
            self.check = None
            self.feed.clear()
            self._show()
            self.focus_default()

    def current(self):
        idx = self.table.selectionModel().currentIndex()
        if idx.isValid() and idx.row() < len(self.model.rows):
            return self.model.rows[idx.row()]
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _fix_buttons(self) -> None:
        row = self.current()
        allowed = set()
        if row is not None and not row.fix:
            allowed = {
                StockCheckItem.MISSING: {StockCheckItem.FOUND, StockCheckItem.PROBLEM},
                StockCheckItem.MISPLACED: {StockCheckItem.MOVED, StockCheckItem.PUT_BACK},
                StockCheckItem.UNEXPECTED: {StockCheckItem.RESTOCKED},
                StockCheckItem.UNKNOWN: {StockCheckItem.TAKEN_IN},
            }[row.kind]
        for fix, b in self.fix_buttons.items():
            b.setEnabled(fix in allowed)

    def fix(self, fix: str) -> None:
        row = self.current()
        if row is None:
            return
        fn = {StockCheckItem.FOUND: stockcheck.fix_found,
              StockCheckItem.PROBLEM: stockcheck.fix_problem,
              StockCheckItem.MOVED: stockcheck.fix_move,
              StockCheckItem.PUT_BACK: stockcheck.fix_put_back,
              StockCheckItem.RESTOCKED: stockcheck.fix_restock,
              StockCheckItem.TAKEN_IN: stockcheck.fix_taken_in}[fix]
        item_id = row.id
        msg = self.ctx.perform(lambda: fn(item_id, actor=self.ctx.actor, now=self.ctx.now()),
                               changes=stockcheck.CHANGES)
        if isinstance(msg, str):
            self.ctx.banner.ok(msg)
            self.refresh()
        self.table.setFocus()


# ------------------------------------------------------------------------------------------------
class PickupScreen(Screen):
    FKEY = 3
    TITLE = "Pickup"
    WATCHES = frozenset({changes.PARCELS, changes.STOCK, changes.SETTINGS})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.release_tab = ReleaseTab(ctx)
        self.notify_tab = NotifyTab(ctx)
        self.stock_tab = StockCheckTab(ctx)
        self.tabs.addTab(self.release_tab, "")
        self.tabs.addTab(self.notify_tab, "")
        self.tabs.addTab(self.stock_tab, "")
        self._stale_tabs = {self.notify_tab, self.stock_tab}
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs)
        for n, tab in enumerate((self.release_tab, self.notify_tab, self.stock_tab), start=1):
            sc = QShortcut(QKeySequence(f"Alt+{n}"), self)
            sc.setContext(Qt.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda t=tab: self.tabs.setCurrentWidget(t))
        self.retranslate()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Release (Alt+1)"))
        self.tabs.setTabText(1, self.tr("Notify (Alt+2)"))
        self.tabs.setTabText(2, self.tr("Stock check (Alt+3)"))

    def refresh(self) -> None:
        # Only the visible tab reloads: the call list shows full phone numbers and each load of it
        # is audited, so it is not loaded behind the clerk's back.
        current = self.tabs.currentWidget()
        self._stale_tabs = {self.notify_tab, self.stock_tab} - {current}
        if hasattr(current, "refresh"):
            current.refresh()

    def _tab_changed(self, _index: int) -> None:
        tab = self.tabs.currentWidget()
        if tab in self._stale_tabs:
            self._stale_tabs.discard(tab)
            tab.refresh()
        tab.focus_default()

    def focus_default(self) -> None:
        self.tabs.currentWidget().focus_default()
