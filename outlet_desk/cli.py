"""The ``outlet-desk`` command line.  With no subcommand it opens the app."""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import pkgutil
import sys
from pathlib import Path

from . import __version__
from .errors import OutletError
from .paths import resolve_home


class Context:
    """What a subcommand handler needs: the data directory and a way to open the database."""

    def __init__(self, args):
        self.args = args
        self.home: Path = resolve_home(args.home)
        self.db_url: str | None = args.db

    def url(self) -> str:
        from .db import default_url
        return self.db_url or default_url(self.home)

    def sqlite_file(self) -> Path | None:
        """The SQLite file the URL names (None for a server database)."""
        url = self.url()
        if url.startswith("sqlite:///"):
            return Path(url[len("sqlite:///"):])
        return None if "://" in url else Path(url)

    def open(self, *, create: bool = False):
        from . import datafiles
        from .db import open_database
        datafiles.refuse_if_missing(self.home, self.sqlite_file())
        if not self.db_url and not (self.home / "outlet.db").exists() and not create \
                and not (self.home / "database.url").exists():
            raise OutletError(f"{self.home} 里没有数据库：先运行 outlet-desk --home {self.home} demo，"
                              f"或用 --home 指向数据文件夹。")
        datafiles.secure_home(self.home)
        datafiles.refuse_if_restoring(self.home)
        from .services import evidence
        evidence.configure(self.home)
        return open_database(self.url(), backup_dir=self.home / "backups")

    @staticmethod
    def now() -> dt.datetime:
        return dt.datetime.now().replace(microsecond=0)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="outlet-desk",
        description="Outlet Desk — 快递网点柜台系统。不带子命令时打开程序。")
    parser.add_argument("--version", action="version", version=f"outlet-desk {__version__}")
    parser.add_argument("--home", metavar="DIR",
                        help="data directory (default: $OUTLET_DESK_HOME, else the app-data folder)")
    parser.add_argument("--db", metavar="URL",
                        help="database URL (sqlite:///path or postgresql://…); default: outlet.db in DIR")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from . import commands
    for info in sorted(pkgutil.iter_modules(commands.__path__, commands.__name__ + "."),
                       key=lambda i: i.name):
        importlib.import_module(info.name).register(sub)
    return parser


def no_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    if sys.platform.startswith(("win", "darwin")):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_app(args) -> int:
    if no_display():
        print("没有图形显示：请在桌面上运行，或用 `xvfb-run outlet-desk` / "
              "QT_QPA_PLATFORM=offscreen 运行 (no display: run on a desktop or under xvfb-run).",
              file=sys.stderr)
        return 2
    from ui.app import main as app_main  # Qt only from here on
    return app_main(home=args.home, db_url=args.db)


def _database_errors() -> tuple:
    import sqlite3

    import peewee
    return (sqlite3.DatabaseError, peewee.DatabaseError)


DATABASE_ERRORS = _database_errors()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        return run_app(args)
    try:
        return int(args.handler(Context(args)) or 0)
    except OutletError as exc:
        print(f"outlet-desk: {exc}", file=sys.stderr)
        return 1
    except DATABASE_ERRORS as exc:       # a damaged page met later: one line, not a traceback
        print(f"outlet-desk: 数据库读写出错（{exc}），文件可能已损坏：请运行 outlet-desk check，"
              f"并恢复最近的备份。", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
