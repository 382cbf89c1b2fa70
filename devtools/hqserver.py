"""A reference head-office receiver, for the demo and the tests (``python -m devtools.hqserver``).

Stores what it receives in its own SQLite file, de-duplicates by idempotency key, reports what it
holds, and has switchable faults to show the uploader copes:

* ``500``   answer HTTP 500 (nothing stored)
* ``429``   answer HTTP 429 with ``Retry-After: 1`` (nothing stored)
* ``hang``  store the batch, then hang past the client's timeout (no answer)
* ``drop``  store the batch, then drop the connection without an answer
* reject waybills: any record for a listed waybill is refused with 422 and a reason; a ``signoff``
  record whose ``signer_type`` is not one of 本人/家人/门卫/快递柜/驿站/代收 is always refused.

and lying answers, as a captive portal, a proxy or a wrong address gives them (the uploader must
mark nothing sent that is not held here):

* ``empty``  200 with an empty body, ``html`` 200 with a web page, ``ok`` 200 ``{"ok": true}``,
  ``202`` and ``204`` — all store nothing
* ``partial``  store the first half of the batch and name only those
* ``wrongkeys``  store nothing and answer "stored" for keys that are not the batch's
* ``redirect`` (302 to a login page), ``400``, ``404``, ``413`` — store nothing

Every batch may carry the outlet's audit anchor (``audit_anchor``: row count and newest hash); the
receiver keeps the highest per outlet and tells it in each answer and at ``GET /api/v1/anchor``.
Everything except ``/health`` needs the token (``Authorization: Bearer …``) when one is set.

Endpoints::

    POST /api/v1/records      a batch (see outlet_desk/signoff/upload.py for the format)
    GET  /api/v1/records      what it holds (?kind=&limit=&offset=)
    GET  /api/v1/summary      counts: records, by kind, duplicates ignored, rejected, requests,
                              audit log rows anchored per outlet
    GET  /api/v1/anchor       {"outlet_code": "...", "audit_anchor": {"rows", "hash"} | null}
    GET  /control             the current fault switches
    POST /control             {"fault": "500|429|hang|drop|empty|…|none", "count": N (omit: until changed),
                               "hang_seconds": S, "reject_waybills": ["..."]}

No Qt here: ``http.server`` + ``sqlite3`` from the standard library.
"""
from __future__ import annotations

import datetime as dt
import json
import socket
import sqlite3
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

SIGNER_TYPES = ("本人", "家人", "门卫", "快递柜", "驿站", "代收")
FAULTS = ("none", "500", "429", "hang", "drop")
LIES = ("empty", "html", "ok", "202", "204", "partial", "wrongkeys", "redirect", "400", "404", "413")
RECORDS_PATH = "/api/v1/records"
ANCHOR_PATH = "/api/v1/anchor"


