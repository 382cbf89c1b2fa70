"""The demo outlet's inbound: what ``outlet-desk demo`` puts in (data, not rules)."""
# zh-data: demo outlet data (names, addresses, notes)
from __future__ import annotations

import csv
import datetime as dt
import io

from .. import settings as settings_mod
from .. import waybill as waybill_mod
from ..db import write_tx
from ..inbound import problems
from ..inbound.intake import (
    _FAMILY,
    _GIVEN,
    _INTAKE_KEYS,
    _SHELF_KEYS,
    CATEGORY_LABELS,
    _digits,
    _format_code,
    assign_code,
    import_manifest,
    receive_parcel,
)
from ..inbound.notify import _groups, record_outcome
from ..inbound.returns import add_photo, confirm_label, dispatch, start_return
from ..inbound.stockcheck import finish, fix_put_back, report, scan, start
from ..models import Parcel, ParcelEvent
from ..models.counter import NotifyLog, StockCheckItem
from ..models.intake import LabelPrint, ManifestBatch, ManifestLine
from ..models.problems import ProblemRecord
from ..models.returns import ReturnRecord
from ..privacy import phone_tail

# ---------------------------------------------------------------------------------------------
# demo
DEMO_ORDER = 10


_DEMO_CARRIERS = (("中通", 25), ("圆通", 15), ("韵达", 14), ("极兔", 15), ("申通", 10), ("顺丰", 9),
                  ("京东", 5), ("EMS", 4), ("德邦", 3))


def demo_waybill(rng, carrier: str) -> str:
    """A real-format number for ``carrier`` (bare numbers never start with 4: the demo's scans are
    taken in without the possible-bag hold)."""
    if carrier == "中通":
        return "7" + rng.choice("358") + _digits(rng, 12)
    if carrier == "韵达":
        return rng.choice(("31", "33", "35")) + _digits(rng, 11)
    if carrier == "申通":
        return "773" + _digits(rng, 12)
    if carrier == "圆通":
        return "YT" + rng.choice(("75", "88", "23")) + _digits(rng, 11)
    if carrier == "极兔":
        return "JT" + rng.choice(("000", "001", "003")) + _digits(rng, 10)
    if carrier == "顺丰":
        return "SF" + rng.choice(("14", "13", "15")) + _digits(rng, 11)
    if carrier == "京东":
        return rng.choice(("JDVA", "JDVB", "JD")) + _digits(rng, 11 if rng.random() < .7 else 13)
    if carrier == "德邦":
        return "DPK36" + _digits(rng, 10)
    if carrier == "EMS":
        if rng.random() < 0.5:
            serial = _digits(rng, 8)
            return "E" + rng.choice("ABCM") + serial + str(waybill_mod.s10_check_digit(serial)) + "CN"
        return rng.choice(("11", "98", "50")) + _digits(rng, 11)
    raise ValueError(carrier)


def _demo_people(rng, n: int) -> list[tuple[str, str]]:
    people = []
    for _ in range(n):
        name = rng.choice(_FAMILY) + rng.choice(_GIVEN)
        phone = "1" + rng.choice("35789") + rng.choice("0123456789") + _digits(rng, 8)
        people.append((name, phone))
    return people


