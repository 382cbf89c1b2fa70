"""The real app, driven by a script file: ``python -m devtools.scripted_app --home DIR SCRIPT``.

tests/test_crash_safety.py runs the real process this way and kills it mid-burst.  The hook lives here,
out of the app's reach: the app has no environment variable or option that runs a script.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def run_script(window, path: str) -> None:
    """The file's first line is ``login NAME SECRET``; every further line is one scan,
    typed into the intake screen's scan field and ended with Enter.  After each scan the screen
    showed as accepted, ``ACK <waybill>`` goes to stdout (flushed); otherwise ``NAK <waybill>``.
    ``DONE`` at the end, then the app quits."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    _, name, secret = lines[0].split()
    window.login.select_person(name)
    window.login.secret.setText(secret)
    window.login.attempt()
    screen = window.screen_by_key(2)
    window.show_screen(screen)
    scans = iter(lines[1:])

    def step():
        text = next(scans, None)
        if text is None:
            print("DONE", flush=True)
            QApplication.instance().quit()
            return
        before = screen.accepted_count
        screen.scan.setText(text)
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(screen.scan, QKeyEvent(kind, Qt.Key_Return, Qt.NoModifier, "\r"))
        ok = screen.accepted_count > before and screen.last_result.waybill == text
        print(f"{'ACK' if ok else 'NAK'} {text}", flush=True)
        QTimer.singleShot(0, step)

    QTimer.singleShot(0, step)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m devtools.scripted_app")
    ap.add_argument("--home", required=True, help="the data folder")
    ap.add_argument("script", help="first line `login NAME SECRET`, then one scan per line")
    args = ap.parse_args(argv)
    from ui.app import main as app_main
    return app_main(args.home, on_window=lambda window: run_script(window, args.script))


if __name__ == "__main__":
    sys.exit(main())
