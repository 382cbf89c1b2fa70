"""Outgoing parcels: counter sending (寄件), salesmen's pickups (揽收), dispatch (扫发件), the rate
and routing-code (大笔) tables, and today's unsigned deliveries (当日未签收).

Rules that live here, once:

* :func:`parse_weight_kg` — "1.25" → 1250 g exactly (Decimal, never float), at most 2 decimals.
* :func:`compute_fee` — first kilogram + each additional *started* kilogram: the weight above the
  first kilogram is rounded UP to the next whole kilogram (1.01 kg → first + 1 × additional;
  2.00 kg → first + 1 × additional; 2.01 kg → first + 2 × additional).
* :func:`weight_difference_flagged` — |checked − declared| > ``outgoing.weight_tolerance_g``.
* :func:`clean_waybill` — the waybill field of a sending form (柜台寄件, 揽收) refuses only a bare
  number that fits one of the outlet's bag rules (``waybill.bag_rules``, the same rule as intake:
  :func:`outlet_desk.waybill.check_typed_waybill`) and no carrier's format; a number the
  outlet already has is a parcel.  :func:`switches_bag` — in the dispatch scan, a bag-rule number
  that is not a registered parcel switches the bag.

The seed's "4… is a bag number" is the 3-day check's rule only (docs/outgoing.md says why).

The 3-day check and the tracking import are in :mod:`outlet_desk.outgoing.threeday`.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from peewee import fn

from .. import audit, businessday, changes, duty_events, money, settings, tables
from ..db import database, insert_rows, rows_where_in, stored_row, write_tx
from ..errors import DayLocked, NotFound, ValidationError
from ..fen import format_yuan, parse_yuan
from ..i18n import N_, _
from ..models.core import Staff
from ..models.duty import DutyEvent
from ..models.money import Payment
from ..models.outgoing import CollectionLine, OutgoingParcel, RateZone, RoutingCode, Salesman, ZoneProvince
from ..models.parcels import Parcel, ParcelEvent, not_signed_off
from ..openitems import OpenItem
from ..permissions import MANAGER_ONLY, Actor, operation
from ..privacy import mask_phone
from ..settings import SettingSpec
from ..waybill import BagNumber, bag_rule_for, check_typed_waybill

SETTINGS = [
    SettingSpec("outgoing.weight_tolerance_g", 100, "Weight tolerance for salesmen (g)",
                N_("业务员重量允许误差（克）"), kind="int", section="outgoing", minimum=0, maximum=5000),
    SettingSpec("outgoing.max_weight_kg", 60, "Heaviest parcel accepted (kg)", N_("单件最大重量（公斤）"),
                kind="int", section="outgoing", minimum=1, maximum=1000),
    SettingSpec("outgoing.item_types", ["文件", "日用品", "衣物", "食品", "数码产品", "书籍", "其他"],  # zh-data
                "Item types", N_("物品类型"), kind="list", section="outgoing"),
    SettingSpec("outgoing.origin_province", "浙江", "Outlet's province", N_("本网点所在省份"),  # zh-data
                section="outgoing"),
    SettingSpec("outgoing.origin_city", "杭州", "Outlet's city", N_("本网点所在城市"),  # zh-data
                section="outgoing"),
]

PROVINCES = ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",  # zh-data
             "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
             "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆")

#: zone → (first kg fen, each additional kg fen), and the provinces in it
DEFAULT_ZONES = {  # zh-data: zone and province names, stored as they are
    "一区": (1000, 200, ("浙江", "江苏", "上海", "安徽")),
    "二区": (1200, 500, ("北京", "天津", "河北", "山东", "福建", "江西", "河南", "湖北", "湖南", "广东")),
    "三区": (1500, 800, ("山西", "辽宁", "吉林", "黑龙江", "广西", "海南", "重庆", "四川", "贵州",
                        "云南", "陕西")),
    "四区": (1800, 1000, ("内蒙古", "甘肃", "青海", "宁夏")),
    "五区": (2200, 1500, ("新疆", "西藏")),
}

DEFAULT_ROUTING = {  # zh-data: province and city names, stored as they are
    ("北京", ""): "010", ("天津", ""): "022", ("上海", ""): "021", ("重庆", ""): "023",
    ("河北", ""): "311", ("山西", ""): "351", ("内蒙古", ""): "471", ("辽宁", ""): "024",
    ("吉林", ""): "431", ("黑龙江", ""): "451", ("江苏", ""): "025", ("浙江", ""): "571",
    ("安徽", ""): "551", ("福建", ""): "591", ("江西", ""): "791", ("山东", ""): "531",
    ("河南", ""): "371", ("湖北", ""): "027", ("湖南", ""): "731", ("广东", ""): "020",
    ("广西", ""): "771", ("海南", ""): "898", ("四川", ""): "028", ("贵州", ""): "851",
    ("云南", ""): "871", ("西藏", ""): "891", ("陕西", ""): "029", ("甘肃", ""): "931",
    ("青海", ""): "971", ("宁夏", ""): "951", ("新疆", ""): "991",
    ("浙江", "杭州"): "571-1", ("浙江", "宁波"): "574", ("浙江", "温州"): "577",
    ("江苏", "苏州"): "512", ("广东", "深圳"): "755",
}

_WAYBILL = re.compile(r"^[A-Z0-9]{8,20}$")

#: the payment method stored when a salesman's line names none
CASH = "现金"  # zh-data: a payment method as stored (Payment.METHODS)

CHANGED = frozenset({changes.OUTGOING})
CHANGED_MONEY = frozenset({changes.OUTGOING, changes.CASH})


# ---------------------------------------------------------------------------------------------
# Small rules
# ---------------------------------------------------------------------------------------------
def _nfkc(text) -> str:
    return unicodedata.normalize("NFKC", str(text or "")).strip()


def waybill_rules() -> tuple:
    """(custom patterns, bag rules): the outlet's settings, read once per call or file."""
    cfg = settings.get_many(("waybill.custom_patterns", "waybill.bag_rules"))
    return cfg["waybill.custom_patterns"], cfg["waybill.bag_rules"]


