"""A table model over rows fetched from the core in pages (lazy: ``canFetchMore``/``fetchMore``).

Screens give it column definitions and a loader ``load(offset, limit) -> list[row]``; the view asks
for more rows only as the user scrolls.  Rows are frozen dataclasses or tuples from the core.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[object], object]
    align: Qt.AlignmentFlag | None = None


_DISPLAY = Qt.DisplayRole
_ALIGN = Qt.TextAlignmentRole


class RowsTableModel(QAbstractTableModel):
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

    def reload(self) -> None:
        """Start again from the first page of the loader."""
        self.beginResetModel()
        self.rows = list(self.loader(0, self.page)) if self.loader else []
        self._exhausted = len(self.rows) < self.page
        self.endResetModel()

    def canFetchMore(self, parent=QModelIndex()):
        return not parent.isValid() and self.loader is not None and not self._exhausted

    def fetchMore(self, parent=QModelIndex()):
        if not self.canFetchMore(parent):
            return
        more = list(self.loader(len(self.rows), self.page))
        self._exhausted = len(more) < self.page
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    def insert_top(self, row) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self.rows.insert(0, row)
        self.endInsertRows()

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
