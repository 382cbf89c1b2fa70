"""The end of the day: counts and money reconciled, two clerks' confirmations, the close, adjustments,
and the daily report PDF.

Sits above the capabilities whose figures it reads (inbound's stock check, shifts' roster).

Modules: ``dayclose``, ``report_pdf``.  Import the module you need
(``from outlet_desk.dayclose import dayclose``); the drawn order of the packages is in pyproject.toml.
"""

__all__ = ['dayclose', 'report_pdf']