def is_known_outgoing(w: str) -> bool:
    """The outlet already has this number as an outgoing parcel or a salesman's declared line."""
    return (OutgoingParcel.select().where(OutgoingParcel.waybill == w).exists()
            or CollectionLine.select().where(CollectionLine.waybill == w).exists())


def clean_waybill(raw: str, rules: tuple | None = None) -> str:
    """A number from the waybill field of a sending form.  Refused as a bag number only when it fits
    a bag rule and no carrier's format and the outlet does not already have it."""
    w = _nfkc(raw).upper()
    if not w:
        raise ValidationError(_("请扫描或输入运单号。"))
    custom, bag_rules = rules or waybill_rules()
    try:
        check_typed_waybill(w, custom=custom, bag_rules=bag_rules)
    except BagNumber:
        if not is_known_outgoing(w):
            raise
    if not _WAYBILL.match(w):
        raise ValidationError(_("运单号“{waybill}”格式不对：应为 8–20 位字母或数字。").format(waybill=w))
    return w


def parse_weight_kg(text) -> int:
    """Kilograms with at most two decimals → whole grams, exactly ("1.25" → 1250)."""
    raw = _nfkc(text).lower().replace("公斤", "").replace("kg", "").strip()  # zh-data: the unit typed
    if not raw:
        raise ValidationError(_("请输入重量（公斤）。"))
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(_("重量“{text}”不是数字，请按公斤输入，如 1.25。").format(text=text)) from None
    if not value.is_finite():
        raise ValidationError(_("重量“{text}”不是数字，请按公斤输入，如 1.25。").format(text=text))
    if value.as_tuple().exponent < -2:
        raise ValidationError(_("重量最多精确到 0.01 公斤。"))
    if value <= 0:
        raise ValidationError(_("重量必须大于 0。"))
    grams = int(value * 1000)
    limit = int(settings.get("outgoing.max_weight_kg"))
    if grams > limit * 1000:
        raise ValidationError(_("重量超过单件上限 {limit} 公斤。").format(limit=limit))
    return grams


def format_kg(grams: int | None) -> str:
    if grams is None:
        return ""
    return f"{grams // 1000}.{grams % 1000 // 10:02d}" if grams % 10 == 0 else f"{grams / 1000:.3f}"


def extra_kilograms(weight_g: int) -> int:
    """Additional kilograms charged beyond the first: the excess is rounded UP to whole kg."""
    if weight_g <= 1000:
        return 0
    return (weight_g - 1000 + 999) // 1000


def compute_fee(first_kg_fen: int, extra_kg_fen: int, weight_g: int) -> int:
    if weight_g <= 0:
        raise ValidationError(_("重量必须大于 0。"))
    return first_kg_fen + extra_kg_fen * extra_kilograms(weight_g)


def weight_difference_flagged(declared_g: int | None, checked_g: int | None,
                              tolerance_g: int | None = None) -> bool:
    if declared_g is None or checked_g is None:
        return False
    if tolerance_g is None:
        tolerance_g = int(settings.get("outgoing.weight_tolerance_g"))
    return abs(checked_g - declared_g) > tolerance_g


def clean_province(text: str) -> str:
    p = _nfkc(text)
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市"):  # zh-data
        if p.endswith(suffix) and p[: -len(suffix)] in PROVINCES:
            p = p[: -len(suffix)]
            break
    if p not in PROVINCES:
        raise ValidationError(_("省份“{text}”不认识，请选择列表里的省份。").format(text=text))
    return p


def clean_city(text: str) -> str:
    c = _nfkc(text)
    if c.endswith("市") and len(c) > 2:  # zh-data: "杭州市" is 杭州
        c = c[:-1]
    return c


# ---------------------------------------------------------------------------------------------
# Rate table (manager edits)
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Zone:
    zone: str
    first_kg_fen: int
    extra_kg_fen: int
    provinces: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    zone: str
    weight_g: int
    first_kg_fen: int
    extra_kg_fen: int
    extra_kg: int
    fee_fen: int
    routing_code: str


def _ensure_defaults() -> None:
    """Fill the rate and routing tables with the defaults the first time they are read."""
    if getattr(database.obj, "_outgoing_defaults", False):
        return
    rates, codes = RateZone.select().exists(), RoutingCode.select().exists()
    if rates and codes:       # remembered only when found, never right after filling them
        database.obj._outgoing_defaults = True
        return
    if not rates:
        with write_tx():
            for zone, (first, extra, provinces) in DEFAULT_ZONES.items():
                RateZone.create(zone=zone, first_kg_fen=first, extra_kg_fen=extra)
                for p in provinces:
                    ZoneProvince.insert(province=p, zone=zone).on_conflict_ignore().execute()
    if not codes:
        with write_tx():
            for (p, c), code in DEFAULT_ROUTING.items():
                RoutingCode.create(province=p, city=c, code=code)


def rate_table() -> list[Zone]:
    _ensure_defaults()
    by_zone: dict[str, list[str]] = {}
    for province, zone in ZoneProvince.select(ZoneProvince.province, ZoneProvince.zone).tuples():
        by_zone.setdefault(zone, []).append(province)
    order = {p: i for i, p in enumerate(PROVINCES)}
    return [Zone(z.zone, z.first_kg_fen, z.extra_kg_fen,
                 tuple(sorted(by_zone.get(z.zone, []), key=lambda p: order.get(p, 99))))
            for z in RateZone.select().order_by(RateZone.first_kg_fen, RateZone.zone)]


def rate_table_text() -> str:
    """The table as editable text, one zone a line: ``一区 10.00 2.00 浙江 江苏 上海``."""
    return "\n".join(f"{z.zone} {format_yuan(z.first_kg_fen)} {format_yuan(z.extra_kg_fen)} "
                     f"{' '.join(z.provinces)}" for z in rate_table())


