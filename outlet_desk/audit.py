"""The audit log: append-only, hash-chained, anchored outside its table.

:func:`record` is called inside the caller's write transaction, so the change and its audit row
commit together.  :func:`verify` walks the chain and names the first broken link.

A chain alone cannot see rows removed from its end (or a table dropped and rebuilt, or a chain
re-hashed), so its **anchor** — the row count and the newest row's hash — is written down outside
the table: in each closed day's record (``DayClose.snapshot["audit_anchor"]``), beside each backup
(``<backup>.manifest.json``, :func:`write_manifest`) and in every upload batch to head office, which
keeps the highest it has seen.  :func:`verify` compares the chain with every anchor it can read and
names what is missing ("审计日志少了第 1131–1150 条"); it also reports missing guard triggers, which
:func:`restore_triggers` (``outlet-desk check``) puts back.  A restore from a backup gives up the
newer rows on purpose: :func:`note_restore` writes that into the restored log, with how many.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from . import db as dbmod
from .businessday import audit_time
from .errors import EnvironmentFault
from .i18n import _, punct
from .migrations import _audit_triggers
from .models import AuditLog
from .models.dayclose import DayClose
from .paths import backups_dir
from .permissions import Actor

GENESIS = "0" * 64


def _canonical(detail: dict | None) -> str:
    return json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str)


def _digest(prev_hash: str, at: dt.datetime, actor_id, actor_name: str, action: str, entity: str,
            entity_id: str, detail: str) -> str:
    material = json.dumps([prev_hash, _ts(at), actor_id, actor_name, action, entity, entity_id,
                           detail], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _ts(at) -> str:
    if isinstance(at, str):
        at = dt.datetime.fromisoformat(at)
    return at.isoformat(sep=" ", timespec="microseconds")


def record(actor: Actor, action: str, *, entity: str = "", entity_id="", detail: dict | None = None,
           now: dt.datetime) -> AuditLog:
    """Append one audit row.  Call inside :func:`outlet_desk.db.write_tx`."""
    if not dbmod.is_sqlite():
        # PostgreSQL: serialise writers of the chain for this transaction.
        dbmod.database.execute_sql("SELECT pg_advisory_xact_lock(80380380)")
    last = AuditLog.select(AuditLog.id, AuditLog.hash).order_by(AuditLog.id.desc()).limit(1).first()
    prev = last.hash if last else GENESIS
    detail_text = _canonical(detail)
    entity_id = str(entity_id)
    now = audit_time(now)         # work after a day's close: the real time, not the next day's
    h = _digest(prev, now, actor.id, actor.name, action, entity, entity_id, detail_text)
    fields = dict(at=now, actor_id=actor.id, actor_name=actor.name, action=action, entity=entity,
                  entity_id=entity_id, detail=detail_text, prev_hash=prev, hash=h)
    if not dbmod.is_sqlite():
        # A PostgreSQL sequence skips the ids of rolled-back rows and verify() reads a gap as a
        # deleted record: number the rows ourselves (the lock above is held until commit).
        fields["id"] = (last.id if last else 0) + 1
    return AuditLog.create(**fields)


def record_many(actor: Actor, entries: list[dict], *, now: dt.datetime | None = None) -> int:
    """Append many audit rows at once (an import): each entry has ``action`` and optionally
    ``entity``, ``entity_id``, ``detail`` and ``at`` (default ``now``).  The chain is the same as
    ``record`` called once per entry; the rows go in with one INSERT.  Inside ``write_tx``."""
    if not entries:
        return 0
    if not dbmod.is_sqlite():
        dbmod.database.execute_sql("SELECT pg_advisory_xact_lock(80380380)")
    last = AuditLog.select(AuditLog.id, AuditLog.hash).order_by(AuditLog.id.desc()).limit(1).first()
    prev, next_id = (last.hash, last.id + 1) if last else (GENESIS, 1)
    rows = []
    for e in entries:
        at = audit_time(e.get("at") or now)
        detail_text = _canonical(e.get("detail"))
        entity, entity_id = e.get("entity", ""), str(e.get("entity_id", ""))
        h = _digest(prev, at, actor.id, actor.name, e["action"], entity, entity_id, detail_text)
        row = dict(at=at, actor_id=actor.id, actor_name=actor.name, action=e["action"], entity=entity,
                   entity_id=entity_id, detail=detail_text, prev_hash=prev, hash=h)
        if not dbmod.is_sqlite():
            row["id"] = next_id        # numbered by us, as in record()
        rows.append(row)
        prev, next_id = h, next_id + 1
    return dbmod.insert_rows(AuditLog, rows)



# -- anchors -----------------------------------------------------------------------------------
RESTORE_ACTION = "backup.restore"     # the operation's own name (outlet_desk/datacare/backup.py)
TRIGGERS = ("audit_log_no_update", "audit_log_no_delete")
MANIFEST_SUFFIX = ".manifest.json"


@dataclass(frozen=True)
class Anchor:
    """The log as it was at one moment: ``rows`` rows, the newest with ``hash``, written at ``at``
    (that row's time; tells an anchor taken before a restore from one taken after it)."""
    rows: int
    hash: str
    source: str = ""          # where it was written down, for the report ("2026-06-07 的日结")
    at: str | None = None

    def as_dict(self) -> dict:
        return {"rows": self.rows, "hash": self.hash, "at": self.at}

    @classmethod
    def from_dict(cls, d, source: str = "") -> "Anchor | None":
        """None unless ``d`` names a real anchor: a positive whole row count (not ``true``, not
        -5: what a broken or lying head office may answer) and a hash."""
        if isinstance(d, dict) and valid_rows(d.get("rows")) and isinstance(d.get("hash"), str) \
                and d["hash"]:
            at = d.get("at")
            return cls(d["rows"], d["hash"], source, at if isinstance(at, str) else None)
        return None


def valid_rows(rows) -> bool:
    """A row count an anchor can hold: a whole number ≥ 1 (``True`` is an int in Python; it is not
    a count)."""
    return isinstance(rows, int) and not isinstance(rows, bool) and 1 <= rows < 2 ** 63


def anchor() -> Anchor | None:
    """The current anchor (None while the log is empty).  Rows are numbered 1, 2, 3 … without gaps
    (verify checks it), so the newest id is the row count."""
    last = (AuditLog.select(AuditLog.id, AuditLog.hash, AuditLog.at)
            .order_by(AuditLog.id.desc()).limit(1).first())
    return Anchor(last.id, last.hash, at=_ts(last.at)) if last else None


def anchor_of_file(path: Path | str) -> Anchor | None:
    """The anchor of an SQLite database file (a backup, the database a restore replaces); None when
    it has no log or cannot be read."""
    try:
        con = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT id, hash, at FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    try:
        at = _ts(row[2]) if row else None
    except (TypeError, ValueError):
        at = None
    return Anchor(int(row[0]), str(row[1]), at=at) if row else None


def manifest_path(backup_file: Path | str) -> Path:
    return Path(str(backup_file) + MANIFEST_SUFFIX)


def write_manifest(backup_file: Path | str, found: "Anchor | None" = None) -> Path:
    """Write the backup's manifest beside it: ``found`` (the live log's anchor once the backup's
    own audit row is written), else the anchor of the log the backup holds."""
    backup_file = Path(backup_file)
    found = found or anchor_of_file(backup_file)
    target = manifest_path(backup_file)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps({"backup": backup_file.name,
                               "audit_anchor": found.as_dict() if found else None},
                              ensure_ascii=False), encoding="utf-8")
    tmp.replace(target)
    return target


