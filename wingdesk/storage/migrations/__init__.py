"""Forward-only schema migrations: NNNN_name.sql files applied in order, version kept in user_version."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

_NAME = re.compile(r"(\d{4})_[a-z0-9_]+\.sql", re.ASCII)  # fullmatch


def available() -> list[tuple[int, str]]:
    files = resources.files(__name__)
    found = []
    for entry in files.iterdir():
        match = _NAME.fullmatch(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text("utf-8")))
    return sorted(found)


def latest_version() -> int:
    return available()[-1][0]


def current_version(conn: Any) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Any, target: int | None = None) -> int:
    """Apply each missing migration in its own transaction; refuse a database newer than this program."""
    from wingdesk.domain.errors import StoreError

    version = current_version(conn)
    newest = latest_version()
    if version > newest:
        raise StoreError("schema_too_new", version=version)
    for number, sql in available():
        if number <= version or (target is not None and number > target):
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = number
    return version


def _split(sql: str) -> list[str]:
    """Split on ';' at line ends, keeping trigger bodies (BEGIN ... END;) whole."""
    statements, buffer, depth = [], [], 0
    for line in sql.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("--"):
            continue
        buffer.append(line)
        upper = stripped.upper()
        if upper.endswith("BEGIN"):
            depth += 1
        if upper.startswith("END;"):
            depth -= 1
        if stripped.endswith(";") and depth == 0:
            statements.append("\n".join(buffer))
            buffer = []
    if buffer:
        statements.append("\n".join(buffer))
    return statements
