"""A table view for a list that grows at the top (newest first), one row per scan.

An insert at row 0 makes ``QTableView`` repaint every visible cell (a text layout per cell: some
200 cells, 2–4 ms offscreen, more on a slow PC) although the old rows only moved down.  When the
list is scrolled to its top, this view does the layout the insert asked for at once, without that
repaint, and moves the pixels already on screen down by the new rows' height
(:meth:`QWidget.scroll`); only the new rows are painted.  Anything else (scrolled down, the mouse
over the rows, inserts further down, resets) takes Qt's ordinary full repaint.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView


class NewestFirstTableView(QTableView):
    def rowsInserted(self, parent, start, end):
        super().rowsInserted(parent, start, end)
        if start != 0 or parent.isValid():
            return
        viewport = self.viewport()
        # Scrolled down, the rows on screen are not the ones that moved; under the mouse, a hover
        # highlight would move with the pixels.
        if self.verticalScrollBar().value() != 0 or viewport.underMouse() or not viewport.isVisible():
            return
        # The insert has asked for a delayed layout whose end repaints the whole viewport: run it
        # now with that repaint switched off (the attribute, not setUpdatesEnabled, which repaints
        # everything when switched back on).
        viewport.setAttribute(Qt.WA_UpdatesDisabled, True)
        try:
            self.executeDelayedItemsLayout()
        finally:
            viewport.setAttribute(Qt.WA_UpdatesDisabled, False)
        if self.verticalScrollBar().value() != 0:
            viewport.update()
            return
        viewport.scroll(0, sum(self.rowHeight(r) for r in range(start, end + 1)))
