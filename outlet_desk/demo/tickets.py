"""The demo outlet's tickets: what ``outlet-desk demo`` puts in (data, not rules)."""
# zh-data: demo outlet data (names, addresses, notes)
from __future__ import annotations

import datetime as dt

from ..models import Parcel
from ..models.tickets import Ticket
from ..tickets.tickets import _md_hm, close, escalate, follow_up, list_tickets, open_ticket, promise_limit, reply, start

# -- demo ------------------------------------------------------------------------------------------
DEMO_ORDER = 70


_DEMO = [
    # (days ago, hour, source, category, title, customer, phone, closed?, rating)
    (26, 10, "crm", "延误", "客户催问包裹为何三天未派送", "刘晓明", "13912345678", True, "满意"),
    (24, 15, "counter", "破损", "到付件外包装破损，内物碎裂", "陈静", "13587654321", True, "一般"),
    (23, 9, "phone", "查询", "询问包裹是否到网点", "赵强", "15011112222", True, "满意"),
    (20, 11, "crm", "催件", "寄件人催派送", "孙丽娜", "18622223333", True, "满意"),
    (18, 14, "crm", "服务态度", "客户投诉取件时店员态度差", "周建国", "13700001111", True, "不满意"),
    (16, 16, "counter", "费用", "客户认为寄件费多收 5 元", "吴敏", "13612349876", True, "满意"),
    (13, 10, "crm", "丢失", "包裹显示已到网点但客户未收到", "郑海燕", "15988887777", True, "一般"),
    (11, 9, "phone", "延误", "生鲜件延误，客户要求尽快送达", "刘晓明", "13912345678", True, "满意"),
    (9, 17, "crm", "查询", "客户询问退回件进度", "王磊", "13355556666", True, "满意"),
    (7, 13, "crm", "催件", "电商客户批量催件", "何佳", "18866667777", True, "一般"),
    (5, 10, "counter", "延误", "包裹在网点滞留两天未通知", "陈静", "13587654321", False, None),
    (4, 15, "crm", "破损", "家电外箱破损，客户要求理赔", "黄志强", "13144445555", False, None),
    (3, 11, "phone", "催件", "客户急用药品催派送", "林芳", "17711112222", "follow_up", None),
    (2, 9, "crm", "丢失", "寄出包裹三天无物流更新", "郭伟", "15566667777", "replied", None),
    (1, 16, "crm", "查询", "客户询问取件码", "刘晓明", "13912345678", False, None),
    (0, 8, "counter", "服务态度", "客户反映电话通知不及时", "马丽", "13033334444", False, None),
]


def populate_tickets(ctx) -> None:
    rng = ctx.rng
    clerks = ctx.clerks or [ctx.system]
    parcels = list(Parcel.select(Parcel.waybill).order_by(Parcel.id).limit(40))
    prefixes = ["YT", "ZT", "JT", "SF", "YD", "ST"]
    for n, (ago, hour, source, cat, title, name, phone, closed, rating) in enumerate(_DEMO):
        at = (ctx.now - dt.timedelta(days=ago)).replace(hour=hour, minute=rng.randint(0, 59), second=0)
        if at > ctx.now:
            at = ctx.now - dt.timedelta(minutes=50)
        who = clerks[n % len(clerks)]
        if parcels and rng.random() < 0.6:
            waybill = parcels[rng.randrange(len(parcels))].waybill
        else:
            waybill = f"{rng.choice(prefixes)}{rng.randint(10**12, 10**13 - 1)}"
        crm = f"CRM{at:%Y%m%d}{rng.randint(1000, 9999)}" if source == "crm" else None
        info = open_ticket(cat, title, source=source, waybills=[waybill], customer_name=name,
                           customer_phone=phone, crm_number=crm, assignee_id=who.id,
                           detail=f"{name}来电/来访反映：{title}。", actor=who, now=at)
        if ago >= 1 or closed:
            start(info.id, actor=who, now=at + dt.timedelta(minutes=20))
        if closed:
            late = 50 if n in (4, 6) else 20   # two replied late: the overdue rate is not zero
            replied = at + dt.timedelta(hours=2 if late == 20 else late - 3)
            promise = min(replied + dt.timedelta(hours=6), promise_limit(Ticket.get_by_id(info.id), replied))
            reply(info.id, f"运单{waybill}已查明情况，{title}的原因已与相关人员核对清楚",
                  "网点已安排专人处理并电话告知客户处理结果", f"{_md_hm(promise)}前",
                  actor=who, now=replied)
            if closed is True or closed == "follow_up":
                follow_up(info.id, "电话回访，客户确认问题已解决" if closed is True else "已电话回访，客户表示等包裹送到再评价",
                          actor=who, now=at + dt.timedelta(hours=late - 2))
            if closed is True:
                close(info.id, rating, actor=who, now=at + dt.timedelta(hours=late))
    # a couple of tickets are overdue right now (the 5- and 4-day-old ones); escalate one
    open_rows = list_tickets(0, 50, now=ctx.now, status="open")
    late_rows = [r for r in open_rows if r.overdue(ctx.now)]
    if late_rows and ctx.manager:
        escalate(late_rows[0].id, "严重", "客户二次投诉，店长跟进", actor=ctx.manager, now=ctx.now - dt.timedelta(hours=1))
    # a claim for the damaged appliance, with a photo of the outer packing
    from ..tickets import claims
    from .inbound import _demo_photo
    dmg = [r for r in open_rows if r.category == "破损"]
    if dmg:
        at = ctx.now - dt.timedelta(days=1)
        c = claims.open_claim(dmg[0].id, actor=clerks[0], now=at)
        claims.set_item(c.id, "value_proof", True, "客户提供发票照片", actor=clerks[0], now=at)
        claims.attach_photo(c.id, "outer_photo", _demo_photo(7), actor=clerks[0], now=at)
        claims.update_claim(c.id, claim_number="LP" + f"{ctx.now:%Y%m%d}0042", amount_fen=45900,
                            actor=clerks[0], now=at)
