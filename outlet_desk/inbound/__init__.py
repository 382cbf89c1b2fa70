"""Parcels coming in and going to their customer: intake from the scanner onto shelves with pickup
codes, notifying customers (calls and SMS), release at the counter, stock checks, problem and
overdue parcels, and returns and forwards (red label + photos).

Returns live here because they start from problem and overdue parcels and put parcels back on the
shelf: as a separate package they would import inbound and be imported by it.  Uses tickets (a
problem escalated to a ticket, the reply rule) and signoff (the outbox a return is reported
through; the HTTP helpers of the SMS gateway).

Modules: ``intake``, ``pickup``, ``notify``, ``sms``, ``stockcheck``, ``problems``, ``overdue``, ``returns``.  Import the module you need
(``from outlet_desk.inbound import intake``); the drawn order of the packages is in pyproject.toml.
"""

__all__ = ['intake', 'pickup', 'notify', 'sms', 'stockcheck', 'problems', 'overdue', 'returns']
