"""Delivered parcels signed off in batches and sent to head office exactly once: delivery, sign-off,
the outbox and the uploader.

The lowest capability: it uses only the foundation.

Modules: ``delivery``, ``signoff``, ``outbox``, ``upload``.  Import the module you need
(``from outlet_desk.signoff import delivery``); the drawn order of the packages is in pyproject.toml.
"""

__all__ = ['delivery', 'signoff', 'outbox', 'upload']
