"""Build the PyInstaller one-folder bundle and run it with no Python environment around it."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    if shutil.which("pyinstaller", path=str(Path(sys.executable).parent)) is None:
        pytest.fail("PyInstaller is not installed in the test environment (pyproject test extras)")
    dist = tmp_path_factory.mktemp("dist")
    work = tmp_path_factory.mktemp("work")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(dist),
                    "--workpath", str(work), str(ROOT / "build_spec" / "outlet_desk.spec")],
                   check=True, capture_output=True, cwd=ROOT)
    exe = dist / "outlet-desk" / ("outlet-desk.exe" if os.name == "nt" else "outlet-desk")
    assert exe.exists()
    return exe


def _bare_env(tmp_path, **extra):
    """No Python anywhere: no venv on PATH, no PYTHONPATH/PYTHONHOME."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    env.update(extra)
    return env


@pytest.mark.slow
def test_bundle_runs_version_demo_and_shows_login(bundle, tmp_path):
    out = subprocess.run([str(bundle), "--version"], env=_bare_env(tmp_path), capture_output=True,
                         text=True, check=True, cwd=tmp_path)
    assert out.stdout.strip() == "outlet-desk 0.1.0"

    home = tmp_path / "outlet"
    out = subprocess.run([str(bundle), "--home", str(home), "demo"], env=_bare_env(tmp_path),
                         capture_output=True, text=True, check=True, cwd=tmp_path)
    assert "演示网点已建立" in out.stdout and (home / "outlet.db").exists()

    shot = tmp_path / "login.png"
    subprocess.run([str(bundle), "--home", str(home)], timeout=120, check=True, cwd=tmp_path,
                   env=_bare_env(tmp_path, QT_QPA_PLATFORM="offscreen",
                                 OUTLET_DESK_SCREENSHOT=str(shot)), capture_output=True)
    from PySide6.QtGui import QImage
    image = QImage(str(shot))
    # the window is fitted into the screen it opens on (the offscreen screen is 800×800)
    assert image.width() >= 700 and image.height() >= 600
    # the login card is drawn (not an empty window): many distinct colours
    colours = {image.pixel(x, y) for x in range(0, image.width(), 17) for y in range(0, image.height(), 17)}
    assert len(colours) > 5
