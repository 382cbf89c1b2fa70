"""Home (F1): the start screen of whoever logged in — today's post and hours, the day's duty
checklist, the notebook, handover notes to acknowledge item by item, requests waiting for them, and
(for the manager) the flags: missing handovers, missed clock-outs, missed duties, roster problems."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from outlet_desk import changes, i18n, settings
from outlet_desk.datacare import backup
from outlet_desk.dates import md
from outlet_desk.shifts import attendance, handover, leave, roster, tasks

from .base import Screen

RED = QColor("#c62828")
GREY = QColor("#757575")
GREEN = QColor("#2e7d32")


class HomeScreen(Screen):
    FKEY = 1
    TITLE = "Home"
    WATCHES = frozenset({changes.SETTINGS, changes.ROSTER, changes.LEAVE, changes.ATTENDANCE,
                         changes.TASKS, changes.TICKETS})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        outer = QVBoxLayout(self)
        self.greeting = QLabel()
        font = self.greeting.font()
        font.setPointSize(20)
        font.setBold(True)
        self.greeting.setFont(font)
        self.outlet = QLabel()
        self.today = QLabel()
        f = self.today.font()
        f.setPointSize(13)
        self.today.setFont(f)
        self.today.setWordWrap(True)
        for w in (self.greeting, self.outlet, self.today):
            outer.addWidget(w)
        body = QHBoxLayout()
        outer.addLayout(body, 1)

        # left: the day's checklist
        self.check_box = QGroupBox()
        cl = QVBoxLayout(self.check_box)
        self.checklist = QListWidget()
        self.checklist.setStyleSheet("QListWidget::item{padding:3px;}")
        self.checklist.setWordWrap(True)
        cl.addWidget(self.checklist)
        self.check_note = QLabel()
        self.check_note.setWordWrap(True)
        cl.addWidget(self.check_note)
        body.addWidget(self.check_box, 4)      # duties are short lines: the rest gets the width

        # right: the rest, scrollable
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        right = QWidget()
        self.right = QVBoxLayout(right)
        scroll.setWidget(right)
        body.addWidget(scroll, 7)
        self.right_scroll = scroll
        self._wrapped_at = 0             # the width the handover texts were wrapped for

        self.flags_box = QGroupBox()
        fl = QVBoxLayout(self.flags_box)
        self.flags = QListWidget()
        self.flags.setWordWrap(True)
        fl.addWidget(self.flags)
        self.right.addWidget(self.flags_box)

        self.handover_box = QGroupBox()
        hl = QVBoxLayout(self.handover_box)
        self.handovers = QTreeWidget()
        self.handovers.setHeaderHidden(True)
        self.handovers.setIndentation(14)
        self.handovers.setWordWrap(True)
        hl.addWidget(self.handovers)
        self.right.addWidget(self.handover_box)

        self.waiting_box = QGroupBox()
        wl = QVBoxLayout(self.waiting_box)
        self.waiting = QListWidget()
        self.waiting.setWordWrap(True)
        wl.addWidget(self.waiting)
        row = QHBoxLayout()
        self.yes_button, self.no_button = QPushButton(), QPushButton()
        row.addStretch(1)
        row.addWidget(self.yes_button)
        row.addWidget(self.no_button)
        wl.addLayout(row)
        self.right.addWidget(self.waiting_box)

        self.notebook_box = QGroupBox()
        nl = QVBoxLayout(self.notebook_box)
        self.notebook = QListWidget()
        self.notebook.setWordWrap(True)
        nl.addWidget(self.notebook)
        add = QHBoxLayout()
        self.note_text = QLineEdit()
        self.note_due = QDateEdit()
        self.note_due.setCalendarPopup(True)
        self.note_due.setDisplayFormat("yyyy-MM-dd")
        self.note_add = QPushButton()
        add.addWidget(self.note_text, 1)
        add.addWidget(self.note_due)
        add.addWidget(self.note_add)
        nl.addLayout(add)
        self.right.addWidget(self.notebook_box)

        self.mine_box = QGroupBox()
        ml = QVBoxLayout(self.mine_box)
        self.mine_label = QLabel()
        self.mine_label.setWordWrap(True)
        self.mine_note = QPlainTextEdit()
        self.mine_note.setFixedHeight(60)
        self.mine_extra = QLineEdit()
        self.mine_button = QPushButton()
        ml.addWidget(self.mine_label)
        ml.addWidget(self.mine_note)
        ml.addWidget(self.mine_extra)
        ml.addWidget(self.mine_button, 0, Qt.AlignRight)
        self.right.addWidget(self.mine_box)
        self.right.addStretch(1)

        self.checklist.itemChanged.connect(self._check_changed)
        self.notebook.itemChanged.connect(self._note_changed)
        self.handovers.itemChanged.connect(self._handover_changed)
        self.note_add.clicked.connect(self.add_note)
        self.note_text.returnPressed.connect(self.add_note)
        self.yes_button.clicked.connect(lambda: self.answer(True))
        self.no_button.clicked.connect(lambda: self.answer(False))
        self.mine_button.clicked.connect(self.write_handover)
        self._to_write: handover.HandoverInfo | None = None
        self._filling = False
        self._pending = False
        self.retranslate_static()

    # -- texts ----------------------------------------------------------------------------
    def retranslate_static(self) -> None:
        self.check_box.setTitle(self.tr("Today's duties"))
        self.flags_box.setTitle(self.tr("Needs attention"))
        self.handover_box.setTitle(self.tr("Handover to acknowledge (tick each item)"))
        self.waiting_box.setTitle(self.tr("Waiting for you"))
        self.notebook_box.setTitle(self.tr("Notebook (do tomorrow)"))
        self.note_text.setPlaceholderText(self.tr("Write something to do…"))
        self.note_add.setText(self.tr("Add"))
        self.yes_button.setText(self.tr("Accept / approve / seen"))
        self.no_button.setText(self.tr("Decline / reject"))
        self.mine_extra.setPlaceholderText(self.tr("More items to hand over, separated by ;"))

    def retranslate(self) -> None:
        self.retranslate_static()
        if self.ctx.actor:
            self.refresh()

    # -- loading --------------------------------------------------------------------------
    def _on_changes(self, kinds) -> None:
        # lists are rebuilt after the signal that changed them has returned (a tree must not be
        # cleared from inside its own itemChanged)
        if not (self.WATCHES & kinds):
            return
        if not self.isVisible():
            self._stale = True
        elif not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._deferred_refresh)

    def _deferred_refresh(self) -> None:
        self._pending = False
        if self.ctx.db_away:           # a restore: reloaded when the database is back
            self._stale = True
            return
        self.refresh()

    def refresh(self) -> None:
        actor = self.ctx.actor
        if actor is None:
            return
        now = self.ctx.now()
        day = now.date()
        self.ctx.perform(lambda: handover.prepare(now=now))
        self.greeting.setText(self.tr("Hello, %1").replace("%1", actor.name))
        values = settings.get_many(["outlet.name", "outlet.address", "outlet.opening_hours"])
        self.outlet.setText(self.tr("%1 · %2 · open %3 · today is %4")
                            .replace("%1", values["outlet.name"])
                            .replace("%2", values["outlet.address"])
                            .replace("%3", values["outlet.opening_hours"])
                            .replace("%4", now.strftime("%Y-%m-%d")))
        self._fill_today(actor, now)
        self._filling = True
        try:
            self._fill_checklist(actor, now)
            self._fill_flags(actor, now)
            self._fill_handovers(actor, now)
            self._fill_waiting(actor)
            self._fill_notebook(actor, day)
            self._fill_mine(actor, now)
        finally:
            self._filling = False
        if self.note_due.date() < QDate(day.year, day.month, day.day):
            tomorrow = day + dt.timedelta(days=1)
            self.note_due.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))

    def _fill_today(self, actor, now) -> None:
        if actor.is_manager:
            self.today.setText(self.tr("Manager: approvals and flags are below."))
            return
        code = roster.post_for(actor.id, now.date())
        if code is None:
            text = self.tr("You are not on duty today.")
        else:
            post = roster.post_map().get(code)
            text = self.tr("Today you work %1: %2").replace("%1", post.name if post else code) \
                .replace("%2", post.hours_text() if post else "")
        rec = attendance.today(actor.id, now.date())
        if rec:
            text += "  ·  " + self.tr("clocked in %1").replace("%1", rec.in_at.strftime("%H:%M"))
            if rec.late_minutes:
                text += " " + self.tr("(late %1 min)").replace("%1", str(rec.late_minutes))
        self.today.setText(text)

    def _fill_checklist(self, actor, now) -> None:
        self.checklist.clear()
        staff_id = None if actor.is_manager else actor.id
        items = tasks.checklist(now.date(), staff_id=staff_id, now=now)
        for it in items:
            text = f"{it.time}  {it.text}"
            if actor.is_manager and it.post != tasks.BOTH:
                text = f"{it.time}  [{it.post}] {it.text}"
            w = QListWidgetItem()
            w.setData(Qt.UserRole, it.id)
            if it.state in ("auto", "late"):
                text += "  " + self.tr("(ticked by the app %1)").replace("%1", it.at.strftime("%H:%M"))
                if it.state == "late":
                    text += " " + self.tr("after the deadline")
                w.setFlags(Qt.ItemIsEnabled)
                w.setCheckState(Qt.Checked)
                w.setForeground(QBrush(RED if it.state == "late" else GREEN))
            else:
                w.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable)
                w.setCheckState(Qt.Checked if it.state == "done" else Qt.Unchecked)
                if it.state == "done":
                    text += "  " + self.tr("(%1 %2)").replace("%1", it.by).replace(
                        "%2", it.at.strftime("%H:%M"))
                    w.setForeground(QBrush(GREY))
                elif it.state == "missed":
                    text += "  " + self.tr("(overdue)")
                    w.setForeground(QBrush(RED))
            w.setText(text)
            self.checklist.addItem(w)
        if not items:
            self.check_note.setText(self.tr("No duties: you are not on the roster today."))
        else:
            done = sum(1 for i in items if i.ticked)
            self.check_note.setText(self.tr("%1 of %2 done. Green ticks were seen by the app itself.")
                                    .replace("%1", str(done)).replace("%2", str(len(items))))

    def _fill_flags(self, actor, now) -> None:
        self.flags.clear()
        lines: list[str] = []
        day = now.date()
        if actor.is_manager:
            warning = backup.backup_warning(self.ctx.home)      # a failed daily backup
            if warning:
                lines.append(warning)
            lines += [f.text for f in handover.flags(now)]
            for m in attendance.missed_clock_outs(now):
                lines.append(self.tr("%1 did not clock out on %2.").replace("%1", m.name)
                             .replace("%2", md(m.day)))
            for missed in tasks.missed(day - dt.timedelta(days=7), day - dt.timedelta(days=1), now=now):
                names = i18n.punct("、").join(f"{i.time} {i.text}" for i in missed.items[:3])
                text = self.tr("%1: %2 duties not done: %3").replace("%1", md(missed.day)) \
                    .replace("%2", str(len(missed.items))).replace("%3", names)
                if len(missed.items) > 3:
                    text += " …"
                lines.append(text)
            for month in (roster.month_key(day), roster.next_month(day)):
                g = roster.grid(month, layer="published")
                if not g.published:
                    lines.append(self.tr("Roster %1 is not published yet.").replace("%1", month))
                    continue
                lines += [p.message for p in g.problems if p.kind in ("nobody", "gap") and p.day >= day]
        else:
            for m in attendance.missed_clock_outs(now, staff_id=actor.id):
                lines.append(self.tr("You did not clock out on %1.").replace("%1", md(m.day)))
            for d in leave.recent_decisions(actor.id, now):
                text = self.tr("Your swap for %1: %2") if d.kind == "swap" else self.tr("Your leave from %1: %2")
                lines.append(text.replace("%1", md(d.day)).replace("%2", d.status))
        for text in lines:
            w = QListWidgetItem(text)
            w.setForeground(QBrush(RED))
            self.flags.addItem(w)
        self.flags_box.setVisible(bool(lines))
        # as tall as its wrapped lines (up to 7 of them; the list scrolls beyond)
        width = self._list_text_width(self.flags)
        fm = self.flags.fontMetrics()
        shown = [fm.boundingRect(0, 0, width, 10000, int(Qt.TextWordWrap), t).height() + 4 for t in lines]
        self.flags.setFixedHeight(min(max(sum(shown), fm.lineSpacing() + 4), 7 * fm.lineSpacing() + 28) + 8)

    @staticmethod
    def _rows_height(view, rows: int) -> int:
        """Room for ``rows`` one-line rows of ``view`` (its font and item padding), no more."""
        return rows * (view.fontMetrics().lineSpacing() + 6) + 8

    def _list_text_width(self, view) -> int:
        """The width a line of text has in ``view`` (the right column's width before the first
        layout, when the view has none yet)."""
        width = view.viewport().width()
        if width < 200:
            width = max(self.right_scroll.viewport().width(), 360) - 40
        return width - 12

    def _wrap(self, text: str, width: int, fm) -> list[str]:
        """``text`` broken into lines of at most ``width`` pixels: after a space where one is
        near, else between any two characters (Chinese has no spaces)."""
        out = []
        for para in text.split("\n"):
            line = ""
            for ch in para:
                if line and fm.horizontalAdvance(line + ch) > width:
                    cut = line.rfind(" ")
                    if cut > len(line) * 2 // 3:
                        out.append(line[:cut])
                        line = line[cut + 1:] + ch
                    else:
                        out.append(line)
                        line = ch
                else:
                    line += ch
            out.append(line)
        return out

    def _fill_handovers(self, actor, now) -> None:
        self.handovers.clear()
        notes = handover.to_acknowledge(actor, now)
        fm = self.handovers.fontMetrics()
        width = self._list_text_width(self.handovers)
        self._wrapped_at = self.right_scroll.viewport().width()
        indent = self.handovers.indentation()
        lines = 0
        for h in notes:
            what = h.leave_text or self.tr("shift handover")
            text = self.tr("%1 → you (%2): %3").replace("%1", h.author).replace("%2", what) \
                .replace("%3", "\n" + (h.note or self.tr("(no note)")))
            wrapped = self._wrap(text, width - indent - 4, fm)
            lines += len(wrapped)
            top = QTreeWidgetItem(["\n".join(wrapped)])
            top.setFlags(Qt.ItemIsEnabled)
            top.setData(0, Qt.UserRole, ("note", h.id))
            self.handovers.addTopLevelItem(top)
            for it in h.items:
                kind = handover.kind_text(it.kind)
                wrapped = self._wrap(f"[{kind}] {it.label(now)}", width - 2 * indent - 28, fm)
                lines += len(wrapped)
                child = QTreeWidgetItem(["\n".join(wrapped)])
                child.setData(0, Qt.UserRole, ("item", it.id))
                child.setFlags(Qt.ItemIsEnabled | (Qt.ItemIsUserCheckable if not it.acknowledged else Qt.NoItemFlags))
                child.setCheckState(0, Qt.Checked if it.acknowledged else Qt.Unchecked)
                top.addChild(child)
            if not h.items:
                child = QTreeWidgetItem([self.tr("Received the note")])
                child.setData(0, Qt.UserRole, ("ack_note", h.id))
                child.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable)
                child.setCheckState(0, Qt.Unchecked)
                top.addChild(child)
                lines += 1
            top.setExpanded(True)
        self.handover_box.setVisible(bool(notes))
        rows = sum(1 + max(1, len(h.items)) for h in notes)       # each row's own margins
        self.handovers.setFixedHeight(min(max(lines, 2), 10) * fm.lineSpacing() + min(rows, 10) * 4 + 10)

    def resizeEvent(self, ev):
        super().resizeEvent(ev)
        # the handover texts are wrapped to the column's width: again when it changed much
        if (self.ctx.actor is not None and self.isVisible() and not self._pending
                and abs(self.right_scroll.viewport().width() - self._wrapped_at) > 30):
            self._pending = True
            QTimer.singleShot(0, self._deferred_refresh)

    def _fill_waiting(self, actor) -> None:
        self.waiting.clear()
        for s in roster.swaps_waiting_for(actor):
            if actor.is_manager:
                text = self.tr("Swap to approve: %1 and %2 exchange %3").replace("%1", s.requester) \
                    .replace("%2", s.colleague).replace("%3", s.days_text())
            else:
                text = self.tr("%1 asks to swap %2 with you").replace("%1", s.requester) \
                    .replace("%2", s.days_text())
            if s.reason:
                text += i18n.punct("（") + s.reason + i18n.punct("）")
            w = QListWidgetItem(text)
            w.setData(Qt.UserRole, ("swap", s.id))
            self.waiting.addItem(w)
        for x in leave.waiting_for(actor):
            if actor.is_manager:
                text = self.tr("Leave to approve: %1 %2 %3").replace("%1", x.staff) \
                    .replace("%2", leave.kind_text(x.kind)).replace("%3", x.dates_text())
            else:
                text = self.tr("%1 asks for %2 on %3").replace("%1", x.staff) \
                    .replace("%2", leave.kind_text(x.kind)) \
                    .replace("%3", x.dates_text())
            if x.reason:
                text += i18n.punct("（") + x.reason + i18n.punct("）")
            w = QListWidgetItem(text)
            w.setData(Qt.UserRole, ("leave", x.id))
            self.waiting.addItem(w)
        n = self.waiting.count()
        self.waiting_box.setVisible(bool(n))
        self.waiting.setFixedHeight(self._rows_height(self.waiting, min(5, max(1, n))))
        if n:
            self.waiting.setCurrentRow(0)

    def _fill_notebook(self, actor, day) -> None:
        self.notebook.clear()
        for n in tasks.notebook(None if actor.is_manager else actor.id, day):
            text = f"{n.due.month}-{n.due.day:02d}  {n.text}"
            if n.owner and actor.is_manager:
                text += i18n.punct("（") + n.owner + i18n.punct("）")
            elif not n.staff_id:
                text += "  " + self.tr("(both)")
            w = QListWidgetItem(text)
            w.setData(Qt.UserRole, n.id)
            w.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable)
            w.setCheckState(Qt.Unchecked)
            if n.carried:
                w.setForeground(QBrush(RED))
                w.setText(text + "  " + self.tr("(carried forward)"))
            elif n.due > day:
                w.setForeground(QBrush(GREY))
            self.notebook.addItem(w)
        self.notebook.setFixedHeight(self._rows_height(self.notebook, min(6, max(2, self.notebook.count()))))

    def _fill_mine(self, actor, now) -> None:
        if actor.is_manager:
            self.mine_box.hide()
            return
        self.mine_box.show()
        todo = handover.to_write(actor, now)
        self._to_write = todo[0] if todo else None
        if self._to_write:
            h = self._to_write
            self.mine_box.setTitle(self.tr("Write your handover before your leave"))
            items = i18n.punct("；").join(i.label(now) for i in h.items) or self.tr("nothing open")
            self.mine_label.setText(self.tr("Your leave (%1) starts %2. Gathered for %3: %4")
                                    .replace("%1", h.leave_text).replace("%2", md(h.day))
                                    .replace("%3", h.receiver or self.tr("your colleague"))
                                    .replace("%4", items))
            self.mine_button.setText(self.tr("Submit handover"))
        else:
            self.mine_box.setTitle(self.tr("Hand over your shift"))
            self.mine_label.setText(self.tr("Leaving? Your open items and this note go to the "
                                            "arriving colleague's start screen."))
            self.mine_button.setText(self.tr("Hand over my shift"))
        self.mine_note.setPlaceholderText(self.tr("Note for your colleague"))

    # -- actions --------------------------------------------------------------------------
    def _check_changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        item_id = item.data(Qt.UserRole)
        done = item.checkState() == Qt.Checked
        now = self.ctx.now()
        self.ctx.perform(lambda: tasks.tick(now.date(), item_id, done, actor=self.ctx.actor, now=now))

    def _note_changed(self, item: QListWidgetItem) -> None:
        if self._filling or item.checkState() != Qt.Checked:
            return
        note_id = item.data(Qt.UserRole)
        self.ctx.perform(lambda: tasks.done_note(note_id, actor=self.ctx.actor, now=self.ctx.now()),
                         success=self.tr("Crossed off the notebook."))

    def _handover_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        if self._filling or item.checkState(0) != Qt.Checked:
            return
        kind, ref = item.data(0, Qt.UserRole)
        a, now = self.ctx.actor, self.ctx.now()
        if kind == "item":
            fn = lambda: handover.acknowledge_item(ref, actor=a, now=now)  # noqa: E731
        elif kind == "ack_note":
            fn = lambda: handover.acknowledge_note(ref, actor=a, now=now)  # noqa: E731
        else:
            return
        result = self.ctx.perform(fn, changes=handover.CHANGES)
        if result and result is not True and result.acknowledged:
            self.ctx.banner.ok(self.tr("Handover from %1 received.").replace("%1", result.author))
        elif not result:
            self.refresh()

    def add_note(self):
        text = self.note_text.text()
        q = self.note_due.date()
        due = dt.date(q.year(), q.month(), q.day())
        result = self.ctx.perform(lambda: tasks.add_note(text, due, actor=self.ctx.actor,
                                                         now=self.ctx.now()),
                                  success=self.tr("Written in the notebook."), changes=tasks.CHANGES)
        if result:
            self.note_text.clear()
        return result

    def answer(self, yes: bool):
        item = self.waiting.currentItem()
        if item is None:
            self.ctx.banner.error(self.tr("Select a request first."))
            return None
        kind, ref = item.data(Qt.UserRole)
        a, now = self.ctx.actor, self.ctx.now()
        if kind == "swap":
            if a.is_manager:
                fn = lambda: roster.decide_swap(ref, yes, actor=a, now=now)  # noqa: E731
            else:
                fn = lambda: roster.answer_swap(ref, yes, actor=a, now=now)  # noqa: E731
            return self.ctx.perform(fn, success=self.tr("Swap answered."), changes=roster.CHANGES)
        if a.is_manager:
            fn = lambda: leave.decide_leave(ref, yes, actor=a, now=now)  # noqa: E731
            return self.ctx.perform(fn, success=self.tr("Leave decided."),
                                    changes=leave.CHANGES | {changes.TASKS})
        if not yes:
            self.ctx.banner.error(self.tr("Talk to your colleague or the manager if this leave "
                                          "does not suit you."))
            return None
        return self.ctx.perform(lambda: leave.mark_seen(ref, actor=a, now=now),
                                success=self.tr("Noted."), changes=leave.CHANGES)

    def write_handover(self):
        note = self.mine_note.toPlainText()
        extra = [e for e in self.mine_extra.text().replace(";", "；").split("；") if e.strip()]
        a, now = self.ctx.actor, self.ctx.now()
        if self._to_write:
            hid = self._to_write.id
            fn = lambda: handover.write_note(hid, note, extra, actor=a, now=now)  # noqa: E731
        else:
            fn = lambda: handover.hand_over_shift(note, extra, actor=a, now=now)  # noqa: E731
        result = self.ctx.perform(fn, success=self.tr("Handover written: your colleague sees it "
                                                      "on their start screen."),
                                  changes=handover.CHANGES)
        if result:
            self.mine_note.clear()
            self.mine_extra.clear()
        return result
