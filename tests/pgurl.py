"""PostgreSQL URLs for the tests: the same server, another database (TCP or Unix-socket URLs)."""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def with_database(server_url: str, name: str) -> str:
    """``postgresql://u:p@h:5432/postgres`` → ``…/name``; a ``?host=/socket/dir`` query is kept."""
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path="/" + name))
