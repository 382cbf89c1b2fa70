"""Returns / forwards (F5): start from a scan, the red-label checklist with photos, the red label,
dispatch in a burst, and the list of today's and open returns/forwards.

Keyboard: the scan field owns focus.  In the checklist: Ctrl+1 red label applied, Ctrl+2 take a
photo, Ctrl+3 import a photo file, Ctrl+4 outlet code struck out, Ctrl+P red label.  Ctrl+Enter
starts a return from the form.  Errors go to the banner; no modal box during a dispatch burst.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from outlet_desk import changes, evidence, i18n, settings
from outlet_desk.dates import stamp
from outlet_desk.errors import NotFound, OutletError
from outlet_desk.inbound import returns
from outlet_desk.models.returns import ReturnRecord

from .. import ops, printing
from ..camera import Camera, QtCamera
from ..dialogs.camera_dialog import CameraDialog
from ..dialogs.photo_viewer import PhotoViewer
from ..dialogs.return_form import ReturnForm
from ..models.rows import Column, RowsTableModel
from ..widgets.scanfield import ScanField
from ..widgets.tables import table_view
from .base import Screen

CHANGES = frozenset({changes.RETURNS, changes.PARCELS})
IMAGE_FILTER = "Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff *.heic)"


class ChecklistRowsModel(RowsTableModel):
    """The returns list: checklist cells green when done, red when missing."""

    CHECK_COLUMNS = (5, 6, 7)

    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.ForegroundRole and index.isValid() and index.column() in self.CHECK_COLUMNS:
            text = super().data(index, Qt.DisplayRole)
            if text == "×":
                return QColor("#c62828")
            if text and text != "—":
                return QColor("#2e7d32")
            return None
        if role == Qt.FontRole and index.isValid() and index.column() in self.CHECK_COLUMNS:
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)


class ReturnsScreen(Screen):
    FKEY = 5
    TITLE = "Returns / forwards"
    WATCHES = frozenset({changes.RETURNS, changes.PARCELS})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        evidence.configure(ctx.home)        # for photo callers that pass no home (database server)
        #: makes the camera; tests put a stand-in here (tests/ui/fakes.py)
        self.camera_factory = lambda: QtCamera()
        self.current = None                 # ReturnInfo shown in the checklist
        self.camera_dialog: CameraDialog | None = None
        self.viewer: PhotoViewer | None = None
        self.preview_dialog = None

        layout = QVBoxLayout(self)
        self.add_heading_and_tabs(layout)

        # -- tab 1: start / checklist ------------------------------------------------------------
        work = QWidget()
        wl = QVBoxLayout(work)
        self.scan = ScanField()
        wl.addWidget(self.scan)
        self.pages = QStackedWidget()
        wl.addWidget(self.pages, 1)
        # page 0: nothing selected
        self.idle = QLabel()
        self.idle.setAlignment(Qt.AlignCenter)
        self.idle.setWordWrap(True)
        self.pages.addWidget(self.idle)
        # page 1: start form
        start = QWidget()
        sl = QVBoxLayout(start)
        # a waybill the outlet never had: asked once — the customer's own parcel, or mistyped?
        self.unknown_box = QGroupBox()
        self.unknown_box.setObjectName("returns_unknown")
        self.unknown_box.setStyleSheet(
            "QGroupBox#returns_unknown{border:2px solid #ef6c00;border-radius:4px;margin-top:12px;"
            "padding-top:8px;font-weight:bold;}"
            "QGroupBox#returns_unknown::title{subcontrol-origin:margin;left:8px;padding:0 4px;}")
        ul = QVBoxLayout(self.unknown_box)
        self.unknown_text = QLabel()
        self.unknown_text.setWordWrap(True)
        ul.addWidget(self.unknown_text)
        urow = QHBoxLayout()
        self.own_button = QPushButton()
        self.own_button.clicked.connect(self.answer_customer_own)
        urow.addWidget(self.own_button)
        self.suggestion_buttons: list[QPushButton] = []
        for i in range(3):
            b = QPushButton()
            b.clicked.connect(lambda _c=False, i=i: self.answer_suggestion(i))
            self.suggestion_buttons.append(b)
            urow.addWidget(b)
        self.rescan_button = QPushButton()
        self.rescan_button.clicked.connect(self.show_idle)
        urow.addWidget(self.rescan_button)
        urow.addStretch(1)
        ul.addLayout(urow)
        sl.addWidget(self.unknown_box)
        self.unknown_question = None        # returns.UnknownWaybill while it is unanswered
        self.customer_own = False
        self.start_box = QGroupBox()
        bl = QVBoxLayout(self.start_box)
        self.form = ReturnForm()
        bl.addWidget(self.form)
        row = QHBoxLayout()
        self.start_button = QPushButton()
        self.start_cancel = QPushButton()
        row.addWidget(self.start_button)
        row.addWidget(self.start_cancel)
        row.addStretch(1)
        bl.addLayout(row)
        sl.addWidget(self.start_box)
        sl.addStretch(1)
        self.pages.addWidget(start)
        # page 2: the record and its checklist
        detail = QWidget()
        dl = QHBoxLayout(detail)
        left = QVBoxLayout()
        self.record_title = QLabel()
        tf = self.record_title.font()
        tf.setPointSize(15)
        tf.setBold(True)
        self.record_title.setFont(tf)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextSelectableByMouse)
        left.addWidget(self.record_title)
        left.addWidget(self.facts)
        self.check_box = QGroupBox()
        grid = QGridLayout(self.check_box)
        self.item_labels = {}
        self.item_buttons = {}
        self.label_button = QPushButton()
        self.photo_button = QPushButton()
        self.import_button = QPushButton()
        self.struck_button = QPushButton()
        for r, key in enumerate(("label", "photo", "struck")):
            lab = QLabel()
            lab.setTextFormat(Qt.RichText)
            self.item_labels[key] = lab
            grid.addWidget(lab, r, 0)
        grid.addWidget(self.label_button, 0, 1)
        pb = QHBoxLayout()
        pb.addWidget(self.photo_button)
        pb.addWidget(self.import_button)
        grid.addLayout(pb, 1, 1)
        grid.addWidget(self.struck_button, 2, 1)
        grid.setColumnStretch(0, 1)
        left.addWidget(self.check_box)
        self.state = QLabel()
        sf = self.state.font()
        sf.setPointSize(13)
        sf.setBold(True)
        self.state.setFont(sf)
        self.state.setWordWrap(True)
        left.addWidget(self.state)
        actions = QHBoxLayout()
        self.print_button = QPushButton()
        self.cancel_return_button = QPushButton()
        actions.addWidget(self.print_button)
        actions.addWidget(self.cancel_return_button)
        actions.addStretch(1)
        left.addLayout(actions)
        left.addStretch(1)
        dl.addLayout(left, 3)
        right = QVBoxLayout()
        self.photos_label = QLabel()
        right.addWidget(self.photos_label)
        self.thumbs = QListWidget()
        self.thumbs.setViewMode(QListWidget.IconMode)
        self.thumbs.setIconSize(QSize(150, 112))
        self.thumbs.setResizeMode(QListWidget.Adjust)
        self.thumbs.setMovement(QListWidget.Static)
        self.thumbs.setSpacing(6)
        self.thumbs.setMinimumWidth(340)
        right.addWidget(self.thumbs, 1)
        dl.addLayout(right, 2)
        self.pages.addWidget(detail)
        self.tabs.addTab(work, "")

        # -- tab 2: dispatch burst ---------------------------------------------------------------
        disp = QWidget()
        dsl = QVBoxLayout(disp)
        self.dispatch_hint = QLabel()
        self.dispatch_hint.setWordWrap(True)
        dsl.addWidget(self.dispatch_hint)
        self.dispatch_scan = ScanField()
        dsl.addWidget(self.dispatch_scan)
        self.dispatch_count = QLabel()
        self.dispatch_ready = QLabel()
        self.dispatch_ready.setWordWrap(True)
        dsl.addWidget(self.dispatch_ready)
        dsl.addWidget(self.dispatch_count)
        self.dispatched_model = RowsTableModel(self._dispatch_columns())
        self.dispatched_view = table_view(self.dispatched_model)
        dsl.addWidget(self.dispatched_view, 1)
        self.tabs.addTab(disp, "")

        # -- tab 3: list -------------------------------------------------------------------------
        lst = QWidget()
        ll = QVBoxLayout(lst)
        filters = QHBoxLayout()
        self.scope = QComboBox()
        for key in ("today", "open", "dispatched", "all"):
            self.scope.addItem("", key)
        self.kind_filter = QComboBox()
        for key in ("", ReturnRecord.RETURN, ReturnRecord.FORWARD):
            self.kind_filter.addItem("", key)
        self.text_filter = QLineEdit()
        self.text_filter.setClearButtonEnabled(True)
        filters.addWidget(self.scope)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.text_filter, 1)
        ll.addLayout(filters)
        self.list_model = ChecklistRowsModel(self._list_columns(), loader=self._load_list, page=200)
        self.list_view = table_view(self.list_model)
        ll.addWidget(self.list_view, 1)
        lrow = QHBoxLayout()
        self.open_button = QPushButton()
        self.received_button = QPushButton()
        self.print_selected_button = QPushButton()
        lrow.addWidget(self.open_button)
        lrow.addWidget(self.received_button)
        lrow.addWidget(self.print_selected_button)
        lrow.addStretch(1)
        ll.addLayout(lrow)
        self.tabs.addTab(lst, "")

        # -- wiring ------------------------------------------------------------------------------
        self.scan.scanned.connect(self.on_scan)
        self.start_button.clicked.connect(self.start_current)
        self.start_cancel.clicked.connect(self.show_idle)
        self.form.submitted.connect(self.start_current)
        self.label_button.clicked.connect(self.confirm_label)
        self.photo_button.clicked.connect(self.take_photo)
        self.import_button.clicked.connect(lambda: self.import_photo())
        self.struck_button.clicked.connect(self.confirm_struck)
        self.print_button.clicked.connect(lambda: self.print_label())
        self.cancel_return_button.clicked.connect(lambda: self.cancel_current())
        self.thumbs.itemActivated.connect(self.open_photo)
        self.thumbs.itemClicked.connect(self.open_photo)
        self.dispatch_scan.scanned.connect(self.on_dispatch_scan)
        self.scope.currentIndexChanged.connect(self.reload_list)
        self.kind_filter.currentIndexChanged.connect(self.reload_list)
        self.text_filter.textChanged.connect(self.reload_list)
        self.list_view.activated.connect(lambda _i: self.open_selected())   # Enter or double-click
        self.open_button.clicked.connect(self.open_selected)
        self.received_button.clicked.connect(lambda: self.mark_received())
        self.print_selected_button.clicked.connect(lambda: self.print_selected())
        self.tabs.currentChanged.connect(lambda _i: self.focus_default())
        for seq, slot in (("Ctrl+1", self.confirm_label), ("Ctrl+2", self.take_photo),
                          ("Ctrl+3", lambda: self.import_photo()), ("Ctrl+4", self.confirm_struck),
                          ("Ctrl+P", lambda: self.print_label()),
                          ("Alt+O", self.answer_customer_own),
                          ("Ctrl+Return", self.start_current), ("Ctrl+Enter", self.start_current)):
            sc = QShortcut(QKeySequence(seq), self, activated=slot)
            sc.setContext(Qt.WidgetWithChildrenShortcut)
        self.dispatched_today: list = []
        self.retranslate()
        self.show_idle()

    # -- helpers ------------------------------------------------------------------------------
    def _kind(self, kind: str) -> str:
        return self.tr("Return") if kind == ReturnRecord.RETURN else self.tr("Forward")

    def _status(self, status: str) -> str:
        return {ReturnRecord.OPEN: self.tr("to dispatch"), ReturnRecord.DISPATCHED: self.tr("dispatched"),
                ReturnRecord.RECEIVED: self.tr("received"),
                ReturnRecord.CANCELLED: self.tr("cancelled")}.get(status, status)

    def _dispatch_columns(self):
        return [Column(self.tr("Time"), lambda r: r.at.strftime("%H:%M:%S")),
                Column(self.tr("Type"), lambda r: self._kind(r.kind)),
                Column(self.tr("Waybill"), lambda r: r.waybill),
                Column(self.tr("Status"), lambda r: self.tr("returned") if r.status == "returned"
                       else self.tr("forwarded"))]

    def _list_columns(self):
        yes, no = "✓", "×"
        return [Column(self.tr("Type"), lambda r: self._kind(r.kind) + (self.tr(" · mis-sorted") if r.mis_sorted else "")),
                Column(self.tr("Waybill"), lambda r: r.waybill),
                Column(self.tr("Carrier"), lambda r: r.carrier),
                Column(self.tr("Reason"), lambda r: returns.reason_text(r.reason)),
                Column(self.tr("To"), lambda r: r.destination),
                Column(self.tr("Label"), lambda r: yes if r.label_done else no, Qt.AlignCenter),
                Column(self.tr("Photos"), lambda r: str(r.photo_count) if r.photo_count else no, Qt.AlignCenter),
                Column(self.tr("Code struck"), lambda r: "—" if r.struck_done is None else (yes if r.struck_done else no),
                       Qt.AlignCenter),
                Column(self.tr("Status"), lambda r: self._status(r.status)),
                Column(self.tr("Started"), lambda r: stamp(r.started_at)),
                Column(self.tr("By"), lambda r: r.started_by),
                Column(self.tr("Dispatched"), lambda r: stamp(r.dispatched_at))]

    def _load_list(self, offset: int, limit: int):
        return returns.list_returns(scope=self.scope.currentData() or "today",
                                    kind=self.kind_filter.currentData() or None,
                                    text=self.text_filter.text(), now=self.ctx.now(),
                                    offset=offset, limit=limit)

    # -- life cycle ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.tabs.setTabText(0, self.tr("Start && checklist"))
        self.tabs.setTabText(1, self.tr("Dispatch"))
        self.tabs.setTabText(2, self.tr("List"))
        self.scan.setPlaceholderText(self.tr("Scan a waybill: start a return/forward, or open its checklist"))
        self.idle.setText(self.tr("Scan the parcel's waybill above.\nEvery return and forward needs a "
                                  "red label and a photo; a mis-sorted parcel also needs our outlet "
                                  "code struck out. Dispatch is refused until all are done."))
        self.start_box.setTitle(self.tr("New return / forward"))
        self.unknown_box.setTitle(self.tr("Not a parcel of this outlet"))
        self.own_button.setText(self.tr("Customer's own parcel (Alt+O)"))
        self.rescan_button.setText(self.tr("Mistyped: scan again"))
        self._show_question()
        self.form.retranslate()
        self.start_button.setText(self.tr("Start (Ctrl+Enter)"))
        self.start_cancel.setText(self.tr("Cancel"))
        self.check_box.setTitle(self.tr("Red-label checklist"))
        self.label_button.setText(self.tr("Red label applied (Ctrl+1)"))
        self.photo_button.setText(self.tr("Take photo (Ctrl+2)"))
        self.import_button.setText(self.tr("Import photo file… (Ctrl+3)"))
        self.struck_button.setText(self.tr("Outlet code struck out (Ctrl+4)"))
        self.print_button.setText(self.tr("Print red label (Ctrl+P)"))
        self.cancel_return_button.setText(self.tr("Cancel this return…"))
        self.photos_label.setText(self.tr("Photos (click to enlarge)"))
        self.dispatch_hint.setText(self.tr("Scan returns and forwards out one after another. A parcel "
                                           "whose checklist is not complete is refused with what is missing."))
        self.dispatch_scan.setPlaceholderText(self.tr("Scan to dispatch"))
        for i, text in enumerate((self.tr("Today and open"), self.tr("Open (not dispatched)"),
                                  self.tr("Dispatched, not yet received"), self.tr("All"))):
            self.scope.setItemText(i, text)
        for i, text in enumerate((self.tr("Returns and forwards"), self.tr("Returns only"),
                                  self.tr("Forwards only"))):
            self.kind_filter.setItemText(i, text)
        self.text_filter.setPlaceholderText(self.tr("Filter: waybill, outlet, sender"))
        self.open_button.setText(self.tr("Open checklist"))
        self.received_button.setText(self.tr("Received by the other side"))
        self.print_selected_button.setText(self.tr("Print red labels of selected"))
        self.list_model.columns = self._list_columns()
        self.dispatched_model.columns = self._dispatch_columns()
        self._update_dispatch_count()
        if self.current is not None:
            self.show_record(self.current)

    def refresh(self) -> None:
        self.reload_list()
        self._update_ready()
        if self.current is not None:
            try:
                self.current = returns.get_return(self.current.id, self.ctx.home)
            except NotFound:   # the record is gone: back to idle
                self.current = None
            if self.current is not None and self.pages.currentIndex() == 2:
                self.show_record(self.current)

    def focus_default(self) -> None:
        index = self.tabs.currentIndex()
        if index == 1:
            self.dispatch_scan.reclaim()
        elif index == 2:
            self.list_view.setFocus()
        elif self.pages.currentIndex() == 1:
            self.form.kind.setFocus()
        else:
            self.scan.reclaim()

    def reload_list(self, *_):
        self.list_model.reload()

    # -- start --------------------------------------------------------------------------------
    def show_idle(self) -> None:
        self.current = None
        self.unknown_question = None
        self.customer_own = False
        self.pages.setCurrentIndex(0)
        self.scan.reclaim()

    def _show_question(self) -> None:
        q = self.unknown_question
        self.unknown_box.setVisible(q is not None)
        self.start_box.setEnabled(q is None)
        self.start_button.setEnabled(q is None)
        if q is None:
            return
        self.unknown_text.setText(
            self.tr("%1 was never received here. Is it the customer's own parcel, or was the number "
                    "mistyped?").replace("%1", q.waybill)
            + ("\n" + self.tr("Closest waybills in stock:") + " " + i18n.punct("、").join(q.suggestions)
               if q.suggestions else "\n" + self.tr("No similar waybill in stock.")))
        for i, b in enumerate(self.suggestion_buttons):
            b.setVisible(i < len(q.suggestions))
            if i < len(q.suggestions):
                b.setText(self.tr("It is %1").replace("%1", q.suggestions[i]))

    def answer_customer_own(self) -> None:
        if self.unknown_question is None or self.pages.currentIndex() != 1:
            return
        self.unknown_question = None
        self.customer_own = True
        self._show_question()
        self.form.kind.setFocus()

    def answer_suggestion(self, i: int) -> None:
        q = self.unknown_question
        if q is None or i >= len(q.suggestions):
            return
        self.on_scan(q.suggestions[i])

    def on_scan(self, waybill: str) -> None:
        self.tabs.setCurrentIndex(0)
        found = returns.find(waybill, self.ctx.home)
        if found is not None and found.status != ReturnRecord.CANCELLED:
            self.show_record(found)
            if found.status != ReturnRecord.OPEN:
                self.ctx.banner.show_message(
                    self.tr("%1 was dispatched on %2.").replace("%1", found.waybill)
                    .replace("%2", stamp(found.dispatched_at)), "info")
            self.scan.reclaim()
            return
        try:
            question = returns.unknown_waybill(waybill)
        except OutletError as exc:
            self.ctx.banner.error(str(exc))
            self.scan.reclaim()
            return
        self.pending_waybill = waybill
        self.unknown_question = question
        self.customer_own = False
        self.form.reset(question.waybill if question else waybill)
        self._show_question()
        self.pages.setCurrentIndex(1)
        if question is not None:
            self.ctx.banner.show_message(str(question), "warning")
            self.own_button.setFocus()
        else:
            self.form.kind.setFocus()

    def start_current(self) -> None:
        if self.pages.currentIndex() != 1 or self.tabs.currentIndex() != 0 \
                or self.unknown_question is not None:
            return
        waybill = self.form.waybill.text()
        values = self.form.values()
        own = self.customer_own
        info = self.ctx.perform(lambda: returns.start_return(waybill, **values, customer_own=own,
                                                             actor=self.ctx.actor,
                                                             now=self.ctx.now(), home=self.ctx.home),
                                changes=CHANGES)
        if info is None:
            return
        self.ctx.banner.ok(self.tr("%1 started: %2. Stick the red label on, then confirm.")
                           .replace("%1", self._kind(info.kind)).replace("%2", info.waybill))
        self.show_record(info)
        self.scan.reclaim()

    # -- the record ---------------------------------------------------------------------------
    def open_record(self, return_id: int) -> None:
        self.tabs.setCurrentIndex(0)
        self.show_record(returns.get_return(return_id, self.ctx.home))
        self.scan.reclaim()

    def show_record(self, info) -> None:
        self.current = info
        self.pages.setCurrentIndex(2)
        mis = self.tr(" · mis-sorted") if info.mis_sorted else ""
        self.record_title.setText(f"{self._kind(info.kind)}{mis}  {info.waybill}  ({info.carrier})")
        facts = [self.tr("Reason: %1").replace("%1", returns.reason_text(info.reason) + (i18n.punct("（") + info.note + i18n.punct("）")
                                                                     if info.note else ""))]
        if info.kind == ReturnRecord.FORWARD:
            facts.append(self.tr("Forward to: %1").replace("%1", info.destination))
        else:
            facts.append(self.tr("Sender: %1").replace("%1", info.destination))
        if info.mis_sorted:
            facts.append(self.tr("Should have gone to: %1").replace("%1", info.should_have_gone))
        facts.append(self.tr("Started %1 by %2").replace("%1", stamp(info.started_at))
                     .replace("%2", info.started_by or "—"))
        facts.append(self.tr("Status: %1").replace("%1", self._status(info.status)))
        self.facts.setText("\n".join(facts))
        editable = info.status == ReturnRecord.OPEN
        items = {i.key: i for i in info.checklist}
        for key in ("label", "photo", "struck"):
            item = items.get(key)
            lab = self.item_labels[key]
            lab.setVisible(item is not None)
            if item is None:
                continue
            text = self._item_text(item)
            if item.done:
                lab.setText(f"<span style='color:#2e7d32;font-size:15px'>✓ {text}</span>"
                            f"<br><span style='color:#555'>{item.by} {stamp(item.at)}</span>")
            else:
                lab.setText(f"<span style='color:#c62828;font-size:15px'>× {text}</span>")
        self.label_button.setEnabled(editable and not items["label"].done)
        self.photo_button.setEnabled(editable)
        self.import_button.setEnabled(editable)
        self.struck_button.setVisible("struck" in items)
        self.struck_button.setEnabled(editable and "struck" in items and not items["struck"].done)
        self.cancel_return_button.setEnabled(editable)
        if not editable:
            self.state.setText(self.tr("Dispatched %1").replace("%1", stamp(info.dispatched_at)))
            self.state.setStyleSheet("color:#1565c0;")
        elif info.complete:
            self.state.setText(self.tr("Checklist complete: ready to dispatch"))
            self.state.setStyleSheet("color:#2e7d32;")
        else:
            self.state.setText(self.tr("Missing: %1").replace(
                "%1", self.tr(", ").join(self._item_text(i) for i in info.checklist if not i.done)))
            self.state.setStyleSheet("color:#c62828;")
        self.thumbs.clear()
        for photo in info.photos:
            pix = QPixmap(str(photo.path))
            item = QListWidgetItem(QIcon(pix.scaled(300, 224, Qt.KeepAspectRatio, Qt.SmoothTransformation))
                                   if not pix.isNull() else QIcon(),
                                   f"{photo.taken_by} {photo.taken_at:%H:%M}")
            item.setData(Qt.UserRole, photo)
            self.thumbs.addItem(item)

    def _item_text(self, item) -> str:
        if item.key == "label":
            return self.tr("Red label applied")
        if item.key == "photo":
            return self.tr("Photo of the labelled parcel")
        return self.tr("Outlet code “%1” struck out").replace("%1", str(settings.get("outlet.code")))

    def _after_change(self, info, message: str) -> None:
        if info is None:
            return
        self.show_record(info)
        self.ctx.banner.ok(message)
        self.scan.reclaim()

    def confirm_label(self) -> None:
        if self.current is None or self.pages.currentIndex() != 2:
            return
        rid = self.current.id
        info = self.ctx.perform(lambda: returns.confirm_label(rid, actor=self.ctx.actor, now=self.ctx.now(),
                                                              home=self.ctx.home), changes=CHANGES)
        self._after_change(info, self.tr("Red label confirmed."))

    def confirm_struck(self) -> None:
        if self.current is None or self.pages.currentIndex() != 2:
            return
        rid = self.current.id
        info = self.ctx.perform(lambda: returns.confirm_code_struck(rid, actor=self.ctx.actor,
                                                                    now=self.ctx.now(), home=self.ctx.home),
                                changes=CHANGES)
        self._after_change(info, self.tr("Outlet code struck out: confirmed."))

    def store_photo(self, data) -> None:
        if self.current is None:
            return
        rid = self.current.id
        info = self.ctx.perform(lambda: returns.add_photo(rid, data, actor=self.ctx.actor, now=self.ctx.now(),
                                                          home=self.ctx.home), changes=CHANGES)
        self._after_change(info, self.tr("Photo kept."))

    def take_photo(self) -> None:
        if self.current is None or self.pages.currentIndex() != 2 or not self.photo_button.isEnabled():
            return
        camera: Camera = self.camera_factory()
        ok, reason = camera.available()
        if not ok:
            if camera.parent() is None:
                camera.deleteLater()
            self.ctx.banner.error(self.tr("%1 Import a photo file instead.").replace("%1", reason))
            self.import_photo()
            return
        dialog = CameraDialog(camera, self)
        dialog.photo_taken.connect(self.store_photo)
        dialog.camera_failed.connect(self._camera_failed)
        self.camera_dialog = dialog
        dialog.show()
        dialog.start()

    def _camera_failed(self, reason: str) -> None:
        self.ctx.banner.error(self.tr("%1 Import a photo file instead.").replace("%1", reason))
        self.import_photo()

    def choose_file(self) -> str:
        """Asks for an image file (tests replace this)."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a photo of the labelled parcel"),
                                              str(Path.home()), IMAGE_FILTER)
        return path

    def import_photo(self, path: str | None = None) -> None:
        if self.current is None or self.pages.currentIndex() != 2 or not self.import_button.isEnabled():
            return
        path = path or self.choose_file()
        if path:
            self.store_photo(Path(path))
        self.scan.reclaim()

    def open_photo(self, item) -> None:
        photo = item.data(Qt.UserRole)
        if photo is None:
            return
        viewer = PhotoViewer(photo.path, f"{self.current.waybill if self.current else ''}  "
                             f"{photo.taken_by} {photo.taken_at:%Y-%m-%d %H:%M}  {photo.width}×{photo.height}",
                             can_delete=self.ctx.actor is not None and self.ctx.actor.is_manager,
                             photo_hash=photo.hash, parent=self)
        viewer.delete_requested.connect(self.delete_photo)
        self.viewer = viewer
        viewer.show()

    def delete_photo(self, photo_hash: str, reason: str) -> None:
        rid = self.current.id if self.current else None
        done = self.ctx.perform(lambda: evidence.delete_photo(photo_hash, reason, actor=self.ctx.actor,
                                                              now=self.ctx.now(), home=self.ctx.home,
                                                              purpose=returns.PHOTO_PURPOSE, ref=rid),
                                changes=CHANGES)
        if done is not None:
            if self.viewer is not None:
                self.viewer.close()
            if rid is not None:
                self.show_record(returns.get_return(rid, self.ctx.home))
            self.ctx.banner.ok(self.tr("Photo deleted (recorded in the audit log)."))

    def print_label(self, output_file: str | None = None):
        """Preview the red label (or, with ``output_file``, print it to that PDF file)."""
        if self.current is None or self.pages.currentIndex() != 2:
            return None
        return self._print([self.current.id], output_file, self.current.waybill)

    def _print(self, ids, output_file, name):
        """The red label is built in the background; then printed to ``output_file`` or
        previewed.  Returns the job (its ``preview``, or its ``pages`` once printed)."""
        now, home = self.ctx.now(), self.ctx.home
        ids = list(ids)

        def build():
            return returns.red_label_pdf(ids, now=now, home=home)

        if output_file:
            def printed(pdf):
                job.pages = printing.print_pdf(pdf, "", title=self.tr("Red label"),
                                               output_file=output_file)
                self.ctx.banner.ok(self.tr("Red label printed."))

            job = ops.perform(self.ctx, build, kind=ops.IO, on_done=printed,
                              label=printing.building(self.tr("Red label")))
            job.pages = None
            return job

        def opened(dialog):
            self.preview_dialog = dialog

        self.label_job = printing.preview_in_background(
            self, self.ctx, build, kind="labels", title=self.tr("Red label"),
            suggested_name=f"red-label-{name}.pdf", on_preview=opened)
        return self.label_job

    def cancel_current(self, reason: str | None = None) -> None:
        if self.current is None or self.current.status != ReturnRecord.OPEN:
            return
        if reason is None:
            from PySide6.QtWidgets import QInputDialog
            reason, ok = QInputDialog.getText(self, self.tr("Cancel this return"),
                                              self.tr("Why? (the parcel goes back to stock)"))
            if not ok:
                return
        rid = self.current.id
        info = self.ctx.perform(lambda: returns.cancel_return(rid, reason, actor=self.ctx.actor,
                                                              now=self.ctx.now(), home=self.ctx.home),
                                changes=CHANGES)
        if info is not None:
            self.ctx.banner.ok(self.tr("Cancelled: %1 is back in stock.").replace("%1", info.waybill))
            self.show_idle()

    # -- dispatch -----------------------------------------------------------------------------
    def on_dispatch_scan(self, waybill: str) -> None:
        result = self.ctx.perform(lambda: returns.dispatch(waybill, actor=self.ctx.actor, now=self.ctx.now(),
                                                           home=self.ctx.home), changes=CHANGES)
        if result is not None:
            self.dispatched_model.insert_top(result)
            self.dispatched_view.resizeColumnsToContents()
            self._update_dispatch_count()
            self.ctx.banner.ok(self.tr("%1 dispatched: %2").replace("%1", self._kind(result.kind))
                               .replace("%2", result.waybill))
        self.dispatch_scan.reclaim()

    def _update_ready(self) -> None:
        rows = returns.list_returns(scope="open", now=self.ctx.now(), limit=1000)
        ready = [r for r in rows if r.complete]
        waiting = [r for r in rows if not r.complete]
        text = self.tr("Ready to dispatch: %1").replace("%1", str(len(ready)))
        if ready:
            text += "  (" + ", ".join(r.waybill for r in ready[:6]) + (" …" if len(ready) > 6 else "") + ")"
        text += "\n" + self.tr("Checklist not complete (refused at dispatch): %1").replace("%1", str(len(waiting)))
        self.dispatch_ready.setText(text)

    def _update_dispatch_count(self) -> None:
        self.dispatch_count.setText(self.tr("Dispatched in this session: %1")
                                    .replace("%1", str(self.dispatched_model.rowCount())))

    # -- list ---------------------------------------------------------------------------------
    def selected_rows(self):
        rows = sorted({i.row() for i in self.list_view.selectionModel().selectedRows()})
        return [self.list_model.row_at(r) for r in rows]

    def open_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.open_record(rows[0].id)

    def mark_received(self, note: str = "") -> None:
        rows = self.selected_rows()
        if not rows:
            self.ctx.banner.error(self.tr("Select a dispatched return or forward first."))
            return
        for row in rows:
            if self.ctx.perform(lambda r=row: returns.mark_received(r.id, note, actor=self.ctx.actor,
                                                                    now=self.ctx.now(), home=self.ctx.home),
                                changes=CHANGES) is None:
                return
        self.ctx.banner.ok(self.tr("Recorded as received: %1").replace("%1", str(len(rows))))

    def print_selected(self, output_file: str | None = None):
        rows = self.selected_rows()
        if not rows:
            self.ctx.banner.error(self.tr("Select the returns or forwards to label first."))
            return None
        return self._print([r.id for r in rows], output_file, rows[0].waybill)
