"""The demo outlet's outgoing: what ``outlet-desk demo`` puts in (data, not rules)."""
# zh-data: demo outlet data (names, addresses, notes)
from __future__ import annotations

import datetime as dt

from .. import settings
from ..db import write_tx
from ..fen import format_yuan
from ..models.money import Payment
from ..models.outgoing import (
    OutgoingParcel,
)
from ..outgoing.eorders import accept, collect, enter_order
from ..outgoing.outgoing import (
    _CITIES,
    _GIVEN,
    _SURNAMES,
    SendForm,
    _ensure_defaults,
    add_salesman,
    check_weight,
    dispatch,
    format_kg,
    quote,
    receive_collected,
    send_parcel,
)
from ..outgoing.threeday import _HUBS, TrackingRow, apply_tracking, check_window, run_three_day_check, window_end

# ---------------------------------------------------------------------------------------------
# Demo
# ---------------------------------------------------------------------------------------------
DEMO_ORDER = 60


def _demo_name(rng) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))


def _demo_phone(rng) -> str:
    return rng.choice(("138", "139", "158", "186", "135", "177", "150")) + \
        "".join(str(rng.randint(0, 9)) for _ in range(8))


def _demo_dest(rng) -> tuple[str, str]:
    weights = {"浙江": 30, "江苏": 10, "上海": 10, "广东": 8, "北京": 6, "安徽": 5}
    provinces = list(_CITIES)
    p = rng.choices(provinces, [weights.get(x, 2) for x in provinces])[0]
    return p, rng.choice(_CITIES[p])


def populate_outgoing(ctx) -> None:
    # One outer transaction: the ~1000 service calls become savepoints and the demo is written
    # with one sync instead of one per call (every UI test builds the demo).
    with write_tx():
        _populate_outgoing(ctx)


def _populate_outgoing(ctx) -> None:
    rng, now = ctx.rng, ctx.now
    clerks = ctx.clerks or [ctx.system]
    today = now.date()
    _ensure_defaults()
    for name, phone in (("陈建国", "13905718803"), ("刘晓东", "13777718803")):
        add_salesman(name, phone, actor=ctx.manager or ctx.system, now=now - dt.timedelta(days=30))
    seq = [rng.randint(100000, 900000)]

    def waybill(prefix="7"):
        seq[0] += rng.randint(1, 40)
        return f"{prefix}{today:%y%m}{seq[0]:07d}" if prefix == "7" else \
            f"JT{rng.randint(10**12, 10**13 - 1)}"

    bag_no = [rng.randint(1000000, 8000000)]
    for back in range(14, -1, -1):
        day = today - dt.timedelta(days=back)
        clerk = clerks[back % len(clerks)]
        # counter sendings through the day
        for _ in range(rng.randint(2, 5) if back else 3):
            at = dt.datetime.combine(day, dt.time(rng.randint(9, 18), rng.randint(0, 59)))
            if at > now:
                at = now - dt.timedelta(minutes=rng.randint(5, 50))
            province, city = _demo_dest(rng)
            weight = rng.choice(("0.35", "0.8", "1.2", "1.75", "2.4", "3.05", "0.5", "5.6"))
            send_parcel(SendForm(waybill(rng.choice("7J")), _demo_name(rng), _demo_phone(rng),
                                 _demo_name(rng), _demo_phone(rng), province, city,
                                 rng.choice(settings.get("outgoing.item_types")), weight,
                                 rng.choices(Payment.METHODS, [30, 40, 25, 3, 2])[0], True),
                        actor=clerk, now=at)
        if back == 0:
            continue   # today's salesmen come back this afternoon
        # salesmen's collections in the afternoon, weighed, then dispatched into bags
        for s_index, salesman in enumerate(("陈建国", "刘晓东")):
            at = dt.datetime.combine(day, dt.time(16 + s_index, rng.randint(0, 40)))
            bag_no[0] += rng.randint(3, 30)
            bag = f"4{bag_no[0]:012d}"        # 13 digits: the default bag rule (极兔 4…, 13 位)
            batch = []
            for _ in range(rng.randint(4, 9)):
                province, city = _demo_dest(rng)
                declared = rng.randint(3, 60) * 50
                q = quote(province, city, declared)
                w = waybill()
                receive_collected(salesman, w, province=province, city=city,
                                  declared_weight=format_kg(declared),
                                  declared_fee=format_yuan(q.fee_fen),
                                  payment_method=rng.choices(("现金", "微信", "月结"), [5, 4, 1])[0],
                                  actor=clerk, now=at)
                checked = declared + (rng.choice((-1, 1)) * rng.randint(150, 600)
                                      if rng.random() < 0.08 else rng.randint(-40, 40))
                check_weight(w, max(10, checked), actor=clerk, now=at + dt.timedelta(minutes=1))
                batch.append(w)
                at += dt.timedelta(seconds=rng.randint(20, 90))
            for w in batch:
                at += dt.timedelta(seconds=rng.randint(5, 20))
                dispatch(w, bag, actor=clerk, now=at + dt.timedelta(minutes=10))
        # the counter sendings leave with the evening bag
        for p in list(OutgoingParcel.select().where(
                OutgoingParcel.source == OutgoingParcel.COUNTER,
                OutgoingParcel.dispatched_at.is_null())):
            dispatch(p.waybill, bag, actor=clerk,
                     now=dt.datetime.combine(day, dt.time(18, 30)))
    populate_tracking_demo(ctx)


