"""End to end on a real X server at 1366×768 (a 40 px taskbar reserved), with real key events.

The real app runs on a demo outlet under Xvfb with openbox; xdotool types like a person (the
manager's password) and like a USB scanner (3 ms a key, then Enter).  A label preview is open and
has the focus while the waybills are scanned: every scan must be stored.

Skipped, with the reason, where Xvfb, openbox or xdotool are not installed.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "openbox", "xdotool")
OPENBOX_RC = """<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <margins><top>0</top><bottom>40</bottom><left>0</left><right>0</right></margins>
  <desktops><number>1</number></desktops>
</openbox_config>
"""


def _missing():
    return [t for t in TOOLS if shutil.which(t) is None]


@pytest.fixture
def x_display(tmp_path):
    if _missing():
        pytest.skip(f"needs {', '.join(_missing())} (apt-get install xvfb openbox xdotool)")
    procs = []
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    procs.append(xvfb)
    try:
        display = ":" + xvfb.stdout.readline().strip()
        rc = tmp_path / "openbox-rc.xml"
        rc.write_text(OPENBOX_RC)
        env = dict(os.environ, DISPLAY=display)
        procs.append(subprocess.Popen(["openbox", "--config-file", str(rc)], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(1.0)
        yield display
    finally:
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()


def _xdo(display, *args, check=True) -> str:
    out = subprocess.run(["xdotool", *args], env=dict(os.environ, DISPLAY=display),
                         capture_output=True, text=True, timeout=60)
    if check:
        assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def _wait(what, fn, timeout=30.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = fn()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _stored(db: Path, codes) -> list[str]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        marks = ",".join("?" * len(codes))
        return sorted(r[0] for r in con.execute(f"SELECT waybill FROM parcel WHERE waybill IN ({marks})", codes))
    finally:
        con.close()


def test_scans_at_scanner_speed_while_a_label_preview_has_focus(x_display, demo_home, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=x_display, XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONPATH=str(ROOT))
    app = subprocess.Popen([sys.executable, "-m", "outlet_desk", "--home", str(demo_home)], cwd=ROOT,
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        main = _wait("the main window", lambda: _xdo(x_display, "search", "--onlyvisible", "--name",
                                                      "Outlet Desk", check=False))
        main = main.split()[0]
        _wait("the main window to have the focus",
              lambda: _xdo(x_display, "getactivewindow", check=False) == main)
        # it opens inside the free area: 1366×728 (the taskbar's 40 px stay free)
        geometry = _xdo(x_display, "getwindowgeometry", main)
        width, height = (int(v) for v in geometry.split("Geometry: ")[1].split("x"))
        assert width <= 1366 and height <= 728, geometry
        # the manager types the password by hand (the list selects the manager first)
        _xdo(x_display, "type", "--delay", "120", "manager803")
        _xdo(x_display, "key", "Return")
        time.sleep(1.5)
        _xdo(x_display, "key", "F2")
        time.sleep(1.0)
        first = "JT5821030000001"
        _xdo(x_display, "type", "--delay", "3", first)
        _xdo(x_display, "key", "Return")
        _wait("the first scan", lambda: _stored(demo_home / "outlet.db", [first]))
        _xdo(x_display, "key", "alt+p")                      # reprint its label: the preview
        preview = _wait("the label preview to take the focus",
                        lambda: (w := _xdo(x_display, "getactivewindow", check=False)) != main and w)
        codes = [f"JT58210300000{n:02d}" for n in range(2, 8)]
        for code in codes:
            _xdo(x_display, "type", "--delay", "3", code)
            _xdo(x_display, "key", "Return")
        want = sorted([first, *codes])
        got = _wait("every scan stored",
                    lambda: (s := _stored(demo_home / "outlet.db", want)) == want and s, timeout=20)
        assert got == want
        assert _xdo(x_display, "getactivewindow") == preview, "the preview kept the focus"
    finally:
        app.terminate()
        try:
            out, _ = app.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
            out, _ = app.communicate()
    assert "Traceback" not in out, out
