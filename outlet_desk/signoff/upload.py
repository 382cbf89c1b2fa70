"""Draining the outbox to head office: at-least-once delivery, de-duplicated by the server.

* :func:`drain_once` posts due records in batches of JSON with httpx (explicit timeouts).  Each
  record carries its idempotency key inside the payload; each batch carries an ``Idempotency-Key``
  header derived from the keys it holds (a retried batch sends the same header).
* A record is marked sent only when the answer names it, by its idempotency key, as ``stored`` or
  ``duplicate`` (already held); rejected only when the answer names it as ``rejected`` (a clerk
  fixes and resends).  Anything else — an empty 200, a web page, ``{"ok": true}``, 202, 204, an
  answer naming only some records — leaves the unnamed records pending with a one-line reason.
* Connection errors, timeouts, 408/425/429 and 5xx: the batch stays pending and is retried later
  with exponential backoff and jitter (``next_attempt_at``).  3xx, 400, 404, 405 and 413 for the
  whole batch mean the address is wrong ("上传地址不对"): pending, retried after backoff.
* The batch is read and claimed (its attempt counted) in one transaction: an undo either removes a
  record before it is read, or finds it claimed and queues a correction for head office.
* Each batch carries the audit log's anchor (row count and newest hash, ``audit_anchor``); with
  nothing to send, :func:`send_anchor` posts an empty batch when the anchor changed, so the newest
  rows are anchored within one upload interval.  The receiver keeps the highest it has seen and
  :func:`hq_anchor` reads it back (``audit verify``).
* :class:`UploadWorker` runs the drain on its own thread with its own database connection (peewee
  connections are per thread), so it never blocks the counter.

Protocol (the reference receiver is :mod:`devtools.hqserver`)::

    POST <upload.url>   Authorization: Bearer <token>   Idempotency-Key: batch-<sha256>
    {"outlet_code": "803", "records": [{"idempotency_key": "...", "kind": "signoff", ...}, ...],
     "audit_anchor": {"rows": 1150, "hash": "...", "at": "2026-06-07 14:02:11.000000"}}
    → 200/422 {"results": [{"key": "...", "status": "stored|duplicate|rejected", "reason": "..."}],
               "audit_anchor": {...the highest held}}
    GET <upload.url minus /records>/anchor?outlet_code=803  → {"audit_anchor": {...} | null}
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import random
import threading
from dataclasses import dataclass
from typing import Callable

from peewee import fn

from .. import audit, settings
from ..audit import Anchor
from ..businessday import business_now, lock_shared
from ..db import database, is_sqlite, write_tx
from ..errors import EnvironmentFault
from ..i18n import N_, _
from ..models import Outbox
from ..permissions import Actor
from ..settings import SettingSpec
from . import signoff

log = logging.getLogger("outlet_desk.upload")

SETTINGS = [
    SettingSpec("upload.url", "http://127.0.0.1:8803/api/v1/records", "Head-office upload URL",
                N_("总部上传地址"), section="upload",
                help_zh=N_("演示时用命令行启动模拟总部（端口 8803）。"),
                help="Demo: run `python -m devtools.hqserver --port 8803`.",
                validate=lambda v: settings.check_http_url(N_("总部上传地址"))(v)),
    SettingSpec("upload.token", "demo-token-803", "Upload token", N_("上传令牌"), section="upload"),
    SettingSpec("upload.batch_size", 100, "Records per batch", N_("每批记录数"), kind="int",
                section="upload", minimum=1, maximum=1000),
    SettingSpec("upload.timeout_seconds", 15, "Upload timeout (seconds)", N_("上传超时（秒）"),
                kind="int", section="upload", minimum=1, maximum=300),
    SettingSpec("upload.auto", True, "Upload automatically", N_("自动上传"), kind="bool",
                section="upload"),
    SettingSpec("upload.interval_seconds", 60, "Automatic upload every (seconds)",
                N_("自动上传间隔（秒）"), kind="int", section="upload", minimum=5, maximum=3600),
]

RETRY_STATUSES = {408, 425, 429}
BACKOFF_BASE = 5          # seconds for the first retry
BACKOFF_CAP = 600         # never wait more than 10 minutes

_DRAIN_LOCK = threading.Lock()

#: The most an answer may hold: a batch's results are a few hundred bytes per record.
MAX_ANSWER_BYTES = 4 << 20


def bounded_request(client, method: str, url: str, *, seconds: float, **kw):
    """``client.request`` with the answer read within ``seconds`` in all and at most
    :data:`MAX_ANSWER_BYTES`.  httpx's timeouts are per read: a proxy or a broken receiver that
    sends its body one byte a second kept the uploader (and ``audit verify``) waiting for ever.
    Raises ``httpx.ReadTimeout`` past the deadline and ``httpx.DecodingError`` when too large."""
    import time

    import httpx
    if not hasattr(client, "stream"):                 # a stand-in client (tests): as it answers
        return getattr(client, method.lower())(url, **kw)
    deadline = time.monotonic() + max(float(seconds), 1.0)
    with client.stream(method, url, **kw) as resp:
        body, size = [], 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > MAX_ANSWER_BYTES:
                raise httpx.DecodingError(f"answer over {MAX_ANSWER_BYTES} bytes", request=resp.request)
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout(f"answer not complete within {seconds:g} s", request=resp.request)
            body.append(chunk)
        headers = [(k, v) for k, v in resp.headers.multi_items()
                   if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")]
        return httpx.Response(resp.status_code, headers=headers, content=b"".join(body),
                              request=resp.request)


@dataclass(frozen=True)
class UploadConfig:
    url: str
    token: str
    batch_size: int
    timeout: float
    outlet_code: str
    auto: bool = True
    interval: int = 60


def load_config() -> UploadConfig:
    v = settings.get_many(["upload.url", "upload.token", "upload.batch_size",
                           "upload.timeout_seconds", "outlet.code", "upload.auto",
                           "upload.interval_seconds"])
    return UploadConfig(v["upload.url"], v["upload.token"], int(v["upload.batch_size"]),
                        float(v["upload.timeout_seconds"]), v["outlet.code"], bool(v["upload.auto"]),
                        int(v["upload.interval_seconds"]))


@dataclass(frozen=True)
class DrainResult:
    sent: int = 0              # confirmed by the server (stored or already held)
    rejected: int = 0          # refused with a validation error (not retried)
    batches: int = 0
    remaining: int = 0         # pending records left (due now or later)
    error: str | None = None   # the transient error that stopped this drain, if any
    cancelled: bool = False
    busy: bool = False         # another drain was running in this process

    @property
    def ok(self) -> bool:
        return self.error is None and not self.busy


def batch_key(keys: list[str]) -> str:
    return "batch-" + hashlib.sha256("\n".join(keys).encode()).hexdigest()[:40]


def backoff_seconds(attempts: int, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: 5, 10, 20 … s (capped), each ±50 %."""
    rng = rng or random.Random()
    base = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** max(0, attempts - 1))
    return base / 2 + rng.uniform(0, base / 2)