def populate_intake(ctx) -> None:
    """14 days of history (bulk inserted, statuses sensible) and this morning's arrivals taken in
    through :func:`import_manifest` and :func:`receive_parcel`."""
    rng = ctx.rng
    now = ctx.now
    clerks = ctx.clerks or [ctx.system]
    people = _demo_people(rng, 900)
    regulars = people[:60]          # customers with several parcels
    carriers, weights = zip(*_DEMO_CARRIERS)
    used: set[str] = set()
    storage = int(settings_mod.get("storage.days"))
    cfg = settings_mod.get_many(_INTAKE_KEYS + _SHELF_KEYS)

    def new_waybill(carrier):
        while True:
            wb = demo_waybill(rng, carrier)
            if wb not in used:
                used.add(wb)
                return wb

    parcels, events, manifest_rows, in_stock_pickup = [], [], [], []
    problems = []
    today = now.date()
    for days_ago in range(14, 0, -1):
        day = today - dt.timedelta(days=days_ago)
        n = rng.randint(100, 180)
        for _ in range(n):
            carrier = rng.choices(carriers, weights)[0]
            wb = new_waybill(carrier)
            arrived = dt.datetime.combine(day, dt.time(8, 0)) + dt.timedelta(
                minutes=rng.randint(0, 200) if rng.random() < .85 else rng.randint(300, 600))
            clerk = rng.choice(clerks)
            r = rng.random()
            category = (Parcel.PICKUP if r < .70 else Parcel.DELIVERY if r < .88
                        else Parcel.TOWNSHIP if r < .99 else Parcel.PROBLEM)
            matched = rng.random() < .94
            name, phone = (rng.choice(regulars) if rng.random() < .2 else rng.choice(people)) \
                if matched else (None, None)
            row = dict(waybill=wb, carrier=carrier, category=category, status=Parcel.IN_STOCK,
                       problem=False, recipient_name=name, recipient_phone=phone,
                       phone_tail=phone_tail(phone) or None, manifest_matched=matched,
                       arrived_at=arrived, arrived_by=clerk.id, updated_at=arrived, courier=None,
                       route=None, shelf=None, level=None, pickup_code=None, released_at=None,
                       released_by=None, signer_type=None, collector_name=None, signed_at=None)
            ev = [(ParcelEvent.ARRIVED, arrived, clerk.id, CATEGORY_LABELS[category])]
            if matched:
                manifest_rows.append((day, wb, carrier, name, phone))
            if category == Parcel.PICKUP:
                p_release = 0.985 if days_ago > storage else min(.95, .45 + .08 * days_ago)
                if rng.random() < p_release:
                    shelf = rng.choice(cfg["shelves.names"])
                    level = rng.randint(1, cfg["shelves.levels"])
                    out_at = min(arrived + dt.timedelta(hours=rng.choice((1, 3, 6, 9, 26, 30, 50, 75))),
                                 now - dt.timedelta(hours=1))
                    who = rng.choice(clerks)
                    proxy = rng.random() < .12
                    row.update(status=Parcel.RELEASED, shelf=shelf, level=level,
                               pickup_code=_format_code(cfg["pickup.code_format"], shelf, level,
                                                        wb, 0), released_at=out_at,
                               released_by=who.id, signer_type="代收" if proxy else "本人",
                               collector_name=(rng.choice(_FAMILY) + rng.choice(_GIVEN)) if proxy else None,
                               updated_at=out_at)
                    ev.append((ParcelEvent.RELEASED, out_at, who.id, "代取" if proxy else "本人"))
                    if out_at.date() < today - dt.timedelta(days=0) and rng.random() < .93:
                        signed = dt.datetime.combine(out_at.date(), dt.time(13, rng.randint(0, 55)))
                        signed = max(signed, out_at + dt.timedelta(minutes=5))
                        row["signed_at"] = signed
                        ev.append((ParcelEvent.SIGNED, signed, who.id, row["signer_type"]))
                else:
                    in_stock_pickup.append(wb)
            elif category in (Parcel.DELIVERY, Parcel.TOWNSHIP):
                if category == Parcel.DELIVERY:
                    row["courier"] = rng.choice(cfg["intake.couriers"])
                else:
                    row["route"] = rng.choice(cfg["intake.routes"])
                out = arrived + dt.timedelta(minutes=rng.randint(20, 90))
                ev.append((ParcelEvent.OUT_FOR_DELIVERY, out, clerk.id, row["courier"] or row["route"]))
                if days_ago == 1 and rng.random() < .3:
                    row.update(status=Parcel.OUT_FOR_DELIVERY, updated_at=out)
                else:
                    done = out + dt.timedelta(hours=rng.randint(1, 7))
                    signer = rng.choice(("本人", "本人", "本人", "家人", "门卫"))
                    row.update(status=Parcel.DELIVERED, released_at=done, signer_type=signer,
                               updated_at=done, signed_at=done + dt.timedelta(minutes=30)
                               if rng.random() < .95 else None)
                    ev.append((ParcelEvent.DELIVERED, done, None, signer))
                    if row["signed_at"]:
                        ev.append((ParcelEvent.SIGNED, row["signed_at"], clerk.id, signer))
            else:  # registered as a problem parcel at intake
                row["problem"] = True
                reason = rng.choice(("破损", "地址不详", "错分"))
                problems.append((wb, reason, arrived, clerk.id))
                ev.append((ParcelEvent.PROBLEM_OPENED, arrived, clerk.id, f"{reason} 到件时登记"))
            parcels.append(row)
            events.append((wb, ev))

    with write_tx():
        for i in range(0, len(parcels), 300):
            Parcel.insert_many(parcels[i:i + 300]).execute()
        ids = dict(Parcel.select(Parcel.waybill, Parcel.id).tuples())
        rows = [{"parcel": ids[wb], "at": at, "kind": kind, "staff": staff, "detail": detail}
                for wb, evs in events for kind, at, staff, detail in evs]
        for i in range(0, len(rows), 500):
            ParcelEvent.insert_many(rows[i:i + 500]).execute()
        for wb, reason, at, staff in problems:
            ProblemRecord.create(parcel=ids[wb], reason=reason, note="到件时发现", opened_at=at,
                                 opened_by=staff)
        # one manifest per day, as the carrier's system would send it
        by_day: dict = {}
        for day, wb, carrier, name, phone in manifest_rows:
            by_day.setdefault(day, []).append((wb, carrier, name, phone))
        for day, lines in sorted(by_day.items()):
            at = dt.datetime.combine(day, dt.time(7, 40))
            batch = ManifestBatch.create(filename=f"到件清单-{day:%Y%m%d}.csv", sha256="demo",
                                         carrier=None, lines=len(lines), imported_at=at,
                                         imported_by=clerks[0].id)
            data = [{"batch": batch.id, "line_no": k + 2, "waybill": wb, "carrier": c,
                     "recipient_name": nm, "recipient_phone": ph, "matched": True}
                    for k, (wb, c, nm, ph) in enumerate(lines)]
            for i in range(0, len(data), 300):
                ManifestLine.insert_many(data[i:i + 300]).execute()
        # parcels still on the shelf hold real, unique codes (through the code rule)
        for wb in in_stock_pickup:
            assign_code(ids[wb], now=now - dt.timedelta(days=1), cfg=cfg)
        LabelPrint.insert_many([{"parcel": ids[wb], "printed_at": now - dt.timedelta(days=1),
                                 "staff": clerks[0].id} for wb in in_stock_pickup]).execute()

    # this morning: the manifest arrives, then the clerk scans the parcels in
    start = now - dt.timedelta(minutes=75)
    todays = []
    for k in range(48):
        carrier = rng.choices(carriers, weights)[0]
        name, phone = rng.choice(regulars) if rng.random() < .25 else rng.choice(people)
        todays.append((new_waybill(carrier), carrier, name, phone))
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["运单号", "快递公司", "收件人", "电话", "地址"])
    for wb, carrier, name, phone in todays:
        w.writerow([wb, carrier, name, phone, f"幸福小区 {rng.randint(1, 28)} 栋 {rng.randint(1, 6)}0{rng.randint(1, 4)}"])
    import_manifest(buf.getvalue().encode("utf-8-sig"), filename=f"到件清单-{today:%Y%m%d}.csv",
                    actor=clerks[0], now=start - dt.timedelta(minutes=10))
    scanned = todays[:40] + [(new_waybill("中通"), "中通", None, None),
                             (new_waybill("圆通"), "圆通", None, None)]
    for k, (wb, carrier, _n, _p) in enumerate(scanned):
        r = rng.random()
        category = Parcel.PICKUP if r < .72 else Parcel.DELIVERY if r < .9 else Parcel.TOWNSHIP
        at = start + dt.timedelta(seconds=20 * k + rng.randint(0, 15))
        receive_parcel(wb, category=category, carrier=carrier, actor=clerks[k % len(clerks)], now=at)