def manifest_anchors(backups: Path | str) -> list[Anchor]:
    out = []
    folder = Path(backups)
    if not folder.is_dir():
        return out
    for f in sorted(folder.glob("*" + MANIFEST_SUFFIX)):
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        name = f.name[: -len(MANIFEST_SUFFIX)]
        a = Anchor.from_dict(data.get("audit_anchor") if isinstance(data, dict) else None,
                             _("备份 {name} 的清单").format(name=name))
        if a:
            out.append(a)
    return out


def dayclose_anchors() -> list[Anchor]:
    out = []
    for day, snap in (DayClose.select(DayClose.day, DayClose.snapshot)
                      .where(DayClose.snapshot.is_null(False)).tuples()):
        try:
            data = json.loads(snap)
        except ValueError:
            continue
        label = day.isoformat() if hasattr(day, "isoformat") else str(day)
        a = Anchor.from_dict(data.get("audit_anchor") if isinstance(data, dict) else None,
                             _("{day} 的日结").format(day=label))
        if a:
            out.append(a)
    return out


def newest_anchor(replaced: Anchor | None, backups: Path | str) -> Anchor | None:
    """What a restore gives up: the replaced database's anchor, or — when it could not be read
    (damaged) — the highest anchor among the backups' manifests."""
    if replaced is not None:
        return replaced
    found = manifest_anchors(backups)
    return max(found, key=lambda a: a.rows) if found else None


