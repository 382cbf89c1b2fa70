"""Returns (退件), forwards (转件) and mis-sorted parcels (错分件) with the red-label checklist.

The outlet's rule (seed 004): a returned or forwarded parcel gets a red label stuck on **and a photo
kept**; a mis-sorted parcel also has the outlet's code (setting ``outlet.code``, "803") struck out so
it is not sent back here.  The checklist is kept per record, each item with who and when:

1. ``label``  — red label applied, confirmed by the clerk;
2. ``photo``  — at least one photo of the labelled parcel (evidence store);
3. ``struck`` — mis-sorted only: the outlet code struck out, confirmed.

:func:`dispatch` refuses while any item is missing, naming the missing items — whatever the screen
does.  Dispatch sets the parcel RETURNED/FORWARDED, writes the parcel event and an outbox record
for head office in the same transaction.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from peewee import JOIN, fn

from .. import audit, changes, evidence, settings
from ..db import write_tx
from ..errors import DomainError, NotFound, ValidationError
from ..i18n import N_, _, inline
from ..models import Parcel, ParcelEvent, Staff
from ..models.evidence import Photo
from ..models.problems import ProblemRecord
from ..models.returns import ReturnRecord
from ..openitems import OpenItem
from ..permissions import Actor, operation
from ..privacy import mask_phone, phone_tail
from ..scan import normalize_scan
from ..settings import SettingSpec
from ..signoff import outbox
from . import intake

SETTINGS = [
    SettingSpec("returns.red_label_size", "100x75", "Red label size (mm, WxH)", N_("红标签尺寸（毫米，宽x高）"),
                section="returns", choices=("100x75", "100x100", "100x150", "80x60", "76x130")),
    SettingSpec("returns.print_in_red", False, "Print red labels in red ink (colour printer)",
                N_("红标签用红色打印（彩色打印机）"), kind="bool", section="returns",
                help_zh=N_("不勾选：在红色标签纸上用黑色打印。"),
                help="Off: black print on red label stock."),
]

CHANGES = frozenset({changes.RETURNS, changes.PARCELS})
PHOTO_PURPOSE = "return"

# the Chinese words (N_): shown through _(…); written into parcel events and problem notes as they are
#: the reasons are words stored in the database (ReturnRecord.REASONS); their names for the catalog
_REASON_NAMES = (N_("拒收"), N_("超期未取"), N_("地址错误"), N_("错分"), N_("破损"), N_("其他"))


def reason_text(reason: str) -> str:
    """A stored return reason ("超期未取") as the person reads it ("Not collected in time")."""
    return _(reason) if reason in ReturnRecord.REASONS else reason


KIND_LABELS = {ReturnRecord.RETURN: N_("退件"), ReturnRecord.FORWARD: N_("转件")}
ITEM_LABELS = {"label": N_("红标签已贴"), "photo": N_("已拍照留底"), "struck": N_("网点编码已划掉")}
STATUS_LABELS = {ReturnRecord.OPEN: N_("待发出"), ReturnRecord.DISPATCHED: N_("已发出"),
                 ReturnRecord.RECEIVED: N_("对方已收"), ReturnRecord.CANCELLED: N_("已撤销")}

_WAYBILL = re.compile(r"^[A-Z0-9-]{8,32}$")
_CARRIER_PREFIX = (("SF", "顺丰"),  # zh-data: carrier names ("YT", "圆通"), ("JT", "极兔"), ("JD", "京东"), ("DPK", "德邦"),
                   ("STO", "申通"))


class UnknownWaybill(ValidationError):
    """A return started from a waybill the outlet never had: the clerk must say whether it is the
    customer's own parcel (客户自带退件) or a mistyped number; ``suggestions`` are the closest
    waybills in stock."""

    def __init__(self, waybill: str, suggestions: tuple[str, ...] = ()):
        text = _("{waybill} 不是本网点收到的包裹：是客户自带退件，还是单号输错了？").format(
            waybill=waybill)
        if suggestions:
            text += _("相近的在库单号：{waybills}。").format(waybills=_("、").join(suggestions))
        super().__init__(text)
        self.waybill = waybill
        self.suggestions = tuple(suggestions)


class ChecklistIncomplete(DomainError):
    """Dispatch refused: the red-label checklist is not finished."""


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done: bool
    by: str = ""
    at: dt.datetime | None = None


@dataclass(frozen=True)
class ReturnInfo:
    id: int
    parcel_id: int
    waybill: str
    carrier: str
    kind: str
    status: str
    reason: str
    note: str
    source: str
    mis_sorted: bool
    should_have_gone: str
    dest_code: str
    dest_name: str
    sender_name: str
    sender_phone_masked: str
    recipient_masked: str
    started_at: dt.datetime
    started_by: str
    checklist: tuple[ChecklistItem, ...]
    photos: tuple[evidence.PhotoInfo, ...]
    dispatched_at: dt.datetime | None
    received_at: dt.datetime | None

    @property
    def kind_label(self) -> str:
        return _(KIND_LABELS[self.kind])

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(i.label for i in self.checklist if not i.done)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def destination(self) -> str:
        """One line: where it goes (forward) or to whom (return)."""
        return self._destination(_("寄件人"))

    def _destination(self, sender_word: str) -> str:
        if self.kind == ReturnRecord.FORWARD:
            return f"{self.dest_code} {self.dest_name}".strip()
        return " ".join(x for x in (self.sender_name, self.sender_phone_masked) if x) or sender_word


@dataclass(frozen=True)
class ReturnRow:
    """One line of the returns list (checklist at a glance)."""
    id: int
    waybill: str
    carrier: str
    kind: str
    status: str
    reason: str
    mis_sorted: bool
    destination: str
    started_at: dt.datetime
    started_by: str
    label_done: bool
    photo_count: int
    struck_done: bool | None          # None: not mis-sorted, item does not apply
    dispatched_at: dt.datetime | None
    received_at: dt.datetime | None

    @property
    def complete(self) -> bool:
        return self.label_done and self.photo_count > 0 and self.struck_done is not False


@dataclass(frozen=True)
class DispatchInfo:
    return_id: int
    waybill: str
    kind: str
    status: str
    at: dt.datetime


# -- reading --------------------------------------------------------------------------------------

def _staff_names(ids) -> dict[int, str]:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    return dict(Staff.select(Staff.id, Staff.name).where(Staff.id.in_(list(ids))).tuples())


def _checklist(r: ReturnRecord, photos, names) -> tuple[ChecklistItem, ...]:
    items = [ChecklistItem("label", _(ITEM_LABELS["label"]), r.label_at is not None,
                           names.get(r.label_by_id, ""), r.label_at)]
    first = photos[0] if photos else None
    items.append(ChecklistItem("photo", _(ITEM_LABELS["photo"]), first is not None,
                               first.taken_by if first else "", first.taken_at if first else None))
    if r.mis_sorted:
        code = settings.get("outlet.code")
        items.append(ChecklistItem("struck", _("网点编码“{code}”已划掉").format(code=code),
                                   r.struck_at is not None,
                                   names.get(r.struck_by_id, ""), r.struck_at))
    return tuple(items)


def _info(r: ReturnRecord, home=None) -> ReturnInfo:
    p = r.parcel
    photos = evidence.photos_for(PHOTO_PURPOSE, [r.id], home)[str(r.id)]
    names = _staff_names([r.started_by_id, r.label_by_id, r.struck_by_id])
    return ReturnInfo(
        r.id, p.id, p.waybill, p.carrier, r.kind, r.status, r.reason, r.note, r.source,
        r.mis_sorted, r.should_have_gone or "", r.dest_code or "", r.dest_name or "",
        r.sender_name or "", mask_phone(r.sender_phone), mask_phone(p.recipient_phone),
        r.started_at, names.get(r.started_by_id, ""), _checklist(r, photos, names), tuple(photos),
        r.dispatched_at, r.received_at)


def get_return(return_id: int, home=None) -> ReturnInfo:
    r = ReturnRecord.get_or_none(ReturnRecord.id == return_id)
    if r is None:
        raise NotFound(_("没有这条退转件记录。"))
    return _info(r, home)


def find(waybill: str, home=None) -> ReturnInfo | None:
    """The open record of a waybill, else its latest record, else None."""
    waybill = normalize_scan(waybill)
    q = (ReturnRecord.select().join(Parcel).where(Parcel.waybill == waybill)
         .order_by((ReturnRecord.status == ReturnRecord.OPEN).desc(), ReturnRecord.id.desc()))
    r = q.first()
    return _info(r, home) if r else None


def list_returns(*, scope: str = "open", kind: str | None = None, text: str = "",
                 now: dt.datetime, offset: int = 0, limit: int = 200,
                 started_by: int | None = None) -> list[ReturnRow]:
    """``scope``: ``open`` (not dispatched yet), ``today`` (started or dispatched today, plus all
    open), ``dispatched`` (waiting for the other side), ``all``.  Three queries, whatever the size."""
    day0 = dt.datetime.combine(now.date(), dt.time())
    q = (ReturnRecord.select(ReturnRecord, Parcel.waybill, Parcel.carrier, Staff.name.alias("starter"))
         .join(Parcel, on=(ReturnRecord.parcel == Parcel.id))
         .switch(ReturnRecord).join(Staff, JOIN.LEFT_OUTER, on=(ReturnRecord.started_by == Staff.id)))
    if scope == "open":
        q = q.where(ReturnRecord.status == ReturnRecord.OPEN)
    elif scope == "today":
        q = q.where((ReturnRecord.status == ReturnRecord.OPEN) | (ReturnRecord.started_at >= day0)
                    | (ReturnRecord.dispatched_at >= day0))
    elif scope == "dispatched":
        q = q.where(ReturnRecord.status == ReturnRecord.DISPATCHED)
    if kind:
        q = q.where(ReturnRecord.kind == kind)
    if started_by is not None:
        q = q.where(ReturnRecord.started_by == started_by)
    text = normalize_scan(text)
    if text:
        q = q.where(Parcel.waybill.contains(text) | ReturnRecord.dest_name.contains(text)
                    | ReturnRecord.dest_code.contains(text) | ReturnRecord.sender_name.contains(text))
    q = q.order_by((ReturnRecord.status == ReturnRecord.OPEN).desc(), ReturnRecord.started_at.desc(),
                   ReturnRecord.id.desc()).offset(offset).limit(limit)
    rows = list(q.objects())
    ids = [str(r.id) for r in rows]
    counts = dict(Photo.select(Photo.ref, fn.COUNT(Photo.id))
                  .where((Photo.purpose == PHOTO_PURPOSE) & Photo.ref.in_(ids))
                  .group_by(Photo.ref).tuples()) if ids else {}
    out = []
    for r in rows:
        if r.kind == ReturnRecord.FORWARD:
            dest = f"{r.dest_code or ''} {r.dest_name or ''}".strip()
        else:
            dest = " ".join(x for x in (r.sender_name, mask_phone(r.sender_phone)) if x) or _("寄件人")
        out.append(ReturnRow(r.id, r.waybill, r.carrier, r.kind, r.status, r.reason, r.mis_sorted,
                             dest, r.started_at, r.starter or "", r.label_at is not None,
                             counts.get(str(r.id), 0),
                             (r.struck_at is not None) if r.mis_sorted else None,
                             r.dispatched_at, r.received_at))
    return out


def day_counts(day: dt.date) -> dict[str, int]:
    """For day close: returns/forwards started and dispatched on ``day``."""
    start = dt.datetime.combine(day, dt.time())
    end = start + dt.timedelta(days=1)
    out = {}
    for kind in ReturnRecord.KINDS:
        base = ReturnRecord.select().where(ReturnRecord.kind == kind)
        out[f"{kind}_started"] = base.where((ReturnRecord.started_at >= start)
                                            & (ReturnRecord.started_at < end)).count()
        out[f"{kind}_dispatched"] = base.where((ReturnRecord.dispatched_at >= start)
                                               & (ReturnRecord.dispatched_at < end)).count()
    out["open"] = ReturnRecord.select().where(ReturnRecord.status == ReturnRecord.OPEN).count()
    return out


# -- starting -------------------------------------------------------------------------------------

def guess_carrier(waybill: str) -> str:
    for prefix, name in _CARRIER_PREFIX:
        if waybill.startswith(prefix):
            return name
    if re.fullmatch(r"[A-Z]{2}\d{9}[A-Z]{2}", waybill):
        return "EMS"
    return "未知"  # zh-data: stored as the parcel's carrier


def _recognize(wb: str) -> tuple[str, str]:
    """A waybill the outlet has never seen: (normalised waybill, carrier).  Uses intake's carrier
    pattern table when it is there (bag numbers and garbage refused with its reasons), else a
    minimal check and a prefix guess."""
    try:
        recognize = intake.recognize_scan
    except (ImportError, AttributeError):
        recognize = None
    if recognize is not None:
        rec, _line = recognize(wb)
        return rec.waybill, rec.carrier
    if not _WAYBILL.match(wb):
        raise ValidationError(_("“{waybill}”不像运单号。").format(waybill=wb))
    if wb.isdigit() and wb.startswith("4"):
        raise ValidationError(_("集包单号，不是包裹。"))
    return wb, guess_carrier(wb)


def _near(a: str, b: str) -> int | None:
    """1 or 2 when ``b`` is ``a`` with one or two digits wrong, two neighbours swapped, or one
    character missing/extra (the typing mistakes at a counter); else None."""
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        if len(diff) <= 2 and diff:
            if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
                    and a[diff[1]] == b[diff[0]]:
                return 1        # two neighbours swapped
            return len(diff)
        return None
    if abs(len(a) - len(b)) != 1:
        return None
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return 1 if short[i:] == long_[i + 1:] else None


def closest_in_stock(waybill: str, limit: int = 3) -> tuple[str, ...]:
    """The waybills at the outlet (in stock) closest to a mistyped one, closest first."""
    wb = normalize_scan(waybill or "")
    if not wb:
        return ()
    found = []
    q = (Parcel.select(Parcel.waybill)
         .where(Parcel.status == Parcel.IN_STOCK,
                fn.LENGTH(Parcel.waybill).between(len(wb) - 1, len(wb) + 1)))
    for (other,) in q.tuples().iterator():
        d = _near(wb, other)
        if d is not None:
            found.append((d, other))
    found.sort()
    return tuple(o for _d, o in found[:limit])


def unknown_waybill(waybill: str) -> UnknownWaybill | None:
    """The question to ask before a return of ``waybill`` starts, or None when the outlet has (or
    had) the parcel.  Bad numbers and bag numbers raise with intake's reasons."""
    wb = normalize_scan(waybill or "")
    if not wb:
        raise ValidationError(_("请扫描运单号。"))
    if Parcel.select().where(Parcel.waybill == wb).exists():
        return None
    wb, _carrier = _recognize(wb)
    if Parcel.select().where(Parcel.waybill == wb).exists():
        return None
    return UnknownWaybill(wb, closest_in_stock(wb))


