"""Sign-off & upload (F6): 派件/妥投, 签收 (batch + scan-to-sign), 上传 (counts, rejected, export)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
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
    QProgressDialog,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from outlet_desk import changes, i18n, settings
from outlet_desk.dates import stamp
from outlet_desk.db import database
from outlet_desk.models import Outbox, Parcel
from outlet_desk.signoff import delivery, outbox, signoff
from outlet_desk.signoff.signoff import SIGNER_TYPES, BatchFilter

from .. import ops
from ..models.rows import Column, RowsTableModel
from ..upload_worker import UploadController
from ..widgets.scanfield import ScanField
from ..widgets.tables import table_view
from .base import Screen

PROGRESS_THRESHOLD = 50      # show the cancellable progress dialog from this many records


class FixDialog(QDialog):
    """Correct a rejected sign-off: signer type and name.  Non-modal (the scanner and the counter
    keep working while it is open): 确定 emits ``submitted(signer_type, signer_name)``; the screen
    closes it once the fix is stored, or leaves it open with the reason in the banner."""

    submitted = Signal(str, str)

    def __init__(self, row, parent=None):
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(self.tr("Fix and send again"))
        layout = QVBoxLayout(self)
        reason = QLabel(self.tr("Head office refused it: %1").replace("%1", row.last_error or ""))
        reason.setWordWrap(True)
        layout.addWidget(reason)
        form = QFormLayout()
        self.signer_type = QComboBox()
        for t in SIGNER_TYPES:      # shown in the person's language, the stored word as data
            self.signer_type.addItem(signoff.signer_type_label(t), t)
        current = row.payload.get("signer_type")
        if current in SIGNER_TYPES:
            self.signer_type.setCurrentIndex(self.signer_type.findData(current))
        self.signer_name = QLineEdit(row.payload.get("signer_name") or "")
        form.addRow(self.tr("Waybill"), QLabel(row.waybill))
        form.addRow(self.tr("Signer type"), self.signer_type)
        form.addRow(self.tr("Signer name"), self.signer_name)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(lambda: self.submitted.emit(*self.values()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, str]:
        return self.signer_type.currentData(), self.signer_name.text()


class SignoffScreen(Screen):
    FKEY = 6
    TITLE = "Sign-off & upload"
    WATCHES = frozenset({changes.SIGNOFF, changes.UPLOAD, changes.PARCELS, changes.SETTINGS})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.progress_dialog: QProgressDialog | None = None
        self.fix_dialog: FixDialog | None = None
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(300)
        self._refresh_timer.timeout.connect(self._refresh_if_visible)
        self.uploader = UploadController(ctx, self)
        self.uploader.started.connect(self._upload_started)
        self.uploader.progress.connect(self._upload_progress)
        self.uploader.finished.connect(self._upload_finished)

        layout = QVBoxLayout(self)
        self.cutoff = QLabel()
        self.cutoff.setObjectName("cutoff")
        font = self.cutoff.font()
        font.setPointSize(14)
        font.setBold(True)
        self.cutoff.setFont(font)
        self.cutoff.setMargin(6)
        layout.addWidget(self.cutoff)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_delivery(), "")
        self.tabs.addTab(self._build_sign(), "")
        self.tabs.addTab(self._build_upload(), "")
        self.tabs.setCurrentIndex(1)
        self.tabs.currentChanged.connect(lambda _i: self.focus_default())

        self.clock = QTimer(self)
        self.clock.timeout.connect(self.refresh_cutoff)
        self.clock.start(30000)
        self.retranslate()
        if database.obj is not None and settings.get("upload.auto"):   # no database: first run
            self.uploader.start(first_delay=float(settings.get("upload.interval_seconds")))

    # -- building ---------------------------------------------------------------------------
    def _build_delivery(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        out_box = QGroupBox()
        self.out_box = out_box
        g = QGridLayout(out_box)
        self.courier = QComboBox()
        self.courier.setEditable(True)
        self.courier.setMinimumWidth(140)
        self.route = QLineEdit()
        self.out_scan = ScanField()
        self.out_scan.scanned.connect(self.on_scan_out)
        self.courier_label, self.route_label = QLabel(), QLabel()
        g.addWidget(self.courier_label, 0, 0)
        g.addWidget(self.courier, 0, 1)
        g.addWidget(self.route_label, 0, 2)
        g.addWidget(self.route, 0, 3)
        g.addWidget(self.out_scan, 1, 0, 1, 4)
        v.addWidget(out_box)

        rep_box = QGroupBox()
        self.rep_box = rep_box
        h = QVBoxLayout(rep_box)
        row = QHBoxLayout()
        self.report_scan = ScanField()
        self.report_scan.scanned.connect(self.on_scan_delivered)
        self.report_selected = QPushButton()
        self.report_selected.clicked.connect(self.report_selected_delivered)
        row.addWidget(self.report_scan, 1)
        row.addWidget(self.report_selected)
        h.addLayout(row)
        self.out_model = RowsTableModel([])
        self.out_view = table_view(self.out_model, fit_columns=False)
        h.addWidget(self.out_view, 1)
        v.addWidget(rep_box, 1)
        self.courier.currentTextChanged.connect(lambda _t: self.refresh_out())
        return page

    def _build_sign(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        batch = QGroupBox()
        self.batch_box = batch
        g = QGridLayout(batch)
        self.f_courier, self.f_route, self.f_category = QComboBox(), QComboBox(), QComboBox()
        self.f_labels = [QLabel(), QLabel(), QLabel()]
        for i, (lab, combo) in enumerate(zip(self.f_labels, (self.f_courier, self.f_route,
                                                              self.f_category))):
            combo.setMinimumWidth(130)
            g.addWidget(lab, 0, i * 2)
            g.addWidget(combo, 0, i * 2 + 1)
            combo.currentIndexChanged.connect(lambda _i: self.refresh_queue())
        self.signer_type = QComboBox()
        self.signer_name = QLineEdit()
        self.signer_name.setMaxLength(20)
        self.signer_type_label, self.signer_name_label = QLabel(), QLabel()
        g.addWidget(self.signer_type_label, 1, 0)
        g.addWidget(self.signer_type, 1, 1)
        g.addWidget(self.signer_name_label, 1, 2)
        g.addWidget(self.signer_name, 1, 3, 1, 3)
        v.addWidget(batch)
        row = QHBoxLayout()
        self.sign_scan = ScanField()
        self.sign_scan.setObjectName("signScan")
        self.sign_scan.scanned.connect(self.on_scan_sign)
        self.sign_all = QPushButton()
        self.sign_all.setMinimumHeight(40)
        self.sign_all.clicked.connect(self.sign_all_selected)
        row.addWidget(self.sign_scan, 1)
        row.addWidget(self.sign_all)
        v.addLayout(row)
        lists = QHBoxLayout()
        left = QVBoxLayout()
        self.queue_title = QLabel()
        left.addWidget(self.queue_title)
        self.queue_model = RowsTableModel([], loader=self._load_queue)
        self.queue_view = table_view(self.queue_model, fit_columns=False)
        left.addWidget(self.queue_view, 1)
        right = QVBoxLayout()
        self.signed_title = QLabel()
        right.addWidget(self.signed_title)
        self.signed_model = RowsTableModel([], loader=self._load_signed)
        self.signed_view = table_view(self.signed_model, fit_columns=False)
        right.addWidget(self.signed_view, 1)
        buttons = QHBoxLayout()
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(self.undo_selected)
        self.reverse_button = QPushButton()
        self.reverse_button.clicked.connect(lambda: self.reverse_selected())
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.reverse_button)
        buttons.addStretch(1)
        right.addLayout(buttons)
        lists.addLayout(left, 1)
        lists.addLayout(right, 1)
        v.addLayout(lists, 1)
        return page

    def _build_upload(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        top = QHBoxLayout()
        top.setSpacing(24)
        self.count_pending, self.count_sent, self.count_rejected = QLabel(), QLabel(), QLabel()
        for w in (self.count_pending, self.count_sent, self.count_rejected):
            f = w.font()
            f.setPointSize(14)
            w.setFont(f)
            top.addWidget(w)
        top.addStretch(1)
        self.upload_button = QPushButton()
        self.upload_button.setMinimumHeight(40)
        self.upload_button.clicked.connect(self.upload_now)
        top.addWidget(self.upload_button)
        v.addLayout(top)
        self.upload_state = QLabel()
        self.upload_state.setWordWrap(True)
        self.endpoint = QLabel()
        self.endpoint.setStyleSheet("color:#555;")
        v.addWidget(self.upload_state)
        v.addWidget(self.endpoint)
        self.rejected_title = QLabel()
        v.addWidget(self.rejected_title)
        self.rejected_model = RowsTableModel([], loader=lambda o, n: outbox.records(
            Outbox.REJECTED, offset=o, limit=n))
        self.rejected_view = table_view(self.rejected_model, fit_columns=False)
        self.rejected_view.setSelectionMode(QAbstractItemView.SingleSelection)
        v.addWidget(self.rejected_view, 1)
        row = QHBoxLayout()
        self.fix_button = QPushButton()
        self.fix_button.clicked.connect(lambda: self.fix_selected())
        row.addWidget(self.fix_button)
        row.addStretch(1)
        self.export_day = QDateEdit()
        self.export_day.setCalendarPopup(True)
        self.export_day.setDisplayFormat("yyyy-MM-dd")
        self.export_label = QLabel()
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self.export_to())
        row.addWidget(self.export_label)
        row.addWidget(self.export_day)
        row.addWidget(self.export_button)
        v.addLayout(row)
        return page

    # -- text -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Delivery out / delivered"))
        self.tabs.setTabText(1, self.tr("Sign-off"))
        self.tabs.setTabText(2, self.tr("Upload"))
        self.out_box.setTitle(self.tr("Scan parcels out to a courier"))
        self.courier_label.setText(self.tr("Courier"))
        self.route_label.setText(self.tr("Route (optional)"))
        self.out_scan.setPlaceholderText(self.tr("Scan a waybill to hand it to the courier"))
        self.rep_box.setTitle(self.tr("Courier's report: delivered"))
        self.report_scan.setPlaceholderText(self.tr("Scan a waybill the courier reports delivered"))
        self.report_selected.setText(self.tr("Mark selected delivered"))
        self.batch_box.setTitle(self.tr("Batch"))
        for lab, text in zip(self.f_labels, (self.tr("Courier"), self.tr("Route"),
                                             self.tr("Category"))):
            lab.setText(text)
        self.signer_type_label.setText(self.tr("Signer type"))
        self.signer_name_label.setText(self.tr("Signer name (optional)"))
        current = self.signer_type.currentIndex()
        self.signer_type.blockSignals(True)
        self.signer_type.clear()
        self.signer_type.addItem(self.tr("As recorded (counter: %1/%2)")
                                 .replace("%1", signoff.signer_type_label("本人"))  # zh-data: stored type
                                 .replace("%2", signoff.signer_type_label("代收")), None)  # zh-data
        for t in SIGNER_TYPES:
            self.signer_type.addItem(signoff.signer_type_label(t), t)
        self.signer_type.setCurrentIndex(max(0, current))
        self.signer_type.blockSignals(False)
        self.sign_scan.setPlaceholderText(self.tr("Scan each waybill to sign it off"))
        self.undo_button.setText(self.tr("Undo sign-off"))
        self.reverse_button.setText(self.tr("Reverse after upload (manager)…"))
        self.upload_button.setText(self.tr("Upload now"))
        self.fix_button.setText(self.tr("Fix and send again…"))
        self.export_label.setText(self.tr("Export sign-offs of"))
        self.export_button.setText(self.tr("Export CSV/XLSX…"))
        self.rejected_title.setText(self.tr("Rejected by head office (fix, then send again)"))
        self.out_model.columns = [
            Column(self.tr("Waybill"), lambda r: r.waybill),
            Column(self.tr("Carrier"), lambda r: r.carrier),
            Column(self.tr("Courier"), lambda r: r.courier),
            Column(self.tr("Route"), lambda r: r.route),
            Column(self.tr("Recipient"), lambda r: r.recipient),
            Column(self.tr("Phone"), lambda r: r.phone)]
        self.queue_model.columns = [
            Column(self.tr("Waybill"), lambda r: r.waybill),
            Column(self.tr("Carrier"), lambda r: r.carrier),
            Column(self.tr("How"), lambda r: self.tr("counter") if r.status == Parcel.RELEASED
                   else self.tr("courier")),
            Column(self.tr("Courier"), lambda r: r.courier),
            Column(self.tr("Since"), lambda r: stamp(r.due_at)),
            Column(self.tr("Recipient"), lambda r: r.recipient)]
        self.signed_model.columns = [
            Column(self.tr("Waybill"), lambda r: r.waybill),
            Column(self.tr("Signer"), lambda r: signoff.signer_type_label(r.signer_type)
                   + (f" {r.signer_name}" if r.signer_name else "")),
            Column(self.tr("Signed"), lambda r: r.signed_at.strftime("%H:%M:%S")),
            Column(self.tr("Clerk"), lambda r: r.clerk),
            Column(self.tr("Upload"), lambda r: r.upload_label),
            Column(self.tr("Note"), lambda r: r.reason)]
        self.rejected_model.columns = [
            Column(self.tr("Kind"), lambda r: r.kind_label),
            Column(self.tr("Waybill"), lambda r: r.waybill),
            Column(self.tr("Created"), lambda r: stamp(r.created_at)),
            Column(self.tr("Reason from head office"), lambda r: r.last_error)]
        for m in (self.out_model, self.queue_model, self.signed_model, self.rejected_model):
            m.headerDataChanged.emit(Qt.Horizontal, 0, max(0, len(m.columns) - 1))
        fm = self.signed_view.fontMetrics()

        def wide(texts, least):     # as wide as the longest word it shows, in this language
            return max([least] + [fm.horizontalAdvance(t) + 16 for t in texts])
        signer = wide([signoff.signer_type_label(t) + " 王师傅" for t in SIGNER_TYPES], 90)  # zh-data: a name
        upload = wide([i18n._(v) for v in signoff.UPLOAD_LABELS.values()], 70)
        for view, widths in ((self.out_view, (170,)), (self.queue_view, (170, 70, 80, 70)),
                             (self.signed_view, (170, signer, 80, 70, upload)),
                             (self.rejected_view, (80, 170, 110))):
            for col, width in enumerate(widths):
                view.setColumnWidth(col, width)
        if self.ctx.actor:
            self.refresh()

    # -- loading ----------------------------------------------------------------------------
    def batch_filter(self) -> BatchFilter:
        return BatchFilter(courier=self.f_courier.currentData(), route=self.f_route.currentData(),
                           category=self.f_category.currentData())

    def _load_queue(self, offset, limit):
        return signoff.queue(self.batch_filter(), offset=offset, limit=limit)

    def _load_signed(self, offset, limit):
        return signoff.signed(self.ctx.now().date(), offset=offset, limit=limit)

    def _fill_combo(self, combo: QComboBox, values, labels=None) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All"), None)
        for v in values:
            combo.addItem(i18n._(labels[v]) if labels and v in labels else v, v)
        index = combo.findData(current)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)

    def refresh(self) -> None:
        if self.ctx.actor is None:
            return
        choices = signoff.batch_choices()
        self._fill_combo(self.f_courier, choices.couriers)
        self._fill_combo(self.f_route, choices.routes)
        self._fill_combo(self.f_category, choices.categories, signoff.CATEGORY_LABELS)
        names = delivery.couriers()
        if [self.courier.itemText(i) for i in range(self.courier.count())] != names:
            text = self.courier.currentText()
            self.courier.blockSignals(True)
            self.courier.clear()
            self.courier.addItems(names)
            self.courier.setCurrentText(text or (names[0] if names else ""))
            self.courier.blockSignals(False)
        self.refresh_out()
        self.refresh_queue()
        self.signed_model.reload()
        self.signed_title.setText(self.tr("Signed today (select to undo)"))
        self.refresh_counts()
        self.reverse_button.setVisible(bool(self.ctx.actor and self.ctx.actor.is_manager))
        if not self.export_day.date().isValid() or self.export_day.property("set") is None:
            d = self.ctx.now().date()
            self.export_day.setDate(QDate(d.year, d.month, d.day))
            self.export_day.setProperty("set", True)

    def refresh_out(self) -> None:
        self.out_model.set_rows(delivery.out_for_delivery(self.courier.currentText() or None))

    def refresh_queue(self) -> None:
        self.queue_model.reload()
        n = signoff.queue_count(self.batch_filter())
        self.queue_title.setText(self.tr("Waiting for sign-off in this batch: %1").replace("%1", str(n)))
        self.sign_all.setText(self.tr("Sign all %1 in batch").replace("%1", str(n)))
        self.sign_all.setEnabled(n > 0)

    def refresh_counts(self) -> None:
        c = outbox.counts()
        self.count_pending.setText(self.tr("Waiting: %1").replace("%1", str(c.pending)))
        self.count_sent.setText(self.tr("Sent: %1").replace("%1", str(c.sent)))
        self.count_rejected.setText(self.tr("Rejected: %1").replace("%1", str(c.rejected)))
        self.count_rejected.setStyleSheet("color:#c62828;" if c.rejected else "")
        self.rejected_model.reload()
        values = settings.get_many(["upload.url", "upload.auto", "upload.interval_seconds"])
        self.endpoint.setText(self.tr("Head office: %1").replace("%1", values["upload.url"]))
        if not self.uploader.busy and not self.upload_state.text():
            self.upload_state.setText(
                self.tr("Uploads run in the background every %1 s; “Upload now” sends at once.")
                .replace("%1", str(values["upload.interval_seconds"])) if values["upload.auto"]
                else self.tr("Automatic upload is off: press “Upload now”."))
        self.refresh_cutoff()

    def refresh_cutoff(self) -> None:
        if self.ctx.actor is None or self.ctx.db_away:
            return
        info = signoff.cutoff_status(self.ctx.now())
        cut = info.cutoff.strftime("%H:%M") if info.cutoff else "--:--"
        left = abs(info.seconds_left) // 60
        span = self.tr("%1 h %2 min").replace("%1", str(left // 60)).replace("%2", str(left % 60))
        counts = self.tr("Unsigned: %1 · not uploaded: %2").replace("%1", str(info.unsigned)) \
            .replace("%2", str(info.not_uploaded))
        if info.late:
            text = self.tr("%1 — cut-off %2 passed %3 ago: sign off and upload now!") \
                .replace("%1", counts).replace("%2", cut).replace("%3", span)
            style = "background:#c62828;color:white;"
        elif info.seconds_left >= 0 and info.cutoff:
            text = self.tr("%1 — %2 left to the %3 cut-off").replace("%1", counts) \
                .replace("%2", span).replace("%3", cut)
            style = "background:#fff3e0;color:#e65100;" if info.outstanding else \
                "background:#e8f5e9;color:#2e7d32;"
        else:
            text = self.tr("%1 — all done for the %2 cut-off").replace("%1", counts).replace("%2", cut)
            style = "background:#e8f5e9;color:#2e7d32;"
        self.cutoff.setText(text)
        self.cutoff.setStyleSheet(style)
        self.cutoff.setProperty("late", info.late)

    def _on_changes(self, kinds) -> None:
        if not (self.WATCHES & kinds):
            return
        if self.isVisible():
            self._refresh_timer.start()      # debounced: a scanning burst refreshes once
        else:
            self._stale = True

    def _refresh_if_visible(self) -> None:
        if self.isVisible() and not self.ctx.db_away:
            self.refresh()
        else:
            self._stale = True

    def focus_default(self) -> None:
        field = {0: self.out_scan, 1: self.sign_scan}.get(self.tabs.currentIndex())
        if field is not None:
            field.reclaim()

    # -- delivery ---------------------------------------------------------------------------
    def on_scan_out(self, code: str) -> None:
        courier = self.courier.currentText().strip()
        res = self.ctx.perform(lambda: delivery.scan_out(
            code, courier, route=self.route.text(), actor=self.ctx.actor, now=self.ctx.now()))
        if res:
            self.ctx.bus.emit_changes(res.changes)
            self.ctx.banner.ok(self.tr("%1 handed to %2").replace("%1", res.waybill)
                               .replace("%2", res.courier))
        self.out_scan.reclaim()

    def on_scan_delivered(self, code: str) -> None:
        res = self.ctx.perform(lambda: delivery.report_delivered(
            waybills=[code], actor=self.ctx.actor, now=self.ctx.now()))
        if res:
            self.ctx.bus.emit_changes(res.changes)
            self.ctx.banner.ok(self.tr("%1 delivered: now waiting for sign-off").replace("%1", code))
        self.report_scan.reclaim()

    def report_selected_delivered(self) -> None:
        ids = [self.out_model.row_at(i.row()).parcel_id
               for i in self.out_view.selectionModel().selectedRows()]
        if not ids:
            self.ctx.banner.error(self.tr("Select the parcels the courier delivered."))
            return
        res = self.ctx.perform(lambda: delivery.report_delivered(
            parcel_ids=ids, actor=self.ctx.actor, now=self.ctx.now()))
        if res:
            self.ctx.bus.emit_changes(res.changes)
            self.ctx.banner.ok(self.tr("%1 parcels reported delivered").replace("%1", str(res.count)))

    # -- sign-off ---------------------------------------------------------------------------
    def _signer(self):
        return self.signer_type.currentData(), self.signer_name.text()

    def on_scan_sign(self, code: str) -> None:
        stype, sname = self._signer()
        flt = self.batch_filter()
        res = self.ctx.perform(lambda: signoff.sign_scanned(
            code, flt=flt if flt != BatchFilter() else None, signer_type=stype, signer_name=sname,
            actor=self.ctx.actor, now=self.ctx.now()))
        if res:
            self.ctx.bus.emit_changes(res.changes)
            self.ctx.banner.ok(self.tr("%1 signed off").replace("%1", res.waybills[0]))
        self.sign_scan.reclaim()

    def sign_all_selected(self) -> None:
        stype, sname = self._signer()
        flt = self.batch_filter()
        res = self.ctx.perform(lambda: signoff.sign(
            flt=flt, signer_type=stype, signer_name=sname, actor=self.ctx.actor,
            now=self.ctx.now()))
        if res:
            self.ctx.bus.emit_changes(res.changes)
            self.ctx.banner.ok(self.tr("%1 parcels signed off").replace("%1", str(res.count)))
        self.sign_scan.reclaim()

    def _selected_signed(self):
        rows = self.signed_view.selectionModel().selectedRows()
        if not rows:
            self.ctx.banner.error(self.tr("Select a sign-off in the list first."))
            return None
        return self.signed_model.row_at(rows[0].row())

    def undo_selected(self) -> None:
        row = self._selected_signed()
        if row is None:
            return
        if self.ctx.perform(lambda: signoff.undo(row.signoff_id, actor=self.ctx.actor,
                                                 now=self.ctx.now())):
            self.ctx.banner.ok(self.tr("Sign-off of %1 undone").replace("%1", row.waybill))
        self.sign_scan.reclaim()

    def reverse_selected(self, reason: str | None = None) -> None:
        row = self._selected_signed()
        if row is None:
            return
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Reverse sign-off"),
                                              self.tr("Reason (uploaded to head office):"))
            if not ok:
                return
        if self.ctx.perform(lambda: signoff.reverse(row.signoff_id, reason, actor=self.ctx.actor,
                                                    now=self.ctx.now())):
            self.ctx.banner.ok(self.tr("Sign-off of %1 reversed; the correction will be uploaded")
                               .replace("%1", row.waybill))

    # -- upload -----------------------------------------------------------------------------
    def upload_now(self) -> None:
        if self.uploader.busy:
            return
        pending = outbox.pending_count()
        if pending >= PROGRESS_THRESHOLD:
            dlg = QProgressDialog(self.tr("Uploading to head office…"), self.tr("Cancel"), 0,
                                  pending, self)
            dlg.setWindowTitle(self.tr("Upload"))
            dlg.setWindowModality(Qt.WindowModal)
            dlg.setMinimumDuration(0)
            dlg.setAutoClose(False)
            dlg.setAutoReset(False)
            dlg.canceled.connect(self.uploader.cancel)
            dlg.show()
            self.progress_dialog = dlg
        self.upload_state.setText(self.tr("Uploading…"))
        self.upload_button.setEnabled(False)
        self.uploader.upload_now()

    def _upload_started(self) -> None:
        self.upload_state.setText(self.tr("Uploading…"))

    def _upload_progress(self, done: int, total: int) -> None:
        self.upload_state.setText(self.tr("Uploaded %1 of %2").replace("%1", str(done))
                                  .replace("%2", str(total)))
        if self.progress_dialog is not None:
            self.progress_dialog.setMaximum(max(total, 1))
            self.progress_dialog.setValue(done)
        self.refresh_counts()

    def _upload_finished(self, result) -> None:
        self.uploader.busy = False
        self.upload_button.setEnabled(True)
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        if result.error:
            text = result.error
        elif result.cancelled:
            text = self.tr("Upload stopped; %1 records wait for the next upload.") \
                .replace("%1", str(result.remaining))
        else:
            text = self.tr("Upload done: %1 sent, %2 rejected, %3 waiting.") \
                .replace("%1", str(result.sent)).replace("%2", str(result.rejected)) \
                .replace("%3", str(result.remaining))
        self.upload_state.setText(text)
        self.ctx.bus.emit_changes({changes.UPLOAD, changes.SIGNOFF})

    def fix_selected(self, signer_type: str | None = None, signer_name: str = ""):
        """Fix the selected rejected record.  A sign-off without ``signer_type`` opens the
        non-modal :class:`FixDialog` (returned; also ``self.fix_dialog``)."""
        rows = self.rejected_view.selectionModel().selectedRows()
        if not rows:
            self.ctx.banner.error(self.tr("Select a rejected record first."))
            return None
        row = self.rejected_model.row_at(rows[0].row())
        if row.kind == "signoff" and signer_type is None:
            if self.fix_dialog is not None:
                self.fix_dialog.close()
            dlg = FixDialog(row, self)
            dlg.submitted.connect(lambda t, n: self._fix(row, t, n, dlg))
            dlg.finished.connect(lambda _r: self._fix_dialog_closed(dlg))
            self.fix_dialog = dlg
            dlg.show()
            return dlg
        return self._fix(row, signer_type, signer_name)

    def _fix_dialog_closed(self, dlg) -> None:
        if self.fix_dialog is dlg:
            self.fix_dialog = None
        dlg.deleteLater()

    def _fix(self, row, signer_type, signer_name, dlg=None):
        if row.kind == "signoff":
            done = self.ctx.perform(lambda: signoff.fix_rejected(
                row.id, signer_type=signer_type, signer_name=signer_name, actor=self.ctx.actor,
                now=self.ctx.now()))
        else:
            done = self.ctx.perform(lambda: outbox.resend(row.id, actor=self.ctx.actor,
                                                          now=self.ctx.now()))
        if done:
            self.ctx.banner.ok(self.tr("%1 will be sent again").replace("%1", row.waybill))
            if dlg is not None:
                dlg.accept()
        return done

    def export_to(self, path: str | None = None):
        qd = self.export_day.date()
        day = dt.date(qd.year(), qd.month(), qd.day())
        if path is None:
            path, _f = QFileDialog.getSaveFileName(
                self, self.tr("Export sign-offs"), str(Path.home() / f"signoffs-{day}.xlsx"),
                self.tr("Excel (*.xlsx);;CSV (*.csv)"))
            if not path:
                return
        actor, now, target = self.ctx.actor, self.ctx.now(), Path(path)
        done = self.tr("%1 sign-offs exported to %2")

        def exported(n):
            self.ctx.banner.ok(done.replace("%1", str(n)).replace("%2", str(target)))
        # a day's sign-offs to XLSX takes a while: in the background, the counter goes on
        return ops.perform(self.ctx, lambda: signoff.export(day, target, actor=actor, now=now),
                           label=self.tr("Exporting sign-offs …"), on_done=exported)
