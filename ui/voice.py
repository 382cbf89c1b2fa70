"""语音播报 (per PC, off by default): the counter says what :mod:`outlet_desk.voice` decides after an
intake scan — the pickup code of an accepted parcel, the short reason of a refusal.

Switched on in 设置 F11 → 本机 (QSettings ``voice/enabled``).  The voice, chosen once when it is
switched on:

* a Chinese system voice through QtTextToSpeech (Windows: winrt/sapi; macOS: darwin) when the PC
  has one;
* else the bundled clips (resources/sounds/voice, made with espeak-ng) played one after another by
  QSoundEffect, when the PC has an audio output;
* else silence (offscreen, CI, no sound card): nothing is touched that could log a warning.

Nothing here is synchronous on the scan path: :meth:`Voice.say` only keeps the announcement and
starts a zero-time timer; playback starts when the scan handler has returned.  A new announcement
replaces the one waiting or playing, so a burst never builds a backlog: the counter says the newest.
"""
from __future__ import annotations

import logging
import os
import sys
from collections import deque
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, QTimer, QUrl
from PySide6.QtGui import QGuiApplication

from outlet_desk import voice as core
from outlet_desk.resources import voice_clip

log = logging.getLogger("outlet_desk.ui.voice")

PREF = "voice/enabled"
#: QtTextToSpeech engines with Chinese voices worth using (Linux's speechd would be espeak-ng again)
TTS_ENGINES = ("winrt", "sapi", "darwin")


def is_enabled(prefs) -> bool:
    return str(prefs.value(PREF, "false")).lower() in ("true", "1")


# -- backends -------------------------------------------------------------------------------------
class SilentBackend:
    """No voice on this PC (no audio output, offscreen): says nothing, warns nobody."""
    name = "silent"

    def __init__(self, reason: str = ""):
        self.reason = reason

    def play(self, announcement: core.Announcement) -> None:
        pass

    def stop(self) -> None:
        pass

    def busy(self) -> bool:
        return False


class ClipBackend(QObject):
    """The bundled clips, one after another.  ``effect_factory(name)`` makes a QSoundEffect-like
    object (play, stop, isPlaying, playingChanged); tests pass a fake one."""
    name = "clips"

    def __init__(self, effect_factory=None, parent=None):
        super().__init__(parent)
        self._factory = effect_factory or self._sound_effect
        self._effects: dict[str, object] = {}
        self.queue: deque[str] = deque()
        self.current = None
        self.played: deque[str] = deque(maxlen=500)     # clip names started, newest last
        self.broken: set[str] = set()

    def _sound_effect(self, name: str):
        from PySide6.QtMultimedia import QSoundEffect
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(voice_clip(name))))
        return effect

    def _effect(self, name: str):
        effect = self._effects.get(name)
        if effect is None:
            effect = self._effects[name] = self._factory(name)
            effect.playingChanged.connect(lambda e=effect: self._changed(e))
            if hasattr(effect, "statusChanged"):       # a clip that fails to load: the next one
                effect.statusChanged.connect(lambda e=effect: self._changed(e))
        return effect

    def preload(self) -> None:
        """Load every clip now (QSoundEffect loads asynchronously), not at the first scan."""
        for name in core.CLIP_WORDS:
            self._effect(name)

    def play(self, announcement: core.Announcement) -> None:
        self.stop()
        self.queue.extend(announcement.clips)
        self._next()

    def stop(self) -> None:
        self.queue.clear()
        current, self.current = self.current, None
        if current is not None and current.isPlaying():
            current.stop()

    def busy(self) -> bool:
        return self.current is not None or bool(self.queue)

    def _next(self) -> None:
        while self.queue:
            name = self.queue.popleft()
            effect = self._effect(name)
            if _failed(effect):
                if name not in self.broken:          # said once in the log, not at every scan
                    self.broken.add(name)
                    log.warning("voice clip %s cannot be played", name)
                continue
            self.current = effect
            self.played.append(name)
            effect.play()
            return
        self.current = None

    def _changed(self, effect) -> None:
        if effect is self.current and (not effect.isPlaying() or _failed(effect)):
            self.current = None
            self._next()


def _failed(effect) -> bool:
    return hasattr(effect, "status") and effect.status() == type(effect).Status.Error