def parse_rate_table_text(text: str) -> list[Zone]:
    zones, seen_zone, seen_prov = [], set(), {}
    for n, line in enumerate((text or "").splitlines(), 1):
        parts = _nfkc(line).replace("，", " ").replace(",", " ").split()
        if not parts:
            continue
        if len(parts) < 4:
            raise ValidationError(_("第 {n} 行：应为“区名 首重元 续重元 省份…”。").format(n=n))
        name = parts[0]
        if name in seen_zone:
            raise ValidationError(_("第 {n} 行：区名“{zone}”重复。").format(n=n, zone=name))
        try:
            first, extra = parse_yuan(parts[1]), parse_yuan(parts[2])
        except ValidationError as exc:
            raise ValidationError(_("第 {n} 行：{reason}").format(n=n, reason=exc.message)) from None
        provinces = []
        for p in parts[3:]:
            try:
                p = clean_province(p)
            except ValidationError as exc:
                raise ValidationError(_("第 {n} 行：{reason}").format(n=n, reason=exc.message)) from None
            if p in seen_prov:
                raise ValidationError(_("第 {n} 行：{province} 已在“{zone}”里。").format(
                    n=n, province=p, zone=seen_prov[p]))
            seen_prov[p] = name
            provinces.append(p)
        seen_zone.add(name)
        zones.append(Zone(name, first, extra, tuple(provinces)))
    if not zones:
        raise ValidationError(_("价格表不能为空。"))
    return zones


@operation("outgoing.rates", N_("修改寄件价格表"), MANAGER_ONLY)
def set_rate_table(zones: list[Zone] | str, *, actor: Actor, now: dt.datetime) -> frozenset:
    """Replace the whole rate table (zones with first/additional kg fen and their provinces)."""
    if isinstance(zones, str):
        zones = parse_rate_table_text(zones)
    missing = [p for p in PROVINCES if p not in {q for z in zones for q in z.provinces}]
    if missing:
        listed = "、".join(missing[:6])
        raise ValidationError(
            (_("价格表缺少这些省份：{provinces} 等，每个省份都要在某个区里。") if len(missing) > 6
             else _("价格表缺少这些省份：{provinces}，每个省份都要在某个区里。")).format(provinces=listed))
    old = rate_table_text()
    with write_tx():
        RateZone.delete().execute()
        ZoneProvince.delete().execute()
        for z in zones:
            if z.first_kg_fen <= 0 or z.extra_kg_fen < 0:
                raise ValidationError(_("“{zone}”的首重价必须大于 0，续重价不能为负。").format(zone=z.zone))
            RateZone.create(zone=z.zone, first_kg_fen=z.first_kg_fen, extra_kg_fen=z.extra_kg_fen)
            for p in z.provinces:
                ZoneProvince.create(province=clean_province(p), zone=z.zone)
        audit.record(actor, "outgoing.rates", entity="rate_table", entity_id="all",
                     detail={"old": old, "new": rate_table_text()}, now=now)
    return CHANGED


def zone_for(province: str) -> Zone:
    _ensure_defaults()
    province = clean_province(province)
    row = ZoneProvince.get_or_none(ZoneProvince.province == province)
    rate = RateZone.get_or_none(RateZone.zone == row.zone) if row else None
    if rate is None:
        raise ValidationError(_("价格表里没有{province}的价格，请店长在价格表里加上。").format(
            province=province))
    return Zone(rate.zone, rate.first_kg_fen, rate.extra_kg_fen, ())


def quote(province: str, city: str, weight_g: int) -> Quote:
    """The fee for a destination and weight, with the routing code (for the live display)."""
    zone = zone_for(province)
    fee = compute_fee(zone.first_kg_fen, zone.extra_kg_fen, weight_g)
    return Quote(zone.zone, weight_g, zone.first_kg_fen, zone.extra_kg_fen,
                 extra_kilograms(weight_g), fee, routing_code_for(province, city))


# ---------------------------------------------------------------------------------------------
# Routing codes (大笔)
# ---------------------------------------------------------------------------------------------
def routing_code_for(province: str | None, city: str | None) -> str:
    """The 大笔 code: the city's own code if there is one, else the province's ("" if none)."""
    if not province:
        return ""
    _ensure_defaults()
    try:
        province = clean_province(province)
    except ValidationError:
        return ""
    city = clean_city(city or "")
    rows = {c: code for c, code in RoutingCode.select(RoutingCode.city, RoutingCode.code)
            .where(RoutingCode.province == province).tuples()}
    return rows.get(city) or rows.get("", "")


def routing_codes() -> list[tuple[str, str, str]]:
    _ensure_defaults()
    order = {p: i for i, p in enumerate(PROVINCES)}
    rows = list(RoutingCode.select(RoutingCode.province, RoutingCode.city, RoutingCode.code).tuples())
    return sorted(rows, key=lambda r: (order.get(r[0], 99), r[1]))


def routing_codes_text() -> str:
    """Editable text: ``省份 城市 代码`` per line; ``-`` for the whole province."""
    return "\n".join(f"{p} {c or '-'} {code}" for p, c, code in routing_codes())


def parse_routing_text(text: str) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for n, line in enumerate((text or "").splitlines(), 1):
        parts = _nfkc(line).split()
        if not parts:
            continue
        if len(parts) != 3:
            raise ValidationError(_("第 {n} 行：应为“省份 城市 代码”（整省城市写 -）。").format(n=n))
        try:
            p = clean_province(parts[0])
        except ValidationError as exc:
            raise ValidationError(_("第 {n} 行：{reason}").format(n=n, reason=exc.message)) from None
        c = "" if parts[1] in ("-", "—", "全省") else clean_city(parts[1])  # zh-data: typed
        if (p, c) in out:
            raise ValidationError(_("第 {n} 行：{province} {city} 重复。").format(
                n=n, province=p, city=c or _("全省")))
        out[(p, c)] = parts[2]
    if not out:
        raise ValidationError(_("大笔代码表不能为空。"))
    return out


@operation("outgoing.routing", N_("修改大笔代码表"), MANAGER_ONLY)
def set_routing_codes(table: dict | str, *, actor: Actor, now: dt.datetime) -> frozenset:
    if isinstance(table, str):
        table = parse_routing_text(table)
    old = routing_codes_text()
    with write_tx():
        RoutingCode.delete().execute()
        for (p, c), code in table.items():
            RoutingCode.create(province=clean_province(p), city=clean_city(c), code=_nfkc(code))
        audit.record(actor, "outgoing.routing", entity="routing_codes", entity_id="all",
                     detail={"old": old, "new": routing_codes_text()}, now=now)
    return CHANGED


