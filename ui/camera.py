"""The PC camera behind a small interface, so tests can use a fake one.

:class:`Camera` is what the screens use: ``available()`` says whether it can be used (with a one-line
reason when not), ``preview_widget()`` gives the live preview (or None), ``start()``/``stop()``,
``capture()`` emits :attr:`captured` with a QImage, or :attr:`failed` with one line (no camera,
camera vanished, capture error).  :class:`QtCamera` is the real one (QtMultimedia:
QMediaCaptureSession + QCamera + QImageCapture, preview in a QVideoWidget); :class:`tests.ui.fakes.FakeCamera`
yields a given QImage.

QtMultimedia is imported only when the real camera is used.  Its backend logs warnings about
optional libraries it did not find (pipewire, VA-API) on every start; they are silenced by
category (``qt.multimedia.symbolsresolver``), they are not ours to fix.
"""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLoggingCategory, QObject, Signal
from PySide6.QtGui import QImage

_SILENCED = False


def _silence_backend_noise() -> None:
    global _SILENCED
    if not _SILENCED:
        QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false\n"
                                        "qt.multimedia.ffmpeg.info=false\n"
                                        "qt.multimedia.ffmpeg.debug=false")
        _SILENCED = True


def image_bytes(image: QImage, fmt: str = "JPG", quality: int = 95) -> bytes:
    """A QImage as encoded bytes for the core's evidence store."""
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    image.save(buf, fmt, quality)
    buf.close()
    return bytes(data.data())


class Camera(QObject):
    captured = Signal(QImage)
    failed = Signal(str)

    def available(self) -> tuple[bool, str]:
        return False, self.tr("No camera")

    def preview_widget(self, parent=None):
        return None

    def start(self) -> None:
        pass

    def capture(self) -> None:
        self.failed.emit(self.tr("No camera"))

    def stop(self) -> None:
        pass


class QtCamera(Camera):
    """The default video input through QtMultimedia."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._camera = self._session = self._capture = self._video = self._devices = None
        self._device_id = None

    def available(self):
        _silence_backend_noise()
        try:
            from PySide6.QtMultimedia import QMediaDevices
        except ImportError as exc:        # e.g. libpulse missing
            return False, self.tr("The camera module could not be loaded (%1).").replace("%1", str(exc))
        if not QMediaDevices.videoInputs():
            return False, self.tr("No camera found on this computer.")
        return True, ""

    def preview_widget(self, parent=None):
        from PySide6.QtMultimediaWidgets import QVideoWidget
        self._video = QVideoWidget(parent)
        self._video.setMinimumSize(480, 360)
        return self._video

    def start(self):
        _silence_backend_noise()
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession, QMediaDevices
        device = QMediaDevices.defaultVideoInput()
        if device.isNull():
            self.failed.emit(self.tr("No camera found on this computer."))
            return
        self._device_id = bytes(device.id().data())
        self._devices = QMediaDevices(self)
        self._devices.videoInputsChanged.connect(self._inputs_changed)
        self._camera = QCamera(device, self)
        self._session = QMediaCaptureSession(self)
        self._capture = QImageCapture(self)
        self._session.setCamera(self._camera)
        self._session.setImageCapture(self._capture)
        if self._video is not None:
            self._session.setVideoOutput(self._video)
        self._camera.errorOccurred.connect(
            lambda _err, text: self.failed.emit(self.tr("Camera error: %1").replace("%1", text)))
        self._capture.imageCaptured.connect(lambda _id, image: self.captured.emit(image))
        self._capture.errorOccurred.connect(
            lambda _id, _err, text: self.failed.emit(self.tr("The photo could not be taken: %1")
                                                     .replace("%1", text)))
        self._camera.start()

    def _inputs_changed(self):
        from PySide6.QtMultimedia import QMediaDevices
        ids = {bytes(d.id().data()) for d in QMediaDevices.videoInputs()}
        if self._device_id not in ids:
            self.stop()
            self.failed.emit(self.tr("The camera is no longer connected."))

    def capture(self):
        if self._capture is None or self._camera is None or not self._camera.isActive():
            self.failed.emit(self.tr("The camera is not ready."))
            return
        if not self._capture.isReadyForCapture():
            self.failed.emit(self.tr("The camera is not ready yet; press again in a moment."))
            return
        self._capture.capture()

    def stop(self):
        if self._camera is not None:
            self._camera.stop()
