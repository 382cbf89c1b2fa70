"""The demo outlet's dayclose: what ``outlet-desk demo`` puts in (data, not rules)."""
# zh-data: demo outlet data (names, addresses, notes)
from __future__ import annotations

import datetime as dt

from ..dayclose.dayclose import (
    STOCK_NOTE,
    _break_into_notes,
    add_adjustment,
    close_day,
    compute_ledger,
    confirm,
    save_count,
)
from ..db import write_tx
from ..errors import DomainError
from ..models import Parcel, ParcelEvent
from ..models.money import Payment
from ..models.outgoing import OutgoingParcel

# ---------------------------------------------------------------------------------------------
# Demo
# ---------------------------------------------------------------------------------------------
DEMO_ORDER = 90


def populate_dayclose(ctx) -> None:
    """Close the past days of the demo month (both clerks confirm, the manager closes), leave
    yesterday confirmed but not closed and today open; one day has a cash difference with its
    explanation, and the manager makes one adjustment the next morning."""
    if ctx.manager is None or len(ctx.clerks) < 2:
        return
    today = ctx.now.date()
    first = today.replace(day=1)
    if (today - first).days < 3:
        first = today - dt.timedelta(days=7)
    a, b = ctx.clerks[0], ctx.clerks[1]
    if not (Payment.select().exists() or ParcelEvent.select().exists()
            or OutgoingParcel.select().exists()):
        _demo_traffic(ctx, first, today)
    days = []
    d = first
    while d < today:
        days.append(d)
        d += dt.timedelta(days=1)
    short_day = days[len(days) // 2] if len(days) >= 3 else None
    for day in days:
        evening = dt.datetime.combine(day, dt.time(19, 40))
        led = compute_ledger(day)
        cash = led.money_row("现金").expected_fen
        notes = {}
        if day == short_day and cash >= 500:
            cash -= 500
            notes["现金"] = "找零时多找给顾客 5 元，已与顾客联系。"
        elif day == short_day:
            cash += 500
            notes["现金"] = "顾客多付 5 元未找零，已与顾客联系。"
        if led.shelf.agrees is False:
            notes[STOCK_NOTE] = "盘点差异已逐件核对，见问题件登记。"
        counted = {m: led.money_row(m).expected_fen for m in ("微信", "支付宝")}
        denoms = _break_into_notes(cash)
        try:
            save_count(day, cash_denominations=denoms, cash_total_fen=None if denoms else cash,
                       counted=counted, notes=notes, actor=a, now=evening)
            confirm(day, actor=a, now=evening + dt.timedelta(minutes=5))
            confirm(day, actor=b, now=evening + dt.timedelta(minutes=8))
            if day == days[-1]:
                break                               # yesterday: confirmed, not closed yet
            close_day(day, actor=ctx.manager, now=evening + dt.timedelta(minutes=20))
        except DomainError:                         # whatever the other demos left: skip the day
            continue
        if day == short_day:
            back = 500 if notes["现金"].startswith("找零") else -500
            add_adjustment(day, reason=("顾客送回多找的 5 元现金，计入次日现金。" if back > 0
                                        else "多收的 5 元已退还顾客，从次日现金中减去。"),
                           method="现金", amount_fen=back, actor=ctx.manager,
                           now=dt.datetime.combine(day + dt.timedelta(days=1), dt.time(9, 10)))


def _demo_traffic(ctx, first: dt.date, today: dt.date) -> None:
    """Only when no other capability made demo data (this branch alone): a plausible month of
    arrivals, pickups, deliveries, payments and salesmen's parcels, so the ledger is not empty."""
    from ..money import record_payment
    from ..privacy import phone_tail
    rng = ctx.rng
    carriers = ["中通", "圆通", "韵达", "极兔", "申通"]
    names = ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰", "吴霞"]
    salesmen = ["陈师傅", "刘师傅", "马师傅"]
    at_outlet: list = []
    seq = 0
    with write_tx():
        d = first
        while d <= today:
            base = dt.datetime.combine(d, dt.time(8, 30))
            for _ in range(rng.randint(28, 46)):
                seq += 1
                phone = f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
                at = base + dt.timedelta(minutes=rng.randint(0, 150))
                cat = rng.choice([Parcel.PICKUP] * 3 + [Parcel.DELIVERY])
                p = Parcel.create(waybill=f"7{d:%m%d}{seq:08d}", carrier=rng.choice(carriers),
                                  category=cat, recipient_name=rng.choice(names),
                                  recipient_phone=phone, phone_tail=phone_tail(phone),
                                  shelf=str(rng.randint(1, 6)) if cat == Parcel.PICKUP else None,
                                  level=rng.randint(1, 4) if cat == Parcel.PICKUP else None,
                                  arrived_at=at, updated_at=at)
                ParcelEvent.create(parcel=p, at=at, kind=ParcelEvent.ARRIVED, staff=ctx.clerks[0].id)
                at_outlet.append(p)
            rng.shuffle(at_outlet)
            leave = int(len(at_outlet) * rng.uniform(0.55, 0.7))
            for p in at_outlet[:leave]:
                at = dt.datetime.combine(d, dt.time(rng.randint(11, 19), rng.randint(0, 59)))
                kind = (ParcelEvent.OUT_FOR_DELIVERY if p.category == Parcel.DELIVERY
                        else rng.choice([ParcelEvent.RELEASED] * 20 + [ParcelEvent.RETURNED]))
                status = {ParcelEvent.OUT_FOR_DELIVERY: Parcel.OUT_FOR_DELIVERY,
                          ParcelEvent.RELEASED: Parcel.RELEASED,
                          ParcelEvent.RETURNED: Parcel.RETURNED}[kind]
                ParcelEvent.create(parcel=p, at=at, kind=kind, staff=ctx.clerks[1].id)
                Parcel.update(status=status, updated_at=at,
                              released_at=at if kind == ParcelEvent.RELEASED else None) \
                    .where(Parcel.id == p.id).execute()
                if kind == ParcelEvent.RELEASED and rng.random() < 0.06:
                    record_payment(Payment.COD, rng.choice(["现金", "微信"]),
                                   rng.choice([1200, 2500, 3980]), ref=p.waybill,
                                   actor=ctx.clerks[1], now=at)
            at_outlet = at_outlet[leave:]
            for _ in range(rng.randint(3, 8)):
                at = dt.datetime.combine(d, dt.time(rng.randint(9, 19), rng.randint(0, 59)))
                fee = rng.choice([1000, 1200, 1500, 1800, 2300])
                method = rng.choice(["现金", "现金", "微信", "微信", "支付宝", "月结", "到付"])
                seq += 1
                OutgoingParcel.create(waybill=f"75{d:%m%d}{seq:08d}", source=OutgoingParcel.COUNTER,
                                      fee_fen=fee, payment_method=method, received_at=at,
                                      weight_g=rng.randint(300, 4000))
                record_payment(Payment.SENDING_FEE, method, fee, actor=ctx.clerks[0], now=at)
            for man in salesmen:
                for _ in range(rng.randint(6, 14)):
                    seq += 1
                    declared = rng.randint(300, 6000)
                    weight = declared + (rng.choice([-40, 0, 20, 60, 350]) if rng.random() < 0.9
                                         else 800)
                    at = dt.datetime.combine(d, dt.time(rng.randint(16, 18), rng.randint(0, 59)))
                    OutgoingParcel.create(waybill=f"76{d:%m%d}{seq:08d}", source=OutgoingParcel.SALESMAN,
                                          salesman=man, declared_weight_g=declared, weight_g=weight,
                                          fee_fen=800 + declared // 1000 * 200, received_at=at,
                                          dispatched_at=at + dt.timedelta(minutes=40))
            if rng.random() < 0.5:
                record_payment(Payment.HOLDING_FEE, "现金", 200, actor=ctx.clerks[0],
                               now=dt.datetime.combine(d, dt.time(15, 0)))
            d += dt.timedelta(days=1)
