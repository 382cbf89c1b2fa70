"""Shifts (F9): the month roster, leave, swaps and attendance.  The rules are in the core
(``outlet_desk.shifts.roster/leave/attendance``); this screen shows them and calls them."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from outlet_desk import changes, duty_events, i18n, settings
from outlet_desk.dates import md
from outlet_desk.errors import OutletError
from outlet_desk.shifts import attendance, leave, roster, tasks

from .base import Screen, weekday_short

#: one-glyph cell words of the roster grid (the grid is 30 narrow columns): (中文, English)
LEAVE_SHORT = {"休息": ("休", "R"), "事假": ("事", "P"), "病假": ("病", "S"), "年假": ("年", "AL")}  # zh-data
MERGED_SHORT = ("全", "A+B")  # zh-data: the zh one is the roster's own word


def short(pair: tuple[str, str]) -> str:
    return pair[0] if i18n.chinese() else pair[1]
COLOURS = {"A": "#e3f2fd", "B": "#fff3e0", roster.MERGED: "#fce4ec", "off": "#eeeeee"}


def qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


# -- roster grid ------------------------------------------------------------------------------
class RosterModel(QAbstractTableModel):
    """Rows: clerks; columns: days of the month.  Editable (by the manager) on the draft."""

    def __init__(self, on_edit, parent=None):
        super().__init__(parent)
        self.grid: roster.MonthGrid | None = None
        self.editable = False
        self.on_edit = on_edit

    def set_grid(self, grid, editable: bool) -> None:
        self.beginResetModel()
        self.grid, self.editable = grid, editable
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() or self.grid is None else len(self.grid.people)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() or self.grid is None else len(self.grid.days)

    def cell(self, index):
        sid = self.grid.people[index.row()][0]
        return sid, self.grid.days[index.column()], self.grid.cells[(sid, self.grid.days[index.column()])]

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or self.grid is None:
            return None
        _sid, day, cell = self.cell(index)
        if role == Qt.DisplayRole:
            if cell.leave:
                return short(LEAVE_SHORT[cell.leave]) if cell.leave in LEAVE_SHORT else cell.leave
            return short(MERGED_SHORT) if cell.effective == roster.MERGED else cell.effective
        if role == Qt.EditRole:
            return cell.post
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignCenter)
        if role == Qt.BackgroundRole:
            key = "off" if (cell.leave or cell.effective in (roster.REST, roster.CLOSED)) else cell.effective
            colour = COLOURS.get(key)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ToolTipRole:
            text = f"{day.isoformat()} {cell.post or '—'}"
            if cell.leave:
                text += f" · {leave.kind_text(cell.leave)}"
            if cell.effective != cell.post:
                text += f" → {roster.cell_text(cell.effective)}"
            return text
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if self.grid is None or role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            d = self.grid.days[section]
            return f"{d.day}\n{weekday_short(d)}"
        return self.grid.people[section][1]

    def flags(self, index):
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return base | Qt.ItemIsEditable if self.editable else base

    def setData(self, index, value, role=Qt.EditRole):
        if role != Qt.EditRole or not self.editable:
            return False
        sid, day, cell = self.cell(index)
        if value == cell.post:
            return False
        return bool(self.on_edit(sid, day, value))


class CellDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        for code in roster.cell_choices():
            box.addItem(code, code)
        box.addItem(self.tr("(closed)"), "")
        return box

    def setEditorData(self, editor, index):
        i = editor.findData(index.data(Qt.EditRole))
        editor.setCurrentIndex(max(0, i))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.EditRole)


class RosterTab(QWidget):
    def __init__(self, screen):
        super().__init__()
        self.screen = screen
        self.ctx = screen.ctx
        self.month = roster.month_key(self.ctx.now().date())
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.prev_button = QPushButton("◀")
        self.next_button = QPushButton("▶")
        self.month_label = QLabel()
        f = self.month_label.font()
        f.setPointSize(14)
        f.setBold(True)
        self.month_label.setFont(f)
        self.view_choice = QComboBox()
        self.state_label = QLabel()
        self.generate_button = QPushButton()
        self.publish_button = QPushButton()
        self.print_button = QPushButton()
        for w in (self.prev_button, self.month_label, self.next_button, self.view_choice):
            bar.addWidget(w)
        bar.addWidget(self.state_label, 1)
        for w in (self.generate_button, self.publish_button, self.print_button):
            bar.addWidget(w)
        layout.addLayout(bar)
        self.model = RosterModel(self.edit_cell, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(CellDelegate(self.table))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(26)
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.table.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.SelectedClicked
                                   | QAbstractItemView.EditKeyPressed)
        layout.addWidget(self.table, 2)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        self.problems_box = QGroupBox()
        pl = QVBoxLayout(self.problems_box)
        self.problems = QListWidget()
        pl.addWidget(self.problems)
        layout.addWidget(self.problems_box, 1)
        layout.addStretch(0)
        self.prev_button.clicked.connect(lambda: self.shift_month(-1))
        self.next_button.clicked.connect(lambda: self.shift_month(1))
        self.view_choice.currentIndexChanged.connect(lambda _i: self.refresh())
        self.generate_button.clicked.connect(self.generate)
        self.publish_button.clicked.connect(self.publish)
        self.print_button.clicked.connect(self.print_pdf)

    def retranslate(self) -> None:
        self.generate_button.setText(self.tr("Generate from rotation"))
        self.publish_button.setText(self.tr("Publish month"))
        self.print_button.setText(self.tr("Print roster (PDF)"))
        self.problems_box.setTitle(self.tr("Coverage and rule problems"))
        self.view_choice.blockSignals(True)
        current = self.view_choice.currentIndex()
        self.view_choice.clear()
        self.view_choice.addItem(self.tr("Draft"), "draft")
        self.view_choice.addItem(self.tr("Published"), "published")
        self.view_choice.setCurrentIndex(max(0, current))
        self.view_choice.blockSignals(False)

    def layer(self) -> str:
        actor = self.ctx.actor
        if actor is None or not actor.is_manager:
            return "published"
        return self.view_choice.currentData() or "draft"

    def shift_month(self, step: int) -> None:
        days = roster.month_days(self.month)
        d = days[0] - dt.timedelta(days=1) if step < 0 else days[-1] + dt.timedelta(days=1)
        self.month = roster.month_key(d)
        self.refresh()

    def refresh(self) -> None:
        actor = self.ctx.actor
        manager = bool(actor and actor.is_manager)
        for w in (self.generate_button, self.publish_button, self.view_choice):
            w.setVisible(manager)
        try:
            g = roster.grid(self.month, layer=self.layer())
        except OutletError as exc:   # e.g. a malformed posts setting: say so (bugs go to the log)
            self.ctx.banner.error(str(exc))
            return
        y, m = self.month.split("-")
        self.month_label.setText(self.tr("%1-%2").replace("%1", y).replace("%2", m))
        if not g.exists:
            state = self.tr("Not generated yet")
        elif not g.published:
            state = self.tr("Draft, not published")
        elif g.dirty:
            state = self.tr("Published %1; the draft has unpublished changes") \
                .replace("%1", g.published_at.strftime("%m-%d %H:%M"))
        else:
            state = self.tr("Published %1").replace("%1", g.published_at.strftime("%m-%d %H:%M"))
        self.state_label.setText(state)
        self.model.set_grid(g, editable=manager and self.layer() == "draft" and g.exists)
        self.table.setMaximumHeight(self.table.horizontalHeader().sizeHint().height()
                                    + 44 * len(g.people) + 24)
        self.publish_button.setEnabled(g.exists)
        legend = "  ".join(f"{p.code} = {p.name} {p.hours_text()}" for p in roster.posts())
        self.legend.setText(legend + "  " + self.tr("%1 = one person covers the whole day; "
                                                    "%2 = rest / personal / sick / annual leave. "
                                                    "Double-click a cell to change it (manager).")
                            .replace("%1", short(MERGED_SHORT))
                            .replace("%2", "/".join(short(p) for p in LEAVE_SHORT.values())))
        self.problems.clear()
        if not g.exists and self.layer() == "draft":
            self.problems.addItem(self.tr("Press “Generate from rotation” to build this month."))
            return
        if self.layer() == "published" and not g.published:
            self.problems.addItem(self.tr("This month's roster is not published yet."))
            return
        for p in g.problems:
            prefix = self.tr("Notice: ") if p.kind == "rest_week" else ""
            self.problems.addItem(prefix + p.message)
        if g.exists and not g.problems:
            self.problems.addItem(self.tr("Every open day is covered."))

    # -- actions (also called by tests) --------------------------------------------------
    def generate(self) -> None:
        self.ctx.perform(lambda: roster.generate_month(self.month, actor=self.ctx.actor,
                                                       now=self.ctx.now()),
                         success=self.tr("Draft generated from the daily rotation."),
                         changes=roster.CHANGES)

    def publish(self) -> None:
        self.ctx.perform(lambda: roster.publish_month(self.month, actor=self.ctx.actor,
                                                      now=self.ctx.now()),
                         success=self.tr("Roster published: everyone now sees this month."),
                         changes=roster.CHANGES)

    def edit_cell(self, staff_id: int, day: dt.date, post: str):
        result = self.ctx.perform(lambda: roster.set_cell(staff_id, day, post, actor=self.ctx.actor,
                                                          now=self.ctx.now()),
                                  changes=roster.CHANGES)
        if result and result is not True and result.problems:
            self.ctx.banner.show_message(result.problems[0].message, "warning")
        return result

    def print_pdf(self):
        """The roster PDF is built in the background; its preview opens when ready."""
        from ..printing import preview_in_background
        month, layer, now = self.month, self.layer(), self.ctx.now()
        return preview_in_background(self, self.ctx, lambda: roster.roster_pdf(month, layer=layer, now=now),
                                     kind="reports", title=self.tr("Roster %1").replace("%1", month),
                                     suggested_name=f"排班表-{month}.pdf")


# -- leave ------------------------------------------------------------------------------------
class LeaveTab(QWidget):
    def __init__(self, screen):
        super().__init__()
        self.screen = screen
        self.ctx = screen.ctx
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.form_box = QGroupBox()
        form = QFormLayout(self.form_box)
        self.person = QComboBox()
        self.kind = QComboBox()
        for k in leave.KINDS:     # shown in the person's language, the stored word as data
            self.kind.addItem(leave.kind_text(k), k)
        today = self.ctx.now().date()
        self.start = QDateEdit(qdate(today))
        self.end = QDateEdit(qdate(today))
        for w in (self.start, self.end):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
        self.reason = QLineEdit()
        self.override = QLineEdit()
        self.submit_button = QPushButton()
        self.person_label, self.kind_label, self.start_label = QLabel(), QLabel(), QLabel()
        self.end_label, self.reason_label, self.override_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.person_label, self.person)
        form.addRow(self.kind_label, self.kind)
        form.addRow(self.start_label, self.start)
        form.addRow(self.end_label, self.end)
        form.addRow(self.reason_label, self.reason)
        form.addRow(self.override_label, self.override)
        form.addRow(self.submit_button)
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        form.addRow(self.rules)
        left.addWidget(self.form_box)
        self.balance_box = QGroupBox()
        bl = QVBoxLayout(self.balance_box)
        self.balances = QTableWidget(0, 6)
        self.balances.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.balances.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.balances.verticalHeader().hide()
        bl.addWidget(self.balances)
        left.addWidget(self.balance_box, 1)
        layout.addLayout(left, 2)
        right = QVBoxLayout()
        self.list_box = QGroupBox()
        ll = QVBoxLayout(self.list_box)
        self.requests = QTableWidget(0, 6)
        self.requests.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.requests.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.requests.setSelectionMode(QAbstractItemView.SingleSelection)
        self.requests.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.requests.horizontalHeader().setStretchLastSection(True)
        self.requests.verticalHeader().hide()
        ll.addWidget(self.requests)
        row = QHBoxLayout()
        self.note = QLineEdit()
        self.approve_button = QPushButton()
        self.reject_button = QPushButton()
        self.cancel_button = QPushButton()
        row.addWidget(self.note, 1)
        for b in (self.approve_button, self.reject_button, self.cancel_button):
            row.addWidget(b)
        ll.addLayout(row)
        right.addWidget(self.list_box)
        layout.addLayout(right, 3)
        self.submit_button.clicked.connect(self.submit)
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        self.cancel_button.clicked.connect(self.cancel)
        self.rows: list[leave.LeaveInfo] = []

    def retranslate(self) -> None:
        self.form_box.setTitle(self.tr("Ask for leave"))
        self.person_label.setText(self.tr("For"))
        self.kind_label.setText(self.tr("Type"))
        self.start_label.setText(self.tr("From"))
        self.end_label.setText(self.tr("To"))
        self.reason_label.setText(self.tr("Reason"))
        self.override_label.setText(self.tr("Override reason"))
        self.override.setPlaceholderText(self.tr("Manager only: lets a broken rule pass (audited)"))
        self.submit_button.setText(self.tr("Submit leave"))
        self.balance_box.setTitle(self.tr("Balances this month"))
        self.balances.setHorizontalHeaderLabels([self.tr("Clerk"), self.tr("Rest used"),
                                                 self.tr("Rest left"), self.tr("Personal"),
                                                 self.tr("Sick"), self.tr("Annual")])
        self.list_box.setTitle(self.tr("Leave requests"))
        self.requests.setHorizontalHeaderLabels([self.tr("Clerk"), self.tr("Type"), self.tr("Dates"),
                                                 self.tr("Days"), self.tr("Status"), self.tr("Reason")])
        self.note.setPlaceholderText(self.tr("Note for the decision"))
        self.approve_button.setText(self.tr("Approve"))
        self.reject_button.setText(self.tr("Reject"))
        self.cancel_button.setText(self.tr("Withdraw"))

    def refresh(self) -> None:
        actor = self.ctx.actor
        if actor is None:
            return
        manager = actor.is_manager
        self.person.clear()
        for sid, name in roster.clerks():
            if manager or sid == actor.id:
                self.person.addItem(name, sid)
        for w in (self.override, self.override_label, self.approve_button, self.reject_button,
                  self.note):
            w.setVisible(manager)
        v = settings.get_many(["leave.rest_days_per_month", "leave.max_consecutive_days",
                               "leave.min_rest_per_week"])
        self.rules.setText(self.tr("Rules: %1 rest days a month, at most %2 days off in a row, "
                                   "at least %3 rest day a week, never leave the outlet unstaffed.")
                           .replace("%1", str(v["leave.rest_days_per_month"]))
                           .replace("%2", str(v["leave.max_consecutive_days"]))
                           .replace("%3", str(v["leave.min_rest_per_week"])))
        bal = leave.balances(self.ctx.now().date())
        self.balances.setRowCount(len(bal))
        for r, b in enumerate(bal):
            values = [b.name, f"{b.rest_used}/{b.rest_quota}", str(b.rest_left), str(b.by_kind["事假"]),
                      str(b.by_kind["病假"]), str(b.by_kind["年假"])]
            for c, v in enumerate(values):
                self.balances.setItem(r, c, QTableWidgetItem(v))
        rows = leave.requests(actor=actor)
        if not manager:
            rows = [x for x in rows if x.staff_id == actor.id or x.status == "pending"]
        self.rows = rows[:200]
        self.requests.setRowCount(len(self.rows))
        for r, x in enumerate(self.rows):
            status = leave.status_text(x.status)
            if x.override_reason:
                status += " · " + self.tr("override")
            elif x.status == "pending" and x.seen:
                status += " · " + self.tr("colleague has seen it")
            values = [x.staff, leave.kind_text(x.kind), x.dates_text(), str(x.days), status,
                      x.reason + (i18n.punct("（") + x.override_reason + i18n.punct("）")
                                  if x.override_reason else "")]
            for c, v in enumerate(values):
                self.requests.setItem(r, c, QTableWidgetItem(v))

    def selected(self) -> leave.LeaveInfo | None:
        row = self.requests.currentRow()
        if 0 <= row < len(self.rows):
            return self.rows[row]
        self.ctx.banner.error(self.tr("Select a leave request first."))
        return None

    def submit(self):
        actor = self.ctx.actor
        staff_id = self.person.currentData() or actor.id
        override = self.override.text().strip() if actor.is_manager and self.override.text().strip() else None
        kind, start, end = self.kind.currentData(), pydate(self.start.date()), pydate(self.end.date())
        reason = self.reason.text()
        result = self.ctx.perform(
            lambda: leave.request_leave(kind, start, end, reason, staff_id=staff_id,
                                        override_reason=override, actor=actor, now=self.ctx.now()),
            success=self.tr("Leave recorded."), changes=leave.CHANGES | {changes.TASKS})
        if result:
            self.reason.clear()
            self.override.clear()
        return result

    def decide(self, approve: bool):
        x = self.selected()
        if x is None:
            return None
        return self.ctx.perform(
            lambda: leave.decide_leave(x.id, approve, self.note.text(), actor=self.ctx.actor,
                                       now=self.ctx.now()),
            success=self.tr("Decision saved."), changes=leave.CHANGES | {changes.TASKS})

    def cancel(self):
        x = self.selected()
        if x is None:
            return None
        return self.ctx.perform(lambda: leave.cancel_leave(x.id, actor=self.ctx.actor,
                                                           now=self.ctx.now()),
                                success=self.tr("Leave withdrawn."), changes=leave.CHANGES)


# -- swaps ------------------------------------------------------------------------------------
class SwapTab(QWidget):
    def __init__(self, screen):
        super().__init__()
        self.screen = screen
        self.ctx = screen.ctx
        layout = QVBoxLayout(self)
        self.form_box = QGroupBox()
        form = QHBoxLayout(self.form_box)
        self.colleague = QComboBox()
        today = self.ctx.now().date()
        self.day = QDateEdit(qdate(today + dt.timedelta(days=1)))
        self.day2 = QDateEdit(qdate(today + dt.timedelta(days=2)))
        for w in (self.day, self.day2):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
        self.use_day2 = QCheckBox()
        self.reason = QLineEdit()
        self.ask_button = QPushButton()
        self.colleague_label, self.day_label = QLabel(), QLabel()
        for w in (self.colleague_label, self.colleague, self.day_label, self.day, self.use_day2,
                  self.day2, self.reason, self.ask_button):
            form.addWidget(w)
        layout.addWidget(self.form_box)
        self.list = QTableWidget(0, 5)
        self.list.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.list.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.verticalHeader().hide()
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.accept_button, self.decline_button = QPushButton(), QPushButton()
        self.approve_button, self.reject_button = QPushButton(), QPushButton()
        self.cancel_button = QPushButton()
        row.addStretch(1)
        for b in (self.accept_button, self.decline_button, self.approve_button, self.reject_button,
                  self.cancel_button):
            row.addWidget(b)
        layout.addLayout(row)
        self.ask_button.clicked.connect(self.ask)
        self.accept_button.clicked.connect(lambda: self.act("answer", True))
        self.decline_button.clicked.connect(lambda: self.act("answer", False))
        self.approve_button.clicked.connect(lambda: self.act("decide", True))
        self.reject_button.clicked.connect(lambda: self.act("decide", False))
        self.cancel_button.clicked.connect(lambda: self.act("cancel", None))
        self.rows: list[roster.SwapInfo] = []

    def retranslate(self) -> None:
        self.form_box.setTitle(self.tr("Ask a colleague to swap"))
        self.colleague_label.setText(self.tr("With"))
        self.day_label.setText(self.tr("Day"))
        self.use_day2.setText(self.tr("and back on"))
        self.reason.setPlaceholderText(self.tr("Reason"))
        self.ask_button.setText(self.tr("Ask"))
        self.list.setHorizontalHeaderLabels([self.tr("Asked by"), self.tr("Colleague"),
                                             self.tr("Dates"), self.tr("Status"), self.tr("Reason")])
        self.accept_button.setText(self.tr("Accept"))
        self.decline_button.setText(self.tr("Decline"))
        self.approve_button.setText(self.tr("Approve"))
        self.reject_button.setText(self.tr("Reject"))
        self.cancel_button.setText(self.tr("Withdraw"))

    def refresh(self) -> None:
        actor = self.ctx.actor
        if actor is None:
            return
        self.form_box.setVisible(not actor.is_manager)
        self.approve_button.setVisible(actor.is_manager)
        self.reject_button.setVisible(actor.is_manager)
        for b in (self.accept_button, self.decline_button, self.cancel_button):
            b.setVisible(not actor.is_manager)
        self.colleague.clear()
        for sid, name in roster.clerks():
            if sid != actor.id:
                self.colleague.addItem(name, sid)
        self.rows = roster.swaps(actor=actor)
        self.list.setRowCount(len(self.rows))
        for r, s in enumerate(self.rows):
            for c, v in enumerate([s.requester, s.colleague, s.days_text(),
                                   roster.swap_status_text(s.status), s.reason]):
                self.list.setItem(r, c, QTableWidgetItem(v))

    def ask(self):
        day = pydate(self.day.date())
        day2 = pydate(self.day2.date()) if self.use_day2.isChecked() else None
        colleague = self.colleague.currentData()
        if colleague is None:
            self.ctx.banner.error(self.tr("There is no colleague to swap with."))
            return None
        return self.ctx.perform(lambda: roster.ask_swap(colleague, day, day2, self.reason.text(),
                                                        actor=self.ctx.actor, now=self.ctx.now()),
                                success=self.tr("Swap asked: your colleague sees it when they log in."),
                                changes=roster.CHANGES)

    def act(self, what: str, yes):
        row = self.list.currentRow()
        if not 0 <= row < len(self.rows):
            self.ctx.banner.error(self.tr("Select a swap first."))
            return None
        sid = self.rows[row].id
        a, now = self.ctx.actor, self.ctx.now()
        fn = {"answer": lambda: roster.answer_swap(sid, yes, actor=a, now=now),
              "decide": lambda: roster.decide_swap(sid, yes, actor=a, now=now),
              "cancel": lambda: roster.cancel_swap(sid, actor=a, now=now)}[what]
        return self.ctx.perform(fn, success=self.tr("Swap updated."), changes=roster.CHANGES)


# -- attendance -------------------------------------------------------------------------------
class AttendanceTab(QWidget):
    def __init__(self, screen):
        super().__init__()
        self.screen = screen
        self.ctx = screen.ctx
        self.month = roster.month_key(self.ctx.now().date())
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.today_label = QLabel()
        self.today_label.setWordWrap(True)
        self.in_button, self.out_button = QPushButton(), QPushButton()
        bar.addWidget(self.today_label, 1)
        bar.addWidget(self.in_button)
        bar.addWidget(self.out_button)
        layout.addLayout(bar)
        self.flags = QLabel()
        self.flags.setStyleSheet("color:#c62828;")
        self.flags.setWordWrap(True)
        layout.addWidget(self.flags)
        mbar = QHBoxLayout()
        self.prev_button, self.next_button = QPushButton("◀"), QPushButton("▶")
        self.month_label = QLabel()
        self.print_button = QPushButton()
        for w in (self.prev_button, self.month_label, self.next_button):
            mbar.addWidget(w)
        mbar.addStretch(1)
        mbar.addWidget(self.print_button)
        layout.addLayout(mbar)
        self.table = QTableWidget(0, 12)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        self.in_button.clicked.connect(self.clock_in)
        self.out_button.clicked.connect(self.clock_out)
        self.prev_button.clicked.connect(lambda: self.shift_month(-1))
        self.next_button.clicked.connect(lambda: self.shift_month(1))
        self.print_button.clicked.connect(self.print_pdf)

    def retranslate(self) -> None:
        self.in_button.setText(self.tr("Clock in"))
        self.out_button.setText(self.tr("Clock out"))
        self.print_button.setText(self.tr("Print month report (PDF)"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Clerk"), self.tr("Days worked"), self.tr("Late"), self.tr("Late min"),
            self.tr("Early"), self.tr("Early min"), self.tr("No clock-out"), self.tr("Absent"),
            leave.kind_text("休息"), leave.kind_text("事假"), leave.kind_text("病假"),  # zh-data: stored kinds
            self.tr("Overrides")])

    def shift_month(self, step: int) -> None:
        days = roster.month_days(self.month)
        d = days[0] - dt.timedelta(days=1) if step < 0 else days[-1] + dt.timedelta(days=1)
        self.month = roster.month_key(d)
        self.refresh()

    def refresh(self) -> None:
        actor = self.ctx.actor
        if actor is None:
            return
        now = self.ctx.now()
        rec = attendance.today(actor.id, now.date()) if actor.id else None
        hours = roster.expected_hours(actor.id, now.date()) if actor.id else None
        text = self.tr("Today: %1").replace("%1", f"{hours[0]:%H:%M}-{hours[1]:%H:%M}" if hours
                                             else self.tr("not rostered"))
        if rec:
            text += "  " + self.tr("in %1").replace("%1", f"{rec.in_at:%H:%M}")
            if rec.late_minutes:
                text += " " + self.tr("(late %1 min)").replace("%1", str(rec.late_minutes))
            if rec.out_at:
                text += "  " + self.tr("out %1").replace("%1", f"{rec.out_at:%H:%M}")
        else:
            text += "  " + self.tr("not clocked in")
        self.today_label.setText(text)
        self.in_button.setEnabled(rec is None)
        missed = attendance.missed_clock_outs(now, staff_id=None if actor.is_manager else actor.id)
        self.flags.setText("  ".join(self.tr("%1 did not clock out on %2.").replace("%1", m.name)
                                     .replace("%2", md(m.day)) for m in missed))
        self.flags.setVisible(bool(missed))
        y, m = self.month.split("-")
        self.month_label.setText(f"{y}-{m}")
        report = attendance.month_report(self.month, now=now)
        if not actor.is_manager:
            report = [p for p in report if p.staff_id == actor.id]
        self.table.setRowCount(len(report))
        for r, p in enumerate(report):
            values = [p.name, p.days_worked, p.late_count, p.late_minutes, p.early_count,
                      p.early_minutes, p.missed_outs, p.absent, p.leave["休息"], p.leave["事假"],
                      p.leave["病假"], p.overrides]
            for c, v in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(str(v)))
        self.print_button.setVisible(actor.is_manager)

    def clock_in(self):
        return self.ctx.perform(lambda: attendance.clock_in(actor=self.ctx.actor, now=self.ctx.now()),
                                success=self.tr("Clocked in."), changes=attendance.CHANGES)

    def clock_out(self):
        return self.ctx.perform(lambda: attendance.clock_out(actor=self.ctx.actor, now=self.ctx.now()),
                                success=self.tr("Clocked out."), changes=attendance.CHANGES)

    def print_pdf(self):
        """The attendance PDF is built in the background; its preview opens when ready."""
        from ..printing import preview_in_background
        month, now = self.month, self.ctx.now()
        return preview_in_background(self, self.ctx, lambda: attendance.report_pdf(month, now=now),
                                     kind="reports", title=self.tr("Attendance %1").replace("%1", month),
                                     suggested_name=f"考勤-{month}.pdf")


# -- duties -----------------------------------------------------------------------------------
STATE_COLOUR = {"auto": "#2e7d32", "late": "#c62828", "missed": "#c62828"}


class DutiesTab(QWidget):
    """A day's checklist for every post (what was done, by whom, what was missed) and, for the
    manager, the templates the daily checklists are made from."""

    COLS = ("id", "post", "time", "text", "key", "by", "every")

    def __init__(self, screen):
        super().__init__()
        self.screen = screen
        self.ctx = screen.ctx
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.day_label = QLabel()
        self.day = QDateEdit(qdate(self.ctx.now().date()))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.summary = QLabel()
        bar.addWidget(self.day_label)
        bar.addWidget(self.day)
        bar.addWidget(self.summary, 1)
        layout.addLayout(bar)
        self.table = QTableWidget(0, 5)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 3)
        self.editor_box = QGroupBox()
        el = QVBoxLayout(self.editor_box)
        self.editor = QTableWidget(0, len(self.COLS))
        self.editor.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.editor.horizontalHeader().setStretchLastSection(False)
        self.editor.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.editor.verticalHeader().hide()
        el.addWidget(self.editor)
        row = QHBoxLayout()
        self.keys_label = QLabel()
        self.keys_label.setWordWrap(True)
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.defaults_button, self.save_button = QPushButton(), QPushButton()
        row.addWidget(self.keys_label, 1)
        for b in (self.add_button, self.remove_button, self.defaults_button, self.save_button):
            row.addWidget(b)
        el.addLayout(row)
        layout.addWidget(self.editor_box, 4)
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.defaults_button.clicked.connect(lambda: self.load_templates(tasks.DEFAULT_TEMPLATES))
        self.save_button.clicked.connect(self.save)

    def retranslate(self) -> None:
        self.day_label.setText(self.tr("Day"))
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Post"), self.tr("Duty"),
                                              self.tr("State"), self.tr("By / at")])
        self.editor_box.setTitle(self.tr("Checklist templates (manager)"))
        self.editor.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("Post (* = all)"), self.tr("Time"), self.tr("Duty"),
            self.tr("Ticks itself on"), self.tr("Deadline (1 = yes)"), self.tr("Every n days")])
        self.keys_label.setText(self.tr("Events: %1").replace(
            "%1", i18n.punct("、").join(duty_events.label(k) for k in tasks.known_keys())))
        self.add_button.setText(self.tr("Add row"))
        self.remove_button.setText(self.tr("Remove row"))
        self.defaults_button.setText(self.tr("Seed 004 defaults"))
        self.save_button.setText(self.tr("Save templates"))

    def state_text(self, state: str) -> str:
        return {"done": self.tr("Ticked"), "auto": self.tr("Ticked by the app"), "late": self.tr("Done late"),
                "open": self.tr("To do"), "missed": self.tr("Missed")}.get(state, state)

    def refresh(self) -> None:
        actor = self.ctx.actor
        if actor is None:
            return
        now = self.ctx.now()
        day = pydate(self.day.date())
        items = tasks.checklist(day, staff_id=None if actor.is_manager else actor.id, now=now)
        self.table.setRowCount(len(items))
        for r, it in enumerate(items):
            who = it.by or ""
            if it.at:
                who = f"{who} {it.at:%H:%M}".strip()
            values = [it.time, it.post if it.post != tasks.BOTH else "A+B", it.text,
                      self.state_text(it.state), who]
            for c, v in enumerate(values):
                cell = QTableWidgetItem(v)
                if c == 3 and it.state in STATE_COLOUR:
                    cell.setForeground(QBrush(QColor(STATE_COLOUR[it.state])))
                self.table.setItem(r, c, cell)
        missed = sum(1 for i in items if i.state == "missed")
        done = sum(1 for i in items if i.ticked)
        self.summary.setText(self.tr("%1 of %2 done, %3 missed").replace("%1", str(done))
                             .replace("%2", str(len(items))).replace("%3", str(missed)))
        self.editor_box.setVisible(actor.is_manager)
        if actor.is_manager:
            self.load_templates(settings.get("duty.templates"))

    def load_templates(self, rows) -> None:
        self.editor.setRowCount(0)
        for t in rows:
            self.add_row(t)

    def add_row(self, t=None) -> None:
        t = t if isinstance(t, dict) else {"post": tasks.BOTH, "time": "", "text": ""}
        r = self.editor.rowCount()
        self.editor.insertRow(r)
        for c, col in enumerate(self.COLS):
            value = t.get(col, "")
            if col == "by":
                value = "1" if value else ""
            if col == "every":
                value = "" if not value or int(value) <= 1 else str(value)
            if col == "key":
                value = duty_events.label(value)
            self.editor.setItem(r, c, QTableWidgetItem(str(value or "")))

    def remove_row(self) -> None:
        r = self.editor.currentRow()
        if r >= 0:
            self.editor.removeRow(r)

    def rows(self) -> list[dict]:
        out = []
        for r in range(self.editor.rowCount()):
            cell = {col: (self.editor.item(r, c).text().strip() if self.editor.item(r, c) else "")
                    for c, col in enumerate(self.COLS)}
            cell["by"] = cell["by"] in ("1", "是", "yes", "y", "true")
            out.append(cell)
        return out

    def save(self):
        rows = self.rows()
        return self.ctx.perform(lambda: tasks.save_templates(rows, actor=self.ctx.actor,
                                                             now=self.ctx.now()),
                                success=self.tr("Checklist templates saved."))


class ShiftsScreen(Screen):
    FKEY = 9
    TITLE = "Shifts"
    WATCHES = frozenset({changes.ROSTER, changes.LEAVE, changes.ATTENDANCE, changes.SETTINGS,
                         changes.STAFF, changes.TASKS})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.roster_tab = RosterTab(self)
        self.leave_tab = LeaveTab(self)
        self.swap_tab = SwapTab(self)
        self.attendance_tab = AttendanceTab(self)
        self.duties_tab = DutiesTab(self)
        for tab in self._tabs():
            self.tabs.addTab(tab, "")
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.retranslate()

    def retranslate(self) -> None:
        for i, text in enumerate([self.tr("Roster"), self.tr("Leave"), self.tr("Swaps"),
                                  self.tr("Attendance"), self.tr("Duties")]):
            self.tabs.setTabText(i, text)
        for tab in self._tabs():
            tab.retranslate()
        if self.ctx.actor:
            self.refresh()

    def _tabs(self):
        return (self.roster_tab, self.leave_tab, self.swap_tab, self.attendance_tab, self.duties_tab)

    def refresh(self) -> None:
        if self.ctx.actor is None:
            return
        self.tabs.currentWidget().refresh()

    def focus_default(self) -> None:
        self.tabs.currentWidget().setFocus()
