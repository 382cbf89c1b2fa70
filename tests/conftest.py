"""Shared fixtures.  Qt is set offscreen before any Qt import (tests/ui)."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests open thousands of databases: no 32 MB WAL written for each (test_storage.py tests it).
os.environ["OUTLET_DESK_WAL_PREALLOC_MB"] = "0"
