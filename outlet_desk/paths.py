"""Where the data lives: ``--home DIR``, else ``$OUTLET_DESK_HOME``, else the platform's app-data
folder.  The UI resolves the last one with Qt's ``QStandardPaths.AppDataLocation`` and passes it in;
:func:`fallback_app_data` computes the same folder without Qt for the command line."""
from __future__ import annotations

import os
import sys
from pathlib import Path

ORGANIZATION = "OutletDesk"
APPLICATION = "outlet-desk"
ENV_HOME = "OUTLET_DESK_HOME"


def fallback_app_data() -> Path:
    """The folder Qt's AppDataLocation gives for our organisation/application names."""
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / ORGANIZATION / APPLICATION


def resolve_home(cli_home: str | os.PathLike | None = None, app_data: Path | None = None) -> Path:
    if cli_home:
        return Path(cli_home).expanduser().resolve()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().resolve()
    return (app_data or fallback_app_data()).resolve()


def photos_dir(home: Path) -> Path:
    return Path(home) / "photos"


def backups_dir(home: Path) -> Path:
    return Path(home) / "backups"

