"""The research store kept in step with what ingest stores (issue 17 item 4): facts derived from each bundle's record
lines by the process that reads the bundle (`research_ask`, hq.contents: a worker when served, outside the single
writer every upload waits for and the server's event loop), stored in the same
transaction as the lines for exactly the lines that are kept (`keep_research`), and gone with a record an
administrator deleted.

"Prison and wing" of a fact: the stable prison and wing codes HQ's prison/wing hierarchy gives the device that sent
it (hq.hierarchy, looked up once per bundle), else the device's enrolled wing name and the wing the record names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from wingdesk.hq.contents import Contents
from wingdesk.hq.hierarchy import codes_by_device
from wingdesk.hq.repository import Device, HqRepository, HqStore, RowTuple
from wingdesk.hq.research_ask import ResearchAsk, derive_asked
from wingdesk.hq.research_derive import KINDS, derive, row_key
from wingdesk.hq.tombstones import TombstoneCheck


class _Context(Protocol):
    @property
    def research_key(self) -> bytes: ...
    @property
    def research(self) -> bool: ...
    @property
    def store(self) -> HqStore: ...


Where = tuple[str, str | None]  # (prison, wing): hierarchy codes, or (enrolled wing name, None: the record's wing)


@dataclass(frozen=True)
class Derived:
    """A bundle's facts by (record id, revision), derived for the prison and wing `where` before the write unit."""

    where: Where = ("", None)
    by_line: dict[tuple[str, int], list[tuple[Any, ...]]] = field(default_factory=dict)


NOTHING_DERIVED = Derived()


def where_of(repo: HqRepository, device: Device) -> Where:
    """The device's prison and wing codes in HQ's newest hierarchy; else its enrolled name, each record's own wing."""
    codes = codes_by_device(repo).get(device.device_id)
    return codes if codes is not None else (device.wing_name, None)


def research_ask(ctx: _Context, repo: HqRepository, device: Device) -> ResearchAsk | None:
    """What the bundle's reader needs to derive the facts of every line, before it is known which lines will be
    kept (the writer picks them): one small keyed read per bundle (hq.hierarchy). None: derive nothing."""
    if not ctx.research or not ctx.research_key:
        return None
    prison, wing = where_of(repo, device)
    return ResearchAsk(ctx.research_key, device.device_id, prison, wing)


def derived_by_reader(ask: ResearchAsk | None, contents: Contents) -> Derived:
    """The facts the reader derived for `ask`; derived here when it did not (a fanned-out bundle, hq.contents), still
    before the write unit. None asked: nothing (the writer derives what it keeps, if research is on)."""
    if ask is None:
        return NOTHING_DERIVED
    if contents.facts is None:
        return Derived((ask.prison, ask.wing), derive_asked(ask, contents.rows)) if contents.rows else NOTHING_DERIVED
    return Derived((ask.prison, ask.wing), contents.facts)


def keep_research(ctx: _Context, repo: HqRepository, device: Device, stones: TombstoneCheck,
                  derived: Derived = NOTHING_DERIVED) -> None:
    """Forget the facts of every record (and amendment) a tombstone of this bundle buries, then store the facts of
    the lines that are kept: those `derived` ahead when it was derived under the device's current prison and wing
    (a hierarchy published, or the device renamed, in between: derived again), else derived now. `ctx.research`
    False (benchmarks/research.py's baseline) derives nothing."""
    if not ctx.research_key:  # hq.cli.common.unlock gives every key file one before ingest can run
        raise RuntimeError("HQ keys without a research key")
    keys = [row_key(ctx.research_key, device.device_id, item) for buried in stones.buried for item in buried.items]
    if keys:
        repo.delete_research(keys)
    if not ctx.research:
        return
    rows: list[RowTuple] = stones.kept
    where = where_of(repo, device)
    if derived.where != where or (rows and not derived.by_line):
        derived = Derived(where, derive_asked(ResearchAsk(ctx.research_key, device.device_id, *where), rows))
    facts: list[tuple[Any, ...]] = []
    taken: set[tuple[str, int]] = set()
    for row in rows:
        line = (row[0], row[1])
        found = derived.by_line.get(line)
        if found and line not in taken:
            taken.add(line)
            facts += found
    repo.keep_research(facts)


def rebuild_research(store: HqStore, key: bytes, page: int = 5000) -> int:
    """Derive the research store anew from every record line HQ holds (those ingested before it existed, or after
    the derivation changed): the old facts go, each device's lines are read a page of records at a time, each
    page in its own write. Lines deleted by a tombstone are no longer held, so they give nothing. Returns the facts
    written."""
    if not key:
        raise RuntimeError("HQ keys without a research key")
    with store.transaction() as repo:
        repo.clear_research()
        devices = [(device, where_of(repo, device)) for device in repo.list_devices()]
    written = 0
    for device, (prison, wing) in devices:
        after = ""
        while True:
            with store.transaction(write=False) as repo:
                rows = repo.research_source(device.device_id, KINDS, after, page)
            if not rows:
                break
            facts = derive(key, device.device_id, prison, rows, wing)
            written += store.write(lambda repo, facts=facts: repo.keep_research(facts))  # type: ignore[misc]
            after = rows[-1][0]
    return written
