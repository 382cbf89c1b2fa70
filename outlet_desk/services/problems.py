"""Problem parcels (问题件).  The exceptions capability (returns issue) owns and extends this
module; :func:`open_problem` is the entry point other flows use (e.g. a customer's phone is out of
service when notifying)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import changes
from ..db import write_tx
from ..errors import NotFound, ValidationError
from ..models import Parcel, ParcelEvent
from ..models.problems import ProblemRecord
from ..permissions import Actor, operation


@dataclass(frozen=True)
class ProblemInfo:
    id: int
    parcel_id: int
    waybill: str
    reason: str
    note: str
    opened_at: dt.datetime


@operation("problem.open", "登记问题件")
def open_problem(parcel_id: int, reason: str, note: str = "", *, actor: Actor,
                 now: dt.datetime) -> ProblemInfo:
    if reason not in ProblemRecord.REASONS:
        raise ValidationError(f"问题原因只能是：{'、'.join(ProblemRecord.REASONS)}。")
    with write_tx():
        parcel = Parcel.get_or_none(Parcel.id == parcel_id)
        if parcel is None:
            raise NotFound("没有这个包裹。")
        rec = ProblemRecord.create(parcel=parcel, reason=reason, note=note or "", opened_at=now,
                                   opened_by=actor.id)
        Parcel.update(problem=True, updated_at=now).where(Parcel.id == parcel.id).execute()
        ParcelEvent.create(parcel=parcel, at=now, kind=ParcelEvent.PROBLEM_OPENED, staff=actor.id,
                           detail=f"{reason} {note}".strip())
    return ProblemInfo(rec.id, parcel.id, parcel.waybill, reason, rec.note, now)


CHANGES = frozenset({changes.PARCELS})