class TtsBackend:
    """A Chinese system voice (QtTextToSpeech)."""
    name = "tts"

    def __init__(self, tts):
        self.tts = tts

    def play(self, announcement: core.Announcement) -> None:
        self.tts.stop()
        if announcement.text:
            self.tts.say(announcement.text)

    def stop(self) -> None:
        self.tts.stop()

    def busy(self) -> bool:
        from PySide6.QtTextToSpeech import QTextToSpeech
        return self.tts.state() in (QTextToSpeech.State.Speaking, QTextToSpeech.State.Synthesizing)


def chinese_tts(engines=None, parent=None):
    """A QTextToSpeech set to a Chinese voice, or None (no such engine, or no Chinese voice)."""
    _silence_backend_noise()
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return None
    available = QTextToSpeech.availableEngines()
    for engine in engines if engines is not None else [e for e in TTS_ENGINES if e in available]:
        if engine not in available:
            continue
        tts = QTextToSpeech(engine, parent)
        if tts.state() == QTextToSpeech.State.Error:
            tts.deleteLater()
            continue
        locales = [loc for loc in tts.availableLocales() if loc.language() == QLocale.Chinese]
        if locales:
            locales.sort(key=lambda loc: loc.territory() != QLocale.China)   # 普通话 first
            tts.setLocale(locales[0])
            if tts.availableVoices():
                log.info("voice: %s, %s", engine, locales[0].name())
                return tts
        tts.deleteLater()
    return None


def _audio_server_reachable() -> bool:
    """On Linux QtMultimedia warns loudly when no PulseAudio/PipeWire server answers: look first."""
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("PULSE_SERVER"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    return any((Path(runtime) / p).exists() for p in ("pulse/native", "pipewire-0"))


def _silence_backend_noise() -> None:
    from .camera import _silence_backend_noise as silence
    silence()


def choose_backend(parent=None):
    """The best voice this PC has (see the module's docstring)."""
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return SilentBackend("offscreen")
    tts = chinese_tts(parent=parent)
    if tts is not None:
        return TtsBackend(tts)
    if not _audio_server_reachable():
        return SilentBackend("no audio server")
    _silence_backend_noise()
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError as exc:
        return SilentBackend(str(exc))
    if not QMediaDevices.audioOutputs():
        return SilentBackend("no audio output")
    backend = ClipBackend(parent=parent)
    backend.preload()
    return backend


# -- the player -----------------------------------------------------------------------------------
class Voice(QObject):
    """One per window (``ctx.extras["voice"]``, see :func:`for_ctx`)."""

    def __init__(self, prefs, backend_factory=None, parent=None):
        super().__init__(parent)
        self.prefs = prefs
        self.backend_factory = backend_factory or choose_backend
        self.backend = None
        self.enabled = is_enabled(prefs)
        self._pending: core.Announcement | None = None
        self.started: deque[core.Announcement] = deque(maxlen=200)   # newest last
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._start)
        if self.enabled:
            QTimer.singleShot(0, self, self._ensure_backend)     # not at the first scan

    def set_enabled(self, flag: bool) -> None:
        self.prefs.setValue(PREF, bool(flag))
        self.enabled = bool(flag)
        if flag:
            self._ensure_backend()
        else:
            self.stop()

    def _ensure_backend(self):
        if self.backend is None:
            self.backend = self.backend_factory(self)
            log.info("voice backend: %s %s", self.backend.name, getattr(self.backend, "reason", ""))
        return self.backend

    def say(self, announcement: core.Announcement) -> None:
        """Keep the newest announcement; it starts once the scan handler has returned."""
        if self.enabled and announcement:
            self._pending = announcement
            self._timer.start()

    def stop(self) -> None:
        self._pending = None
        self._timer.stop()
        if self.backend is not None:
            self.backend.stop()

    def busy(self) -> bool:
        return self._pending is not None or (self.backend is not None and self.backend.busy())

    def _start(self) -> None:
        announcement, self._pending = self._pending, None
        if announcement is None or not self.enabled:
            return
        backend = self._ensure_backend()
        backend.stop()
        backend.play(announcement)
        self.started.append(announcement)


def for_ctx(ctx) -> Voice:
    v = ctx.extras.get("voice")
    if v is None:
        v = ctx.extras["voice"] = Voice(ctx.prefs)
    return v


def say_result(ctx, result) -> None:
    """After an intake scan was taken in (or found a duplicate)."""
    v = for_ctx(ctx)
    if v.enabled:
        v.say(core.for_result(result))


def say_error(ctx, exc: BaseException) -> None:
    """After an intake scan was refused (or held as a possible bag number)."""
    v = for_ctx(ctx)
    if v.enabled:
        v.say(core.for_error(exc))
