"""Service tickets (工单).  The tickets capability owns and extends this module;
:func:`open_ticket` is the entry point other flows use (the 3-day check's urge and verify tickets,
problem parcels that need the sender)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import audit
from ..db import write_tx
from ..errors import ValidationError
from ..models.tickets import Ticket
from ..permissions import Actor, operation
from ..settings import SettingSpec

SETTINGS = [
    SettingSpec("tickets.deadline_hours", {"查询": 24, "催件": 24, "延误": 48, "破损": 48, "丢失": 48,
                                           "服务态度": 24, "费用": 24, "其他": 48},
                "Ticket deadline by category (hours)", "各类工单处理时限（小时）", kind="json",
                section="tickets"),
]


@dataclass(frozen=True)
class TicketInfo:
    id: int
    category: str
    title: str
    status: str
    due_at: dt.datetime
    waybills: tuple[str, ...]


def due_time(category: str, created_at: dt.datetime) -> dt.datetime:
    from .. import settings
    hours = settings.get("tickets.deadline_hours").get(category, 48)
    return created_at + dt.timedelta(hours=int(hours))


@operation("ticket.open", "新建工单")
def open_ticket(category: str, title: str, *, source: str = "auto", waybills=(), detail: str = "",
                customer_name: str | None = None, customer_phone: str | None = None,
                crm_number: str | None = None, assignee_id: int | None = None,
                origin: str | None = None, actor: Actor, now: dt.datetime) -> TicketInfo:
    if category not in Ticket.CATEGORIES:
        raise ValidationError(f"工单类别只能是：{'、'.join(Ticket.CATEGORIES)}。")
    if source not in Ticket.SOURCES:
        raise ValidationError("工单来源不正确。")
    title = (title or "").strip()
    if not title:
        raise ValidationError("工单标题不能为空。")
    waybills = tuple(w.strip().upper() for w in waybills if w and w.strip())
    with write_tx():
        t = Ticket.create(source=source, crm_number=crm_number, category=category, title=title,
                          detail=detail, waybills=" ".join(waybills), customer_name=customer_name,
                          customer_phone=customer_phone, assignee=assignee_id, created_at=now,
                          created_by=actor.id, due_at=due_time(category, now), origin=origin)
        if customer_phone or customer_name:
            audit.record(actor, "ticket.customer_data", entity="ticket", entity_id=t.id,
                         detail={"name": customer_name, "phone_tail": (customer_phone or "")[-4:]},
                         now=now)
    return TicketInfo(t.id, category, title, t.status, t.due_at, waybills)
