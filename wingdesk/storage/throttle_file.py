"""Failed-login counters kept beside the database (readable before unlock) so they survive restarts."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from wingdesk.config.files import atomic_write
from wingdesk.domain.errors import StoreError


class ThrottleFile:
    """{"failures": {user: {"count", "last"}}, "pending": [{"user", "event", "time"}]} — no secrets inside."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            if isinstance(data, dict) and isinstance(data.get("failures"), dict):
                data.setdefault("pending", [])
                return data
        except FileNotFoundError:
            pass
        except (ValueError, OSError):
            # A damaged counter file must not unlock anyone: keep what we can, start the counts again.
            pass
        return {"failures": {}, "pending": []}

    def _save(self, data: dict[str, Any]) -> None:
        try:
            atomic_write(self.path, json.dumps(data, sort_keys=True).encode("utf-8"))
        except OSError as error:  # e.g. a full disk: the sign-in says so instead of failing with a traceback
            raise StoreError.from_failed_write(error) from None

    def failures(self, username: str) -> tuple[int, float]:
        entry = self._load()["failures"].get(username.casefold(), {})
        return int(entry.get("count", 0)), float(entry.get("last", 0.0))

    def record(self, username: str, event: str, when_iso: str) -> int:
        data = self._load()
        entry = data["failures"].setdefault(username.casefold(), {"count": 0, "last": 0.0})
        if event == "login_failed":
            entry["count"] += 1
            entry["last"] = time.time()
        data["pending"] = (data["pending"] + [{"user": username.casefold(), "event": event, "time": when_iso}])[-500:]
        self._save(data)
        return int(entry["count"])

    def clear(self, username: str) -> None:
        data = self._load()
        if data["failures"].pop(username.casefold(), None) is not None:
            self._save(data)

    def take_pending(self) -> list[dict[str, str]]:
        data = self._load()
        pending = data["pending"]
        if pending:
            data["pending"] = []
            self._save(data)
        return list(pending)