def given_up_before(path: Path | str) -> list[list]:
    """The ranges of rows that restores recorded in an SQLite database file's log gave up, each
    ``[first, last, at]`` with the time of the restore that gave them up (empty if none, or the
    file cannot be read).  A restore that replaces that log gives them up again, each with its own
    time: without it, the anchors an earlier restore explained (a newer backup's manifest, head
    office's highest) would read as rows deleted once the log recording it is replaced."""
    try:
        con = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
        try:
            rows = con.execute("SELECT at, detail FROM audit_log WHERE action = ?",
                               (RESTORE_ACTION,)).fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return []
    out: list[list] = []
    for at, detail in rows:
        try:
            d = json.loads(detail)
            restored_at = _ts(at)
        except (TypeError, ValueError):
            continue
        for r in _ranges(restored_at, d):
            if r not in out:
                out.append(r)
    return out


def _ranges(restored_at: str, d) -> list[list]:
    """The rows one recorded restore gave up: ``[[first, last, at], …]`` — its own range (the
    replaced log's rows after the point where it and the backup part, at the restore's time) and
    those it carried over from the restores in the log it replaced, each with its own time.  A
    restore recorded before the list was kept (one range, one time) reads as its one range."""
    if not isinstance(d, dict):
        return []
    listed = d.get("given_up")
    if isinstance(listed, list):
        return [[r[0], r[1], r[2]] for r in listed
                if isinstance(r, list) and len(r) == 3 and valid_rows(r[0]) and valid_rows(r[1])
                and r[0] <= r[1] and isinstance(r[2], str)]
    kept, replaced = d.get("kept_rows"), d.get("replaced_rows")
    earlier = d.get("earlier_replaced_rows")
    if isinstance(earlier, int) and (not isinstance(replaced, int) or earlier > replaced):
        replaced = earlier
    shared = d.get("shared_rows")
    if isinstance(shared, int) and isinstance(kept, int) and shared < kept:
        kept = shared
    if isinstance(kept, int) and isinstance(replaced, int) and kept < replaced:
        return [[kept + 1, replaced, restored_at]]
    return []


def shared_rows(a: Path | str, b: Path | str) -> int | None:
    """How many leading audit rows two SQLite database files share (the same hash at the same row:
    a chain agrees on every row before one it agrees on).  None when either cannot be read."""
    try:
        con = sqlite3.connect(f"file:{Path(a)}?mode=ro", uri=True)
        try:
            con.execute("ATTACH DATABASE ? AS other", (f"file:{Path(b)}?mode=ro",))
            row = con.execute("SELECT MAX(m.id) FROM audit_log m JOIN other.audit_log o "
                              "ON o.id = m.id AND o.hash = m.hash").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return int(row[0] or 0)


def note_restore(db_file: Path | str, *, backup_file: Path | str, replaced: Anchor | None,
                 actor_id: int | None = None, actor_name: str = "系统",  # zh-data: stored name
                 detail: dict | None = None, now: dt.datetime, earlier: list | None = None,
                 shared: int | None = None) -> int:
    """Append the restore to the log of the restored database file (before the app opens it):
    which backup, how many rows it kept, and how many newer rows of the replaced log it gave up.
    Returns the rows given up.  ``replaced``: the anchor of the database the restore replaced
    (:func:`anchor_of_file` of it, taken before it was moved aside); ``earlier``: the ranges that
    restores recorded in the replaced log gave up (:func:`given_up_before`), given up again with
    their own times; ``shared``: the leading rows the replaced log and the backup's share
    (:func:`shared_rows`) — fewer than the backup holds when the backup is from before an earlier
    restore, and the replaced log's rows after them are given up too, even those the backup holds
    other rows for.  ``given_up`` in the row lists every range, ``[first, last, at]``."""
    con = sqlite3.connect(str(db_file), isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        row = con.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        kept, prev = (int(row[0]), str(row[1])) if row else (0, GENESIS)
        gave_up = max(0, replaced.rows - kept) if replaced else 0
        fork = min(kept, shared) if shared is not None else kept
        ranges = [list(r) for r in (earlier or [])]
        if replaced and replaced.rows > fork:
            ranges.append([fork + 1, replaced.rows, _ts(now)])
        detail = _canonical({"backup": Path(backup_file).name, "kept_rows": kept,
                             "replaced_rows": replaced.rows if replaced else None,
                             "replaced_hash": replaced.hash if replaced else None,
                             "gave_up_rows": gave_up,
                             **({"shared_rows": shared}
                                if shared is not None and shared < kept else {}),
                             "given_up": ranges,
                             **(detail or {})})
        h = _digest(prev, now, actor_id, actor_name, RESTORE_ACTION, "database",
                    Path(backup_file).name, detail)
        con.execute("INSERT INTO audit_log (id, at, actor_id, actor_name, action, entity, entity_id, "
                    "detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (kept + 1, _ts(now), actor_id, actor_name, RESTORE_ACTION, "database",
                     Path(backup_file).name, detail, prev, h))
        con.execute("COMMIT")
    finally:
        con.close()
    return gave_up


