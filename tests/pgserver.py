"""A throwaway PostgreSQL server of the tests' own (initdb into a temporary folder, a free port on
loopback), so that a test may stop and restart it without disturbing a server others use.
Needs Debian's ``postgresql`` package (``/usr/lib/postgresql/*/bin``) or ``pg_ctl`` on PATH; as
root the server runs as the ``postgres`` user (PostgreSQL refuses to run as root)."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                   key=lambda p: [int(x) for x in Path(p).parent.name.split(".") if x.isdigit()])
    for d in reversed(found):
        if (Path(d) / "pg_ctl").exists() and (Path(d) / "initdb").exists():
            return Path(d)
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl and shutil.which("initdb") else None


def why_unavailable() -> str | None:
    """None when a server can be started here, else the one-line reason."""
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        return "psycopg2 is not installed (pip install -e '.[postgresql]')"
    if pg_bin() is None:
        return "no PostgreSQL server binaries (apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            import pwd
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run PostgreSQL as"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self) -> None:
        self.bin = pg_bin()
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="outlet-desk-test-pg-"))
        self.data = self.dir / "data"
        self._demote = None
        if os.geteuid() == 0:
            import pwd
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)

            def demote(uid=pw.pw_uid, gid=pw.pw_gid):
                os.setgid(gid)
                os.setuid(uid)
            self._demote = demote
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync",
                  "-E", "UTF8", "--locale", "C")
        self.start()

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([str(self.bin / tool), *args], check=True, capture_output=True,
                       preexec_fn=self._demote, cwd=self.dir, timeout=120)

    def _ctl(self, *args: str) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "server.log"), "-w", *args)

    def start(self) -> None:
        self._ctl("-o", f"-c listen_addresses=127.0.0.1 -p {self.port} -c fsync=off "
                        f"-k {self.dir}", "start")

    def stop(self) -> None:
        self._ctl("-m", "fast", "stop")

    def restart(self) -> None:
        self._ctl("-m", "fast", "restart")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str, *params):
        import psycopg2
        con = psycopg2.connect(self.url())
        con.autocommit = True
        try:
            cur = con.cursor()
            cur.execute(sql, params or None)
            return cur.fetchall() if cur.description else None
        finally:
            con.close()

    def create_database(self, name: str) -> str:
        self.admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def close(self) -> None:
        try:
            self._ctl("-m", "immediate", "stop")
        except (subprocess.SubprocessError, OSError):
            pass
        for _ in range(20):
            try:
                shutil.rmtree(self.dir)
                return
            except OSError:
                time.sleep(0.1)
