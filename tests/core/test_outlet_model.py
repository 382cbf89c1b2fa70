"""The whole outlet under random sequences of actions (issue 15, "Proof").

A hypothesis RuleBasedStateMachine drives the core services the way the counter does — intake
bursts (valid, duplicate, bag, garbage), manifest import, release attempts with right and wrong
facts, 代取, problem parcels, return/forward start and dispatch, sign-off and undo, payments, the
clerks' confirmations, day close, the next day, the retention purge (by the manager or the daily
job), backups and a restore — and checks the outlet's guarantees after every step:

* every parcel is in exactly one state, and its status agrees with its last location event;
* no two parcels at the outlet share a pickup code;
* every released parcel went out to its own recipient, confirmed by two facts in that release
  (the model predicts refusal or success from what it knows; the core must agree);
* a closed day's ledger never changes (snapshot, and the live tables behind it), and for
  consecutive closed days closing(d) = opening(d+1);
* every record head office acknowledged is in its store exactly once, and no record is marked
  sent without being there — whatever the receiver answers (down, 500, an empty 200, a web page,
  ``{"ok": true}``, 202/204, a redirect, 400/404/413, an answer naming only some records, or the
  answer lost after storing);
* ``audit verify`` passes, and fails once a tail of the log reaching into the rows anchored
  outside the table (a closed day's record, the last upload) is removed.

A tail removed entirely after the newest anchor cannot be seen until the next close or upload
(that is what the anchors are for); the rule asserts only what the anchors can see.

Retention: after a purge the counts and money are unchanged, closed days' ledgers too, no full
phone is left on a parcel closed more than N days, and verify passes.  A released parcel's phone
may then be masked (the release invariant accepts ``（已清除）`` with no phone).

A restore rolls the outlet back to what the backup held, and the model's own bookkeeping with it (a
copy is kept at each backup).  The restore is the newest row of the restored log and names the rows
it gave up; verify passes, the anchors taken before it (newer backups' manifests, head office's
highest) counting rows given up on purpose.  Head office does not roll back: it keeps what it
acknowledged.  So after a restore the invariant reads: every record the outlet holds as sent is in
head office's store, and head office never stores a key twice — a record sent after the backup is
pending again in the restored outlet, is re-sent with the same idempotency key and is answered as a
duplicate (not stored again); a record the restore gave up entirely stays at head office only.
Head office's highest anchor guards the log again only once an upload after the restore passes it
(the tail-removal rule counts it only then).  Up to ten restores per example, back and forth
across backups of different lines: each restore lists every range it gave up with the time of the
restore that gave it up, and work after a day's close keeps its real time in the log.

After a close, the model goes on working on that day: the manager reverses an uploaded sign-off of
a closed day, a salesman's parcel collected that day is dispatched the next morning or moved to
another bag, and its weight checked again is refused — the closed day's ledger stays as closed.

CI runs a bounded number of examples; ``make stress`` (``OUTLET_DESK_STRESS_EXAMPLES=…``) runs many
more and prints how many it ran.
"""
from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from peewee import fn

from outlet_desk import audit
from outlet_desk.datacare import backup, retention
from outlet_desk.dayclose import dayclose as dc
from outlet_desk.db import close_database
from outlet_desk.errors import DayLocked, DomainError
from outlet_desk.inbound import intake, pickup, problems, returns
from outlet_desk.models import AuditLog, Parcel, ParcelEvent
from outlet_desk.models.dayclose import DayClose
from outlet_desk.models.money import Payment
from outlet_desk.outgoing import outgoing
from outlet_desk.permissions import SYSTEM, Actor
from outlet_desk.shifts import staff
from outlet_desk.signoff import signoff
from outlet_desk.storage import open_database

pytestmark = pytest.mark.sqlite_only      # a template file copied per example

STRESS = int(os.environ.get("OUTLET_DESK_STRESS_EXAMPLES") or 0)
EXAMPLES = STRESS or 40
STEPS = 60 if STRESS else 40
RUNS = {"examples": 0, "steps": 0, "restores": 0, "purged": 0, "resent": 0, "reversed": 0,
        "weights_refused": 0}
MAX_RESTORES = 10

START = dt.datetime(2026, 6, 8, 8, 0)
#: Customers: two share the tail 1234 (a tail alone never identifies anyone).
PHONES = ("13812341234", "13900001234", "13655550366", "15012347777")
NAMES = ("张三", "李四", "陈静", "周强")

