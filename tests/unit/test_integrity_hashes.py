"""`wingdesk verify`'s fast hashes are exactly the domain's canonical ones for every value a wing stores."""

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from wingdesk.domain.audit import AuditEntry, compute_hash
from wingdesk.domain.canonical import MAX_INT, canonical_bytes
from wingdesk.domain.records import Record
from wingdesk.services.integrity import canonical_sha256, entry_hash_of

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
KEYS = st.text(alphabet=st.characters(max_codepoint=127), max_size=8)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-MAX_INT, MAX_INT) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=20,
)


@given(VALUES)
def test_canonical_sha256_matches_canonical_bytes(value):
    assert canonical_sha256(value) == hashlib.sha256(canonical_bytes(value)).hexdigest()


@given(TEXT, TEXT, TEXT, st.integers(1, MAX_INT))
def test_entry_hash_matches_the_domain(actor, action, obj, seq):
    entry = AuditEntry(seq, "2026-01-01T00:00:00Z", actor, action, obj, "ab" * 32, "cd" * 32)
    assert entry_hash_of(entry) == compute_hash(entry)


@given(st.dictionaries(KEYS, VALUES, max_size=5), TEXT)
def test_record_content_hash_matches(body, name):
    record = Record("0190a1b2-0000-7000-8000-000000000001", "observation", "B", None, "u1", name, "officer",
                    "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", body)
    assert canonical_sha256(record.content()) == record.content_sha256()


def test_verify_rebuilds_exactly_the_fields_a_record_hashes():
    from wingdesk.services.integrity import CONTENT_FIELDS
    from wingdesk.storage.integrity_repo import RECORD_CONTENT_COLUMNS

    record = Record("id", "observation", "B", None, "u1", "Name", "officer", "t", "t", {})
    assert set(CONTENT_FIELDS) == set(record.content())
    assert tuple(c.strip() for c in RECORD_CONTENT_COLUMNS.split(",")) == CONTENT_FIELDS
