"""Outlet Desk core: pure Python, never imports Qt.

The UI (``ui/``) calls into this package; nothing here may import PySide6.
"""

__version__ = "0.1.0"