def _clean(text) -> str:
    return (text or "").strip()


def start_in_tx(parcel: Parcel, *, kind: str, reason: str, note: str = "", source: str = "stock",
                dest_code: str = "", dest_name: str = "", mis_sorted: bool = False,
                should_have_gone: str = "", sender_name: str = "", sender_phone: str = "",
                actor: Actor, now: dt.datetime) -> ReturnRecord:
    """Start a return/forward of ``parcel`` inside the caller's write transaction.

    Used by :func:`start_return`, by resolving a problem and by the overdue list.
    """
    if kind not in ReturnRecord.KINDS:
        raise ValidationError(_("请选择退件或转件。"))
    if reason not in ReturnRecord.REASONS:
        raise ValidationError(_("请选择原因：{reasons}。").format(
            reasons=_("、").join(ReturnRecord.REASONS)))
    note = _clean(note)
    if reason == "其他" and not note:  # zh-data: the stored reason
        raise ValidationError(_("原因选“其他”时必须写备注。"))
    if source not in ReturnRecord.SOURCES:
        raise ValidationError(_("来源不正确。"))
    mis_sorted = bool(mis_sorted) or reason == "错分"  # zh-data: the stored reason
    dest_code, dest_name = _clean(dest_code).upper(), _clean(dest_name)
    should_have_gone = _clean(should_have_gone)
    if kind == ReturnRecord.FORWARD:
        if not dest_code or not dest_name:
            raise ValidationError(_("转件必须填写目的网点的编码和名称。"))
        if dest_code == str(settings.get("outlet.code")).upper():
            raise ValidationError(_("目的网点就是本网点，不能转给自己。"))
        if mis_sorted and not should_have_gone:
            should_have_gone = f"{dest_code} {dest_name}"
    else:
        dest_code = dest_name = ""
    if mis_sorted and not should_have_gone:
        raise ValidationError(_("错分件必须写明应发往哪个网点。"))
    sender_name, sender_phone = _clean(sender_name), _clean(sender_phone)
    if sender_phone and len(re.sub(r"\D", "", sender_phone)) < 7:
        raise ValidationError(_("寄件人电话不正确。"))
    if kind == ReturnRecord.FORWARD:
        sender_name = sender_phone = ""

    current = ReturnRecord.get_or_none((ReturnRecord.parcel == parcel.id)
                                       & (ReturnRecord.status == ReturnRecord.OPEN))
    if current is not None:
        raise DomainError(_("{waybill} 已在{kind}中，{at} 开始。").format(
            waybill=parcel.waybill, kind=inline(_(KIND_LABELS[current.kind])),
            at=f"{current.started_at:%m-%d %H:%M}"))
    if parcel.status in (Parcel.RETURNED, Parcel.FORWARDED):
        raise DomainError((_("{waybill} 已经退回，不能再次开始。") if parcel.status == Parcel.RETURNED
                           else _("{waybill} 已经转出，不能再次开始。")).format(waybill=parcel.waybill))
    rec = ReturnRecord.create(
        parcel=parcel, kind=kind, reason=reason, note=note, source=source,
        prior_status=parcel.status, mis_sorted=mis_sorted, should_have_gone=should_have_gone or None,
        dest_code=dest_code or None, dest_name=dest_name or None, sender_name=sender_name or None,
        sender_phone=sender_phone or None, started_at=now, started_by=actor.id)
    new_status = Parcel.RETURNING if kind == ReturnRecord.RETURN else Parcel.FORWARDING
    # open problems end here: the parcel goes back/onwards
    outcome = ProblemRecord.RETURN if kind == ReturnRecord.RETURN else ProblemRecord.FORWARD
    open_problems = list(ProblemRecord.select().where((ProblemRecord.parcel == parcel.id)
                                                      & ProblemRecord.resolved_at.is_null()))
    for pr in open_problems:
        ProblemRecord.update(resolved_at=now, resolved_by=actor.id, outcome=outcome,
                             resolution_note=f"{KIND_LABELS[kind]}（{reason}）").where(  # zh-data
            ProblemRecord.id == pr.id).execute()
        ParcelEvent.create(parcel=parcel, at=now, kind=ParcelEvent.PROBLEM_RESOLVED, staff=actor.id,
                           detail=f"{pr.reason} → {KIND_LABELS[kind]}")  # zh-data
    Parcel.update(status=new_status, problem=False, updated_at=now).where(
        Parcel.id == parcel.id).execute()
    intake.release_code(parcel.id)        # off the self-pickup shelf: its code is free again
    detail = f"{reason} {note}".strip()
    if kind == ReturnRecord.FORWARD:
        detail += f" → {dest_code} {dest_name}"
    if mis_sorted:
        detail += f"（错分，应发往 {should_have_gone}）"  # zh-data: the parcel event
    ParcelEvent.create(parcel=parcel, at=now, staff=actor.id, detail=detail,
                       kind=ParcelEvent.RETURN_STARTED if kind == ReturnRecord.RETURN
                       else ParcelEvent.FORWARD_STARTED)
    audit.record(actor, f"{kind}.start", entity="parcel", entity_id=parcel.waybill,
                 detail={"reason": reason, "note": note, "source": source, "mis_sorted": mis_sorted,
                         "dest": f"{dest_code} {dest_name}".strip(),
                         "sender_name": sender_name, "sender_phone_tail": phone_tail(sender_phone)},
                 now=now)
    return rec


