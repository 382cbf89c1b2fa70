"""Where the foundation finds what the capabilities declare, by name.

Each capability module may declare ``SETTINGS`` (:mod:`.settings`), operations (``@operation``,
:mod:`.permissions`), ``open_items(staff_id, now)`` (:mod:`.openitems`) and
``consistency_problems(home)`` (``datacare.backup``'s check).  The foundation sits below the
capabilities, so it never imports them in its code: it imports them here, by name, when it first needs
their declarations.  A new module in a capability package is found without being listed.
"""
from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

#: the capability packages, in their drawn order (lowest first; pyproject.toml holds the contract)
PACKAGES = ("signoff", "tickets", "inbound", "outgoing", "shifts", "dayclose", "datacare")
#: foundation modules that declare settings or operations too
FOUNDATION = ("duty_events", "evidence", "money", "waybill")


def module_names() -> list[str]:
    names = [f"outlet_desk.{name}" for name in FOUNDATION]
    for package in PACKAGES:
        pkg = importlib.import_module(f"outlet_desk.{package}")
        names += sorted(info.name for info in pkgutil.iter_modules(pkg.__path__, pkg.__name__ + "."))
    return names


def modules() -> list[ModuleType]:
    """Every module that may declare something, imported."""
    return [importlib.import_module(name) for name in module_names()]


def declaring(attribute: str) -> list[tuple[ModuleType, object]]:
    """(module, value) of each module that defines ``attribute``."""
    found = []
    for module in modules():
        value = getattr(module, attribute, None)
        if value is not None:
            found.append((module, value))
    return found
