"""The SMS gateway against a real HTTP server on 127.0.0.1 (started here, in a thread)."""
import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from outlet_desk import settings
from outlet_desk.errors import DomainError
from outlet_desk.inbound import notify, sms
from outlet_desk.models import ParcelEvent
from outlet_desk.models.counter import NotifyLog, SmsMessage
from outlet_desk.permissions import SYSTEM
from tests.factories import make_parcel


class FakeProvider:
    def __init__(self):
        self.received = []
        self.status = 200
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((self.headers.get("Authorization"), json.loads(body)))
                payload = json.dumps({"ok": outer.status == 200, "id": f"m{len(outer.received)}",
                                      "error": "余额不足"}).encode()
                self.send_response(outer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/send"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider(db, now):
    fake = FakeProvider()
    settings.update({"sms.enabled": True, "sms.url": fake.url, "sms.token": "k-803",
                     "sms.timeout_seconds": 2, "sms.max_reminders": 2}, actor=SYSTEM, now=now)
    yield fake
    fake.close()


def test_off_by_default(db, clerk, now):
    p = make_parcel()
    assert sms.enabled() is False
    with pytest.raises(DomainError, match="未开启"):
        sms.send_sms([p.id], actor=clerk, now=now)
    assert SmsMessage.select().count() == 0


def test_sends_template_over_http_and_logs_notification(provider, clerk, now):
    p1, p2 = make_parcel(), make_parcel()
    res = sms.send_sms([p1.id, p2.id], actor=clerk, now=now)
    assert len(provider.received) == 1
    auth, body = provider.received[0]
    assert auth == "Bearer k-803" and body["phone"] == "13812341234"
    assert p1.pickup_code in body["text"] and p2.pickup_code in body["text"]
    assert body["text"].startswith("【幸福路快递网点】您有2个包裹已到")
    assert res.provider_id == "m1"
    assert NotifyLog.select().where((NotifyLog.channel == "sms")
                                    & (NotifyLog.outcome == "notified")).count() == 2
    assert ParcelEvent.select().where(ParcelEvent.kind == ParcelEvent.NOTIFIED).count() == 2
    # told by SMS: off the call list
    assert notify.call_list(actor=clerk, now=now) == []


def test_at_most_one_message_per_customer_per_day(provider, clerk, now):
    p1, p2 = make_parcel(), make_parcel()
    sms.send_sms([p1.id], actor=clerk, now=now)
    with pytest.raises(DomainError, match="每位客户每天最多一条"):
        sms.send_sms([p2.id], actor=clerk, now=now + dt.timedelta(hours=3))
    assert len(provider.received) == 1
    # the next day is fine
    sms.send_sms([p2.id], sms.SmsMessage.REMINDER, actor=clerk, now=now + dt.timedelta(days=1))
    assert len(provider.received) == 2


def test_reminders_are_capped_per_parcel(provider, clerk, now):
    p = make_parcel()
    for day in (1, 2):
        sms.send_sms([p.id], SmsMessage.REMINDER, actor=clerk, now=now + dt.timedelta(days=day))
    with pytest.raises(DomainError, match="上限"):
        sms.send_sms([p.id], SmsMessage.REMINDER, actor=clerk, now=now + dt.timedelta(days=3))
    assert len(provider.received) == 2
    assert "还未取" in provider.received[0][1]["text"]


def test_failure_is_recorded_and_reported(provider, clerk, now):
    provider.status = 402
    p = make_parcel()
    with pytest.raises(DomainError, match=r"短信发送失败：短信网关拒绝（HTTP 402）：余额不足"):
        sms.send_sms([p.id], actor=clerk, now=now)
    msg = SmsMessage.get()
    assert msg.status == "failed" and "402" in msg.error
    assert NotifyLog.select().count() == 0               # the customer was not told
    # a failure does not use up the day's message
    provider.status = 200
    sms.send_sms([p.id], actor=clerk, now=now)
    assert SmsMessage.select().where(SmsMessage.status == "sent").count() == 1


def test_unreachable_gateway_is_a_recorded_failure(db, clerk, now):
    fake = FakeProvider()
    url = fake.url
    fake.close()                                         # nothing listens there now
    settings.update({"sms.enabled": True, "sms.url": url}, actor=SYSTEM, now=now)
    p = make_parcel()
    with pytest.raises(DomainError, match="连不上"):
        sms.send_sms([p.id], actor=clerk, now=now)
    assert SmsMessage.get().status == "failed"


def test_call_list_batch_skips_customers_already_texted_today(provider, clerk, now):
    a = make_parcel(phone="13812341234")
    make_parcel(phone="13900005678")
    sms.send_sms([a.id], actor=clerk, now=now)
    make_parcel(phone="13812341234")            # a new parcel for the same customer, same day
    groups = notify.call_list(actor=clerk, now=now)
    result = sms.send_call_list(groups, actor=clerk, now=now)
    assert (result.sent, result.skipped, result.failed) == (1, 1, 0)
    assert len(provider.received) == 2


def test_day_counts_show_sent_and_failed(provider, clerk, now):
    a, b = make_parcel(phone="13812341234"), make_parcel(phone="13900005678")
    sms.send_sms([a.id], actor=clerk, now=now)
    provider.status = 500
    with pytest.raises(DomainError):
        sms.send_sms([b.id], actor=clerk, now=now)
    assert sms.day_counts(now.date()) == {"sent": 1, "failed": 1}
    assert [r.status for r in sms.recent(now.date())] == ["failed", "sent"]
    assert sms.recent(now.date())[0].phone_masked == "139****5678"


def test_a_gateway_that_drips_its_answer_fails_within_the_timeout(db, clerk, now):
    """Review: a gateway sending its answer a byte a second held the send (on the counter's
    screen) for ever: httpx's timeout is per read."""
    import socket
    import threading
    import time
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(2)
    stop = threading.Event()

    def serve():
        try:
            conn, _ = srv.accept()
            conn.recv(1 << 16)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{")
            while not stop.is_set():
                conn.sendall(b" ")
                time.sleep(0.3)
        except OSError:
            pass

    threading.Thread(target=serve, daemon=True).start()
    try:
        settings.update({"sms.enabled": True, "sms.url": f"http://127.0.0.1:{srv.getsockname()[1]}/",
                         "sms.timeout_seconds": 1}, actor=SYSTEM, now=now)
        p = make_parcel()
        started = time.monotonic()
        with pytest.raises(DomainError, match="超时"):
            sms.send_sms([p.id], actor=clerk, now=now)
        assert time.monotonic() - started < 10
        assert SmsMessage.get().status == "failed"
    finally:
        stop.set()
        srv.close()