@operation("returns.start", N_("开始退件/转件"))
def start_return(waybill: str | None = None, *, parcel_id: int | None = None, kind: str,
                 reason: str, note: str = "", source: str | None = None, dest_code: str = "",
                 dest_name: str = "", mis_sorted: bool = False, should_have_gone: str = "",
                 sender_name: str = "", sender_phone: str = "", carrier: str | None = None,
                 customer_own: bool = False, actor: Actor, now: dt.datetime,
                 home=None) -> ReturnInfo:
    """Start a return or forward from a parcel id or any scanned waybill.

    A waybill the outlet has never seen is refused with :class:`UnknownWaybill` (the closest
    waybills in stock suggested: a mistyped number must not send a return to head office while the
    real parcel stays on the shelf) unless the clerk answered that it is the customer's own parcel
    (``customer_own``, 客户自带退件): then it gets a parcel record here, marked as registered by
    the return — no arrival is counted for it.
    """
    with write_tx():
        if parcel_id is not None:
            parcel = Parcel.get_or_none(Parcel.id == parcel_id)
            if parcel is None:
                raise NotFound(_("没有这个包裹。"))
        else:
            wb = normalize_scan(waybill or "")
            if not wb:
                raise ValidationError(_("请扫描运单号。"))
            parcel = Parcel.get_or_none(Parcel.waybill == wb)
            if parcel is None:
                wb, guessed = _recognize(wb)
                parcel = Parcel.get_or_none(Parcel.waybill == wb)
            if parcel is None:
                if not customer_own:
                    raise UnknownWaybill(wb, closest_in_stock(wb))
                parcel = Parcel.create(waybill=wb, carrier=carrier or guessed,
                                       category=Parcel.PROBLEM, status=Parcel.IN_STOCK,
                                       arrived_at=now, arrived_by=actor.id, updated_at=now,
                                       note="客户自带退件（退转件扫描登记，不在库存）")  # zh-data
                source = source or "scan"
        rec = start_in_tx(parcel, kind=kind, reason=reason, note=note, source=source or "stock",
                          dest_code=dest_code, dest_name=dest_name, mis_sorted=mis_sorted,
                          should_have_gone=should_have_gone, sender_name=sender_name,
                          sender_phone=sender_phone, actor=actor, now=now)
    return get_return(rec.id, home)


