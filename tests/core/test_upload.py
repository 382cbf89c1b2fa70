"""Upload to the reference receiver over real HTTP on loopback: every fault mode ends with every
record stored exactly once; a 422 is shown, fixed, resent and accepted; SIGKILL mid-upload resumes."""
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from outlet_desk import settings
from outlet_desk.db import close_database
from outlet_desk.hqserver import serve_in_thread
from outlet_desk.models import Outbox, Parcel
from outlet_desk.services import outbox, signoff, upload

from ..factories import make_parcel

NOW = dt.datetime(2026, 6, 7, 11, 0)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def hq(tmp_path):
    server = serve_in_thread(port=0, db_path=tmp_path / "hq.db", token="t0k")
    yield server
    server.stop()


def control(server, **data):
    r = httpx.post(f"http://127.0.0.1:{server.port}/control", json=data, timeout=5)
    r.raise_for_status()


def point_at(server, manager, batch=10, timeout=1):
    settings.update({"upload.url": server.url, "upload.token": "t0k", "upload.batch_size": batch,
                     "upload.timeout_seconds": timeout}, actor=manager, now=NOW)


def sign_some(clerk, n, prefix="YT"):
    for i in range(n):
        make_parcel(f"{prefix}{i:013d}", status=Parcel.RELEASED, released_at=NOW,
                    signer_type="本人")
    return signoff.sign(flt=None, actor=clerk, now=NOW)


def drain_until_done(rounds=40):
    """Bounded: a drain per simulated minute, ignoring nothing but the wall clock."""
    results = []
    for i in range(rounds):
        at = NOW + dt.timedelta(minutes=15 * (i + 1))
        results.append(upload.drain_once(clock=lambda at=at: at))
        if outbox.pending_count() == 0:
            return results
    raise AssertionError(f"still pending after {rounds} drains: {results[-1]}")


def stored_keys(server):
    recs = server.store.records(limit=100000)
    return [r["key"] for r in recs]


def assert_exactly_once(server):
    local = [k for (k,) in Outbox.select(Outbox.key).tuples()]
    held = stored_keys(server)
    assert sorted(held) == sorted(local)
    assert len(set(held)) == len(held)
    assert Outbox.select().where(Outbox.status != Outbox.SENT).count() == 0


def test_clean_upload_marks_sent_only_what_the_server_confirmed(clerk, manager, hq):
    point_at(hq, manager)
    sign_some(clerk, 25)
    seen = []
    result = upload.drain_once(clock=lambda: NOW, progress=lambda d, t: seen.append((d, t)))
    assert result.sent == 25 and result.batches == 3 and result.error is None
    assert seen[-1] == (25, 25)
    assert_exactly_once(hq)
    body = hq.store.records(limit=1)[0]["payload"]
    assert body["kind"] == "signoff" and body["idempotency_key"].startswith("signoff:")


@pytest.mark.parametrize("fault", ["500", "429", "hang", "drop"])
def test_every_fault_mode_ends_with_each_record_stored_once(clerk, manager, hq, fault):
    point_at(hq, manager)
    sign_some(clerk, 23)
    control(hq, fault=fault, count=2, hang_seconds=3)
    results = drain_until_done()
    assert results[0].error, "the fault must be noticed"
    assert_exactly_once(hq)
    if fault in ("hang", "drop"):                   # stored before the failure: sent again, ignored
        assert hq.store.summary()["duplicates_ignored"] > 0
    rec = Outbox.get()
    assert rec.attempts >= 1 and rec.sent_at is not None


def test_connection_refused_backs_off_then_sends(clerk, manager, hq):
    settings.update({"upload.url": "http://127.0.0.1:9/api/v1/records",
                     "upload.timeout_seconds": 1}, actor=manager, now=NOW)
    sign_some(clerk, 3)
    r = upload.drain_once(clock=lambda: NOW)
    assert r.error and "连不上" in r.error and r.sent == 0
    rec = Outbox.get()
    assert rec.next_attempt_at > NOW and "连不上" in rec.last_error
    # not due yet: a normal drain leaves it; "upload now" (force) ignores the wait
    assert upload.drain_once(clock=lambda: NOW).batches == 0
    point_at(hq, manager)
    assert upload.drain_once(clock=lambda: NOW, force=True).sent == 3
    assert_exactly_once(hq)


def test_backoff_grows_and_has_jitter():
    import random
    rng = random.Random(1)
    waits = [upload.backoff_seconds(n, rng) for n in (1, 2, 3, 4, 12)]
    assert 2.5 <= waits[0] <= 5 and 5 <= waits[1] <= 10 and 10 <= waits[2] <= 20
    assert waits[-1] <= upload.BACKOFF_CAP
    assert len({round(upload.backoff_seconds(3, rng), 3) for _ in range(5)}) > 1


def test_rejected_record_shows_reason_is_fixed_and_accepted(clerk, manager, hq):
    point_at(hq, manager)
    sign_some(clerk, 5)
    bad = Outbox.select().order_by(Outbox.id).first()
    body = json.loads(bad.payload)
    body["signer_type"] = "邻居"                     # e.g. an old version wrote an invalid type
    Outbox.update(payload=json.dumps(body, ensure_ascii=False)).where(Outbox.id == bad.id).execute()
    control(hq, reject_waybills=["YT0000000000003"])
    r = upload.drain_once(clock=lambda: NOW)
    assert (r.sent, r.rejected) == (3, 2)
    rejected = outbox.records(Outbox.REJECTED)
    reasons = {row.waybill: row.last_error for row in rejected}
    assert "签收人类型“邻居”无效" in reasons["YT0000000000000"]
    assert "YT0000000000003" in reasons["YT0000000000003"]
    rows = {s.waybill: s for s in signoff.signed(upload=Outbox.REJECTED)}
    assert rows["YT0000000000000"].upload_label == "被拒收" and rows["YT0000000000000"].reason
    # a rejected record is never retried on its own
    assert upload.drain_once(clock=lambda: NOW + dt.timedelta(hours=5), force=True).batches == 0
    signoff.fix_rejected(bad.id, signer_type="家人", actor=clerk, now=NOW)
    control(hq, reject_waybills=[])
    other = next(row for row in rejected if row.waybill == "YT0000000000003")
    outbox.resend(other.id, actor=clerk, now=NOW)
    r = upload.drain_once(clock=lambda: NOW)
    assert r.sent == 2 and outbox.counts().rejected == 0
    assert_exactly_once(hq)
    held = {x["waybill"]: x["payload"] for x in hq.store.records()}
    assert held["YT0000000000000"]["signer_type"] == "家人"


