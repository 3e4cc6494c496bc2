"""The research store kept in step with what ingest stores (issue 17 item 4): facts derived from each bundle's kept
record lines in the same transaction (hq.research_derive), and gone with a record an administrator deleted."""

from __future__ import annotations

from typing import Protocol

from wingdesk.hq.repository import Device, HqRepository, HqStore, RowTuple
from wingdesk.hq.research_derive import KINDS, derive, row_key
from wingdesk.hq.tombstones import TombstoneCheck


class _Context(Protocol):
    @property
    def research_key(self) -> bytes: ...
    @property
    def research(self) -> bool: ...


def keep_research(ctx: _Context, repo: HqRepository, device: Device, stones: TombstoneCheck) -> None:
    """Forget the facts of every record (and amendment) a tombstone of this bundle buries, then derive the facts of
    the lines that are kept. `ctx.research` False (benchmarks/research.py's baseline) derives nothing."""
    if not ctx.research_key:  # hq.cli.common.unlock gives every key file one before ingest can run
        raise RuntimeError("HQ keys without a research key")
    keys = [row_key(ctx.research_key, device.device_id, item) for buried in stones.buried for item in buried.items]
    if keys:
        repo.delete_research(keys)
    if ctx.research:
        rows: list[RowTuple] = stones.kept
        repo.keep_research(derive(ctx.research_key, device.device_id, device.wing_name, rows))


def rebuild_research(store: HqStore, key: bytes, page: int = 5000) -> int:
    """Derive the research store anew from every record line HQ holds (those ingested before it existed, or after
    the derivation changed): the old facts go, each device's lines are read a page of records at a time, each
    page in its own write. Lines deleted by a tombstone are no longer held, so they give nothing. Returns the facts
    written."""
    if not key:
        raise RuntimeError("HQ keys without a research key")
    with store.transaction() as repo:
        repo.clear_research()
        devices = repo.list_devices()
    written = 0
    for device in devices:
        after = ""
        while True:
            with store.transaction(write=False) as repo:
                rows = repo.research_source(device.device_id, KINDS, after, page)
            if not rows:
                break
            facts = derive(key, device.device_id, device.wing_name, rows)
            written += store.write(lambda repo, facts=facts: repo.keep_research(facts))  # type: ignore[misc]
            after = rows[-1][0]
    return written
