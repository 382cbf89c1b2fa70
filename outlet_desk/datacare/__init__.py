"""Keeping the outlet's data: backups, restore, the consistency check, and retention (purging personal
data past its time).

At the top: it reads every capability's declarations (consistency checks) by name.

Modules: ``backup``, ``retention``.  Import the module you need
(``from outlet_desk.datacare import backup``); the drawn order of the packages is in pyproject.toml.
"""

__all__ = ['backup', 'retention']
