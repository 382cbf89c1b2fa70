"""The core's messages in the person's language: gettext, no Qt.

**Status (issue 18, "English everywhere in English mode"): the mechanism and a first handful of
messages only.**  Most core messages are not marked yet; see tests/core/test_core_i18n.py.

The message ids are the Chinese texts the core has always shown (Chinese is the outlet's language
and the default); ``resources/i18n/core/en/LC_MESSAGES/outlet_desk.po`` holds their English, compiled
to ``.mo`` by ``python tools/core_i18n.py`` (Babel).  Mark a message with :func:`_` and named
fields, never an f-string::

    raise PermissionDenied(_("“{label}”只有{who}可以操作。").format(label=..., who=...))

A table built at import time marks its texts with :func:`N_` and calls :func:`_` where it is used.
The UI calls :func:`set_language` with the same language as its Qt translation.

Printed documents (daily report, roster, attendance, labels, receipts, red labels) stay in the
outlet's language whatever the screen's: their builders are decorated with
:func:`in_outlet_language`, which switches **this thread only** to Chinese for the build (PDFs are
built on a worker thread while the GUI thread goes on in English).
"""
from __future__ import annotations

import functools
import gettext
import threading
from contextlib import contextmanager

from .resources import resource

DOMAIN = "outlet_desk"
DEFAULT = "zh_CN"
#: the process's language (set by the UI with its Qt language) …
_state = {"language": DEFAULT, "translations": gettext.NullTranslations()}
#: … unless this thread is building a printed document (:func:`outlet_language`): PDFs are built on
#: a worker thread while the GUI thread goes on in English, so the override is per thread
_local = threading.local()


def catalog_dir():
    return resource("i18n", "core")


def set_language(language: str) -> bool:
    """Show core messages in ``language`` ("en", "zh_CN" …).  Chinese needs no catalog (the ids
    are Chinese); another language without a catalog falls back to Chinese and returns False."""
    language = language or DEFAULT
    if language.startswith("zh"):
        _state.update(language=language, translations=gettext.NullTranslations())
        return True
    try:
        tr = gettext.translation(DOMAIN, localedir=str(catalog_dir()), languages=[language])
    except OSError:
        _state.update(language=DEFAULT, translations=gettext.NullTranslations())
        return False
    _state.update(language=language, translations=tr)
    return True


def _current() -> dict:
    return getattr(_local, "state", None) or _state


def language() -> str:
    return _current()["language"]


def _(message: str) -> str:
    """``message`` (its Chinese text) in the current language."""
    return _current()["translations"].gettext(message)


@contextmanager
def outlet_language():
    """Within this block, on this thread only, the core speaks the outlet's language (Chinese),
    whatever the screen's language: printed documents (daily report, roster, labels, receipts)
    are read by the outlet, the courier and head office, not by the person at the screen."""
    previous = getattr(_local, "state", None)
    _local.state = {"language": DEFAULT, "translations": gettext.NullTranslations()}
    try:
        yield
    finally:
        _local.state = previous


def in_outlet_language(build):
    """Decorator of a document builder: it runs in :func:`outlet_language`."""
    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        with outlet_language():
            return build(*args, **kwargs)
    return wrapper


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it yet (tables built at import)."""
    return message


_PUNCT = {"、": ", ", "，": ", ", "；": "; ", "：": ": ", "（": " (", "）": ")"}


def chinese() -> bool:
    """Whether messages are shown in Chinese (the default)."""
    return language().startswith("zh")


def punct(mark: str) -> str:
    """Chinese punctuation between parts the code puts together ("、" between listed items, "；"
    between clauses …) in the current language: "、" → ", " in English."""
    return mark if chinese() else _PUNCT.get(mark, mark)


def inline(label: str) -> str:
    """A label (a status, a kind: "Dispatched") put inside a sentence: "dispatched" in English, as
    it is in Chinese.  An acronym ("SMS", "EMS") keeps its capitals."""
    if chinese() or not label or (len(label) > 1 and label[1].isupper()):
        return label
    return label[0].lower() + label[1:]
