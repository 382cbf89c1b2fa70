"""A table model over rows fetched from the core in pages (lazy: ``canFetchMore``/``fetchMore``).

Screens give it column definitions and a loader ``load(offset, limit) -> list[row]``; the view asks
for more rows only as the user scrolls.  Rows are frozen dataclasses or tuples from the core.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[object], object]
    align: Qt.AlignmentFlag | None = None


_DISPLAY = Qt.DisplayRole
_ALIGN = Qt.TextAlignmentRole


class _Pages:
    """Lazy paging shared by both models: ``loader(offset, limit)`` gives ``page`` rows at a time,
    the view asks for the next page (``canFetchMore``/``fetchMore``) as the user scrolls.  The model
    says how new rows are shown (``_show_first_page``, ``_append_page``)."""

    loader: Callable[[int, int], list] | None
    page: int
    rows: list
    _exhausted: bool

    def reload(self) -> None:
        """Start again from the first page of the loader."""
        rows = list(self.loader(0, self.page)) if self.loader else []
        self._show_first_page(rows)
        self._exhausted = len(rows) < self.page

    def canFetchMore(self, parent=QModelIndex()):
        return not parent.isValid() and self.loader is not None and not self._exhausted

    def fetchMore(self, parent=QModelIndex()):
        if not self.canFetchMore(parent):
            return
        more = list(self.loader(len(self.rows), self.page))
        self._exhausted = len(more) < self.page
        if more:
            self._append_page(more)


class RowsTableModel(_Pages, QAbstractTableModel):
    """The view asks ``data()`` for every visible cell and role on every repaint (each scan shifts
    the whole list), so a row's texts are computed once and kept until the row, the columns or the
    data change (``dataChanged``, reset, layout change)."""

    def __init__(self, columns: list[Column], loader: Callable[[int, int], list] | None = None,
                 page: int = 200, parent=None):
        super().__init__(parent)
        self._texts: dict[int, tuple] = {}     # id(row) -> (row, texts)
        self.columns = columns
        self.loader = loader
        self.page = page
        self.rows: list = []
        self._exhausted = True
        for sig in (self.dataChanged, self.modelReset, self.layoutChanged, self.headerDataChanged):
            sig.connect(self._forget_texts)

    @property
    def columns(self) -> list[Column]:
        return self._columns

    @columns.setter
    def columns(self, columns: list[Column]) -> None:
        self._columns = columns
        self._texts.clear()

    def _forget_texts(self, *_args) -> None:
        self._texts.clear()

    def _row_texts(self, r: int) -> tuple:
        row = self.rows[r]
        hit = self._texts.get(id(row))
        if hit is None or hit[0] is not row:
            texts = []
            for col in self._columns:
                value = col.value(row)
                texts.append("" if value is None else str(value))
            hit = (row, tuple(texts))
            self._texts[id(row)] = hit
        return hit[1]

    # -- data ------------------------------------------------------------------------------
    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._exhausted = True
        self.endResetModel()

    def _show_first_page(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def _append_page(self, more: list) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def insert_top(self, row) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self.rows.insert(0, row)
        self.endInsertRows()

    def replace_row(self, index: int, row) -> None:
        """The row at ``index`` changed in the core: show its new texts."""
        self.rows[index] = row
        self.dataChanged.emit(self.index(index, 0), self.index(index, len(self._columns) - 1))

    def row_at(self, index: int):
        return self.rows[index]

    # -- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index, role=Qt.DisplayRole):
        if role == _DISPLAY:
            if not index.isValid():
                return None
            return self._row_texts(index.row())[index.column()]
        if role == _ALIGN and index.isValid():
            align = self._columns[index.column()].align
            if align is not None:
                return int(align | Qt.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.columns[section].header
        return None


_ITEM_FLAGS = Qt.ItemIsSelectable | Qt.ItemIsEnabled | Qt.ItemNeverHasChildren


class TextRowsModel(_Pages, QStandardItemModel):
    """:class:`RowsTableModel`'s API (columns, loader pages, ``rows``, ``insert_top``) with the
    texts kept in Qt's own items, for a list that changes on every scan.

    A Python model is called back for every visible cell on every repaint — ``data()`` for seven
    roles plus ``rowCount()``/``columnCount()`` for each index, some 1,900 calls into Python per
    repaint of a 21-row list, 4–6 ms — and an insert at the top repaints every row.  Here the
    texts are made once per row (when it arrives) and the view reads them without leaving C++.
    Only read-only text cells: no per-role ``data()`` override (use :class:`RowsTableModel` for
    colours or fonts per row)."""

    def __init__(self, columns: list[Column], loader: Callable[[int, int], list] | None = None,
                 page: int = 200, parent=None):
        super().__init__(0, len(columns), parent)
        self.loader = loader
        self.page = page
        self.rows: list = []
        self._exhausted = True
        self.columns = columns

    @property
    def columns(self) -> list[Column]:
        return self._columns

    @columns.setter
    def columns(self, columns: list[Column]) -> None:
        """New columns (a language change): headers and every row's texts made again; as many
        columns as before keep the selection and the scroll position."""
        same_count = hasattr(self, "_columns") and len(columns) == len(self._columns)
        self._columns = list(columns)
        self._aligns = [int(c.align | Qt.AlignVCenter) if c.align is not None else None
                        for c in self._columns]
        if same_count and self.rows:
            blocked = self.blockSignals(True)      # one dataChanged below, not one per cell
            try:
                for r, row in enumerate(self.rows):
                    for c, item in enumerate(self._items(row)):
                        self.setItem(r, c, item)
            finally:
                self.blockSignals(blocked)
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, len(self._columns) - 1))
        elif not same_count:
            self._refill(self.rows)
        self.setHorizontalHeaderLabels([c.header for c in self._columns])

    def _items(self, row) -> list[QStandardItem]:
        items = []
        for col, align in zip(self._columns, self._aligns):
            value = col.value(row)
            item = QStandardItem("" if value is None else str(value))
            item.setFlags(_ITEM_FLAGS)
            if align is not None:
                item.setData(align, _ALIGN)
            items.append(item)
        return items

    def _refill(self, rows: list) -> None:
        """Replace every row, as one model reset (the view starts again at the top)."""
        made = [self._items(r) for r in rows]
        self.beginResetModel()
        # The item calls below announce their own row changes; inside a reset nobody must hear
        # them (the view re-reads everything at endResetModel).
        blocked = self.blockSignals(True)
        try:
            self.setRowCount(0)
            self.setColumnCount(len(self._columns))
            self.setRowCount(len(made))
            for r, items in enumerate(made):
                for c, item in enumerate(items):
                    self.setItem(r, c, item)
            self.rows = list(rows)
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    # -- data ------------------------------------------------------------------------------
    def set_rows(self, rows: list) -> None:
        self._refill(list(rows))
        self._exhausted = True

    def _show_first_page(self, rows: list) -> None:
        self._refill(rows)

    def _append_page(self, more: list) -> None:
        first = len(self.rows)
        made = [self._items(r) for r in more]
        self.rows.extend(more)
        self.insertRows(first, len(more))          # one rowsInserted for the page
        blocked = self.blockSignals(True)           # filling the new, empty rows: no structure change
        try:
            for r, items in enumerate(made, start=first):
                for c, item in enumerate(items):
                    self.setItem(r, c, item)
        finally:
            self.blockSignals(blocked)
        self.dataChanged.emit(self.index(first, 0),
                              self.index(first + len(more) - 1, len(self._columns) - 1))

    def insert_top(self, row) -> None:
        self.rows.insert(0, row)
        self.insertRow(0, self._items(row))

    def replace_row(self, index: int, row) -> None:
        """The row at ``index`` changed in the core: show its new texts."""
        self.rows[index] = row
        for c, item in enumerate(self._items(row)):
            self.setItem(index, c, item)

    def row_at(self, index: int):
        return self.rows[index]
