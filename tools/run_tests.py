"""The README's test run (``make test``): the whole suite on SQLite, then the core suite on PostgreSQL.

    python tools/run_tests.py [extra pytest arguments]

PostgreSQL is the server named by ``OUTLET_DESK_TEST_PG`` (CI starts Debian's with
.ci/start-postgres.sh).  When none is named, a throwaway server is started from the ``pgserver``
wheel (PostgreSQL binaries shipped on PyPI) in a temporary folder and stopped at the end, so a
machine with only Python runs the PostgreSQL tests too.  The first pass also gives the server to
tests/test_concurrency.py (``OUTLET_DESK_CONCURRENCY_PG``).
"""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def postgresql_server():
    named = os.environ.get("OUTLET_DESK_TEST_PG")
    if named:
        yield named
        return
    import pgserver  # the [test] extra; imported here so a named server needs no pgserver

    with tempfile.TemporaryDirectory(prefix="outlet-desk-pg-") as folder:
        server = pgserver.get_server(Path(folder), cleanup_mode="stop")
        try:
            print(f"== throwaway PostgreSQL (pgserver) in {folder}", flush=True)
            yield server.get_uri()
        finally:
            server.cleanup()


def pytest(args: list[str], env: dict[str, str]) -> int:
    return subprocess.call([sys.executable, "-m", "pytest", "-q", *args], cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    """Arguments are pytest's; test paths among them narrow both passes (the PostgreSQL pass
    keeps those under tests/core, and is left out when none is)."""
    paths = [a for a in argv if not a.startswith("-") and (ROOT / a.split("::")[0]).exists()]
    options = [a for a in argv if a not in paths]
    core = [p for p in paths if Path(p).parts[:2] == ("tests", "core")] if paths else ["tests/core"]
    base = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    base.pop("OUTLET_DESK_TEST_PG", None)
    with postgresql_server() as url:
        first = pytest(argv, dict(base, OUTLET_DESK_CONCURRENCY_PG=url))
        second = 0
        if core:
            print("== core suite on PostgreSQL", flush=True)
            second = pytest([*core, *options], dict(base, OUTLET_DESK_TEST_PG=url))
    return first or second


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