STATES = (Parcel.IN_STOCK, Parcel.OUT_FOR_DELIVERY, Parcel.RELEASED, Parcel.DELIVERED,
          Parcel.RETURNING, Parcel.FORWARDING, Parcel.RETURNED, Parcel.FORWARDED)

_TEMPLATE: dict = {}


class _Answer:
    def __init__(self, code: int, body=None, ctype: str = "application/json"):
        self.status_code = code
        self.text = body if isinstance(body, str) else ("" if body is None else json.dumps(body))
        self.headers = {"Content-Type": ctype}

    def json(self):
        return json.loads(self.text)


class Receiver:
    """Head office as the model sees it: a store of records by idempotency key, answering the way
    ``mode`` says — honestly, or as a captive portal / proxy / wrong address would."""
    LIES = ("down", "500", "empty200", "html", "ok", "202", "204", "302", "400", "404", "413",
            "partial", "lost_answer")

    def __init__(self):
        self.store: dict[str, dict] = {}
        self.inserted: list[str] = []
        self.anchor = None
        self.mode = "honest"

    def _take(self, records) -> list[dict]:
        out = []
        for rec in records:
            key = rec.get("idempotency_key")
            if key in self.store:
                # sent before and answered (perhaps the answer was lost, or the outlet restored a
                # backup from before it went): the same record again, recognised by its key
                assert rec == self.store[key], f"{key}: another record under a key already held"
                RUNS["resent"] += 1
                out.append({"key": key, "status": "duplicate"})
            else:
                self.store[key] = rec
                self.inserted.append(key)
                out.append({"key": key, "status": "stored"})
        return out

    def post(self, url, content=None, headers=None):
        import httpx
        body = json.loads(content)
        records = body.get("records", [])
        m = self.mode
        if m == "down":
            raise httpx.ConnectError("connection refused")
        if m in ("500", "400", "404", "413", "302", "202", "204"):
            return _Answer(int(m), "" if m in ("204", "302") else {"status": "queued"})
        if m == "empty200":
            return _Answer(200, "", "text/plain")
        if m == "html":
            return _Answer(200, "<html><body>请先登录 Wi-Fi</body></html>", "text/html")
        if m == "ok":
            return _Answer(200, {"ok": True})
        if body.get("audit_anchor") and (self.anchor is None
                                         or body["audit_anchor"]["rows"] > self.anchor["rows"]):
            self.anchor = body["audit_anchor"]
        results = self._take(records)
        if m == "lost_answer":
            return _Answer(502, "")
        if m == "partial":
            return _Answer(200, {"results": results[: len(results) // 2]})
        return _Answer(200, {"results": results})


def _template() -> Path:
    """A migrated outlet with a manager and two clerks, made once per test session."""
    if "path" not in _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="outlet-model-"))
        path = folder / "template.db"
        open_database(path)
        now = START - dt.timedelta(days=30)
        staff.add_staff("李店长", "manager", "manager803", actor=SYSTEM, now=now)
        staff.add_staff("张丽", "clerk", "1111", actor=SYSTEM, now=now)
        staff.add_staff("王芳", "clerk", "2222", actor=SYSTEM, now=now)
        outgoing.add_salesman("陈建国", actor=SYSTEM, now=now)
        close_database()
        _TEMPLATE["path"] = path
    return _TEMPLATE["path"]


def _photo() -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


class Outlet(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.home = Path(tempfile.mkdtemp(prefix="outlet-run-"))
        shutil.copy(_template(), self.home / "outlet.db")
        open_database(self.home / "outlet.db")
        from outlet_desk import evidence
        evidence.configure(self.home)
        from outlet_desk.models import Staff
        people = {s.name: Actor(s.id, s.name, s.role) for s in Staff.select()}
        self.manager, self.clerk_a, self.clerk_b = people["李店长"], people["张丽"], people["王芳"]
        self.now = START
        self.serial = 0
        self.manifest: dict[str, tuple[str, str]] = {}    # waybill → (name, phone), imported
        self.scanned: list[str] = []                        # waybills taken in
        self.releases: dict[int, tuple] = {}                # parcel id → (code, tail, phone)
        self.snapshots: dict[dt.date, str] = {}             # closed day → snapshot as closed
        self.live_at_close: dict[dt.date, dict] = {}
        self.receiver = Receiver()
        self.backups: dict[Path, tuple] = {}                # backup file → the model as it was
        self.last_restore: dt.datetime | None = None
        self.restores = 0
        RUNS["examples"] += 1

    def teardown(self):
        close_database()
        shutil.rmtree(self.home, ignore_errors=True)

    # -- helpers ---------------------------------------------------------------------------------
    def _step(self):
        RUNS["steps"] += 1
        self.now += dt.timedelta(minutes=1)

    def _new_waybill(self) -> str:
        self.serial += 1
        return f"SF1{self.serial:012d}"

    def _at_outlet(self, **where):
        q = Parcel.select().where(Parcel.status.in_(Parcel.AT_OUTLET))
        return list(q.order_by(Parcel.id))

    def _clerk(self, b: bool) -> Actor:
        return self.clerk_b if b else self.clerk_a

    # -- intake ----------------------------------------------------------------------------------
    @rule(kinds=st.lists(st.tuples(st.sampled_from(["listed", "listed", "valid", "duplicate",
                                                    "bag", "garbage"]),
                                   st.integers(0, len(PHONES) - 1)), min_size=1, max_size=6),
          b=st.booleans())
    def intake_burst(self, kinds, b):
        for kind, who in kinds:
            if kind == "listed":           # on the carrier's manifest: name and phone known
                self._manifest({f"SF1{self.serial + 1:012d}": (NAMES[who], PHONES[who])})
                kind = "valid"
            self._step()
            before = Parcel.select().count()
            if kind == "valid":
                wb = self._new_waybill()
                r = intake.receive_parcel(wb, category=Parcel.PICKUP, actor=self._clerk(b),
                                          now=self.now)
                assert not r.duplicate and r.pickup_code
                self.scanned.append(wb)
                assert Parcel.select().count() == before + 1
            elif kind == "duplicate" and self.scanned:
                wb = self.scanned[-1]
                p = Parcel.get(Parcel.waybill == wb)
                state = (p.status, p.pickup_code, p.updated_at)
                try:
                    r = intake.receive_parcel(wb, category=Parcel.PICKUP, actor=self._clerk(b),
                                              now=self.now)
                except DomainError:
                    r = None
                p = Parcel.get(Parcel.waybill == wb)
                if p.status in Parcel.AT_OUTLET and r is not None:
                    assert r.duplicate
                    assert (p.status, p.pickup_code) == state[:2]
                assert Parcel.select().count() == before
            elif kind in ("bag", "garbage"):
                text = "4" + f"{self.serial:012d}" if kind == "bag" else "扫描枪乱码#"
                with pytest.raises(DomainError):
                    intake.receive_parcel(text, actor=self._clerk(b), now=self.now)
                assert Parcel.select().count() == before

    @rule(n=st.integers(1, 4), who=st.lists(st.integers(0, len(PHONES) - 1), min_size=4,
                                                max_size=4))
    def import_manifest(self, n, who):
        # the next parcels to be scanned
        self._manifest({f"SF1{self.serial + 1 + i:012d}": (NAMES[who[i]], PHONES[who[i]])
                        for i in range(n)})

    def _manifest(self, lines: dict):
        self._step()
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(["运单号", "快递公司", "收件人", "电话", "地址"])
        for wb, (name, phone) in lines.items():
            w.writerow([wb, "顺丰", name, phone, "幸福小区"])
        intake.import_manifest(out.getvalue().encode("utf-8"), filename="m.csv",
                               actor=self.clerk_a, now=self.now)
        self.manifest.update(lines)

    # -- release ---------------------------------------------------------------------------------
    @rule(data=st.data(), mistake=st.sampled_from(["none", "none", "tail", "code", "other_code"]),
          proxy=st.booleans(), some=st.booleans())
    def release(self, data, mistake, proxy, some):
        stock = [p for p in self._at_outlet() if p.recipient_phone and p.pickup_code]
        if not stock:
            return
        self._step()
        anchor = data.draw(st.sampled_from(stock))
        mine = [p for p in stock if p.recipient_phone == anchor.recipient_phone]
        others = [p for p in stock if p.recipient_phone != anchor.recipient_phone]
        code, tail = anchor.pickup_code, anchor.recipient_phone[-4:]
        if mistake == "tail":
            tail = "0000" if tail != "0000" else "9999"
        elif mistake == "code":
            code = "Z-9-9999"
        chosen = mine[:1] if some else mine
        if mistake == "other_code":
            if not others:
                return
            chosen = [data.draw(st.sampled_from(others))]     # someone else's parcel
        if others and mistake == "none":
            # confirmed customer, then someone else's parcel scanned: refused, nothing changes
            confirmed = pickup.identify(code=code, tail=tail)
            stranger = data.draw(st.sampled_from(others))
            with pytest.raises(DomainError, match=pickup.NOT_THIS_CUSTOMER):
                pickup.check_scan(confirmed, stranger.waybill)
        ids = [p.id for p in chosen]
        facts_ok = mistake == "none"
        blocked = any(pickup.blocked_reason(p) for p in chosen)
        cod = sum(p.cod_fen or 0 for p in chosen)
        before = {p.id: p.status for p in Parcel.select()}
        try:
            pickup.release(ids, code=code, tail=tail, proxy=proxy,
                           proxy_name="刘洋" if proxy else None,
                           payment_method="现金" if cod else None,
                           actor=self.clerk_a, now=self.now)
        except DomainError as exc:
            assert not (facts_ok and not blocked), f"right facts refused: {exc}"
            assert {p.id: p.status for p in Parcel.select()} == before     # nothing changed
            return
        assert facts_ok and not blocked, "released with wrong facts"
        for pid in ids:
            self.releases[pid] = (code, tail, anchor.recipient_phone)

    # -- problems, returns, delivery ----------------------------------------------------------
    @rule(data=st.data(), reason=st.sampled_from(["停机", "拒收", "破损"]))
    def open_problem(self, data, reason):
        stock = [p for p in self._at_outlet() if p.status == Parcel.IN_STOCK and not p.problem]
        if not stock:
            return
        self._step()
        p = data.draw(st.sampled_from(stock))
        problems.open_problem(p.id, reason, actor=self.clerk_b, now=self.now)

    @rule(data=st.data())
    def resolve_problem(self, data):
        from outlet_desk.models.problems import ProblemRecord
        open_ = list(ProblemRecord.select().where(ProblemRecord.resolved_at.is_null()))
        if not open_:
            return
        self._step()
        rec = data.draw(st.sampled_from(open_))
        problems.resolve_problem(rec.id, ProblemRecord.STOCK, actor=self.clerk_b, now=self.now)

    @rule(data=st.data(), kind=st.sampled_from(["return", "forward"]), dispatch=st.booleans())
    def return_or_forward(self, data, kind, dispatch):
        stock = [p for p in self._at_outlet() if p.status == Parcel.IN_STOCK and not p.problem]
        if not stock:
            return
        self._step()
        p = data.draw(st.sampled_from(stock))
        info = returns.start_return(parcel_id=p.id, kind=kind, reason="拒收",
                                    dest_code="805" if kind == "forward" else "",
                                    dest_name="城东网点" if kind == "forward" else "",
                                    actor=self.clerk_a, now=self.now, home=self.home)
        if not dispatch:
            with pytest.raises(DomainError):
                returns.dispatch(p.waybill, actor=self.clerk_a, now=self.now, home=self.home)
            return
        returns.confirm_label(info.id, actor=self.clerk_a, now=self.now, home=self.home)
        returns.add_photo(info.id, _photo(), actor=self.clerk_a, now=self.now, home=self.home)
        out = returns.dispatch(p.waybill, actor=self.clerk_a, now=self.now, home=self.home)
        assert Parcel.get_by_id(p.id).status == out.status

    # -- sign-off ----------------------------------------------------------------------------------
    @rule(undo=st.booleans())
    def sign_off(self, undo):
        waiting = list(Parcel.select().where((Parcel.status == Parcel.RELEASED)
                                             & Parcel.signed_at.is_null()))
        if not waiting:
            return
        self._step()
        res = signoff.sign(parcel_ids=[p.id for p in waiting[:3]], actor=self.clerk_b,
                           now=self.now)
        assert res.count == min(3, len(waiting))
        if undo:
            from outlet_desk.models.signoff import Signoff
            last = Signoff.select().where(Signoff.status == Signoff.ACTIVE).order_by(
                Signoff.id.desc()).first()
            signoff.undo(last.id, actor=self.clerk_b, now=self.now)
            assert Parcel.get_by_id(last.parcel_id).signed_at is None

    @rule(data=st.data())
    def undo_an_earlier_sign_off(self, data):
        from outlet_desk.models import Outbox
        from outlet_desk.models.signoff import Signoff
        active = list(Signoff.select().where(Signoff.status == Signoff.ACTIVE))
        if not active:
            return
        self._step()
        s = data.draw(st.sampled_from(active))
        rec = Outbox.get_or_none(Outbox.key == s.outbox_key)
        closed = dc.get_day_status(s.signed_at.date()) == DayClose.CLOSED
        sent = rec is None or rec.status == Outbox.SENT
        try:
            signoff.undo(s.id, actor=self.clerk_b, now=self.now)
        except DomainError:
            assert closed or sent
            return
        assert not closed and not sent

    @rule(data=st.data())
    def manager_reverses_an_uploaded_sign_off(self, data):
        """The manager corrects a sign-off head office holds (uploaded now if it was not yet) — of
        an open or a closed day: one correction is queued, the closed day does not move."""
        from outlet_desk.models import Outbox
        from outlet_desk.models.signoff import Signoff
        from outlet_desk.signoff import upload
        active = list(Signoff.select().where(Signoff.status == Signoff.ACTIVE).order_by(Signoff.id))
        if not active:
            waiting = list(Parcel.select().where((Parcel.status == Parcel.RELEASED)
                                                 & Parcel.signed_at.is_null()).limit(1))
            if not waiting:
                return
            self._step()          # a sign-off of a parcel released earlier, then its correction
            signoff.sign(parcel_ids=[waiting[0].id], actor=self.clerk_b, now=self.now)
            active = list(Signoff.select().where(Signoff.status == Signoff.ACTIVE))
        self._step()
        s = data.draw(st.sampled_from(active))
        rec = Outbox.get_or_none(Outbox.key == s.outbox_key)
        if rec is not None and rec.status == Outbox.PENDING and rec.attempts == 0:
            self.receiver.mode = "honest"
            upload.drain_once(clock=lambda: self.now, force=True, client=self.receiver)
        before = Outbox.select().where(Outbox.kind == "signoff_correction").count()
        signoff.reverse(s.id, "客户未收到，派件员误报", actor=self.manager, now=self.now)
        assert Outbox.select().where(Outbox.kind == "signoff_correction").count() == before + 1
        assert Signoff.get_by_id(s.id).status == Signoff.REVERSED
        RUNS["reversed"] += 1

    # -- outgoing: a salesman's parcels, weighed and dispatched ------------------------------------
    @rule(weight=st.sampled_from(["1.20", "1.25", "2.90"]))
    def salesman_brings_a_parcel(self, weight):
        self._step()
        self.serial += 1
        outgoing.receive_collected("陈建国", f"7730{self.serial:08d}", declared_weight=weight,
                                   declared_fee="10.00", actor=self.clerk_b, now=self.now)

    @rule(data=st.data(), weight=st.sampled_from(["1.20", "1.30", "2.90"]))
    def check_a_salesmans_weight(self, data, weight):
        from outlet_desk.models.outgoing import OutgoingParcel
        collected = list(OutgoingParcel.select().where(
            OutgoingParcel.source == OutgoingParcel.SALESMAN).order_by(OutgoingParcel.id))
        if not collected:
            return
        self._step()
        p = data.draw(st.sampled_from(collected))
        closed = dc.get_day_status(p.received_at.date()) == DayClose.CLOSED
        try:
            outgoing.check_weight(p.waybill, weight, actor=self.clerk_a, now=self.now)
        except DayLocked:
            assert closed
            RUNS["weights_refused"] += 1
            return
        assert not closed, "a closed day's salesman weights changed"

    @rule(data=st.data(), bag=st.sampled_from(["BAG1", "BAG2"]))
    def dispatch_an_outgoing_parcel(self, data, bag):
        from outlet_desk.models.outgoing import OutgoingParcel
        waiting = list(OutgoingParcel.select().where(OutgoingParcel.bag.is_null()
                                                     | (OutgoingParcel.bag != bag))
                       .order_by(OutgoingParcel.id))
        if not waiting:
            return
        self._step()
        p = data.draw(st.sampled_from(waiting))
        outgoing.dispatch(p.waybill, bag, actor=self.clerk_a, now=self.now)

    # -- money -------------------------------------------------------------------------------------
    @rule(method=st.sampled_from(["现金", "微信", "支付宝"]))
    def counter_sending(self, method):
        self._step()
        self.serial += 1
        wb = f"JT0{self.serial:012d}"
        form = outgoing.SendForm(waybill=wb, sender_name="王伟", sender_phone="13812345678",
                                 recipient_name="李娜", recipient_phone="13987654321",
                                 province="广东", city="深圳", item_type="衣物", weight="1.25",
                                 payment_method=method, prohibited_confirmed=True)
        before = Payment.select().count()
        outgoing.send_parcel(form, actor=self.clerk_a, now=self.now)
        assert Payment.select().count() == before + 1

    # -- the day -----------------------------------------------------------------------------------
    @rule(minutes=st.integers(5, 240))
    def time_passes(self, minutes):
        self.now += dt.timedelta(minutes=minutes)

    @rule()
    def next_day(self):
        self.now = dt.datetime.combine(self.now.date() + dt.timedelta(days=1), dt.time(8, 0))

    @rule(manager_tries_to_confirm=st.booleans())
    def close_the_day(self, manager_tries_to_confirm):
        day = self.now.date()
        if dc.get_day_status(day) == DayClose.CLOSED:
            with pytest.raises(DayLocked):
                dc.confirm(day, actor=self.clerk_a, now=self.now)
            return
        self._step()
        led = dc.compute_ledger(day)
        dc.save_count(day, cash_total_fen=led.money_row("现金").expected_fen,
                      actor=self.clerk_a, now=self.now)
        dc.confirm(day, actor=self.clerk_a, now=self.now)
        if manager_tries_to_confirm:
            with pytest.raises(DomainError):
                dc.confirm(day, actor=self.manager, now=self.now)
            with pytest.raises(DomainError):
                dc.close_day(day, actor=self.manager, now=self.now)
        dc.confirm(day, actor=self.clerk_b, now=self.now)
        dc.close_day(day, actor=self.manager, now=self.now)
        row = DayClose.get(DayClose.day == day)
        self.snapshots[day] = row.snapshot
        self.live_at_close[day] = self._live(day)

    # -- upload to head office ----------------------------------------------------------------------
    @rule(mode=st.sampled_from(("honest", "honest") + Receiver.LIES))
    def upload(self, mode):
        from outlet_desk.models import Outbox
        from outlet_desk.signoff import upload
        self._step()
        self.receiver.mode = mode
        upload.drain_once(clock=lambda: self.now, force=True, client=self.receiver)
        if mode == "honest":
            left = Outbox.select().where(Outbox.status == Outbox.PENDING).count()
            assert left == 0, "an honest head office left records pending"

    # -- the audit log -----------------------------------------------------------------------------
    @rule(k=st.integers(1, 60))
    def remove_a_tail_of_the_audit_log(self, k):
        """An attacker drops the guard triggers and deletes the newest ``k`` rows (undone after)."""
        from outlet_desk.db import database
        from outlet_desk.models import AuditLog
        anchors = [a.rows for a in audit.dayclose_anchors()]
        if self._hq_anchor_counts():
            anchors.append(self.receiver.anchor["rows"])
        total = AuditLog.select().count()
        if not anchors or total == 0:
            return
        k = min(k, total)
        db = database.obj
        with db.atomic() as tx:
            for (name,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                          "AND tbl_name = 'audit_log'").fetchall():
                db.execute_sql(f'DROP TRIGGER "{name}"')
            db.execute_sql("DELETE FROM audit_log WHERE id > ?", (total - k,))
            result = audit.verify(hq=audit.Anchor.from_dict(self.receiver.anchor, "总部"))
            tx.rollback()
        if total - k < max(anchors):
            assert not result.ok and "审计日志少了" in result.message(), result.message()
        # a tail entirely newer than every anchor cannot be seen until the next close or upload
        assert audit.verify().ok

    # -- retention ---------------------------------------------------------------------------------
    @rule(days=st.integers(30, 45), later=st.integers(-5, 10), scheduled=st.booleans())
    def retention_purge(self, days, later, scheduled):
        """The purge of old customer data, by the manager (``days`` ≥ the setting's floor) or the
        daily job (the setting's 180 days), about ``days`` (± ``later``) days on."""
        from outlet_desk.models.outgoing import OutgoingParcel
        self.now += dt.timedelta(days=max(0, days + later))
        self._step()
        closed_days = {d: self._live(d) for d in self.snapshots}
        before = self._counts()
        open_phoned = {p.id for p in self._at_outlet() if p.recipient_phone}
        if scheduled:
            due = retention.purge_due(self.now)
            res = retention.scheduled_purge(now=self.now)
            assert (res is not None) == due
            if res is None:
                return
            days = (self.now - res.cutoff).days
        else:
            res = retention.purge(actor=self.manager, now=self.now, days=days)
        RUNS["purged"] += res.parcels
        # counts and money stay; a closed day's ledger does not move
        assert self._counts() == before
        assert {d: self._live(d) for d in closed_days} == closed_days
        cutoff = self.now - dt.timedelta(days=days)
        # no full phone is left on a parcel closed more than N days ago …
        left = (Parcel.select().where(Parcel.status.in_(retention.CLOSED)
                                      & Parcel.recipient_phone.is_null(False)
                                      & (Parcel.updated_at < cutoff)).count())
        assert left == 0
        # … nor on an old outgoing parcel; open parcels keep theirs (the counter still needs them)
        assert not (OutgoingParcel.select().where((OutgoingParcel.received_at < cutoff)
                                                  & OutgoingParcel.sender_phone.is_null(False))
                    .count())
        assert {p.id for p in self._at_outlet() if p.recipient_phone} == open_phoned
        row = AuditLog.select().order_by(AuditLog.id.desc()).first()
        assert row.action == "retention.purge" and json.loads(row.detail)["parcels"] == res.parcels

    def _counts(self) -> dict:
        from outlet_desk.models.outgoing import OutgoingParcel
        by_status = {s: n for s, n in Parcel.select(Parcel.status, fn.COUNT(Parcel.id)).group_by(
            Parcel.status).tuples()}
        money = sorted(Payment.select(Payment.day, Payment.kind, Payment.method,
                                      Payment.amount_fen).tuples())
        return {"parcels": by_status, "money": money, "outgoing": OutgoingParcel.select().count(),
                "today": self._live(self.now.date())}

    # -- backup and restore ------------------------------------------------------------------------
    @rule()
    def take_a_backup(self):
        self._step()
        info = backup.backup_now(self.home, actor=self.manager, reason="manual", now=self.now)
        # the model's own bookkeeping as the backup holds it
        self.backups[info.path] = copy.deepcopy(
            (self.manifest, self.scanned, self.releases, self.snapshots, self.live_at_close))

    @precondition(lambda self: self.restores < MAX_RESTORES)
    @rule(data=st.data(), upload_after=st.booleans())
    def restore_a_backup(self, data, upload_after):
        """The manager restores a backup: the outlet, and the model's expectation of it, roll back
        to what the backup held.  Head office does not roll back: it keeps what it acknowledged."""
        from outlet_desk import evidence
        kept = [p for p in sorted(self.backups) if p.exists()]
        if not kept:
            return
        self._step()
        chosen = data.draw(st.sampled_from(kept))
        kept_rows = audit.anchor_of_file(chosen).rows
        replaced_rows = audit.anchor().rows
        close_database()
        try:
            backup.restore(self.home, chosen, actor=self.manager, now=self.now)
        finally:
            open_database(self.home / "outlet.db")
            evidence.configure(self.home)
        (self.manifest, self.scanned, self.releases, self.snapshots,
         self.live_at_close) = copy.deepcopy(self.backups[chosen])
        self.last_restore = self.now
        RUNS["restores"] += 1
        self.restores += 1
        # the restore is the newest row of the restored log and names the rows it gave up
        row = AuditLog.select().order_by(AuditLog.id.desc()).first()
        assert row.action == audit.RESTORE_ACTION and row.id == kept_rows + 1
        detail = json.loads(row.detail)
        assert detail["kept_rows"] == kept_rows
        assert detail["gave_up_rows"] == max(0, replaced_rows - kept_rows)
        # anchors taken before the restore (newer backups' manifests, head office's highest) count
        # rows given up on purpose: verify passes
        result = audit.verify(home=self.home,
                              hq=audit.Anchor.from_dict(self.receiver.anchor, "总部"))
        assert result.ok, result.message()
        if upload_after:
            # records sent after the backup are pending again: re-sent, head office recognises
            # them by key (not stored twice) and the outlet marks them sent
            from outlet_desk.models import Outbox
            from outlet_desk.signoff import upload
            again = {k for (k,) in Outbox.select(Outbox.key).where(
                Outbox.status == Outbox.PENDING).tuples() if k in self.receiver.store}
            stored = len(self.receiver.inserted)
            self.receiver.mode = "honest"
            upload.drain_once(clock=lambda: self.now, force=True, client=self.receiver)
            assert not Outbox.select().where(Outbox.key.in_(list(again))
                                             & (Outbox.status != Outbox.SENT)).count()
            assert set(self.receiver.inserted[stored:]).isdisjoint(again)

    def _hq_anchor_counts(self) -> bool:
        """Head office's highest anchor guards this log only when it was taken after the last
        restore (one taken before describes rows the restore gave up)."""
        a = audit.Anchor.from_dict(self.receiver.anchor)
        if a is None:
            return False
        if self.last_restore is None:
            return True
        return a.at is not None and audit._ts(self.last_restore) < a.at

    # -- invariants ------------------------------------------------------------------------------
    def _live(self, day):
        d = dc.ledger_to_dict(dc.compute_ledger(day))
        return {"parcels": d["parcels"], "money": d["money"], "outgoing": d["outgoing"]}

    @invariant()
    def every_parcel_is_in_exactly_one_state(self):
        E = ParcelEvent
        located = (E.ARRIVED, E.OUT_FOR_DELIVERY, E.DELIVERED, E.RELEASED, E.RETURNED,
                   E.FORWARDED)
        last = {}
        for pid, kind in (E.select(E.parcel, E.kind).where(E.kind.in_(located))
                          .order_by(E.at, E.id).tuples()):
            last[pid] = kind
        for p in Parcel.select(Parcel.id, Parcel.status, Parcel.waybill):
            assert p.status in STATES, p.status
            assert (p.status in Parcel.AT_OUTLET) == (last.get(p.id) == E.ARRIVED), \
                (p.waybill, p.status, last.get(p.id))

    @invariant()
    def no_two_parcels_at_the_outlet_share_a_pickup_code(self):
        codes = [p.pickup_code for p in self._at_outlet() if p.pickup_code]
        assert len(codes) == len(set(codes))

    @invariant()
    def every_release_had_two_facts_of_its_own_recipient(self):
        released = list(Parcel.select().where(Parcel.released_at.is_null(False)))
        for p in released:
            assert p.id in self.releases, f"{p.waybill} released without a checked release"
            code, tail, phone = self.releases[p.id]
            assert phone.endswith(tail)
            # retention masks the phone of a parcel closed long ago; until then it is the one checked
            assert p.recipient_phone == phone or (p.recipient_phone is None
                                                  and p.recipient_name == retention.PURGED)
            assert code and tail
        for (detail,) in AuditLog.select(AuditLog.detail).where(
                AuditLog.action == "pickup.release").tuples():
            assert json.loads(detail)["by"] == "code+tail"

    @invariant()
    def a_closed_day_stays_closed(self):
        days = sorted(self.snapshots)
        for day in days:
            row = DayClose.get(DayClose.day == day)
            assert row.status == DayClose.CLOSED and row.snapshot == self.snapshots[day]
            assert self._live(day) == self.live_at_close[day], f"{day} changed after its close"
        for d in days:
            nxt = d + dt.timedelta(days=1)
            if nxt in self.snapshots:
                closing = json.loads(self.snapshots[d])["parcels"]["closing"]
                opening = json.loads(self.snapshots[nxt])["parcels"]["opening"]
                assert closing == opening, (d, closing, opening)
            elif days and d == days[-1]:
                # the day after the last closed one opens with what it closed with
                assert dc.compute_ledger(nxt).parcels.opening == \
                    json.loads(self.snapshots[d])["parcels"]["closing"]

    @invariant()
    def acknowledged_uploads_are_at_head_office_exactly_once(self):
        from outlet_desk.models import Outbox
        sent = [k for (k,) in Outbox.select(Outbox.key).where(Outbox.status == Outbox.SENT).tuples()]
        missing = [k for k in sent if k not in self.receiver.store]
        assert not missing, f"marked sent but head office does not hold them: {missing[:3]}"
        assert len(self.receiver.inserted) == len(set(self.receiver.inserted))

    @invariant()
    def audit_verify_passes(self):
        result = audit.verify(hq=audit.Anchor.from_dict(self.receiver.anchor, "总部"))
        assert result.ok, result.message()


Outlet.TestCase.settings = settings(
    max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                           HealthCheck.data_too_large],
    derandomize=not STRESS, print_blob=True)
TestOutlet = Outlet.TestCase


def teardown_module(module):
    if STRESS:
        print(f"\noutlet model: {RUNS['examples']} examples, {RUNS['steps']} steps, "
              f"{RUNS['restores']} restores, {RUNS['purged']} parcels purged, "
              f"{RUNS['resent']} records re-sent and recognised by key, "
              f"{RUNS['reversed']} sign-offs reversed, "
              f"{RUNS['weights_refused']} closed days' weights refused")
    if "path" in _TEMPLATE:
        shutil.rmtree(_TEMPLATE["path"].parent, ignore_errors=True)
