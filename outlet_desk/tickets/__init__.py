"""Service tickets with their deadlines, reply templates and the reply rule, and claims.

Uses only the foundation.

Modules: ``tickets``, ``replies``, ``claims``.  Import the module you need
(``from outlet_desk.tickets import tickets``); the drawn order of the packages is in pyproject.toml.
"""

__all__ = ['tickets', 'replies', 'claims']
