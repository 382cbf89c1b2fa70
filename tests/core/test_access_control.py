"""The access-control table: every data-changing operation, walked as a clerk and as a manager."""
import pytest

from outlet_desk import permissions
from outlet_desk.errors import PermissionDenied
from outlet_desk.permissions import Actor

CLERK = Actor(1, "张丽", permissions.CLERK)
MANAGER = Actor(3, "李店长", permissions.MANAGER)
STRANGER = Actor(9, "访客", "visitor")


def _ops():
    return sorted(permissions.load_all_operations().values(), key=lambda o: o.name)


def test_every_manager_only_operation_refuses_a_clerk_at_the_service_layer(db):
    manager_only = [op for op in _ops() if op.roles == permissions.MANAGER_ONLY]
    assert len(manager_only) >= 4
    for op in manager_only:
        # the role is checked before the service looks at any argument
        with pytest.raises(PermissionDenied, match="只有店长"):
            op.func(actor=CLERK)


def test_manager_passes_every_check_and_clerk_passes_the_shared_ones():
    for op in _ops():
        permissions.check(MANAGER, op.name)
        if permissions.CLERK in op.roles:
            permissions.check(CLERK, op.name)


def test_unknown_role_is_refused_everything(db):
    for op in _ops():
        with pytest.raises(PermissionDenied):
            op.func(actor=STRANGER)


def test_the_table_names_each_operation_once_with_a_chinese_label():
    for op in _ops():
        assert op.label and any("\u4e00" <= ch <= "\u9fff" for ch in op.label), op.name
