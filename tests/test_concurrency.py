"""Several counters, one outlet: two app processes scan at the same time on one database.

Two real processes (each its own connection, the intake core path ``receive_parcel`` in a loop)
take in 5,000 parcels each at the same moment — on one SQLite file (one PC, two windows) and on one
PostgreSQL database (two counter PCs).  Some waybills are scanned by BOTH counters.  Afterwards:

* no pickup code is held twice among parcels at the outlet;
* no scan is lost: every waybill a counter was told "accepted" is stored exactly once, a waybill
  scanned at both counters is stored once and the other counter was told "duplicate";
* the stock counts agree (in-stock parcels, shelf slots, per-level occupancy);
* audited corrections made at both counters form one unbroken audit hash chain.

PostgreSQL needs ``OUTLET_DESK_TEST_PG`` (or ``OUTLET_DESK_CONCURRENCY_PG``) = a server URL whose
role may CREATE DATABASE; locally the PostgreSQL half is skipped without it, in CI (env ``CI``) it
fails.  ``OUTLET_DESK_CONCURRENCY_N`` changes the number of scans per counter (default 5000).

Run as ``python tests/test_concurrency.py worker <json>`` this file is one counter process.
"""
from __future__ import annotations

import collections
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pgurl import with_database

ROOT = Path(__file__).resolve().parent.parent
N = int(os.environ.get("OUTLET_DESK_CONCURRENCY_N", "5000"))
SHARED_EVERY = 10            # every 10th scan of a counter is a waybill the other counter scans too
AUDITED_EVERY = 50           # and every 50th is followed by an audited carrier correction
BASE = dt.datetime(2026, 6, 8, 8, 0, 0)
PG_SERVER = os.environ.get("OUTLET_DESK_CONCURRENCY_PG") or os.environ.get("OUTLET_DESK_TEST_PG")


def _waybill(counter: int, i: int) -> str:
    """SF + 13 digits.  The last four digits (the pickup code's {tail4}) repeat every 100 parcels,
    so codes collide on a level all the time and the suffix rule (-2, -3 …) races between counters."""
    return f"SF{counter}{i:08d}{i % 100:04d}"


def _scans(counter: int, n: int) -> list[str]:
    out = []
    for i in range(n):
        if i % SHARED_EVERY == 0:
            out.append(_waybill(9, i))          # the same waybill, at the same place in both lists
        else:
            out.append(_waybill(counter, i))
    return out


def _phone(i: int) -> str:
    return f"139{(i % 150):08d}"


