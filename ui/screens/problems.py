"""Problem parcels (F4): the problem queue (问题件) and the overdue list (到期件), one tab each.

Problem queue: scan a parcel, pick the reason, write a note (Enter registers it), optionally attach a
photo.  The queue shows each problem's age; resolve it back to stock, to delivery, to return or to
forward, or open a ticket to reach the sender.
Overdue list: self-pickup parcels past the reminder day, bucketed by days; remind again, extend, or
send to return.  Looking at either tab ticks the morning duty (reviewed).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from outlet_desk import changes, i18n
from outlet_desk import waybill as waybill_mod
from outlet_desk.dates import stamp
from outlet_desk.errors import NotFound, OutletError
from outlet_desk.inbound import overdue, problems
from outlet_desk.models.problems import ProblemRecord
from outlet_desk.models.returns import ReturnRecord
from outlet_desk.privacy import mask_phone

from ..dialogs.return_form import StartReturnDialog
from ..models.rows import Column, RowsTableModel
from ..widgets.scanfield import ScanField
from ..widgets.tables import table_view
from .base import Screen

CHANGES = frozenset({changes.PARCELS, changes.RETURNS})
IMAGE_FILTER = "Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)"
RETURN_REASON = {"拒收": "拒收", "地址不详": "地址错误", "错分": "错分", "破损": "破损"}


class ProblemsScreen(Screen):
    FKEY = 4
    TITLE = "Problem parcels"
    WATCHES = frozenset({changes.PARCELS, changes.RETURNS})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.pending = None            # Parcel scanned, waiting for reason + note
        self.photo_path: str | None = None
        self.dialog = None
        layout = QVBoxLayout(self)
        self.add_heading_and_tabs(layout)

        # -- problem queue -----------------------------------------------------------------------
        q = QWidget()
        ql = QVBoxLayout(q)
        self.scan = ScanField()
        ql.addWidget(self.scan)
        reg = QHBoxLayout()
        self.parcel_label = QLabel()
        self.parcel_label.setMinimumWidth(260)
        self.reason = QComboBox()
        for r in ProblemRecord.REASONS:     # shown in the person's language, the stored word as data
            self.reason.addItem(problems.reason_text(r), r)
        self.note = QLineEdit()
        self.photo_button = QPushButton()
        self.register_button = QPushButton()
        reg.addWidget(self.parcel_label)
        reg.addWidget(self.reason)
        reg.addWidget(self.note, 1)
        reg.addWidget(self.photo_button)
        reg.addWidget(self.register_button)
        ql.addLayout(reg)
        filt = QHBoxLayout()
        self.reason_filter = QComboBox()
        self.reason_filter.addItem("", "")
        for r in ProblemRecord.REASONS:
            self.reason_filter.addItem(problems.reason_text(r), r)
        self.show_resolved = QCheckBox()
        self.queue_count = QLabel()
        filt.addWidget(self.reason_filter)
        filt.addWidget(self.show_resolved)
        filt.addStretch(1)
        filt.addWidget(self.queue_count)
        ql.addLayout(filt)
        self.queue_model = RowsTableModel(self._queue_columns(), loader=self._load_queue)
        self.queue_view = table_view(self.queue_model)
        ql.addWidget(self.queue_view, 1)
        acts = QHBoxLayout()
        self.stock_button = QPushButton()
        self.delivery_button = QPushButton()
        self.return_button = QPushButton()
        self.forward_button = QPushButton()
        self.ticket_button = QPushButton()
        for b in (self.stock_button, self.delivery_button, self.return_button, self.forward_button,
                  self.ticket_button):
            acts.addWidget(b)
        acts.addStretch(1)
        ql.addLayout(acts)
        self.tabs.addTab(q, "")

        # -- overdue -----------------------------------------------------------------------------
        o = QWidget()
        ol = QVBoxLayout(o)
        orow = QHBoxLayout()
        self.rule_label = QLabel()
        self.bucket_filter = QComboBox()
        orow.addWidget(self.rule_label, 1)
        orow.addWidget(self.bucket_filter)
        ol.addLayout(orow)
        self.overdue_model = RowsTableModel(self._overdue_columns())
        self.overdue_view = table_view(self.overdue_model)
        self.overdue_view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        ol.addWidget(self.overdue_view, 1)
        oacts = QHBoxLayout()
        self.remind_button = QPushButton()
        self.extend_days = QSpinBox()
        self.extend_days.setRange(1, 30)
        self.extend_days.setValue(3)
        self.extend_button = QPushButton()
        self.to_return_button = QPushButton()
        oacts.addWidget(self.remind_button)
        oacts.addWidget(self.extend_days)
        oacts.addWidget(self.extend_button)
        oacts.addWidget(self.to_return_button)
        oacts.addStretch(1)
        ol.addLayout(oacts)
        self.tabs.addTab(o, "")

        # -- wiring ------------------------------------------------------------------------------
        self.scan.scanned.connect(self.on_scan)
        self.note.returnPressed.connect(self.register)
        self.register_button.clicked.connect(self.register)
        self.photo_button.clicked.connect(lambda: self.attach_photo())
        self.reason_filter.currentIndexChanged.connect(lambda _i: self.reload_queue())
        self.show_resolved.toggled.connect(lambda _b: self.reload_queue())
        self.stock_button.clicked.connect(lambda: self.resolve(ProblemRecord.STOCK))
        self.delivery_button.clicked.connect(lambda: self.resolve(ProblemRecord.DELIVERY))
        self.return_button.clicked.connect(lambda: self.resolve(ProblemRecord.RETURN))
        self.forward_button.clicked.connect(lambda: self.resolve(ProblemRecord.FORWARD))
        self.ticket_button.clicked.connect(self.open_ticket)
        self.bucket_filter.currentIndexChanged.connect(lambda _i: self.reload_overdue())
        self.remind_button.clicked.connect(self.remind)
        self.extend_button.clicked.connect(self.extend)
        self.to_return_button.clicked.connect(lambda: self.send_to_return())
        self.tabs.currentChanged.connect(self._tab_changed)
        self.queue_view.doubleClicked.connect(lambda index: self.show_photo(index.row()))
        for seq, slot in (("Ctrl+R", self.remind), ("Ctrl+E", self.extend),
                          ("Ctrl+1", lambda: self._queue_key(ProblemRecord.STOCK)),
                          ("Ctrl+2", lambda: self._queue_key(ProblemRecord.DELIVERY)),
                          ("Ctrl+3", lambda: self._queue_key(ProblemRecord.RETURN)),
                          ("Ctrl+4", lambda: self._queue_key(ProblemRecord.FORWARD))):
            sc = QShortcut(QKeySequence(seq), self, activated=slot)
            sc.setContext(Qt.WidgetWithChildrenShortcut)
        self.retranslate()
        self._clear_pending()

    # -- columns ------------------------------------------------------------------------------
    def _queue_columns(self):
        now = lambda: self.ctx.now()  # noqa: E731
        return [Column(self.tr("Age"), lambda r: problems.age_text(r.age(now()))),
                Column(self.tr("Waybill"), lambda r: r.waybill),
                Column(self.tr("Carrier"), lambda r: r.carrier),
                Column(self.tr("Reason"), lambda r: problems.reason_text(r.reason)),
                Column(self.tr("Note"), lambda r: r.note),
                Column(self.tr("Where"), lambda r: r.location),
                Column(self.tr("Phone"), lambda r: r.phone_masked),
                Column(self.tr("Registered"), lambda r: f"{stamp(r.opened_at)} {r.opened_by}"),
                Column(self.tr("Photo"), lambda r: "✓" if r.photo_hash else ""),
                Column(self.tr("Ticket"), lambda r: f"#{r.ticket_id}" if r.ticket_id else ""),
                Column(self.tr("Outcome"), lambda r: i18n._(problems.OUTCOME_LABELS[r.outcome])
                       if r.outcome in problems.OUTCOME_LABELS else (r.outcome or ""))]

    def _overdue_columns(self):
        return [Column(self.tr("Bucket"), lambda r: r.bucket),
                Column(self.tr("Days"), lambda r: str(r.days) + ("*" if r.extended else ""), Qt.AlignRight),
                Column(self.tr("Pickup code"), lambda r: r.pickup_code),
                Column(self.tr("Waybill"), lambda r: r.waybill),
                Column(self.tr("Carrier"), lambda r: r.carrier),
                Column(self.tr("Recipient"), lambda r: f"{r.name_masked} {r.phone_masked}".strip()),
                Column(self.tr("Arrived"), lambda r: stamp(r.arrived_at)),
                Column(self.tr("Deadline"), lambda r: r.deadline.strftime("%m-%d")),
                Column(self.tr("Notified"), lambda r: f"{r.reminders} ({stamp(r.last_reminded)})" if r.reminders else "0"),
                Column(self.tr("Action"), lambda r: self.tr("return") if r.due_for_return else self.tr("remind"))]

    def _load_queue(self, offset, limit):
        return problems.list_problems(now=self.ctx.now(), open_only=not self.show_resolved.isChecked(),
                                      reason=self.reason_filter.currentData() or None,
                                      offset=offset, limit=limit)

    # -- life cycle ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.tabs.setTabText(0, self.tr("Problem parcels"))
        self.tabs.setTabText(1, self.tr("Overdue"))
        self.scan.setPlaceholderText(self.tr("Scan a parcel to register a problem"))
        self.note.setPlaceholderText(self.tr("Note (Enter registers)"))
        self.photo_button.setText(self.tr("Photo…"))
        self.register_button.setText(self.tr("Register"))
        self.reason_filter.setItemText(0, self.tr("All reasons"))
        self.show_resolved.setText(self.tr("Show resolved too"))
        self.stock_button.setText(self.tr("Back to stock (Ctrl+1)"))
        self.delivery_button.setText(self.tr("To delivery (Ctrl+2)"))
        self.return_button.setText(self.tr("Return… (Ctrl+3)"))
        self.forward_button.setText(self.tr("Forward… (Ctrl+4)"))
        self.ticket_button.setText(self.tr("Ticket to reach the sender"))
        self.remind_button.setText(self.tr("Remind again (Ctrl+R)"))
        self.extend_button.setText(self.tr("Extend by days (Ctrl+E)"))
        self.extend_days.setSuffix(self.tr(" days"))
        self.to_return_button.setText(self.tr("Send to return"))
        self.queue_model.columns = self._queue_columns()
        self.overdue_model.columns = self._overdue_columns()
        if self.pending is None:
            self.parcel_label.setText(self.tr("(scan a parcel)"))

    def refresh(self) -> None:
        self.reload_queue()
        self.reload_overdue()

    def focus_default(self) -> None:
        if self.tabs.currentIndex() == 0:
            if self.pending is not None:
                self.note.setFocus()
            else:
                self.scan.reclaim()
        else:
            self.overdue_view.setFocus()

    def activate(self) -> None:
        super().activate()
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        if self.ctx.actor is None or not self.isVisible():
            return
        if index == 0:
            self.ctx.perform(lambda: problems.mark_reviewed(actor=self.ctx.actor, now=self.ctx.now()))
        else:
            self.ctx.perform(lambda: overdue.mark_reviewed(actor=self.ctx.actor, now=self.ctx.now()))
        self.focus_default()

    # -- register a problem -------------------------------------------------------------------
    def _clear_pending(self) -> None:
        self.pending = None
        self.photo_path = None
        self.note.clear()
        self.parcel_label.setText(self.tr("(scan a parcel)"))
        self.photo_button.setText(self.tr("Photo…"))

    def on_scan(self, waybill: str) -> None:
        try:
            parcel = problems.find_parcel(waybill)
        except NotFound as exc:
            if str(exc).startswith(i18n._(waybill_mod.POSSIBLE_BAG)):   # in the person's language
                self.ctx.banner.error(str(exc))
            else:
                self.ctx.banner.error(self.tr("%1 is not in the system: take it in at intake first.")
                                      .replace("%1", waybill))
            self.scan.reclaim()
            return
        except OutletError as exc:          # a bag number or garbage: intake's one-line reason
            self.ctx.banner.error(str(exc))
            self.scan.reclaim()
            return
        self.pending = parcel
        where = parcel.pickup_code or ""
        self.parcel_label.setText(f"<b>{parcel.waybill}</b> {parcel.carrier} {where} "
                                  f"{mask_phone(parcel.recipient_phone)}")
        self.reason.setFocus()

    def choose_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach a photo"), str(Path.home()), IMAGE_FILTER)
        return path

    def attach_photo(self, path: str | None = None) -> None:
        path = path or self.choose_file()
        if path:
            self.photo_path = path
            self.photo_button.setText(self.tr("Photo: %1").replace("%1", Path(path).name[:18]))
        self.note.setFocus()

    def register(self) -> None:
        if self.pending is None:
            self.ctx.banner.error(self.tr("Scan the parcel first."))
            self.scan.reclaim()
            return
        pid, reason, note = self.pending.id, self.reason.currentData(), self.note.text()
        photo = Path(self.photo_path) if self.photo_path else None
        info = self.ctx.perform(lambda: problems.open_problem(pid, reason, note, actor=self.ctx.actor,
                                                              now=self.ctx.now(), photo=photo,
                                                              home=self.ctx.home), changes=CHANGES)
        if info is None:
            return
        self.ctx.banner.ok(self.tr("Problem registered: %1 %2").replace("%1", info.waybill)
                           .replace("%2", problems.reason_text(reason)))
        self._clear_pending()
        self.scan.reclaim()

    # -- resolve ------------------------------------------------------------------------------
    def selected_problem(self):
        rows = self.queue_view.selectionModel().selectedRows()
        if not rows:
            self.ctx.banner.error(self.tr("Select a problem parcel first."))
            return None
        return self.queue_model.row_at(rows[0].row())

    def resolve(self, outcome: str, return_args: dict | None = None):
        row = self.selected_problem()
        if row is None:
            return None
        if row.resolved_at is not None:
            self.ctx.banner.error(self.tr("This problem is already resolved."))
            return None
        if outcome in (ProblemRecord.RETURN, ProblemRecord.FORWARD) and return_args is None:
            kind = ReturnRecord.RETURN if outcome == ProblemRecord.RETURN else ReturnRecord.FORWARD
            dialog = StartReturnDialog(row.waybill, kind=kind,
                                       reason=RETURN_REASON.get(row.reason, "其他"), note=row.note,
                                       on_accept=lambda values: self._resolve(row, outcome, values) is not None,
                                       parent=self)
            dialog.form.kind.setEnabled(False)
            self.dialog = dialog
            dialog.show()
            return dialog
        return self._resolve(row, outcome, return_args)

    def _resolve(self, row, outcome, return_args):
        if return_args is not None:
            return_args = {k: v for k, v in return_args.items() if k != "kind"}
        info = self.ctx.perform(lambda: problems.resolve_problem(row.id, outcome, actor=self.ctx.actor,
                                                                 now=self.ctx.now(), return_args=return_args,
                                                                 home=self.ctx.home), changes=CHANGES)
        if info is not None:
            self.ctx.banner.ok(self.tr("%1: %2").replace("%1", row.waybill)
                               .replace("%2", i18n._(problems.OUTCOME_LABELS[outcome])))
        return info

    def show_photo(self, row: int):
        """Double-click a problem with a photo: the photo at full size."""
        from outlet_desk import evidence

        from ..dialogs.photo_viewer import PhotoViewer
        problem = self.queue_model.row_at(row)
        if not problem.photo_hash:
            return None
        viewer = PhotoViewer(evidence.photo_path(problem.photo_hash, self.ctx.home),
                             f"{problem.waybill} {problems.reason_text(problem.reason)} {stamp(problem.opened_at)} {problem.opened_by}",
                             can_delete=False, photo_hash=problem.photo_hash, parent=self)
        self.viewer = viewer
        viewer.show()
        return viewer

    def _queue_key(self, outcome: str) -> None:
        if self.tabs.currentIndex() == 0:
            self.resolve(outcome)

    def open_ticket(self) -> None:
        row = self.selected_problem()
        if row is None:
            return
        tid = self.ctx.perform(lambda: problems.open_sender_ticket(row.id, actor=self.ctx.actor,
                                                                   now=self.ctx.now()),
                               changes=frozenset({changes.TICKETS, changes.PARCELS}))
        if tid is not None:
            self.ctx.banner.ok(self.tr("Ticket #%1 opened to reach the sender.").replace("%1", str(tid)))

    def reload_queue(self) -> None:
        self.queue_model.reload()
        self.queue_count.setText(self.tr("Open: %1").replace("%1", str(problems.open_count())))

    # -- overdue ------------------------------------------------------------------------------
    def reload_overdue(self) -> None:
        counts = overdue.bucket_counts(now=self.ctx.now())
        current = self.bucket_filter.currentData()
        self.bucket_filter.blockSignals(True)
        self.bucket_filter.clear()
        self.bucket_filter.addItem(self.tr("All (%1)").replace("%1", str(sum(counts.values()))), "")
        for label, n in counts.items():
            self.bucket_filter.addItem(f"{label} ({n})", label)
        index = max(0, self.bucket_filter.findData(current)) if current else 0
        self.bucket_filter.setCurrentIndex(index)
        self.bucket_filter.blockSignals(False)
        days, remind, ret = overdue.rules()
        self.rule_label.setText(self.tr("Storage %1 days; remind from day %2, return from day %3. "
                                        "* = extended").replace("%1", str(days)).replace("%2", str(remind))
                                .replace("%3", str(ret)))
        self.overdue_model.set_rows(overdue.overdue_list(now=self.ctx.now(),
                                                         bucket=self.bucket_filter.currentData() or None))

    def selected_overdue(self):
        rows = sorted({i.row() for i in self.overdue_view.selectionModel().selectedRows()})
        if not rows:
            self.ctx.banner.error(self.tr("Select overdue parcels first."))
        return [self.overdue_model.row_at(r) for r in rows]

    def remind(self) -> None:
        rows = self.selected_overdue()
        if not rows:
            return
        n = self.ctx.perform(lambda: overdue.remind_again([r.parcel_id for r in rows], actor=self.ctx.actor,
                                                          now=self.ctx.now()), changes=CHANGES)
        if n is not None:
            self.ctx.banner.ok(self.tr("Reminded again: %1").replace("%1", str(n)))

    def extend(self) -> None:
        rows = self.selected_overdue()
        if not rows:
            return
        days = self.extend_days.value()
        until = self.ctx.perform(lambda: overdue.extend([r.parcel_id for r in rows], days,
                                                        actor=self.ctx.actor, now=self.ctx.now()),
                                 changes=CHANGES)
        if until is not None:
            self.ctx.banner.ok(self.tr("Extended until %1").replace("%1", until.strftime("%Y-%m-%d")))

    def send_to_return(self):
        rows = self.selected_overdue()
        if not rows:
            return None
        done = 0
        for r in rows:
            info = self.ctx.perform(lambda r=r: overdue.send_to_return(r.parcel_id, actor=self.ctx.actor,
                                                                       now=self.ctx.now(), home=self.ctx.home),
                                    changes=CHANGES)
            if info is None:
                break
            done += 1
        if done:
            self.ctx.banner.ok(self.tr("Sent to return: %1. Label and photograph them on F5.")
                               .replace("%1", str(done)))
        return done
