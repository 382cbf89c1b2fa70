"""Open items a person leaves behind, for handover notes (交接).

Any ``services/<name>.py`` may define ``open_items(staff_id, now) -> list[OpenItem]`` (problem
parcels they registered, tickets assigned to them, returns waiting on the checklist …);
:func:`collect` gathers them all.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import capabilities


@dataclass(frozen=True)
class OpenItem:
    kind: str        # "problem" | "ticket" | "return" | "notebook" | …
    ref: str         # id in its own table, as text
    title: str       # one line a colleague understands, phones masked
    assignable: bool = True   # can move to the colleague on acknowledgement
    since: dt.datetime | None = None   # open since (its age is shown live, never frozen in the title)


def collect(staff_id: int, now: dt.datetime) -> list[OpenItem]:
    items: list[OpenItem] = []
    for _module, fn in capabilities.declaring("open_items"):
        items.extend(fn(staff_id, now))
    return items