# ---------------------------------------------------------------------------------------------
# Counter sending (寄件)
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SendForm:
    waybill: str
    sender_name: str
    sender_phone: str
    recipient_name: str
    recipient_phone: str
    province: str
    city: str
    item_type: str
    weight: str                  # kg as typed, "1.25"
    payment_method: str
    prohibited_confirmed: bool
    note: str = ""


@dataclass(frozen=True)
class OutgoingInfo:
    id: int
    waybill: str
    source: str
    salesman: str | None
    sender_name: str | None
    sender_phone_masked: str
    recipient_name: str | None
    recipient_phone_masked: str
    province: str | None
    city: str | None
    item_type: str | None
    declared_weight_g: int | None
    weight_g: int | None
    declared_fee_fen: int | None
    fee_fen: int
    payment_method: str | None
    routing_code: str
    zone: str | None
    weight_flagged: bool
    bag: str | None
    received_at: dt.datetime
    received_by: str | None
    dispatched_at: dt.datetime | None
    tracking_status: str | None


def _info(p: OutgoingParcel, staff_names: dict | None = None) -> OutgoingInfo:
    received_by = None
    if p.received_by_id:
        received_by = (staff_names or {}).get(p.received_by_id) if staff_names is not None \
            else p.received_by.name
    return OutgoingInfo(p.id, p.waybill, p.source, p.salesman, p.sender_name,
                        mask_phone(p.sender_phone), p.recipient_name, mask_phone(p.recipient_phone),
                        p.province, p.city, p.item_type, p.declared_weight_g, p.weight_g,
                        p.declared_fee_fen, p.fee_fen, p.payment_method, p.routing_code or "",
                        p.zone, bool(p.weight_flagged), p.bag, p.received_at, received_by,
                        p.dispatched_at, p.tracking_status)


def _check_phone(text: str, refusal: str) -> str:
    digits = re.sub(r"\D", "", _nfkc(text))
    if not (7 <= len(digits) <= 12):
        raise ValidationError(refusal)
    return digits


def _check_new_waybill(w: str) -> None:
    if OutgoingParcel.select().where(OutgoingParcel.waybill == w).exists():
        raise ValidationError(_("运单号 {waybill} 已经登记过了。").format(waybill=w))


@operation("outgoing.send", N_("柜台寄件"))
def send_parcel(form: SendForm, *, actor: Actor, now: dt.datetime) -> OutgoingInfo:
    """Record a parcel a customer sends at the counter and take the fee (one Payment row)."""
    waybill = clean_waybill(form.waybill)
    sender = _nfkc(form.sender_name)
    recipient = _nfkc(form.recipient_name)
    if not sender:
        raise ValidationError(_("请填写寄件人姓名。"))
    if not recipient:
        raise ValidationError(_("请填写收件人姓名。"))
    sender_phone = _check_phone(form.sender_phone,
                                _("寄件人电话不对：请输入手机号或带区号的座机号。"))
    recipient_phone = _check_phone(form.recipient_phone,
                                   _("收件人电话不对：请输入手机号或带区号的座机号。"))
    province = clean_province(form.province)
    city = clean_city(form.city)
    if not city:
        raise ValidationError(_("请填写目的城市。"))
    item_type = _nfkc(form.item_type)
    if item_type not in settings.get("outgoing.item_types"):
        raise ValidationError(_("请选择物品类型。"))
    if not form.prohibited_confirmed:
        raise ValidationError(_("请先向寄件人确认不含违禁物品，并勾选确认。"))
    if form.payment_method not in Payment.METHODS:
        raise ValidationError(_("付款方式只能是：{methods}。").format(methods="、".join(Payment.METHODS)))
    weight_g = parse_weight_kg(form.weight)
    q = quote(province, city, weight_g)
    with write_tx():
        _check_new_waybill(waybill)
        p = OutgoingParcel.create(
            waybill=waybill, source=OutgoingParcel.COUNTER, sender_name=sender,
            sender_phone=sender_phone, recipient_name=recipient, recipient_phone=recipient_phone,
            province=province, city=city, item_type=item_type, weight_g=weight_g, fee_fen=q.fee_fen,
            payment_method=form.payment_method, routing_code=q.routing_code, zone=q.zone,
            prohibited_confirmed=True, received_at=now, received_by=actor.id,
            note=_nfkc(form.note) or None)
        money.record_payment(Payment.SENDING_FEE, form.payment_method, q.fee_fen, ref=waybill,
                             actor=actor, now=now)
        audit.record(actor, "outgoing.send", entity="outgoing", entity_id=waybill,
                     detail={"sender": sender, "sender_tail": sender_phone[-4:],
                             "recipient": recipient, "recipient_tail": recipient_phone[-4:],
                             "to": f"{province}{city}", "g": weight_g, "fen": q.fee_fen,
                             "method": form.payment_method}, now=now)
    return _info(p)


def get_outgoing(waybill: str) -> OutgoingInfo:
    p = OutgoingParcel.get_or_none(OutgoingParcel.waybill == _nfkc(waybill).upper())
    if p is None:
        raise NotFound(_("没有找到寄出的快件 {waybill}。").format(waybill=waybill))
    return _info(p)


def list_outgoing(day: dt.date | None = None, *, source: str | None = None,
                  salesman: str | None = None, offset: int = 0, limit: int = 200) -> list[OutgoingInfo]:
    q = OutgoingParcel.select()
    if day is not None:
        start = dt.datetime.combine(day, dt.time())
        q = q.where(OutgoingParcel.received_at >= start,
                    OutgoingParcel.received_at < start + dt.timedelta(days=1))
    if source:
        q = q.where(OutgoingParcel.source == source)
    if salesman:
        q = q.where(OutgoingParcel.salesman == salesman)
    names = dict(Staff.select(Staff.id, Staff.name).tuples())
    return [_info(p, names) for p in q.order_by(OutgoingParcel.received_at.desc(),
                                                OutgoingParcel.id.desc()).offset(offset).limit(limit)]