def missing_triggers() -> list[str]:
    """The guard triggers (refuse UPDATE/DELETE on the log) that are missing or do nothing."""
    db = dbmod.database
    if dbmod.is_sqlite():
        rows = db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                              "AND tbl_name = 'audit_log'").fetchall()
        present = {name for name, sql in rows if "RAISE(ABORT" in (sql or "").upper()}
    else:
        if not db.table_exists("audit_log"):
            return list(TRIGGERS)
        rows = db.execute_sql(
            "SELECT t.tgname, p.prosrc FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE t.tgrelid = 'audit_log'::regclass AND NOT t.tgisinternal "
            "AND t.tgenabled <> 'D'").fetchall()
        present = {name for name, src in rows if "RAISE EXCEPTION" in (src or "").upper()}
    return [t for t in TRIGGERS if t not in present]


def restore_triggers() -> list[str]:
    """Put back the missing guard triggers; returns the names put back."""
    missing = missing_triggers()
    if missing:
        db = dbmod.database.obj
        with dbmod.write_tx():
            if dbmod.is_sqlite(db):
                for name in missing:    # a trigger of that name that does nothing: replace it
                    db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
            _audit_triggers(db)
    return missing


# -- verify ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""
    problems: tuple[str, ...] = ()     # one line each, the first is the chain's own verdict
    anchors: int = 0                   # anchors compared
    notes: tuple[str, ...] = ()        # what could not be compared (head office unreachable …)

    def message(self) -> str:
        if self.ok:
            if self.anchors:
                return _("审计日志完好：共 {rows} 条，哈希链无断裂，与另外记下的 {anchors} 个锚点"
                         "（条数和最新哈希）一致。").format(rows=self.checked, anchors=self.anchors)
            return _("审计日志完好：共 {rows} 条，哈希链无断裂。").format(rows=self.checked)
        return "\n".join(self.problems)


def _range(first: int, last: int) -> str:
    if first == last:
        return _("第 {first} 条").format(first=first)
    return _("第 {first}–{last} 条").format(first=first, last=last)


def _chain(batch: int, want: set[int]) -> tuple[VerifyResult | None, int, dict[int, str], list]:
    """Walk the chain.  Returns (a failure or None, rows checked, hashes at ``want``, restores)."""
    prev = GENESIS
    checked = 0
    last_id = 0
    expected_id = 1
    at_rows: dict[int, str] = {}
    restores: list[tuple[int, dict]] = []
    while True:
        rows = list(AuditLog.select().where(AuditLog.id > last_id).order_by(AuditLog.id)
                    .limit(batch).tuples())
        if not rows:
            break
        for (rid, at, actor_id, actor_name, action, entity, entity_id, detail, prev_hash, h) in rows:
            if rid != expected_id:
                first = expected_id
                return (VerifyResult(False, checked, first, _("该条记录被删除"),
                                     (_("审计日志{rows}被删除。").format(rows=_range(first, rid - 1)),)),
                        checked, at_rows, restores)
            if prev_hash != prev:
                return (VerifyResult(False, checked, rid, _("与前一条的链接不符"),
                                     (_("审计日志第 {row} 条被改动或缺失：与前一条的链接不符").format(row=rid),)),
                        checked, at_rows, restores)
            if _digest(prev_hash, at, actor_id, actor_name, action, entity, entity_id, detail) != h:
                return (VerifyResult(False, checked, rid, _("内容与哈希不符"),
                                     (_("审计日志第 {row} 条被改动或缺失：内容与哈希不符").format(row=rid),)),
                        checked, at_rows, restores)
            if rid in want:
                at_rows[rid] = h
            if action == RESTORE_ACTION:
                try:
                    restores.append((_ts(at), json.loads(detail)))
                except ValueError:
                    pass
            prev = h
            checked += 1
            expected_id = rid + 1
            last_id = rid
    return None, checked, at_rows, restores