def populate_tracking_demo(ctx) -> None:
    rng, now = ctx.rng, ctx.now
    actor = ctx.clerks[0] if ctx.clerks else ctx.system
    check_day = now.date() - dt.timedelta(days=1)
    end = window_end(check_day)
    start, _ = check_window(check_day, None)
    parcels = list(OutgoingParcel.select().where(OutgoingParcel.dispatched_at.is_null(False))
                   .order_by(OutgoingParcel.dispatched_at))
    in_window = [p for p in parcels if start <= p.dispatched_at <= end]
    trouble = {}
    if len(in_window) >= 2:
        picks = rng.sample(in_window, 2)
        trouble = {picks[0].waybill: "delay", picks[1].waybill: "loss"}
    rows = []
    for p in parcels:
        shipped = p.dispatched_at
        hub_name = _HUBS.get("浙江")
        dest_hub = _HUBS.get(p.province or "", f"{p.city or ''}分拨中心")
        hub_at = shipped + dt.timedelta(hours=rng.randint(3, 6))
        age = (now - shipped).total_seconds() / 3600
        fate = trouble.get(p.waybill)
        if fate == "loss":
            rows.append(TrackingRow(p.waybill, "到达分拨", hub_at, hub_name, hub_at, None))
        elif fate == "delay":
            last = shipped + dt.timedelta(hours=rng.randint(20, 30))
            rows.append(TrackingRow(p.waybill, "运输中", last, dest_hub, hub_at, None))
        elif age > 60 or (age > 20 and rng.random() < 0.6):
            signed = shipped + dt.timedelta(hours=rng.randint(18, min(56, max(19, int(age) - 1))))
            rows.append(TrackingRow(p.waybill, "已签收", signed, f"{p.city or ''}网点", hub_at,
                                    signed))
        elif age > 8:
            last = min(now - dt.timedelta(hours=1), hub_at + dt.timedelta(hours=rng.randint(6, 18)))
            rows.append(TrackingRow(p.waybill, "派送中" if age > 18 else "运输中", last,
                                    dest_hub, hub_at, None))
        else:
            rows.append(TrackingRow(p.waybill, "已发出", shipped, "本网点", None, None))
    if rows:
        apply_tracking(rows, actor=actor, now=now - dt.timedelta(hours=2))
    if trouble:
        run_three_day_check(actor=actor, now=dt.datetime.combine(check_day, dt.time(15, 10)),
                            query_day=check_day)


# -- demo -----------------------------------------------------------------------------------------
DEMO_ORDER = 71


def populate_eorders(ctx) -> None:
    clerk = ctx.clerks[0] if ctx.clerks else ctx.system
    now = ctx.now
    # yesterday's order, done
    y = enter_order("DD" + f"{now:%Y%m%d}0007", now - dt.timedelta(days=1, hours=-1), platform="极兔小程序",
                    customer_name="韩梅", customer_phone="13622228888", address="幸福小区 5 栋 301",
                    note="两件衣服", actor=clerk, now=now - dt.timedelta(days=1, hours=-1))
    accept(y.id, actor=clerk, now=y.arrived_at + dt.timedelta(minutes=12))
    collect(y.id, "JT" + f"{ctx.rng.randint(10**12, 10**13 - 1)}", actor=clerk,
            now=y.arrived_at + dt.timedelta(minutes=80))
    # one close to its accept limit (arrived 24 minutes ago), one accepted and waiting for collection
    enter_order("DD" + f"{now:%Y%m%d}0012", now - dt.timedelta(minutes=24), platform="中通快递 App",
                customer_name="杜鹏", customer_phone="18912340000", address="幸福路 120 号 2 单元 502",
                note="一箱书，约 8 公斤", actor=clerk, now=now - dt.timedelta(minutes=24))
    b = enter_order("DD" + f"{now:%Y%m%d}0015", now - dt.timedelta(minutes=15), platform="圆通小程序",
                    customer_name="沈雪", customer_phone="15700009999", address="阳光花园 3 栋 1102",
                    note="文件袋", actor=clerk, now=now - dt.timedelta(minutes=15))
    if b.accept_due > now - dt.timedelta(minutes=5):
        accept(b.id, actor=clerk, now=now - dt.timedelta(minutes=5))
