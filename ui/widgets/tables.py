"""The read-only table view every list on the screens uses: whole rows selected, no editing, no row
numbers, the last column stretched.  The few things that differ between lists are parameters."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def table_view(model, *, selection: QAbstractItemView.SelectionMode | None = None,
               alternating: bool = True, fit_columns: bool = True,
               view: QTableView | None = None) -> QTableView:
    """A :class:`QTableView` (or the given ``view``) on ``model``.

    ``selection``: the selection mode (None keeps Qt's default, extended selection);
    ``alternating``: alternate row colours; ``fit_columns``: columns sized to their contents."""
    view = view if view is not None else QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    if selection is not None:
        view.setSelectionMode(selection)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.verticalHeader().hide()
    if fit_columns:
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setAlternatingRowColors(alternating)
    return view
