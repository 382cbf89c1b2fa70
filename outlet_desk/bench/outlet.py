# zh-data: the benchmark's synthetic outlet (names, addresses, stored words)
"""The synthetic outlet of ``outlet-desk bench``: N inbound parcels of history and everything an
outlet of that size has around them, written as the app's own flows would have written it.

The schema comes from the app's migrations; staff, settings (the shelf layout), salesmen and the
rate tables are written through the app's services; the history itself is bulk-loaded with raw
``executemany`` (the app's code paths are measured later, not used to load millions of rows), row
for row what the flows write:

* parcels (intake): a carrier mix in each carrier's real waybill format (every number is accepted by
  :func:`outlet_desk.waybill.recognize` as its carrier), 2,000–5,000 a day in a morning
  and an afternoon wave, recipients from a neighbourhood of repeat customers, the ARRIVED event;
  self-pickup parcels get a shelf place and a pickup code by the app's rule (same customer's level
  when there is room, format ``{shelf}-{level}-{tail4}``, ``-2``… while a code is held), their
  :class:`ShelfSlot` while at the outlet;
* pickups (pickup.release): RELEASED event, 本人/代收, 到付 (COD) payments, and a holding fee for
  parcels collected after the storage period; delivery and township parcels go out with a courier
  (OUT_FOR_DELIVERY + :class:`Delivery`) and are reported delivered (DELIVERED);
* sign-off (signoff.sign): two batches a day (13:30, 19:30) sign everything released or delivered
  before them: :class:`Signoff`, SIGNED event, ``Parcel.signed_at`` and the outbox record, which
  the upload worker sends a minute later;
* outgoing parcels: counter sendings (fee from the default rate table, paid by 现金/微信/支付宝/月结/
  到付) and salesmen's collections (declared and checked weights, 现金/微信/月结), each with its
  sending-fee :class:`Payment`, dispatched into bags, with their tracking status;
* service tickets: 5–25 a day from CRM, phone and counter, with the category's deadline, started,
  replied, followed up and closed (most on time), the last days' still open;
* retention: names and phones of parcels, sendings and tickets closed more than 180 days before
  are masked, as the daily purge does.

Everything happens before ``end`` (the last day's 20:00 by default): the outlet's clock stops after
the busy last day, whose ledger the bench reconciles.
"""
from __future__ import annotations

import datetime as dt
import heapq
import json
import os
import random
import sqlite3
import time
from pathlib import Path

#: Bump when the generated data or the schema changes: a cached outlet of another version is rebuilt.
GENERATOR_VERSION = 6


def _rr(r: random.Random, a: int, b: int | None = None) -> int:
    """``r.randrange(a, b)`` for the generator's hot loops, at a fraction of its cost."""
    if b is None:
        a, b = 0, a
    return a + int(r.random() * (b - a))


def _digits(r: random.Random, n: int) -> str:
    return f"{int(r.random() * 10 ** n):0{n}d}"


def _s10(r: random.Random) -> str:
    from ..waybill import s10_check_digit
    serial = _digits(r, 8)
    return f"{r.choice(('EA', 'EB', 'LK', 'CP'))}{serial}{s10_check_digit(serial)}CN"


#: (carrier, share of inbound parcels, waybill maker).  Formats as in services/waybill.PATTERNS;
#: bare numbers never start with "4" (the default bag rule would hold a 13-digit one for a key).
CARRIERS = [
    ("中通", 0.25, lambda r: "7" + r.choice("35") + _digits(r, 12)),              # 14 digits
    ("圆通", 0.18, lambda r: "YT" + r.choice("6789") + _digits(r, 12)),           # YT + 13
    ("韵达", 0.15, lambda r: "3" + r.choice("123") + _digits(r, 11)),             # 13 digits
    ("申通", 0.10, lambda r: ("77" + _digits(r, 13)) if r.random() < 0.8          # 15 digits
        else (r.choice("2356789") + "68" + _digits(r, 9))),                        # x68 + 9
    ("极兔", 0.12, lambda r: "JT" + r.choice("035") + _digits(r, 12)),            # JT + 13
    ("顺丰", 0.07, lambda r: "SF1" + _digits(r, 12)),                             # SF + 13
    ("京东", 0.06, lambda r: ("JDV" + r.choice("ABCDE") + _digits(r, 11)) if r.random() < 0.7
        else ("JD" + _digits(r, 13))),
    ("EMS", 0.05, lambda r: (r.choice(("10", "11", "50", "98")) + _digits(r, 11))
        if r.random() < 0.9 else _s10(r)),
    ("德邦", 0.02, lambda r: "DPK" + r.choice("36") + _digits(r, 11)),            # DPK + 12
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红玲芬燕彬鹏辉晨浩宇欣怡涵轩琪"
PHONE_HEADS = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
               "155", "157", "158", "159", "166", "176", "177", "178", "180", "181", "186", "187",
               "188", "189", "199")