def _due_query(now: dt.datetime, force: bool):
    q = Outbox.select().where(Outbox.status == Outbox.PENDING)
    if not force:
        q = q.where(Outbox.next_attempt_at.is_null() | (Outbox.next_attempt_at <= now))
    return q


def next_due_in(now: dt.datetime) -> float | None:
    """Seconds until a pending record is due (0 now), None when nothing is pending."""
    pending = Outbox.select().where(Outbox.status == Outbox.PENDING)
    if not pending.exists():
        return None
    if pending.where(Outbox.next_attempt_at.is_null()).exists():
        return 0.0          # never tried: due now
    first = (Outbox.select(fn.MIN(Outbox.next_attempt_at))
             .where(Outbox.status == Outbox.PENDING).scalar())
    if not first:
        return 0.0
    if isinstance(first, str):
        first = dt.datetime.fromisoformat(first)
    return max(0.0, (first - now).total_seconds())


def _defer(ids: list[int], attempts: dict[int, int], error: str, now: dt.datetime,
           retry_after: float | None = None) -> None:
    rng = random.Random()
    with write_tx():
        for rid in ids:
            wait = backoff_seconds(attempts.get(rid, 1), rng)
            if retry_after:
                wait = max(wait, retry_after)
            Outbox.update(next_attempt_at=now + dt.timedelta(seconds=wait), last_error=error) \
                .where((Outbox.id == rid) & (Outbox.status == Outbox.PENDING)).execute()


def _retry_after(resp) -> float | None:
    try:
        return float(resp.headers.get("Retry-After", ""))
    except ValueError:
        return None


