"""Who may run what — enforced in the core, whatever the screen shows.

Every service that changes data is declared with :func:`operation`; :data:`OPERATIONS` is the table
of all of them with the roles allowed.  A service receives the acting person as ``actor=`` and is
refused with :class:`~outlet_desk.errors.PermissionDenied` when their role is not allowed.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from . import capabilities
from .errors import PermissionDenied
from .i18n import N_, _

CLERK = "clerk"
MANAGER = "manager"
ANY_STAFF = frozenset({CLERK, MANAGER})
MANAGER_ONLY = frozenset({MANAGER})

ROLE_LABELS = {CLERK: N_("店员"), MANAGER: N_("店长")}


def role_label(role: str) -> str:
    """"店员" / "店长" (or "Clerk" / "Manager" in English), the code itself for an unknown role."""
    return _(ROLE_LABELS[role]) if role in ROLE_LABELS else role


@dataclass(frozen=True)
class Actor:
    """The person acting: passed into every service that writes."""
    id: int | None
    name: str
    role: str

    @property
    def is_manager(self) -> bool:
        return self.role == MANAGER


#: The local administrator at the command line (demo, restore …): acts with manager rights.
SYSTEM = Actor(id=None, name="系统", role=MANAGER)   # zh-data: the name stored in the audit log


@dataclass(frozen=True)
class Operation:
    name: str
    label: str            # the Chinese label, marked N_() where declared: show it as ``_(op.label)``
    roles: frozenset
    func: object

    @property
    def title(self) -> str:
        """The label in the current language."""
        return _(self.label)


OPERATIONS: dict[str, Operation] = {}


def operation(name: str, label: str, roles: frozenset = ANY_STAFF):
    """Declare a data-changing service.  The wrapped function must take ``actor`` as a keyword.

    A service of a capability on the day's ledger (:data:`outlet_desk.businessday.DATED`) gets its
    ``now`` through :func:`outlet_desk.businessday.business_now`: never a time in a closed day."""
    from .businessday import DATED  # lazy: the command line's parser (every command) needs no database modules
    dated = name.split(".", 1)[0] in DATED

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, actor: Actor, **kwargs):
            check(actor, name)
            if dated and kwargs.get("now") is not None:
                # a closed day stays closed: later work goes into the next business day
                from .businessday import dated as dating  # lazy: see DATED above
                with dating(kwargs["now"]) as kwargs["now"]:
                    return func(*args, actor=actor, **kwargs)
            return func(*args, actor=actor, **kwargs)

        if name in OPERATIONS:
            raise RuntimeError(f"operation {name!r} declared twice")
        OPERATIONS[name] = Operation(name, label, frozenset(roles), wrapper)
        wrapper.operation = OPERATIONS[name]
        return wrapper

    return decorate


def check(actor: Actor, name: str) -> None:
    op = OPERATIONS[name]
    if actor is None or actor.role not in op.roles:
        if op.roles == MANAGER_ONLY:
            raise PermissionDenied(_("“{label}”只有店长可以操作。").format(label=_(op.label)))
        raise PermissionDenied(_("“{label}”只有授权人员可以操作。").format(label=_(op.label)))


def allowed(actor: Actor, name: str) -> bool:
    op = OPERATIONS.get(name)
    return bool(op and actor and actor.role in op.roles)


def load_all_operations() -> dict[str, Operation]:
    """Import every capability module so that :data:`OPERATIONS` is complete."""
    capabilities.modules()
    return OPERATIONS
