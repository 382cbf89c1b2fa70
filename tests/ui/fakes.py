"""Stand-ins for hardware the tests cannot have; they live here, out of the app's reach."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from ui.camera import Camera


class FakeCamera(Camera):
    """Every capture yields ``image``; ``vanish()`` simulates unplugging.  It speaks the app's own
    camera texts (the Qt camera's translations), so a screen shows what it would with a real one."""

    def __init__(self, image: QImage | None, parent=None):
        super().__init__(parent)
        self.image = image
        self.started = False

    def available(self):
        if self.image is None:
            return False, QCoreApplication.translate("QtCamera", "No camera found on this computer.")
        return True, ""

    def start(self):
        self.started = True

    def capture(self):
        if self.image is None or not self.started:
            self.failed.emit(QCoreApplication.translate("QtCamera", "The camera is no longer connected."))
            return
        self.captured.emit(self.image)

    def vanish(self):
        self.image = None
        self.failed.emit(QCoreApplication.translate("QtCamera", "The camera is no longer connected."))

    def stop(self):
        self.started = False
