"""语音播报: what the counter says after an intake scan (pure; the Qt player is ui/voice.py).

An accepted self-pickup parcel says its pickup code, one character at a time as 驿站 apps and phone
numbers are read: "3-2-017" is 三 杠 二 杠 零 幺 七 (幺 for 1, so it is never heard as 七).  Other
accepted parcels say their category (派送, 乡镇, 问题件); a refusal says its short reason: 重复,
集包号, 可能是集包号 (held: one key takes it in), 无效单号, and 请重扫 for anything else.

An :class:`Announcement` carries both forms: ``text`` for a system voice (QtTextToSpeech) and
``clips``, names of the bundled recordings (``resources/sounds/voice/<name>.wav``, made from
:data:`CLIP_WORDS` by tools/make_voice_clips.py).  A character with no clip (a Chinese shelf name)
is left out of ``clips`` but kept in ``text``.
"""
from __future__ import annotations

# zh-data: the spoken words are Chinese, as the bundled clips are recordings of them
import unicodedata
from dataclasses import dataclass

from . import waybill
from .errors import OutletError
from .models import Parcel

DIGITS = {"0": "零", "1": "幺", "2": "二", "3": "三", "4": "四", "5": "五", "6": "六", "7": "七",
          "8": "八", "9": "九"}
DASH = "dash"
LETTERS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

# refusal kinds, and the other words
DUPLICATE = "duplicate"
BAG = "bag"
POSSIBLE_BAG = "possible_bag"
INVALID = "invalid"
FAILED = "failed"
REFUSALS = (DUPLICATE, BAG, POSSIBLE_BAG, INVALID, FAILED)
CATEGORY_CLIPS = {Parcel.DELIVERY: "delivery", Parcel.TOWNSHIP: "township",
                  Parcel.PROBLEM: "problem"}

WORDS = {DUPLICATE: "重复", BAG: "集包号", POSSIBLE_BAG: "可能是集包号", INVALID: "无效单号",
         FAILED: "请重扫", "delivery": "派送", "township": "乡镇", "problem": "问题件"}

#: every clip name → what it says (the clip generator reads this; letters are said in English)
CLIP_WORDS: dict[str, str] = {**DIGITS, DASH: "杠", **{c: c for c in LETTERS}, **WORDS}

_DASHES = "-‐‑‒–—―－"


@dataclass(frozen=True)
class Announcement:
    clips: tuple[str, ...]   # bundled clip names, played one after another
    text: str                # for a system voice

    def __bool__(self) -> bool:
        return bool(self.clips or self.text)


def _spoken(ch: str) -> tuple[str | None, str]:
    """(clip name or None, text) for one character of a pickup code."""
    folded = unicodedata.normalize("NFKC", ch).upper()
    if folded in DIGITS:
        return folded, DIGITS[folded]
    if folded in LETTERS:
        return folded, folded
    if ch in _DASHES or folded in _DASHES:
        return DASH, "杠"
    if not ch.strip() or unicodedata.category(folded).startswith(("P", "S")):
        return None, ""                       # spaces, slashes, dots: a pause, not a word
    return None, ch                           # a Chinese shelf name: the system voice says it


def for_code(code: str) -> Announcement:
    """A pickup code, character by character: "3-2-017" → 三 杠 二 杠 零 幺 七."""
    clips, words = [], []
    for ch in code or "":
        clip, word = _spoken(ch)
        if clip:
            clips.append(clip)
        if word:
            words.append(word)
    return Announcement(tuple(clips), " ".join(words))


def for_refusal(kind: str) -> Announcement:
    kind = kind if kind in REFUSALS else FAILED
    return Announcement((kind,), WORDS[kind])


def refusal_kind(exc: BaseException) -> str:
    """The short reason of an intake refusal (the errors receive_parcel raises)."""
    if isinstance(exc, waybill.PossibleBagNumber):
        return POSSIBLE_BAG
    if isinstance(exc, waybill.BagNumber):
        return BAG
    if isinstance(exc, waybill.BadWaybill):
        return INVALID
    return FAILED


def for_error(exc: BaseException) -> Announcement:
    return for_refusal(refusal_kind(exc) if isinstance(exc, OutletError) else FAILED)


def for_result(result) -> Announcement:
    """An intake result (:class:`~.services.intake.IntakeResult`): its code, its category, or 重复."""
    if result.duplicate:
        return for_refusal(DUPLICATE)
    if result.pickup_code:
        return for_code(result.pickup_code)
    clip = CATEGORY_CLIPS.get(result.category)
    if clip is None:
        return Announcement((), "")
    who = result.courier if result.category == Parcel.DELIVERY else \
        result.route if result.category == Parcel.TOWNSHIP else None
    return Announcement((clip,), " ".join(w for w in (WORDS[clip], who) if w))
