"""The demo outlet's signoff: what ``outlet-desk demo`` puts in (data, not rules)."""
# zh-data: demo outlet data (names, addresses, notes)
from __future__ import annotations

import datetime as dt

from .. import settings
from ..errors import DomainError
from ..models import Outbox, Parcel, ParcelEvent
from ..models.parcels import not_signed_off
from ..signoff.signoff import SIGNABLE, _due_expr, sign


def _demo_fallback_parcels(ctx) -> None:
    """Only when no other capability made parcels: a few delivery and released ones."""
    from ..privacy import phone_tail
    rng = ctx.rng
    names = ["王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄磊", "周婷", "吴刚"]
    carriers = [("中通", "7"), ("圆通", "YT"), ("韵达", "43"), ("极兔", "JT"), ("申通", "77")]
    today = min(ctx.now.replace(hour=7, minute=40, second=0), ctx.now - dt.timedelta(hours=2))
    for i in range(48):
        carrier, prefix = carriers[i % len(carriers)]
        waybill = prefix + "".join(str(rng.randint(0, 9)) for _ in range(15 - len(prefix)))
        day = today - dt.timedelta(days=1 if i < 14 else 0)
        phone = "1" + rng.choice("3589") + "".join(str(rng.randint(0, 9)) for _ in range(9))
        pickup = i % 3 == 0
        p = Parcel.create(waybill=waybill, carrier=carrier,
                          category=Parcel.PICKUP if pickup else Parcel.DELIVERY,
                          status=Parcel.IN_STOCK, recipient_name=rng.choice(names),
                          recipient_phone=phone, phone_tail=phone_tail(phone),
                          shelf="3" if pickup else None, level=2 if pickup else None,
                          pickup_code=f"3-2-{i:03d}" if pickup else None,
                          route=None if pickup else rng.choice(["幸福路东线", "幸福路西线", "城南线"]),
                          arrived_at=day, updated_at=day)
        ParcelEvent.create(parcel=p, at=day, kind=ParcelEvent.ARRIVED)
        if pickup and (i < 14 or i % 2 == 0):
            at = day + dt.timedelta(hours=rng.randint(1, 3))
            if at <= ctx.now:
                Parcel.update(status=Parcel.RELEASED, released_at=at, signer_type="本人",
                              updated_at=at).where(Parcel.id == p.id).execute()
                ParcelEvent.create(parcel=p, at=at, kind=ParcelEvent.RELEASED)


def populate_signoff(ctx) -> None:
    """Delivery runs, courier reports and sign-offs over whatever parcels exist: the history signed
    and uploaded, today's partly signed, a few waiting to upload and one rejected with a reason."""
    from ..signoff import delivery
    if Parcel.select().count() == 0:
        _demo_fallback_parcels(ctx)
    rng = ctx.rng
    clerks = ctx.clerks or [ctx.system]
    couriers = list(settings.get("delivery.couriers"))
    today = ctx.now.date()
    # 派件: delivery/township parcels still in stock go out with couriers, most reported delivered
    cand = list(Parcel.select(Parcel.waybill, Parcel.arrived_at)
                .where((Parcel.status == Parcel.IN_STOCK) & (Parcel.problem == False)  # noqa: E712
                       & Parcel.category.in_([Parcel.DELIVERY, Parcel.TOWNSHIP]))
                .order_by(Parcel.arrived_at, Parcel.id).limit(80).tuples())
    reports: dict[tuple, list[str]] = {}
    for n, (waybill, arrived) in enumerate(cand):
        out_at = max(arrived + dt.timedelta(minutes=50), dt.datetime.combine(arrived.date(),
                                                                              dt.time(8, 40)))
        if out_at > ctx.now:
            continue
        if arrived.date() == today and n % 4 == 0:
            continue                                  # a few of today's still on the pile
        courier = couriers[n % len(couriers)]
        try:
            delivery.scan_out(waybill, courier, actor=clerks[n % len(clerks)], now=out_at)
        except DomainError:
            continue
        done_at = out_at + dt.timedelta(hours=2, minutes=rng.randint(0, 50))
        if done_at <= ctx.now and (arrived.date() < today or n % 3 != 0):
            reports.setdefault((done_at.date(), courier), []).append(waybill)
    for (day, courier), waybills in sorted(reports.items()):
        at = dt.datetime.combine(day, dt.time(12, 10)) if day < today else ctx.now - dt.timedelta(minutes=20)
        delivery.report_delivered(waybills=waybills, actor=clerks[0], now=at)
    # 签收: the history signed at 13:30 of its day and uploaded
    rows = list(Parcel.select(Parcel.id, _due_expr())
                .where(Parcel.status.in_(SIGNABLE) & not_signed_off()).tuples())
    by_day: dict[dt.date, list[int]] = {}
    todays = []
    for pid, due in rows:
        due = due if isinstance(due, dt.datetime) else dt.datetime.fromisoformat(str(due))
        (todays if due.date() >= today else by_day.setdefault(due.date(), [])).append(pid)
    for n, (day, pids) in enumerate(sorted(by_day.items())):
        at = dt.datetime.combine(day, dt.time(13, 30))
        sign(parcel_ids=pids, actor=clerks[n % len(clerks)], now=at)
        Outbox.update(status=Outbox.SENT, attempts=1, sent_at=at + dt.timedelta(minutes=2)) \
            .where((Outbox.status == Outbox.PENDING) & (Outbox.kind == "signoff")).execute()
    # today: about half signed (waiting to upload), one of them rejected by head office
    todays.sort()
    half = todays[: (len(todays) * 2 + 2) // 3]
    if half:
        at = max(ctx.now - dt.timedelta(minutes=10), dt.datetime.combine(today, dt.time(8, 0)))
        sign(parcel_ids=half, actor=clerks[-1], now=at)
        first = (Outbox.select().where((Outbox.status == Outbox.PENDING) & (Outbox.kind == "signoff"))
                 .order_by(Outbox.id).first())
        if first is not None and len(half) >= 3:
            Outbox.update(status=Outbox.REJECTED, attempts=1,
                          last_error="运单在总部系统中的收件网点不是 803，请核对运单号或签收人（422）") \
                .where(Outbox.id == first.id).execute()
