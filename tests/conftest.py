"""Shared fixtures.  Qt is set offscreen before any Qt import (tests/ui)."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