# ---------------------------------------------------------------------------------------------
# Salesmen, their collections (揽收) and checked weights
# ---------------------------------------------------------------------------------------------
def salesmen(active_only: bool = True) -> list[str]:
    q = Salesman.select(Salesman.name).order_by(Salesman.id)
    if active_only:
        q = q.where(Salesman.active == True)  # noqa: E712
    return [name for (name,) in q.tuples()]


@operation("outgoing.salesman_add", N_("添加业务员"))
def add_salesman(name: str, phone: str = "", *, actor: Actor, now: dt.datetime) -> frozenset:
    name = _nfkc(name)
    if not name:
        raise ValidationError(_("请填写业务员姓名。"))
    with write_tx():
        if Salesman.select().where(Salesman.name == name).exists():
            raise ValidationError(_("业务员“{name}”已经在名单里。").format(name=name))
        Salesman.create(name=name, phone=_nfkc(phone) or None, created_at=now)
        audit.record(actor, "outgoing.salesman_add", entity="salesman", entity_id=name,
                     detail={"phone_tail": _nfkc(phone)[-4:]}, now=now)
    return CHANGED


def _salesman(name: str) -> str:
    name = _nfkc(name)
    if not name:
        raise ValidationError(_("请先选择业务员。"))
    if not Salesman.select().where(Salesman.name == name, Salesman.active == True).exists():  # noqa: E712
        raise ValidationError(_("业务员“{name}”不在名单里。").format(name=name))
    return name


#: Columns of a salesman's collection file (CSV in UTF-8/GBK, or XLSX first sheet; read by
#: :func:`outlet_desk.tables.read_table`): {key: header names}; "申报重量(kg)" matches "申报重量".
COLLECTION_COLUMNS = {  # zh-data: the column names of the salesmen's spreadsheets
    "salesman": ("业务员", "salesman"),
    "waybill": ("运单号", "waybill"),
    "province": ("省份", "province"),
    "city": ("城市", "city"),
    "weight": ("申报重量", "重量", "weight_kg"),
    "fee": ("运费", "fee_yuan"),
    "method": ("付款方式", "payment"),
}
COLLECTION_REQUIRED = ("salesman", "waybill", "province", "city", "weight", "fee")


@dataclass(frozen=True)
class ImportResult:
    rows: int
    skipped: int = 0
    detail: str = ""


def parse_collections(data, filename: str | None = None) -> list[dict]:
    """Parse a salesman collection file (bytes or a path); raise on the first bad line (line number
    and reason)."""
    table = tables.read_table(data, filename)
    cols = table.columns(COLLECTION_COLUMNS, COLLECTION_REQUIRED)
    known = set(salesmen())
    rules = waybill_rules()
    seen: set[str] = set()
    out = []
    for n, row in table.rows:
        def cell(key):
            i = cols.get(key)
            return _nfkc(row[i]) if i is not None and i < len(row) else ""
        try:
            name = cell("salesman")
            if not name:
                raise ValidationError(_("业务员为空。"))
            if name not in known:
                raise ValidationError(_("业务员“{name}”不在名单里（先在揽收页添加）。").format(name=name))
            w = clean_waybill(cell("waybill"), rules)
            if w in seen:
                raise ValidationError(_("运单号 {waybill} 在文件里重复。").format(waybill=w))
            seen.add(w)
            province = clean_province(cell("province"))
            city = clean_city(cell("city"))
            if not city:
                raise ValidationError(_("城市为空。"))
            weight_g = parse_weight_kg(cell("weight"))
            fee = parse_yuan(cell("fee"))
            method = cell("method") or CASH
            if method not in Payment.METHODS:
                raise ValidationError(_("付款方式“{method}”不对，只能是：{methods}。").format(
                    method=method, methods="、".join(Payment.METHODS)))
        except ValidationError as exc:
            kind = BagNumber if isinstance(exc, BagNumber) else ValidationError
            raise kind(_("第 {n} 行：{reason}").format(n=n, reason=exc.message)) from None
        out.append(dict(salesman=name, waybill=w, province=province, city=city,
                        declared_weight_g=weight_g, declared_fee_fen=fee, payment_method=method))
    if not out:
        raise ValidationError(_("文件里没有数据行。"))
    return out


@operation("outgoing.import_collections", N_("导入业务员揽收清单"))
def import_collections(data, *, filename: str | None = None, actor: Actor,
                       now: dt.datetime) -> ImportResult:
    """Import declared collections (CSV/XLSX bytes or a path).  A bad file is refused whole:
    nothing is stored."""
    lines = parse_collections(data, filename)
    # prepared before the write transaction, which then only checks and inserts in bulk: a long
    # file never holds the database long enough to make a scan wait
    rows = [stored_row(CollectionLine, day=now.date(), imported_at=now, **line) for line in lines]
    waybills = [line["waybill"] for line in lines]
    with write_tx():
        known = {w for (w,) in rows_where_in(OutgoingParcel.waybill, waybills)}
        known |= {w for (w,) in rows_where_in(CollectionLine.waybill, waybills)}
        if known:
            first = next(w for w in waybills if w in known)
            raise ValidationError(_("运单号 {waybill} 已经登记过了，整份文件未导入。").format(waybill=first))
        insert_rows(CollectionLine, rows)
        audit.record(actor, "outgoing.import_collections", entity="collections",
                     entity_id=now.date().isoformat(), detail={"rows": len(lines)}, now=now)
    return ImportResult(len(lines))


