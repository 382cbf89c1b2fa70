"""Editors of the outlet's settings (F11), chosen in ONE place — :func:`editor_for` — from each
setting's declared kind and shape (:class:`outlet_desk.settings.SettingSpec`, its ``columns``).

Every editor is a widget with ``get()`` (the value to save; raises
:class:`~outlet_desk.errors.ValidationError` with one line when what was typed cannot be a value,
e.g. 12.345 元), ``set(value)``, ``set_read_only(flag)`` and ``retranslate(zh)``.  No editor ever
shows a Python or JSON literal: lists are typed as "a，b", tables are tables, money is in 元.
The core still checks every value when it is saved (``settings.coerce``/``settings.update``).
"""
from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from outlet_desk import i18n
from outlet_desk.errors import ValidationError
from outlet_desk.fen import format_yuan, parse_yuan
from outlet_desk.settings import Column, SettingSpec, label_of

#: What an editor's value is called in its one-line errors: (English, 中文), picked when the error
#: is raised (the person may switch the language while the screen is open)
Named = tuple[str, str]


def _named(what: Named) -> str:
    return what[1] if i18n.chinese() else what[0]


def _tr(text: str) -> str:
    return QCoreApplication.translate("SettingEditors", text)

_INT_MAX = 2 ** 31 - 1


def editor_kind(spec: SettingSpec) -> str:
    """The editor a setting gets, from its declared shape, choices and kind."""
    if spec.shape:
        return spec.shape                                   # hours | money | table | map
    if spec.choices:
        return "choice"
    if spec.kind == "list":
        return "ints" if spec.default and all(isinstance(v, int) for v in spec.default) else "strs"
    if spec.kind in ("str", "int", "bool", "time"):
        return spec.kind
    return "fixed"        # a structured value with no declared shape (tests/ui flag it)


def editor_for(spec: SettingSpec) -> QWidget:
    """The editor of one declared setting."""
    kind = editor_kind(spec)
    if kind == "choice":
        labels = spec.choice_labels or tuple((str(c), str(c)) for c in spec.choices)
        choices = tuple((c, en, zh) for c, (en, zh) in zip(spec.choices, labels))
        return ChoiceEditor(choices)
    if kind in ("table", "map"):
        return TableEditor(spec.columns, what=(spec.label, spec.label_zh), as_map=kind == "map")
    return _make(kind, what=(spec.label, spec.label_zh), minimum=spec.minimum, maximum=spec.maximum)


def _column_editor(column: Column, what: Named) -> QWidget:
    if column.kind == "choice":
        return ChoiceEditor(column.choices)
    return _make(column.kind, what=(f"{what[0]}: {column.label}", f"{what[1]}的“{column.label_zh}”"),
                 minimum=column.minimum, maximum=column.maximum)


def _make(kind: str, *, what: Named, minimum=None, maximum=None) -> QWidget:
    if kind == "str":
        return TextEditor()
    if kind == "int":
        return IntEditor(minimum, maximum)
    if kind == "bool":
        return BoolEditor()
    if kind == "time":
        return TimeEditor()
    if kind == "hours":
        return HoursEditor()
    if kind == "ranges":
        return RangesEditor()
    if kind == "money":
        return MoneyEditor(what)
    if kind in ("ints", "strs"):
        return ListEditor(ints=kind == "ints", what=what)
    if kind == "fixed":
        return FixedEditor()
    raise ValueError(f"no editor for {kind!r}")


class _Editor:
    """What every editor has besides its widget."""

    def retranslate(self, zh: bool) -> None:
        pass

    def set_read_only(self, flag: bool) -> None:
        self.setEnabled(not flag)