SHELVES = [str(i) for i in range(1, 17)]       # 16 shelves × 5 levels × 100 = 8,000 places
LEVELS = 5
LEVEL_CAPACITY = 100
COURIERS = ("周师傅", "小刘")
ROUTES = ("石桥镇线", "河西乡线", "青山镇线")
SALESMEN = (("陈建国", "13905718803"), ("刘晓东", "13777718803"), ("马志强", "13867118803"))
SIGN_BATCHES = (13 * 3600 + 30 * 60, 19 * 3600 + 30 * 60)    # sign-off at 13:30 and 19:30
PURGE_AT = 7 * 3600 + 55 * 60                                  # the app's first start of the day
PURGED = "（已清除）"
DAY = 86400


def _name(r: random.Random) -> str:
    return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))


def _phone(r: random.Random) -> str:
    return r.choice(PHONE_HEADS) + _digits(r, 8)


class _Clock:
    """Times as whole seconds from midnight of day 0, formatted as peewee/sqlite3 store them."""

    def __init__(self, day0: dt.date, days: int):
        self.day0 = day0
        self.dates = [(day0 + dt.timedelta(days=i)).isoformat() + " " for i in range(days + 40)]
        self.times = [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60)
                      for s in range(60)]

    def __call__(self, sec: int) -> str:
        d, rest = divmod(sec, DAY)
        return self.dates[d] + self.times[rest]

    def date(self, sec: int) -> str:
        return self.dates[sec // DAY][:-1]

    def datetime(self, sec: int) -> dt.datetime:
        return dt.datetime.combine(self.day0, dt.time()) + dt.timedelta(seconds=sec)


def _wave_times(r: random.Random, day_sec: int, count: int) -> list[int]:
    """Arrival scans: 70 % in the morning wave (07:30–11:30), the rest 13:30–16:30, in order."""
    morning = int(count * 0.7)
    out = [day_sec + _rr(r, 27000, 41400) for _ in range(morning)]
    out += [day_sec + _rr(r, 48600, 59400) for _ in range(count - morning)]
    out.sort()
    return out


#: days after arrival a self-pickup parcel is collected (day 0: the same evening)
PICKUP_DAYS = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13)
PICKUP_WEIGHTS = (36, 28, 13, 7, 4, 3, 2, 1.5, 0.8, 0.5, 0.4, 0.3)
#: hour of day a customer comes (09:00–20:59), evening heavy
PICKUP_HOURS = tuple(range(9, 21))
PICKUP_HOUR_WEIGHTS = (3, 4, 4, 5, 4, 4, 5, 6, 9, 12, 12, 8)


def generate(path: Path, parcels: int, *, seed: int = 803, end: dt.datetime | None = None) -> dict:
    """Create the outlet (see the module docstring) at ``path``; returns the meta (also written
    next to it as ``.json``) with samples for the lookups."""
    from .. import settings
    from ..db import close_database
    from ..outgoing import outgoing as outgoing_service
    from ..permissions import SYSTEM
    from ..shifts import staff as staff_service
    from ..storage import open_database

    t0 = time.perf_counter()
    rng = random.Random(seed)
    if end is None:
        end = dt.datetime.combine(dt.date.today(), dt.time(20, 0))
    end = end.replace(microsecond=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building")
    for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        p.unlink(missing_ok=True)

    # -- how many parcels each day: 2,000–5,000, the last (reconciled) day a busy 5,000 ----------
    last = min(5000, parcels)
    counts: list[int] = []
    while sum(counts) < parcels - last:
        counts.append(min(rng.randint(2000, 5000), parcels - last - sum(counts)))
    if len(counts) > 1 and counts[-1] < 2000:      # no short day: spread the rest over the others
        rest = counts.pop()
        for i in range(len(counts) - 1, -1, -1):
            take = min(rest, 5000 - counts[i])
            counts[i] += take
            rest -= take
        counts.append(rest) if rest else None
    counts.append(parcels - sum(counts))
    days = len(counts)
    day0 = end.date() - dt.timedelta(days=days - 1)
    clock = _Clock(day0, days)
    end_sec = int((end - dt.datetime.combine(day0, dt.time())).total_seconds())
    start = dt.datetime.combine(day0, dt.time()) - dt.timedelta(days=30)

    # -- through the app: schema, staff, settings, salesmen, rate tables -------------------------
    open_database(tmp)
    try:
        clerk_infos = [staff_service.add_staff(n, "clerk", pin, actor=SYSTEM, now=start)
                       for n, pin in (("张丽", "1111"), ("王芳", "2222"))]
        manager = staff_service.add_staff("李店长", "manager", "manager803", actor=SYSTEM, now=start)
        settings.update({"shelves.names": SHELVES, "shelves.levels": LEVELS,
                         "shelves.level_capacity": LEVEL_CAPACITY}, actor=SYSTEM, now=start)
        for name, phone in SALESMEN:
            outgoing_service.add_salesman(name, phone, actor=SYSTEM, now=start)
        zones = {z.zone: z for z in outgoing_service.rate_table()}       # fills the defaults
        zone_of = {p: z.zone for z in zones.values() for p in z.provinces}
        routing = {(p, c): outgoing_service.routing_code_for(p, c)
                   for p, cities in outgoing_service._CITIES.items() for c in cities}
        item_types = list(settings.get("outgoing.item_types"))
        deadline_hours = dict(settings.get("tickets.deadline_hours"))
        outlet_code = str(settings.get("outlet.code"))
        retention_days = int(settings.get("retention.days"))
        storage_days = int(settings.get("storage.days"))
    finally:
        close_database()
    clerks = [(c.id, c.name) for c in clerk_infos]
    manager_id = manager.id

    con = sqlite3.connect(tmp)
    # a half-built file is thrown away, so no journal while loading (WAL would write it all twice)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA threads=2")                   # index builds sort in a helper thread
    con.execute("PRAGMA cache_size=-262144")          # 256 MB while loading
    con.execute("PRAGMA temp_store=MEMORY")
    # Secondary indexes of the big tables are dropped while loading and built once at the end
    # (sorting once is far cheaper than keeping ten B-trees in order row by row).
    big = ("parcel", "parcel_event", "shelf_slot", "signoff", "outbox", "delivery", "payment",
           "outgoing_parcel", "ticket", "ticket_event")
    index_sql = [(name, sql) for name, sql in con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
        f"({', '.join('?' for _ in big)})", big)]
    for name, _sql in index_sql:
        con.execute(f'DROP INDEX "{name}"')
    con.execute("BEGIN")

    gen = _Generator(rng, clock, end_sec, clerks, manager_id, outlet_code, retention_days,
                     storage_days, zones, zone_of, routing, item_types, deadline_hours, con)
    t1 = time.perf_counter()
    for d, count in enumerate(counts):
        gen.day(d, count)
    gen.finish()
    t2 = time.perf_counter()
    for _name_, sql in index_sql:
        con.execute(sql)
    con.commit()
    t3 = time.perf_counter()
    # No ANALYZE: the app never runs it, so an outlet's real database has no planner statistics
    # and the bench must measure the plans SQLite makes without them.
    con.execute("PRAGMA journal_mode=WAL")            # as the app keeps it
    con.close()
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    t4 = time.perf_counter()
    meta = {"generator": GENERATOR_VERSION, "parcels": gen.pid, "seed": seed,
            "end": end.isoformat(), "sample": gen.sample, "counts": gen.totals,
            "seconds": {"setup": round(t1 - t0, 1), "rows": round(t2 - t1, 1),
                        "indexes": round(t3 - t2, 1), "finish": round(t4 - t3, 1)}}
    path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False))
    return meta


