"""Recording money taken in.  Call :func:`record_payment` inside the write transaction of the flow
that took the money (counter sending, release of a 到付 parcel, holding fee)."""
from __future__ import annotations

import datetime as dt

from . import audit
from .errors import ValidationError
from .models.money import Payment
from .permissions import Actor


def record_payment(kind: str, method: str, amount_fen: int, *, ref: str = "", actor: Actor,
                   now: dt.datetime) -> Payment:
    if kind not in Payment.KINDS:
        raise ValidationError("收款类别不正确。")
    if method not in Payment.METHODS:
        raise ValidationError(f"付款方式只能是：{'、'.join(Payment.METHODS)}。")
    if not isinstance(amount_fen, int) or amount_fen < 0:
        raise ValidationError("金额必须是不小于 0 的整数（分）。")
    from .businessday import ensure_open
    ensure_open(now.date())          # a closed day's money is locked (DayLocked)
    p = Payment.create(day=now.date(), at=now, kind=kind, method=method, amount_fen=amount_fen,
                       ref=ref, staff=actor.id)
    audit.record(actor, "money.payment", entity="payment", entity_id=p.id,
                 detail={"kind": kind, "method": method, "fen": amount_fen, "ref": ref}, now=now)
    return p


def totals_by_method(day: dt.date) -> dict[str, int]:
    from peewee import fn
    out = {m: 0 for m in Payment.METHODS}
    for method, total in (Payment.select(Payment.method, fn.SUM(Payment.amount_fen))
                          .where(Payment.day == day).group_by(Payment.method).tuples()):
        out[method] = int(total or 0)
    return out
