"""Day close (F10): the day's ledger, the cash count, both clerks' confirmation, the manager's close,
the daily report, and the manager's month of accounts."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from outlet_desk import changes, money
from outlet_desk.dayclose import dayclose as dc
from outlet_desk.fen import parse_yuan
from outlet_desk.models.money import Payment
from outlet_desk.shifts import staff

from ..widgets.scroll import VerticalScroll
from .base import Screen, weekday_short

OPEN_BG = QColor("#fff3cd")
CONFIRMED_BG = QColor("#e3f2fd")
RED = QColor("#c62828")


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def _item(text, *, right=False, bg=None, fg=None) -> QTableWidgetItem:
    it = QTableWidgetItem(str(text))
    it.setFlags(Qt.ItemIsSelectable | Qt.ItemIsEnabled)
    if right:
        it.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
    if bg is not None:
        it.setBackground(QBrush(bg))
    if fg is not None:
        it.setForeground(QBrush(fg))
    return it


class DayCloseScreen(Screen):
    FKEY = 10
    TITLE = "Day close"
    WATCHES = frozenset({changes.CASH, changes.PARCELS, changes.OUTGOING, changes.SIGNOFF,
                         changes.UPLOAD, changes.RETURNS, changes.SETTINGS})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.ledger: dc.Ledger | None = None
        self.day_staff: list = []
        self.preview_dialog = None
        self._date_touched = False
        outer = QVBoxLayout(self)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs)
        self.reconcile_tab = QWidget()
        self.accounts_tab = QWidget()
        self.tabs.addTab(self.reconcile_tab, "")
        self.tabs.addTab(self.accounts_tab, "")
        self._build_reconcile()
        self._build_accounts()
        self.tabs.currentChanged.connect(lambda _i: self._refresh_tab())
        self.retranslate()

    # ------------------------------------------------------------------ reconcile tab -------
    def _build_reconcile(self) -> None:
        lay = QVBoxLayout(self.reconcile_tab)
        top = QHBoxLayout()
        self.date_label = QLabel()
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.dateChanged.connect(self._date_changed)
        self.status_label = QLabel()
        f = self.status_label.font()
        f.setBold(True)
        f.setPointSize(12)
        self.status_label.setFont(f)
        self.report_button = QPushButton()
        self.report_button.clicked.connect(self.preview_report)
        top.addWidget(self.date_label)
        top.addWidget(self.date_edit)
        top.addSpacing(12)
        top.addWidget(self.status_label, 1)
        top.addWidget(self.report_button)
        lay.addLayout(top)

        body = QHBoxLayout()
        lay.addLayout(body, 1)
        left = QVBoxLayout()
        right_column = QWidget()
        right = QVBoxLayout(right_column)
        right.setContentsMargins(0, 0, 0, 0)
        body.addLayout(left, 4)
        body.addWidget(VerticalScroll(right_column), 7)   # scrolls on a 1366×768 screen

        # parcels: the identity as an equation, each term captioned
        self.parcel_box = QGroupBox()
        pl = QVBoxLayout(self.parcel_box)
        grid = QGridLayout()
        grid.setHorizontalSpacing(4)
        self.term_values: dict[str, QLabel] = {}
        self.term_captions: dict[str, QLabel] = {}
        terms = ["opening", "arrivals", "picked_up", "delivered", "returned", "forwarded", "closing"]
        ops = ["+", "−", "−", "−", "−", "="]
        big = QLabel().font()
        big.setPointSize(15)
        big.setBold(True)
        col = 0
        for i, key in enumerate(terms):
            v = QLabel("0")
            v.setFont(big)
            v.setAlignment(Qt.AlignCenter)
            c = QLabel()
            c.setAlignment(Qt.AlignCenter)
            c.setWordWrap(True)           # English: "Out for delivery" on two lines, not 750 px
            c.setStyleSheet("color:#555;")
            grid.addWidget(v, 0, col)
            grid.addWidget(c, 1, col)
            self.term_values[key], self.term_captions[key] = v, c
            col += 1
            if i < len(ops):
                o = QLabel(ops[i])
                o.setFont(big)
                o.setMinimumWidth(22)
                o.setAlignment(Qt.AlignCenter)
                grid.addWidget(o, 0, col)
                col += 1
        pl.addLayout(grid)
        self.balance_label = QLabel()
        self.shelf_label = QLabel()
        self.shelf_label.setWordWrap(True)
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        for w in (self.balance_label, self.shelf_label, self.counts_label):
            pl.addWidget(w)
        stock_row = QHBoxLayout()
        self.stock_note_label = QLabel()
        self.stock_note = QLineEdit()
        stock_row.addWidget(self.stock_note_label)
        stock_row.addWidget(self.stock_note, 1)
        pl.addLayout(stock_row)
        left.addWidget(self.parcel_box)

        self.salesmen_box = QGroupBox()
        sl = QVBoxLayout(self.salesmen_box)
        self.salesmen_table = QTableWidget(0, 7)
        self.salesmen_table.verticalHeader().hide()
        self.salesmen_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.salesmen_table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.salesmen_table.setMaximumHeight(230)
        sl.addWidget(self.salesmen_table)
        self.counter_label = QLabel()
        sl.addWidget(self.counter_label)
        left.addWidget(self.salesmen_box)
        left.addStretch(1)

        # money by method
        self.money_box = QGroupBox()
        ml = QVBoxLayout(self.money_box)
        self.money_table = QTableWidget(len(Payment.METHODS), 7)
        self.money_table.verticalHeader().hide()
        self.money_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        hh = self.money_table.horizontalHeader()
        for c in range(7):
            hh.setSectionResizeMode(c, QHeaderView.Stretch)
        hh.setSectionResizeMode(0, QHeaderView.ResizeToContents)      # the method's name in full
        self.counted_edits: dict[str, QLineEdit] = {}
        self.note_edits: dict[str, QLineEdit] = {}
        for r, method in enumerate(Payment.METHODS):
            if method in ("微信", "支付宝"):
                e = QLineEdit()
                e.setAlignment(Qt.AlignRight)
                self.counted_edits[method] = e
                self.money_table.setCellWidget(r, 5, e)
        self.money_table.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.money_table.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.money_table.verticalHeader().setDefaultSectionSize(26)
        self.money_table.setMinimumHeight(162)
        self.money_table.setMaximumHeight(162)
        ml.addWidget(self.money_table)
        notes = QGridLayout()
        self.note_labels: dict[str, QLabel] = {}
        for i, method in enumerate(dc.COUNTED_METHODS):
            lab = QLabel()
            n = QLineEdit()
            self.note_labels[method], self.note_edits[method] = lab, n
            notes.addWidget(lab, i, 0)
            notes.addWidget(n, i, 1)
        ml.addLayout(notes)
        self.money_total_label = QLabel()
        self.money_total_label.setWordWrap(True)
        ml.addWidget(self.money_total_label)
        right.addWidget(self.money_box)

        # cash count
        self.cash_box = QGroupBox()
        cl = QVBoxLayout(self.cash_box)
        mode = QHBoxLayout()
        self.by_denomination = QRadioButton()
        self.by_total = QRadioButton()
        self.by_denomination.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_denomination)
        group.addButton(self.by_total)
        self.by_denomination.toggled.connect(self._mode_changed)
        mode.addWidget(self.by_denomination)
        mode.addWidget(self.by_total)
        self.total_edit = QLineEdit()
        self.total_edit.setAlignment(Qt.AlignRight)
        self.total_edit.setMaximumWidth(120)
        mode.addWidget(self.total_edit)
        mode.addStretch(1)
        cl.addLayout(mode)
        self.cash_sum_label = QLabel()      # its own line: the English mode row was 450 px wide
        cl.addWidget(self.cash_sum_label)
        dgrid = QGridLayout()
        self.denom_spins: dict[int, QSpinBox] = {}
        for i, fen in enumerate(dc.DENOMINATIONS):
            lab = QLabel(dc.denomination_label(fen) + " ×")
            lab.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            sp = QSpinBox()
            sp.setRange(0, 9999)
            sp.valueChanged.connect(self._update_cash_sum)
            self.denom_spins[fen] = sp
            dgrid.addWidget(lab, i // 3, (i % 3) * 2)      # three a row: fits 1366 px in English
            dgrid.addWidget(sp, i // 3, (i % 3) * 2 + 1)
        cl.addLayout(dgrid)
        right.addWidget(self.cash_box)

        # confirm / close
        self.confirm_box = QGroupBox()
        fl = QVBoxLayout(self.confirm_box)
        self.blockers_label = QLabel()
        self.blockers_label.setWordWrap(True)
        self.blockers_label.setStyleSheet("color:#c62828;")
        self.confirmed_label = QLabel()
        fl.addWidget(self.confirmed_label)
        fl.addWidget(self.blockers_label)
        row1 = QHBoxLayout()
        self.save_button = QPushButton()
        self.confirm_me_button = QPushButton()
        self.close_button = QPushButton()
        self.save_button.clicked.connect(lambda: self.save_count())
        self.confirm_me_button.clicked.connect(self.confirm_me)
        self.close_button.clicked.connect(self.close_day)
        row1.addWidget(self.save_button)
        row1.addWidget(self.confirm_me_button)
        row1.addStretch(1)
        fl.addLayout(row1)
        close_row = QHBoxLayout()         # a row of its own: one row of all four is too wide in English
        self.close_reason = QLineEdit()
        self.close_reason.setObjectName("dayclose_single_reason")
        self.close_reason.setMinimumWidth(220)
        close_row.addWidget(self.close_reason, 1)
        close_row.addWidget(self.close_button)
        fl.addLayout(close_row)
        row2 = QHBoxLayout()
        self.second_label = QLabel()
        self.second_person = QComboBox()
        self.second_pin = QLineEdit()
        self.second_pin.setEchoMode(QLineEdit.Password)
        self.second_pin.setMaximumWidth(110)
        self.second_pin.returnPressed.connect(self.confirm_second)
        self.second_button = QPushButton()
        self.second_button.clicked.connect(self.confirm_second)
        row2.addWidget(self.second_label)
        row2.addWidget(self.second_person)
        row2.addWidget(self.second_pin)
        row2.addWidget(self.second_button)
        row2.addStretch(1)
        fl.addLayout(row2)
        right.addWidget(self.confirm_box)
        right.addStretch(1)
        self.editors = [self.stock_note, self.total_edit, self.by_denomination, self.by_total,
                        *self.counted_edits.values(), *self.note_edits.values(),
                        *self.denom_spins.values()]
        # typed but not saved: a refresh caused by another part of the app must not wipe it
        self._dirty = False
        self._shown_day = None
        for w in self.editors:
            if isinstance(w, QLineEdit):
                w.textEdited.connect(self._mark_dirty)
            elif isinstance(w, QSpinBox):
                w.valueChanged.connect(self._mark_dirty)
            else:
                w.toggled.connect(self._mark_dirty)

    # ------------------------------------------------------------------ accounts tab --------
    def _build_accounts(self) -> None:
        lay = QVBoxLayout(self.accounts_tab)
        top = QHBoxLayout()
        self.month_label = QLabel()
        self.month_edit = QDateEdit()
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.month_edit.dateChanged.connect(lambda _d: self.refresh_accounts())
        self.month_summary = QLabel()
        top.addWidget(self.month_label)
        top.addWidget(self.month_edit)
        top.addSpacing(12)
        top.addWidget(self.month_summary, 1)
        lay.addLayout(top)
        mid = QHBoxLayout()
        lay.addLayout(mid, 1)
        self.month_table = QTableWidget(0, 9)
        self.month_table.verticalHeader().hide()
        self.month_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.month_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.month_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.month_table.horizontalHeader().setStretchLastSection(True)
        self.month_table.cellDoubleClicked.connect(self._open_day_from_month)
        mid.addWidget(self.month_table, 5)
        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignBottom)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.Antialiasing)
        self.chart_view.setMinimumWidth(380)
        mid.addWidget(self.chart_view, 4)

        self.adjust_box = QGroupBox()
        al = QVBoxLayout(self.adjust_box)
        form = QHBoxLayout()
        self.adj_day_label = QLabel()
        self.adj_day = QDateEdit()
        self.adj_day.setCalendarPopup(True)
        self.adj_day.setDisplayFormat("yyyy-MM-dd")
        self.adj_method = QComboBox()
        for m in Payment.METHODS:    # shown in the person's language, the stored word as data
            self.adj_method.addItem(money.method_text(m), m)
        self.adj_amount = QLineEdit()
        self.adj_amount.setMaximumWidth(100)
        self.adj_reason = QLineEdit()
        self.adj_button = QPushButton()
        self.adj_button.clicked.connect(self.add_adjustment)
        for w in (self.adj_day_label, self.adj_day, self.adj_method, self.adj_amount):
            form.addWidget(w)
        form.addWidget(self.adj_reason, 1)
        form.addWidget(self.adj_button)
        al.addLayout(form)
        self.adj_table = QTableWidget(0, 6)
        self.adj_table.verticalHeader().hide()
        self.adj_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.adj_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.adj_table.horizontalHeader().setStretchLastSection(True)
        self.adj_table.setMaximumHeight(130)
        al.addWidget(self.adj_table)
        lay.addWidget(self.adjust_box)

    # ------------------------------------------------------------------ texts ---------------
    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Reconcile the day"))
        self.tabs.setTabText(1, self.tr("Accounts (manager)"))
        self.date_label.setText(self.tr("Day"))
        self.report_button.setText(self.tr("Daily report…"))
        self.parcel_box.setTitle(self.tr("Parcels"))
        captions = {"opening": self.tr("Opening stock"), "arrivals": self.tr("Arrivals"),
                    "picked_up": self.tr("Picked up"), "delivered": self.tr("Out for delivery"),
                    "returned": self.tr("Returned"), "forwarded": self.tr("Forwarded"),
                    "closing": self.tr("Closing stock")}
        for k, c in self.term_captions.items():
            c.setText(captions[k])
            # "Opening stock" takes two lines rather than the width; 昨日结存 stays whole (Chinese
            # would wrap between any two characters)
            c.setWordWrap(" " in captions[k])
        self.stock_note_label.setText(self.tr("Shelf difference explained:"))
        self.stock_note.setPlaceholderText(self.tr("Needed only when the shelf count differs"))
        self.salesmen_box.setTitle(self.tr("Outgoing parcels by salesman"))
        self.salesmen_table.setHorizontalHeaderLabels([
            self.tr("Salesman"), self.tr("Parcels"), self.tr("Weighed"), self.tr("Declared kg"),
            self.tr("Checked kg"), self.tr("Overweight"), self.tr("Fees")])
        self.money_box.setTitle(self.tr("Money by payment method (yuan)"))
        # short headers: seven columns share the right half of a 1366 px screen
        self.money_table.setHorizontalHeaderLabels([
            self.tr("Method"), self.tr("Sending"), self.tr("COD"), self.tr("Holding"),
            self.tr("Expected"), self.tr("Counted"), self.tr("Diff.")])
        for c, tip in enumerate(("", self.tr("Sending fees"), self.tr("COD collected"), self.tr("Holding fees"),
                                 "", "", self.tr("Difference"))):
            self.money_table.horizontalHeaderItem(c).setToolTip(tip)
        for m, lab in self.note_labels.items():
            lab.setText(self.tr("%1 difference explained:").replace("%1", money.method_text(m)))
        for m, e in self.counted_edits.items():
            e.setPlaceholderText(self.tr("statement"))
        for m, e in self.note_edits.items():
            e.setPlaceholderText(self.tr("required when there is a difference"))
        self.cash_box.setTitle(self.tr("Cash in the drawer"))
        self.by_denomination.setText(self.tr("By denomination"))
        self.by_total.setText(self.tr("As a total (yuan):"))
        self.confirm_box.setTitle(self.tr("Confirm and close"))
        self.save_button.setText(self.tr("Save count"))
        self.close_button.setText(self.tr("Close the day (manager)"))
        self.second_label.setText(self.tr("Second clerk:"))
        self.close_reason.setPlaceholderText(
            self.tr("Only one clerk worked: reason for closing (required)"))
        self.second_pin.setPlaceholderText(self.tr("PIN"))
        self.second_button.setText(self.tr("Confirm with PIN"))
        self.month_label.setText(self.tr("Month"))
        self.month_table.setHorizontalHeaderLabels([
            self.tr("Day"), self.tr("Status"), self.tr("Arrivals"), self.tr("Picked up"),
            self.tr("Outgoing"), self.tr("Expected at the outlet"), self.tr("Counted"), self.tr("Difference"),
            self.tr("Adjustments")])
        self.adjust_box.setTitle(self.tr("Adjust a closed day (manager)"))
        self.adj_day_label.setText(self.tr("Closed day"))
        self.adj_amount.setPlaceholderText(self.tr("± yuan"))
        self.adj_reason.setPlaceholderText(self.tr("Reason (required)"))
        self.adj_button.setText(self.tr("Add adjustment"))
        self.adj_table.setHorizontalHeaderLabels([
            self.tr("Corrects"), self.tr("Shown on"), self.tr("Method"), self.tr("Amount"),
            self.tr("By"), self.tr("Reason")])
        self.chart.setTitle(self.tr("Parcels per day"))
        self._update_me_button()
        if self.ledger is not None:
            self._show_ledger(self.ledger)

    def _status_text(self, status: str) -> str:
        return {"open": self.tr("Open"), "confirmed": self.tr("Confirmed by both clerks"),
                "closed": self.tr("Closed (locked)"), "future": self.tr("Not yet")}.get(status, status)

    def _short_status(self, status: str) -> str:
        return {"open": self.tr("open"), "confirmed": self.tr("confirmed"),
                "closed": self.tr("closed"), "future": ""}.get(status, status)

    def _update_me_button(self) -> None:
        name = self.ctx.actor.name if self.ctx.actor else ""
        self.confirm_me_button.setText(self.tr("Confirm as %1").replace("%1", name))

    # ------------------------------------------------------------------ life cycle ----------
    def activate(self) -> None:
        # role and person may have changed since the last visit (lock / log in)
        manager = bool(self.ctx.actor and self.ctx.actor.is_manager)
        self.tabs.setTabVisible(1, manager)
        self._update_me_button()
        self._stale = False
        self.refresh()
        self.focus_default()

    def focus_default(self) -> None:
        if self.tabs.currentIndex() == 0:
            self.date_edit.setFocus()

    def day(self) -> dt.date:
        return _pydate(self.date_edit.date())

    def set_day(self, day: dt.date) -> None:
        self._date_touched = True
        self.date_edit.setDate(_qdate(day))

    def _date_changed(self, _q) -> None:
        self._date_touched = True
        self.refresh_ledger()

    def refresh(self) -> None:
        today = self.ctx.now().date()
        self.date_edit.blockSignals(True)
        self.date_edit.setMaximumDate(_qdate(today))
        if not self._date_touched:
            self.date_edit.setDate(_qdate(today))
        self.month_edit.blockSignals(True)
        if not getattr(self, "_month_set", False):
            self._month_set = True
            self.month_edit.setDate(_qdate(today.replace(day=1)))
            self.adj_day.setDate(_qdate(today - dt.timedelta(days=1)))
        self.month_edit.blockSignals(False)
        self.date_edit.blockSignals(False)
        self.adj_day.setMaximumDate(_qdate(today))
        self._refresh_tab()

    def _refresh_tab(self) -> None:
        if self.tabs.currentIndex() == 1 and self.ctx.actor and self.ctx.actor.is_manager:
            self.refresh_accounts()
        else:
            self.refresh_ledger()

    def _fill_people(self, led: dc.Ledger | None = None) -> None:
        """The clerks who worked the day (never the manager): the default is the other clerk on
        duty who has not confirmed yet."""
        current = self.second_person.currentData()
        self.second_person.blockSignals(True)
        self.second_person.clear()
        me = self.ctx.actor.id if self.ctx.actor else None
        self.day_staff = dc.day_staff(self.day())
        done = {c.name for c in led.confirmations} if led is not None else set()
        for sid, name in self.day_staff:
            if sid != me:
                self.second_person.addItem(name, sid)
        i = self.second_person.findData(current) if current is not None else -1
        if i < 0 or self.second_person.itemText(i) in done:
            i = next((n for n in range(self.second_person.count())
                      if self.second_person.itemText(n) not in done), 0)
        self.second_person.setCurrentIndex(i)
        self.second_person.blockSignals(False)

    # ------------------------------------------------------------------ showing -------------
    def _mark_dirty(self, *_a) -> None:
        self._dirty = True

    def refresh_ledger(self, *, reload_inputs: bool = False) -> None:
        led = dc.ledger(self.day(), today=self.ctx.now().date())
        self.ledger = led
        self._show_ledger(led)
        if reload_inputs or not self._dirty or led.day != self._shown_day or led.closed:
            self._load_inputs(led)
        self._shown_day = led.day

    def _show_ledger(self, led: dc.Ledger) -> None:
        p = led.parcels
        for key, label in self.term_values.items():
            label.setText(str(getattr(p, key)))
        self.term_values["closing"].setStyleSheet("color:#1565c0;")
        if p.balanced:
            self.balance_label.setText(self.tr("The parcel count balances."))
            self.balance_label.setStyleSheet("color:#2e7d32;")
        else:
            self.balance_label.setText(self.tr("The parcel count does not balance!"))
            self.balance_label.setStyleSheet("color:#c62828;")
        shelf = self.tr("Shelf: %1").replace("%1", self._shelf_text(led))
        self.shelf_label.setText(shelf)
        self.shelf_label.setStyleSheet("color:#c62828;" if led.shelf.agrees is False else "")
        self.counts_label.setText(
            self.tr("Signed %1, uploaded %2, reported delivered %3 · problem parcels: %4 new, %5 open")
            .replace("%1", str(p.signed)).replace("%2", str(p.uploaded))
            .replace("%3", str(p.delivered_reported)).replace("%4", str(p.problems_opened))
            .replace("%5", str(p.problems_open)))
        # salesmen
        t = self.salesmen_table
        t.setRowCount(len(led.salesmen))
        for r, s in enumerate(led.salesmen):
            vals = [s.name, s.parcels, s.weighed, f"{s.declared_g / 1000:.2f}",
                    f"{s.weight_g / 1000:.2f}", s.over_tolerance, dc.yuan(s.fee_fen)]
            for c, v in enumerate(vals):
                t.setItem(r, c, _item(v, right=c > 0,
                                      fg=RED if c == 5 and s.over_tolerance else None))
        self.counter_label.setText(self.tr("Sent at the counter: %1")
                                   .replace("%1", str(led.counter_outgoing)))
        # money
        for r, row in enumerate(led.money):
            m = self.money_table
            m.setItem(r, 0, _item(money.method_text(row.method)))
            m.setItem(r, 1, _item(dc.yuan(row.sending_fee_fen), right=True))
            m.setItem(r, 2, _item(dc.yuan(row.cod_fen), right=True))
            m.setItem(r, 3, _item(dc.yuan(row.holding_fee_fen), right=True))
            exp = _item(dc.yuan(row.expected_fen), right=True)
            extra = []
            if row.float_fen:
                extra.append(self.tr("float %1").replace("%1", dc.yuan(row.float_fen)))
            if row.adjustment_fen:
                extra.append(self.tr("adjustment %1").replace("%1", dc.yuan(row.adjustment_fen, sign=True)))
            if extra:
                exp.setToolTip("; ".join(extra))
            m.setItem(r, 4, exp)
            if row.method == "现金":
                counted = _item(dc.yuan(row.counted_fen) if row.counted_fen is not None
                                else self.tr("below"), right=True)
                counted.setToolTip(self.tr("count below"))
                m.setItem(r, 5, counted)
            elif not row.counted_here:
                counted = _item("—", right=True)
                counted.setToolTip(self.tr("not held here"))
                m.setItem(r, 5, counted)
            diff = row.difference_fen
            m.setItem(r, 6, _item("" if diff is None else dc.yuan(diff, sign=True), right=True,
                                  fg=RED if diff else None,
                                  bg=QColor("#ffebee") if row.needs_note else None))
            if row.method in self.note_edits:
                self.note_edits[row.method].setStyleSheet(
                    "border:2px solid #c62828;" if row.needs_note and not led.closed else "")
        self.money_total_label.setText(
            self.tr("Held at the outlet: expected %1, counted %2, difference %3 · %5 %4 not collected here")
            .replace("%5", money.method_text("月结") + "/" + money.method_text("到付"))  # zh-data: stored methods
            .replace("%1", dc.yuan(led.expected_in_hand_fen)).replace("%2", dc.yuan(led.counted_total_fen))
            .replace("%3", dc.yuan(led.difference_total_fen, sign=True))
            .replace("%4", dc.yuan(led.expected_total_fen - led.expected_in_hand_fen)))
        # status and buttons
        colours = {"open": "#ef6c00", "confirmed": "#1565c0", "closed": "#2e7d32"}
        self.status_label.setText(self._status_text(led.status))
        self.status_label.setStyleSheet(f"color:{colours.get(led.status, '#333')};")
        conf = ", ".join(f"{c.name} {c.at:%H:%M}" for c in led.confirmations) or self.tr("nobody yet")
        text = self.tr("Confirmed by: %1").replace("%1", conf)
        if led.closed_by:
            text += " · " + self.tr("closed by %1 at %2").replace("%1", led.closed_by) \
                .replace("%2", f"{led.closed_at:%m-%d %H:%M}")
        self.confirmed_label.setText(text)
        blockers = [] if led.closed else led.problems()
        self.blockers_label.setText("\n".join(blockers))
        self.blockers_label.setVisible(bool(blockers))
        editable = not led.closed
        for w in self.editors:
            w.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.confirm_me_button.setEnabled(editable)
        self.second_button.setEnabled(editable)
        self.second_pin.setEnabled(editable)
        manager = bool(self.ctx.actor and self.ctx.actor.is_manager)
        self.close_button.setVisible(manager)
        self.confirm_me_button.setVisible(not manager)     # the manager never confirms (四眼)
        self._fill_people(led)
        # 四眼: two clerks of the day confirm; with only one on duty, the manager writes a reason
        alone = (not led.closed and led.status != "confirmed" and len(led.confirmations) == 1
                 and len(self.day_staff) <= 1)
        self.close_reason.setVisible(manager and alone)
        self.close_button.setEnabled(manager and (led.status == "confirmed" or alone))
        if editable:
            self._mode_changed()

    def _shelf_text(self, led: dc.Ledger) -> str:
        s = led.shelf
        if s.counted is None:
            text = self.tr("no stock check today")
        elif s.agrees:
            text = self.tr("counted %1, agrees with the closing stock").replace("%1", str(s.counted))
        else:
            text = self.tr("counted %1, the ledger says %2").replace("%1", str(s.counted)) \
                .replace("%2", str(s.expected))
        if s.system_count is not None and s.system_count != s.expected:
            text += " · " + self.tr("parcel statuses say %1 at the outlet").replace(
                "%1", str(s.system_count))
        return text

    def _load_inputs(self, led: dc.Ledger) -> None:
        for sp in self.denom_spins.values():
            sp.blockSignals(True)
        for fen, n in led.cash.denominations:
            self.denom_spins[fen].setValue(n)
        for sp in self.denom_spins.values():
            sp.blockSignals(False)
        self.by_denomination.blockSignals(True)
        self.by_total.blockSignals(True)
        if led.cash.mode == "total":
            self.by_total.setChecked(True)
        else:
            self.by_denomination.setChecked(True)
        self.total_edit.setText(dc.yuan(led.cash.total_fen) if led.cash.total_fen is not None
                                and led.cash.mode == "total" else "")
        for row in led.money:
            if row.method in self.counted_edits:
                self.counted_edits[row.method].setText(
                    dc.yuan(row.counted_fen) if row.counted_fen is not None else "")
            if row.method in self.note_edits:
                self.note_edits[row.method].setText(row.note)
        self.stock_note.setText(led.stock_note)
        self.by_denomination.blockSignals(False)
        self.by_total.blockSignals(False)
        self._dirty = False
        self._mode_changed()
        self._update_cash_sum()

    def _mode_changed(self, *_a) -> None:
        editable = not (self.ledger and self.ledger.closed)
        by_d = self.by_denomination.isChecked()
        for sp in self.denom_spins.values():
            sp.setEnabled(editable and by_d)
        self.total_edit.setEnabled(editable and not by_d)
        self._update_cash_sum()

    def _update_cash_sum(self, *_a) -> None:
        if self.by_denomination.isChecked():
            total = sum(fen * sp.value() for fen, sp in self.denom_spins.items())
            self.cash_sum_label.setText(self.tr("Counted: %1 yuan").replace("%1", dc.yuan(total)))
        else:
            self.cash_sum_label.setText("")

    # ------------------------------------------------------------------ actions -------------
    def _form(self) -> dict:
        """What is typed, as save_count arguments (raises ValidationError on a bad amount)."""
        args: dict = {}
        if self.by_denomination.isChecked():
            args["cash_denominations"] = {fen: sp.value() for fen, sp in self.denom_spins.items()}
        elif self.total_edit.text().strip():
            args["cash_total_fen"] = parse_yuan(self.total_edit.text())
        args["counted"] = {m: (parse_yuan(e.text()) if e.text().strip() else None)
                           for m, e in self.counted_edits.items()}
        notes = {m: e.text() for m, e in self.note_edits.items()}
        notes[dc.STOCK_NOTE] = self.stock_note.text()
        args["notes"] = notes
        return args

    def save_count(self, *, quiet: bool = False) -> bool:
        day = self.day()

        def run():
            return dc.save_count(day, **self._form(), actor=self.ctx.actor, now=self.ctx.now())

        result = self.ctx.perform(run, changes=frozenset({changes.CASH}))
        if result is None:
            return False
        if not quiet:
            self.ctx.banner.ok(result.message)
        self.refresh_ledger(reload_inputs=True)
        return True

    def confirm_me(self) -> None:
        if not self.save_count(quiet=True):
            return
        day = self.day()
        result = self.ctx.perform(lambda: dc.confirm(day, actor=self.ctx.actor, now=self.ctx.now()),
                                  changes=frozenset({changes.CASH, changes.TASKS}))
        if result is not None:
            self.ctx.banner.ok(result.message)
        self.refresh_ledger()

    def confirm_second(self) -> None:
        """The colleague confirms for themself, proving it with their own PIN."""
        staff_id = self.second_person.currentData()
        pin = self.second_pin.text()
        self.second_pin.clear()
        if staff_id is None:
            self.ctx.banner.error(self.tr("Choose who confirms."))
            return
        if not self.save_count(quiet=True):
            return
        day = self.day()

        def run():
            who = staff.login(staff_id, pin, now=self.ctx.now())
            return dc.confirm(day, actor=who, now=self.ctx.now())

        result = self.ctx.perform(run, changes=frozenset({changes.CASH, changes.TASKS}))
        if result is not None:
            self.ctx.banner.ok(result.message)
        self.refresh_ledger()

    def close_day(self) -> None:
        day = self.day()
        reason = None if self.close_reason.isHidden() else self.close_reason.text()
        result = self.ctx.perform(lambda: dc.close_day(day, reason=reason, actor=self.ctx.actor,
                                                       now=self.ctx.now()),
                                  changes=frozenset({changes.CASH}))
        if result is not None:
            self.close_reason.clear()
            self.ctx.banner.ok(result.message)
        self.refresh_ledger()

    def preview_report(self):
        """The daily report is built in the background; its preview opens when it is ready."""
        from outlet_desk.dayclose import report_pdf as daily_report

        from .. import printing
        day, now = self.day(), self.ctx.now()

        def opened(dialog):
            self.preview_dialog = dialog

        self.report_job = printing.preview_in_background(
            self, self.ctx, lambda: daily_report.build_for_day(day, now=now), kind="reports",
            title=self.tr("Daily report %1").replace("%1", day.isoformat()),
            suggested_name=f"daily-report-{day.isoformat()}.pdf", on_preview=opened)
        return self.report_job

    # ------------------------------------------------------------------ accounts -------------
    def month(self) -> tuple[int, int]:
        q = self.month_edit.date()
        return q.year(), q.month()

    def refresh_accounts(self) -> None:
        if not (self.ctx.actor and self.ctx.actor.is_manager):
            return
        year, month = self.month()
        today = self.ctx.now().date()
        rows = dc.month_overview(year, month, today=today)
        self.month_rows = rows
        t = self.month_table
        t.setRowCount(len(rows))
        open_count = 0
        for r, d in enumerate(rows):
            bg = None
            if d.day <= today and d.status == "open":
                bg, open_count = OPEN_BG, open_count + 1
            elif d.status == "confirmed":
                bg, open_count = CONFIRMED_BG, open_count + 1
            vals = [f"{d.day:%m-%d} {weekday_short(d.day)}", self._short_status(d.status),
                    d.arrivals, d.released, d.outgoing, dc.yuan(d.expected_fen),
                    dc.yuan(d.counted_fen), "" if d.difference_fen is None else
                    dc.yuan(d.difference_fen, sign=True),
                    dc.yuan(d.adjustments_fen, sign=True) if d.adjustments_fen else ""]
            for c, v in enumerate(vals):
                t.setItem(r, c, _item(v, right=c >= 2, bg=bg,
                                      fg=RED if c == 7 and d.difference_fen else None))
        past = [d for d in rows if d.day <= today]
        self.month_summary.setText(
            self.tr("Expected at the outlet %1 · counted %2 · differences %3 · open days %4")
            .replace("%1", dc.yuan(sum(d.expected_fen for d in past)))
            .replace("%2", dc.yuan(sum(d.counted_fen or 0 for d in past)))
            .replace("%3", dc.yuan(sum(d.difference_fen or 0 for d in past), sign=True))
            .replace("%4", str(open_count)))
        self._fill_chart([d for d in rows if d.day <= today])
        first = dt.date(year, month, 1)
        adjs = dc.adjustments_between(first, rows[-1].day if rows else first)
        self.adj_table.setRowCount(len(adjs))
        for r, a in enumerate(adjs):
            vals = [a.target_day.isoformat(), a.shown_on.isoformat(), a.method or "",
                    dc.yuan(a.amount_fen, sign=True), a.by, a.reason]
            for c, v in enumerate(vals):
                self.adj_table.setItem(r, c, _item(v, right=c == 3))

    def _fill_chart(self, rows) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        series = QBarSeries()
        sets = [(self.tr("Arrivals"), "#1565c0", "arrivals"),
                (self.tr("Picked up"), "#2e7d32", "released"),
                (self.tr("Outgoing"), "#ef6c00", "outgoing")]
        peak = 1
        for name, colour, attr in sets:
            bs = QBarSet(name)
            bs.setColor(QColor(colour))
            values = [getattr(d, attr) for d in rows]
            peak = max([peak, *values])
            bs.append(values)
            series.append(bs)
        self.chart.addSeries(series)
        ax = QBarCategoryAxis()
        ax.append([str(d.day.day) for d in rows])
        small = ax.labelsFont()
        small.setPointSize(7)
        ax.setLabelsFont(small)
        ay = QValueAxis()
        ay.setRange(0, peak * 1.1)
        ay.setLabelFormat("%d")
        self.chart.addAxis(ax, Qt.AlignBottom)
        self.chart.addAxis(ay, Qt.AlignLeft)
        series.attachAxis(ax)
        series.attachAxis(ay)

    def _open_day_from_month(self, row: int, _col: int) -> None:
        if 0 <= row < len(getattr(self, "month_rows", [])):
            self.set_day(self.month_rows[row].day)
            self.tabs.setCurrentIndex(0)

    def add_adjustment(self) -> None:
        day = _pydate(self.adj_day.date())

        def run():
            text = self.adj_amount.text().strip()
            amount = parse_yuan(text, allow_negative=True) if text else 0
            return dc.add_adjustment(day, reason=self.adj_reason.text(),
                                     method=self.adj_method.currentData() if amount else None,
                                     amount_fen=amount, actor=self.ctx.actor, now=self.ctx.now())

        result = self.ctx.perform(run, changes=frozenset({changes.CASH}))
        if result is not None:
            self.ctx.banner.ok(self.tr("Adjustment saved; it shows on the ledger of %1.")
                               .replace("%1", result.shown_on.isoformat()))
            self.adj_amount.clear()
            self.adj_reason.clear()
        self.refresh_accounts()
