"""Intake (F2): the scan field owns the focus; each scan is taken in synchronously by the core.

Accepted parcels go to the top of today's list; duplicates and rejects get the banner with their own
sound AND a line in the "rejected / duplicate" list, so during a burst the clerk sees every reason,
not only the last one.  Never a modal box while scanning.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from outlet_desk import changes, i18n, settings, waybill
from outlet_desk.errors import OutletError
from outlet_desk.inbound import intake
from outlet_desk.models import Parcel
from outlet_desk.printing.labels import labels_pdf

from .. import printing, sound, voice
from ..models.rows import Column, TextRowsModel
from ..ops import run_in_background
from ..widgets.newest_first import NewestFirstTableView
from ..widgets.scanfield import ScanField
from .base import Screen

CATEGORIES = (Parcel.PICKUP, Parcel.DELIVERY, Parcel.TOWNSHIP, Parcel.PROBLEM)


class IntakeScreen(Screen):
    FKEY = 2
    TITLE = "Intake"
    WATCHES = frozenset({changes.PARCELS, changes.STOCK, changes.SETTINGS})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self._emitting = False
        self.rejected_count = 0
        self.duplicate_count = 0
        self.accepted_count = 0
        self.last_result: intake.IntakeResult | None = None
        self.last_preview = None
        #: a scan held as a possible bag number (可能是集包单号): the receive_parcel arguments
        self.held: dict | None = None

        outer = QVBoxLayout(self)
        head = QHBoxLayout()
        self.heading = QLabel()
        f = self.heading.font()
        f.setPointSize(16)
        f.setBold(True)
        self.heading.setFont(f)
        head.addWidget(self.heading)
        head.addStretch(1)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("intake_counts")
        head.addWidget(self.counts_label)
        outer.addLayout(head)

        # category selector: Alt+1..4
        cat_row = QHBoxLayout()
        self.category_label = QLabel()
        cat_row.addWidget(self.category_label)
        self.category_group = QButtonGroup(self)
        self.category_group.setExclusive(True)
        self.category_buttons: dict[str, QPushButton] = {}
        for i, cat in enumerate(CATEGORIES, start=1):
            b = QPushButton()
            b.setCheckable(True)
            b.setFocusPolicy(Qt.NoFocus)
            b.setMinimumHeight(34)
            b.setStyleSheet("QPushButton:checked{background:#1565c0;color:white;font-weight:bold;}")
            self.category_group.addButton(b, i)
            self.category_buttons[cat] = b
            cat_row.addWidget(b)
            sc = QShortcut(QKeySequence(f"Alt+{i}"), self)
            sc.setContext(Qt.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda c=cat: self.set_category(c))
        self.category_group.idClicked.connect(lambda i: self.set_category(CATEGORIES[i - 1]))
        self.courier_box = QComboBox()
        self.route_box = QComboBox()
        for box in (self.courier_box, self.route_box):
            box.setFocusPolicy(Qt.ClickFocus)
            box.setMinimumWidth(120)
            box.activated.connect(lambda _i: self.scan.reclaim())
            cat_row.addWidget(box)
        cat_row.addSpacing(16)
        self.carrier_label = QLabel()
        cat_row.addWidget(self.carrier_label)
        self.carrier_box = QComboBox()
        self.carrier_box.setFocusPolicy(Qt.ClickFocus)
        self.carrier_box.activated.connect(lambda _i: self.scan.reclaim())
        cat_row.addWidget(self.carrier_box)
        cat_row.addStretch(1)
        outer.addLayout(cat_row)

        # scan field + the last parcel's code, big
        scan_row = QHBoxLayout()
        self.scan = ScanField()
        self.scan.setObjectName("intake_scan")
        self.scan.scanned.connect(self.on_scanned)
        scan_row.addWidget(self.scan, 3)
        self.last_code = QLabel()
        self.last_code.setObjectName("intake_last_code")
        self.last_code.setAlignment(Qt.AlignCenter)
        lf = self.last_code.font()
        lf.setPointSize(26)
        lf.setBold(True)
        self.last_code.setFont(lf)
        self.last_code.setMinimumWidth(260)
        self.last_code.setFrameShape(QFrame.StyledPanel)
        scan_row.addWidget(self.last_code, 1)
        outer.addLayout(scan_row)
        self.last_detail = QLabel()
        self.last_detail.setObjectName("intake_last_detail")
        outer.addWidget(self.last_detail)

        # today's list | rejected list
        split = QSplitter(Qt.Horizontal)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.list_title = QLabel()
        lv.addWidget(self.list_title)
        self.model = TextRowsModel(self._columns(), loader=self._load, page=200)
        self.table = NewestFirstTableView()
        self.table.setObjectName("intake_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setFocusPolicy(Qt.ClickFocus)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        # Interactive, sized once per reload: ResizeToContents would measure every row on every scan
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.clicked.connect(lambda _i: self.scan.reclaim())
        lv.addWidget(self.table, 1)
        split.addWidget(left)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.rejected_title = QLabel()
        self.rejected_title.setObjectName("intake_rejected_title")
        rv.addWidget(self.rejected_title)
        self.rejected = QListWidget()
        self.rejected.setObjectName("intake_rejected")
        self.rejected.setFocusPolicy(Qt.NoFocus)
        self.rejected.setWordWrap(True)
        rv.addWidget(self.rejected, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([800, 250])
        outer.addWidget(split, 1)

        # actions
        actions = QHBoxLayout()
        self.import_button = QPushButton()
        self.reprint_button = QPushButton()
        self.batch_button = QPushButton()
        self.carrier_button = QPushButton()
        self.take_held_button = QPushButton()
        self.take_held_button.setObjectName("intake_take_held")
        self.take_held_button.setStyleSheet("QPushButton{background:#ef6c00;color:white;font-weight:bold;}")
        self.take_held_button.setVisible(False)
        for b in (self.take_held_button, self.import_button, self.reprint_button, self.batch_button,
                  self.carrier_button):
            b.setFocusPolicy(Qt.NoFocus)
            actions.addWidget(b)
        actions.addStretch(1)
        self.hint = QLabel()
        self.hint.setStyleSheet("color:#555;")
        actions.addWidget(self.hint)
        outer.addLayout(actions)
        self.import_button.clicked.connect(self.choose_manifest)
        self.reprint_button.clicked.connect(self.reprint_label)
        self.batch_button.clicked.connect(self.print_batch)
        self.carrier_button.clicked.connect(self.cycle_carrier)
        self.take_held_button.clicked.connect(self.take_held)
        for seq, fn in (("Alt+C", self.cycle_carrier), ("Alt+P", self.reprint_label),
                        ("Alt+Return", self.take_held), ("Alt+Enter", self.take_held)):
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.WidgetWithChildrenShortcut)
            sc.activated.connect(fn)

        self.category = Parcel.PICKUP
        self._settings_loaded = False
        self.retranslate()

    # -- texts ------------------------------------------------------------------------------
    def _columns(self):
        return [
            Column(self.tr("Time"), lambda r: r.arrived_at.strftime("%H:%M:%S")),
            Column(self.tr("Waybill"), lambda r: r.waybill),
            Column(self.tr("Carrier"), self._carrier_text),
            Column(self.tr("Category"), lambda r: self.category_name(r.category)),
            Column(self.tr("Pickup code"), lambda r: r.pickup_code or "", Qt.AlignCenter),
            Column(self.tr("Recipient"), lambda r: r.recipient_name or ""),
            Column(self.tr("Phone"), lambda r: r.phone_masked),
            Column(self.tr("Courier / route"), lambda r: r.courier or r.route or ""),
            Column(self.tr("Manifest"), lambda r: self.tr("yes") if r.manifest_matched
                   else self.tr("no"), Qt.AlignCenter),
            Column(self.tr("Status"), lambda r: intake.status_label(r.status)),
        ]

    def _carrier_text(self, r) -> str:
        """The row's carrier, and the others its number fits (Alt+C picks the next)."""
        try:
            others = [c for c in waybill.recognize(r.waybill, prefer=r.carrier, known=True).candidates
                      if c != r.carrier]
        except OutletError:
            others = []
        if not others:
            return r.carrier
        return self.tr("%1 (or %2)").replace("%1", r.carrier).replace("%2", i18n.punct("、").join(others))

    def category_name(self, cat: str) -> str:
        return {Parcel.PICKUP: self.tr("Self-pickup"), Parcel.DELIVERY: self.tr("Delivery"),
                Parcel.TOWNSHIP: self.tr("Township"), Parcel.PROBLEM: self.tr("Problem")}.get(cat, cat)

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.category_label.setText(self.tr("Category:"))
        for i, cat in enumerate(CATEGORIES, start=1):
            self.category_buttons[cat].setText(f"{self.category_name(cat)}  (Alt+{i})")
        self.carrier_label.setText(self.tr("Bare numbers as:"))
        self.scan.setPlaceholderText(self.tr("Scan a waybill (Enter or Tab ends it)"))
        self.list_title.setText(self.tr("Today's arrivals, newest first"))
        self.import_button.setText(self.tr("Import manifest…"))
        self.reprint_button.setText(self.tr("Reprint label (Alt+P)"))
        self.carrier_button.setText(self.tr("Next carrier (Alt+C)"))
        self.take_held_button.setText(self.tr("Take in as a parcel (Alt+Enter)"))
        self.hint.setText(self.tr("Alt+C changes the carrier of the selected (or last) parcel"))
        self.model.columns = self._columns()
        if self.carrier_box.count():
            self.carrier_box.setItemText(0, self.tr("Automatic"))
        self._update_counts()
        self._update_rejected_title()
        if self.last_result is None:
            self.last_code.setText("—")

    # -- life cycle -------------------------------------------------------------------------
    def _load_settings(self) -> None:
        cfg = settings.get_many(("intake.default_category", "intake.couriers", "intake.routes",
                                 "waybill.custom_patterns", "outlet.carriers", "labels.print_mode",
                                 "labels.size"))
        self.print_mode = cfg["labels.print_mode"]
        self.label_size = cfg["labels.size"]
        for box, items in ((self.courier_box, cfg["intake.couriers"]),
                           (self.route_box, cfg["intake.routes"])):
            current = box.currentText()
            box.clear()
            box.addItems([str(i) for i in items])
            if current:
                box.setCurrentText(current)
        current = self.carrier_box.currentData()
        self.carrier_box.clear()
        self.carrier_box.addItem(self.tr("Automatic"), None)
        seen = []
        for c in waybill.known_carriers(cfg["waybill.custom_patterns"]) + list(cfg["outlet.carriers"]):
            if c not in seen:
                seen.append(c)
                self.carrier_box.addItem(c, c)
        if current:
            self.carrier_box.setCurrentIndex(max(0, self.carrier_box.findData(current)))
        if not self._settings_loaded:
            self._settings_loaded = True
            self.set_category(cfg["intake.default_category"])

    def refresh(self) -> None:
        if self.ctx.actor is None:
            return
        self._load_settings()
        self.model.reload()
        self.table.resizeColumnsToContents()
        # a longer waybill scanned later must not be cut off: room for the longest format (JD)
        widest = self.table.fontMetrics().horizontalAdvance("JDVB0000000000000") + 12
        if self.table.columnWidth(1) < widest:
            self.table.setColumnWidth(1, widest)
        widest = self.table.fontMetrics().horizontalAdvance("邮政（或 EMS、韵达）") + 12
        if self.table.columnWidth(2) < widest:
            self.table.setColumnWidth(2, widest)
        self._update_counts()

    def focus_default(self) -> None:
        self.scan.reclaim()

    def _on_changes(self, kinds) -> None:
        if self._emitting:
            return
        super()._on_changes(kinds)

    def _load(self, offset: int, limit: int):
        return intake.today_rows(self.ctx.now().date(), offset, limit)

    # -- category ---------------------------------------------------------------------------
    def set_category(self, cat: str) -> None:
        if cat not in CATEGORIES:
            cat = Parcel.PICKUP
        self.category = cat
        self.category_buttons[cat].setChecked(True)
        self.courier_box.setVisible(cat == Parcel.DELIVERY)
        self.route_box.setVisible(cat == Parcel.TOWNSHIP)
        self.scan.reclaim()

    # -- scanning ---------------------------------------------------------------------------
    def on_scanned(self, text: str) -> None:
        actor = self.ctx.actor
        if actor is None:
            return
        if self.held is not None:
            self._leave_out_held()          # the next scan leaves a held number out
        args = dict(category=self.category,
                    courier=self.courier_box.currentText() or None if self.category == Parcel.DELIVERY else None,
                    route=self.route_box.currentText() or None if self.category == Parcel.TOWNSHIP else None,
                    carrier=self.carrier_box.currentData())
        try:
            result = intake.receive_parcel(text, **args, actor=actor, now=self.ctx.now())
        except waybill.PossibleBagNumber as exc:
            voice.say_error(self.ctx, exc)
            self._hold(text, args, str(exc))
            self.scan.reclaim()
            return
        except OutletError as exc:
            voice.say_error(self.ctx, exc)
            self.reject(text, str(exc))
            self.scan.reclaim()
            return
        self._show_result(text, result)

    # -- a possible bag number: held for one key --------------------------------------------
    def _hold(self, text: str, args: dict, reason: str) -> None:
        """Neither refused nor taken in: an orange banner, one key takes it in, the next scan
        leaves it out.  Nothing waits: a burst goes on being stored."""
        self.held = dict(args, raw=text, reason=reason)
        self.take_held_button.setVisible(True)
        self._add_rejected(text, reason, duplicate=True)     # orange: on the list at once
        self.ctx.banner.show_message(
            reason + " " + self.tr("Alt+Enter takes it in as a parcel; the next scan leaves it out."),
            "warning", sound_kind=sound.DUPLICATE, timeout_ms=0)

    def _leave_out_held(self) -> None:
        self.held = None
        self.take_held_button.setVisible(False)
        self.rejected_count += 1
        self._update_rejected_title()

    def take_held(self) -> None:
        held = self.held
        if held is None or self.ctx.actor is None:
            self.scan.reclaim()
            return
        self.held = None
        self.take_held_button.setVisible(False)
        args = {k: v for k, v in held.items() if k not in ("raw", "reason")}
        try:
            result = intake.receive_parcel(held["raw"], **args, as_parcel=True, actor=self.ctx.actor,
                                           now=self.ctx.now())
        except OutletError as exc:
            self.reject(held["raw"], str(exc))
            self.scan.reclaim()
            return
        self._show_result(held["raw"], result)

    def _show_result(self, text: str, result) -> None:
        voice.say_result(self.ctx, result)
        if result.duplicate:
            self.duplicate_count += 1
            self.ctx.banner.show_message(result.message, "warning", sound_kind=sound.DUPLICATE,
                                         timeout_ms=0)
            self._add_rejected(text, result.message, duplicate=True)
        else:
            self.accepted_count += 1
            self.last_result = result
            self.model.insert_top(intake.IntakeRow(
                result.parcel_id, result.waybill, result.carrier, result.category, result.status,
                result.pickup_code, result.recipient_name, result.phone_masked, result.courier,
                result.route, result.manifest_matched, result.arrived_at))
            self.table.scrollToTop()
            self._show_last(result)
            self.ctx.banner.ok(result.message)
            if self.print_mode == "auto" and result.pickup_code:
                self._auto_print(result)
            self._emitting = True
            try:
                self.ctx.bus.emit_changes(result.changes)
            finally:
                self._emitting = False
        if result.duplicate:
            self._update_counts()
        else:
            self._count_accepted(result)
        self.scan.reclaim()

    def reject(self, text: str, reason: str) -> None:
        self.rejected_count += 1
        self.ctx.banner.error(reason)
        self._add_rejected(text, reason, duplicate=False)

    def _add_rejected(self, text: str, reason: str, *, duplicate: bool) -> None:
        stamp = self.ctx.now().strftime("%H:%M:%S")
        item = QListWidgetItem(f"{stamp}  {text}\n{reason}")
        item.setForeground(QColor("#ef6c00") if duplicate else QColor("#c62828"))
        item.setData(Qt.UserRole, (text, reason, duplicate))
        self.rejected.insertItem(0, item)
        self._update_rejected_title()

    def _update_rejected_title(self) -> None:
        self.rejected_title.setText(
            self.tr("Not taken in — rejected: %1, duplicates: %2")
            .replace("%1", str(self.rejected_count)).replace("%2", str(self.duplicate_count)))

    def _show_last(self, r: intake.IntakeResult) -> None:
        where = r.pickup_code or (self.category_name(r.category) + " " + (r.courier or r.route or "")).strip()
        self.last_code.setText(where)
        parts = [r.waybill, r.carrier]
        if len(r.candidates) > 1:
            parts.append(self.tr("could also be: %1 (Alt+C picks the next; remembered for numbers "
                                 "like this one)").replace("%1", i18n.punct("、").join(r.candidates[1:])))
        if r.recipient_name or r.phone_masked:
            parts.append(f"{r.recipient_name or ''} {r.phone_masked}".strip())
        if not r.manifest_matched:
            parts.append(self.tr("not in manifest"))
        self.last_detail.setText("  ·  ".join(parts))

    def _count_accepted(self, r: intake.IntakeResult) -> None:
        """One accepted scan: add it to the counts shown instead of counting the day again (two
        queries a scan).  A full count is made on every refresh (screen shown, data changed)."""
        c, day = getattr(self, "_counts", None), self.ctx.now().date()
        if c is None or self._counts_day != day or self.print_mode == "auto" \
                or r.arrived_at.date() != day:
            self._update_counts()
            return
        c["total"] += 1
        c[r.category] = c.get(r.category, 0) + 1
        if not r.manifest_matched:
            c["unmatched"] += 1
        if r.category == Parcel.PICKUP and r.pickup_code:
            self._unprinted += 1
        self._show_counts()

    def _update_counts(self) -> None:
        if self.ctx.actor is None:
            self.counts_label.setText("")
            return
        self._counts_day = self.ctx.now().date()
        self._counts = intake.today_counts(self._counts_day)
        self._unprinted = intake.unprinted_label_count(self._counts_day)
        self._show_counts()

    def _show_counts(self) -> None:
        c = self._counts
        self.counts_label.setText(
            self.tr("Today: %1 parcels · self-pickup %2 · delivery %3 · township %4 · problem %5 · "
                    "not in manifest %6")
            .replace("%1", str(c["total"])).replace("%2", str(c[Parcel.PICKUP]))
            .replace("%3", str(c[Parcel.DELIVERY])).replace("%4", str(c[Parcel.TOWNSHIP]))
            .replace("%5", str(c[Parcel.PROBLEM])).replace("%6", str(c["unmatched"])))
        unprinted = self._unprinted
        self.batch_button.setText(self.tr("Print today's labels (%1)").replace("%1", str(unprinted)))
        self.batch_button.setEnabled(unprinted > 0)

    # -- carrier correction -----------------------------------------------------------------
    def _current_row_index(self) -> int | None:
        sel = self.table.selectionModel().selectedRows()
        if sel:
            return sel[0].row()
        return 0 if self.model.rowCount() else None

    def cycle_carrier(self) -> None:
        """One keystroke: the selected (or newest) parcel's carrier becomes the next candidate."""
        i = self._current_row_index()
        if i is None or self.ctx.actor is None:
            self.scan.reclaim()
            return
        row = self.model.row_at(i)
        choices = intake.carrier_choices(row.id)
        if len(choices) < 2:
            self.ctx.banner.show_message(
                self.tr("%1 can only be %2.").replace("%1", row.waybill).replace("%2", row.carrier),
                "info")
            self.scan.reclaim()
            return
        nxt = choices[(choices.index(row.carrier) + 1) % len(choices)] if row.carrier in choices \
            else choices[0]
        self._emitting = True
        try:
            new = self.ctx.perform(lambda: intake.change_carrier(row.id, nxt, actor=self.ctx.actor,
                                                                 now=self.ctx.now()),
                                   changes=frozenset({changes.PARCELS}))
        finally:
            self._emitting = False
        if isinstance(new, intake.IntakeRow):
            self.model.replace_row(i, new)
            self.ctx.banner.ok(self.tr("%1 is now %2 (Alt+C again for the next one)")
                               .replace("%1", new.waybill).replace("%2", new.carrier))
        self.scan.reclaim()

    # -- labels -----------------------------------------------------------------------------
    def _label_pdf(self, ids) -> bytes | None:
        rows = intake.label_rows(ids)
        if not rows:
            return None
        return labels_pdf(rows, self.label_size)

    def _preview_labels(self, ids, *, title: str, suggested_name: str):
        """Build the labels on the IO executor (their rows are read on its thread) and open the
        preview when they are ready; the scan field keeps the focus meanwhile."""
        size = self.label_size

        def build():
            rows = intake.label_rows(ids)
            return labels_pdf(rows, size) if rows else None

        def opened(dialog):
            self.last_preview = dialog
            dialog.accepted.connect(lambda ids=ids: self._mark_printed(ids))

        self.label_job = printing.preview_in_background(
            self, self.ctx, build, kind="labels", title=title, suggested_name=suggested_name,
            on_preview=opened)
        self.scan.reclaim()
        return self.label_job

    def reprint_label(self):
        i = self._current_row_index()
        if i is None:
            self.scan.reclaim()
            return None
        row = self.model.row_at(i)
        if not row.pickup_code:
            self.ctx.banner.show_message(self.tr("%1 has no pickup code: no label.")
                                         .replace("%1", row.waybill), "info")
            self.scan.reclaim()
            return None
        return self._preview_labels([row.id], title=self.tr("Pickup-code label"),
                                    suggested_name=f"label-{row.waybill}.pdf")

    def print_batch(self):
        ids = intake.unprinted_label_ids(self.ctx.now().date())
        if not ids:
            self.scan.reclaim()
            return None
        return self._preview_labels(
            ids, title=self.tr("Pickup-code labels: %1").replace("%1", str(len(ids))),
            suggested_name=f"labels-{self.ctx.now():%Y%m%d-%H%M}.pdf")

    def _mark_printed(self, ids) -> None:
        self.ctx.perform(lambda: intake.mark_labels_printed(ids, actor=self.ctx.actor,
                                                            now=self.ctx.now()))
        self._update_counts()

    def _auto_print(self, result: intake.IntakeResult) -> None:
        name = printing.chosen_printer(self.ctx.prefs, "labels")
        if not name:
            self.last_detail.setText(self.last_detail.text() + "  ·  " +
                                     self.tr("no label printer chosen: use batch printing"))
            return
        # queued: the label is built and printed in the background, never inside the scan
        rows, size, actor = intake.label_rows([result.parcel_id]), self.label_size, self.ctx.actor

        def printed(_pages, pid=result.parcel_id):
            self.ctx.perform(lambda: intake.mark_labels_printed([pid], actor=actor, now=self.ctx.now()))

        def failed(exc, code=result.pickup_code):
            self.ctx.banner.show_message(self.tr("Label %1 not printed: %2").replace("%1", code)
                                         .replace("%2", str(exc)), "warning")

        printing.print_queue().submit(lambda: labels_pdf(rows, size), name, title=result.pickup_code,
                                      on_done=printed, on_error=failed)

    # -- manifests --------------------------------------------------------------------------
    def choose_manifest(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import arrival manifest"), str(Path.home()),
                                              self.tr("Manifests (*.csv *.xlsx *.txt)"))
        if path:
            self.import_manifest_file(path)
        self.scan.reclaim()

    def import_manifest_file(self, path: str):
        """Import in the background; the result comes back as a banner."""
        actor, now = self.ctx.actor, self.ctx.now()
        self.import_button.setEnabled(False)
        self.ctx.banner.show_message(self.tr("Importing %1 …").replace("%1", Path(path).name), "info")

        def done(res):
            self.import_button.setEnabled(True)
            self.ctx.banner.ok(res.message())
            self.ctx.bus.emit_changes(res.changes)
            self.scan.reclaim()

        def failed(exc):
            self.import_button.setEnabled(True)
            self.ctx.banner.error(str(exc))
            self.scan.reclaim()

        return run_in_background(lambda: intake.import_manifest(path, actor=actor, now=now),
                                 on_done=done, on_error=failed)

