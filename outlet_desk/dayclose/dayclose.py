"""End of day: the ledger (日结/对账), the cash count, both clerks' confirmation, the manager's close,
and later adjustments.

The ledger is read from the shared tables written by the other capabilities (see docs/dayclose.md):

* parcel movements — :class:`~outlet_desk.models.ParcelEvent` rows;
* money — :class:`~outlet_desk.models.money.Payment` rows;
* outgoing parcels — :class:`~outlet_desk.models.outgoing.OutgoingParcel` rows;
* sign-off upload — :class:`~outlet_desk.models.Outbox` rows of kind ``signoff``.

**Where a parcel is.**  Only the *location events* ARRIVED, OUT_FOR_DELIVERY, DELIVERED, RELEASED,
RETURNED and FORWARDED move a parcel.  After ARRIVED a parcel is *at the outlet* (on a shelf, in the
delivery pile, on the problem shelf, waiting to be returned/forwarded); after any of the others it is
*away*.  A movement is an event that changes that state: ARRIVED while away is an arrival (a parcel
back from a failed delivery is scanned in again); RELEASED / OUT_FOR_DELIVERY / DELIVERED /
RETURNED / FORWARDED while at the outlet move it out.  Events that do not change the state (DELIVERED
after OUT_FOR_DELIVERY, a repeated ARRIVED) are not movements.  So, exactly::

    opening + arrivals − picked_up − delivered − returned − forwarded = closing

where *delivered* counts parcels handed to a courier (OUT_FOR_DELIVERY) or reported delivered
straight from the outlet, and *opening* is the number at the outlet at the end of the previous day.
All of it comes out of ONE grouped SQL query (a window function over each parcel's events).
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field, replace

from peewee import SQL, Case, fn

from .. import audit, businessday, changes, duty_events, settings
from ..businessday import ensure_open
from ..dates import md
from ..db import write_tx
from ..errors import ValidationError
from ..fen import format_yuan
from ..i18n import N_, _
from ..inbound import stockcheck
from ..models import Outbox, Parcel, ParcelEvent, Staff
from ..models.dayclose import DayAdjustment, DayClose
from ..models.money import Payment
from ..models.outgoing import OutgoingParcel
from ..models.problems import ProblemRecord
from ..models.roster import ClockRecord
from ..models.signoff import Signoff
from ..money import method_text
from ..openitems import OpenItem
from ..permissions import ANY_STAFF, CLERK, MANAGER_ONLY, Actor, operation
from ..settings import SettingSpec
from ..shifts import roster

SETTINGS = [
    SettingSpec("dayclose.cash_float_fen", 0, "Cash float left in the drawer (yuan)",
                N_("钱箱备用金（元）"), kind="int", section="dayclose", minimum=0, shape="money",
                help_zh=N_("应有现金 = 备用金 + 当日现金收入 + 现金调整。"),
                help="Expected cash = float + today's cash takings + cash adjustments."),
    SettingSpec("dayclose.weight_tolerance_g", 100, "Salesman weight tolerance (g)",
                N_("业务员重量误差允许（克）"), kind="int", section="dayclose", minimum=0,
                help_zh=N_("寄件那边没有设定误差时，日结的业务员对账表用这个。"),
                help="Used by the day's per-salesman table when the outgoing capability "
                     "declares no tolerance of its own."),
    SettingSpec("dayclose.after_close", "next_day", "Work after the day is closed",
                N_("关账后的操作"), section="dayclose", choices=("next_day", "refuse"),
                choice_labels=(("Count on the next day", N_("记入下一个营业日")),
                               ("Refuse until the next day", N_("拒绝，等到第二天"))),
                help_zh=N_("记入下一个营业日：关账后的操作记到下一天（已关账的那天保持不变）；"
                           "拒绝：到第二天之前一律拒绝，并说明原因。"),
                help="next_day: dated into the next business day (the closed day stays as it "
                     "was); refuse: refused with a one-line reason until the next day."),
]

#: Cash denominations in fen: 100, 50, 20, 10, 5, 1 元, 5 角, 1 角.
DENOMINATIONS = (10000, 5000, 2000, 1000, 500, 100, 50, 10)
#: Methods whose money is in the outlet's hands at the end of the day (counted or checked).
COUNTED_METHODS = ("现金", "微信", "支付宝")  # zh-data: stored payment methods
CASH = "现金"  # zh-data: the stored payment method counted in the drawer
STOCK_NOTE = "stock"

LOCATION_KINDS = (ParcelEvent.ARRIVED, ParcelEvent.OUT_FOR_DELIVERY, ParcelEvent.DELIVERED,
                  ParcelEvent.RELEASED, ParcelEvent.RETURNED, ParcelEvent.FORWARDED)
OUT_TERMS = {ParcelEvent.RELEASED: "picked_up", ParcelEvent.OUT_FOR_DELIVERY: "delivered",
             ParcelEvent.DELIVERED: "delivered", ParcelEvent.RETURNED: "returned",
             ParcelEvent.FORWARDED: "forwarded"}


# ---------------------------------------------------------------------------------------------
# Ledger data
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ParcelLedger:
    opening: int = 0
    arrivals: int = 0
    picked_up: int = 0
    delivered: int = 0           # out for delivery, or delivered straight from the outlet
    returned: int = 0
    forwarded: int = 0
    closing: int = 0
    delivered_reported: int = 0  # DELIVERED events of the day (courier reports)
    signed: int = 0              # Parcel.signed_at on the day
    uploaded: int = 0            # Outbox signoff rows sent on the day
    problems_opened: int = 0
    problems_open: int = 0       # open problem records at the end of the day

    @property
    def balanced(self) -> bool:
        return (self.opening + self.arrivals - self.picked_up - self.delivered - self.returned
                - self.forwarded) == self.closing

    def equation(self) -> str:
        return (f"{self.opening} + {self.arrivals} − {self.picked_up} − {self.delivered} − "
                f"{self.returned} − {self.forwarded} = {self.closing}")


@dataclass(frozen=True)
class ShelfAgreement:
    source: str                  # "stockcheck" (counted on the shelf) | "none"
    counted: int | None          # parcels counted on the shelf
    expected: int                # the ledger's closing stock
    system_count: int | None     # parcels whose status says "at the outlet" (today only)
    text: str                    # one line in the person's language

    @property
    def agrees(self) -> bool | None:
        return None if self.counted is None else self.counted == self.expected


@dataclass(frozen=True)
class SalesmanRow:
    name: str
    parcels: int
    weighed: int
    declared_g: int
    weight_g: int
    over_tolerance: int          # parcels whose checked weight differs by more than the tolerance
    fee_fen: int
    dispatched: int


@dataclass(frozen=True)
class MoneyRow:
    method: str
    sending_fee_fen: int
    cod_fen: int
    holding_fee_fen: int
    adjustment_fen: int
    float_fen: int
    expected_fen: int
    counted_fen: int | None      # None: not counted (月结/到付, or not entered yet)
    difference_fen: int | None
    note: str

    @property
    def counted_here(self) -> bool:
        return self.method in COUNTED_METHODS

    @property
    def needs_note(self) -> bool:
        return bool(self.difference_fen) and not self.note.strip()


@dataclass(frozen=True)
class CashCount:
    mode: str                                   # denominations | total
    denominations: tuple = ()                   # ((fen, count), …) in DENOMINATIONS order
    total_fen: int | None = None


@dataclass(frozen=True)
class AdjustmentRow:
    id: int
    target_day: dt.date
    shown_on: dt.date
    method: str | None
    amount_fen: int
    reason: str
    at: dt.datetime
    by: str


@dataclass(frozen=True)
class Confirmation:
    name: str
    at: dt.datetime


@dataclass(frozen=True)
class Ledger:
    day: dt.date
    status: str
    parcels: ParcelLedger
    shelf: ShelfAgreement
    salesmen: tuple = ()                        # SalesmanRow …
    counter_outgoing: int = 0
    money: tuple = ()                           # MoneyRow … in Payment.METHODS order
    cash: CashCount = CashCount("denominations")
    stock_note: str = ""
    adjustments_shown: tuple = ()               # AdjustmentRow shown on this day (for earlier days)
    adjustments_made: tuple = ()                # AdjustmentRow correcting this (closed) day later
    confirmations: tuple = ()                   # Confirmation …
    closed_by: str | None = None
    closed_at: dt.datetime | None = None
    from_snapshot: bool = False

    @property
    def closed(self) -> bool:
        return self.status == DayClose.CLOSED

    @property
    def expected_total_fen(self) -> int:
        return sum(r.expected_fen for r in self.money)

    @property
    def expected_in_hand_fen(self) -> int:
        """Expected of the methods the outlet holds (现金、微信、支付宝)."""
        return sum(r.expected_fen for r in self.money if r.counted_here)

    @property
    def counted_total_fen(self) -> int:
        return sum(r.counted_fen or 0 for r in self.money)

    @property
    def difference_total_fen(self) -> int:
        return sum(r.difference_fen or 0 for r in self.money)

    def money_row(self, method: str) -> MoneyRow:
        return next(r for r in self.money if r.method == method)

    def problems(self) -> list[str]:
        """What still stops the clerks from confirming: one line each, in the person's language."""
        out = []
        if self.cash.total_fen is None:
            out.append(_("还没有点钞：请按面额或按总额输入钱箱里的现金。"))
        for r in self.money:
            if r.needs_note:
                out.append(_("{method}差额 {amount} 元需要写明原因。").format(
                    method=method_text(r.method), amount=yuan(r.difference_fen, sign=True)))
        if self.shelf.agrees is False and not self.stock_note.strip():
            out.append(_("盘点 {counted} 件与账面结存 {expected} 件不符，需要写明原因。").format(
                counted=self.shelf.counted, expected=self.shelf.expected))
        return out


