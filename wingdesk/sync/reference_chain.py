"""Where an HQ→wing bundle stands in the chain of HQ bundles this wing applied (docs/sync-bundle.md §8.1).

Each HQ bundle names the hash of HQ's previous bundle for this device (`prev_hash`). The wing keeps every HQ
bundle it applied as a link (ref_seq, hash, prev_hash), so it knows HQ's hash at those places and, through
`prev_hash`, at the place before each. A bundle that disagrees with what the wing knows at its place is a fork of
HQ's history: HQ was restored from a backup (or another HQ signs with the same key). Placing is pure; what the
wing does with each place is in `wing_sync.WingSync.apply_hq_bundle`.
"""

from __future__ import annotations

from dataclasses import dataclass

from wingdesk.sync.header import GENESIS_HASH

NEXT = "next"  # above the head, agreeing with the chain: applied in full
REPLAY = "replay"  # a bundle applied here before (an earlier visit's file)
OLD = "old"  # at or below the head and not contradicting the chain: an older snapshot, or one that cannot be placed
FORK = "fork"  # disagrees with the chain: HQ's history went back (restored from a backup)
SUPERSEDED = "superseded"  # from (or chained to) HQ history a fork replaced


@dataclass(frozen=True)
class ChainLink:
    """An HQ bundle applied on this wing; `prev_hash` is "" for a head kept before links were (migration 0012)."""

    ref_seq: int
    bundle_hash: str
    prev_hash: str


def known_hashes(links: list[ChainLink]) -> dict[int, str]:
    """HQ's bundle hash at each place the live links tell: their own, and through prev_hash the one before."""
    known: dict[int, str] = {}
    for link in links:
        if link.prev_hash and link.ref_seq > 1:
            known.setdefault(link.ref_seq - 1, link.prev_hash)
    for link in links:
        known[link.ref_seq] = link.bundle_hash
    return known


def place(ref_seq: int, bundle_hash: str, prev_hash: str, head_seq: int, links: list[ChainLink],
          superseded: set[str]) -> str:
    """NEXT, REPLAY, OLD, FORK or SUPERSEDED for a verified HQ bundle, against the live links and the head."""
    if bundle_hash in superseded or prev_hash in superseded:
        return SUPERSEDED
    known = known_hashes(links)
    if ref_seq in known:
        return REPLAY if known[ref_seq] == bundle_hash else FORK
    before = GENESIS_HASH if ref_seq == 1 else known.get(ref_seq - 1)
    if before is not None and before != prev_hash:
        return FORK
    return NEXT if ref_seq > head_seq else OLD


def fork_cut(ref_seq: int, prev_hash: str, links: list[ChainLink]) -> int:
    """The lowest ref_seq of the live links a fork at `ref_seq` supersedes: the place itself, and the one before
    when the fork's prev_hash disagrees there too."""
    before = known_hashes(links).get(ref_seq - 1)
    return ref_seq - 1 if before is not None and before != prev_hash else ref_seq