def _given_up(a: Anchor, restores: list[tuple[str, dict]]) -> bool:
    """Is the anchor from rows a recorded restore gave up on purpose?  Each restore in the log
    lists the ranges it gave up, each with the time of the restore that gave it up (its own, or an
    earlier one's it carried over from the log it replaced).  Only an anchor taken before that time
    (its newest row not newer: times are kept to the second, and a backup taken and restored within
    one second is the ordinary case of a script) and naming a row in the range can be."""
    for restored_at, d in restores:
        for first, last, at in _ranges(restored_at, d):
            if not first <= a.rows <= last:
                continue
            try:
                before = a.at is None or _ts(a.at) <= _ts(at)
            except ValueError:
                before = True
            if before:
                return True
    return False


def verify(batch: int = 5000, *, home: Path | str | None = None, head_office=None,
           hq: Anchor | None = None) -> VerifyResult:
    """Recompute the chain, then compare it with every anchor written down outside the table: the
    closed days, the backups' manifests (in ``home``/backups; by default beside the SQLite file),
    and head office's highest anchor (``head_office``: the function that reads it over the
    network, ``signoff.upload.hq_anchor`` — the foundation does not know the uploader; ``hq`` passes
    one in).  Also reports missing guard triggers."""
    notes: list[str] = []
    anchors = dayclose_anchors()
    if home is None and dbmod.sqlite_path() is not None:
        home = dbmod.sqlite_path().parent
    if home is not None:
        anchors += manifest_anchors(backups_dir(Path(home)))
    if hq is None and head_office is not None:
        try:
            hq = Anchor.from_dict(head_office(), _("总部"))
        except EnvironmentFault as exc:
            notes.append(str(exc))
    if hq is not None:
        anchors.append(Anchor(hq.rows, hq.hash, hq.source or _("总部"), hq.at))
    if _table_exists():
        failed, checked, at_rows, restores = _chain(batch, {a.rows for a in anchors})
    else:
        failed = VerifyResult(False, 0, 1, _("审计日志表不存在"), (_("审计日志表不存在（被删除了）。"),))
        checked, at_rows, restores = 0, {}, []
    problems: list[str] = list(failed.problems) if failed else []

    # rows missing from the end: an anchor counts more rows than the log holds
    missing = [a for a in anchors if a.rows > checked and not _given_up(a, restores)]
    if missing and (not failed or checked == 0):
        top = max(a.rows for a in missing)
        who = punct("、").join(dict.fromkeys(a.source for a in missing if a.rows == top))
        problems.append(_("审计日志少了{rows}（{who}记下共 {top} 条，现在只有 {checked} 条）。").format(
            rows=_range(checked + 1, top), who=who, top=top, checked=checked))
    # the same row count with another hash: rows replaced, the table rebuilt or re-hashed
    differ = [a for a in anchors if a.rows in at_rows and at_rows[a.rows] != a.hash
              and not _given_up(a, restores)]
    if differ:
        first = min(a.rows for a in differ)
        who = punct("、").join(dict.fromkeys(a.source for a in differ if a.rows == first))
        problems.append(_("审计日志第 {row} 条与{who}记下的哈希不符：日志被改写过"
                          "（重建了表或重算了哈希链）。").format(row=first, who=who))
    compared = len(anchors) - len(missing) - len(differ)
    gone = missing_triggers() if _table_exists() else list(TRIGGERS)
    if gone:
        problems.append(_("审计日志的防改触发器缺失：{triggers}（运行 outlet-desk check 可重建）。").format(
            triggers=punct("、").join(gone)))
    if failed:
        return VerifyResult(False, checked, failed.broken_id, failed.reason, tuple(problems),
                            compared, tuple(notes))
    if problems:
        broken = (checked + 1) if missing else (min(a.rows for a in differ) if differ else None)
        return VerifyResult(False, checked, broken, problems[0], tuple(problems), compared,
                            tuple(notes))
    return VerifyResult(True, checked, anchors=len(anchors), notes=tuple(notes))


def _table_exists() -> bool:
    return dbmod.database.table_exists("audit_log")