# ---------------------------------------------------------------------------------------------
# Money helpers
# ---------------------------------------------------------------------------------------------
def yuan(amount: int | None, *, sign: bool = False) -> str:
    """12345 → "123.45" (sign=True: "+123.45" / "-5.00"); None → "—".  See :mod:`outlet_desk.fen`."""
    return format_yuan(amount, sign=sign, none="—")


def denominations_total(counts: dict) -> int:
    return sum(int(fen) * int(n) for fen, n in counts.items())


def denomination_label(fen: int) -> str:
    if fen >= 100:
        return _("{n} 元").format(n=fen // 100)
    return _("{n} 角").format(n=fen // 10)


# ---------------------------------------------------------------------------------------------
# Reading the shared tables (grouped queries: a fixed number of queries per ledger)
# ---------------------------------------------------------------------------------------------
def _bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time.min)
    return start, start + dt.timedelta(days=1)


def parcel_movements(day: dt.date) -> ParcelLedger:
    """Opening stock and the day's movements in one grouped query (see the module docstring)."""
    start, end = _bounds(day)
    E = ParcelEvent
    located = E.kind.in_(LOCATION_KINDS)
    # Only two kinds of parcel can count: those with a location event from the day's start on (a
    # movement of the day, or a later one that says where they were), and those at the outlet now
    # (with no movement since, they were there at the start).  So the window walks a few days of
    # parcels, not the outlet's whole history.  Parcel.status is kept with the location events in
    # the same transaction (tests/core/dayclose/test_dayclose.py checks the two agree).
    moved = E.select(E.parcel).where(located & (E.at >= start))
    here = Parcel.select(Parcel.id).where(Parcel.status.in_(Parcel.AT_OUTLET))
    prev = fn.LAG(E.kind).over(partition_by=[E.parcel], order_by=[E.at, E.id])
    sub = (E.select(E.kind.alias("kind"), E.at.alias("at"), prev.alias("prev"))
           .where(located & (E.at < end) & E.parcel.in_(moved | here))).alias("t")
    today = Case(None, [(sub.c.at >= start, 1)], 0)
    q = (E.select(today.alias("today"), sub.c.kind, sub.c.prev, fn.COUNT(SQL("*")))
         .from_(sub).group_by(today, sub.c.kind, sub.c.prev))
    terms = dict(opening=0, arrivals=0, picked_up=0, delivered=0, returned=0, forwarded=0,
                 delivered_reported=0)
    for is_today, kind, prev_kind, n in q.tuples():
        was_in = prev_kind == E.ARRIVED
        is_in = kind == E.ARRIVED
        if not is_today:
            terms["opening"] += (int(is_in) - int(was_in)) * n
            continue
        if kind == E.DELIVERED:
            terms["delivered_reported"] += n
        if is_in and not was_in:
            terms["arrivals"] += n
        elif was_in and not is_in:
            terms[OUT_TERMS[kind]] += n
    closing = (terms["opening"] + terms["arrivals"] - terms["picked_up"] - terms["delivered"]
               - terms["returned"] - terms["forwarded"])
    return ParcelLedger(closing=closing, **terms)


def _day_counts(day: dt.date) -> dict:
    start, end = _bounds(day)
    # and a sign-off of the day undone or reversed after the day (a manager's reversal of a closed
    # day's sign-off counts on the day it is done): the day still counts it, as it stood at its end
    ended_later = Signoff.select(fn.COUNT(Signoff.id)).where(
        (Signoff.signed_at >= start) & (Signoff.signed_at < end)
        & (Signoff.status != Signoff.ACTIVE) & (Signoff.ended_at >= end))
    signed = int(Parcel.select(fn.COUNT(Parcel.id) + ended_later).where(
        (Parcel.signed_at >= start) & (Parcel.signed_at < end)).scalar() or 0)
    uploaded = Outbox.select().where((Outbox.kind == "signoff") & (Outbox.status == Outbox.SENT)
                                     & (Outbox.sent_at >= start) & (Outbox.sent_at < end)).count()
    opened = ParcelEvent.select().where((ParcelEvent.kind == ParcelEvent.PROBLEM_OPENED)
                                        & (ParcelEvent.at >= start) & (ParcelEvent.at < end)).count()
    open_now = (ProblemRecord.select(fn.COUNT(ProblemRecord.parcel.distinct()))
                .where((ProblemRecord.opened_at < end)
                       & (ProblemRecord.resolved_at.is_null() | (ProblemRecord.resolved_at >= end)))
                .scalar()) or 0
    return dict(signed=signed, uploaded=uploaded, problems_opened=opened, problems_open=int(open_now))


def weight_tolerance_g() -> int:
    """The salesman weight tolerance: the outgoing capability's setting if it declares one."""
    specs = settings.specs()
    for key in ("outgoing.weight_tolerance_g", "outgoing.tolerance_g"):
        if key in specs:
            return int(settings.get(key))
    return int(settings.get("dayclose.weight_tolerance_g"))


def salesmen_rows(day: dt.date) -> tuple[tuple[SalesmanRow, ...], int]:
    """Outgoing parcels received on the day: per salesman, plus the counter's count."""
    start, end = _bounds(day)
    O = OutgoingParcel  # noqa: E741 — the model by its initial, as E for the events
    tol = weight_tolerance_g()
    diff = O.weight_g - O.declared_weight_g
    over = Case(None, [((O.weight_g.is_null(False) & O.declared_weight_g.is_null(False)
                         & ((diff > tol) | (diff < -tol))), 1)], 0)
    weighed = Case(None, [(O.weight_g.is_null(False), 1)], 0)
    # scanned out by the day's end: a parcel dispatched the next morning does not move this day
    sent = Case(None, [(O.dispatched_at.is_null(False) & (O.dispatched_at < end), 1)], 0)
    who = fn.COALESCE(O.salesman, "")
    q = (O.select(O.source, who, fn.COUNT(O.id), fn.SUM(weighed),
                  fn.SUM(fn.COALESCE(O.declared_weight_g, 0)), fn.SUM(fn.COALESCE(O.weight_g, 0)),
                  fn.SUM(over), fn.SUM(O.fee_fen), fn.SUM(sent))
         .where((O.received_at >= start) & (O.received_at < end))
         .group_by(O.source, who).order_by(who))
    rows, counter = [], 0
    for source, name, n, w, dg, wg, ov, fee, disp in q.tuples():
        if source == O.SALESMAN:
            rows.append(SalesmanRow(name or _("（未填业务员）"), int(n), int(w or 0), int(dg or 0),
                                    int(wg or 0), int(ov or 0), int(fee or 0), int(disp or 0)))
        else:
            counter += int(n)
    return tuple(rows), counter


def shelf_agreement(day: dt.date, closing: int, *, today: dt.date | None) -> ShelfAgreement:
    """Does the shelf agree with the ledger?  THE one place that reads the stock check (盘点).

    Uses the day's last finished stock check (``inbound.stockcheck``): the shelf holds the closing
    stock less the missing parcels and plus the extra ones its report still lists unfixed; with no
    check that day it says "no stock check today".  For today it also counts the parcels whose
    status says they are at the outlet, as a cross-check of the events.
    """
    found = stockcheck.open_difference(day)
    counted = None if found is None else closing + found[1]
    system = None
    if today is not None and day == today:
        system = Parcel.select().where(Parcel.status.in_(Parcel.AT_OUTLET)).count()
    if counted is None:
        text = _("今日未盘点")
    elif counted == closing:
        text = _("盘点 {counted} 件，与账面结存一致").format(counted=counted)
    else:
        text = _("盘点 {counted} 件，与账面结存 {closing} 件相差 {difference} 件").format(
            counted=counted, closing=closing, difference=f"{counted - closing:+d}")
    return ShelfAgreement("stockcheck" if counted is not None else "none", counted, closing, system,
                          text)


def _staff_names(ids) -> dict:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    return dict(Staff.select(Staff.id, Staff.name).where(Staff.id.in_(ids)).tuples())


def _adjustment_rows(query) -> tuple[AdjustmentRow, ...]:
    rows = list(query.order_by(DayAdjustment.id).tuples())
    names = _staff_names(r[-1] for r in rows)
    return tuple(AdjustmentRow(i, _date(t), _date(s), m, a, r, at, names.get(by, ""))
                 for i, t, s, m, a, r, at, by in rows)


def _adj_query():
    A = DayAdjustment
    return A.select(A.id, A.target_day, A.shown_on, A.method, A.amount_fen, A.reason, A.at, A.by)


def _date(v) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


def _loads(text, default):
    try:
        return json.loads(text) if text else default
    except ValueError:
        return default


_LOOK_UP = object()


def compute_ledger(day: dt.date, *, today: dt.date | None = None, row=_LOOK_UP) -> Ledger:
    """The live ledger of ``day`` from the shared tables (ignores any snapshot).

    A fixed number of queries (12), however many parcels, payments and salesmen the day has."""
    if row is _LOOK_UP:
        row = DayClose.get_or_none(DayClose.day == day)
    parcels = replace(parcel_movements(day), **_day_counts(day))
    shelf = shelf_agreement(day, parcels.closing, today=today)
    salesmen, counter = salesmen_rows(day)

    by = {(k, m): 0 for k in Payment.KINDS for m in Payment.METHODS}
    for kind, method, total in (Payment.select(Payment.kind, Payment.method,
                                               fn.SUM(Payment.amount_fen))
                                .where(Payment.day == day)
                                .group_by(Payment.kind, Payment.method).tuples()):
        by[(kind, method)] = by.get((kind, method), 0) + int(total or 0)
    shown = _adjustment_rows(_adj_query().where(DayAdjustment.shown_on == day))
    made = _adjustment_rows(_adj_query().where(DayAdjustment.target_day == day))
    float_fen = int(settings.get("dayclose.cash_float_fen") or 0)

    denoms = _loads(row.cash_denominations, {}) if row else {}
    cash_total = row.cash_total_fen if row else None
    counted = _loads(row.counted, {}) if row else {}
    notes = _loads(row.notes, {}) if row else {}
    money = []
    for method in Payment.METHODS:
        fees = by[(Payment.SENDING_FEE, method)]
        cod = by[(Payment.COD, method)]
        hold = by[(Payment.HOLDING_FEE, method)]
        adj = sum(a.amount_fen for a in shown if a.method == method)
        flt = float_fen if method == CASH else 0
        expected = fees + cod + hold + adj + flt
        got = cash_total if method == CASH else counted.get(method)
        got = int(got) if got is not None and method in COUNTED_METHODS else None
        money.append(MoneyRow(method, fees, cod, hold, adj, flt, expected, got,
                              None if got is None else got - expected, notes.get(method, "")))
    cash = CashCount(row.cash_mode if row else "denominations",
                     tuple((d, int(denoms.get(str(d), 0))) for d in DENOMINATIONS), cash_total)

    confirmations, closed_by = [], None
    if row is not None:
        names = _staff_names([row.first_by_id, row.second_by_id, row.closed_by_id])
        for sid, at in ((row.first_by_id, row.first_at), (row.second_by_id, row.second_at)):
            if sid and at:
                confirmations.append(Confirmation(names.get(sid, ""), at))
        closed_by = names.get(row.closed_by_id)
    return Ledger(day=day, status=row.status if row else DayClose.OPEN, parcels=parcels,
                  shelf=shelf, salesmen=salesmen, counter_outgoing=counter, money=tuple(money),
                  cash=cash, stock_note=notes.get(STOCK_NOTE, ""), adjustments_shown=shown,
                  adjustments_made=made, confirmations=tuple(confirmations), closed_by=closed_by,
                  closed_at=row.closed_at if row else None)


def ledger(day: dt.date, *, today: dt.date | None = None) -> Ledger:
    """The ledger as the screens, the report and the export show it.

    A closed day is read from its snapshot, so its report never changes; only the list of later
    adjustments that correct it is added (they are shown, with their money, on the next day)."""
    row = DayClose.get_or_none(DayClose.day == day)
    if row is not None and row.status == DayClose.CLOSED and row.snapshot:
        snap = ledger_from_dict(json.loads(row.snapshot))
        made = _adjustment_rows(_adj_query().where(DayAdjustment.target_day == day))
        return replace(snap, adjustments_made=made, from_snapshot=True)
    return compute_ledger(day, today=today, row=row)


# ---------------------------------------------------------------------------------------------
# JSON (export day, snapshot)
# ---------------------------------------------------------------------------------------------
def ledger_to_dict(led: Ledger) -> dict:
    """The ``export day`` JSON (keys documented in docs/dayclose.md)."""
    p = led.parcels
    return {
        "day": led.day.isoformat(),
        "status": led.status,
        "parcels": {**asdict(p), "balanced": p.balanced},
        "shelf": {"source": led.shelf.source, "counted": led.shelf.counted,
                  "expected": led.shelf.expected, "system_count": led.shelf.system_count,
                  "agrees": led.shelf.agrees, "text": led.shelf.text, "note": led.stock_note},
        "outgoing": {"counter": led.counter_outgoing,
                     "salesmen": [asdict(s) for s in led.salesmen]},
        "money": [{**asdict(r), "needs_note": r.needs_note} for r in led.money],
        "money_totals": {"expected_fen": led.expected_total_fen,
                         "expected_in_hand_fen": led.expected_in_hand_fen,
                         "counted_fen": led.counted_total_fen,
                         "difference_fen": led.difference_total_fen},
        "cash": {"mode": led.cash.mode, "total_fen": led.cash.total_fen,
                 "denominations": [{"fen": f, "count": n} for f, n in led.cash.denominations]},
        "adjustments_shown": [_adj_dict(a) for a in led.adjustments_shown],
        "adjustments_made": [_adj_dict(a) for a in led.adjustments_made],
        "confirmations": [{"name": c.name, "at": c.at.isoformat(sep=" ")} for c in led.confirmations],
        "closed_by": led.closed_by,
        "closed_at": led.closed_at.isoformat(sep=" ") if led.closed_at else None,
    }


def _adj_dict(a: AdjustmentRow) -> dict:
    return {"id": a.id, "target_day": a.target_day.isoformat(), "shown_on": a.shown_on.isoformat(),
            "method": a.method, "amount_fen": a.amount_fen, "reason": a.reason,
            "at": a.at.isoformat(sep=" ") if isinstance(a.at, dt.datetime) else str(a.at),
            "by": a.by}


def _dt(v):
    return dt.datetime.fromisoformat(v) if v else None


def ledger_from_dict(d: dict) -> Ledger:
    p = {k: v for k, v in d["parcels"].items() if k != "balanced"}
    s = d["shelf"]
    adj = lambda a: AdjustmentRow(a["id"], dt.date.fromisoformat(a["target_day"]),  # noqa: E731
                                  dt.date.fromisoformat(a["shown_on"]), a["method"], a["amount_fen"],
                                  a["reason"], _dt(a["at"]), a["by"])
    money_fields = set(MoneyRow.__dataclass_fields__)
    return Ledger(
        day=dt.date.fromisoformat(d["day"]), status=d["status"], parcels=ParcelLedger(**p),
        shelf=ShelfAgreement(s["source"], s["counted"], s["expected"], s["system_count"], s["text"]),
        salesmen=tuple(SalesmanRow(**r) for r in d["outgoing"]["salesmen"]),
        counter_outgoing=d["outgoing"]["counter"],
        money=tuple(MoneyRow(**{k: v for k, v in r.items() if k in money_fields})
                    for r in d["money"]),
        cash=CashCount(d["cash"]["mode"],
                       tuple((c["fen"], c["count"]) for c in d["cash"]["denominations"]),
                       d["cash"]["total_fen"]),
        stock_note=s.get("note", ""),
        adjustments_shown=tuple(adj(a) for a in d["adjustments_shown"]),
        adjustments_made=tuple(adj(a) for a in d["adjustments_made"]),
        confirmations=tuple(Confirmation(c["name"], _dt(c["at"])) for c in d["confirmations"]),
        closed_by=d["closed_by"], closed_at=_dt(d["closed_at"]))


def fingerprint(led: Ledger) -> str:
    """The figures the clerks confirm: parcels, outgoing, money and notes (not who/when)."""
    d = ledger_to_dict(led)
    figures = {k: d[k] for k in ("parcels", "shelf", "outgoing", "money", "cash",
                                 "adjustments_shown")}
    for s in (figures["shelf"],):
        s.pop("system_count", None)
    text = json.dumps(figures, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------
# Writing: count, confirm, close, adjust
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DayCloseResult:
    day: dt.date
    status: str
    confirmed_by: tuple = ()
    message: str = ""
    changes: frozenset = field(default=frozenset({changes.CASH}))


def _label(day: dt.date) -> str:
    """6月8日 / 8 Jun: a day in a message (:func:`outlet_desk.dates.md`, the one date display)."""
    return md(day)


def day_staff(day: dt.date) -> list[tuple[int, str]]:
    """The clerks who worked ``day`` (id, name): on that day's roster (leave taken out) or clocked
    in.  Only they may confirm the day's accounts (四眼: two of them, never the closing manager)."""
    ids = set(roster.on_duty(day, include_pending=False))
    ids |= {sid for (sid,) in ClockRecord.select(ClockRecord.staff)
            .where(ClockRecord.day == day).tuples()}
    return list(Staff.select(Staff.id, Staff.name)
                .where(Staff.id.in_(ids or {0}) & (Staff.role == CLERK))
                .order_by(Staff.id).tuples())


def _row(day: dt.date) -> DayClose:
    row = DayClose.get_or_none(DayClose.day == day)
    return row or DayClose.create(day=day)


def _check_day(day: dt.date, now: dt.datetime) -> None:
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise ValidationError(_("日期不正确。"))
    if day > now.date():
        raise ValidationError(_("{day}还没到，不能日结。").format(day=_label(day)))


def _clear_confirmations(row: DayClose) -> bool:
    had = bool(row.first_by_id or row.second_by_id)
    row.first_by = row.first_at = row.second_by = row.second_at = None
    row.fingerprint = None
    row.status = DayClose.OPEN
    return had


@operation("dayclose.count", N_("日结点钞"), ANY_STAFF)
def save_count(day: dt.date, *, cash_denominations: dict | None = None,
               cash_total_fen: int | None = None, counted: dict | None = None,
               notes: dict | None = None, actor: Actor, now: dt.datetime) -> DayCloseResult:
    """Store the cash count (by denomination, or a total), the checked totals of 微信/支付宝 and the
    explanations.  A change after a confirmation clears the confirmations (they confirmed other
    figures)."""
    _check_day(day, now)
    denoms = None
    if cash_denominations is not None:
        denoms = {}
        for fen, n in cash_denominations.items():
            fen = int(fen)
            if fen not in DENOMINATIONS:
                raise ValidationError(_("没有 {fen} 分这种面额。").format(fen=fen))
            if not isinstance(n, int) or n < 0:
                raise ValidationError(_("{denomination}的张数必须是不小于 0 的整数。").format(
                    denomination=denomination_label(fen)))
            if n:
                denoms[str(fen)] = n
    elif cash_total_fen is not None:
        if not isinstance(cash_total_fen, int) or cash_total_fen < 0:
            raise ValidationError(_("现金总额必须是不小于 0 的金额。"))
    clean_counted = None
    if counted is not None:
        clean_counted = {}
        for method, fen in counted.items():
            if method not in COUNTED_METHODS or method == CASH:
                raise ValidationError(_("“{method}”不需要核对到账金额。").format(
                    method=method_text(method)))
            if fen is None:
                continue
            if not isinstance(fen, int) or fen < 0:
                raise ValidationError(_("{method}到账金额必须是不小于 0 的金额。").format(
                    method=method_text(method)))
            clean_counted[method] = fen
    clean_notes = None
    if notes is not None:
        clean_notes = {}
        for key, text in notes.items():
            if key not in Payment.METHODS and key != STOCK_NOTE:
                raise ValidationError(_("未知的说明项：{key}").format(key=key))
            text = (text or "").strip()
            if len(text) > 500:
                raise ValidationError(_("说明太长（最多 500 字）。"))
            if text:
                clean_notes[key] = text
    with write_tx():
        ensure_open(day)
        row = _row(day)
        before = ledger_to_dict(compute_ledger(day, row=row))
        if denoms is not None:
            row.cash_mode = "denominations"
            row.cash_denominations = json.dumps(denoms, sort_keys=True)
            row.cash_total_fen = denominations_total(denoms)
        elif cash_total_fen is not None:
            row.cash_mode = "total"
            row.cash_denominations = "{}"
            row.cash_total_fen = cash_total_fen
        if clean_counted is not None:
            row.counted = json.dumps(clean_counted, ensure_ascii=False, sort_keys=True)
        if clean_notes is not None:
            row.notes = json.dumps(clean_notes, ensure_ascii=False, sort_keys=True)
        row.counted_at, row.counted_by = now, actor.id
        after = ledger_to_dict(compute_ledger(day, row=row))
        changed = (before["cash"], before["money"]) != (after["cash"], after["money"]) \
            or before["shelf"]["note"] != after["shelf"]["note"]
        cleared = _clear_confirmations(row) if changed and row.status != DayClose.CLOSED else False
        row.save()
        audit.record(actor, "dayclose.count", entity="day", entity_id=day.isoformat(),
                     detail={"cash_mode": row.cash_mode, "cash_fen": row.cash_total_fen,
                             "denominations": _loads(row.cash_denominations, {}),
                             "counted": _loads(row.counted, {}), "notes": _loads(row.notes, {}),
                             "cleared_confirmations": cleared}, now=now)
    msg = (_("已保存点钞和说明。账目有变化，之前的确认已取消，请重新确认。") if cleared
           else _("已保存点钞和说明。"))
    return DayCloseResult(day, row.status, (), msg)


@operation("dayclose.confirm", N_("确认日结账目"), ANY_STAFF)
def confirm(day: dt.date, *, actor: Actor, now: dt.datetime) -> DayCloseResult:
    """``actor`` confirms the day's ledger for themself (the second person proves it with their PIN
    on the screen).  Only a clerk who worked that day may confirm (:func:`day_staff`); refused while
    the cash is not counted or a difference has no explanation.  The second confirmation (another
    clerk) marks the day reconciled (duty checklist)."""
    _check_day(day, now)
    with write_tx():
        ensure_open(day)
        if actor.is_manager:
            raise ValidationError(_("店长不能替店员确认账目：请当天的两位店员各自确认，店长再关账。"))
        if actor.id not in {sid for sid, _ in day_staff(day)}:
            raise ValidationError(_("{name}{day}不在排班里，也没有打卡，不能确认这天的账目。").format(
                name=actor.name, day=_label(day)))
        row = _row(day)
        led = compute_ledger(day, row=row)
        missing = led.problems()
        if missing:
            raise ValidationError(missing[0])
        fp = fingerprint(led)
        restarted = False
        if row.fingerprint and row.fingerprint != fp:
            restarted = _clear_confirmations(row)
        if actor.id in (row.first_by_id, row.second_by_id):
            raise ValidationError(_("{name}已经确认过了，还需要另一位店员确认。").format(name=actor.name))
        if not row.first_by_id:
            row.first_by, row.first_at, row.fingerprint = actor.id, now, fp
            row.status = DayClose.OPEN
        else:
            row.second_by, row.second_at = actor.id, now
            row.status = DayClose.CONFIRMED
            duty_events.observe(duty_events.DAY_RECONCILED, actor=actor, now=now,
                                detail=day.isoformat())
        row.save()
        audit.record(actor, "dayclose.confirm", entity="day", entity_id=day.isoformat(),
                     detail={"fingerprint": fp, "restarted": restarted,
                             "expected_fen": led.expected_total_fen,
                             "difference_fen": led.difference_total_fen,
                             "closing": led.parcels.closing}, now=now)
    if row.status == DayClose.CONFIRMED:
        msg = _("{name}已确认，两位店员都已确认，等店长关账。").format(name=actor.name)
    elif restarted:
        msg = _("确认后账目有变化，之前的确认已取消。{name}已确认，还需要另一位店员确认。").format(
            name=actor.name)
    else:
        msg = _("{name}已确认，还需要另一位店员确认。").format(name=actor.name)
    names = tuple(n for n in (actor.name,))
    return DayCloseResult(day, row.status, names, msg)


@operation("dayclose.close", N_("店长日结关账"), MANAGER_ONLY)
def close_day(day: dt.date, *, reason: str | None = None, actor: Actor,
              now: dt.datetime) -> DayCloseResult:
    """The manager closes a day two clerks of that day confirmed (neither of them the manager): the
    ledger is frozen as a snapshot and the day is locked.

    If only one clerk worked that day, the manager may close on that clerk's confirmation with a
    written ``reason`` (audited)."""
    _check_day(day, now)
    reason = (reason or "").strip()
    with write_tx():
        # other counters' dated writes in progress commit first (and count in the ledger read
        # below); new ones wait for this close and then go into the next day
        businessday.lock_for_close()
        ensure_open(day)
        row = DayClose.get_or_none(DayClose.day == day)
        if row is not None and actor.id in (row.first_by_id, row.second_by_id):
            raise ValidationError(_("确认过账目的人不能再关账：请另一位店长关账。"))
        alone = False
        if row is None or row.status != DayClose.CONFIRMED:
            worked = day_staff(day)
            if row is None or not row.first_by_id or len(worked) > 1:
                raise ValidationError(_("{day}还没有两位店员确认，不能关账。").format(day=_label(day)))
            if not reason:
                raise ValidationError(_("{day}只有一位店员当班：店长关账请写明原因。").format(
                    day=_label(day)))
            alone = True
        led = compute_ledger(day, row=row)
        if fingerprint(led) != row.fingerprint:
            raise ValidationError(_("店员确认后账目又有变化（新的收款或件数），请店员重新核对并确认。"))
        row.status = DayClose.CLOSED
        row.closed_by, row.closed_at = actor.id, now
        final = replace(led, status=DayClose.CLOSED, closed_by=actor.name, closed_at=now,
                        adjustments_made=())
        audit.record(actor, "dayclose.close", entity="day", entity_id=day.isoformat(),
                     detail={"expected_fen": led.expected_total_fen,
                             "counted_fen": led.counted_total_fen,
                             "difference_fen": led.difference_total_fen,
                             "closing": led.parcels.closing,
                             "single_clerk_reason": reason if alone else None}, now=now)
        snap = ledger_to_dict(final)
        anchor = audit.anchor()     # the audit log as the day closed (its close row included)
        snap["audit_anchor"] = anchor.as_dict() if anchor else None
        row.snapshot = json.dumps(snap, ensure_ascii=False, sort_keys=True)
        row.save()
    return DayCloseResult(day, DayClose.CLOSED, (), _("{day}已关账，账目锁定。").format(day=_label(day)))


@operation("dayclose.adjust", N_("店长调整已关账日"), MANAGER_ONLY)
def add_adjustment(target_day: dt.date, *, reason: str, method: str | None = None,
                   amount_fen: int = 0, actor: Actor, now: dt.datetime) -> AdjustmentRow:
    """A later correction to a closed day: audited, and shown (with its money) on the ledger of the
    first day after it that is not closed yet."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("调整必须写明原因。"))
    if method is not None and method not in Payment.METHODS:
        raise ValidationError(_("付款方式只能是：{methods}。").format(
            methods=_("、").join(method_text(m) for m in Payment.METHODS)))
    if not isinstance(amount_fen, int):
        raise ValidationError(_("调整金额必须是金额（分）。"))
    if amount_fen and method is None:
        raise ValidationError(_("调整金额时请选择付款方式。"))
    with write_tx():
        row = DayClose.get_or_none(DayClose.day == target_day)
        if row is None or row.status != DayClose.CLOSED:
            raise ValidationError(_("{day}还没关账，请直接在当天的日结里修改。").format(
                day=_label(target_day)))
        closed_after = {_date(d) for (d,) in DayClose.select(DayClose.day).where(
            (DayClose.day > target_day) & (DayClose.status == DayClose.CLOSED)).tuples()}
        shown = target_day + dt.timedelta(days=1)
        while shown in closed_after:
            shown += dt.timedelta(days=1)
        a = DayAdjustment.create(target_day=target_day, shown_on=shown, method=method,
                                 amount_fen=amount_fen, reason=reason, at=now, by=actor.id)
        audit.record(actor, "dayclose.adjust", entity="day", entity_id=target_day.isoformat(),
                     detail={"adjustment": a.id, "shown_on": shown.isoformat(), "method": method,
                             "amount_fen": amount_fen, "reason": reason}, now=now)
    return AdjustmentRow(a.id, target_day, shown, method, amount_fen, reason, now, actor.name)


# ---------------------------------------------------------------------------------------------
# The manager's month, and volumes for charts
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DayVolume:
    day: dt.date
    arrivals: int
    released: int
    outgoing: int


def daily_volumes(first: dt.date, last: dt.date) -> list[DayVolume]:
    """Arrivals (ARRIVED), pickups (RELEASED) and outgoing parcels per day, three grouped queries."""
    start, end = _bounds(first)[0], _bounds(last)[1]
    E = ParcelEvent
    events: dict = {}
    d_e = fn.DATE(E.at)
    for d, kind, n in (E.select(d_e, E.kind, fn.COUNT(E.id))
                       .where(E.kind.in_([E.ARRIVED, E.RELEASED]) & (E.at >= start) & (E.at < end))
                       .group_by(d_e, E.kind).tuples()):
        events[(_date(d), kind)] = int(n)
    O = OutgoingParcel  # noqa: E741 — the model by its initial, as E for the events
    d_o = fn.DATE(O.received_at)
    out = {_date(d): int(n) for d, n in (O.select(d_o, fn.COUNT(O.id))
                                         .where((O.received_at >= start) & (O.received_at < end))
                                         .group_by(d_o).tuples())}
    days = []
    d = first
    while d <= last:
        days.append(DayVolume(d, events.get((d, E.ARRIVED), 0), events.get((d, E.RELEASED), 0),
                              out.get(d, 0)))
        d += dt.timedelta(days=1)
    return days


@dataclass(frozen=True)
class DaySummary:
    day: dt.date
    status: str                  # open | confirmed | closed | future
    arrivals: int
    released: int
    outgoing: int
    expected_fen: int            # expected of the money held at the outlet (现金、微信、支付宝)
    counted_fen: int | None      # None: no cash count yet
    difference_fen: int | None
    adjustments_fen: int         # adjustments shown on this day

    @property
    def open(self) -> bool:
        return self.status in (DayClose.OPEN, DayClose.CONFIRMED)


def month_overview(year: int, month: int, *, today: dt.date) -> list[DaySummary]:
    """Every day of the month with its volumes, money and status (a handful of grouped queries)."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    vols = {v.day: v for v in daily_volumes(first, last)}
    pay: dict = {}
    for d, method, total in (Payment.select(Payment.day, Payment.method, fn.SUM(Payment.amount_fen))
                             .where((Payment.day >= first) & (Payment.day <= last))
                             .group_by(Payment.day, Payment.method).tuples()):
        pay.setdefault(_date(d), {})[method] = int(total or 0)
    adj: dict = {}
    for d, method, total in (DayAdjustment.select(DayAdjustment.shown_on, DayAdjustment.method,
                                                  fn.SUM(DayAdjustment.amount_fen))
                             .where((DayAdjustment.shown_on >= first) & (DayAdjustment.shown_on <= last))
                             .group_by(DayAdjustment.shown_on, DayAdjustment.method).tuples()):
        adj.setdefault(_date(d), {})[method] = int(total or 0)
    rows = {_date(r.day): r for r in DayClose.select().where((DayClose.day >= first)
                                                              & (DayClose.day <= last))}
    float_fen = int(settings.get("dayclose.cash_float_fen") or 0)
    out = []
    for day in sorted(vols):
        v = vols[day]
        row = rows.get(day)
        if row is not None and row.status == DayClose.CLOSED and row.snapshot:
            snap = json.loads(row.snapshot)
            t = snap["money_totals"]
            counted = t["counted_fen"] if snap["cash"]["total_fen"] is not None else None
            out.append(DaySummary(day, DayClose.CLOSED, v.arrivals, v.released, v.outgoing,
                                  t["expected_in_hand_fen"], counted,
                                  t["difference_fen"] if counted is not None else None,
                                  sum(m["adjustment_fen"] for m in snap["money"])))
            continue
        p, a = pay.get(day, {}), adj.get(day, {})
        expected = sum(p.get(m, 0) + a.get(m, 0) for m in COUNTED_METHODS) + float_fen
        counted = difference = None
        if row is not None and row.cash_total_fen is not None:
            checked = _loads(row.counted, {})
            counted = row.cash_total_fen + sum(checked.values())
            methods = [CASH] + [m for m in checked]
            difference = counted - sum(p.get(m, 0) + a.get(m, 0) for m in methods) - float_fen
        status = "future" if day > today else (row.status if row else DayClose.OPEN)
        out.append(DaySummary(day, status, v.arrivals, v.released, v.outgoing, expected, counted,
                              difference, sum(a.values())))
    return out


def adjustments_between(first: dt.date, last: dt.date) -> list[AdjustmentRow]:
    return list(_adjustment_rows(_adj_query().where((DayAdjustment.target_day >= first)
                                                    & (DayAdjustment.target_day <= last))))


def get_day_status(day: dt.date) -> str:
    row = DayClose.get_or_none(DayClose.day == day)
    return row.status if row else DayClose.OPEN


def open_items(staff_id: int, now: dt.datetime) -> list:
    """For the handover (交接): recent days whose reconciliation this person has not confirmed yet
    (a count was started, or yesterday had business and no count).  Not assignable: the day's
    two clerks confirm it themselves."""
    today = now.date()
    since = today - dt.timedelta(days=7)
    rows = {_date(r.day): r for r in DayClose.select().where(
        (DayClose.day >= since) & (DayClose.day < today))}
    days = [d for d, r in rows.items() if r.status == DayClose.OPEN
            and staff_id not in (r.first_by_id, r.second_by_id)]
    yesterday = today - dt.timedelta(days=1)
    if yesterday not in rows and Payment.select().where(Payment.day == yesterday).exists():
        days.append(yesterday)
    return [OpenItem("dayclose", d.isoformat(), _("{day}的日结对账还没有确认").format(day=_label(d)),
                     assignable=False)
            for d in sorted(days)]


def _break_into_notes(fen: int) -> dict | None:
    if fen % 10:
        return None
    out = {}
    for d in DENOMINATIONS:
        n, fen = divmod(fen, d)
        if n:
            out[d] = n
    return out
