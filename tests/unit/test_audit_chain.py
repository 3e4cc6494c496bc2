"""The audit chain names the first entry that was changed, removed or reordered."""

from dataclasses import replace

from wingdesk.domain.audit import GENESIS, AuditEntry, chain, verify


def build(n):
    entries, prev = [], GENESIS
    for seq in range(1, n + 1):
        e = chain(AuditEntry(seq, f"2026-11-0{1 + seq % 9}T10:00:00Z", "u1", "create", f"obj:{seq}", "ab" * 32, prev))
        entries.append(e)
        prev = e.entry_hash
    return entries


def test_intact_chain_verifies():
    report = verify(build(20))
    assert report.intact and report.count == 20


def test_changed_field_is_named():
    entries = build(10)
    entries[4] = replace(entries[4], action="delete")
    report = verify(entries)
    assert report.first_bad_seq == 5 and report.reason == "hash_mismatch"


def test_removed_entry_is_named():
    entries = build(10)
    del entries[6]
    assert verify(entries).first_bad_seq == 7


def test_reordered_entries_are_named():
    entries = build(10)
    entries[2], entries[3] = entries[3], entries[2]
    assert verify(entries).first_bad_seq == 3


def test_recomputed_entry_breaks_the_next_link():
    entries = build(10)
    entries[1] = chain(replace(entries[1], actor="someone-else"))
    report = verify(entries)
    assert report.first_bad_seq == 3 and report.reason == "broken_link"
