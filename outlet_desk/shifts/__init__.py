"""The people of the outlet and their time: staff and PINs, the A/B roster, leave, handover notes, the
daily duty checklist and attendance.

Uses inbound (open problem parcels in a handover) and tickets (tickets answered for the duty
checklist).

Modules: ``staff``, ``roster``, ``leave``, ``handover``, ``tasks``, ``attendance``.  Import the module you need
(``from outlet_desk.shifts import staff``); the drawn order of the packages is in pyproject.toml.
"""

__all__ = ['staff', 'roster', 'leave', 'handover', 'tasks', 'attendance']
