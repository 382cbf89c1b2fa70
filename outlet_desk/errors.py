"""Error kinds.

* :class:`DomainError` — the clerk did something the outlet's rules refuse.  Its message is one line
  a clerk can act on (Chinese, because that is what the counter reads).
* :class:`EnvironmentFault` — the machine failed us (disk full, database locked, file unreadable).
* Anything else is a bug.

The UI shows the first two as a banner and logs all three.
"""
from __future__ import annotations


class OutletError(Exception):
    """Base of the errors the UI shows to a person."""

    def __init__(self, message: str, *, detail: str | None = None):
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:  # one line, always
        return self.message


class DomainError(OutletError):
    """A rule of the outlet refused the action.  Nothing was changed."""


class NotFound(DomainError):
    pass


class ValidationError(DomainError):
    pass


class PermissionDenied(DomainError):
    """The acting staff member's role may not run this operation."""


class AuthError(DomainError):
    """Wrong PIN/password, locked account, unknown person."""


class DayLocked(DomainError):
    pass


class EnvironmentFault(OutletError):
    """Disk full, database locked or unreadable, folder not writable."""


class DiskFull(EnvironmentFault):
    pass


class DatabaseTooNew(EnvironmentFault):
    pass


class DatabaseCorrupt(EnvironmentFault):
    pass
