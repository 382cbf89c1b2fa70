"""The business day a piece of work is dated into — THE one place that turns ``now`` into it.

A day the manager has closed stays closed: nothing may be dated into it (parcel movements, money,
sign-off).  Work done at the counter after the close (a late customer at 20:30) is dated into the
next business day instead: :func:`business_now` moves ``now`` to the start (00:00:00) of the first
day after it that is not closed.  The day's ledger reads movements by their time, so the work counts
on that day and the closed day's figures — and its closing stock, the next day's opening — stay as
they were.  With the outlet setting ``dayclose.after_close = "refuse"`` such work is refused instead,
with a one-line reason.

Every data-changing service of a capability that feeds the ledger is declared with
:func:`~outlet_desk.permissions.operation`; the wrapper passes its ``now`` through
:func:`business_now` (:data:`DATED`), so no service has to remember to.  The day close's own
services (count, confirm, close, adjust) and work not on the ledger (attendance, roster, leave,
handover, tickets, settings) keep the wall-clock time.
"""
from __future__ import annotations

import contextlib
import datetime as dt
from contextvars import ContextVar

from . import db
from .dates import md
from .errors import DayLocked
from .i18n import _
from .models import Setting
from .models.dayclose import DayClose

#: Operation name prefixes (``"pickup.release"`` → ``"pickup"``) whose work is on the day's ledger.
DATED = frozenset({"intake", "pickup", "delivery", "returns", "problem", "signoff", "outgoing",
                   "stockcheck", "notify", "sms", "overdue", "eorder", "upload", "money"})

NEXT_DAY, REFUSE = "next_day", "refuse"


def label(day: dt.date) -> str:
    """"6月8日" ("8 Jun" in English)."""
    return md(day)


def ensure_open(day: dt.date) -> None:
    """Refuse a change to a closed (locked) day: a correction of a closed day is the manager's
    audited adjustment, shown on the next day."""
    if DayClose.select().where((DayClose.day == day) & (DayClose.status == DayClose.CLOSED)).exists():
        raise DayLocked(_("{day}已日结关账，不能再修改；如需更正，请店长做“调整”并写明原因。").format(
            day=label(day)))


def _after_close() -> str:
    """The outlet's ``dayclose.after_close`` as stored.  Read straight from its row: this module sits
    below :mod:`.settings` (settings are changed by an audited ``@operation``, which dates its work
    here).  The setting is declared and checked in ``dayclose`` (:data:`SETTINGS` there); only
    ``"refuse"`` refuses, anything else — missing, damaged — dates the work into the next day."""
    import json

    row = Setting.get_or_none(Setting.key == "dayclose.after_close")
    try:
        return REFUSE if row is not None and json.loads(row.value) == REFUSE else NEXT_DAY
    except ValueError:
        return NEXT_DAY


def closed_from(day: dt.date) -> set[dt.date]:
    """Closed days on or after ``day`` (one indexed query on a table of one row per day)."""
    out = set()
    for (d,) in DayClose.select(DayClose.day).where(
            (DayClose.day >= day) & (DayClose.status == DayClose.CLOSED)).tuples():
        out.add(d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)[:10]))
    return out


def is_closed(day: dt.date) -> bool:
    """Has the manager closed ``day``?"""
    return day in closed_from(day) if day else False


def next_open_day(day: dt.date, closed: set[dt.date] | None = None) -> dt.date:
    """``day`` itself when it is not closed, else the first day after it that is not."""
    closed = closed_from(day) if closed is None else closed
    while day in closed:
        day += dt.timedelta(days=1)
    return day


def business_now(now: dt.datetime, *, refuse: bool = True) -> dt.datetime:
    """``now``, or the start of the next day that is not closed when ``now``'s day is closed.

    Refused (:class:`~outlet_desk.errors.DayLocked`) when the outlet set ``dayclose.after_close``
    to ``refuse`` — except for background work (``refuse=False``: head office's acknowledgement of
    an upload), which is always dated into the next day."""
    day = now.date()
    closed = closed_from(day)
    if day not in closed:
        return now
    if refuse and _after_close() == REFUSE:
        raise DayLocked(_("{day}已关账：本店设置为关账后不再办理，请下一个营业日再操作。").format(
            day=label(day)))
    return dt.datetime.combine(next_open_day(day, closed), dt.time.min)


#: While a dated service runs: (the time it was done, the time it is dated at).
_DATED: ContextVar[tuple[dt.datetime, dt.datetime] | None] = ContextVar("dated", default=None)


#: PostgreSQL advisory lock between dated writes (shared) and the day close (exclusive).
DAY_LOCK = 80380381


def lock_shared() -> None:
    """Inside a write transaction that dates work: wait for a day close in progress on another
    counter (PostgreSQL; SQLite's one writer at a time does it already)."""
    if not db.is_sqlite():
        db.database.execute_sql("SELECT pg_advisory_xact_lock_shared(%s)", (DAY_LOCK,))


def lock_for_close() -> None:
    """Inside the day close's write transaction: wait for dated writes in progress to commit, and
    keep new ones out until the close commits."""
    if not db.is_sqlite():
        db.database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (DAY_LOCK,))


@contextlib.contextmanager
def dated(now: dt.datetime, *, refuse: bool = True):
    """Run a service's work dated by :func:`business_now`; yields the time to date it at.

    Each write transaction of the work checks the date again, inside the transaction: a close
    committed by another counter between the dating and the write refuses the write (nothing saved,
    one line), so the closed day never receives it.  The audit log keeps the time the work was
    really done (:func:`audit_time`): it says what happened when, and a restore tells the anchors
    taken before it from those after by time."""
    when = business_now(now, refuse=refuse)

    def still_open() -> None:
        lock_shared()
        if business_now(now, refuse=refuse) != when:
            raise DayLocked(_("{day}刚刚关账，这次操作没有保存：请再做一次（记入 {next}）。").format(
                day=label(when.date()), next=label(next_open_day(when.date()))))

    token = _DATED.set((now, when))
    hook = db.on_write_begin.set(still_open)
    try:
        yield when
    finally:
        db.on_write_begin.reset(hook)
        _DATED.reset(token)


def audit_time(now: dt.datetime) -> dt.datetime:
    """The time an audit row written with ``now`` is stamped with: the real time when ``now`` is
    the business time a dated service moved into the next day, else ``now``."""
    d = _DATED.get()
    return d[0] if d is not None and d[1] == now else now


def notice(now: dt.datetime) -> str:
    """What the counter says (once) when work is being dated into a later day: '' otherwise."""
    day = now.date()
    closed = closed_from(day)
    if day not in closed:
        return ""
    if _after_close() == REFUSE:
        return _("今天已关账，本店设置为关账后不再办理业务。")
    return _("今天已关账，之后的操作记入 {day}").format(day=label(next_open_day(day, closed)))
