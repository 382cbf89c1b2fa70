"""Staff, PINs/passwords and login with lockout."""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import os
from dataclasses import dataclass

from .. import audit, changes
from ..db import write_tx
from ..errors import AuthError, NotFound, ValidationError
from ..i18n import N_
from ..models import Staff
from ..permissions import CLERK, MANAGER, MANAGER_ONLY, Actor, operation

# About 0.2-0.25 s per try on a counter PC (64 MiB): what a login can afford, and 4x the cost of
# the old 2**14 for someone trying every 4-digit PIN on a copy of the file.  Hashes made with other
# parameters are still verified, and rehashed with these at the next good login.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 16, 8, 1
SCRYPT_MAXMEM = 160 * 1024 * 1024
MAX_FAILED = 5
LOCKOUT = dt.timedelta(minutes=5)


def hash_secret(secret: str, *, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                            maxmem=SCRYPT_MAXMEM, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def needs_rehash(stored: str) -> bool:
    """Was this hash made with other (older, cheaper) parameters than today's?"""
    return not stored.startswith(f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}$")


def check_secret(secret: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=bytes.fromhex(salt_hex), n=int(n),
                            r=int(r), p=int(p), maxmem=SCRYPT_MAXMEM, dklen=32)
    return hmac.compare_digest(digest.hex(), digest_hex)


def validate_secret(role: str, secret: str) -> None:
    if role == CLERK:
        if not (secret.isdigit() and 4 <= len(secret) <= 8):
            raise ValidationError("店员 PIN 必须是 4 到 8 位数字。")
    elif len(secret) < 6:
        raise ValidationError("店长密码至少 6 个字符。")


@dataclass(frozen=True)
class StaffInfo:
    id: int
    name: str
    role: str
    active: bool

    def actor(self) -> Actor:
        return Actor(self.id, self.name, self.role)


def _info(s: Staff) -> StaffInfo:
    return StaffInfo(s.id, s.name, s.role, s.active)


def list_staff(*, include_inactive: bool = False) -> list[StaffInfo]:
    q = Staff.select().order_by(Staff.role.desc(), Staff.id)
    if not include_inactive:
        q = q.where(Staff.active == True)  # noqa: E712
    return [_info(s) for s in q]


def get_staff(staff_id: int) -> StaffInfo:
    s = Staff.get_or_none(Staff.id == staff_id)
    if s is None:
        raise NotFound("没有这个员工。")
    return _info(s)


@operation("staff.add", N_("添加员工"), MANAGER_ONLY)
def add_staff(name: str, role: str, secret: str, *, actor: Actor, now: dt.datetime) -> StaffInfo:
    name = (name or "").strip()
    if not name:
        raise ValidationError("员工姓名不能为空。")
    if role not in (CLERK, MANAGER):
        raise ValidationError("角色只能是店员或店长。")
    validate_secret(role, secret)
    with write_tx():
        if Staff.select().where(Staff.name == name).exists():
            raise ValidationError(f"已有名为“{name}”的员工。")
        s = Staff.create(name=name, role=role, secret_hash=hash_secret(secret), created_at=now)
        audit.record(actor, "staff.add", entity="staff", entity_id=s.id,
                     detail={"name": name, "role": role}, now=now)
    return _info(s)


@operation("staff.set_secret", N_("修改 PIN/密码"), MANAGER_ONLY)
def set_secret(staff_id: int, secret: str, *, actor: Actor, now: dt.datetime) -> None:
    with write_tx():
        s = Staff.get_or_none(Staff.id == staff_id)
        if s is None:
            raise NotFound("没有这个员工。")
        validate_secret(s.role, secret)
        s.secret_hash = hash_secret(secret)
        s.failed_logins = 0
        s.locked_until = None
        s.save()
        audit.record(actor, "staff.set_secret", entity="staff", entity_id=s.id, now=now)


@operation("staff.set_active", N_("停用/启用员工"), MANAGER_ONLY)
def set_active(staff_id: int, active: bool, *, actor: Actor, now: dt.datetime) -> None:
    with write_tx():
        n = Staff.update(active=active).where(Staff.id == staff_id).execute()
        if not n:
            raise NotFound("没有这个员工。")
        audit.record(actor, "staff.set_active", entity="staff", entity_id=staff_id,
                     detail={"active": active}, now=now)


def login(staff_id: int, secret: str, *, now: dt.datetime) -> Actor:
    """Check a PIN/password.  Five wrong tries lock the account for five minutes.

    The failure count is committed before the refusal is raised (an exception inside the
    transaction would roll it back and the lockout would never trigger).
    """
    refusal: str | None = None
    with write_tx():
        s = Staff.get_or_none(Staff.id == staff_id)
        if s is None or not s.active:
            raise AuthError("没有这个员工，或已停用。")
        actor = Actor(s.id, s.name, s.role)
        if s.locked_until and s.locked_until > now:
            left = max(1, math.ceil((s.locked_until - now).total_seconds() / 60))
            raise AuthError(f"输错次数过多，账号已锁定，请 {left} 分钟后再试。")
        if not check_secret(secret or "", s.secret_hash):
            s.failed_logins += 1
            if s.failed_logins >= MAX_FAILED:
                s.locked_until = now + LOCKOUT
                s.failed_logins = 0
                audit.record(actor, "staff.locked_out", entity="staff", entity_id=s.id, now=now)
                refusal = (f"连续输错 {MAX_FAILED} 次，账号锁定 "
                           f"{int(LOCKOUT.total_seconds() // 60)} 分钟。")
            else:
                what = "PIN" if s.role == CLERK else "密码"
                refusal = f"{what}不正确，还可以再试 {MAX_FAILED - s.failed_logins} 次。"
            s.save()
        else:
            if s.failed_logins or s.locked_until or needs_rehash(s.secret_hash):
                s.failed_logins = 0
                s.locked_until = None
                if needs_rehash(s.secret_hash):
                    s.secret_hash = hash_secret(secret)      # today's cost from now on
                s.save()
            audit.record(actor, "staff.login", entity="staff", entity_id=s.id, now=now)
    if refusal:
        raise AuthError(refusal)
    return actor


def logout(actor: Actor, *, now: dt.datetime) -> None:
    with write_tx():
        audit.record(actor, "staff.logout", entity="staff", entity_id=actor.id, now=now)


__all__ = ["StaffInfo", "list_staff", "get_staff", "add_staff", "set_secret", "set_active", "login",
           "logout", "hash_secret", "check_secret", "MANAGER", "CLERK", "changes"]
