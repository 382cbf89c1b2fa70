"""Recording money taken in.  Call :func:`record_payment` inside the write transaction of the flow
that took the money (counter sending, release of a 到付 parcel, holding fee)."""
from __future__ import annotations

import datetime as dt

from . import audit
from .businessday import ensure_open
from .errors import ValidationError
from .i18n import N_, _
from .models.money import Payment
from .permissions import Actor

#: the payment methods are words stored in the database (Payment.METHODS); their names for the
#: catalog, so that :func:`method_text` shows one in the person's language
_METHOD_NAMES = (N_("现金"), N_("微信"), N_("支付宝"), N_("月结"), N_("到付"))


def method_text(method: str) -> str:
    """A payment method ("现金") as the person reads it ("Cash" in English mode)."""
    return _(method) if method in Payment.METHODS else method


def record_payment(kind: str, method: str, amount_fen: int, *, ref: str = "", actor: Actor,
                   now: dt.datetime) -> Payment:
    if kind not in Payment.KINDS:
        raise ValidationError(_("收款类别不正确。"))
    if method not in Payment.METHODS:
        raise ValidationError(_("付款方式只能是：{methods}。").format(
            methods=_("、").join(method_text(m) for m in Payment.METHODS)))
    if not isinstance(amount_fen, int) or amount_fen < 0:
        raise ValidationError(_("金额必须是不小于 0 的整数（分）。"))
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
