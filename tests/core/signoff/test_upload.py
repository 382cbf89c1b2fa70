"""Upload to the reference receiver over real HTTP on loopback: every fault mode ends with every
record stored exactly once; a 422 is shown, fixed, resent and accepted; SIGKILL mid-upload resumes.
A receiver that lies (an empty 200, a web page, {"ok": true}, 202, 204, an answer naming only some
records or other keys, a redirect, 400/404/413) never gets a record marked sent that it does not
hold; they all go once it is honest."""
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from devtools.hqserver import serve_in_thread
from outlet_desk import settings
from outlet_desk.db import close_database
from outlet_desk.models import Outbox, Parcel
from outlet_desk.signoff import outbox, signoff, upload

from ...factories import make_parcel

NOW = dt.datetime(2026, 6, 7, 11, 0)
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def hq(tmp_path):
    server = serve_in_thread(port=0, db_path=tmp_path / "hq.db", token="t0k")
    yield server
    server.stop()


def control(server, **data):
    r = httpx.post(f"http://127.0.0.1:{server.port}/control", json=data, timeout=5,
                   headers={"Authorization": "Bearer t0k"})
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
    assert "ConnectError" not in r.error and "Error" not in r.error    # no class name on screen
    rec = Outbox.get()
    assert rec.next_attempt_at > NOW and "连不上" in rec.last_error
    # not due yet: a normal drain leaves it; "upload now" (force) ignores the wait
    assert upload.drain_once(clock=lambda: NOW).batches == 0
    point_at(hq, manager)
    assert upload.drain_once(clock=lambda: NOW, force=True).sent == 3
    assert_exactly_once(hq)


@pytest.mark.parametrize("exc", [
    httpx.ConnectError("refused"), httpx.ConnectTimeout("t"), httpx.ReadTimeout("t"),
    httpx.WriteTimeout("t"), httpx.PoolTimeout("t"), httpx.ReadError("r"), httpx.WriteError("w"),
    httpx.CloseError("c"), httpx.ProxyError("p"), httpx.UnsupportedProtocol("u"),
    httpx.RemoteProtocolError("r"), httpx.LocalProtocolError("l"), httpx.DecodingError("d"),
    httpx.TooManyRedirects("r"), httpx.InvalidURL("bad"), ConnectionResetError()])
def test_every_kind_of_request_failure_has_a_short_chinese_reason(exc):
    reason = upload.failure_reason(exc)
    assert reason and len(reason) <= 30
    assert re.search(r"[\u4e00-\u9fff]", reason), reason
    assert not re.search(r"[A-Za-z]{3,}", reason.replace("http", "").replace("https", "")), reason


def test_a_timeout_and_a_refusal_read_differently():
    assert upload.failure_reason(httpx.ConnectTimeout("t")) != upload.failure_reason(
        httpx.ConnectError("refused"))
    assert "超时" in upload.failure_reason(httpx.ReadTimeout("t"))


def test_a_bad_upload_address_is_said_in_chinese(clerk, manager):
    from dataclasses import replace

    from outlet_desk.errors import ValidationError
    with pytest.raises(ValidationError, match="总部上传地址"):     # refused when saved …
        settings.update({"upload.url": "ftp://example.invalid/records"}, actor=manager, now=NOW)
    sign_some(clerk, 1)
    # … and one that got there anyway (an older version stored it) is said in Chinese
    config = replace(upload.load_config(), url="ftp://example.invalid/records", timeout=1.0)
    r = upload.drain_once(clock=lambda: NOW, config=config)
    assert r.error and "http://" in r.error and "UnsupportedProtocol" not in r.error
    assert Outbox.get().status == Outbox.PENDING


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
    from outlet_desk.storage import open_database
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
    from devtools.hqserver import main as hq_main
    assert hq_main(["--report", "--store", str(tmp_path / "hq.db")]) == 0
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


def assert_sent_only_what_is_held(server):
    """No record is marked sent that the receiver does not hold."""
    held = set(stored_keys(server))
    sent = {k for (k,) in Outbox.select(Outbox.key).where(Outbox.status == Outbox.SENT).tuples()}
    assert sent <= held, f"marked sent but not held: {sorted(sent - held)[:3]}"


CONFIG_LIES = ["redirect", "400", "404", "413"]