def drain_once(*, clock: Callable[[], dt.datetime], force: bool = False, client=None,
               config: UploadConfig | None = None, progress: Callable[[int, int], None] | None = None,
               cancel: Callable[[], bool] | None = None, max_batches: int | None = None,
               actor: Actor | None = None) -> DrainResult:
    """Post the due pending records, batch by batch, until none is due, an error stops it, or it is
    cancelled (between batches: nothing is lost, the rest stays pending).

    ``force`` ignores the backoff wait ("upload now").  Runs on the calling thread's connection.
    """
    if not _DRAIN_LOCK.acquire(blocking=False):
        return DrainResult(busy=True, remaining=Outbox.select().where(
            Outbox.status == Outbox.PENDING).count())
    try:
        return _drain(clock, force, client, config, progress, cancel, max_batches, actor)
    finally:
        _DRAIN_LOCK.release()


def _claim(now: dt.datetime, force: bool, tried: set[int], limit: int) -> tuple[list, dict | None]:
    """Read the next due batch and claim it (count the attempt) in one transaction, so an undo
    either removes a record before it is read or finds it claimed (and queues a correction).

    Returns the claimed records and the audit log's anchor at that moment (sent with the batch)."""
    with write_tx():
        q = _due_query(now, force)
        if tried:
            q = q.where(Outbox.id.not_in(list(tried)))
        q = q.order_by(Outbox.id).limit(limit)
        if not is_sqlite():
            q = q.for_update()          # PostgreSQL: an undo waits for this claim to commit
        recs = list(q)
        if not recs:
            return [], None
        ids = [r.id for r in recs]
        Outbox.update(attempts=Outbox.attempts + 1) \
            .where(Outbox.id.in_(ids) & (Outbox.status == Outbox.PENDING)).execute()
        for r in recs:
            r.attempts += 1
        anchor = audit.anchor()
    return recs, (anchor.as_dict() if anchor else None)


# Whole-batch answers that say the address (or the batch size) is wrong, not that records are bad.
CONFIG_STATUSES = {400, 404, 405, 413}


# Why a request got no answer, in a clerk's words: one place for every kind of httpx failure
# (upload, the audit anchor, the SMS gateway).  The most specific class comes first.
_FAILURE_REASONS = (
    ("ConnectTimeout", N_("连接超时：对方没有回应")),
    ("ReadTimeout", N_("等回答超时")),
    ("WriteTimeout", N_("发送超时")),
    ("PoolTimeout", N_("连接都在忙，等待超时")),
    ("TimeoutException", N_("超时")),
    ("ConnectError", N_("连不上：服务器没开、地址不对或网络断了")),
    ("ReadError", N_("接收时连接断了")),
    ("WriteError", N_("发送时连接断了")),
    ("CloseError", N_("关闭连接时出错")),
    ("NetworkError", N_("网络出错")),
    ("ProxyError", N_("代理服务器出错")),
    ("UnsupportedProtocol", N_("地址不对：要以 http:// 或 https:// 开头")),
    ("RemoteProtocolError", N_("对方的回答不合规矩（连接被中途关闭）")),
    ("LocalProtocolError", N_("请求没能发出（格式不对）")),
    ("ProtocolError", N_("通信格式出错")),
    ("DecodingError", N_("回答的内容解不开")),
    ("TooManyRedirects", N_("被转来转去太多次")),
    ("InvalidURL", N_("地址写得不对")),
    ("HTTPStatusError", N_("对方回答出错")),
)


def failure_reason(exc: BaseException) -> str:
    """A short Chinese reason for a failed request (an httpx exception), never a class name.

    >>> import httpx; failure_reason(httpx.ConnectError("refused"))
    '连不上：服务器没开、地址不对或网络断了'
    """
    names = {c.__name__ for c in type(exc).__mro__}
    for name, reason in _FAILURE_REASONS:
        if name in names:
            return _(reason)
    if isinstance(exc, OSError):
        return _("网络出错")
    return _("请求出错")


_CONFIG_WHAT = {400: N_("请求格式不对"), 404: N_("地址不存在"), 405: N_("地址不收上传"), 413: N_("一批太大")}


