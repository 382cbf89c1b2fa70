"""What kind of data a mutation changed (Anki's OpChanges).

Services return (or the UI op declares) a frozenset of these names; one Qt object broadcasts it and
each screen refreshes only what it shows.
"""
PARCELS = "parcels"
STOCK = "stock"
ROSTER = "roster"
LEAVE = "leave"
ATTENDANCE = "attendance"
TASKS = "tasks"
CASH = "cash"
TICKETS = "tickets"
SIGNOFF = "signoff"
UPLOAD = "upload"
RETURNS = "returns"
OUTGOING = "outgoing"
SETTINGS = "settings"
STAFF = "staff"
AUDIT = "audit"

ALL = frozenset({PARCELS, STOCK, ROSTER, LEAVE, ATTENDANCE, TASKS, CASH, TICKETS, SIGNOFF, UPLOAD,
                 RETURNS, OUTGOING, SETTINGS, STAFF, AUDIT})