# ---------------------------------------------------------------------------------------------
# one counter process
def _worker(spec: dict) -> None:
    sys.path.insert(0, str(ROOT))
    from outlet_desk.db import close_database
    from outlet_desk.inbound import intake
    from outlet_desk.permissions import Actor
    from outlet_desk.storage import open_database

    open_database(spec["url"], migrate=False)
    actor = Actor(spec["actor_id"], spec["actor_name"], "clerk")
    scans = _scans(spec["counter"], spec["n"])
    print("ready", flush=True)
    sys.stdin.readline()                        # "go": both counters start together
    results, failures, corrected = [], [], []
    for i, raw in enumerate(scans):
        now = BASE + dt.timedelta(seconds=i)
        try:
            r = intake.receive_parcel(raw, actor=actor, now=now)
        except Exception as exc:                # noqa: BLE001 — a banner line or a crash: both fail
            failures.append([raw, type(exc).__name__, str(exc)])
            continue
        results.append([raw, r.kind, r.parcel_id, r.pickup_code, r.category])
        if r.accepted and i % AUDITED_EVERY == 1:
            # an audited correction now and then: both counters extend the audit chain
            try:
                # Alt+C: the next carrier the number fits (the outlet's pattern 丰网 also fits SF…)
                target = intake.carrier_choices(r.parcel_id)[1]
                intake.change_carrier(r.parcel_id, target, actor=actor, now=now)
                corrected.append(raw)
            except Exception as exc:            # noqa: BLE001
                failures.append([raw, type(exc).__name__, str(exc)])
    close_database()
    Path(spec["out"]).write_text(json.dumps({"results": results, "failures": failures,
                                             "corrected": corrected}),
                                 encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# the test
def _prepare(url: str):
    """Migrate, add the two clerks, import a manifest giving a third of the parcels a phone (so the
    by-phone shelf rule runs too).  Returns the two clerks."""
    from outlet_desk import settings
    from outlet_desk.db import close_database
    from outlet_desk.inbound import intake
    from outlet_desk.permissions import SYSTEM
    from outlet_desk.shifts import staff
    from outlet_desk.storage import open_database

    open_database(url)
    a = staff.add_staff("张丽", "clerk", "1111", actor=SYSTEM, now=BASE).actor()
    b = staff.add_staff("王芳", "clerk", "2222", actor=SYSTEM, now=BASE).actor()
    # an outlet pattern that also fits SF numbers, so every parcel has a carrier to correct to
    settings.update({"waybill.custom_patterns": [{"carrier": "丰网", "regex": r"^SF\d{13}$",
                                                  "example": "SF1000000000000"}]},
                    actor=SYSTEM, now=BASE)
    lines = ["运单号,快递公司,收件人,电话"]
    seen = set()
    for counter in (1, 2):
        for i, wb in enumerate(_scans(counter, N)):
            if i % 3 == 0 and wb not in seen:
                seen.add(wb)
                lines.append(f"{wb},顺丰,客户{i % 150},{_phone(i)}")
    intake.import_manifest("\n".join(lines).encode("utf-8"), filename="到件清单.csv",
                           actor=a, now=BASE)
    close_database()
    return a, b


def _run_counters(url: str, a, b, tmp_path: Path) -> list[dict]:
    procs, outs = [], []
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for counter, actor in ((1, a), (2, b)):
        out = tmp_path / f"counter{counter}.json"
        spec = {"url": url, "counter": counter, "n": N, "actor_id": actor.id,
                "actor_name": actor.name, "out": str(out)}
        procs.append(subprocess.Popen([sys.executable, __file__, "worker", json.dumps(spec)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                      cwd=ROOT, env=env))
        outs.append(out)
    try:
        for p in procs:
            assert p.stdout.readline().strip() == "ready", "a counter process did not start"
        for p in procs:
            p.stdin.write("go\n")
            p.stdin.flush()
        for p in procs:
            assert p.wait(timeout=900) == 0, "a counter process crashed"
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    return [json.loads(o.read_text(encoding="utf-8")) for o in outs]


def _check(url: str, reports: list[dict]) -> None:
    from outlet_desk import audit
    from outlet_desk.db import close_database
    from outlet_desk.inbound import intake
    from outlet_desk.models import AuditLog, Parcel, ParcelEvent
    from outlet_desk.models.intake import ShelfSlot
    from outlet_desk.storage import open_database

    failures = [f for r in reports for f in r["failures"]]
    assert not failures, f"{len(failures)} scans failed, e.g. {failures[:3]}"
    for r in reports:
        assert len(r["results"]) == N

    accepted: dict[str, int] = {}
    duplicates: dict[str, list[int]] = collections.defaultdict(list)
    reported_codes = []
    for r in reports:
        for wb, kind, pid, code, category in r["results"]:
            if kind == intake.ACCEPTED:
                assert wb not in accepted, f"{wb} was accepted at both counters"
                accepted[wb] = pid
                if category == Parcel.PICKUP:
                    reported_codes.append(code)
            else:
                assert kind == intake.DUPLICATE
                duplicates[wb].append(pid)
    shared = {wb for wb in _scans(1, N) if wb.startswith("SF9")}
    # a waybill scanned at both counters: accepted once, the other counter got DUPLICATE
    assert set(duplicates) == shared
    for wb in shared:
        assert wb in accepted and duplicates[wb] == [accepted[wb]], wb
    assert len(accepted) == 2 * N - len(shared)
    # the pickup codes the clerks wrote on the parcels are all different
    assert len(reported_codes) == len(set(reported_codes)) == len(accepted)

    open_database(url, migrate=False)
    try:
        stored = collections.Counter(wb for (wb,) in Parcel.select(Parcel.waybill).tuples())
        assert set(stored) == set(accepted), "a scan was lost or a parcel appeared from nowhere"
        assert max(stored.values()) == 1
        ids = dict(Parcel.select(Parcel.waybill, Parcel.id).tuples())
        assert ids == accepted

        in_stock = Parcel.select().where(Parcel.status == Parcel.IN_STOCK)
        assert in_stock.count() == len(accepted)
        pickup = list(in_stock.where(Parcel.category == Parcel.PICKUP)
                      .select(Parcel.id, Parcel.pickup_code, Parcel.shelf, Parcel.level).tuples())
        codes = [code for _, code, _, _ in pickup]
        assert None not in codes
        assert len(codes) == len(set(codes)), "a pickup code was given twice"
        assert sorted(codes) == sorted(reported_codes)
        slots = {pid: (code, shelf, level) for pid, code, shelf, level in
                 ShelfSlot.select(ShelfSlot.parcel, ShelfSlot.code, ShelfSlot.shelf,
                                  ShelfSlot.level).tuples()}
        assert len(slots) == len(pickup)
        assert slots == {pid: (code, shelf, level) for pid, code, shelf, level in pickup}
        by_level = collections.Counter((shelf, level) for _, _, shelf, level in pickup)
        occupancy = intake.level_occupancy()
        assert occupancy == dict(by_level)
        assert sum(occupancy.values()) == len(pickup)
        counts = intake.today_counts(BASE.date())
        assert counts["total"] == len(accepted)
        # both counters' audited corrections are in one unbroken hash chain
        corrected = [wb for r in reports for wb in r["corrected"]]
        assert corrected
        assert sorted(wb for (wb,) in Parcel.select(Parcel.waybill).join(
            ParcelEvent, on=(ParcelEvent.parcel == Parcel.id))
            .where(ParcelEvent.kind == ParcelEvent.CORRECTED).tuples()) == sorted(corrected)
        assert AuditLog.select().where(AuditLog.action == "intake.change_carrier").count() \
            == len(corrected)
        result = audit.verify()
        assert result.ok, result.message()
    finally:
        close_database()


@pytest.mark.slow
def test_two_windows_on_one_sqlite_file(tmp_path):
    url = "sqlite:///" + str(tmp_path / "outlet.db")
    a, b = _prepare(url)
    _check(url, _run_counters(url, a, b, tmp_path))


@pytest.fixture
def pg_url():
    if not PG_SERVER:
        if os.environ.get("CI"):
            pytest.fail("CI must run the concurrency test on PostgreSQL: set OUTLET_DESK_TEST_PG")
        pytest.skip("no PostgreSQL server (set OUTLET_DESK_TEST_PG)")
    import psycopg2

    name = f"od_concurrency_{os.getpid()}"

    def admin(sql):
        con = psycopg2.connect(PG_SERVER)
        con.autocommit = True
        try:
            con.cursor().execute(sql)
        finally:
            con.close()
    admin(f"DROP DATABASE IF EXISTS {name}")
    admin(f"CREATE DATABASE {name}")
    yield with_database(PG_SERVER, name)
    from outlet_desk.db import close_database
    close_database()
    admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.mark.slow
def test_two_counters_on_one_postgresql(pg_url, tmp_path):
    a, b = _prepare(pg_url)
    _check(pg_url, _run_counters(pg_url, a, b, tmp_path))


if __name__ == "__main__" and sys.argv[1:2] == ["worker"]:
    _worker(json.loads(sys.argv[2]))