# -- demo -------------------------------------------------------------------------------------
DEMO_ORDER = 30


def populate_notify(ctx) -> None:
    """Work part of the call list the demo parcels make: most customers told, some not answering.

    Copes with whatever parcels the intake demo made (none → nothing)."""
    if not ctx.clerks:
        return
    clerk = ctx.clerks[-1]            # post B phones the customers
    groups = _groups(ctx.now)
    if not groups:
        return
    rng = ctx.rng
    for i, group in enumerate(groups):
        roll = rng.random()
        at = ctx.now - dt.timedelta(minutes=5 * (len(groups) - i) + 1)
        at = max(at, max(p.arrived_at for p in group.parcels))
        if roll < 0.55:
            record_outcome(group.parcel_ids, NotifyLog.NOTIFIED, actor=clerk, now=at)
        elif roll < 0.75:
            record_outcome(group.parcel_ids, NotifyLog.NO_ANSWER, actor=clerk, now=at)


# -- demo ---------------------------------------------------------------------------------------
DEMO_ORDER = 31


def populate_stockcheck(ctx) -> None:
    """A finished whole-outlet check yesterday evening: everything found but one parcel on the
    wrong shelf (fixed).  Nothing if the demo has no shelved parcels from before yesterday."""
    if not ctx.clerks:
        return
    at = dt.datetime.combine(ctx.now.date() - dt.timedelta(days=1), dt.time(19, 30))
    parcels = list(Parcel.select().where(Parcel.status.in_(Parcel.AT_OUTLET)
                                         & Parcel.shelf.is_null(False)
                                         & (Parcel.arrived_at <= at))
                   .order_by(Parcel.shelf, Parcel.level, Parcel.id))
    if not parcels:
        return
    clerk = ctx.clerks[0]
    info = start(None, actor=clerk, now=at)
    t = at
    odd = parcels[len(parcels) // 2] if len(parcels) > 3 else None
    for p in parcels:
        t += dt.timedelta(seconds=2)
        if odd is not None and p.id == odd.id:
            other = next((q.shelf for q in parcels if q.shelf != p.shelf), None)
            if other:
                scan(info.id, p.waybill, shelf=other, level=None, actor=clerk, now=t)
                continue
        scan(info.id, p.waybill, shelf=p.shelf, level=p.level, actor=clerk, now=t)
    done = finish(info.id, actor=clerk, now=t + dt.timedelta(minutes=1))
    for row in report(done.id):
        if row.kind == StockCheckItem.MISPLACED:
            fix_put_back(row.id, actor=clerk, now=t + dt.timedelta(minutes=3))


def _demo_photo(text_seed: int) -> bytes:
    """A simple picture of a parcel with a red label (Pillow, no camera needed)."""
    import io

    from PIL import Image, ImageDraw
    img = Image.new("RGB", (1600, 1200), (214, 222, 230))
    d = ImageDraw.Draw(img)
    d.rectangle((260, 240, 1340, 1000), fill=(196, 154, 108), outline=(120, 86, 50), width=12)
    d.line((260, 620, 1340, 620), fill=(160, 120, 80), width=30)
    d.rectangle((700, 330, 1180, 560), fill=(210, 30, 40))
    d.rectangle((330, 700, 640, 900), fill=(250, 250, 250))
    for i in range(14):
        x = 350 + i * 20 + (text_seed % 5)
        d.rectangle((x, 760, x + 8, 860), fill=(20, 20, 20))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


_DEMO_NAMES = ["王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰", "吴敏",
               "徐强", "孙悦", "胡军", "朱琳", "高鹏", "林婷", "何勇", "郭芳", "马超", "罗兰"]


def _ensure_demo_parcels(ctx, wanted: int = 30) -> None:
    """Intake's demo (order 10) makes the parcels.  Run alone (no intake yet), make a shelf's worth
    directly so the screens have something to show."""
    have = Parcel.select().where((Parcel.status == Parcel.IN_STOCK) & (Parcel.category == Parcel.PICKUP)
                                 & (~Parcel.problem)).count()
    if have >= wanted:
        return
    rng = ctx.rng
    carriers = (("中通", lambda: "7" + "".join(str(rng.randint(0, 9)) for _ in range(13))),
                ("圆通", lambda: "YT" + "".join(str(rng.randint(0, 9)) for _ in range(13))),
                ("极兔", lambda: "JT" + "".join(str(rng.randint(0, 9)) for _ in range(13))),
                ("韵达", lambda: "31" + "".join(str(rng.randint(0, 9)) for _ in range(11))),
                ("顺丰", lambda: "SF" + "".join(str(rng.randint(0, 9)) for _ in range(13))))
    for i in range(wanted - have):
        carrier, make = carriers[i % len(carriers)]
        wb = make()
        days = i % 11
        at = dt.datetime.combine(ctx.now.date() - dt.timedelta(days=days), dt.time(8, 10)) \
            + dt.timedelta(minutes=rng.randint(0, 120))
        at = min(at, ctx.now - dt.timedelta(hours=1, minutes=i))
        phone = "13" + "".join(str(rng.randint(0, 9)) for _ in range(9))
        shelf, level = str(1 + i % 4), 1 + i % 3
        who = ctx.clerks[i % 2]
        p = Parcel.create(waybill=wb, carrier=carrier, category=Parcel.PICKUP, status=Parcel.IN_STOCK,
                          shelf=shelf, level=level, pickup_code=f"{shelf}-{level}-{wb[-4:]}",
                          recipient_name=_DEMO_NAMES[i % len(_DEMO_NAMES)], recipient_phone=phone,
                          phone_tail=phone_tail(phone), arrived_at=at, arrived_by=who.id,
                          updated_at=at)
        ParcelEvent.create(parcel=p, at=at, kind=ParcelEvent.ARRIVED, staff=who.id, detail="自取")


def populate_returns(ctx) -> None:
    """A few problem parcels, returns/forwards in progress (one with a photo), one dispatched,
    a reminder and an extension on the overdue list."""
    from ..inbound import overdue

    _ensure_demo_parcels(ctx)
    clerk_a, clerk_b = ctx.clerks[0], ctx.clerks[1]
    now = ctx.now
    today0 = dt.datetime.combine(now.date(), dt.time())
    rng = ctx.rng
    base = Parcel.select().where((Parcel.status == Parcel.IN_STOCK) & (~Parcel.problem)
                                 & (Parcel.arrived_at < now))
    recent = list(base.where(Parcel.arrived_at >= today0 - dt.timedelta(days=2))
                  .order_by(Parcel.arrived_at.desc(), Parcel.id).limit(30))
    older = list(base.where((Parcel.arrived_at < today0 - dt.timedelta(days=2))
                            & (Parcel.category == Parcel.PICKUP))
                 .order_by(Parcel.arrived_at, Parcel.id).limit(30))
    used: set[int] = set()

    def take(pool):
        for p in pool:
            if p.id not in used:
                used.add(p.id)
                return p
        return None

    # problem parcels: registered this morning and yesterday
    for reason, note, who, hours in (("停机", "电话提示已停机，明天再打", clerk_a, 20),
                                     ("拒收", "收件人说没有买过", clerk_b, 5),
                                     ("地址不详", "面单只写了幸福小区，没有楼号", clerk_a, 2),
                                     ("破损", "外箱一角压扁，内物未检查", clerk_b, 1)):
        p = take(recent) or take(older)
        if p is None:
            break
        at = max(now - dt.timedelta(hours=hours), p.arrived_at + dt.timedelta(minutes=20))
        problems.open_problem(p.id, reason, note, actor=who, now=min(at, now))

    t = now - dt.timedelta(hours=2)
    # a refused parcel going back, label and photo done: ready to dispatch
    p = take(recent) or take(older)
    if p is not None:
        info = start_return(parcel_id=p.id, kind=ReturnRecord.RETURN, reason="拒收",
                            note="收件人当面拒收", sender_name="杭州优品电商",
                            sender_phone="0571-86661234", actor=clerk_a, now=t, home=ctx.home)
        confirm_label(info.id, actor=clerk_a, now=t + dt.timedelta(minutes=4), home=ctx.home)
        add_photo(info.id, _demo_photo(1), actor=clerk_a, now=t + dt.timedelta(minutes=5),
                  home=ctx.home)
    # a mis-sorted parcel to forward: nothing ticked yet
    p = take(recent) or take(older)
    if p is not None:
        start_return(parcel_id=p.id, kind=ReturnRecord.FORWARD, reason="错分",
                     note="面单写的是城东网点", dest_code="805", dest_name="城东快递网点",
                     actor=clerk_b, now=t + dt.timedelta(minutes=30), home=ctx.home)
    # a customer's return scanned at the counter, never in stock
    wb = "JT" + "".join(str(rng.randint(0, 9)) for _ in range(13))
    start_return(wb, kind=ReturnRecord.RETURN, reason="其他", note="客户退货，自带包裹到店",
                 customer_own=True, sender_name="李女士", sender_phone="13905712345", actor=clerk_b,
                 now=now - dt.timedelta(minutes=40), home=ctx.home)
    # an overdue parcel sent back yesterday
    p = take(older)
    if p is not None:
        y = max(now - dt.timedelta(days=1, hours=2), p.arrived_at + dt.timedelta(hours=1))
        info = start_return(parcel_id=p.id, kind=ReturnRecord.RETURN, reason="超期未取",
                            note="超过保管期，电话无人接", sender_name="深圳数码专营店", source="overdue",
                            actor=clerk_a, now=y, home=ctx.home)
        confirm_label(info.id, actor=clerk_a, now=y + dt.timedelta(minutes=2), home=ctx.home)
        add_photo(info.id, _demo_photo(2), actor=clerk_a, now=y + dt.timedelta(minutes=3),
                  home=ctx.home)
        dispatch(info.waybill, actor=clerk_a, now=y + dt.timedelta(minutes=30), home=ctx.home)
        # yesterday's record has long been uploaded by the worker
        from ..models import Outbox
        Outbox.update(status=Outbox.SENT, sent_at=y + dt.timedelta(minutes=35), attempts=1).where(
            Outbox.key == f"return_dispatch:{info.id}").execute()
    # the overdue list: one reminded again yesterday, one extended
    rows = overdue.overdue_list(now=now)
    if rows:
        overdue.remind_again([rows[-1].parcel_id], actor=clerk_b, now=now - dt.timedelta(hours=20))
    if len(rows) > 2:
        overdue.extend([rows[1].parcel_id], 3, "顾客出差，周末来取", actor=clerk_a,
                       now=now - dt.timedelta(hours=18))
