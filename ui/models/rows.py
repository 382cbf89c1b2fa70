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


class RowsTableModel(QAbstractTableModel):
    def __init__(self, columns: list[Column], loader: Callable[[int, int], list] | None = None,
                 page: int = 200, parent=None):
        super().__init__(parent)
        self.columns = columns
        self.loader = loader
        self.page = page
        self.rows: list = []
        self._exhausted = True

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
        if not index.isValid():
            return None
        col = self.columns[index.column()]
        if role == Qt.DisplayRole:
            value = col.value(self.rows[index.row()])
            return "" if value is None else str(value)
        if role == Qt.TextAlignmentRole and col.align is not None:
            return int(col.align | Qt.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.columns[section].header
        return None
