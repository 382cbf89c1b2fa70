"""How an audit row reads for the manager (F12): the operation's Chinese label, the record it
touched ("包裹 SF1234567890123", not "parcel 2046") and its detail as "key：value" in Chinese.

The log itself keeps the stable codes (``parcel.receive``, ``parcel``, JSON keys): they are part of
its hash chain and of head office's records.  This module only turns them into words; a code it does
not know is shown as it is, so nothing is hidden.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .fen import format_yuan
from .permissions import ROLE_LABELS, load_all_operations

#: Rows written by code that is not an ``@operation`` (logins, automatic ticks, CLI commands …).
ACTION_LABELS = {
    "staff.login": "登录",
    "staff.logout": "退出登录",
    "staff.locked_out": "输错太多次被锁定",
    "money.payment": "收款",
    "cancel_signoff": "撤销签收",
    "cli.command": "命令行操作",
    "eorder.customer_data": "电子订单客户资料",
    "ticket.customer_data": "工单客户资料",
    "handover.ack_item": "确认交接事项",
    "leave.override": "店长破例批假",
    "tasks.tick_late": "补勾值班事项",
}

ENTITY_LABELS = {
    "backup": "备份", "call_list": "通知名单", "checklist": "值班清单", "claim": "理赔",
    "collections": "业务员揽收", "command": "命令", "day": "营业日", "duty": "值班事项",
    "eorder": "电子订单", "file": "文件", "handover": "交接", "leave": "请假", "manifest": "到件清单",
    "outbox": "上传记录", "outgoing": "寄件", "parcel": "包裹", "payment": "收款", "phone": "电话",
    "photo": "照片", "rate_table": "运费表", "reply_template": "回复模板", "retention": "数据清理",
    "return": "退件/转件", "roster": "排班", "routing_codes": "大头笔", "salesman": "业务员",
    "setting": "设置", "sms": "短信", "staff": "员工", "stock_check": "盘点",
    "stock_check_item": "盘点差异", "swap": "换班", "three_day_run": "三日检查", "ticket": "工单",
    "tracking": "单号回填",
}

DETAIL_LABELS = {
    "accept": "接受", "active": "在用", "adjustment": "调整单", "after_receipt": "收到后",
    "amount_fen": "金额", "approve": "批准", "attempt": "第几次", "bag": "袋号", "bags": "袋数",
    "bags_skipped": "跳过的袋", "before": "改前", "by": "截止", "carrier": "快递公司",
    "cash_fen": "现金", "cash_mode": "点钞方式", "cells": "格子", "check": "核对",
    "checked": "已核对", "claim_number": "理赔单号", "cleared_confirmations": "清除了确认",
    "closing": "结存件数", "cod_fen": "到付", "colleague": "同事", "collector": "揽收人",
    "correction_key": "更正编号", "counted": "清点", "counted_fen": "点钞金额", "created": "新建",
    "customers": "客户数", "day": "日期", "day2": "第二天", "days": "天数",
    "declared_g": "申报重量", "denominations": "面额", "dest": "目的地",
    "difference_fen": "差额", "done": "完成", "duplicates": "重复", "end": "结束", "error": "错误",
    "expected": "应有", "expected_fen": "应有金额", "fen": "金额", "file": "文件",
    "filled_existing": "补全已有", "fingerprint": "指纹", "fix": "处理", "flagged": "已标记",
    "from": "从", "g": "重量", "item": "事项", "items": "事项", "kept_aside": "另放",
    "kind": "类别", "lines": "行数", "method": "方式", "mis_sorted": "错分", "misplaced": "放错",
    "missing": "缺失", "moved_to": "移到", "name": "姓名", "new": "新值", "note": "备注",
    "notes": "备注", "old": "旧值", "old_g": "原重量", "old_name": "原姓名", "old_phone": "原电话",
    "original_key": "原编号", "outbox_key": "上传编号", "outcome": "结果", "outgoing": "寄件",
    "paid": "已付", "paid_fen": "已付金额", "parcels": "包裹", "people": "人员", "phone": "电话",
    "phone_tail": "电话后四位", "phones": "电话", "posts": "岗位", "problems": "问题",
    "purpose": "用途", "reason": "原因", "receiver": "收件人", "recipient": "收件人",
    "recipient_tail": "收件人电话后四位", "ref": "单号", "rejected_because": "被拒原因",
    "restarted": "重新开始", "result": "结果", "role": "角色", "rows": "行数", "rules": "规则",
    "salesman": "业务员", "scanned": "已扫", "scans": "扫描数", "sender": "寄件人",
    "sender_name": "寄件人姓名", "sender_phone_tail": "寄件人电话后四位",
    "sender_tail": "寄件人电话后四位", "severity": "严重程度", "sha256": "校验码", "shelf": "货架",
    "shown_on": "显示于", "signed_at": "签收时间", "signer": "签收人", "signer_name": "签收人姓名",
    "signer_type": "签收类型", "situation": "情况", "size": "大小", "solution": "解决办法",
    "source": "来源", "staff": "员工", "start": "开始", "status": "状态", "taken_at": "拍摄时间",
    "taken_by": "拍摄人", "tickets": "工单", "to": "到", "unexpected": "多出",
    "unsigned": "未签收", "waybill": "运单号", "waybills": "运单号", "when": "时间",
    "with_name": "有姓名", "with_phone": "有电话", "customer": "客户", "count": "数量",
    "holding_fen": "保管费", "single_clerk_reason": "一人日结的原因",
}

#: Code words that appear as values in the detail.
VALUE_LABELS = {
    **ROLE_LABELS,
    "notified": "已通知", "no_answer": "无人接听", "out_of_service": "停机", "wrong_number": "号码错误",
    "sending_fee": "寄件费", "cod": "到付", "holding_fee": "保管费",
    "cash": "现金", "wechat": "微信", "alipay": "支付宝",
    "denominations": "按面额", "total": "按总数",
    "stock": "库存", "scan": "扫描", "overdue": "到期", "misplaced": "放错位置",
    "missing": "缺失", "unexpected": "多出", "put_back": "放回", "found": "已找到",
    "problem": "问题件", "pickup": "自取", "delivery": "派送", "township": "乡镇",
    "return": "退件", "forward": "转件", "crm": "CRM工单", "counter": "柜台", "phone": "电话",
    "auto": "系统",
}

_FEN = re.compile(r"(^|_)fen$|^counted$")      # "counted": {method: fen}
_GRAMS = re.compile(r"(^|_)g$")
_HEX = re.compile(r"^[0-9a-f]{16,}$")
_SHORT_NUMBER = re.compile(r"^\d{1,7}$")      # a row id or a count, not a waybill


def action_label(action: str) -> str:
    """The Chinese name of an audit action ("包裹入库"), or the code when it has none."""
    op = load_all_operations().get(action)
    if op is not None:
        return op.label
    return ACTION_LABELS.get(action, action)


def _value(key: str, value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int) and _FEN.search(key):
        return f"{format_yuan(value)} 元"
    if isinstance(value, (int, float)) and _GRAMS.search(key):
        return f"{value:g} 克"
    if isinstance(value, dict) and key == "denominations":      # {face value in fen: count}
        return "，".join(f"{format_yuan(int(k))} 元×{v}" for k, v in value.items()
                        if str(k).isdigit()) or "—"
    if isinstance(value, dict):
        if _FEN.search(key):
            return "，".join(f"{k} {_value(key, v)}" for k, v in value.items()) or "—"
        return "，".join(f"{DETAIL_LABELS.get(str(k), k)} {_value(str(k), v)}"
                        for k, v in value.items()) or "—"
    if isinstance(value, list):
        return "、".join(_value(key, v) for v in value) or "—"
    if isinstance(value, str):
        if _HEX.match(value):
            return value[:8] + "…"            # a hash: its head is enough to compare
        return VALUE_LABELS.get(value, value)
    return str(value)


def detail_text(detail: str | dict | None) -> str:
    """The detail JSON as "金额：84.00 元；方式：现金" (keys and code words in Chinese)."""
    if isinstance(detail, str):
        try:
            detail = json.loads(detail) if detail.strip() else {}
        except ValueError:
            return detail
    if not isinstance(detail, dict):
        return "" if detail is None else str(detail)
    return "；".join(f"{DETAIL_LABELS.get(k, k)}：{_value(k, v)}" for k, v in detail.items())


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
    from .models import Staff
    ids = {int(r.entity_id) for r in rows
           if r.entity == "staff" and _SHORT_NUMBER.match(str(r.entity_id))}
    if not ids:
        return {}
    return dict(Staff.select(Staff.id, Staff.name).where(Staff.id.in_(sorted(ids))).tuples())


def _parcel_waybills(rows) -> dict[int, str]:
    from .models import Parcel
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
    label = ENTITY_LABELS.get(entity, entity)
    eid = "" if entity_id is None else str(entity_id)
    if entity == "parcel" and eid:
        parts = eid.split(",")
        if action in COUNT_ACTIONS and _SHORT_NUMBER.match(eid):
            return f"{label} {eid} 件"
        if all(_SHORT_NUMBER.match(p) for p in parts) and waybills is not None:
            eid = "、".join(waybills.get(int(p), f"#{p}") for p in parts)
    elif entity == "staff" and staff and _SHORT_NUMBER.match(eid) and int(eid) in staff:
        eid = staff[int(eid)]
    elif entity == "setting" and eid:
        from .settings import specs
        spec = specs().get(eid)
        eid = spec.label_zh if spec is not None else eid
    return f"{label} {eid}".strip()


def describe(rows) -> list[AuditLine]:
    """The rows of :func:`outlet_desk.audit.browse` in words (one query for the parcels' waybills)."""
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
    """Action codes whose code starts with ``text`` or whose Chinese name contains it (the F12
    filter accepts either)."""
    names = set(load_all_operations()) | set(ACTION_LABELS)
    return sorted(n for n in names if n.startswith(text) or text in action_label(n))