def _config_error(code: int) -> str:
    what = _CONFIG_WHAT.get(code, N_("被转到别的地址") if 300 <= code < 400 else "")
    if code == 413:
        text = _("上传地址不对：总部回答 HTTP {code}（{what}），记录都留在待上传；"
                 "请店长在设置里检查上传地址或把每批记录数调小。")
    else:
        text = _("上传地址不对：总部回答 HTTP {code}（{what}），记录都留在待上传；"
                 "请店长在设置里检查上传地址。")
    return text.format(code=code, what=_(what) if what else "")


def _unconfirmed_error(resp) -> str:
    """One line: why an answer that names none of the records confirms nothing."""
    code = resp.status_code
    ctype = (resp.headers.get("Content-Type") or "").lower()
    text = (resp.text or "").strip() if code != 204 else ""
    if not text:
        what = _("空的回答")
    elif "html" in ctype or text[:1] == "<":
        what = _("一个网页（可能是网络登录页或代理）")
    else:
        what = _("没有逐条确认的回答")
    return _("总部回答 HTTP {code}，但是{what}，没有确认任何一条记录：记录留在待上传，"
             "稍后重试。").format(code=code, what=what)


def _drain(clock, force, client, config, progress, cancel, max_batches, actor) -> DrainResult:
    import httpx

    cfg = config or load_config()
    own_client = client is None
    if own_client:
        client = httpx.Client(timeout=httpx.Timeout(cfg.timeout, connect=min(cfg.timeout, 5.0)),
                              follow_redirects=False)
    total = _due_query(clock(), force).count()
    sent = rejected = batches = 0
    error = None
    cancelled = False
    tried: set[int] = set()
    try:
        while True:
            if cancel and cancel():
                cancelled = True
                break
            if max_batches is not None and batches >= max_batches:
                break
            recs, anchor = _claim(clock(), force, tried, cfg.batch_size)
            if not recs:
                break
            ids = [r.id for r in recs]
            tried.update(ids)
            keys = [r.key for r in recs]
            attempts = {r.id: r.attempts for r in recs}
            body = {"outlet_code": cfg.outlet_code, "records": [json.loads(r.payload) for r in recs]}
            if anchor:
                body["audit_anchor"] = anchor
            headers = {"Idempotency-Key": batch_key(keys), "Authorization": f"Bearer {cfg.token}",
                       "Content-Type": "application/json; charset=utf-8"}
            batches += 1
            try:
                resp = bounded_request(client, "POST", cfg.url, seconds=cfg.timeout,
                                       content=json.dumps(body, ensure_ascii=False).encode(),
                                       headers=headers)
            except httpx.TimeoutException as exc:
                error = _("总部服务器没有及时回答：{reason}（{seconds} 秒），稍后自动重试。").format(
                    reason=failure_reason(exc), seconds=f"{cfg.timeout:g}")
            except httpx.DecodingError:
                error = _("总部的回答太大或无法解码，没有确认任何一条记录：记录留在待上传，稍后重试。")
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                error = _("上传失败：{reason}。记录留在待上传，稍后自动重试。").format(
                    reason=failure_reason(exc))
            if error:
                _defer(ids, attempts, error, clock())
                break
            code = resp.status_code
            if code in RETRY_STATUSES or code >= 500:
                error = _("总部服务器暂时不可用（HTTP {code}），稍后自动重试。").format(code=code)
                _defer(ids, attempts, error, clock(), _retry_after(resp))
                break
            if code in (401, 403):
                error = _("总部拒绝了上传令牌（HTTP {code}）：请店长在设置里检查上传令牌。").format(code=code)
                _defer(ids, attempts, error, clock())
                break
            if code < 200 or 300 <= code < 400 or code in CONFIG_STATUSES:
                error = _config_error(code)
                _defer(ids, attempts, error, clock())
                break
            try:
                data = resp.json()
            except ValueError:
                data = None
            results = data.get("results") if isinstance(data, dict) else None
            now = clock()
            s, rj, left = _apply(recs, results, now, actor)
            sent += s
            rejected += rj
            if left and len(left) == len(recs):
                error = _unconfirmed_error(resp)
                _defer(left, attempts, error, now)
                break
            if left:
                _defer(left, attempts, _("总部的回答（HTTP {code}）没有提到这条记录：留在待上传，"
                                         "稍后重试。").format(code=code), now)
            if progress:
                progress(sent + rejected, max(total, sent + rejected))
        if error is None and not cancelled:
            send_anchor(config=cfg, client=client)
    finally:
        if own_client:
            client.close()
    remaining = Outbox.select().where(Outbox.status == Outbox.PENDING).count()
    return DrainResult(sent, rejected, batches, remaining, error, cancelled)