# -- the checklist --------------------------------------------------------------------------------

def _open_record(return_id: int) -> ReturnRecord:
    r = ReturnRecord.get_or_none(ReturnRecord.id == return_id)
    if r is None:
        raise NotFound(_("没有这条退转件记录。"))
    if r.status != ReturnRecord.OPEN:
        raise DomainError(_("这件已{status}，清单不能再改。").format(status=inline(_(STATUS_LABELS[r.status]))))
    return r


@operation("returns.tick_label", N_("确认已贴红标签"))
def confirm_label(return_id: int, *, actor: Actor, now: dt.datetime, home=None) -> ReturnInfo:
    with write_tx():
        r = _open_record(return_id)
        if r.label_at is None:
            ReturnRecord.update(label_at=now, label_by=actor.id).where(
                ReturnRecord.id == r.id).execute()
    return get_return(return_id, home)


@operation("returns.tick_struck", N_("确认已划掉网点编码"))
def confirm_code_struck(return_id: int, *, actor: Actor, now: dt.datetime, home=None) -> ReturnInfo:
    with write_tx():
        r = _open_record(return_id)
        if not r.mis_sorted:
            raise ValidationError(_("只有错分件需要划掉网点编码。"))
        if r.struck_at is None:
            ReturnRecord.update(struck_at=now, struck_by=actor.id).where(
                ReturnRecord.id == r.id).execute()
    return get_return(return_id, home)


