"""Take a photo: live preview and a capture key (Space or Enter).  Non-modal; emits the photo as
encoded bytes, or a one-line failure so the screen can fall back to importing a file."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from ..camera import Camera, image_bytes


class CameraDialog(QDialog):
    photo_taken = Signal(bytes)
    camera_failed = Signal(str)

    def __init__(self, camera: Camera, parent=None):
        super().__init__(parent)
        self.camera = camera
        if camera.parent() is None:
            camera.setParent(self)          # goes with the dialog
        self.setWindowTitle(self.tr("Photo of the labelled parcel"))
        self.setAttribute(Qt.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        preview = camera.preview_widget(self)
        if preview is None:
            preview = QLabel(self.tr("(no live preview)"))
            preview.setAlignment(Qt.AlignCenter)
            preview.setMinimumSize(320, 200)
        self.preview = preview
        layout.addWidget(preview, 1)
        hint = QLabel(self.tr("Hold the parcel with its red label in view, then press Space."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.capture_button = QPushButton(self.tr("Take photo (Space)"))
        self.cancel_button = QPushButton(self.tr("Cancel (Esc)"))
        row.addWidget(self.capture_button)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.capture_button.clicked.connect(self.capture)
        self.cancel_button.clicked.connect(self.reject)
        for key in (Qt.Key_Space, Qt.Key_Return, Qt.Key_Enter):
            QShortcut(QKeySequence(key), self, activated=self.capture)
        camera.captured.connect(self._captured)
        camera.failed.connect(self._failed)
        self.capture_button.setDefault(True)

    def start(self) -> None:
        self.camera.start()

    def capture(self) -> None:
        self.camera.capture()

    def _captured(self, image) -> None:
        data = image_bytes(image)
        self.camera.stop()
        self.photo_taken.emit(data)
        self.accept()

    def _failed(self, reason: str) -> None:
        self.camera.stop()
        self.camera_failed.emit(reason)
        self.reject()

    def done(self, result):
        try:
            self.camera.captured.disconnect(self._captured)
            self.camera.failed.disconnect(self._failed)
        except (RuntimeError, TypeError):
            pass
        self.camera.stop()
        super().done(result)