class Store:
    """The receiver's own SQLite file; one lock, since handler threads share it."""

    def __init__(self, path: Path | str):
        self.path = str(path)
        self.lock = threading.Lock()
        self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.executescript("""
            CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, kind TEXT, waybill TEXT,
                payload TEXT, batch_key TEXT, received_at TEXT);
            CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER);
            CREATE TABLE IF NOT EXISTS anchors (outlet_code TEXT PRIMARY KEY, rows INTEGER,
                hash TEXT, at TEXT, received_at TEXT);
        """)

    def _bump(self, name: str, by: int = 1) -> None:
        self.conn.execute("INSERT INTO counters(name, value) VALUES (?, ?) ON CONFLICT(name) "
                          "DO UPDATE SET value = value + excluded.value", (name, by))

    def add(self, records: list, batch_key: str, reject_waybills: set[str],
            outlet_code: str = "", anchor=None) -> list[dict]:
        results = []
        now = dt.datetime.now().isoformat(sep=" ", timespec="seconds")
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self._bump("requests")
                self._keep_anchor(outlet_code, anchor, now)
                for rec in records:
                    key = rec.get("idempotency_key") if isinstance(rec, dict) else None
                    reason = validate(rec, reject_waybills)
                    if reason:
                        self._bump("rejected")
                        results.append({"key": key, "status": "rejected", "reason": reason})
                        continue
                    cur = self.conn.execute(
                        "INSERT OR IGNORE INTO records(key, kind, waybill, payload, batch_key, "
                        "received_at) VALUES (?, ?, ?, ?, ?, ?)",
                        (key, rec.get("kind"), str(rec.get("waybill", "")),
                         json.dumps(rec, ensure_ascii=False), batch_key, now))
                    if cur.rowcount:
                        results.append({"key": key, "status": "stored"})
                    else:
                        self._bump("duplicates_ignored")
                        results.append({"key": key, "status": "duplicate"})
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        return results

    def _keep_anchor(self, outlet_code: str, anchor, now: str) -> None:
        """Keep the highest audit anchor seen from the outlet (more rows wins; a tie keeps the
        first seen)."""
        if not (isinstance(anchor, dict) and type(anchor.get("rows")) is int   # not a bool
                and 1 <= anchor["rows"] < 2 ** 63 and isinstance(anchor.get("hash"), str)):
            return          # not an anchor (a row count of true, -5 or 10**23 broke the request)
        at = anchor.get("at") if isinstance(anchor.get("at"), str) else None
        self.conn.execute(
            "INSERT INTO anchors(outlet_code, rows, hash, at, received_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(outlet_code) DO UPDATE SET rows = excluded.rows, hash = excluded.hash, "
            "at = excluded.at, received_at = excluded.received_at "
            "WHERE excluded.rows > anchors.rows",
            (str(outlet_code or ""), anchor["rows"], anchor["hash"], at, now))

    def anchor(self, outlet_code: str) -> dict | None:
        with self.lock:
            row = self.conn.execute("SELECT rows, hash, at FROM anchors WHERE outlet_code = ?",
                                    (str(outlet_code or ""),)).fetchone()
        return {"rows": row[0], "hash": row[1], "at": row[2]} if row else None

    def count_request(self) -> None:
        with self.lock:
            self._bump("requests")

    def summary(self) -> dict:
        with self.lock:
            total = self.conn.execute("SELECT COUNT(*) FROM records").fetchone()[0]
            kinds = dict(self.conn.execute("SELECT kind, COUNT(*) FROM records GROUP BY kind"))
            counters = dict(self.conn.execute("SELECT name, value FROM counters"))
            anchors = dict(self.conn.execute("SELECT outlet_code, rows FROM anchors"))
        return {"records": total, "by_kind": kinds,
                "duplicates_ignored": counters.get("duplicates_ignored", 0),
                "rejected": counters.get("rejected", 0), "requests": counters.get("requests", 0),
                "audit_rows_by_outlet": anchors}

    def records(self, kind: str | None = None, limit: int = 1000, offset: int = 0) -> list[dict]:
        sql = "SELECT key, kind, waybill, payload, received_at FROM records"
        args: list = []
        if kind:
            sql += " WHERE kind = ?"
            args.append(kind)
        sql += " ORDER BY rowid LIMIT ? OFFSET ?"
        args += [limit, offset]
        with self.lock:
            rows = self.conn.execute(sql, args).fetchall()
        return [{"key": k, "kind": kd, "waybill": wb, "payload": json.loads(p), "received_at": at}
                for k, kd, wb, p, at in rows]

    def close(self) -> None:
        with self.lock:
            self.conn.close()


def validate(rec, reject_waybills: set[str]) -> str | None:
    """Why a record is refused (422), or None."""
    if not isinstance(rec, dict):
        return "记录不是 JSON 对象"
    if not rec.get("idempotency_key"):
        return "缺少幂等键 idempotency_key"
    if not rec.get("kind"):
        return "缺少记录类型 kind"
    waybill = str(rec.get("waybill", ""))
    if waybill and waybill in reject_waybills:
        return f"运单 {waybill} 在总部系统中不存在或已作废"
    if rec["kind"] == "signoff":
        if not waybill:
            return "签收记录缺少运单号"
        if rec.get("signer_type") not in SIGNER_TYPES:
            return f"签收人类型“{rec.get('signer_type')}”无效，应为：{'、'.join(SIGNER_TYPES)}"
    if rec["kind"] == "signoff_correction":
        if not rec.get("original_key") or not rec.get("reason"):
            return "更正记录缺少原记录键或原因"
    return None