@operation("returns.photo", N_("退转件拍照"))
def add_photo(return_id: int, data, *, actor: Actor, now: dt.datetime, home=None) -> ReturnInfo:
    """Store a photo of the labelled parcel (bytes or a file path)."""
    _open_record(return_id)

    def still_open(_row):
        _open_record(return_id)

    evidence.store_photo(data, purpose=PHOTO_PURPOSE, ref=return_id, actor=actor, now=now,
                         home=home, within=still_open)
    return get_return(return_id, home)


# -- dispatch and after ---------------------------------------------------------------------------

@operation("returns.dispatch", N_("退转件发出"))
def dispatch(waybill: str, *, actor: Actor, now: dt.datetime, home=None) -> DispatchInfo:
    """Scan a parcel out as returned/forwarded.  Refused while the checklist is incomplete."""
    wb = normalize_scan(waybill)
    if not wb:
        raise ValidationError(_("请扫描运单号。"))
    with write_tx():
        parcel = Parcel.get_or_none(Parcel.waybill == wb)
        if parcel is None:
            raise NotFound(_("{waybill} 不在系统里：先在上方扫描开始退件或转件。").format(waybill=wb))
        r = (ReturnRecord.select().where(ReturnRecord.parcel == parcel.id)
             .order_by((ReturnRecord.status == ReturnRecord.OPEN).desc(), ReturnRecord.id.desc())
             .first())
        if r is None or r.status == ReturnRecord.CANCELLED:
            raise DomainError(_("{waybill} 没有开始退件或转件，不能发出。").format(waybill=wb))
        if r.status != ReturnRecord.OPEN:
            raise DomainError(_("{waybill} 已于 {at} {status}，不要重复扫描。").format(
                waybill=wb, at=f"{r.dispatched_at:%m-%d %H:%M}", status=inline(_(STATUS_LABELS[r.status]))))
        info = _info(r, home)
        if info.missing:
            raise ChecklistIncomplete(_("{waybill} 还不能发出，缺：{missing}。").format(
                waybill=wb, missing=_("、").join(info.missing)))
        returned = r.kind == ReturnRecord.RETURN
        new_status = Parcel.RETURNED if returned else Parcel.FORWARDED
        ReturnRecord.update(status=ReturnRecord.DISPATCHED, dispatched_at=now,
                            dispatched_by=actor.id).where(ReturnRecord.id == r.id).execute()
        Parcel.update(status=new_status, updated_at=now).where(Parcel.id == parcel.id).execute()
        intake.release_code(parcel.id)
        ParcelEvent.create(parcel=parcel, at=now, staff=actor.id,
                           kind=ParcelEvent.RETURNED if returned else ParcelEvent.FORWARDED,
                           detail=f"{r.reason} → {info._destination('寄件人')}")  # zh-data
        kind = "return_dispatch" if returned else "forward_dispatch"
        outbox.enqueue(kind, {
            "waybill": parcel.waybill, "carrier": parcel.carrier, "reason": r.reason,
            "note": r.note, "mis_sorted": r.mis_sorted, "should_have_gone": r.should_have_gone,
            "dest_code": r.dest_code, "dest_name": r.dest_name,
            "outlet_code": settings.get("outlet.code"), "dispatched_at": now,
            "staff": actor.name, "label_at": r.label_at, "struck_at": r.struck_at,
            "photos": [p.hash for p in info.photos],
        }, now=now, key=f"{kind}:{r.id}")
    return DispatchInfo(r.id, parcel.waybill, r.kind, new_status, now)


