"""tools/screenshots.py: each shot's window is gone before the next one (a full run of ~40 shots
once slowed down until it seemed to hang), and a hanging shot is named."""
import subprocess
import sys
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import login

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import screenshots  # noqa: E402


def test_a_shot_leaves_no_window_thread_or_event_filter_behind(qtbot, demo_home, prefs):
    from outlet_desk.db import close_database
    from outlet_desk.storage import open_database
    from tests.ui.conftest import DEMO_NOW
    from ui.app import build_context, create_main_window, ensure_app
    ensure_app()
    open_database(demo_home / "outlet.db")
    window = create_main_window(build_context(demo_home, prefs, clock=lambda: DEMO_NOW))
    window.show()                       # as the tool does (not handed to qtbot: the tool deletes it)
    login(qtbot, window, "王芳", "2222")
    signoff = window.screen_by_key(6)                         # the screen with the upload thread
    window.show_screen(signoff)
    router = window.scan_router
    worker = signoff.uploader.worker
    assert worker is not None and worker.is_alive()       # it had been started …
    screenshots.tear_down(window, QApplication.instance())
    assert not shiboken6.isValid(window) and not shiboken6.isValid(router)
    assert not worker.is_alive()                          # … and ended (other tests' threads aside)
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    close_database()


def test_a_hanging_shot_is_named_and_the_run_stops(tmp_path):
    script = tmp_path / "hang.py"
    script.write_text(
        "import os, sys, time\n"
        f"sys.path.insert(0, {str(ROOT / 'tools')!r})\n"
        "import screenshots\n"
        "dog = screenshots.Watchdog(1.0)\n"
        "dog.start('modal.png')\n"
        "time.sleep(30)\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 3
    assert "screenshot 'modal.png' hung" in run.stderr
