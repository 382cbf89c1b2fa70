"""Where bundled resources are, from source, from an installed wheel and from a PyInstaller
bundle (no Qt)."""
from __future__ import annotations

import importlib.resources
import sys
from pathlib import Path

FONT_FILE = "wqy-microhei.ttc"
_SOURCE = Path(__file__).resolve().parent.parent / "resources"


def resource_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    if _SOURCE.is_dir():                      # a source checkout (also the editable install)
        return _SOURCE
    # an installed wheel: setup.py packs resources/ as the package outlet_desk_resources
    return Path(str(importlib.resources.files("outlet_desk_resources")))


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def font_path() -> Path:
    return resource("fonts", FONT_FILE)


def voice_clip(name: str) -> Path:
    """A bundled voice clip (outlet_desk.voice.CLIP_WORDS names; resources/sounds/README.md)."""
    return resource("sounds", "voice", f"{name}.wav")