def test_correction_record_is_uploaded_after_the_signoff(clerk, manager, hq):
    point_at(hq, manager)
    sign_some(clerk, 1)
    upload.drain_once(clock=lambda: NOW)
    s = signoff.signed()[0]
    signoff.reverse(s.signoff_id, "派件员误报妥投", actor=manager, now=NOW)
    upload.drain_once(clock=lambda: NOW)
    assert hq.store.summary()["by_kind"] == {"signoff": 1, "signoff_correction": 1}
    corr = hq.store.records(kind="signoff_correction")[0]["payload"]
    assert corr["original_key"] == s.key


def test_wrong_token_is_retried_never_rejected(clerk, manager, hq):
    point_at(hq, manager)
    settings.update({"upload.token": "wrong"}, actor=manager, now=NOW)
    sign_some(clerk, 2)
    r = upload.drain_once(clock=lambda: NOW)
    assert "令牌" in r.error and outbox.counts().pending == 2 and outbox.counts().rejected == 0


def _cli(home, *args, **kw):
    env = dict(os.environ, PYTHONPATH=str(ROOT), OUTLET_DESK_PASSWORD="1111")   # the clerk's PIN
    return subprocess.Popen([sys.executable, "-m", "outlet_desk", "--home", str(home), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT, **kw)


@pytest.mark.sqlite_only   # the SQLite file in the data directory itself
def test_killed_mid_upload_resumes_without_loss_or_double(tmp_path, clerk, manager, hq):
    point_at(hq, manager, batch=7, timeout=30)
    sign_some(clerk, 30)
    close_database()
    control(hq, fault="hang", hang_seconds=60)        # first batch is stored, then no answer
    proc = _cli(tmp_path, "upload", "--once", "--as", clerk.name)
    try:
        for _ in range(600):                          # bounded wait for the server to hold a batch
            if hq.store.summary()["records"] >= 7:
                break
            time.sleep(0.05)
        assert hq.store.summary()["records"] == 7
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    control(hq, fault="none")
    again = _cli(tmp_path, "upload", "--once", "--as", clerk.name)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err.decode()
    from outlet_desk.db import open_database
    open_database(tmp_path / "outlet.db")
    assert_exactly_once(hq)
    assert len(stored_keys(hq)) == 30
    assert hq.store.summary()["duplicates_ignored"] == 7


def test_background_worker_drains_on_its_own_thread_and_connection(clerk, manager, hq):
    import threading
    point_at(hq, manager)
    sign_some(clerk, 12)
    done = threading.Event()
    results, threads = [], []

    def finished(result):
        threads.append(threading.current_thread().name)
        results.append(result)
        done.set()

    worker = upload.UploadWorker(clock=lambda: NOW, on_done=finished, first_delay=3600)
    worker.start()
    try:
        worker.upload_now()
        assert done.wait(30)
    finally:
        worker.stop()
        worker.join(10)
    assert results[0].sent == 12 and threads == ["outlet-upload"]
    assert outbox.pending_count() == 0            # seen from this thread's own connection
    assert not worker.is_alive()


@pytest.mark.sqlite_only   # the SQLite file in the data directory itself
def test_cli_export_upload_status_and_receiver_report(tmp_path, clerk, manager, hq, capsys,
                                                      monkeypatch):
    from outlet_desk import cli
    point_at(hq, manager)
    sign_some(clerk, 3)
    assert cli.main(["--home", str(tmp_path), "upload", "--status"]) == 0
    assert "待上传 3" in capsys.readouterr().out
    monkeypatch.setenv("OUTLET_DESK_PASSWORD", "1111")
    assert cli.main(["--home", str(tmp_path), "upload", "--once", "--as", clerk.name]) == 0
    out = tmp_path / "out" / "signoffs.xlsx"
    assert cli.main(["--home", str(tmp_path), "export", "signoffs", "--date", "2026-06-07",
                     "-o", str(out)]) == 0
    from openpyxl import load_workbook
    ws = load_workbook(out).active
    assert ws.max_row == 4 and ws.cell(2, 11).value == "已上传"
    assert cli.main(["--home", str(tmp_path), "hq-server", "--report", "--store",
                     str(tmp_path / "hq.db")]) == 0
    report = capsys.readouterr().out
    assert '"records": 3' in report and "YT0000000000002" in report


def test_cancel_between_batches_loses_nothing(clerk, manager, hq):
    point_at(hq, manager, batch=5)
    sign_some(clerk, 20)
    calls = []
    r = upload.drain_once(clock=lambda: NOW, progress=lambda d, t: calls.append(d),
                          cancel=lambda: len(calls) >= 2)
    assert r.cancelled and r.sent == 10 and r.remaining == 10
    assert outbox.pending_count() == 10 and len(stored_keys(hq)) == 10
    upload.drain_once(clock=lambda: NOW)
    assert_exactly_once(hq)
