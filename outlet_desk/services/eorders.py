"""Electronic pickup orders (电子接单): accept within 30 minutes of arrival, collect within 2 hours
of accepting (both configurable).

**The clocks run in opening hours only** (``outlet.opening_hours``, ``outlet.open_weekdays``): an
order that arrives at 19:50 in a shop open 08:00–20:00 has 10 minutes today and the remaining 20
tomorrow, so it must be accepted by 08:20 the next opening day.  An order arriving before opening
starts its clock at opening time.  That is what a clerk expects: nobody can answer an order while
the shop is closed, and the carrier's platform pauses the outlet's clock outside business hours.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .. import audit, changes, tables
from ..db import insert_rows, rows_where_in, stored_row, write_tx
from ..errors import DomainError, NotFound, ValidationError
from ..i18n import N_
from ..models.eorders import EOrder
from ..models.outgoing import OutgoingParcel
from ..permissions import Actor, operation
from ..privacy import mask_name, mask_phone
from ..scan import normalize_scan
from ..settings import SettingSpec
from .outgoing import is_known_outgoing, waybill_rules
from .waybill import BagNumber, check_typed_waybill

SETTINGS = [
    SettingSpec("eorders.accept_minutes", 30, "E-order: accept within (minutes)", "电子接单响应时限（分钟）",
                kind="int", section="tickets", minimum=1, maximum=600),
    SettingSpec("eorders.collect_minutes", 120, "E-order: collect within (minutes of accepting)",
                "电子接单揽收时限（接单后分钟）", kind="int", section="tickets", minimum=1, maximum=1440),
    SettingSpec("eorders.warn_minutes", 10, "E-order: warn this many minutes before the limit",
                "电子接单到时前提醒（分钟）", kind="int", section="tickets", minimum=0, maximum=120),
]
STATUS_LABELS = {EOrder.WAITING: "待接单", EOrder.ACCEPTED: "待揽收", EOrder.COLLECTED: "已揽收",
                 EOrder.CANCELLED: "已取消"}
CHANGES = frozenset({changes.TICKETS})


# -- the clock ------------------------------------------------------------------------------------
def _opening():
    from .. import settings
    values = settings.get_many(["outlet.opening_hours", "outlet.open_weekdays"])
    try:
        a, b = values["outlet.opening_hours"].split("-")
        open_t = dt.datetime.strptime(a.strip(), "%H:%M").time()
        close_t = dt.datetime.strptime(b.strip(), "%H:%M").time()
    except ValueError:
        open_t, close_t = dt.time(8), dt.time(20)
    days = set(values["outlet.open_weekdays"] or [1, 2, 3, 4, 5, 6, 7])
    return open_t, close_t, days


def business_deadline(start: dt.datetime, minutes: int, *, opening=None) -> dt.datetime:
    """``start`` + ``minutes`` counted in opening hours only."""
    open_t, close_t, days = opening or _opening()
    left = dt.timedelta(minutes=minutes)
    cur = start
    for _ in range(400):  # never more than a year of closed days
        day_open = dt.datetime.combine(cur.date(), open_t)
        day_close = dt.datetime.combine(cur.date(), close_t)
        if cur.isoweekday() in days and cur < day_close:
            cur = max(cur, day_open)
            if cur + left <= day_close:
                return cur + left
            left -= day_close - cur
        cur = dt.datetime.combine(cur.date() + dt.timedelta(days=1), open_t)
    raise DomainError("营业时间设置有误：一年内没有营业日。")


def accept_due(arrived_at: dt.datetime) -> dt.datetime:
    from .. import settings
    return business_deadline(arrived_at, int(settings.get("eorders.accept_minutes")))


def collect_due(accepted_at: dt.datetime) -> dt.datetime:
    from .. import settings
    return business_deadline(accepted_at, int(settings.get("eorders.collect_minutes")))


# -- rows -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EOrderRow:
    id: int
    order_number: str
    platform: str
    arrived_at: dt.datetime
    customer: str                 # masked
    address: str
    note: str
    status: str
    accept_due: dt.datetime
    accepted_at: dt.datetime | None
    collect_due: dt.datetime | None
    collected_at: dt.datetime | None
    waybill: str | None
    outgoing_id: int | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def due(self) -> dt.datetime | None:
        """The deadline that matters now (accept while waiting, collect once accepted)."""
        if self.status == EOrder.WAITING:
            return self.accept_due
        if self.status == EOrder.ACCEPTED:
            return self.collect_due
        return None


def _row(o: EOrder) -> EOrderRow:
    who = " ".join(x for x in (mask_name(o.customer_name), mask_phone(o.customer_phone)) if x)
    return EOrderRow(o.id, o.order_number, o.platform, o.arrived_at, who, o.address, o.note, o.status,
                     o.accept_due, o.accepted_at, o.collect_due, o.collected_at, o.waybill, o.outgoing_id)


def list_orders(offset: int = 0, limit: int = 200, *, open_only: bool = False) -> list[EOrderRow]:
    q = EOrder.select()
    if open_only:
        q = q.where(EOrder.status.in_(EOrder.OPEN_STATUSES))
    is_open = EOrder.status.in_(EOrder.OPEN_STATUSES)
    q = q.order_by(is_open.desc(), EOrder.arrived_at.desc()).offset(offset).limit(limit)
    return [_row(o) for o in q]


@dataclass(frozen=True)
class Urgent:
    id: int
    order_number: str
    stage: str            # "accept" | "collect"
    due: dt.datetime
    late: bool


def urgent(now: dt.datetime) -> list[Urgent]:
    """Open orders within the warning window of their limit, or past it (for status bar + banner)."""
    from .. import settings
    warn = dt.timedelta(minutes=int(settings.get("eorders.warn_minutes")))
    out = []
    q = EOrder.select().where(
        ((EOrder.status == EOrder.WAITING) & (EOrder.accept_due <= now + warn))
        | ((EOrder.status == EOrder.ACCEPTED) & (EOrder.collect_due <= now + warn)))
    for o in q.order_by(EOrder.id):
        stage = "accept" if o.status == EOrder.WAITING else "collect"
        due = o.accept_due if stage == "accept" else o.collect_due
        out.append(Urgent(o.id, o.order_number, stage, due, now > due))
    return sorted(out, key=lambda u: u.due)


def _get(order_id: int) -> EOrder:
    o = EOrder.get_or_none(EOrder.id == order_id)
    if o is None:
        raise NotFound(f"没有编号为 {order_id} 的电子接单。")
    return o


# -- writes ---------------------------------------------------------------------------------------
@operation("eorder.enter", N_("登记电子接单"))
def enter_order(order_number: str, arrived_at: dt.datetime, *, platform: str = "", customer_name: str = "",
                customer_phone: str = "", address: str = "", note: str = "", actor: Actor,
                now: dt.datetime) -> EOrderRow:
    order_number = (order_number or "").strip().upper()
    if not order_number:
        raise ValidationError("请填写电子接单的订单号。")
    if arrived_at > now + dt.timedelta(minutes=5):
        raise ValidationError("订单到达时间不能晚于现在。")
    with write_tx():
        if EOrder.select().where(EOrder.order_number == order_number).exists():
            raise ValidationError(f"订单 {order_number} 已经登记过。")
        o = EOrder.create(order_number=order_number, platform=(platform or "").strip(), arrived_at=arrived_at,
                          customer_name=(customer_name or "").strip() or None,
                          customer_phone=(customer_phone or "").strip() or None,
                          address=(address or "").strip(), note=(note or "").strip(),
                          accept_due=accept_due(arrived_at), created_at=now, created_by=actor.id)
        if customer_name or customer_phone:
            audit.record(actor, "eorder.customer_data", entity="eorder", entity_id=o.id,
                         detail={"name": customer_name, "phone_tail": (customer_phone or "")[-4:]}, now=now)
    return _row(o)


@operation("eorder.accept", N_("电子接单接单"))
def accept(order_id: int, *, actor: Actor, now: dt.datetime) -> EOrderRow:
    with write_tx():
        o = _get(order_id)
        if o.status != EOrder.WAITING:
            raise DomainError(f"订单 {o.order_number} 已是“{STATUS_LABELS[o.status]}”。")
        o.status, o.accepted_at, o.accepted_by = EOrder.ACCEPTED, now, actor.id
        o.collect_due = collect_due(now)
        o.save()
    return _row(o)


@operation("eorder.collect", N_("电子接单揽收"))
def collect(order_id: int, waybill: str, *, actor: Actor, now: dt.datetime) -> EOrderRow:
    """Mark collected; the waybill links to the outgoing parcel when it is already entered."""
    waybill = normalize_scan(waybill or "")          # full-width "４…" folds like at intake
    if not waybill:
        raise ValidationError("请扫描或填写揽收件的运单号。")
    custom, bag_rules = waybill_rules()
    try:
        # the waybill field says it is a waybill: refused only when it fits a bag rule and no
        # carrier's format (the same rule as sending and intake), unless the outlet already has it
        check_typed_waybill(waybill, custom=custom, bag_rules=bag_rules)
    except BagNumber:
        if not is_known_outgoing(waybill):
            raise
    with write_tx():
        o = _get(order_id)
        if o.status != EOrder.ACCEPTED:
            raise DomainError(f"订单 {o.order_number} 是“{STATUS_LABELS[o.status]}”，先接单再揽收。"
                              if o.status == EOrder.WAITING else f"订单 {o.order_number} 已是“{STATUS_LABELS[o.status]}”。")
        op = OutgoingParcel.get_or_none(OutgoingParcel.waybill == waybill)
        outgoing_id = op.id if op else None
        o.status, o.collected_at, o.collected_by = EOrder.COLLECTED, now, actor.id
        o.waybill, o.outgoing = waybill, outgoing_id
        o.save()
    return _row(o)


@operation("eorder.cancel", N_("取消电子接单"))
def cancel(order_id: int, reason: str, *, actor: Actor, now: dt.datetime) -> EOrderRow:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请写明取消原因。")
    with write_tx():
        o = _get(order_id)
        if o.status not in EOrder.OPEN_STATUSES:
            raise DomainError(f"订单 {o.order_number} 已是“{STATUS_LABELS[o.status]}”。")
        o.status, o.note = EOrder.CANCELLED, (o.note + " · " if o.note else "") + "取消：" + reason
        o.save()
    return _row(o)


# -- import ---------------------------------------------------------------------------------------
#: Columns (CSV in UTF-8/GBK, or XLSX first sheet; read by :func:`outlet_desk.tables.read_table`):
#: 订单号, 到达时间 (required); 平台, 客户姓名, 客户电话, 地址, 备注
ORDER_COLUMNS = {"order_number": ("订单号",), "arrived_at": ("到达时间",), "platform": ("平台",),
                 "customer_name": ("客户姓名",), "customer_phone": ("客户电话",), "address": ("地址",),
                 "note": ("备注",)}


def parse_orders_csv(path: Path) -> list[dict]:
    table = tables.read_table(path)
    idx = table.columns(ORDER_COLUMNS, ("order_number", "arrived_at"), missing="表头应含 订单号、到达时间。")
    out, seen = [], set()
    for n, r in table.rows:
        rec = {k: (r[i] if i < len(r) else "") for k, i in idx.items()}
        if not rec["order_number"]:
            raise ValidationError(f"第 {n} 行：订单号为空。")
        if rec["order_number"] in seen:
            raise ValidationError(f"第 {n} 行：订单号 {rec['order_number']} 在文件里重复。")
        seen.add(rec["order_number"])
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"):
            try:
                rec["arrived_at"] = dt.datetime.strptime(rec["arrived_at"], fmt)
                break
            except ValueError:
                continue
        else:
            raise ValidationError(f"第 {n} 行：到达时间“{rec['arrived_at']}”格式不对（应为 2026-06-08 09:30）。")
        rec["line"] = n
        out.append(rec)
    return out


@operation("eorder.import", N_("导入电子接单"))
def import_orders(path, *, actor: Actor, now: dt.datetime) -> tuple[int, tuple[str, ...]]:
    """All lines or none; an order number already registered is skipped.  Returns (created, skipped).

    The orders (what :func:`enter_order` writes for one, with its customer-data audit row) are
    prepared before the write transaction, which only inserts them in bulk: a long file never
    holds the database long enough to make a scan wait."""
    records = parse_orders_csv(Path(path))
    prepared, seen = [], set()
    for rec in records:
        number = rec["order_number"].upper()
        if rec["arrived_at"] > now + dt.timedelta(minutes=5):
            raise ValidationError(f"第 {rec['line']} 行：订单到达时间不能晚于现在。")
        name, phone = rec.get("customer_name") or None, rec.get("customer_phone") or None
        row = stored_row(EOrder, order_number=number, platform=rec.get("platform", ""),
                         arrived_at=rec["arrived_at"], customer_name=name, customer_phone=phone,
                         address=rec.get("address", ""), note=rec.get("note", ""),
                         accept_due=accept_due(rec["arrived_at"]), created_at=now, created_by=actor.id)
        prepared.append((rec["order_number"], number in seen, row))
        seen.add(number)
    numbers = sorted(seen)
    with write_tx():
        existing = {n for (n,) in rows_where_in(EOrder.order_number, numbers)}
        skipped = [orig for orig, again, row in prepared if again or row["order_number"] in existing]
        new = [row for orig, again, row in prepared if not again and row["order_number"] not in existing]
        insert_rows(EOrder, new)
        ids = dict(rows_where_in(EOrder.order_number, [row["order_number"] for row in new
                                                       if row["customer_name"] or row["customer_phone"]],
                                 EOrder.id))
        audit.record_many(actor, [
            {"action": "eorder.customer_data", "entity": "eorder", "entity_id": ids[row["order_number"]],
             "detail": {"name": row["customer_name"], "phone_tail": (row["customer_phone"] or "")[-4:]}}
            for row in new if row["customer_name"] or row["customer_phone"]], now=now)
    return len(new), tuple(skipped)


# -- demo -----------------------------------------------------------------------------------------
DEMO_ORDER = 71


def populate_demo(ctx) -> None:
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