@operation("returns.received", N_("登记对方已收"))
def mark_received(return_id: int, note: str = "", *, actor: Actor, now: dt.datetime,
                  home=None) -> ReturnInfo:
    with write_tx():
        r = ReturnRecord.get_or_none(ReturnRecord.id == return_id)
        if r is None:
            raise NotFound(_("没有这条退转件记录。"))
        if r.status != ReturnRecord.DISPATCHED:
            raise DomainError(_("还没有发出的件不能登记对方已收。") if r.status == ReturnRecord.OPEN
                              else _("这件已{status}。").format(status=inline(_(STATUS_LABELS[r.status]))))
        ReturnRecord.update(status=ReturnRecord.RECEIVED, received_at=now, received_by=actor.id,
                            received_note=_clean(note)).where(ReturnRecord.id == r.id).execute()
        audit.record(actor, "returns.received", entity="return", entity_id=r.id,
                     detail={"note": _clean(note)}, now=now)
    return get_return(return_id, home)


@operation("returns.cancel", N_("撤销退件/转件"))
def cancel_return(return_id: int, reason: str, *, actor: Actor, now: dt.datetime,
                  home=None) -> ReturnInfo:
    """Undo a return/forward started by mistake (before dispatch): the parcel goes back to stock."""
    reason = _clean(reason)
    if not reason:
        raise ValidationError(_("撤销必须写原因。"))
    with write_tx():
        r = _open_record(return_id)
        ReturnRecord.update(status=ReturnRecord.CANCELLED).where(ReturnRecord.id == r.id).execute()
        back = r.prior_status if r.prior_status in (Parcel.IN_STOCK, Parcel.OUT_FOR_DELIVERY,
                                                   Parcel.RELEASED, Parcel.DELIVERED) else Parcel.IN_STOCK
        Parcel.update(status=back, updated_at=now).where(Parcel.id == r.parcel_id).execute()
        if back == Parcel.IN_STOCK and r.parcel.category == Parcel.PICKUP:
            intake.assign_code(r.parcel_id, now=now)
        ParcelEvent.create(parcel=r.parcel_id, at=now, kind=ParcelEvent.CORRECTED, staff=actor.id,
                           detail=f"撤销{KIND_LABELS[r.kind]}：{reason}")  # zh-data
        audit.record(actor, "returns.cancel", entity="return", entity_id=r.id,
                     detail={"reason": reason}, now=now)
    return get_return(return_id, home)