@operation("outgoing.declare", N_("录入业务员申报"))
def declare_collection(salesman: str, waybill: str, province: str, city: str, weight: str,
                       fee: str, payment_method: str = CASH, *, actor: Actor,
                       now: dt.datetime) -> frozenset:
    """Enter one line of a salesman's collection by hand (the CSV import's single-line form)."""
    name = _salesman(salesman)
    w = clean_waybill(waybill)
    line = dict(salesman=name, waybill=w, province=clean_province(province), city=clean_city(city),
                declared_weight_g=parse_weight_kg(weight), declared_fee_fen=parse_yuan(fee),
                payment_method=payment_method)
    if payment_method not in Payment.METHODS:
        raise ValidationError(_("付款方式只能是：{methods}。").format(methods="、".join(Payment.METHODS)))
    with write_tx():
        if CollectionLine.select().where(CollectionLine.waybill == w).exists():
            raise ValidationError(_("运单号 {waybill} 已经在揽收清单里。").format(waybill=w))
        taken = OutgoingParcel.get_or_none(OutgoingParcel.waybill == w)
        if taken is not None and not (taken.source == OutgoingParcel.SALESMAN and
                                      taken.salesman == name and taken.declared_fee_fen is None):
            raise ValidationError(_("运单号 {waybill} 已经登记过了。").format(waybill=w))
        cl = CollectionLine.create(day=now.date(), imported_at=now, **line)
        if taken is not None:
            # scanned in before its declaration was entered: complete it now
            taken.province, taken.city = line["province"], line["city"]
            taken.declared_weight_g = line["declared_weight_g"]
            taken.declared_fee_fen = taken.fee_fen = line["declared_fee_fen"]
            taken.payment_method = payment_method
            taken.routing_code = routing_code_for(line["province"], line["city"])
            taken.zone = zone_for(line["province"]).zone
            taken.weight_flagged = weight_difference_flagged(taken.declared_weight_g, taken.weight_g)
            taken.save()
            cl.received = taken.id
            cl.save()
            if line["declared_fee_fen"]:
                money.record_payment(Payment.SENDING_FEE, payment_method, line["declared_fee_fen"],
                                     ref=w, actor=actor, now=now)
        audit.record(actor, "outgoing.declare", entity="collections", entity_id=w,
                     detail={"salesman": name, "after_receipt": taken is not None}, now=now)
    return CHANGED


@dataclass(frozen=True)
class Received:
    parcel: OutgoingInfo
    declared: bool            # the salesman's declaration was found for it
    sheet_count: int          # parcels received from this salesman today


@operation("outgoing.receive", N_("揽收入库"))
def receive_collected(salesman: str, waybill: str, *, actor: Actor, now: dt.datetime,
                      province: str | None = None, city: str | None = None,
                      declared_weight: str | None = None, declared_fee: str | None = None,
                      payment_method: str | None = None) -> Received:
    """One scan of the 揽收 burst: take a salesman's parcel in, with his declared weight and fee
    (from his imported/entered collection, or given here), its routing code, and his fee as a
    sending-fee Payment."""
    name = _salesman(salesman)
    w = clean_waybill(waybill)
    with write_tx():
        _check_new_waybill(w)
        line = CollectionLine.get_or_none(CollectionLine.waybill == w)
        if line is not None and line.salesman != name:
            raise ValidationError(_("{waybill} 在 {owner} 的揽收清单里，不是 {name} 的。").format(
                waybill=w, owner=line.salesman, name=name))
        prov = line.province if line else (clean_province(province) if province else None)
        cty = line.city if line else (clean_city(city) if city else None)
        dw = line.declared_weight_g if line else (parse_weight_kg(declared_weight)
                                                  if declared_weight else None)
        dfee = line.declared_fee_fen if line else (parse_yuan(declared_fee) if declared_fee else None)
        method = (line.payment_method if line else payment_method) or CASH
        if method not in Payment.METHODS:
            raise ValidationError(_("付款方式只能是：{methods}。").format(methods="、".join(Payment.METHODS)))
        zone = None
        if prov:
            try:
                zone = zone_for(prov).zone
            except ValidationError:
                zone = None
        p = OutgoingParcel.create(
            waybill=w, source=OutgoingParcel.SALESMAN, salesman=name, province=prov, city=cty,
            declared_weight_g=dw, declared_fee_fen=dfee, fee_fen=dfee or 0, payment_method=method,
            routing_code=routing_code_for(prov, cty), zone=zone, received_at=now,
            received_by=actor.id)
        if line is not None:
            line.received = p.id
            line.save()
        if dfee:
            money.record_payment(Payment.SENDING_FEE, method, dfee, ref=w, actor=actor, now=now)
        audit.record(actor, "outgoing.receive", entity="outgoing", entity_id=w,
                     detail={"salesman": name, "declared_g": dw, "fen": dfee}, now=now)
        count = _today(OutgoingParcel.select().where(OutgoingParcel.salesman == name),
                       now.date()).count()
    return Received(_info(p), line is not None, count)


def _today(q, day: dt.date):
    start = dt.datetime.combine(day, dt.time())
    return q.where(OutgoingParcel.received_at >= start,
                   OutgoingParcel.received_at < start + dt.timedelta(days=1))


@operation("outgoing.check_weight", N_("复核重量"))
def check_weight(waybill: str, weight: str | int, *, actor: Actor, now: dt.datetime) -> OutgoingInfo:
    """Enter the weight the clerk measured; flag the salesman's sheet when it differs beyond the
    tolerance."""
    grams = weight if isinstance(weight, int) else parse_weight_kg(weight)
    w = _nfkc(waybill).upper()
    with write_tx():
        p = OutgoingParcel.get_or_none(OutgoingParcel.waybill == w)
        if p is None:
            raise NotFound(_("没有找到揽收的快件 {waybill}。").format(waybill=w))
        day = p.received_at.date()
        if businessday.is_closed(day):
            # the salesman's weights are part of that day's closed accounts
            raise DayLocked(_("{waybill} 是{day}揽收的，那天已关账，复核重量要在关账前做。").format(
                waybill=w, day=businessday.label(day)))
        old = p.weight_g
        p.weight_g = grams
        p.weight_flagged = weight_difference_flagged(p.declared_weight_g, grams)
        p.save()
        audit.record(actor, "outgoing.check_weight", entity="outgoing", entity_id=w,
                     detail={"old_g": old, "g": grams, "declared_g": p.declared_weight_g,
                             "flagged": p.weight_flagged}, now=now)
    return _info(p)


