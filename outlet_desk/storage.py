"""Opening the outlet's database: connect, check the file is sound, run pending migrations, bind the
models.  It sits above :mod:`.db` (connections, transactions), :mod:`.models` and
:mod:`.migrations`, which is why it is not in :mod:`.db`: the models and the migrations need the
database layer, and opening needs them.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee

from . import migrations
from .datafiles import secure_database
from .db import (
    _check_sqlite_header,
    _connect,
    _server_fault,
    _start_checkpointer,
    _stop_checkpointer,
    classify_operational_error,
    database,
    is_sqlite,
    preallocate_wal,
    sqlite_path,
)
from .errors import DatabaseCorrupt, EnvironmentFault
from .i18n import _


def open_database(url_or_path: str | Path, *, migrate: bool = True,
                  backup_dir: Path | None = None, counter: bool = False) -> peewee.Database:
    """Connect, check the file is sound, run pending migrations, and bind the models to it.

    ``counter``: the app at the counter, which takes scanning bursts — its SQLite WAL is
    preallocated (:func:`preallocate_wal`); a command-line run writes too little to need it."""
    url = str(url_or_path)
    db = _connect(url)
    path = sqlite_path(db)
    if path is not None and path.exists() and path.stat().st_size > 0:
        _check_sqlite_header(path)
        if counter:
            preallocate_wal(path)
    try:
        db.connect(reuse_if_open=True)
    except UnicodeDecodeError as exc:     # SQLite's error quotes a damaged page's bytes (not UTF-8)
        raise DatabaseCorrupt(_("数据库文件已损坏，无法打开（报错里有无法解码的内容）：{path}").format(path=path)) from exc
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        if path is None and not is_sqlite(db):
            raise _server_fault(exc, db) from exc
        raise _open_fault(exc, path) from exc
    if path is not None:
        secure_database(path)              # this account only (0600)
    _stop_checkpointer()
    database.initialize(db)
    if path is not None:
        _start_checkpointer(path)
    if migrate:
        try:
            migrations.migrate(db, backup_dir=backup_dir)
        except (peewee.DatabaseError, sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            _stop_checkpointer()
            db.close()
            raise _open_fault(exc, path) from exc
    return db


def _open_fault(exc: Exception, path: Path | None) -> Exception:
    """Any database error while opening is one line: damage reads as :class:`DatabaseCorrupt`."""
    mapped = classify_operational_error(exc)
    if mapped is not exc:
        return mapped
    if path is None:
        return EnvironmentFault(_("数据库无法打开：{error}").format(error=exc))
    return DatabaseCorrupt(_("数据库文件已损坏，无法打开（{error}）：{path}").format(error=exc, path=path))
