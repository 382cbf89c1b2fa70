"""How an audit row reads for the manager (F12): the operation's label, the record it touched
("包裹 SF1234567890123", not "parcel 2046") and its detail as "key：value", in the current language
(Chinese by default; the tables are marked ``N_()`` and shown through ``_()``).

The log itself keeps the stable codes (``parcel.receive``, ``parcel``, JSON keys): they are part of
its hash chain and of head office's records.  This module only turns them into words; a code it does
not know is shown as it is, so nothing is hidden.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from .errors import PermissionDenied
from .fen import format_yuan
from .i18n import N_, _, punct
from .models import AuditLog, Parcel, Staff
from .permissions import MANAGER, ROLE_LABELS, Actor, load_all_operations
from .settings import label_of, specs

#: Rows written by code that is not an ``@operation`` (logins, automatic ticks, CLI commands …).
ACTION_LABELS = {
    "staff.login": N_("登录"),
    "staff.logout": N_("退出登录"),
    "staff.locked_out": N_("输错太多次被锁定"),
    "money.payment": N_("收款"),
    "cancel_signoff": N_("撤销签收"),
    "cli.command": N_("命令行操作"),
    "eorder.customer_data": N_("电子订单客户资料"),
    "ticket.customer_data": N_("工单客户资料"),
    "handover.ack_item": N_("确认交接事项"),
    "leave.override": N_("店长破例批假"),
    "tasks.tick_late": N_("补勾值班事项"),
}

ENTITY_LABELS = {
    "backup": N_("备份"), "call_list": N_("通知名单"), "checklist": N_("值班清单"), "claim": N_("理赔"),
    "collections": N_("业务员揽收"), "command": N_("命令"), "day": N_("营业日"), "duty": N_("值班事项"),
    "eorder": N_("电子订单"), "file": N_("文件"), "handover": N_("交接"), "leave": N_("请假"), "manifest": N_("到件清单"),
    "outbox": N_("上传记录"), "outgoing": N_("寄件"), "parcel": N_("包裹"), "payment": N_("收款"), "phone": N_("电话"),
    "photo": N_("照片"), "rate_table": N_("运费表"), "reply_template": N_("回复模板"), "retention": N_("数据清理"),
    "return": N_("退件/转件"), "roster": N_("排班"), "routing_codes": N_("大头笔"), "salesman": N_("业务员"),
    "setting": N_("设置"), "sms": N_("短信"), "staff": N_("员工"), "stock_check": N_("盘点"),
    "stock_check_item": N_("盘点差异"), "swap": N_("换班"), "three_day_run": N_("三日检查"), "ticket": N_("工单"),
    "tracking": N_("单号回填"),
}

DETAIL_LABELS = {
    "accept": N_("接受"), "active": N_("在用"), "adjustment": N_("调整单"), "after_receipt": N_("收到后"),
    "amount_fen": N_("金额"), "approve": N_("批准"), "attempt": N_("第几次"), "bag": N_("袋号"), "bags": N_("袋数"),
    "bags_skipped": N_("跳过的袋"), "before": N_("改前"), "by": N_("截止"), "carrier": N_("快递公司"),
    "cash_fen": N_("现金"), "cash_mode": N_("点钞方式"), "cells": N_("格子"), "check": N_("核对"),
    "checked": N_("已核对"), "claim_number": N_("理赔单号"), "cleared_confirmations": N_("清除了确认"),
    "closing": N_("结存件数"), "cod_fen": N_("到付"), "colleague": N_("同事"), "collector": N_("揽收人"),
    "correction_key": N_("更正编号"), "counted": N_("清点"), "counted_fen": N_("点钞金额"), "created": N_("新建"),
    "customers": N_("客户数"), "day": N_("日期"), "day2": N_("第二天"), "days": N_("天数"),
    "declared_g": N_("申报重量"), "denominations": N_("面额"), "dest": N_("目的地"),
    "difference_fen": N_("差额"), "done": N_("完成"), "duplicates": N_("重复"), "end": N_("结束"), "error": N_("错误"),
    "expected": N_("应有"), "expected_fen": N_("应有金额"), "fen": N_("金额"), "file": N_("文件"),
    "filled_existing": N_("补全已有"), "fingerprint": N_("指纹"), "fix": N_("处理"), "flagged": N_("已标记"),
    "from": N_("从"), "g": N_("重量"), "item": N_("事项"), "items": N_("事项"), "kept_aside": N_("另放"),
    "kind": N_("类别"), "lines": N_("行数"), "method": N_("方式"), "mis_sorted": N_("错分"), "misplaced": N_("放错"),
    "missing": N_("缺失"), "moved_to": N_("移到"), "name": N_("姓名"), "new": N_("新值"), "note": N_("备注"),
    "notes": N_("备注"), "old": N_("旧值"), "old_g": N_("原重量"), "old_name": N_("原姓名"), "old_phone": N_("原电话"),
    "original_key": N_("原编号"), "outbox_key": N_("上传编号"), "outcome": N_("结果"), "outgoing": N_("寄件"),
    "paid": N_("已付"), "paid_fen": N_("已付金额"), "parcels": N_("包裹"), "people": N_("人员"), "phone": N_("电话"),
    "phone_tail": N_("电话后四位"), "phones": N_("电话"), "posts": N_("岗位"), "problems": N_("问题"),
    "purpose": N_("用途"), "reason": N_("原因"), "receiver": N_("收件人"), "recipient": N_("收件人"),
    "recipient_tail": N_("收件人电话后四位"), "ref": N_("单号"), "rejected_because": N_("被拒原因"),
    "restarted": N_("重新开始"), "result": N_("结果"), "role": N_("角色"), "rows": N_("行数"), "rules": N_("规则"),
    "salesman": N_("业务员"), "scanned": N_("已扫"), "scans": N_("扫描数"), "sender": N_("寄件人"),
    "sender_name": N_("寄件人姓名"), "sender_phone_tail": N_("寄件人电话后四位"),
    "sender_tail": N_("寄件人电话后四位"), "severity": N_("严重程度"), "sha256": N_("校验码"), "shelf": N_("货架"),
    "shown_on": N_("显示于"), "signed_at": N_("签收时间"), "signer": N_("签收人"), "signer_name": N_("签收人姓名"),
    "signer_type": N_("签收类型"), "situation": N_("情况"), "size": N_("大小"), "solution": N_("解决办法"),
    "source": N_("来源"), "staff": N_("员工"), "start": N_("开始"), "status": N_("状态"), "taken_at": N_("拍摄时间"),
    "taken_by": N_("拍摄人"), "tickets": N_("工单"), "to": N_("到"), "unexpected": N_("多出"),
    "unsigned": N_("未签收"), "waybill": N_("运单号"), "waybills": N_("运单号"), "when": N_("时间"),
    "with_name": N_("有姓名"), "with_phone": N_("有电话"), "customer": N_("客户"), "count": N_("数量"),
    "holding_fen": N_("保管费"), "single_clerk_reason": N_("一人日结的原因"),
}

#: Code words that appear as values in the detail.
VALUE_LABELS = {
    **ROLE_LABELS,
    "notified": N_("已通知"), "no_answer": N_("无人接听"), "out_of_service": N_("停机"), "wrong_number": N_("号码错误"),
    "sending_fee": N_("寄件费"), "cod": N_("到付"), "holding_fee": N_("保管费"),
    "cash": N_("现金"), "wechat": N_("微信"), "alipay": N_("支付宝"),
    "denominations": N_("按面额"), "total": N_("按总数"),
    "stock": N_("库存"), "scan": N_("扫描"), "overdue": N_("到期"), "misplaced": N_("放错位置"),
    "missing": N_("缺失"), "unexpected": N_("多出"), "put_back": N_("放回"), "found": N_("已找到"),
    "problem": N_("问题件"), "pickup": N_("自取"), "delivery": N_("派送"), "township": N_("乡镇"),
    "return": N_("退件"), "forward": N_("转件"), "crm": N_("CRM工单"), "counter": N_("柜台"), "phone": N_("电话"),
    "auto": N_("系统"),
}

_FEN = re.compile(r"(^|_)fen$|^counted$")      # "counted": {method: fen}
_GRAMS = re.compile(r"(^|_)g$")
_HEX = re.compile(r"^[0-9a-f]{16,}$")
_SHORT_NUMBER = re.compile(r"^\d{1,7}$")      # a row id or a count, not a waybill


def action_label(action: str) -> str:
    """The name of an audit action ("到件入库"), or the code when it has none."""
    return _(_action_zh(action))


def _action_zh(action: str) -> str:
    op = load_all_operations().get(action)
    if op is not None:
        return op.label
    return ACTION_LABELS.get(action, action)


def _label(table: dict, key) -> str:
    """``table[key]`` in the current language, ``key`` itself when it has no label."""
    return _(table[key]) if key in table else key


def _value(key: str, value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, int) and _FEN.search(key):
        return _("{amount} 元").format(amount=format_yuan(value))
    if isinstance(value, (int, float)) and _GRAMS.search(key):
        return _("{grams} 克").format(grams=f"{value:g}")
    if isinstance(value, dict) and key == "denominations":      # {face value in fen: count}
        return punct("，").join(_("{amount} 元×{count}").format(amount=format_yuan(int(k)), count=v)
                                for k, v in value.items() if str(k).isdigit()) or "—"
    if isinstance(value, dict):
        if _FEN.search(key):
            return punct("，").join(f"{_label(VALUE_LABELS, k)} {_value(key, v)}"
                                    for k, v in value.items()) or "—"
        return punct("，").join(f"{_label(DETAIL_LABELS, str(k))} {_value(str(k), v)}"
                                for k, v in value.items()) or "—"
    if isinstance(value, list):
        return punct("、").join(_value(key, v) for v in value) or "—"
    if isinstance(value, str) and key == "method":
        from .models.money import Payment  # a stored payment method ("现金"): in the catalog
        if value in Payment.METHODS:
            return _(value)
    if isinstance(value, str):
        if _HEX.match(value):
            return value[:8] + "…"            # a hash: its head is enough to compare
        return _label(VALUE_LABELS, value)
    return str(value)


def detail_text(detail: str | dict | None) -> str:
    """The detail JSON as "金额：84.00 元；方式：现金" (keys and code words in the current language)."""
    if isinstance(detail, str):
        try:
            detail = json.loads(detail) if detail.strip() else {}
        except ValueError:
            return detail
    if not isinstance(detail, dict):
        return "" if detail is None else str(detail)
    return punct("；").join(f"{_label(DETAIL_LABELS, k)}{punct('：')}{_value(k, v)}"
                            for k, v in detail.items())


@dataclass(frozen=True)
class AuditLine:
    """One audit row as the screen shows it."""
    id: int
    at: object
    actor_name: str
    action: str            # the stable code, for filtering
    action_label: str
    record: str
    detail: str


def _staff_names(rows) -> dict[int, str]:
    ids = {int(r.entity_id) for r in rows
           if r.entity == "staff" and _SHORT_NUMBER.match(str(r.entity_id))}
    if not ids:
        return {}
    return dict(Staff.select(Staff.id, Staff.name).where(Staff.id.in_(sorted(ids))).tuples())


def _parcel_waybills(rows) -> dict[int, str]:
    ids = set()
    for r in rows:
        if r.entity == "parcel":
            ids.update(int(p) for p in str(r.entity_id).split(",") if _SHORT_NUMBER.match(p))
    if not ids:
        return {}
    out = {}
    ids = sorted(ids)
    for i in range(0, len(ids), 500):
        out.update(Parcel.select(Parcel.id, Parcel.waybill)
                   .where(Parcel.id.in_(ids[i:i + 500])).tuples())
    return out


#: Actions whose ``entity_id`` is a number of parcels when it is a short number (a batch).
COUNT_ACTIONS = {"signoff.sign", "delivery.report"}


def record_text(entity: str, entity_id, action: str = "",
                waybills: dict[int, str] | None = None, staff: dict[int, str] | None = None) -> str:
    """"包裹 SF1234567890123" for ("parcel", "2046"); "包裹 15 件" for a batch sign-off."""
    label = _label(ENTITY_LABELS, entity)
    eid = "" if entity_id is None else str(entity_id)
    if entity == "parcel" and eid:
        parts = eid.split(",")
        if action in COUNT_ACTIONS and _SHORT_NUMBER.match(eid):
            return _("{entity} {count} 件").format(entity=label, count=eid)
        if all(_SHORT_NUMBER.match(p) for p in parts) and waybills is not None:
            eid = punct("、").join(waybills.get(int(p), f"#{p}") for p in parts)
    elif entity == "staff" and staff and _SHORT_NUMBER.match(eid) and int(eid) in staff:
        eid = staff[int(eid)]
    elif entity == "setting" and eid:
        spec = specs().get(eid)
        eid = label_of(spec) if spec is not None else eid
    return f"{label} {eid}".strip()


def describe(rows) -> list[AuditLine]:
    """The rows of :func:`browse` in words (one query for the parcels' waybills)."""
    waybills, staff = _parcel_waybills(rows), _staff_names(rows)
    out = []
    for r in rows:
        try:
            detail = json.loads(r.detail) if r.detail else {}
        except ValueError:
            detail = r.detail
        out.append(AuditLine(r.id, r.at, r.actor_name, r.action, action_label(r.action),
                             record_text(r.entity, r.entity_id, r.action, waybills, staff),
                             detail_text(detail)))
    return out


def actions_matching(text: str) -> list[str]:
    """Action codes whose code starts with ``text`` or whose name contains it, in Chinese or in the
    current language (the F12 filter accepts any)."""
    names = set(load_all_operations()) | set(ACTION_LABELS)
    return sorted(n for n in names
                  if n.startswith(text) or text in _action_zh(n) or text in action_label(n))


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    actor_name: str
    action: str
    entity: str
    entity_id: str
    detail: str


def browse(*, actor: Actor, action: str | None = None, who: str | None = None,
           text: str | None = None, since: dt.datetime | None = None,
           until: dt.datetime | None = None, offset: int = 0, limit: int = 200) -> list[AuditRow]:
    """Newest first, filtered.  Manager only: the log holds customer data changes."""
    if actor.role != MANAGER:
        raise PermissionDenied(_("审计日志只有店长可以查看。"))
    q = AuditLog.select(AuditLog.id, AuditLog.at, AuditLog.actor_name, AuditLog.action,
                        AuditLog.entity, AuditLog.entity_id, AuditLog.detail)
    if action:
        # "入库" finds parcel.receive too
        names = actions_matching(action)
        q = q.where(AuditLog.action.startswith(action) | AuditLog.action.in_(names)
                    if names else AuditLog.action.startswith(action))
    if who:
        q = q.where(AuditLog.actor_name == who)
    if text:
        q = q.where(AuditLog.detail.contains(text) | AuditLog.entity_id.contains(text))
    if since:
        q = q.where(AuditLog.at >= since)
    if until:
        q = q.where(AuditLog.at < until)
    q = q.order_by(AuditLog.id.desc()).offset(offset).limit(limit)
    return [AuditRow(*r) for r in q.tuples()]
