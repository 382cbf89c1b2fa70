"""`pip install .` (not editable) gives a working app: the fonts and translations come from the
wheel through importlib.resources, not from this checkout."""
from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.pdfcheck import pdf_fonts, pdf_text

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_installed_wheel_builds_the_demo_and_its_daily_report(tmp_path):
    wheels = tmp_path / "wheels"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                            str(ROOT)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(wheels.glob("outlet_desk-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # the dependencies (PySide6, reportlab…) are this environment's: no download in the test
    Path(purelib, "test-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True,
                   capture_output=True)
    exe = env_dir / ("Scripts/outlet-desk.exe" if os.name == "nt" else "bin/outlet-desk")
    elsewhere = tmp_path / "elsewhere"          # not the checkout: nothing found by accident
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "OUTLET_DESK_HOME")}
    where = subprocess.run([str(python), "-c", "import outlet_desk.resources as r; print(r.font_path())"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True).stdout
    assert str(ROOT) not in where and Path(where.strip()).is_file(), where
    home = tmp_path / "home"
    for args in (["demo"], ["report", "daily", "-o", str(tmp_path / "daily.pdf")]):
        run = subprocess.run([str(exe), "--home", str(home), *args], cwd=elsewhere, env=env,
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, (args, run.stdout[-1000:], run.stderr[-2000:])
    pdf = tmp_path / "daily.pdf"
    assert "日结报表" in pdf_text(pdf)
    assert any(name.startswith("WenQuanYi") and embedded for name, embedded in pdf_fonts(pdf).items())
    qm = subprocess.run([str(python), "-c", "from outlet_desk.resources import resource; "
                         "print(resource('i18n', 'outlet_desk_zh_CN.qm').stat().st_size)"],
                        cwd=elsewhere, env=env, capture_output=True, text=True, check=True).stdout
    assert int(qm) > 1000
