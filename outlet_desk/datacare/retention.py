"""Retention: personal data (names, phones) of parcels closed more than N days ago is masked.
Counts and money stay; the purge is audited."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import audit, changes, settings
from ..db import write_tx
from ..errors import ValidationError
from ..i18n import N_, _
from ..models import AuditLog, Parcel
from ..models.outgoing import OutgoingParcel
from ..models.tickets import Ticket
from ..permissions import MANAGER_ONLY, SYSTEM, Actor, operation

CLOSED = (Parcel.RELEASED, Parcel.DELIVERED, Parcel.RETURNED, Parcel.FORWARDED)
PURGED = "（已清除）"  # zh-data: stored in place of the customer's name


@dataclass(frozen=True)
class PurgeResult:
    parcels: int
    outgoing: int
    tickets: int
    cutoff: dt.datetime


@operation("retention.purge", N_("清除过期客户信息"), MANAGER_ONLY)
def purge(*, actor: Actor, now: dt.datetime, days: int | None = None) -> PurgeResult:
    if days is None:
        days = settings.get("retention.days")
    else:
        # never shorter than the setting allows: a negative or tiny N would mask open and
        # today's parcels (``purge --days -100000`` did)
        least = settings.specs()["retention.days"].minimum
        if days < least:
            raise ValidationError(_("保留天数不能少于 {least} 天（设置“已完结包裹的客户信息保留天数”的下限）。")
                                  .format(least=least))
    cutoff = now - dt.timedelta(days=days)
    with write_tx():
        n_parcels = (Parcel.update(recipient_name=PURGED, recipient_phone=None, phone_tail=None,
                                   collector_name=None, updated_at=now)
                     .where(Parcel.status.in_(CLOSED) & (Parcel.updated_at < cutoff)
                            & (Parcel.recipient_phone.is_null(False) | (Parcel.recipient_name != PURGED)))
                     .execute())
        n_out = (OutgoingParcel.update(sender_name=PURGED, sender_phone=None, recipient_name=PURGED,
                                       recipient_phone=None)
                 .where((OutgoingParcel.received_at < cutoff)
                        & (OutgoingParcel.sender_phone.is_null(False)
                           | OutgoingParcel.recipient_phone.is_null(False)))
                 .execute())
        # phone_digits is the same number, normalised (repeat customers): it goes too
        n_tickets = (Ticket.update(customer_name=PURGED, customer_phone=None, phone_digits=None)
                     .where((Ticket.status == Ticket.CLOSED) & (Ticket.closed_at < cutoff)
                            & (Ticket.customer_phone.is_null(False)
                               | Ticket.phone_digits.is_null(False)))
                     .execute())
        audit.record(actor, "retention.purge", entity="retention", entity_id=cutoff.date(),
                     detail={"days": days, "parcels": n_parcels, "outgoing": n_out,
                             "tickets": n_tickets}, now=now)
    return PurgeResult(n_parcels, n_out, n_tickets, cutoff)


CHANGES = frozenset({changes.PARCELS, changes.TICKETS})


def last_purge() -> dt.datetime | None:
    """When the retention job last ran (from its audit record), or None."""
    row = (AuditLog.select(AuditLog.at).where(AuditLog.action == "retention.purge")
           .order_by(AuditLog.id.desc()).limit(1).first())
    return row.at if row else None


def purge_due(now: dt.datetime, last: dt.datetime | None = ...) -> bool:
    """The scheduled job runs once a calendar day: due when it has not run yet today.
    A clock set back (last run in the future) does not run it again."""
    if last is ...:
        last = last_purge()
    return last is None or last.date() < now.date()


def scheduled_purge(*, now: dt.datetime) -> PurgeResult | None:
    """The daily job (start-up, off the UI thread): purge as the SYSTEM actor when due."""
    if not purge_due(now):
        return None
    return purge(actor=SYSTEM, now=now)
