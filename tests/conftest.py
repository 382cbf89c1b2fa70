"""Shared fixtures.  Qt is set offscreen before any Qt import (tests/ui)."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests open thousands of databases: no 32 MB WAL written for each (test_storage.py tests it).
os.environ["OUTLET_DESK_WAL_PREALLOC_MB"] = "0"

# PIN hashes at the real cost (~0.25 s each) would add minutes to a suite that creates thousands of
# staff; the tests use the old cost, test_db_faults.py checks the real one (REAL_SCRYPT_N).
from outlet_desk.shifts import staff as _staff  # noqa: E402

REAL_SCRYPT_N = _staff.SCRYPT_N
_staff.SCRYPT_N = 2 ** 14
