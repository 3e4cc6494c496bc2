"""The research store kept in step with what ingest stores (issue 17 item 4): facts derived from each bundle's kept
record lines in the same transaction (hq.research_derive), and gone with a record an administrator deleted."""

from __future__ import annotations

from typing import Protocol

from wingdesk.hq.repository import Device, HqRepository, RowTuple
from wingdesk.hq.research_derive import derive, row_key
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