class _NoStrayWheel:
    """A spin box, time or combo box inside the scrolling settings page changes with the wheel only
    when it has focus; otherwise the wheel scrolls the page (no value changed by scrolling past)."""

    def _setup_wheel(self):
        self.setFocusPolicy(Qt.StrongFocus)

    def wheelEvent(self, event):
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class FixedEditor(_Editor, QLabel):
    """A value this screen has no editor for: kept as it is, never shown as a literal."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._value = None
        self.retranslate(True)

    def retranslate(self, zh: bool) -> None:
        self.setText(QCoreApplication.translate("SettingEditors",
                                                "Not editable here yet; the value is kept."))

    def get(self):
        return self._value

    def set(self, value) -> None:
        self._value = value


class TextEditor(_Editor, QLineEdit):
    def get(self):
        return self.text()

    def set(self, value) -> None:
        self.setText("" if value is None else str(value))
        self.setCursorPosition(0)

    def set_read_only(self, flag: bool) -> None:
        self.setReadOnly(flag)


class IntEditor(_Editor, _NoStrayWheel, QSpinBox):
    def __init__(self, minimum=None, maximum=None, parent=None):
        super().__init__(parent)
        self._setup_wheel()
        self.setRange(-_INT_MAX if minimum is None else minimum, _INT_MAX if maximum is None else maximum)
        self.setMinimumWidth(90)
        self.setMaximumWidth(160)

    def get(self):
        return self.value()

    def set(self, value) -> None:
        self.setValue(int(value))

    def set_read_only(self, flag: bool) -> None:
        self.setReadOnly(flag)


class BoolEditor(_Editor, QCheckBox):
    def get(self):
        return self.isChecked()

    def set(self, value) -> None:
        self.setChecked(bool(value))


class TimeEditor(_Editor, _NoStrayWheel, QTimeEdit):
    """HH:MM; ``end_of_day``: 00:00 stands for 24:00 (the end of a range, never its start)."""

    def __init__(self, end_of_day: bool = False, parent=None):
        super().__init__(parent)
        self._setup_wheel()
        self.end_of_day = end_of_day
        self.setDisplayFormat("HH:mm")

    def get(self):
        text = self.time().toString("HH:mm")
        return "24:00" if self.end_of_day and text == "00:00" else text

    def set(self, value) -> None:
        text = str(value).strip().replace("：", ":")
        if text == "24:00":
            text = "00:00"
        t = QTime.fromString(text, "H:mm")
        self.setTime(t if t.isValid() else QTime(0, 0))

    def set_read_only(self, flag: bool) -> None:
        self.setReadOnly(flag)


class HoursEditor(_Editor, QWidget):
    """One range "08:00-20:00" as two time pickers (an end of 00:00 means 24:00)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.start, self.end = TimeEditor(), TimeEditor(end_of_day=True)
        self.dash = QLabel("–")
        row.addWidget(self.start)
        row.addWidget(self.dash)
        row.addWidget(self.end)
        row.addStretch(1)

    def get(self):
        return f"{self.start.get()}-{self.end.get()}"

    def set(self, value) -> None:
        parts = re.split(r"[-–—~]", str(value or ""))
        self.start.set(parts[0] if parts else "")
        self.end.set(parts[1] if len(parts) > 1 else "")

    def set_read_only(self, flag: bool) -> None:
        self.start.set_read_only(flag)
        self.end.set_read_only(flag)