# -- handover -------------------------------------------------------------------------------------

def open_items(staff_id: int, now: dt.datetime) -> list[OpenItem]:
    """Returns/forwards this person started that are not dispatched yet."""
    out = []
    for r in list_returns(scope="open", now=now, limit=1000, started_by=staff_id):
        missing = [_(ITEM_LABELS["label"])] if not r.label_done else []
        if not r.photo_count:
            missing.append(_(ITEM_LABELS["photo"]))
        if r.struck_done is False:
            missing.append(_(ITEM_LABELS["struck"]))
        state = (_("缺：{missing}").format(missing=_("、").join(missing)) if missing
                 else _("清单已完成，待发出"))
        out.append(OpenItem("return", str(r.id), _("{kind} {waybill}（{reason}）{state}").format(
            kind=_(KIND_LABELS[r.kind]), waybill=r.waybill, reason=r.reason, state=state)))
    return out


# -- demo -----------------------------------------------------------------------------------------


# -- red label ------------------------------------------------------------------------------------

def red_label_pdf(return_ids, *, now: dt.datetime, home=None) -> bytes:
    """The red labels of these records as one PDF (page size from ``returns.red_label_size``)."""
    from ..printing.red_label import build_red_labels, label_for  # lazy: reportlab, only for the PDF
    v = settings.get_many(["returns.red_label_size", "returns.print_in_red", "outlet.code",
                           "outlet.name"])
    labels = [label_for(get_return(i, home), outlet_code=str(v["outlet.code"]),
                        outlet_name=v["outlet.name"], date=now.date()) for i in return_ids]
    if not labels:
        raise ValidationError(_("没有要打印的红标签。"))
    return build_red_labels(labels, size=v["returns.red_label_size"], in_red=bool(v["returns.print_in_red"]))
