"""Crash safety: the REAL app process (offscreen) takes a 1,000-scan burst through its intake screen
and is killed with SIGKILL at seeded points; a batch sign-off and an upload are killed the same way.

After every kill: every scan the app acknowledged is in the database, no parcel is half-written,
every sign-off has its outbox record, ``outlet-desk check`` passes, and in the end the receiver holds
every signed record exactly once.  The kill points are chosen by a fixed seed and counted in
acknowledged scans / finished batches / server requests, never in wall-clock time.

The app is driven from outside by ``python -m devtools.scripted_app`` (the real app with a script).
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261124

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform.startswith("win"),
                                                     reason="SIGKILL is POSIX")]


def _env(**extra):
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    env.pop("OUTLET_DESK_TEST_PG", None)
    env.update(extra)
    return env


def _py(code: str, *args, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *map(str, args)],
                            env=_env(), cwd=ROOT, stdout=subprocess.PIPE, text=True, **kw)


def _run_py(code: str, *args) -> str:
    proc = _py(code, *args, stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    return out


SETUP = """
    import datetime as dt, sys
    from outlet_desk.storage import open_database
    from outlet_desk.permissions import SYSTEM
    from outlet_desk.shifts import staff
    open_database(sys.argv[1] + "/outlet.db")
    now = dt.datetime.now().replace(microsecond=0)
    staff.add_staff("张丽", "clerk", "1111", actor=SYSTEM, now=now)
"""


def _check(home: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "outlet_desk", "--home", str(home), "check"],
                          env=_env(), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "检查通过" in proc.stdout


def _query(home: Path, sql: str):
    con = sqlite3.connect(home / "outlet.db")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def _assert_intake_sound(home: Path, acked: set[str]) -> set[str]:
    stored = {w for (w,) in _query(home, "SELECT waybill FROM parcel")}
    assert acked <= stored, f"acknowledged but lost: {sorted(acked - stored)[:5]}"
    assert _query(home, "SELECT count(*) FROM parcel p WHERE NOT EXISTS (SELECT 1 FROM parcel_event e "
                        "WHERE e.parcel_id = p.id AND e.kind = 'arrived')") == [(0,)]
    assert _query(home, "SELECT count(*) FROM parcel WHERE category = 'pickup' AND status = 'in_stock' "
                        "AND (shelf IS NULL OR level IS NULL OR pickup_code IS NULL)") == [(0,)]
    assert _query(home, "SELECT count(*) FROM parcel p WHERE category = 'pickup' AND status = 'in_stock' "
                        "AND NOT EXISTS (SELECT 1 FROM shelf_slot s WHERE s.parcel_id = p.id "
                        "AND s.code = p.pickup_code)") == [(0,)]
    assert _query(home, "SELECT count(*) FROM (SELECT pickup_code FROM parcel WHERE status = 'in_stock' "
                        "AND pickup_code IS NOT NULL GROUP BY pickup_code HAVING count(*) > 1)") == [(0,)]
    _check(home)
    return stored


def test_scan_burst_survives_repeated_sigkill(tmp_path):
    rng = random.Random(SEED)
    home = tmp_path / "outlet"
    home.mkdir()
    _run_py(SETUP, home)
    waybills = []
    while len(waybills) < 1000:
        w = "SF" + "".join(rng.choice("0123456789") for _ in range(13))
        if w not in waybills:
            waybills.append(w)
    kill_points = sorted(rng.sample(range(40, 960), 4))     # in acknowledged scans
    acked: set[str] = set()
    kills = 0
    for run in range(len(kill_points) + 1):
        todo = [w for w in waybills if w not in acked]
        script = tmp_path / f"script{run}.txt"
        script.write_text("login 张丽 1111\n" + "\n".join(todo) + "\n", encoding="utf-8")
        with open(tmp_path / f"app{run}.err", "w") as err:
            proc = subprocess.Popen([sys.executable, "-m", "devtools.scripted_app", "--home", str(home),
                                     str(script)], env=_env(), cwd=ROOT,
                                    stdout=subprocess.PIPE, stderr=err, text=True)
            killed = False
            try:
                for line in proc.stdout:
                    verb, _, waybill = line.strip().partition(" ")
                    if verb == "ACK":
                        acked.add(waybill)
                        if run < len(kill_points) and len(acked) >= kill_points[run]:
                            _kill(proc)
                            killed = True
                            kills += 1
                            break
                    elif verb == "DONE":
                        break
            finally:
                if proc.poll() is None and not killed:
                    proc.wait(timeout=120)
        if not killed:
            assert proc.returncode == 0, (tmp_path / f"app{run}.err").read_text()
        stored = _assert_intake_sound(home, acked)
    assert kills == len(kill_points)
    # every scan of the burst is in, each once (a scan in flight at a kill came back as a duplicate)
    assert stored == set(waybills)
    assert _query(home, "SELECT count(*) FROM parcel") == [(1000,)]
    # the retention job ran by itself at start-up, as the system, once a day (not once per start)
    purges = _query(home, "SELECT actor_name FROM audit_log WHERE action = 'retention.purge'")
    assert 1 <= len(purges) <= 2 and {p for (p,) in purges} == {"系统"}


SIGNER = """
    import datetime as dt, sys
    from outlet_desk.db import write_tx
    from outlet_desk.storage import open_database
    from outlet_desk.models import Parcel, ParcelEvent
    from outlet_desk.models.core import Staff
    from outlet_desk.permissions import Actor
    from outlet_desk.signoff import signoff
    open_database(sys.argv[1] + "/outlet.db")
    s = Staff.get(Staff.name == "张丽")
    clerk = Actor(id=s.id, name=s.name, role=s.role)
    now = dt.datetime.now().replace(microsecond=0)
    for b in range(int(sys.argv[2])):
        with write_tx():
            for i in range(25):
                w = f"YT{b:05d}{i:08d}"
                if not Parcel.select().where(Parcel.waybill == w).exists():
                    p = Parcel.create(waybill=w, carrier="圆通", category="pickup", status=Parcel.RELEASED,
                                      recipient_name="张三", recipient_phone="13812341234",
                                      phone_tail="1234", arrived_at=now, updated_at=now,
                                      released_at=now, signer_type="本人")
                    ParcelEvent.create(parcel=p, at=now, kind=ParcelEvent.ARRIVED)
        if signoff.queue_count():
            signoff.sign(flt=None, actor=clerk, now=now)
        print(f"SIGNED {b}", flush=True)
