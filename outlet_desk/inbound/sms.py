"""Optional SMS notification behind a small gateway interface.  Off by default.

* :class:`SmsGateway` — the interface: ``send(phone, text)`` returns the provider's message id or
  raises :class:`SmsFailure`.
* :class:`HttpGateway` — POSTs JSON ``{"phone", "text", "sender"}`` to a configured URL with a bearer
  token, with explicit connect/read timeouts (httpx).  Any 2xx answer is success; the answer's JSON
  ``id`` (if any) is kept.
* :func:`send_sms` — the rule: templates from settings, at most ONE message per customer (phone) per
  day, reminders capped per parcel, every failure recorded (:class:`SmsMessage` ``failed``).

The network call runs outside the database transaction; the result is written afterwards, so a slow
provider never holds the database lock.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from peewee import fn

from .. import audit, changes, settings
from ..db import write_tx
from ..errors import DomainError, ValidationError
from ..i18n import N_, _
from ..models import Parcel, ParcelEvent
from ..models.counter import NotifyLog, SmsMessage, SmsParcel
from ..permissions import Actor, operation
from ..privacy import mask_phone
from ..settings import SettingSpec, check_http_url, check_placeholders
from ..signoff.upload import bounded_request, failure_reason
from .notify import PLACEHOLDER_HELP, PLACEHOLDER_HELP_ZH, PLACEHOLDERS, deadline_for, render

SETTINGS = [
    SettingSpec("sms.enabled", False, "SMS notification on", N_("短信通知开启"), kind="bool",
                section="sms"),
    SettingSpec("sms.url", "", "SMS gateway URL", N_("短信网关地址"), section="sms",
                help_zh=N_("短信网关的网址：它收到手机号、内容和签名后发出短信。"),
                help="HTTP(S) endpoint that accepts POST JSON {phone, text, sender}.",
                validate=lambda v: check_http_url(_("短信网关地址"), optional=True)(v)),
    SettingSpec("sms.token", "", "SMS gateway API key", N_("短信网关密钥"), section="sms"),
    SettingSpec("sms.sender", "", "SMS signature", N_("短信签名"), section="sms"),
    SettingSpec("sms.timeout_seconds", 5, "SMS gateway timeout (s)", N_("短信网关超时（秒）"),
                kind="int", section="sms", minimum=1, maximum=60),
    SettingSpec("sms.template_notify",
                # the templates are data: the SMS the outlet's (Chinese) customers read
                "【{outlet}】您有{count}个包裹已到，取件码{codes}，地址{address}，营业时间{hours}，"  # zh-data
                "请于{deadline}前取件。",  # zh-data
                "SMS template: arrival", N_("短信模板：到件通知"), section="sms",
                validate=check_placeholders(N_("短信模板：到件通知"), PLACEHOLDERS),
                help_zh=PLACEHOLDER_HELP_ZH, help=PLACEHOLDER_HELP),
    SettingSpec("sms.template_reminder",
                "【{outlet}】提醒：您的包裹（取件码{codes}）还未取，请于{deadline}前到{address}取件，"  # zh-data
                "逾期将退回。",  # zh-data
                "SMS template: reminder", N_("短信模板：催取提醒"), section="sms",
                validate=check_placeholders(N_("短信模板：催取提醒"), PLACEHOLDERS)),
    SettingSpec("sms.max_reminders", 2, "Reminder SMS per parcel (max)", N_("每件最多提醒短信次数"),
                kind="int", section="sms", minimum=0, maximum=10),
]


class SmsFailure(Exception):
    """The gateway did not take the message (network, timeout, refused)."""


class SmsGateway(Protocol):
    def send(self, phone: str, text: str) -> str: ...


class DisabledGateway:
    def send(self, phone: str, text: str) -> str:
        raise SmsFailure(_("短信通知未开启"))


class HttpGateway:
    """A provider reached by HTTP POST.  Timeouts are explicit: connect and read are both bounded."""

    def __init__(self, url: str, *, token: str = "", sender: str = "", timeout_s: float = 5.0,
                 transport=None):
        if not url.startswith(("http://", "https://")):
            raise ValidationError(_("短信网关地址必须以 http:// 或 https:// 开头。"))
        self.url = url
        self.token = token
        self.sender = sender
        self.timeout = timeout_s
        self.transport = transport

    def send(self, phone: str, text: str) -> str:
        import httpx
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        timeout = httpx.Timeout(self.timeout, connect=min(self.timeout, 3.0))
        try:
            with httpx.Client(timeout=timeout, transport=self.transport) as client:
                resp = bounded_request(client, "POST", self.url, seconds=self.timeout,
                                       json={"phone": phone, "text": text, "sender": self.sender},
                                       headers=headers)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise SmsFailure(_("短信网关：{reason}").format(reason=failure_reason(exc))) from None
        if not 200 <= resp.status_code < 300:
            raise SmsFailure(_("短信网关拒绝（HTTP {status}）{reason}").format(
                status=resp.status_code, reason=_reason(resp)))
        try:
            body = resp.json()
        except ValueError:
            return ""
        if isinstance(body, dict):
            if body.get("ok") is False:
                raise SmsFailure(_("短信网关拒绝：{reason}").format(
                    reason=body.get("error") or _("未说明原因")))
            return str(body.get("id") or "")
        return ""


def _reason(resp) -> str:
    try:
        body = resp.json()
        if isinstance(body, dict) and body.get("error"):
            return _("：{error}").format(error=body["error"])[:80]
    except ValueError:
        pass
    return ""


def gateway_from_settings() -> SmsGateway:
    values = settings.get_many(["sms.enabled", "sms.url", "sms.token", "sms.sender",
                                "sms.timeout_seconds"])
    if not values["sms.enabled"]:
        return DisabledGateway()
    if not values["sms.url"]:
        raise DomainError(_("短信已开启但没有设置网关地址（设置 → 短信网关地址）。"))
    return HttpGateway(values["sms.url"], token=values["sms.token"], sender=values["sms.sender"],
                       timeout_s=values["sms.timeout_seconds"])


def enabled() -> bool:
    return bool(settings.get("sms.enabled"))


@dataclass(frozen=True)
class SmsResult:
    message_id: int
    phone_masked: str
    kind: str
    text: str
    provider_id: str
    parcel_ids: tuple[int, ...]


def sent_today(phone: str, day: dt.date) -> bool:
    return (SmsMessage.select().where((SmsMessage.phone == phone) & (SmsMessage.day == day)
                                      & (SmsMessage.status == SmsMessage.SENT)).exists())


def reminders_sent(parcel_ids) -> dict[int, int]:
    q = (SmsParcel.select(SmsParcel.parcel, fn.COUNT(SmsParcel.id))
         .join(SmsMessage)
         .where(SmsParcel.parcel.in_(list(parcel_ids)) & (SmsMessage.kind == SmsMessage.REMINDER)
                & (SmsMessage.status == SmsMessage.SENT))
         .group_by(SmsParcel.parcel).tuples())
    return {pid: int(n) for pid, n in q}


@operation("sms.send", N_("发送取件短信"))
def send_sms(parcel_ids, kind: str = SmsMessage.NOTIFY, *, actor: Actor, now: dt.datetime,
             gateway: SmsGateway | None = None) -> SmsResult:
    """Send one SMS about these parcels (all to the same phone).  See the module rules."""
    if kind not in (SmsMessage.NOTIFY, SmsMessage.REMINDER):
        raise ValidationError(_("短信类别只能是到件通知或催取提醒。"))
    ids = sorted({int(i) for i in parcel_ids})
    if not ids:
        raise ValidationError(_("请先选择要通知的客户。"))
    if gateway is None:
        if not enabled():
            raise DomainError(_("短信通知未开启（店长可在设置里开启）。"))
        gateway = gateway_from_settings()
    parcels = list(Parcel.select().where(Parcel.id.in_(ids)))
    if len(parcels) != len(ids):
        raise DomainError(_("有包裹已不在系统里，请刷新列表。"))
    phones = {p.recipient_phone for p in parcels}
    if len(phones) != 1 or not next(iter(phones)):
        raise ValidationError(_("一条短信只能发给同一个电话号码。"))
    phone = next(iter(phones))
    if any(p.status != Parcel.IN_STOCK for p in parcels):
        raise DomainError(_("有包裹已不在库，请刷新列表。"))
    if sent_today(phone, now.date()):
        raise DomainError(_("今天已给 {phone} 发过短信，每位客户每天最多一条。").format(phone=mask_phone(phone)))
    values = settings.get_many(["outlet.name", "outlet.address", "outlet.opening_hours",
                                "storage.days", "sms.template_notify", "sms.template_reminder",
                                "sms.max_reminders"])
    if kind == SmsMessage.REMINDER:
        cap = int(values["sms.max_reminders"])
        counts = reminders_sent(ids)
        if all(counts.get(i, 0) >= cap for i in ids):
            raise DomainError(_("提醒短信已达上限（每件最多 {cap} 次），请改为电话联系。").format(cap=cap))
    template = values["sms.template_notify" if kind == SmsMessage.NOTIFY
                      else "sms.template_reminder"]
    deadline = min(deadline_for(p.arrived_at, values["storage.days"]) for p in parcels)
    name = next((p.recipient_name for p in parcels if p.recipient_name), "")
    text = render(template, name=name, codes=[p.pickup_code or p.waybill[-4:] for p in parcels],
                  deadline=deadline, values=values, today=now.date())

    # The network call: outside any transaction.
    provider_id, error = "", ""
    try:
        provider_id = gateway.send(phone, text) or ""
    except SmsFailure as exc:
        error = str(exc) or _("发送失败")

    with write_tx():
        msg = SmsMessage.create(phone=phone, day=now.date(), at=now, kind=kind, body=text,
                                status=SmsMessage.FAILED if error else SmsMessage.SENT,
                                error=error, staff=actor.id)
        for p in parcels:
            SmsParcel.create(message=msg, parcel=p)
        if not error:
            outcome = NotifyLog.NOTIFIED if kind == SmsMessage.NOTIFY else NotifyLog.REMINDED
            for p in parcels:
                NotifyLog.create(parcel=p, day=now.date(), at=now, channel=NotifyLog.SMS,
                                 outcome=outcome, staff=actor.id, note=provider_id)
                ParcelEvent.create(parcel=p, at=now, kind=ParcelEvent.NOTIFIED, staff=actor.id,
                                   detail="短信通知" if kind == SmsMessage.NOTIFY else "短信提醒")  # zh-data
        audit.record(actor, "sms.send", entity="sms", entity_id=msg.id,
                     detail={"phone": mask_phone(phone), "kind": kind, "parcels": ids,
                             "status": msg.status, "error": error}, now=now)
    if error:
        # The failure is recorded (committed above); the clerk is told in one line.
        raise DomainError(_("短信发送失败：{error}（已记录，可改为电话通知）。").format(error=error))
    return SmsResult(msg.id, mask_phone(phone), kind, text, provider_id, tuple(ids))


@dataclass(frozen=True)
class BatchResult:
    sent: int
    skipped: int
    failed: int
    errors: tuple[str, ...]

    def message(self) -> str:
        return _("短信：发送 {sent} 条，跳过 {skipped} 条（今天已发），失败 {failed} 条。").format(
            sent=self.sent, skipped=self.skipped, failed=self.failed)


def send_call_list(groups, *, actor: Actor, now: dt.datetime,
                   gateway: SmsGateway | None = None) -> BatchResult:
    """Send the arrival SMS to every customer of a call list (one per phone, skips today's)."""
    sent = skipped = failed = 0
    errors = []
    for g in groups:
        if sent_today(g.phone, now.date()):
            skipped += 1
            continue
        try:
            send_sms(g.parcel_ids, SmsMessage.NOTIFY, actor=actor, now=now, gateway=gateway)
            sent += 1
        except DomainError as exc:
            failed += 1
            errors.append(str(exc))
    return BatchResult(sent, skipped, failed, tuple(errors))


@dataclass(frozen=True)
class SmsRow:
    at: dt.datetime
    phone_masked: str
    kind: str
    status: str
    error: str


def recent(day: dt.date, limit: int = 200) -> list[SmsRow]:
    q = (SmsMessage.select(SmsMessage.at, SmsMessage.phone, SmsMessage.kind, SmsMessage.status,
                           SmsMessage.error)
         .where(SmsMessage.day == day).order_by(SmsMessage.id.desc()).limit(limit).tuples())
    return [SmsRow(at, mask_phone(ph), k, s, e) for at, ph, k, s, e in q]


def day_counts(day: dt.date) -> dict[str, int]:
    """SMS handed to the gateway on ``day``: ``{"sent": n, "failed": m}``."""
    out = {SmsMessage.SENT: 0, SmsMessage.FAILED: 0}
    for status, n in (SmsMessage.select(SmsMessage.status, fn.COUNT(SmsMessage.id))
                      .where(SmsMessage.day == day).group_by(SmsMessage.status).tuples()):
        out[status] = int(n)
    return out


CHANGES = frozenset({changes.PARCELS})
