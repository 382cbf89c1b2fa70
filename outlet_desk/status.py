"""What the status bar shows: one call, a few cheap counts."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .permissions import Actor
from .shifts import roster
from .signoff import outbox


@dataclass(frozen=True)
class StatusInfo:
    clerk: str
    role: str
    post: str | None          # "A" / "B" from the roster, None when not rostered today
    pending_uploads: int
    rejected_uploads: int
    overdue_tickets: int = 0          # open tickets past their due time (tickets capability)
    eorders_urgent: int = 0           # e-orders close to / past their accept or collect limit
    # sign-off cut-off (outlet_desk/signoff/signoff.py): unsigned + not uploaded, next/last cut-off "HH:MM",
    # seconds to it (negative once passed), and whether the warning is on
    signoff_outstanding: int = 0
    signoff_cutoff: str | None = None
    signoff_seconds_left: int = 0
    signoff_late: bool = False


def post_today(actor: Actor, day: dt.date) -> str | None:
    """The post the person works today according to the published roster (shifts capability)."""
    return roster.post_for(actor.id, day)


def snapshot(actor: Actor, *, now: dt.datetime) -> StatusInfo:
    # lazy: the main window imports this module before the login; these three (~100 ms) load at
    # the first status refresh, after the login
    from .outgoing import eorders  # lazy: see above
    from .signoff import signoff  # lazy: see above
    from .tickets import tickets  # lazy: see above
    cut = signoff.cutoff_status(now)
    return StatusInfo(clerk=actor.name, role=actor.role, post=post_today(actor, now.date()),
                      pending_uploads=outbox.pending_count(), rejected_uploads=outbox.rejected_count(),
                      overdue_tickets=tickets.count_overdue(now), eorders_urgent=len(eorders.urgent(now)),
                      signoff_outstanding=cut.outstanding,
                      signoff_cutoff=cut.cutoff.strftime("%H:%M") if cut.cutoff else None,
                      signoff_seconds_left=cut.seconds_left, signoff_late=cut.late)