@dataclass(frozen=True)
class SheetRow:
    waybill: str
    destination: str
    routing_code: str
    declared_weight_g: int | None
    weight_g: int | None
    difference_g: int | None
    flagged: bool
    declared_fee_fen: int | None
    bag: str | None


@dataclass(frozen=True)
class SalesmanSheet:
    salesman: str
    day: dt.date
    rows: tuple[SheetRow, ...]
    expected: int             # lines in his declared collection for the day
    received: int
    weighed: int
    flagged: int
    dispatched: int
    fee_fen: int


def salesman_sheet(salesman: str, day: dt.date) -> SalesmanSheet:
    """A salesman's sheet for the day: his parcels with declared and checked weights."""
    q = _today(OutgoingParcel.select().where(OutgoingParcel.salesman == salesman), day)
    rows = []
    for p in q.order_by(OutgoingParcel.received_at, OutgoingParcel.id):
        diff = (p.weight_g - p.declared_weight_g) if (p.weight_g is not None and
                                                      p.declared_weight_g is not None) else None
        rows.append(SheetRow(p.waybill, f"{p.province or ''}{p.city or ''}", p.routing_code or "",
                             p.declared_weight_g, p.weight_g, diff, bool(p.weight_flagged),
                             p.declared_fee_fen, p.bag))
    expected = CollectionLine.select().where(CollectionLine.salesman == salesman,
                                             CollectionLine.day == day).count()
    return SalesmanSheet(salesman, day, tuple(rows), expected, len(rows),
                         sum(1 for r in rows if r.weight_g is not None),
                         sum(1 for r in rows if r.flagged), sum(1 for r in rows if r.bag),
                         sum(r.declared_fee_fen or 0 for r in rows))


# ---------------------------------------------------------------------------------------------
# Dispatch (扫发件)
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Dispatched:
    waybill: str
    bag: str
    salesman: str | None
    in_bag: int                  # parcels in this bag now
    salesman_done: bool          # every parcel of his today is dispatched (duty observed)


def switches_bag(text: str) -> bool:
    """In the dispatch scan field: a number that fits one of the outlet's bag rules and is not an
    outgoing parcel the outlet has registered is the next bag (a registered one is dispatched)."""
    w = _nfkc(text).upper()
    if bag_rule_for(w, waybill_rules()[1]) is None:
        return False
    return not OutgoingParcel.select().where(OutgoingParcel.waybill == w).exists()


@operation("outgoing.dispatch", N_("扫发件"))
def dispatch(waybill: str, bag: str, *, actor: Actor, now: dt.datetime) -> Dispatched:
    """Scan a registered parcel out into a bag (集包号: any number, the bag field is for them) or
    onto a route."""
    bag = _nfkc(bag).upper()
    if not bag:
        raise ValidationError(_("请先扫描集包号或填写路线。"))
    rules = waybill_rules()
    w = clean_waybill(waybill, rules)
    with write_tx():
        if OutgoingParcel.select().where(OutgoingParcel.waybill == bag).exists():
            raise ValidationError(_("{bag} 是已登记的快件，不是集包号：请在“集包号／路线”栏扫集包号。")
                                  .format(bag=bag))
        p = OutgoingParcel.get_or_none(OutgoingParcel.waybill == w)
        if p is None:
            if bag_rule_for(w, rules[1]) is not None:
                raise BagNumber(_("{waybill} 不是已登记的快件，符合集包单号规则：集包号请扫进“集包号／路线”栏，"
                                  "快件请先在“揽收”或“寄件”里登记。").format(waybill=w))
            raise NotFound(_("{waybill} 还没有揽收或寄件登记，先在“揽收”或“寄件”里登记。").format(waybill=w))
        if p.dispatched_at is not None and p.bag == bag:
            raise ValidationError(_("{waybill} 已经在 {bag} 里了。").format(waybill=w, bag=bag))
        moved_from = p.bag if p.dispatched_at else None
        first = p.dispatched_at is None
        p.bag = bag
        if first:
            # moved to another bag later, it keeps the time it was scanned out (a closed day's
            # count of parcels dispatched stays as closed); the move is in the audit log
            p.dispatched_at, p.dispatched_by = now, actor.id
        p.save()
        audit.record(actor, "outgoing.dispatch", entity="outgoing", entity_id=w,
                     detail={"bag": bag, "from": moved_from}, now=now)
        done = False
        if p.salesman:
            left = _today(OutgoingParcel.select().where(OutgoingParcel.salesman == p.salesman,
                                                        OutgoingParcel.dispatched_at.is_null()),
                          p.received_at.date()).count()
            if left == 0:
                done = True
            if done and not DutyEvent.select().where(
                    DutyEvent.day == now.date(), DutyEvent.key == duty_events.WAYBILLS_ENTERED,
                    DutyEvent.detail == p.salesman).exists():
                duty_events.observe(duty_events.WAYBILLS_ENTERED, actor=actor, now=now,
                                    detail=p.salesman)
        in_bag = OutgoingParcel.select().where(OutgoingParcel.bag == bag).count()
    return Dispatched(w, bag, p.salesman, in_bag, done)


@dataclass(frozen=True)
class DispatchCounts:
    by_bag: tuple[tuple[str, int], ...]
    by_salesman: tuple[tuple[str, int, int], ...]     # (salesman or "柜台", dispatched, received)
    waiting: int                                      # received today, not dispatched


def dispatch_counts(day: dt.date) -> DispatchCounts:
    start = dt.datetime.combine(day, dt.time())
    end = start + dt.timedelta(days=1)
    by_bag = tuple((b, int(c)) for b, c in OutgoingParcel.select(
        OutgoingParcel.bag, fn.COUNT(OutgoingParcel.id)).where(
        OutgoingParcel.dispatched_at >= start, OutgoingParcel.dispatched_at < end)
        .group_by(OutgoingParcel.bag).order_by(OutgoingParcel.bag).tuples())
    rec = OutgoingParcel.select(OutgoingParcel.salesman, fn.COUNT(OutgoingParcel.id),
                                fn.COUNT(OutgoingParcel.dispatched_at)).where(
        OutgoingParcel.received_at >= start, OutgoingParcel.received_at < end) \
        .group_by(OutgoingParcel.salesman).tuples()
    # zh-data: "柜台" is the key of the counter's row (the screen shows its own word for it)
    by_salesman = tuple(sorted(((s or "柜台", int(d or 0), int(r)) for s, r, d in rec),  # zh-data
                               key=lambda t: (t[0] == "柜台", t[0])))
    waiting = sum(r - d for _s, d, r in by_salesman)
    return DispatchCounts(by_bag, by_salesman, waiting)


