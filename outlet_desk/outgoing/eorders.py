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

from .. import audit, changes, settings, tables
from ..db import insert_rows, rows_where_in, stored_row, write_tx
from ..errors import DomainError, NotFound, ValidationError
from ..i18n import N_, _
from ..models.eorders import EOrder
from ..models.outgoing import OutgoingParcel
from ..permissions import Actor, operation
from ..privacy import mask_name, mask_phone
from ..scan import normalize_scan
from ..settings import SettingSpec
from ..waybill import BagNumber, check_typed_waybill
from .outgoing import is_known_outgoing, waybill_rules

SETTINGS = [
    SettingSpec("eorders.accept_minutes", 30, "E-order: accept within (minutes)",
                N_("电子接单响应时限（分钟）"),
                kind="int", section="tickets", minimum=1, maximum=600),
    SettingSpec("eorders.collect_minutes", 120, "E-order: collect within (minutes of accepting)",
                N_("电子接单揽收时限（接单后分钟）"), kind="int", section="tickets", minimum=1, maximum=1440),
    SettingSpec("eorders.warn_minutes", 10, "E-order: warn this many minutes before the limit",
                N_("电子接单到时前提醒（分钟）"), kind="int", section="tickets", minimum=0, maximum=120),
]
#: the words shown for the stored statuses (translate with ``_()`` where shown: :func:`status_label`)
STATUS_LABELS = {EOrder.WAITING: N_("待接单"), EOrder.ACCEPTED: N_("待揽收"), EOrder.COLLECTED: N_("已揽收"),
                 EOrder.CANCELLED: N_("已取消")}
CHANGES = frozenset({changes.TICKETS})


def status_label(status: str) -> str:
    """The word for an order's status, in the person's language."""
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else status


# -- the clock ------------------------------------------------------------------------------------
def _opening():
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
    for _day in range(400):  # never more than a year of closed days
        day_open = dt.datetime.combine(cur.date(), open_t)
        day_close = dt.datetime.combine(cur.date(), close_t)
        if cur.isoweekday() in days and cur < day_close:
            cur = max(cur, day_open)
            if cur + left <= day_close:
                return cur + left
            left -= day_close - cur
        cur = dt.datetime.combine(cur.date() + dt.timedelta(days=1), open_t)
    raise DomainError(_("营业时间设置有误：一年内没有营业日。"))


def accept_due(arrived_at: dt.datetime) -> dt.datetime:
    return business_deadline(arrived_at, int(settings.get("eorders.accept_minutes")))


def collect_due(accepted_at: dt.datetime) -> dt.datetime:
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
        return status_label(self.status)

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
        raise NotFound(_("没有编号为 {id} 的电子接单。").format(id=order_id))
    return o


# -- writes ---------------------------------------------------------------------------------------
@operation("eorder.enter", N_("登记电子接单"))
def enter_order(order_number: str, arrived_at: dt.datetime, *, platform: str = "", customer_name: str = "",
                customer_phone: str = "", address: str = "", note: str = "", actor: Actor,
                now: dt.datetime) -> EOrderRow:
    order_number = (order_number or "").strip().upper()
    if not order_number:
        raise ValidationError(_("请填写电子接单的订单号。"))
    if arrived_at > now + dt.timedelta(minutes=5):
        raise ValidationError(_("订单到达时间不能晚于现在。"))
    with write_tx():
        if EOrder.select().where(EOrder.order_number == order_number).exists():
            raise ValidationError(_("订单 {number} 已经登记过。").format(number=order_number))
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
            raise DomainError(_("订单 {number} 已是“{status}”。").format(
                number=o.order_number, status=status_label(o.status)))
        o.status, o.accepted_at, o.accepted_by = EOrder.ACCEPTED, now, actor.id
        o.collect_due = collect_due(now)
        o.save()
    return _row(o)


@operation("eorder.collect", N_("电子接单揽收"))
def collect(order_id: int, waybill: str, *, actor: Actor, now: dt.datetime) -> EOrderRow:
    """Mark collected; the waybill links to the outgoing parcel when it is already entered."""
    waybill = normalize_scan(waybill or "")          # full-width "４…" folds like at intake
    if not waybill:
        raise ValidationError(_("请扫描或填写揽收件的运单号。"))
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
            refusal = (_("订单 {number} 是“{status}”，先接单再揽收。") if o.status == EOrder.WAITING
                       else _("订单 {number} 已是“{status}”。"))
            raise DomainError(refusal.format(number=o.order_number, status=status_label(o.status)))
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
        raise ValidationError(_("请写明取消原因。"))
    with write_tx():
        o = _get(order_id)
        if o.status not in EOrder.OPEN_STATUSES:
            raise DomainError(_("订单 {number} 已是“{status}”。").format(
                number=o.order_number, status=status_label(o.status)))
        o.status, o.note = (EOrder.CANCELLED,
                            (o.note + " · " if o.note else "") + _("取消：{reason}").format(reason=reason))
        o.save()
    return _row(o)


# -- import ---------------------------------------------------------------------------------------
#: Columns (CSV in UTF-8/GBK, or XLSX first sheet; read by :func:`outlet_desk.tables.read_table`):
#: 订单号, 到达时间 (required); 平台, 客户姓名, 客户电话, 地址, 备注
ORDER_COLUMNS = {"order_number": ("订单号",),  # zh-data: the column names of the platform's export
                 "arrived_at": ("到达时间",), "platform": ("平台",),
                 "customer_name": ("客户姓名",), "customer_phone": ("客户电话",), "address": ("地址",),
                 "note": ("备注",)}


ORDER_REQUIRED_NAMES = "订单号、到达时间"  # zh-data: the required columns' names


def parse_orders_csv(path: Path) -> list[dict]:
    table = tables.read_table(path)
    idx = table.columns(ORDER_COLUMNS, ("order_number", "arrived_at"),
                        missing=_("表头应含 {columns}。").format(columns=ORDER_REQUIRED_NAMES))
    out, seen = [], set()
    for n, r in table.rows:
        rec = {k: (r[i] if i < len(r) else "") for k, i in idx.items()}
        if not rec["order_number"]:
            raise ValidationError(_("第 {n} 行：订单号为空。").format(n=n))
        if rec["order_number"] in seen:
            raise ValidationError(_("第 {n} 行：订单号 {number} 在文件里重复。").format(
                n=n, number=rec["order_number"]))
        seen.add(rec["order_number"])
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"):
            try:
                rec["arrived_at"] = dt.datetime.strptime(rec["arrived_at"], fmt)
                break
            except ValueError:
                continue
        else:
            raise ValidationError(_("第 {n} 行：到达时间“{value}”格式不对（应为 2026-06-08 09:30）。").format(
                n=n, value=rec["arrived_at"]))
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
            raise ValidationError(_("第 {n} 行：订单到达时间不能晚于现在。").format(n=rec["line"]))
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