class RangesEditor(_Editor, QWidget):
    """Several ranges of one post ("08:00-12:00", "14:30-20:00"), each with a remove button, and
    a button to add one."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(2, 0, 2, 0)
        self.row.setSpacing(4)
        self.ranges: list[tuple[HoursEditor, QPushButton]] = []
        self.add_button = QPushButton("+")
        self.add_button.setFixedWidth(28)
        self.add_button.clicked.connect(lambda: self._add("12:00-13:00"))
        self.row.addWidget(self.add_button)
        self.row.addStretch(1)
        self._scalar = False
        self._read_only = False
        self.retranslate(True)

    def retranslate(self, zh: bool) -> None:
        self.add_button.setToolTip(QCoreApplication.translate("SettingEditors", "Add a time range"))
        for _, remove in self.ranges:
            remove.setToolTip(QCoreApplication.translate("SettingEditors", "Remove this time range"))

    def _add(self, text: str) -> None:
        hours = HoursEditor()
        hours.set(text)
        remove = QPushButton("×")
        remove.setFixedWidth(24)
        remove.setToolTip(QCoreApplication.translate("SettingEditors", "Remove this time range"))
        remove.clicked.connect(lambda: self._remove(hours))
        at = len(self.ranges) * 2
        self.row.insertWidget(at, hours)
        self.row.insertWidget(at + 1, remove)
        self.ranges.append((hours, remove))
        hours.set_read_only(self._read_only)
        remove.setVisible(not self._read_only)

    def _remove(self, hours) -> None:
        for i, (h, remove) in enumerate(self.ranges):
            if h is hours:
                del self.ranges[i]
                h.deleteLater()
                remove.deleteLater()
                return

    def get(self):
        values = [h.get() for h, _ in self.ranges]
        return values[0] if self._scalar and len(values) == 1 else values

    def set(self, value) -> None:
        for h, remove in self.ranges:
            h.deleteLater()
            remove.deleteLater()
        self.ranges = []
        self._scalar = isinstance(value, str)
        for text in ([value] if isinstance(value, str) else list(value or [])):
            self._add(str(text))

    def set_read_only(self, flag: bool) -> None:
        self._read_only = flag
        self.add_button.setVisible(not flag)
        for h, remove in self.ranges:
            h.set_read_only(flag)
            remove.setVisible(not flag)


class MoneyEditor(_Editor, QWidget):
    """An amount in 元 (stored in fen), read and written by outlet_desk.fen."""

    def __init__(self, what: Named, parent=None):
        super().__init__(parent)
        # "押金（元）" / "Deposit (yuan)": the error names the amount, the unit is in the message
        self.what = (re.sub(r"\s*\((yuan|fen)\)$", "", what[0]), re.sub(r"（[元分]）$", "", what[1]))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.edit.setMaximumWidth(140)
        self.edit.setPlaceholderText("0.00")
        self.unit = QLabel()
        row.addWidget(self.edit)
        row.addWidget(self.unit)
        row.addStretch(1)
        self.retranslate(True)

    def retranslate(self, zh: bool) -> None:
        self.unit.setText(QCoreApplication.translate("SettingEditors", "yuan"))

    def get(self):
        return parse_yuan(self.edit.text(), what=_named(self.what))

    def set(self, value) -> None:
        self.edit.setText(format_yuan(int(value or 0)))

    def set_read_only(self, flag: bool) -> None:
        self.edit.setReadOnly(flag)


class ListEditor(_Editor, QLineEdit):
    """A short list typed in one line, items separated by commas: 极兔，中通 or 1, 2, 3."""

    SPLIT = re.compile(r"[,，]")

    def __init__(self, *, ints: bool, what: Named, parent=None):
        super().__init__(parent)
        self.ints = ints
        self.what = what
        self.setPlaceholderText("1, 2, 3" if ints else "")
        self.retranslate(True)

    def retranslate(self, zh: bool) -> None:
        self.setToolTip(QCoreApplication.translate("SettingEditors", "Separate the items with commas."))

    def get(self):
        items = [v.strip() for v in self.SPLIT.split(self.text()) if v.strip()]
        if not self.ints:
            return items
        try:
            return [int(v) for v in items]
        except ValueError:
            raise ValidationError(_tr("“%1” should be numbers separated by commas.")
                                  .replace("%1", _named(self.what))) from None

    def set(self, value) -> None:
        self.setText((", " if self.ints else "，").join(str(v) for v in (value or [])))
        self.setCursorPosition(0)

    def set_read_only(self, flag: bool) -> None:
        self.setReadOnly(flag)


class ChoiceEditor(_Editor, _NoStrayWheel, QComboBox):
    """A choice shown by its label; ``choices``: ((value, English, 中文), …) or a callable giving
    them (read again on each ``set``).  A stored value that is not among them is kept as it is."""

    def __init__(self, choices, parent=None):
        super().__init__(parent)
        self._setup_wheel()
        self.choices = choices
        self.zh = True
        self.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self._fill()

    def _options(self):
        return list(self.choices() if callable(self.choices) else self.choices)

    def _fill(self, keep=None) -> None:
        self.blockSignals(True)
        self.clear()
        options = self._options()
        if keep is not None and keep not in [v for v, _, _ in options]:
            options.append((keep, str(keep), str(keep)))
        for value, en, zh in options:
            self.addItem(zh if self.zh else en, value)
        self.blockSignals(False)

    def retranslate(self, zh: bool) -> None:
        self.zh = zh
        current = self.currentData()
        self._fill(keep=current)
        self.setCurrentIndex(max(0, self.findData(current)))

    def get(self):
        return self.currentData()

    def set(self, value) -> None:
        self._fill(keep=value)
        self.setCurrentIndex(max(0, self.findData(value)))

    def set_read_only(self, flag: bool) -> None:
        self.setEnabled(not flag)


class TableEditor(_Editor, QWidget):
    """A small editable table, one row per item (``as_map``: a {key: value} dict as two columns);
    each cell is the column's own editor; rows can be added, removed and moved."""

    def __init__(self, columns, *, what: Named, as_map: bool = False, parent=None):
        super().__init__(parent)
        self.columns: tuple[Column, ...] = tuple(columns)
        self.what = what
        self.as_map = as_map
        self.zh = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(self.columns))
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setMinimumSectionSize(110)
        wide = [i for i, c in enumerate(self.columns) if c.kind in ("str", "ranges")]
        if wide:
            header.setSectionResizeMode(wide[-1], QHeaderView.Stretch)
        self.table.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.up_button.setVisible(not as_map)
        self.down_button.setVisible(not as_map)
        self.retranslate(True)

    def retranslate(self, zh: bool) -> None:
        self.zh = zh
        self.table.setHorizontalHeaderLabels([c.label_zh if zh else c.label for c in self.columns])
        self.add_button.setText(QCoreApplication.translate("SettingEditors", "Add a row"))
        self.remove_button.setText(QCoreApplication.translate("SettingEditors", "Remove the selected row"))
        self.up_button.setText(QCoreApplication.translate("SettingEditors", "Move up"))
        self.down_button.setText(QCoreApplication.translate("SettingEditors", "Move down"))
        for r in range(self.table.rowCount()):
            for c in range(len(self.columns)):
                self.table.cellWidget(r, c).retranslate(zh)

    # -- rows ------------------------------------------------------------------------------
    def _cells(self, r: int) -> list:
        return [self.table.cellWidget(r, c) for c in range(len(self.columns))]

    def _insert(self, r: int, row: dict) -> None:
        self.table.insertRow(r)
        for c, column in enumerate(self.columns):
            cell = _column_editor(column, self.what)
            cell.retranslate(self.zh)
            value = row.get(column.name, column.empty)
            if value is not None:
                cell.set(value)
            cell.set_read_only(self._read_only)
            self.table.setCellWidget(r, c, cell)
        self._fit_height()

    _read_only = False

    def add_row(self) -> None:
        r = self.table.currentRow() + 1 if self.table.currentRow() >= 0 else self.table.rowCount()
        self._insert(r, {})
        self.table.selectRow(r)

    def remove_row(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)
            self._fit_height()

    def move_row(self, step: int) -> None:
        r = self.table.currentRow()
        to = r + step
        if r < 0 or not 0 <= to < self.table.rowCount():
            return
        values = self._row_values(r)
        self.table.removeRow(r)
        self._insert(to, values)
        self.table.selectRow(to)

    def _row_values(self, r: int) -> dict:
        out = {}
        for column, cell in zip(self.columns, self._cells(r)):
            value = cell.get()
            if column.empty is not None and value == column.empty:
                continue
            out[column.name] = value
        return out

    def _fit_height(self) -> None:
        """Tall enough for a few rows; longer tables scroll inside."""
        self.table.resizeRowsToContents()
        rows = min(self.table.rowCount(), 6)
        row_h = self.table.verticalHeader().defaultSectionSize()
        if self.table.rowCount():
            row_h = max(row_h, self.table.rowHeight(0))
        height = self.table.horizontalHeader().height() + max(rows, 2) * row_h + 2 * self.table.frameWidth() + 4
        self.table.setFixedHeight(height)

    # -- value -----------------------------------------------------------------------------
    def get(self):
        rows = [self._row_values(r) for r in range(self.table.rowCount())]
        if not self.as_map:
            return rows
        key, value = self.columns[0].name, self.columns[1].name
        out = {}
        for n, row in enumerate(rows, start=1):
            k = str(row.get(key, "")).strip()
            if not k:
                raise ValidationError(_tr("“%1”, row %2: “%3” is empty.").replace("%1", _named(self.what))
                                      .replace("%2", str(n)).replace("%3", label_of(self.columns[0])))
            if k in out:
                raise ValidationError(_tr("“%1”: “%2” appears twice.").replace("%1", _named(self.what))
                                      .replace("%2", k))
            out[k] = row.get(value)
        return out

    def set(self, value) -> None:
        if self.as_map:
            key, val = self.columns[0].name, self.columns[1].name
            rows = [{key: k, val: v} for k, v in dict(value or {}).items()]
        else:
            rows = [r for r in (value or []) if isinstance(r, dict)]
        self.table.setRowCount(0)
        for r, row in enumerate(rows):
            self._insert(r, row)
        self._fit_height()

    def set_read_only(self, flag: bool) -> None:
        self._read_only = flag
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            b.setEnabled(not flag)
        for r in range(self.table.rowCount()):
            for cell in self._cells(r):
                cell.set_read_only(flag)