# ---------------------------------------------------------------------------------------------
# Today's unsigned deliveries (当日未签收)
# ---------------------------------------------------------------------------------------------
UNSIGNED_STATUSES = (Parcel.OUT_FOR_DELIVERY, Parcel.DELIVERED, Parcel.RELEASED)
STATUS_LABELS = {Parcel.OUT_FOR_DELIVERY: N_("派送中"), Parcel.DELIVERED: N_("已送达"),
                 Parcel.RELEASED: N_("已取件")}


@dataclass(frozen=True)
class UnsignedRow:
    waybill: str
    carrier: str
    status: str
    courier: str
    recipient: str
    phone_masked: str
    since: dt.datetime
    age_hours: int


def unsigned_deliveries(now: dt.datetime) -> list[UnsignedRow]:
    """Parcels out for delivery, delivered or released whose sign-off is not recorded yet.

    Age counts from the moment the parcel left (its last out-for-delivery/delivered/released
    event; its arrival if none).  Two queries, whatever the list's length."""
    parcels = list(Parcel.select().where(Parcel.status.in_(UNSIGNED_STATUSES), not_signed_off())
                   .order_by(Parcel.arrived_at))
    ids = [p.id for p in parcels]
    left: dict[int, dt.datetime] = {}
    if ids:
        for pid, at in (ParcelEvent.select(ParcelEvent.parcel, fn.MAX(ParcelEvent.at))
                        .where(ParcelEvent.parcel.in_(ids), ParcelEvent.kind.in_(
                            (ParcelEvent.OUT_FOR_DELIVERY, ParcelEvent.DELIVERED,
                             ParcelEvent.RELEASED)))
                        .group_by(ParcelEvent.parcel).tuples()):
            left[pid] = at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(str(at))
    rows = []
    for p in parcels:
        since = left.get(p.id) or p.released_at or p.arrived_at
        status = _(STATUS_LABELS[p.status]) if p.status in STATUS_LABELS else p.status
        rows.append(UnsignedRow(p.waybill, p.carrier, status,
                                p.courier or (_("柜台") if p.status == Parcel.RELEASED else ""),
                                p.recipient_name or "", mask_phone(p.recipient_phone), since,
                                max(0, int((now - since).total_seconds() // 3600))))
    rows.sort(key=lambda r: -r.age_hours)
    return rows


@operation("outgoing.unsigned_checked", N_("当日未签收已查"))
def confirm_unsigned_checked(*, actor: Actor, now: dt.datetime) -> int:
    """The clerk went through today's unsigned list: the duty checklist item is ticked."""
    count = len(unsigned_deliveries(now))
    with write_tx():
        duty_events.observe(duty_events.UNSIGNED_CHECKED, actor=actor, now=now,
                            detail=_("{count} 件未签收").format(count=count))
        audit.record(actor, "outgoing.unsigned_checked", entity="duty", entity_id=now.date()
                     .isoformat(), detail={"unsigned": count}, now=now)
    return count


# ---------------------------------------------------------------------------------------------
# Handover: parcels someone took in and did not scan out
# ---------------------------------------------------------------------------------------------
def open_items(staff_id: int, now: dt.datetime):
    q = (OutgoingParcel.select(OutgoingParcel.id, OutgoingParcel.waybill, OutgoingParcel.salesman,
                               OutgoingParcel.received_at)
         .where(OutgoingParcel.received_by == staff_id, OutgoingParcel.dispatched_at.is_null(),
                OutgoingParcel.received_at <= now)
         .order_by(OutgoingParcel.received_at))
    return [OpenItem("outgoing", str(p.id),
                     _("寄出快件 {waybill}（{who}，{at} 收）还没有扫发件").format(
                         waybill=p.waybill, who=p.salesman or _("柜台寄件"),
                         at=f"{p.received_at:%m-%d %H:%M}"), assignable=False) for p in q]


# the demo outlet's and the benchmark's names and places (data)
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢"  # zh-data
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉晨浩宇欣怡梓涵子轩佳琪"  # zh-data
_CITIES = {"浙江": ["杭州", "宁波", "温州", "绍兴", "金华"], "江苏": ["南京", "苏州", "无锡"],  # zh-data
           "上海": ["上海"], "安徽": ["合肥", "芜湖"], "北京": ["北京"], "广东": ["广州", "深圳", "东莞"],
           "山东": ["济南", "青岛"], "湖北": ["武汉"], "四川": ["成都"], "河南": ["郑州"],
           "福建": ["福州", "厦门"], "陕西": ["西安"], "辽宁": ["沈阳", "大连"], "新疆": ["乌鲁木齐"],
           "云南": ["昆明"], "黑龙江": ["哈尔滨"]}


def receipt_pdf(waybill: str) -> bytes:
    """The 80 mm receipt of a counter sending (reprintable any time)."""
    from ..printing.receipt import build_receipt  # lazy: reportlab and barcode, only for the receipt
    info = get_outgoing(waybill)
    if info.source != OutgoingParcel.COUNTER:
        raise ValidationError(_("{waybill} 不是柜台寄件，没有寄件收据。").format(waybill=info.waybill))
    outlet = settings.get_many(["outlet.name", "outlet.address", "outlet.phone"])
    q = quote(info.province, info.city, info.weight_g) if info.weight_g else None
    if q is not None and q.fee_fen != info.fee_fen:   # the rate table changed since: total only
        q = None
    return build_receipt(info, outlet_name=outlet["outlet.name"],
                         outlet_address=outlet["outlet.address"], outlet_phone=outlet["outlet.phone"],
                         clerk=info.received_by or "", quote=q)
