"""One module per capability.  Services are plain functions with explicit inputs (``actor=``,
``now=``); each write runs in one :func:`outlet_desk.db.write_tx` and returns a frozen dataclass."""
