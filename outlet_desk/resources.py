"""Where bundled resources are, from source and from a PyInstaller bundle (no Qt)."""
from __future__ import annotations

import sys
from pathlib import Path

FONT_FILE = "wqy-microhei.ttc"


def resource_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def font_path() -> Path:
    return resource("fonts", FONT_FILE)
