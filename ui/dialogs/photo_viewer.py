"""A photo at full size (scrollable).  A manager may delete it, with a reason (audited)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QInputDialog, QLabel, QPushButton, QScrollArea, QVBoxLayout


class PhotoViewer(QDialog):
    delete_requested = Signal(str, str)      # hash, reason

    def __init__(self, path: Path, caption: str, *, can_delete: bool, photo_hash: str, parent=None):
        super().__init__(parent)
        self.photo_hash = photo_hash
        self.setWindowTitle(caption)
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.resize(1000, 760)
        layout = QVBoxLayout(self)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignCenter)
        pix = QPixmap(str(path))
        if pix.isNull():
            self.image.setText(self.tr("The photo file is missing."))
        else:
            self.image.setPixmap(pix)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        info = QLabel(caption)
        row.addWidget(info, 1)
        self.delete_button = QPushButton(self.tr("Delete photo… (manager)"))
        self.delete_button.setVisible(can_delete)
        # not connected directly: clicked(bool) would arrive as reason=False, deleting unasked
        self.delete_button.clicked.connect(lambda: self.ask_delete())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        row.addWidget(self.delete_button)
        row.addWidget(close)
        layout.addLayout(row)

    def ask_delete(self, reason: str | None = None) -> None:
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Delete photo"),
                                              self.tr("Reason (kept in the audit log):"))
            if not ok:
                return
        self.delete_requested.emit(self.photo_hash, reason)