@pytest.mark.parametrize("lie", ["empty", "html", "ok", "202", "204", "wrongkeys"] + CONFIG_LIES)
def test_a_lying_answer_marks_nothing_sent_and_everything_goes_once_honest(clerk, manager, hq, lie):
    # a captive portal, a proxy or a wrong address answers "fine" (or 3xx/4xx) and keeps nothing
    point_at(hq, manager)
    sign_some(clerk, 12)
    control(hq, fault=lie)
    r = upload.drain_once(clock=lambda: NOW)
    assert r.sent == 0 and r.rejected == 0 and r.error
    assert "\n" not in r.error
    if lie in CONFIG_LIES:
        assert "上传地址不对" in r.error
    c = outbox.counts()
    assert (c.pending, c.sent, c.rejected) == (12, 0, 0) and stored_keys(hq) == []
    reasons = {x.last_error for x in Outbox.select().where(Outbox.attempts > 0)}
    assert reasons == {r.error}                                # the reason the status shows
    assert outbox.pending_reason() == r.error
    # upload now, again: still nothing marked sent while it lies
    assert upload.drain_once(clock=lambda: NOW, force=True).sent == 0
    assert outbox.counts().sent == 0
    control(hq, fault="none")
    drain_until_done()
    assert_exactly_once(hq)
    assert outbox.pending_reason() is None


def test_an_answer_naming_only_some_records_leaves_the_rest_pending(clerk, manager, hq):
    point_at(hq, manager)
    sign_some(clerk, 10)
    control(hq, fault="partial", count=1)           # keeps 5 of the batch of 10, names those 5
    r = upload.drain_once(clock=lambda: NOW)
    assert r.sent == 5 and len(stored_keys(hq)) == 5
    assert_sent_only_what_is_held(hq)
    left = list(Outbox.select().where(Outbox.status == Outbox.PENDING))
    assert len(left) == 5 and all("没有提到" in x.last_error for x in left)
    drain_until_done()
    assert_exactly_once(hq)


def test_control_and_the_records_list_need_the_token(clerk, manager, hq):
    base = f"http://127.0.0.1:{hq.port}"
    for method, path in (("GET", "/control"), ("POST", "/control"), ("GET", "/api/v1/records"),
                         ("GET", "/api/v1/summary"), ("GET", "/api/v1/anchor")):
        r = httpx.request(method, base + path, json={"fault": "500"} if method == "POST" else None,
                          timeout=5)
        assert r.status_code == 401, (method, path)
        r = httpx.request(method, base + path, json={"fault": "none"} if method == "POST" else None,
                          headers={"Authorization": "Bearer wrong"}, timeout=5)
        assert r.status_code == 401, (method, path)
    assert hq.faults.as_dict()["fault"] == "none"          # the unauthorised switch did nothing
    ok = httpx.get(base + "/api/v1/records", headers={"Authorization": "Bearer t0k"}, timeout=5)
    assert ok.status_code == 200 and ok.json() == {"records": []}
    assert httpx.get(base + "/health", timeout=5).status_code == 200


def test_an_undo_during_the_post_queues_a_correction_and_both_arrive(clerk, manager, hq):
    # the uploader has claimed the batch and is posting it when the clerk undoes one sign-off
    point_at(hq, manager)
    sign_some(clerk, 3)
    victim = signoff.signed()[0]
    real = httpx.Client(timeout=5)

    class UndoDuringPost:
        undone = False

        def post(self, *a, **kw):
            if not self.undone:
                self.undone = True
                signoff.undo(victim.signoff_id, actor=clerk, now=NOW)
            return real.post(*a, **kw)

        def close(self):
            real.close()

    r = upload.drain_once(clock=lambda: NOW, client=UndoDuringPost())
    assert r.sent == 4                           # the three sign-offs, then the correction
    drain_until_done()
    assert_exactly_once(hq)
    corr = hq.store.records(kind="signoff_correction")
    assert [c["payload"]["original_key"] for c in corr] == [victim.key]
    assert Parcel.get(Parcel.waybill == victim.waybill).signed_at is None


def test_an_undo_racing_the_uploader_between_read_and_claim(clerk, manager, hq, monkeypatch):
    """The race as it happened: the uploader has read the batch, the clerk undoes a sign-off from
    another window, then the uploader posts.  Head office must never get a sign-off the outlet no
    longer has; the undo either waits for the claim (and queues a correction) or came first."""
    import inspect
    import threading

    import peewee

    point_at(hq, manager)
    sign_some(clerk, 3)
    victim = signoff.signed()[-1]
    errors: list = []
    undo_thread: list = []
    real_iter = peewee.BaseModelSelect.__iter__

    def undo_elsewhere():
        try:
            signoff.undo(victim.signoff_id, actor=clerk, now=NOW)   # its own connection
        except Exception as exc:      # noqa: BLE001 — reported below
            errors.append(exc)

    def iter_then_race(query):
        rows = list(real_iter(query))
        caller = inspect.stack()[1].function
        if (not undo_thread and threading.current_thread() is threading.main_thread()
                and getattr(query, "model", None) is Outbox and caller in ("_claim", "_drain")):
            t = threading.Thread(target=undo_elsewhere)
            undo_thread.append(t)
            t.start()
            t.join(1.0)               # the undo gets every chance to run before the claim
        return iter(rows)

    monkeypatch.setattr(peewee.BaseModelSelect, "__iter__", iter_then_race)
    upload.drain_once(clock=lambda: NOW)
    monkeypatch.undo()
    undo_thread[0].join(30)
    drain_until_done()
    held = set(stored_keys(hq))
    local = {k for (k,) in Outbox.select(Outbox.key).tuples()}
    assert held == local                       # nothing held that the outlet does not have
    corr = [c["payload"]["original_key"] for c in hq.store.records(kind="signoff_correction")]
    if errors:      # the undo waited for the claim and came after head office confirmed it
        assert [str(e) for e in errors] == ["这条签收已上传总部，只有店长可以更正（需填写原因）。"]
        assert victim.key in held and corr == []
        assert Parcel.get(Parcel.waybill == victim.waybill).signed_at is not None
    else:           # the undo stood: either nothing went, or head office was told to cancel it
        assert corr == ([victim.key] if victim.key in held else [])
        assert Parcel.get(Parcel.waybill == victim.waybill).signed_at is None