_SENT_ANCHORS: dict[tuple[str, str], tuple[int, str]] = {}


def send_anchor(*, config: UploadConfig | None = None, client=None) -> bool:
    """Tell head office the audit log's anchor when it changed since this process last told it,
    even with no record to send (an empty batch): the newest rows are anchored within one upload
    interval.  Best effort — a failure is logged and tried again next time.  True when sent."""
    import httpx

    cfg = config or load_config()
    current = audit.anchor()
    if current is None:
        return False
    where = (cfg.url, cfg.outlet_code)
    if _SENT_ANCHORS.get(where) == (current.rows, current.hash):
        return False
    own = client is None
    if own:
        client = httpx.Client(timeout=httpx.Timeout(cfg.timeout, connect=min(cfg.timeout, 5.0)))
    try:
        body = {"outlet_code": cfg.outlet_code, "records": [], "audit_anchor": current.as_dict()}
        resp = bounded_request(client, "POST", cfg.url, seconds=cfg.timeout,
                        content=json.dumps(body, ensure_ascii=False).encode(),
                        headers={"Idempotency-Key": "anchor-" + current.hash[:40],
                                 "Authorization": f"Bearer {cfg.token}",
                                 "Content-Type": "application/json; charset=utf-8"})
        data = resp.json() if resp.status_code == 200 else None
    except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
        log.info("audit anchor not sent: %r", exc)
        return False
    finally:
        if own:
            client.close()
    held = data.get("audit_anchor") if isinstance(data, dict) else None
    if isinstance(held, dict) and isinstance(held.get("rows"), int) and held["rows"] >= current.rows:
        _SENT_ANCHORS[where] = (current.rows, current.hash)
        return True
    return False


# The only answers that make a record sent: head office names it by its key as one of these.
CONFIRMED = ("stored", "duplicate")


def _apply(recs, results, now: dt.datetime, actor) -> tuple[int, int, list]:
    """Mark records from the server's answer, record by record.  A record counts as sent only
    when the answer names it (by idempotency key) as stored or already held; as rejected only when
    the answer names it as rejected.  Returns (sent, rejected, ids left pending)."""
    by_key = {r.key: r for r in recs}
    sent_ids, rejected, left = [], [], []
    seen = {}
    if isinstance(results, list):
        for item in results:
            if isinstance(item, dict) and isinstance(item.get("key"), str) \
                    and item["key"] in by_key:
                seen.setdefault(item["key"], item)
    for key, rec in by_key.items():
        item = seen.get(key)
        status = (item or {}).get("status")
        if status in CONFIRMED:
            sent_ids.append(rec.id)
        elif status == "rejected":
            rejected.append((rec.id, str(item.get("reason") or _("总部拒收（未说明原因）"))[:500]))
        else:
            left.append(rec.id)
    if not sent_ids and not rejected:
        return 0, 0, left
    with write_tx():
        # a record head office took after the day's close counts on the next business day (read
        # in this transaction, so a close on another window cannot slip in between)
        lock_shared()          # PostgreSQL: a close on another counter commits first
        now = business_now(now, refuse=False)
        for i in range(0, len(sent_ids), 400):
            Outbox.update(status=Outbox.SENT, sent_at=now, last_error=None, next_attempt_at=None) \
                .where(Outbox.id.in_(sent_ids[i:i + 400]) & (Outbox.status == Outbox.PENDING)) \
                .execute()
        for rid, why in rejected:
            Outbox.update(status=Outbox.REJECTED, last_error=why, next_attempt_at=None) \
                .where((Outbox.id == rid) & (Outbox.status == Outbox.PENDING)).execute()
        if sent_ids and any(by_key[k].kind.startswith("signoff") for k in by_key):
            signoff.note_uploaded(actor=actor, now=now)
    return len(sent_ids), len(rejected), left


def anchor_url(records_url: str) -> str:
    """Where head office tells the highest audit anchor it holds: beside the records endpoint."""
    base = records_url.split("?", 1)[0].rstrip("/")
    if base.endswith("/records"):
        base = base[: -len("/records")]
    return base + "/anchor"


