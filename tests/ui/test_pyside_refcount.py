"""Guard against the PySide6 6.12.0 bug that drops a reference to None on every flag-typed call
(QTreeWidgetItem.setFlags, QLabel.setAlignment …): a counter app makes millions of such calls in a
day and would die with "Fatal Python error: none_dealloc".  pyproject pins PySide6 below 6.12."""
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidgetItem, QTableView, QTreeWidgetItem


def test_flag_setters_keep_none_alive(qtbot):
    label = QLabel()
    view = QTableView()
    qtbot.addWidget(label)
    qtbot.addWidget(view)
    flags = Qt.ItemIsEnabled | Qt.ItemIsUserCheckable
    before = sys.getrefcount(None)
    for _ in range(300):
        QTreeWidgetItem(["x"]).setFlags(flags)
        QListWidgetItem("x").setFlags(flags)
        label.setAlignment(Qt.AlignCenter)
        view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    # other objects may come and go; the bug takes away 1 200 references here
    assert sys.getrefcount(None) - before > -100