"""


def _assert_signoff_sound(home: Path) -> None:
    # every sign-off has its outbox record and its SIGNED event; nobody is signed twice
    assert _query(home, "SELECT count(*) FROM signoff s WHERE NOT EXISTS "
                        "(SELECT 1 FROM outbox o WHERE o.key = s.outbox_key)") == [(0,)]
    assert _query(home, "SELECT count(*) FROM (SELECT parcel_id FROM signoff GROUP BY parcel_id "
                        "HAVING count(*) > 1)") == [(0,)]
    assert _query(home, "SELECT count(*) FROM signoff") == _query(
        home, "SELECT count(*) FROM parcel_event WHERE kind = 'signed'")
    _check(home)


class _HangOn:
    """The receiver's fault switch, scripted by request number: request N is stored, then hangs
    (no answer) until the test has killed the uploader."""

    def __init__(self, server, hang_at: set[int]):
        self.server, self.hang_at, self.n = server, hang_at, 0
        self.stored = threading.Event()
        self.hanging = False
        self.lock = threading.Lock()
        add = server.store.add

        def add_then_signal(*args, **kw):
            out = add(*args, **kw)
            if self.hanging:
                self.stored.set()
            return out

        server.store.add = add_then_signal
        server.faults.take = self.take
        server.faults.hang_seconds = 120

    def take(self) -> str:
        with self.lock:
            self.n += 1
            self.hanging = self.n in self.hang_at
            return "hang" if self.hanging else "none"


def test_batch_signoff_and_upload_survive_repeated_sigkill(tmp_path):
    from devtools.hqserver import serve_in_thread
    rng = random.Random(SEED + 1)
    home = tmp_path / "outlet"
    home.mkdir()
    _run_py(SETUP, home)
    batches = 8
    # -- batch sign-off, killed after seeded batches
    for stop_after in sorted(rng.sample(range(1, batches - 1), 3)):
        proc = _py(SIGNER, home, batches)
        try:
            for line in proc.stdout:
                if line.startswith("SIGNED") and int(line.split()[1]) >= stop_after:
                    _kill(proc)
                    break
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        _assert_signoff_sound(home)
    _run_py(SIGNER, home, batches)
    _assert_signoff_sound(home)
    signed = _query(home, "SELECT count(*) FROM signoff")[0][0]
    assert signed == batches * 25

    # -- upload, killed while the receiver holds an unanswered batch, three times
    server = serve_in_thread(port=0, db_path=tmp_path / "hq.db", token="t0k")
    try:
        _run_py("""
            import datetime as dt, sys
            from outlet_desk import settings
            from outlet_desk.storage import open_database
            from outlet_desk.permissions import SYSTEM
            open_database(sys.argv[1] + "/outlet.db")
            settings.update({"upload.url": sys.argv[2], "upload.token": "t0k", "upload.batch_size": 9,
                             "upload.timeout_seconds": 120}, actor=SYSTEM,
                            now=dt.datetime.now().replace(microsecond=0))
        """, home, server.url)
        offsets = [rng.randint(2, 5) for _ in range(3)]   # the run's Nth request hangs
        switch = _HangOn(server, set())
        kills = 0
        for _ in range(len(offsets) + 1):
            if kills < len(offsets):
                switch.hang_at = {switch.n + offsets[kills]}
            else:
                switch.hang_at = set()
            switch.stored.clear()
            proc = subprocess.Popen([sys.executable, "-m", "outlet_desk", "--home", str(home), "upload",
                                     "--once", "--as", "张丽"], env=_env(OUTLET_DESK_PASSWORD="1111"),
                                    cwd=ROOT, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True)
            try:
                if switch.hang_at:
                    assert switch.stored.wait(timeout=120), "the receiver never got the batch to hang on"
                    _kill(proc)
                    kills += 1
                else:
                    out, err = proc.communicate(timeout=120)
                    assert proc.returncode == 0, out + err
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
            _assert_signoff_sound(home)
        assert kills == len(offsets)
        held = [r["key"] for r in server.store.records(limit=100000)]
        local = [k for (k,) in _query(home, "SELECT key FROM outbox")]
        assert len(held) == len(set(held)) == signed          # every record stored exactly once
        assert sorted(held) == sorted(local)
        assert _query(home, "SELECT count(*) FROM outbox WHERE status != 'sent'") == [(0,)]
        assert server.store.summary()["duplicates_ignored"] >= kills * 9
    finally:
        server.release.set()
        server.stop()