class Faults:
    def __init__(self, mode: str = "none", count: int | None = None, hang_seconds: float = 60.0,
                 reject_waybills=()):
        self.lock = threading.Lock()
        self.mode = mode
        self.count = count
        self.hang_seconds = hang_seconds
        self.reject_waybills = set(reject_waybills)

    def take(self) -> str:
        with self.lock:
            mode = self.mode
            if mode == "none":
                return mode
            if self.count is not None:
                self.count -= 1
                if self.count <= 0:
                    self.mode, self.count = "none", None
            return mode

    def set(self, data: dict) -> None:
        with self.lock:
            if "fault" in data:
                mode = str(data["fault"] or "none")
                if mode not in FAULTS + LIES:
                    raise ValueError(f"unknown fault {mode!r}; one of {', '.join(FAULTS + LIES)}")
                self.mode = mode
                self.count = int(data["count"]) if data.get("count") else None
            if "hang_seconds" in data:
                self.hang_seconds = float(data["hang_seconds"])
            if "reject_waybills" in data:
                self.reject_waybills = {str(w) for w in data["reject_waybills"] or ()}

    def as_dict(self) -> dict:
        with self.lock:
            return {"fault": self.mode, "count": self.count, "hang_seconds": self.hang_seconds,
                    "reject_waybills": sorted(self.reject_waybills)}


class HQServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, store: Store, faults: Faults, token: str | None = None,
                 verbose: bool = False):
        super().__init__(address, Handler)
        self.store = store
        self.faults = faults
        self.token = token
        self.verbose = verbose
        self.release = threading.Event()     # set on shutdown: hanging handlers give up
        self.thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{RECORDS_PATH}"

    def stop(self) -> None:
        self.release.set()
        self.shutdown()
        self.server_close()
        self.store.close()


