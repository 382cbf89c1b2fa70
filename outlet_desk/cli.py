"""The ``outlet-desk`` command line.  With no subcommand it opens the app.

Every command, ``--help`` and the app start here, so the core is imported inside the functions
that need it (the commands' handlers do the same with their services): a command loads only its
own capability, and nothing opens before it is needed."""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import pkgutil
import sys
from pathlib import Path

from . import __version__, i18n
from .errors import OutletError
from .i18n import _
from .paths import resolve_home


class Context:
    """What a subcommand handler needs: the data directory, a way to open the database, and the
    person running it (``actor``) for commands declared with :func:`~outlet_desk.commands.acts`."""

    def __init__(self, args):
        self.args = args
        self.home: Path = resolve_home(args.home)
        self.db_url: str | None = args.db
        self._db = None
        self._actor = None

    def url(self) -> str:
        """The database URL, checked: a typo is refused, never made into a new SQLite file."""
        from .db import database_url  # lazy: every command starts here
        return database_url(self.home, self.db_url)

    def sqlite_file(self) -> Path | None:
        """The SQLite file the URL names (None for a server database)."""
        from .db import sqlite_file_of  # lazy: every command starts here
        return sqlite_file_of(self.url())

    def open(self, *, create: bool = False):
        """Open the outlet's database (once; a second call returns the same one)."""
        if self._db is not None and not self._db.is_closed():
            return self._db
        from . import datafiles  # lazy: every command starts here
        from .db import sqlite_file_of  # lazy: every command starts here
        from .storage import open_database  # lazy: every command starts here
        url = self.url()
        datafiles.refuse_if_missing(self.home, sqlite_file_of(url))
        if not self.db_url and not (self.home / "outlet.db").exists() and not create \
                and not (self.home / "database.url").exists():
            raise OutletError(_("{home} 里没有数据库：先运行 outlet-desk --home {home} demo，"
                                "或用 --home 指向数据文件夹。").format(home=self.home))
        datafiles.secure_home(self.home)
        datafiles.refuse_if_restoring(self.home)
        from . import evidence  # lazy: every command starts here
        evidence.configure(self.home)
        self._db = open_database(url, backup_dir=self.home / "backups")
        return self._db

    def identify(self) -> None:
        """Check who runs a declared command, before its handler (see ``commands.acts``)."""
        from .commands import identify  # lazy: every command starts here
        from .db import close_database  # lazy: every command starts here
        from .errors import DatabaseCorrupt, DatabaseTooNew  # lazy: every command starts here
        from .permissions import SYSTEM  # lazy: every command starts here
        rule = self.args.actor_rule
        try:
            self.open(create=rule.create)
        except (DatabaseCorrupt, DatabaseTooNew) as exc:
            if not rule.damaged_ok:
                raise
            print("outlet-desk: " + _("{error}（无法核对身份，以系统身份继续）").format(error=exc), file=sys.stderr)
            self._actor = SYSTEM
            return
        except OutletError:
            if not (rule.damaged_ok and not (self.home / "outlet.db").exists()):
                raise
            self._actor = SYSTEM          # no database at all: nothing to protect, nobody to check
            return
        self._actor = identify(rule, self.args, now=self.now())
        if rule.closes:
            close_database()
            self._db = None

    @property
    def actor(self):
        """The checked person (or the system where the command's rule needs none)."""
        if self._actor is None:
            raise RuntimeError(f"{self.args.command}: declare the command with commands.acts()")
        return self._actor

    def output(self, path) -> Path:
        """A file the command was told to write, checked: never one of the outlet's own files."""
        from . import datafiles  # lazy: every command starts here
        return datafiles.refuse_outlet_file(self.home, self.sqlite_file(), path)

    @staticmethod
    def now() -> dt.datetime:
        return dt.datetime.now().replace(microsecond=0)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="outlet-desk",
        description=_("Outlet Desk — 快递网点柜台系统。不带子命令时打开程序。"))
    parser.add_argument("--version", action="version", version=f"outlet-desk {__version__}")
    parser.add_argument("--lang", metavar="LANG",
                        help=f"language of what the commands print: zh_CN (default) or en; "
                             f"default: ${ENV_LANG}, else zh_CN")
    parser.add_argument("--home", metavar="DIR",
                        help="data directory (default: $OUTLET_DESK_HOME, else the app-data folder)")
    parser.add_argument("--db", metavar="URL",
                        help="database URL (sqlite:///path or postgresql://…); default: outlet.db in DIR")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from . import commands  # lazy: every command starts here
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
        print(_("没有图形显示：请在桌面上运行，或用 `xvfb-run outlet-desk` / QT_QPA_PLATFORM=offscreen 运行。"),
              file=sys.stderr)
        return 2
    from ui.app import main as app_main  # Qt only from here on
    return app_main(home=args.home, db_url=args.db)


def _database_errors() -> tuple:
    import sqlite3

    import peewee
    return (sqlite3.DatabaseError, peewee.DatabaseError)


DATABASE_ERRORS = _database_errors()


#: The language of the command line's output when ``--lang`` is not given (default Chinese).
ENV_LANG = "OUTLET_DESK_LANG"


def choose_language(argv: list[str] | None) -> str:
    """``--lang`` (zh_CN, en …), else ``$OUTLET_DESK_LANG``, else Chinese.  (Not ``$LANG``: an
    outlet's Linux PC or a CI runner is often en_US.UTF-8 while the counter reads Chinese.)"""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    known, _rest = pre.parse_known_args(sys.argv[1:] if argv is None else argv)
    return known.lang or os.environ.get(ENV_LANG) or i18n.DEFAULT


def main(argv: list[str] | None = None) -> int:
    before = i18n.language()
    wanted = choose_language(argv)
    if not i18n.set_language(wanted):
        print(f"outlet-desk: no messages in {wanted!r}, Chinese is used (--lang en or zh_CN)",
              file=sys.stderr)
    try:
        return _main(argv)
    finally:
        i18n.set_language(before)


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        return run_app(args)
    try:
        ctx = Context(args)
        if getattr(args, "actor_rule", None) is not None:
            ctx.identify()
        return int(args.handler(ctx) or 0)
    except OutletError as exc:
        print(f"outlet-desk: {exc}", file=sys.stderr)
        return 1
    except DATABASE_ERRORS as exc:       # a damaged page met later: one line, not a traceback
        print("outlet-desk: " + _("数据库读写出错（{error}），文件可能已损坏：请运行 outlet-desk check，"
                                  "并恢复最近的备份。").format(error=exc), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
