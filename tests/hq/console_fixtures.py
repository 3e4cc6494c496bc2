"""Shared by the console's tests (TestClient and browser): an HQ store with staff accounts, the app over it, a clock
the tests move on, and helpers to read a page's form tokens and HQ's audit rows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from wingdesk.hq.console.app import build_app
from wingdesk.hq.console.staff import add_staff, ensure_table
from wingdesk.hq.ingest import HqContext
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.store import SqlStore, open_store

ADMIN, ANALYST, SECURITY = "admin.ana", "analyst.ben", "security.cem"
PASSPHRASE = "violet harbour seven lanterns"
IDLE_S = 600


class IdleClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Hq:
    ctx: HqContext
    store: SqlStore
    clock: IdleClock
    app: object

    def audit(self, action: str) -> list[tuple[str, str, str]]:
        with self.store.transaction(write=False) as repo:
            rows = repo._rows("SELECT action, device_id, detail FROM audit WHERE action = ? ORDER BY id", (action,))
        return [tuple(r) for r in rows]


def make_hq(folder: Path, hq_keys: HqKeys, clock_factory, store: SqlStore | None = None) -> Hq:
    """The console over `store` (default: a new SQLite store in `folder`), with an account for each role."""
    store = store or open_store(folder)
    ctx = HqContext(store, hq_keys, clock=clock_factory())
    ensure_table(store)
    now = datetime(2025, 3, 1, tzinfo=UTC)
    for name, role in ((ADMIN, "hq_admin"), (ANALYST, "analyst"), (SECURITY, "hq_security")):
        add_staff(store, name, role, PASSPHRASE, now)
    clock = IdleClock()
    return Hq(ctx, store, clock, build_app(ctx, store, idle_s=IDLE_S, clock=clock))


def form_token(html: str, action: str) -> str:
    """The one-time token of the form that posts to `action`."""
    found = re.search(rf'action="{re.escape(action)}".*?name="csrf" value="([^"]+)"', html, re.S)
    assert found, f"no form for {action}"
    return found.group(1)