class Handler(BaseHTTPRequestHandler):
    server: HQServer
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):     # quiet unless verbose
        if self.server.verbose:
            sys.stderr.write("hq-server: " + (fmt % args) + "\n")

    def _send(self, code: int, data: dict, headers: dict | None = None) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        return json.loads(raw.decode("utf-8")) if raw else {}

    def _authorised(self) -> bool:
        token = self.server.token
        if token and self.headers.get("Authorization") != f"Bearer {token}":
            self._send(401, {"error": "令牌无效"})
            return False
        return True

    def _send_raw(self, code: int, body: bytes, ctype: str, headers: dict | None = None) -> None:
        self.send_response(code)
        if code != 204:
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if code != 204 and body:
            self.wfile.write(body)

    def do_GET(self):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/health":
            self._send(200, {"ok": True})
            return
        if not self._authorised():
            return
        if url.path == RECORDS_PATH:
            self._send(200, {"records": self.server.store.records(
                q.get("kind"), int(q.get("limit", 1000)), int(q.get("offset", 0)))})
        elif url.path == "/api/v1/summary":
            self._send(200, self.server.store.summary())
        elif url.path == ANCHOR_PATH:
            code = q.get("outlet_code", "")
            self._send(200, {"outlet_code": code, "audit_anchor": self.server.store.anchor(code)})
        elif url.path == "/control":
            self._send(200, self.server.faults.as_dict())
        else:
            self._send(404, {"error": "not found"})

    def do_POST(self):
        url = urlparse(self.path)
        try:
            data = self._body()
        except (ValueError, UnicodeDecodeError):
            self._send(400, {"error": "请求不是有效的 JSON"})
            return
        if url.path not in ("/control", RECORDS_PATH):
            self._send(404, {"error": "not found"})
            return
        if not self._authorised():
            return
        if url.path == "/control":
            try:
                self.server.faults.set(data)
            except ValueError as exc:
                self._send(400, {"error": str(exc)})
                return
            self._send(200, self.server.faults.as_dict())
            return
        records = data.get("records") if isinstance(data, dict) else None
        if not isinstance(records, list):
            self._send(400, {"error": "缺少 records 列表"})
            return
        fault = self.server.faults.take()
        if fault == "500":
            self.server.store.count_request()
            self._send(500, {"error": "总部服务器内部错误（模拟）"})
            return
        if fault == "429":
            self.server.store.count_request()
            self._send(429, {"error": "请求太频繁（模拟）"}, {"Retry-After": "1"})
            return
        if fault in LIES and fault != "partial":
            self.server.store.count_request()
            self._lie(fault, records)
            return
        batch = self.headers.get("Idempotency-Key", "")
        reject = set(self.server.faults.as_dict()["reject_waybills"])
        if fault == "partial":
            records = records[: len(records) // 2]
        outlet = data.get("outlet_code", "")
        results = self.server.store.add(records, batch, reject, outlet, data.get("audit_anchor"))
        if fault == "hang":
            self.server.release.wait(self.server.faults.hang_seconds)
            self.close_connection = True
            return
        if fault == "drop":
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.close_connection = True
            return
        stored = sum(1 for r in results if r["status"] == "stored")
        code = 422 if any(r["status"] == "rejected" for r in results) else 200
        if self.server.verbose:
            sys.stderr.write(f"hq-server: batch {batch[:18]}… {len(records)} records, "
                             f"{stored} stored, HTTP {code}\n")
        self._send(code, {"results": results, "stored": stored,
                          "audit_anchor": self.server.store.anchor(outlet)})

    def _lie(self, fault: str, records: list) -> None:
        """Answer as something that is not head office would: nothing is stored."""
        if fault == "empty":
            self._send_raw(200, b"", "text/plain")
        elif fault == "html":
            page = "<html><body><h1>欢迎使用免费 Wi-Fi</h1>请先登录</body></html>".encode()
            self._send_raw(200, page, "text/html; charset=utf-8")
        elif fault == "ok":
            self._send(200, {"ok": True})
        elif fault == "202":
            self._send(202, {"status": "queued"})
        elif fault == "204":
            self._send_raw(204, b"", "")
        elif fault == "wrongkeys":
            self._send(200, {"results": [{"key": f"other:{i}", "status": "stored"}
                                         for i, _ in enumerate(records)]})
        elif fault == "redirect":
            self._send_raw(302, b"", "text/html", {"Location": "/login"})
        else:
            self._send(int(fault), {"error": f"HTTP {fault}（模拟）"})


def make_server(*, port: int = 8803, db_path: Path | str, host: str = "127.0.0.1",
                token: str | None = None, faults: Faults | None = None,
                verbose: bool = False) -> HQServer:
    return HQServer((host, port), Store(db_path), faults or Faults(), token=token, verbose=verbose)


def serve_in_thread(**kwargs) -> HQServer:
    """Start a receiver on a background thread (port 0: a free port); ``server.stop()`` ends it."""
    server = make_server(**kwargs)
    server.thread = threading.Thread(target=server.serve_forever, name="hq-server", daemon=True)
    server.thread.start()
    return server


def main(argv: list[str] | None = None) -> int:
    """``python -m devtools.hqserver [--port 8803] [--store FILE] [--fault …] [--report]``"""
    import argparse
    ap = argparse.ArgumentParser(prog="python -m devtools.hqserver",
                                 description="the reference head-office receiver (demo and tests)")
    ap.add_argument("--port", type=int, default=8803)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--store", metavar="FILE", default="hq-received.db",
                    help="its SQLite file (default: hq-received.db here)")
    ap.add_argument("--token", default="demo-token-803",
                    help="bearer token it expects ('' accepts any); default demo-token-803")
    ap.add_argument("--fault", choices=FAULTS + LIES, default="none",
                    help="a failure (500, 429, hang, drop) or a lie (empty, html, ok, 202, 204, "
                         "partial, wrongkeys, redirect, 400, 404, 413); docs/signoff.md")
    ap.add_argument("--fault-count", type=int, help="only the next N batches (default: all)")
    ap.add_argument("--hang-seconds", type=float, default=60.0)
    ap.add_argument("--reject-waybill", action="append", default=[], metavar="WAYBILL",
                    help="refuse records for this waybill with 422 (repeatable)")
    ap.add_argument("--report", action="store_true",
                    help="print what the store holds and exit")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    store_path = Path(args.store)
    store_path.parent.mkdir(parents=True, exist_ok=True)
    if args.report:
        store = Store(store_path)
        print(json.dumps(store.summary(), ensure_ascii=False))
        for rec in store.records(limit=1_000_000):
            print(f"{rec['received_at']}  {rec['kind']:<20} {rec['waybill']:<20} {rec['key']}")
        store.close()
        return 0
    faults = Faults(args.fault, args.fault_count, args.hang_seconds, args.reject_waybill)
    server = make_server(port=args.port, host=args.host, db_path=store_path,
                         token=args.token or None, faults=faults, verbose=not args.quiet)
    print(f"hq-server listening on http://{args.host}:{server.port}/api/v1/records "
          f"(store {store_path}, fault {args.fault})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        print(json.dumps(server.store.summary(), ensure_ascii=False), flush=True)
        server.release.set()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