class _Generator:
    """Walks the days in order; each parcel's whole life is decided when it arrives, its later
    rows (release, sign-off, payments) wait in the bucket of their day, so every table is written
    in time order, as the app would have written it."""

    FLUSH_ROWS = 60_000

    def __init__(self, rng, clock, end_sec, clerks, manager_id, outlet_code, retention_days,
                 storage_days, zones, zone_of, routing, item_types, deadline_hours, con):
        self.r, self.clock, self.end = rng, clock, end_sec
        self.clerks, self.manager_id, self.outlet_code = clerks, manager_id, outlet_code
        self.retention = retention_days * DAY
        self.storage_days = storage_days
        self.zones, self.zone_of, self.routing = zones, zone_of, routing
        self.item_types, self.deadline_hours = item_types, deadline_hours
        self.con = con
        self.pid = 0
        self.parcels: list[tuple] = []
        self.slots: list[tuple] = []
        self.deliveries: list[tuple] = []
        # rows of later days: day index → list of (time, table, row)
        self.later: dict[int, list] = {}
        self.seen: set[str] = set()
        # shelf simulation: held codes, (free time, code, level, phone) heap, parcels per level,
        # each customer's level while one of his parcels is held
        self.held: set[str] = set()
        self.frees: list[tuple] = []
        self.level_n = [0] * (len(SHELVES) * LEVELS)
        self.cust_level: dict[str, list] = {}
        # a neighbourhood: 30,000 households, some receive far more than others
        self.customers = [(_name(rng), _phone(rng)) for _ in range(30_000)]
        cum, total = [], 0.0
        for i in range(len(self.customers)):
            total += 1.0 / (1 + i) ** 0.35
            cum.append(total)
        self.cust_cum = cum
        self.carrier_cum = []
        total = 0.0
        for _n, share, _m in CARRIERS:
            total += share
            self.carrier_cum.append(total)
        self.out_seq = 0
        self.bag_seq = rng.randint(1_000_000, 8_000_000)
        self.crm_seq = 0
        self.recent_waybills: list[tuple] = []     # (waybill, name, phone) of the last days
        self.sample = {"waybills": [], "codes": [], "tails": []}
        self.totals = {"parcels": 0, "events": 0, "signoffs": 0, "outgoing": 0, "payments": 0,
                       "tickets": 0, "ticket_events": 0, "in_stock": 0}
        self.cur = {"events": [], "signoff": [], "outbox": [], "payment": [], "outgoing": [],
                    "ticket": [], "ticket_event": []}
        self.ticket_id = 0
        self.today = 0

    # -- helpers ----------------------------------------------------------------------------------
    def clerk(self):
        return self.clerks[_rr(self.r, len(self.clerks))]

    def _later(self, sec: int, table: str, row: tuple) -> None:
        self.later.setdefault(sec // DAY, []).append((sec, table, row))

    def _emit(self, sec: int, table: str, row: tuple) -> None:
        if sec // DAY <= self.today:
            self.cur[table].append((sec, row))
        else:
            self._later(sec, table, row)

    def _purge_time(self, closed_sec: int) -> int | None:
        """When the daily retention purge (first start of each day) masks a record closed then."""
        t = closed_sec + self.retention
        purge = (t // DAY) * DAY + PURGE_AT
        if purge <= t:
            purge += DAY
        return purge if purge <= self.end else None

    # -- a day ------------------------------------------------------------------------------------
    def day(self, d: int, count: int) -> None:
        self.today = d
        base = d * DAY
        for sec, table, row in self.later.pop(d, ()):
            self.cur[table].append((sec, row))
        for at in _wave_times(self.r, base, count):
            self.parcel(at)
        self.outgoing(d)
        self.tickets(d)
        # the day's rows of every table go out in time order; parcels in batches (finish() ends)
        self.flush(parcels=len(self.parcels) >= self.FLUSH_ROWS)

    # -- inbound parcels --------------------------------------------------------------------------
    def parcel(self, at: int) -> None:
        r = self.r
        self.pid += 1
        pid = self.pid
        i = _bisect(self.carrier_cum, r.random() * self.carrier_cum[-1])
        carrier, _share, make = CARRIERS[min(i, len(CARRIERS) - 1)]
        wb = make(r)
        while wb in self.seen:
            wb = make(r)
        self.seen.add(wb)
        matched = r.random() < 0.97
        if matched:
            name, phone = self.customers[_bisect(self.cust_cum, r.random() * self.cust_cum[-1])]
            tail = phone[-4:]
        else:
            name = phone = tail = None
        c = r.random()
        category = "pickup" if c < 0.87 else ("delivery" if c < 0.96 else "township")
        arrived_by = self.clerk()[0]
        T = self.clock
        at_s = T(at)
        status, released_at, released_by, signer, collector = "in_stock", None, None, None, None
        signed_at = None
        shelf = level = code = courier = route = None
        cod = 0
        updated = at
        events = self.cur["events"]
        events.append((at, (pid, at_s, "arrived", arrived_by,
                            {"pickup": "自取", "delivery": "派送", "township": "乡镇"}[category])))
        leave = None
        if category == "pickup":
            k = PICKUP_DAYS[_bisect(_PICKUP_CUM, r.random() * _PICKUP_CUM[-1])]
            day_start = (at // DAY + k) * DAY
            if k == 0:
                leave = at + _rr(r, 1200, 6 * 3600)
                if leave >= day_start + 21 * 3600:
                    leave = day_start + DAY + 9 * 3600 + _rr(r, 12 * 3600)
            else:
                hour = PICKUP_HOURS[_bisect(_HOUR_CUM, r.random() * _HOUR_CUM[-1])]
                leave = day_start + hour * 3600 + _rr(r, 3600)
            if r.random() < 0.015:
                cod = r.choice((800, 1200, 1500, 2000, 2580, 3000, 3980, 4500, 6800, 9900))
            shelf, level, code = self.shelve(wb, phone, at, leave if leave <= self.end else None)
            if leave <= self.end:
                status, released_at = "released", T(leave)
                clerk_id, clerk_name = self.clerk()
                released_by = clerk_id
                proxy = r.random() < 0.08
                signer = "代收" if proxy else "本人"
                collector = _name(r) if proxy else None
                detail = f"代收 {collector}" if proxy else "本人"
                if cod:
                    method = r.choice(("现金", "微信", "微信", "支付宝", "支付宝"))
                    detail += f" 到付{cod / 100:.2f}元 {method}"
                    self._emit(leave, "payment", (T.date(leave), T(leave), "cod", method, cod, wb,
                                                  clerk_id))
                kept = leave // DAY - at // DAY
                if kept > self.storage_days:
                    fee = 100 * (kept - self.storage_days)
                    self._emit(leave, "payment", (T.date(leave), T(leave), "holding_fee",
                                                  r.choice(("现金", "微信", "支付宝")), fee, wb,
                                                  clerk_id))
                self._emit(leave, "events", (pid, T(leave), "released", clerk_id, detail))
                updated = leave
            else:
                self.totals["in_stock"] += 1
                if code and len(self.sample["codes"]) < 2000 and r.random() < 0.5:
                    self.sample["codes"].append((code, tail or ""))
        else:
            courier = COURIERS[_rr(r, len(COURIERS))]
            if category == "township":
                route = ROUTES[_rr(r, len(ROUTES))]
            # the morning's parcels go out after lunch, the afternoon's the next morning
            day_start = (at // DAY) * DAY
            out = (day_start + 13 * 3600 + _rr(r, 5400)) if at < day_start + 12 * 3600 \
                else (day_start + DAY + 8 * 3600 + 1800 + _rr(r, 3600))
            back = out + _rr(r, 3 * 3600, 6 * 3600)
            if out <= self.end:
                clerk_id = self.clerk()[0]
                status, updated = "out_for_delivery", out
                self._emit(out, "events", (pid, T(out), "out_for_delivery", clerk_id,
                                           f"派件员 {courier}"))
                delivered = None
                reporter = None
                if back <= self.end:
                    status, updated, delivered = "delivered", back, T(back)
                    reporter = self.clerk()[0]
                    self._emit(back, "events", (pid, T(back), "delivered", reporter, "派件员报妥投"))
                    leave = back
                self.deliveries.append((pid, courier, route, T(out), clerk_id, delivered, reporter))
            else:
                self.totals["in_stock"] += 1
                if category == "township":
                    courier = None          # intake gives a township parcel its route only
        # sign-off: the next batch after it left signs it; the upload follows a minute later
        if leave is not None and leave <= self.end:
            day_start = (leave // DAY) * DAY
            batch = next((day_start + b for b in SIGN_BATCHES if day_start + b >= leave),
                         day_start + DAY + SIGN_BATCHES[0])
            if batch <= self.end:
                signed_at = T(batch)
                stype = signer or "本人"
                sname = collector
                clerk_id, clerk_name = self.clerks[(batch // DAY) % len(self.clerks)]
                key = _uuid4_key(r)
                self._emit(batch, "signoff", (pid, stype, sname, signed_at, T(leave), clerk_id,
                                              key, "active"))
                self._emit(batch, "events", (pid, signed_at, "signed", clerk_id,
                                             stype + (f" {sname}" if sname else "")))
                body = signoff_payload(self.outlet_code, wb, carrier, stype, sname, signed_at,
                                       clerk_name, "counter" if status == "released" else "courier",
                                       courier, key)
                sent = batch + 30 + _rr(r, 60)
                self._emit(batch, "outbox", (key, "signoff", body,
                                             signed_at, *(("sent", 1, None, None, T(sent))
                                                          if sent <= self.end else
                                                          ("pending", 0, None, None, None))))
                signer = stype
        # retention: the customer's name and phone of a closed parcel go after 180 days
        if status in ("released", "delivered") and matched:
            purge = self._purge_time(updated)
            if purge is not None:
                name, phone, tail, collector = PURGED, None, None, None
                updated = purge
        self.parcels.append((pid, wb, carrier, category, status, 0, shelf, level, code, name, phone,
                             tail, courier, route, int(matched), at_s, arrived_by, released_at,
                             released_by, signer, collector, signed_at, cod, None, T(updated)))
        if tail and r.random() < 0.01 and len(self.sample["waybills"]) < 5000:
            self.sample["waybills"].append(wb)
            self.sample["tails"].append(tail)
        if matched and r.random() < 0.02:
            self.recent_waybills.append((wb, name, phone))

    def shelve(self, wb: str, phone: str | None, at: int, leave: int | None):
        """The app's pickup-code rule: the customer's own level while it has room, else a level with
        room; code ``{shelf}-{level}-{tail4}``, ``-2``, ``-3`` … while the base is held."""
        r = self.r
        frees = self.frees
        while frees and frees[0][0] <= at:
            _t, code, lv, ph = heapq.heappop(frees)
            self.held.discard(code)
            self.level_n[lv] -= 1
            mine = self.cust_level.get(ph) if ph is not None else None
            if mine is not None and mine[0] == lv:
                mine[1] -= 1
                if mine[1] <= 0:
                    del self.cust_level[ph]
        lv = None
        mine = self.cust_level.get(phone) if phone else None
        if mine is not None and self.level_n[mine[0]] < LEVEL_CAPACITY:
            lv = mine[0]
        if lv is None:
            for _ in range(6):
                cand = _rr(r, len(self.level_n))
                if self.level_n[cand] < LEVEL_CAPACITY:
                    lv = cand
                    break
            else:
                lv = min(range(len(self.level_n)), key=self.level_n.__getitem__)
        shelf, level = SHELVES[lv // LEVELS], lv % LEVELS + 1
        tail4 = wb[-4:] if wb[-1].isdigit() else "".join(ch for ch in wb if ch.isdigit())[-4:]
        base = f"{shelf}-{level}-{tail4}"
        code, n = base, 1
        while code in self.held:
            n += 1
            code = f"{base}-{n}"
        self.held.add(code)
        self.level_n[lv] += 1
        if phone:
            if mine is None:
                self.cust_level[phone] = [lv, 1]
            elif mine[0] == lv:
                mine[1] += 1
        if leave is None:
            self.slots.append((code, self.pid, shelf, level, phone[-4:] if phone else None,
                               self.clock(at)))
        heapq.heappush(frees, (leave if leave is not None else self.end + DAY * 1000, code, lv,
                               phone))
        return shelf, level, code

    # -- outgoing parcels and their money ---------------------------------------------------------
    def outgoing(self, d: int) -> None:
        from ..outgoing.outgoing import _CITIES, compute_fee
        r, T = self.r, self.clock
        base = d * DAY
        provinces = list(_CITIES)
        weights = [{"浙江": 30, "江苏": 10, "上海": 10, "广东": 8, "北京": 6, "安徽": 5}.get(p, 2)
                   for p in provinces]
        total = r.randint(100, 400)
        counter_n = int(total * r.uniform(0.25, 0.45))
        rows = []

        def dest():
            p = r.choices(provinces, weights)[0]
            return p, r.choice(_CITIES[p])

        def waybill():
            self.out_seq += 1
            return f"78{(self.out_seq * 7919 + 1_000_000) % 10 ** 12:012d}"

        # counter sendings, 09:00–18:00, leave with the 18:30 bag (or the next day's)
        evening_bag = self._bag()
        for at in sorted(base + _rr(r, 9 * 3600, 18 * 3600) for _ in range(counter_n)):
            if at > self.end:
                continue
            p, c = dest()
            g = r.choice((200, 350, 500, 800, 1000, 1200, 1750, 2400, 3050, 5600, 8000))
            z = self.zones[self.zone_of[p]]
            fee = compute_fee(z.first_kg_fen, z.extra_kg_fen, g)
            method = r.choices(("现金", "微信", "支付宝", "月结", "到付"), (30, 40, 25, 3, 2))[0]
            clerk_id = self.clerk()[0]
            wb = waybill()
            sent = base + 18 * 3600 + 1800
            disp = (sent, evening_bag, clerk_id) if sent <= self.end else (None, None, None)
            rows.append((wb, "counter", None, _name(r), _phone(r), _name(r), _phone(r), p, c,
                         r.choice(self.item_types), None, g, None, fee, method,
                         self.routing[(p, c)], at, clerk_id, disp, z.zone, 1, 0))
            self._emit(at, "payment", (T.date(at), T(at), "sending_fee", method, fee, wb, clerk_id))
        # salesmen's collections, 16:00–18:30, weighed, scanned out into the salesman's bag
        left = total - counter_n
        for s_index, (salesman, _phone_) in enumerate(SALESMEN):
            n = left // (len(SALESMEN) - s_index)
            left -= n
            at = base + (16 + s_index // 2) * 3600 + _rr(r, 40 * 60)
            bag = self._bag()
            clerk_id = self.clerk()[0]
            for _ in range(n):
                at += _rr(r, 15, 60)
                if at > self.end:
                    break
                p, c = dest()
                declared = r.randint(3, 60) * 50
                z = self.zones[self.zone_of[p]]
                fee = compute_fee(z.first_kg_fen, z.extra_kg_fen, declared)
                checked = declared + (r.choice((-1, 1)) * r.randint(150, 600) if r.random() < 0.08
                                      else r.randint(-40, 40))
                checked = max(10, checked)
                method = r.choices(("现金", "微信", "月结"), (5, 4, 1))[0]
                wb = waybill()
                sent = at + 600 + _rr(r, 1200)
                disp = (sent, bag, clerk_id) if sent <= self.end else (None, None, None)
                rows.append((wb, "salesman", salesman, None, None, None, None, p, c, None, declared,
                             checked, fee, fee, method, self.routing[(p, c)], at,
                             clerk_id, disp, z.zone, 0, int(abs(checked - declared) > 100)))
                self._emit(at, "payment", (T.date(at), T(at), "sending_fee", method, fee, wb,
                                           clerk_id))
        for (wb, source, salesman, sname, sphone, rname, rphone, p, c, item, declared, g, dfee, fee,
             method, rcode, at, clerk_id, (disp_at, bag, disp_by), zone, prohibited, flagged) in rows:
            track = self._tracking(disp_at, c)
            purge = self._purge_time(at)
            if purge is not None and sphone is not None:
                sname = rname = PURGED
                sphone = rphone = None
            self.cur["outgoing"].append((at, (
                wb, source, salesman, sname, sphone, rname, rphone, p, c, item, declared, g, dfee,
                fee, method, rcode, bag, T(at), clerk_id, T(disp_at) if disp_at else None,
                *track[:2], None, zone, prohibited,
                flagged, disp_by if disp_at else None, *track[2:])))

    def _bag(self) -> str:
        self.bag_seq += self.r.randint(3, 30)
        return f"4{self.bag_seq:011d}"

    def _tracking(self, shipped: int | None, city: str) -> tuple:
        """(tracking_status, tracking_updated_at, last_scan_at, last_scan_place, hub_reached_at,
        signed_at) as the carrier's tracking export, imported at 09:00 each day, leaves them: a
        parcel's last import is the first after it was signed, else this morning's."""
        if shipped is None:
            return (None, None, None, None, None, None)
        r, T = self.r, self.clock
        hub = shipped + _rr(r, 3 * 3600, 6 * 3600)
        imported = (self.end // DAY) * DAY + 9 * 3600
        if imported > self.end:
            imported -= DAY
        age = imported - shipped
        if age <= 0:
            return (None, None, None, None, None, None)
        if age > 60 * 3600 or (age > 20 * 3600 and r.random() < 0.6):
            signed = shipped + _rr(r, 18 * 3600, max(19, min(56, age // 3600 - 1)) * 3600)
            seen = (signed // DAY) * DAY + 9 * 3600
            if seen <= signed:
                seen += DAY
            return ("已签收", T(min(seen, imported)), T(signed), f"{city}网点", T(hub), T(signed))
        if age > 8 * 3600:
            last = min(imported - 3600, hub + _rr(r, 6 * 3600, 18 * 3600))
            return ("派送中" if age > 18 * 3600 else "运输中", T(imported), T(last),
                    f"{city}分拨中心", T(hub), None)
        return ("已发出", T(imported), T(shipped), "本网点", None, None)

    # -- service tickets --------------------------------------------------------------------------
    TICKET_CATEGORIES = ("查询", "催件", "延误", "破损", "丢失", "服务态度", "费用", "其他")
    TICKET_WEIGHTS = (30, 25, 12, 8, 5, 8, 7, 5)
    TITLES = {"查询": "查询包裹到哪了", "催件": "客户催促派送", "延误": "包裹超时未到", "破损": "外包装破损",
              "丢失": "包裹显示签收但未收到", "服务态度": "客户反映电话通知不及时",
              "费用": "客户对寄件运费有异议", "其他": "客户要求更改取件时间"}
    SITUATIONS = {"查询": "运单{w}已到达本网点，当前在库待取", "催件": "运单{w}已到达本网点，安排优先派送",
                  "延误": "运单{w}因到件量大延误派送，已核实位置", "破损": "运单{w}到达时外包装破损，已拍照留存",
                  "丢失": "运单{w}在网点及中转记录中未查到后续物流", "服务态度": "已与当班人员核对通知经过",
                  "费用": "运单{w}的运费已按价目表核对", "其他": "已与客户核对取件安排"}
    SOLUTIONS = {"查询": "网点已联系收件人告知取件码和取件时间", "催件": "网点安排今日优先派送并电话通知收件人",
                 "延误": "网点已安排专人优先派送，并向客户致歉", "破损": "网点协助客户提交理赔材料，按破损情况申请赔付",
                 "丢失": "网点已上报遗失并协助客户提交理赔材料", "服务态度": "网点已对当班人员进行教育，并电话向客户致歉",
                 "费用": "按网点价目表核对后多退少补", "其他": "网点按客户要求保留包裹并短信告知"}

    def tickets(self, d: int) -> None:
        from ..tickets.replies import compose
        r, T = self.r, self.clock
        base = d * DAY
        if not self.recent_waybills:
            return
        for created in sorted(base + _rr(r, 8 * 3600 + 1800, 19 * 3600)
                              for _ in range(r.randint(5, 25))):
            if created > self.end:
                continue
            cat = r.choices(self.TICKET_CATEGORIES, self.TICKET_WEIGHTS)[0]
            source = r.choices(("crm", "phone", "counter"), (55, 25, 20))[0]
            wb, name, phone = self.recent_waybills[_rr(r, len(self.recent_waybills))]
            crm = None
            if source == "crm":
                self.crm_seq += 1
                crm = f"CRM{T.date(created).replace('-', '')}{self.crm_seq % 10000:04d}"
            clerk_id, _n = self.clerk()
            self.ticket_id += 1
            tid = self.ticket_id
            due = created + int(self.deadline_hours.get(cat, 48)) * 3600
            label = {"crm": "CRM工单", "counter": "柜台投诉", "phone": "电话"}[source]
            ev = [(created, "opened", clerk_id, f"{label} · {cat}" + (f" · {crm}" if crm else ""))]
            status, replied_at, reply_text, closed_at, rating = "new", None, None, None, None
            started = created + _rr(r, 600, 3600)
            if started <= self.end:
                status = "in_progress"
                ev.append((started, "started", clerk_id, ""))
                late = r.random() < 0.08
                replied = (due + _rr(r, 600, 8 * 3600)) if late \
                    else started + _rr(r, 1800, max(3600, due - started - 1800))
                if replied <= self.end:
                    when = f"{T.datetime(due).month}月{T.datetime(due).day}日{T.datetime(due):%H:%M}前"
                    text = compose(self.SITUATIONS[cat].format(w=wb), self.SOLUTIONS[cat], when)
                    status, replied_at, reply_text = "replied", replied, text
                    ev.append((replied, "replied", clerk_id, text))
                    follow = replied + _rr(r, 2 * 3600, 24 * 3600)
                    if follow <= self.end:
                        status = "follow_up"
                        ev.append((follow, "follow_up", clerk_id, "电话回访，客户确认问题已解决"))
                        close = follow + _rr(r, 600, 4 * 3600)
                        if close <= self.end:
                            rating = r.choices(("满意", "一般", "不满意"), (80, 15, 5))[0]
                            status, closed_at = "closed", close
                            ev.append((close, "closed", clerk_id, rating))
            escalated = (source != "crm" and cat in ("破损", "丢失", "服务态度")
                         and r.random() < 0.1 and created + 3600 <= self.end)
            if escalated:
                ev.append((created + 3600, "escalated", self.manager_id, "严重 · 客户二次投诉，店长跟进"))
            cust_name, cust_phone = name, phone
            digits = phone
            if closed_at is not None and self._purge_time(closed_at) is not None:
                cust_name, cust_phone, digits = PURGED, None, None    # as the daily purge
            self.cur["ticket"].append((created, (
                tid, source, crm, cat, self.TITLES[cat], f"{name}反映：{self.TITLES[cat]}。", wb,
                cust_name, cust_phone, None if status == "new" and crm else clerk_id, status,
                T(created), clerk_id, T(due), T(closed_at) if closed_at else None,
                f"crm_import:crm-{T.date(created)}.csv" if crm else None, int(escalated),
                "严重" if escalated else None, reply_text, T(replied_at) if replied_at else None,
                rating, digits)))
            for at, kind, staff, detail in ev:
                if at <= self.end:
                    self._emit(at, "ticket_event", (tid, T(at), kind, staff, detail))
        # keep the pool of recent waybills small (tickets are about the last days' parcels)
        if len(self.recent_waybills) > 600:
            del self.recent_waybills[:-300]

    # -- writing ----------------------------------------------------------------------------------
    def flush(self, parcels: bool = True) -> None:
        con = self.con
        if parcels and self.parcels:
            con.executemany(
                "INSERT INTO parcel (id, waybill, carrier, category, status, problem, shelf, level, "
                "pickup_code, recipient_name, recipient_phone, phone_tail, courier, route, "
                "manifest_matched, arrived_at, arrived_by_id, released_at, released_by_id, "
                "signer_type, collector_name, signed_at, cod_fen, note, updated_at) VALUES "
                "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", self.parcels)
            self.totals["parcels"] += len(self.parcels)
            self.parcels.clear()
            con.executemany("INSERT INTO delivery (parcel_id, courier, route, out_at, out_by_id, "
                            "delivered_at, reported_by_id) VALUES (?,?,?,?,?,?,?)", self.deliveries)
            self.deliveries.clear()
        statements = {
            "events": "INSERT INTO parcel_event (parcel_id, at, kind, staff_id, detail) "
                      "VALUES (?,?,?,?,?)",
            "signoff": "INSERT INTO signoff (parcel_id, signer_type, signer_name, signed_at, due_at, "
                       "clerk_id, outbox_key, status) VALUES (?,?,?,?,?,?,?,?)",
            "outbox": "INSERT INTO outbox (key, kind, payload, created_at, status, attempts, "
                      "next_attempt_at, last_error, sent_at) VALUES (?,?,?,?,?,?,?,?,?)",
            "payment": "INSERT INTO payment (day, at, kind, method, amount_fen, ref, staff_id) "
                       "VALUES (?,?,?,?,?,?,?)",
            "outgoing": "INSERT INTO outgoing_parcel (waybill, source, salesman, sender_name, "
                        "sender_phone, recipient_name, recipient_phone, province, city, item_type, "
                        "declared_weight_g, weight_g, declared_fee_fen, fee_fen, payment_method, "
                        "routing_code, bag, received_at, received_by_id, dispatched_at, "
                        "tracking_status, tracking_updated_at, note, zone, prohibited_confirmed, "
                        "weight_flagged, dispatched_by_id, last_scan_at, last_scan_place, "
                        "hub_reached_at, signed_at) VALUES "
                        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            "ticket": "INSERT INTO ticket (id, source, crm_number, category, title, detail, waybills, "
                      "customer_name, customer_phone, assignee_id, status, created_at, created_by_id, "
                      "due_at, closed_at, origin, escalated, severity, reply_text, replied_at, "
                      "rating, phone_digits) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            "ticket_event": "INSERT INTO ticket_event (ticket_id, at, kind, staff_id, detail) "
                            "VALUES (?,?,?,?,?)",
        }
        for table, sql in statements.items():
            rows = self.cur[table]
            if not rows:
                continue
            rows.sort(key=lambda x: x[0])
            con.executemany(sql, [row for _at, row in rows])
            key = {"events": "events", "signoff": "signoffs", "outbox": None, "payment": "payments",
                   "outgoing": "outgoing", "ticket": "tickets",
                   "ticket_event": "ticket_events"}[table]
            if key:
                self.totals[key] += len(rows)
            rows.clear()

    def finish(self) -> None:
        self.flush()
        self.con.executemany("INSERT INTO shelf_slot (code, parcel_id, shelf, level, phone_tail, "
                             "assigned_at) VALUES (?,?,?,?,?,?)", self.slots)
        self.slots.clear()


def _uuid4_key(r: random.Random) -> str:
    """``outbox.new_key("signoff")``: ``signoff:`` and a version-4 UUID (from ``r``)."""
    h = f"{r.getrandbits(128):032x}"
    return (f"signoff:{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-"
            f"{h[20:]}")


def signoff_payload(outlet_code, waybill, carrier, signer_type, signer_name, signed_at, clerk, via,
                    courier, key) -> str:
    """The outbox body ``signoff._write_signoffs`` enqueues (``json.dumps(..., ensure_ascii=False)``
    of the same dict, in the same key order), built as text: the values hold no character JSON
    escapes (tests/test_bench_smoke.py compares it with json.dumps)."""
    return (f'{{"outlet_code": "{outlet_code}", "waybill": "{waybill}", "carrier": "{carrier}", '
            f'"signer_type": "{signer_type}", "signer_name": "{signer_name or ""}", '
            f'"signed_at": "{signed_at}", "clerk": "{clerk}", "via": "{via}", '
            f'"courier": "{courier or ""}", "idempotency_key": "{key}", "kind": "signoff"}}')


def _bisect(cum: list[float], x: float) -> int:
    from bisect import bisect_right
    return bisect_right(cum, x)


def _cum(weights) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


_PICKUP_CUM = _cum(PICKUP_WEIGHTS)
_HOUR_CUM = _cum(PICKUP_HOUR_WEIGHTS)


def main(argv: list[str]) -> None:
    """FILE PARCELS: the bench builds its outlet in a child process with this."""
    generate(Path(argv[0]), int(argv[1]))
