"""Parcels the outlet sends: counter sendings and salesmen's collections, weights and fees, bags and
dispatch, e-orders, and the 3-day tracking check.

Uses tickets (the 3-day check opens tickets).

Modules: ``outgoing``, ``threeday``, ``eorders``.  Import the module you need
(``from outlet_desk.outgoing import outgoing``); the drawn order of the packages is in pyproject.toml.
"""

__all__ = ['outgoing', 'threeday', 'eorders']