def test_a_claimed_batch_is_what_is_posted_never_a_record_undone_before(clerk, manager, hq):
    # undo first, then upload: the undone record is gone from the outbox and never reaches head office
    point_at(hq, manager)
    sign_some(clerk, 3)
    victim = signoff.signed()[0]
    signoff.undo(victim.signoff_id, actor=clerk, now=NOW)
    drain_until_done()
    assert victim.key not in stored_keys(hq) and len(stored_keys(hq)) == 2
    assert_exactly_once(hq)


def test_each_batch_carries_the_audit_anchor_and_head_office_keeps_the_highest(clerk, manager, hq):
    from outlet_desk import audit
    point_at(hq, manager, batch=5)
    sign_some(clerk, 5)
    upload.drain_once(clock=lambda: NOW)
    first = upload.hq_anchor()
    now_anchor = audit.anchor()
    assert first == now_anchor.as_dict()
    settings.update({"outlet.name": "新名字"}, actor=manager, now=NOW)   # one more audited change
    sign_some(clerk, 2, prefix="ZT")
    upload.drain_once(clock=lambda: NOW)
    assert upload.hq_anchor()["rows"] == audit.anchor().rows > first["rows"]
    # a lower anchor (e.g. an old copy of the outlet posting) does not lower what head office keeps
    hq.store.add([], "x", set(), "803", {"rows": 1, "hash": "0" * 64})
    assert upload.hq_anchor()["rows"] == audit.anchor().rows


# -- exactly once, whatever the receiver answers --------------------------------------------------
from hypothesis import HealthCheck, given  # noqa: E402
from hypothesis import settings as hyp_settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WAYBILLS = __import__("itertools").count(1)
BEHAVIOURS = ["none", "500", "429", "drop", "partial", "empty", "html", "ok", "202", "204",
              "wrongkeys", "redirect", "400", "404", "413"]
STEP = st.one_of(st.tuples(st.just("answer"), st.sampled_from(BEHAVIOURS)),
                 st.tuples(st.just("sign"), st.integers(1, 7)),
                 st.tuples(st.just("undo"), st.integers(0, 50)),
                 st.tuples(st.just("drain"), st.booleans()))


@hyp_settings(max_examples=25, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(STEP, min_size=1, max_size=14))
def test_exactly_once_whatever_the_receiver_answers(clerk, manager, hq, steps):
    """Random lying or failing answers, sign-offs and undos between drains: no record is ever
    marked sent that the receiver does not hold; once it is honest every record is held once."""
    point_at(hq, manager, batch=4)
    clock = [NOW]
    undone_unsent: set[str] = set()

    def tick():
        clock[0] += dt.timedelta(minutes=20)
        return clock[0]

    for kind, arg in steps:
        if kind == "answer":
            control(hq, fault=arg)
        elif kind == "sign":
            for _ in range(arg):
                make_parcel(f"HY{next(_WAYBILLS):013d}", status=Parcel.RELEASED,
                            released_at=NOW, signer_type="本人")
            signoff.sign(flt=None, actor=clerk, now=clock[0])
        elif kind == "undo":
            active = [row for row in signoff.signed() if row.upload == Outbox.PENDING]
            if active:
                row = active[arg % len(active)]
                rec = Outbox.get(Outbox.key == row.key)
                signoff.undo(row.signoff_id, actor=clerk, now=clock[0])
                if rec.attempts == 0:
                    undone_unsent.add(row.key)
        else:
            at = tick()
            upload.drain_once(clock=lambda: at, force=arg)
        assert_sent_only_what_is_held(hq)
        assert not undone_unsent & set(stored_keys(hq))
    control(hq, fault="none")
    for i in range(60):
        at = tick()
        upload.drain_once(clock=lambda: at)
        if outbox.pending_count() == 0:
            break
    assert_exactly_once(hq)
    held = stored_keys(hq)
    for c in hq.store.records(kind="signoff_correction", limit=100000):
        assert c["payload"]["original_key"] in held


