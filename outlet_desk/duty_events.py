"""Facts that tick the daily duty checklist by themselves (shifts capability reads them).

A flow that completes a duty calls :func:`observe` inside its own write transaction, e.g. the
sign-off upload finishing before the cut-off, the overdue list being reviewed, the day reconciled.
"""
from __future__ import annotations

import datetime as dt

from .i18n import N_, _
from .models.duty import DutyEvent
from .permissions import Actor

OVERDUE_REVIEWED = "overdue_reviewed"          # the morning overdue (到期) list was looked at
PROBLEMS_REVIEWED = "problems_reviewed"        # problem parcels queue reviewed
CUSTOMERS_NOTIFIED = "customers_notified"      # today's call list worked through
STOCK_CHECKED = "stock_checked"                # shelf stock check (盘点) finished
SIGNOFF_UPLOADED = "signoff_uploaded"          # all sign-offs uploaded (detail: before/after cut-off)
ARRIVALS_SCANNED = "arrivals_scanned"          # today's arrivals taken in
WAYBILLS_ENTERED = "waybills_entered"          # salesmen's parcels entered and scanned out
DAY_RECONCILED = "day_reconciled"              # ledger confirmed
UNSIGNED_CHECKED = "unsigned_checked"          # today's unsigned list checked
THREE_DAY_CHECK = "three_day_check"            # outgoing 3-day check run
TICKETS_CLOSED = "tickets_closed"              # no open CRM ticket due today left

#: What the manager reads for each event (F9 → 工作清单's template editor).  The same Chinese
#: words as the settings editor's ``tasks.KEY_LABELS`` (settings-editor branch): keep them equal.
LABELS = {
    OVERDUE_REVIEWED: N_("已查看到期件"), PROBLEMS_REVIEWED: N_("已查看问题件"),
    CUSTOMERS_NOTIFIED: N_("已通知取件客户"), STOCK_CHECKED: N_("盘点完成"),
    SIGNOFF_UPLOADED: N_("签收已上传"), ARRIVALS_SCANNED: N_("到件已入库"),
    WAYBILLS_ENTERED: N_("已录单、扫发件"), DAY_RECONCILED: N_("当日已对账"),
    UNSIGNED_CHECKED: N_("已查未签收"), THREE_DAY_CHECK: N_("三日查件已做"),
    TICKETS_CLOSED: N_("当日工单已处理"),
}


def label(key: str | None) -> str:
    """The name of a duty event key in the current language ("签收已上传" / "Sign-offs
    uploaded"); the key itself when unknown."""
    return _(LABELS[key]) if key in LABELS else (key or "")


def key_of(text: str | None) -> str | None:
    """A duty event key from what the manager typed: its name (Chinese or in the current
    language) or the key itself."""
    text = str(text or "").strip()
    if not text:
        return None
    return next((k for k, name in LABELS.items() if text in (name, _(name))), text)


def observe(key: str, *, actor: Actor | None, now: dt.datetime, detail: str = "") -> None:
    """Record that a duty happened (call inside the caller's write transaction)."""
    DutyEvent.create(day=now.date(), key=key, at=now, staff=actor.id if actor else None,
                     detail=detail)


def observed(day: dt.date) -> dict[str, dt.datetime]:
    """Which duties were observed on ``day``, with the first time each happened."""
    out: dict[str, dt.datetime] = {}
    for key, at in DutyEvent.select(DutyEvent.key, DutyEvent.at).where(DutyEvent.day == day) \
            .order_by(DutyEvent.at).tuples():
        out.setdefault(key, at)
    return out