def hq_anchor(*, config: UploadConfig | None = None, client=None, timeout: float = 5.0) -> dict | None:
    """The highest audit anchor head office has seen from this outlet ({"rows", "hash"}), or None
    when it holds none.  Raises :class:`~outlet_desk.errors.EnvironmentFault` (one line) when it
    cannot be read."""
    import httpx

    cfg = config or load_config()
    own = client is None
    if own:
        client = httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 3.0)))
    try:
        resp = bounded_request(client, "GET", anchor_url(cfg.url), seconds=timeout,
                               params={"outlet_code": cfg.outlet_code},
                               headers={"Authorization": f"Bearer {cfg.token}"})
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise EnvironmentFault(_("读不到总部记下的审计锚点：{reason}。").format(reason=failure_reason(exc))) from None
    finally:
        if own:
            client.close()
    try:
        data = resp.json() if resp.status_code == 200 else None
    except ValueError:
        data = None
    if not isinstance(data, dict) or "audit_anchor" not in data:
        raise EnvironmentFault(_("读不到总部记下的审计锚点：总部回答 HTTP {code}。").format(code=resp.status_code))
    anchor = data["audit_anchor"]
    if anchor is None:
        return None
    if Anchor.from_dict(anchor) is None:
        raise EnvironmentFault(_("读不到总部记下的审计锚点：格式不对。"))
    at = anchor.get("at")
    return {"rows": anchor["rows"], "hash": anchor["hash"], "at": at if isinstance(at, str) else None}


class UploadWorker(threading.Thread):
    """The background drain: its own thread, its own database connection.

    Wakes every ``interval`` seconds (or when a record is due, or on :meth:`upload_now`), drains,
    and reports through the callbacks (called on this thread).  Stops when :meth:`stop` is called
    or when the process re-points the database (a test opened another outlet).
    """

    def __init__(self, *, clock: Callable[[], dt.datetime], actor: Callable[[], Actor | None] | None = None,
                 on_progress: Callable[[int, int], None] | None = None,
                 on_done: Callable[[DrainResult], None] | None = None,
                 on_start: Callable[[], None] | None = None, first_delay: float | None = None):
        super().__init__(name="outlet-upload", daemon=True)
        self.clock = clock
        self.actor = actor or (lambda: None)
        self.on_progress = on_progress
        self.on_done = on_done
        self.on_start = on_start
        self.first_delay = first_delay
        self._db = database.obj
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._cancel = threading.Event()
        self._force = False
        self.running = False

    def upload_now(self) -> None:
        self._cancel.clear()
        self._force = True
        self._wake.set()

    def cancel(self) -> None:
        self._cancel.set()

    def stop(self) -> None:
        self._stopping.set()
        self._cancel.set()
        self._wake.set()

    def _cycle(self, force: bool) -> tuple[DrainResult | None, float]:
        db = self._db
        db.connect(reuse_if_open=True)
        try:
            cfg = load_config()
            wait = float(cfg.interval)
            if not (cfg.auto or force):
                return None, wait
            if not force:
                due = next_due_in(self.clock())
                if due is None or due > 0:
                    if cfg.auto:
                        send_anchor(config=cfg)     # nothing to send: still anchor the audit log
                    return None, min(wait, due) if due is not None else wait
            self.running = True
            if self.on_start:
                self.on_start()
            result = drain_once(clock=self.clock, force=force, config=cfg,
                                progress=self.on_progress, cancel=self._cancel.is_set,
                                actor=self.actor())
            due = next_due_in(self.clock())
            if due is not None:
                wait = min(wait, max(due, 1.0))
            return result, wait
        finally:
            self.running = False
            if not db.is_closed():
                db.close()

    def run(self) -> None:
        wait = self.first_delay if self.first_delay is not None else 0.0
        while not self._stopping.is_set():
            self._wake.wait(wait)
            self._wake.clear()
            if self._stopping.is_set() or database.obj is not self._db:
                break
            force, self._force = self._force, False
            try:
                result, wait = self._cycle(force)
            except Exception as exc:   # noqa: BLE001 — the worker must survive; report and wait
                log.warning("upload worker: %s", exc)
                why = failure_reason(exc) if type(exc).__module__.startswith("httpx") else exc
                result, wait = DrainResult(error=_("上传出错：{reason}").format(reason=why)), 30.0
            if result is not None and self.on_done:
                self.on_done(result)
            if result is None and force and self.on_done:
                self.on_done(DrainResult())