def test_with_nothing_to_send_the_audit_anchor_still_reaches_head_office(clerk, manager, hq):
    """A change with no record for head office (a setting) is anchored by the next upload round,
    so deleting it from the log is found."""
    from outlet_desk import audit
    point_at(hq, manager)
    settings.update({"outlet.name": "只改了设置"}, actor=manager, now=NOW)
    assert outbox.pending_count() == 0
    upload.drain_once(clock=lambda: NOW)
    assert upload.hq_anchor() == audit.anchor().as_dict()
    assert not upload.send_anchor()                      # unchanged: not sent again
    from outlet_desk.db import database, is_sqlite
    on = "" if is_sqlite() else " ON audit_log"
    for name in audit.TRIGGERS:
        database.execute_sql(f"DROP TRIGGER {name}{on}")
    top = audit.anchor().rows
    database.execute_sql(f"DELETE FROM audit_log WHERE id = {top}")
    r = audit.verify(head_office=upload.hq_anchor)
    assert not r.ok and f"审计日志少了第 {top} 条（总部记下共 {top} 条" in r.message()


def test_the_background_worker_anchors_the_log_when_nothing_is_due(clerk, manager, hq):
    import threading

    from outlet_desk import audit
    point_at(hq, manager)
    settings.update({"outlet.name": "后台"}, actor=manager, now=NOW)
    worker = upload.UploadWorker(clock=lambda: NOW, first_delay=0)
    worker.start()
    try:
        for _ in range(200):                             # bounded wait for the first round
            if hq.store.anchor("803"):
                break
            threading.Event().wait(0.05)
    finally:
        worker.stop()
        worker.join(10)
    assert hq.store.anchor("803")["rows"] == audit.anchor().rows


def test_the_command_line_offers_every_fault_and_lie_of_the_receiver(tmp_path, capsys):
    from devtools.hqserver import FAULTS, LIES, main
    for fault in FAULTS + LIES:
        assert main(["--report", "--fault", fault, "--store", str(tmp_path / "hq.db")]) == 0
    with pytest.raises(SystemExit):
        main(["--report", "--fault", "no-such-fault", "--store", str(tmp_path / "hq.db")])
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize("how", ["drip", "flood"])
def test_a_receiver_that_drips_or_floods_its_answer_cannot_hold_the_uploader(clerk, manager, how):
    """Review: a proxy or broken receiver that sent its body one byte a second kept `upload --once`
    (and the app's upload thread, and `audit verify`) waiting for ever — httpx's timeouts are per
    read.  An endless answer filled memory.  Now: one line, the records stay pending."""
    import socket
    import threading
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(5)
    stop = threading.Event()

    def serve():
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            try:
                conn.settimeout(5)
                conn.recv(1 << 20)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             b"Content-Length: 100000000\r\n\r\n{\"results\": [")
                while not stop.is_set():
                    conn.sendall(b" " if how == "drip" else b" " * 65536)
                    if how == "drip":
                        time.sleep(0.3)
            except OSError:
                pass
            finally:
                conn.close()

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    try:
        settings.update({"upload.url": f"http://127.0.0.1:{srv.getsockname()[1]}/api/v1/records",
                         "upload.timeout_seconds": 1}, actor=manager, now=NOW)
        sign_some(clerk, 2)
        started = time.monotonic()
        r = upload.drain_once(clock=lambda: NOW, force=True)
        assert time.monotonic() - started < 10
        assert r.sent == 0 and r.remaining == 2
        assert ("超时" if how == "drip" else "太大") in r.error
        started = time.monotonic()
        from outlet_desk.errors import EnvironmentFault
        with pytest.raises(EnvironmentFault, match="读不到总部记下的审计锚点"):
            upload.hq_anchor(timeout=1)
        assert time.monotonic() - started < 10
    finally:
        stop.set()
        srv.close()
        t.join(5)


@pytest.mark.parametrize("rows", [10 ** 23, True, -5, 0, "12"])
def test_the_receiver_answers_a_batch_whose_anchor_is_not_a_row_count(hq, rows):
    """Review: an anchor of {"rows": 10**23} broke the reference receiver's request (OverflowError,
    the connection dropped); true or -5 was kept as the outlet's anchor."""
    body = {"outlet_code": "803", "records": [], "audit_anchor": {"rows": rows, "hash": "ab" * 32}}
    r = httpx.post(hq.url, json=body, headers={"Authorization": "Bearer t0k"}, timeout=5)
    assert r.status_code == 200 and r.json()["audit_anchor"] is None
    assert hq.store.anchor("803") is None
