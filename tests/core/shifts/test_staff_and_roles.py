import datetime as dt

import pytest

from outlet_desk import audit_text, permissions, settings
from outlet_desk.errors import AuthError, PermissionDenied, ValidationError
from outlet_desk.models import Staff
from outlet_desk.shifts import staff

NOW = dt.datetime(2026, 6, 7, 9, 30)


def test_login_with_right_pin(clerk):
    actor = staff.login(clerk.id, "1111", now=NOW)
    assert actor.name == "张丽" and actor.role == "clerk"


def test_pin_is_stored_as_scrypt_hash_not_plain(clerk):
    stored = Staff.get_by_id(clerk.id).secret_hash
    assert stored.startswith("scrypt$") and "1111" not in stored


def test_five_wrong_pins_lock_for_five_minutes(clerk):
    for i in range(4):
        with pytest.raises(AuthError, match="还可以再试"):
            staff.login(clerk.id, "9999", now=NOW)
    with pytest.raises(AuthError, match="锁定"):
        staff.login(clerk.id, "9999", now=NOW)
    # even the right PIN is refused while locked
    with pytest.raises(AuthError, match="分钟后再试"):
        staff.login(clerk.id, "1111", now=NOW + dt.timedelta(minutes=4))
    assert staff.login(clerk.id, "1111", now=NOW + dt.timedelta(minutes=5, seconds=1)).id == clerk.id


def test_clerk_pin_must_be_digits(manager):
    with pytest.raises(ValidationError, match="4 到 8 位数字"):
        staff.add_staff("赵六", "clerk", "abcd", actor=manager, now=NOW)


def test_clerk_cannot_change_settings_in_the_core(clerk):
    with pytest.raises(PermissionDenied, match="只有店长"):
        settings.update({"outlet.code": "999"}, actor=clerk, now=NOW)
    assert settings.get("outlet.code") == "803"


def test_clerk_cannot_read_the_audit_log(clerk):
    with pytest.raises(PermissionDenied):
        audit_text.browse(actor=clerk)


def test_clerk_cannot_add_staff(clerk):
    with pytest.raises(PermissionDenied):
        staff.add_staff("赵六", "clerk", "1234", actor=clerk, now=NOW)


def test_manager_changes_setting_and_it_is_audited(manager):
    settings.update({"outlet.code": "805", "storage.days": "10"}, actor=manager, now=NOW)
    assert settings.get("outlet.code") == "805"
    assert settings.get("storage.days") == 10
    rows = audit_text.browse(actor=manager, action="settings.update")
    assert {r.entity_id for r in rows} == {"outlet.code", "storage.days"}
    assert '"old":"803"' in next(r.detail for r in rows if r.entity_id == "outlet.code")


def test_bad_setting_value_is_refused_and_nothing_changes(manager):
    with pytest.raises(ValidationError, match="整数"):
        settings.update({"outlet.code": "806", "storage.days": "seven"}, actor=manager, now=NOW)
    assert settings.get("outlet.code") == "803"


def test_every_operation_declares_roles():
    ops = permissions.load_all_operations()
    assert "settings.update" in ops and ops["settings.update"].roles == permissions.MANAGER_ONLY
    for op in ops.values():
        assert op.roles and op.roles <= permissions.ANY_STAFF
