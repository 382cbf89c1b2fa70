"""Opening the outlet's database at the counter (used by start-up and by a restore from 设置)."""
from __future__ import annotations

from pathlib import Path

from outlet_desk.db import database_url, sqlite_file_of
from outlet_desk.storage import open_database


def open_outlet(home: Path, db_url: str | None = None):
    """Open the outlet's database at the counter.  A database gone missing from a data directory
    that had one is refused (never a new empty outlet); the app says it holds the data directory
    (``locks/``) so that a restore can say who has it open."""
    from outlet_desk import datafiles, evidence
    url = database_url(home, db_url)   # a typo is refused here, never made into a new SQLite file
    datafiles.refuse_if_missing(home, sqlite_file_of(url))
    datafiles.secure_home(home)       # this account only (0700)
    datafiles.refuse_if_restoring(home)
    evidence.configure(home)          # photos live in the data directory unless a shared folder is set
    db = open_database(url, backup_dir=home / "backups", counter=True)
    datafiles.register_app(home)
    return db
