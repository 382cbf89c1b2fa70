"""``outlet-desk demo``: a demo outlet in the data directory.

Demo data is kept out of the business modules: one module here per capability
(``demo/inbound.py`` …), each with ``populate_<part>(ctx)`` functions that write through the
capability's own services.  :data:`POPULATORS` lists them in the order they run.  Nothing in the
app imports this package; ``outlet-desk demo``, the benchmark and tests do.
"""
# zh-data: demo outlet data (names, settings)
from __future__ import annotations

import datetime as dt
import importlib
import random
from dataclasses import dataclass, field
from pathlib import Path

from .. import settings
from ..errors import DomainError
from ..models import Staff
from ..permissions import CLERK, MANAGER, SYSTEM, Actor
from ..shifts import staff as staff_service
from ..storage import open_database

# Documented in the README: who logs in with what.
DEMO_STAFF = [
    ("张丽", CLERK, "1111"),
    ("王芳", CLERK, "2222"),
    ("李店长", MANAGER, "manager803"),
]


@dataclass
class DemoContext:
    home: Path
    now: dt.datetime
    rng: random.Random
    system: Actor = SYSTEM
    clerks: list[Actor] = field(default_factory=list)
    manager: Actor | None = None


#: (module in this package, function), in the order they run: parcels first, then the roster that
#: staffs them, then what happens to the parcels, the tickets, and the closed days last
POPULATORS = (
    ("inbound", "populate_intake"),
    ("shifts", "populate_roster"),
    ("inbound", "populate_notify"),
    ("inbound", "populate_stockcheck"),
    ("inbound", "populate_returns"),
    ("signoff", "populate_signoff"),
    ("outgoing", "populate_outgoing"),
    ("tickets", "populate_tickets"),
    ("outgoing", "populate_eorders"),
    ("dayclose", "populate_dayclose"),
)


def populators():
    return [getattr(importlib.import_module(f"{__name__}.{module}"), name) for module, name in POPULATORS]


def build_demo(home: Path, *, now: dt.datetime | None = None, seed: int = 803,
               url: str | None = None) -> DemoContext:
    """The demo outlet in ``home`` (its ``outlet.db``), or in the database ``url``
    (``outlet-desk demo --db postgresql://…``) with its photos in ``home``; only where there is no
    outlet yet."""
    home = Path(home)
    home.mkdir(parents=True, exist_ok=True)
    if url is None:
        db_file = home / "outlet.db"
        if db_file.exists() and db_file.stat().st_size > 0:
            raise DomainError(f"{home} 里已经有数据库，演示网点只建在空的数据文件夹里。")
        open_database(db_file)
    else:
        from ..db import hide_password
        open_database(url, backup_dir=home / "backups")
        if Staff.select().exists():
            raise DomainError(f"{hide_password(url)} 里已经有网点数据，演示网点只建在空的数据库里。")
        from .. import evidence
        evidence.configure(home)          # photos: no SQLite file to sit beside
    now = now or dt.datetime.now().replace(microsecond=0)
    ctx = DemoContext(home=home, now=now, rng=random.Random(seed))
    created = now - dt.timedelta(days=60)
    for name, role, secret in DEMO_STAFF:
        info = staff_service.add_staff(name, role, secret, actor=SYSTEM, now=created)
        if role == CLERK:
            ctx.clerks.append(info.actor())
        else:
            ctx.manager = info.actor()
    settings.update({"outlet.name": "幸福路快递网点（演示）"}, actor=SYSTEM, now=created)
    for fn in populators():
        fn(ctx)
    return ctx

