"""The benchmark runs at a small size and writes its JSON (timings are not asserted here)."""
import json

from outlet_desk.cli import main
from outlet_desk.db import close_database


def test_bench_smoke_writes_every_figure(tmp_path, capsys):
    out = tmp_path / "bench.json"
    assert main(["--home", str(tmp_path), "bench", "--parcels", "20000", "--wedge-seconds", "2", "--json", str(out)]) == 0
    close_database()
    data = json.loads(out.read_text())
    names = {f["name"] for f in data["figures"]}
    assert data["parcels"] == 20000
    assert {"floor: raw durable commit p99", "lookup by waybill p99", "start to usable window"} <= names
    # every figure either has a value or says why not
    for f in data["figures"]:
        assert f["value"] is not None or f["note"], f
    assert "measure" in capsys.readouterr().out


def test_generated_outlet_is_what_the_app_would_have_written(tmp_path):
    """A small synthetic outlet, read back through the app: waybills its recogniser accepts as
    their carrier, statuses that agree with the events (every day's ledger balances), shelf codes
    held once in the app's format, money, outgoing parcels, tickets and sign-offs that fit the
    models' rules and point at real rows."""
    import datetime as dt
    import re

    from peewee import fn

    from outlet_desk import settings, waybill
    from outlet_desk.bench.outlet import CARRIERS, generate
    from outlet_desk.dayclose import dayclose
    from outlet_desk.models import Outbox, Parcel, ParcelEvent, Staff
    from outlet_desk.models.intake import ShelfSlot
    from outlet_desk.models.money import Payment
    from outlet_desk.models.outgoing import OutgoingParcel, Salesman
    from outlet_desk.models.signoff import Signoff
    from outlet_desk.models.tickets import Ticket, TicketEvent
    from outlet_desk.outgoing import outgoing
    from outlet_desk.storage import open_database

    end = dt.datetime(2026, 6, 10, 20, 0)
    db_file = tmp_path / "outlet.db"
    meta = generate(db_file, 30000, end=end)      # nine days: some kept past the storage period
    assert meta["parcels"] == 30000
    open_database(db_file)
    try:
        # waybills: every one is recognised as the carrier it was stored with
        rules = settings.get("waybill.bag_rules")
        rows = list(Parcel.select(Parcel.waybill, Parcel.carrier).tuples())
        assert {c for _w, c in rows} == {name for name, _s, _m in CARRIERS}
        for wb, carrier in rows:
            assert waybill.recognize(wb, prefer=carrier, bag_rules=rules).carrier == carrier, wb

        # every day's ledger balances; the last day's closing stock is what is at the outlet
        day = dt.date.fromisoformat(meta["end"][:10])
        first = Parcel.select(fn.MIN(Parcel.arrived_at)).scalar()
        d = (first if isinstance(first, dt.datetime) else dt.datetime.fromisoformat(first)).date()
        while d <= day:
            led = dayclose.ledger(d, today=day)
            assert led.parcels.balanced, d
            d += dt.timedelta(days=1)
        assert led.parcels.arrivals == 5000
        here = Parcel.select().where(Parcel.status.in_(Parcel.AT_OUTLET)).count()
        assert led.parcels.closing == led.shelf.system_count == here > 0
        # … because each parcel's last location event says where its status says it is
        last = {}
        for pid, kind in (ParcelEvent.select(ParcelEvent.parcel, ParcelEvent.kind)
                          .where(ParcelEvent.kind.in_(dayclose.LOCATION_KINDS))
                          .order_by(ParcelEvent.at, ParcelEvent.id).tuples()):
            last[pid] = kind
        for pid, status in Parcel.select(Parcel.id, Parcel.status).tuples():
            assert last[pid] == {"in_stock": "arrived", "released": "released",
                                 "delivered": "delivered",
                                 "out_for_delivery": "out_for_delivery"}[status], pid

        # shelf: one held code per self-pickup parcel at the outlet, unique, in the app's format,
        # on the outlet's shelves
        names = settings.get("shelves.names")
        levels = settings.get("shelves.levels")
        slots = list(ShelfSlot.select(ShelfSlot, Parcel).join(Parcel))
        assert len(slots) == len({s.code for s in slots}) == Parcel.select().where(
            Parcel.status == Parcel.IN_STOCK, Parcel.category == Parcel.PICKUP).count()
        for s in slots:
            assert s.code == s.parcel.pickup_code
            assert re.fullmatch(rf"{s.shelf}-{s.level}-\d{{4}}(-\d+)?", s.code), s.code
            assert s.shelf in names and 1 <= s.level <= levels

        # sign-off: most parcels that left are signed, each by one sign-off with its uploaded record
        gone = Parcel.select().where(Parcel.status.in_((Parcel.RELEASED, Parcel.DELIVERED)))
        signed = gone.where(Parcel.signed_at.is_null(False)).count()
        assert signed > 0.9 * gone.count()
        assert Signoff.select().count() == signed
        outbox = {o.key: o for o in Outbox.select()}
        for s in Signoff.select(Signoff, Parcel).join(Parcel).limit(300):
            rec = outbox[s.outbox_key]
            body = json.loads(rec.payload)
            assert (body["waybill"], body["idempotency_key"], body["kind"]) == \
                (s.parcel.waybill, s.outbox_key, "signoff")
            assert s.parcel.signed_at == s.signed_at and rec.sent_at >= s.signed_at
            assert json.dumps(body, ensure_ascii=False) == rec.payload
        yesterday = dayclose.ledger(day - dt.timedelta(days=1), today=day).parcels
        assert yesterday.signed == yesterday.uploaded > 0

        # money: valid kinds and methods, each payment for a real parcel and its amount
        fees = dict(OutgoingParcel.select(OutgoingParcel.waybill, OutgoingParcel.fee_fen).tuples())
        cods = dict(Parcel.select(Parcel.waybill, Parcel.cod_fen).where(Parcel.cod_fen > 0).tuples())
        kinds = set()
        for p in Payment.select():
            kinds.add(p.kind)
            assert p.kind in Payment.KINDS and p.method in Payment.METHODS
            assert p.day == p.at.date()
            if p.kind == Payment.SENDING_FEE:
                assert fees[p.ref] == p.amount_fen
            elif p.kind == Payment.COD:
                assert cods[p.ref] == p.amount_fen and p.method != "到付"
        assert kinds == set(Payment.KINDS)
        assert any(r.expected_fen for r in led.money)

        # outgoing: counter sendings priced by the rate table, salesmen from the list, bags
        sources = {o.source for o in OutgoingParcel.select()}
        assert sources == {OutgoingParcel.COUNTER, OutgoingParcel.SALESMAN}
        salesmen = {n for (n,) in Salesman.select(Salesman.name).tuples()}
        for o in OutgoingParcel.select().limit(500):
            if o.source == OutgoingParcel.COUNTER:
                assert o.fee_fen == outgoing.quote(o.province, o.city, o.weight_g).fee_fen
            else:
                assert o.salesman in salesmen and o.declared_weight_g and o.weight_g
            assert o.dispatched_at is None or o.bag.startswith("4")
        assert led.counter_outgoing > 0 and led.salesmen

        # tickets: the category's deadline, closed ones rated, some still open at the end
        deadline = settings.get("tickets.deadline_hours")
        tickets = list(Ticket.select())
        assert len(tickets) >= 5 * 3
        for t in tickets:
            assert t.status in Ticket.STATUSES and t.source in Ticket.SOURCES
            assert t.due_at - t.created_at == dt.timedelta(hours=deadline[t.category])
            assert (t.status == Ticket.CLOSED) == (t.closed_at is not None) == (t.rating is not None)
        assert any(t.status == Ticket.CLOSED for t in tickets)
        assert any(t.status in Ticket.OPEN_STATUSES for t in tickets)
        assert TicketEvent.select().where(TicketEvent.kind == TicketEvent.OPENED).count() == len(tickets)

        # every staff reference is a person on the staff list
        staff = {i for (i,) in Staff.select(Staff.id).tuples()}
        for column in (Parcel.arrived_by, Parcel.released_by, ParcelEvent.staff, Payment.staff,
                       OutgoingParcel.received_by, Ticket.assignee, Signoff.clerk):
            used = {i for (i,) in column.model.select(column).distinct().tuples() if i is not None}
            assert used and used <= staff, column
    finally:
        close_database()
