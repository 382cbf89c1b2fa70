"""The core must never pull in Qt: import every outlet_desk module in a fresh interpreter."""
import subprocess
import sys
import textwrap


def test_importing_every_core_module_loads_no_qt():
    code = textwrap.dedent("""
        import importlib, pkgutil, sys
        import outlet_desk
        for m in pkgutil.walk_packages(outlet_desk.__path__, "outlet_desk."):
            importlib.import_module(m.name)
        bad = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
        print("LOADED:" + ",".join(bad))
        print("COUNT:%d" % sum(1 for m in sys.modules if m.startswith("outlet_desk.")))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "LOADED:\n" in out.stdout, out.stdout
    count = int(out.stdout.split("COUNT:")[1])
    assert count >= 10   # really walked the package
