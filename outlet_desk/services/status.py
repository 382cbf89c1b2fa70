"""What the status bar shows: one call, a few cheap counts."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..permissions import Actor
from . import outbox


@dataclass(frozen=True)
class StatusInfo:
    clerk: str
    role: str
    post: str | None          # "A" / "B" from the roster, None when not rostered today
    pending_uploads: int
    rejected_uploads: int


def post_today(actor: Actor, day: dt.date) -> str | None:
    """The post the person works today according to the published roster (shifts capability)."""
    from . import roster
    return roster.post_for(actor.id, day)


def snapshot(actor: Actor, *, now: dt.datetime) -> StatusInfo:
    return StatusInfo(clerk=actor.name, role=actor.role, post=post_today(actor, now.date()),
                      pending_uploads=outbox.pending_count(), rejected_uploads=outbox.rejected_count())
