"""hq.authors' fast path: the statement bytes it checks are canonical_bytes', and only held keys vouch (the
verifier's own rules: tests/hq/test_fast_verify.py)."""

from __future__ import annotations

import hashlib

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wingdesk.crypto import signing
from wingdesk.domain.authorship import record_statement
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.hq import fast_verify
from wingdesk.hq.authors import _canonical_flat, vouched_authors, vouches_hold

_EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def test_flat_statements_encode_exactly_as_canonical_bytes_for_every_character():
    for start in range(0, len(_EVERY_CHARACTER), 4096):
        statement = record_statement("id", 7, "author", _EVERY_CHARACTER[start : start + 4096], "0" * 64)
        assert _canonical_flat(statement) == canonical_bytes(statement)


@pytest.mark.parametrize("revision", [1.0, True, 2**53, None, [1]])
def test_what_canonical_bytes_would_treat_otherwise_is_left_to_the_exact_check(revision):
    with pytest.raises(ValueError):
        _canonical_flat(record_statement("id", revision, "author", "name", "0" * 64))


def test_a_lone_surrogate_is_left_to_the_exact_check():
    with pytest.raises(ValueError):
        _canonical_flat(record_statement("id", 1, "author", "\ud800", "0" * 64))


def test_a_signature_over_the_fast_bytes_verifies_over_the_canonical_ones():
    key = Ed25519PrivateKey.generate()
    statement = record_statement("id", 3, "author", "Službenik Đorđe 🙂", "a" * 64)
    signature = key.sign(signing.RECORD_PREFIX + _canonical_flat(statement))
    key.public_key().verify(signature, signing.signed_bytes(signing.RECORD_PREFIX, statement))


def test_only_keys_the_registry_holds_vouch():
    held, other = b"\x11" * 32, b"\x22" * 32
    assert vouches_hold(frozenset({("a", held)}), {"a": [held]})
    assert vouches_hold(frozenset(), {"a": [held]})
    assert not vouches_hold(None, {"a": [held]})
    assert not vouches_hold(frozenset({("a", other)}), {"a": [held]})
    assert not vouches_hold(frozenset({("b", held)}), {"a": [held]})
    assert not vouches_hold(frozenset({("a", b"\x00" * 32)}), {"a": [b"\x00" * 32]})  # weak: never vouches


def _public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _signed_row(key: Ed25519PrivateKey, author: str) -> tuple:
    record = {"id": "r1", "revision": 1, "author_id": author, "kind": "observation", "body": {"text": "Ђорђе"}}
    statement = record_statement("r1", 1, author, "Officer", hashlib.sha256(canonical_bytes(record)).hexdigest())
    body = {"record": record, "author_name": "Officer", "status": "SUBMITTED",
            "author_sig": signing.sign(key, signing.RECORD_PREFIX, statement).hex()}
    return ("r1", 1, "observation", "", canonical_bytes(body))


@pytest.mark.parametrize("library", ["ed25519-zebra", "libsodium", ""])
def test_vouching_with_each_library(monkeypatch, library):
    monkeypatch.setattr(fast_verify, "AVAILABLE", bool(library))
    monkeypatch.setattr(fast_verify, "LIBRARY", library)
    author, other = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    row = _signed_row(author, "a")
    assert vouched_authors([row], {"a": [_public(other), _public(author)]}) == {("a", _public(author))}
    assert vouched_authors([row], {"a": [_public(other)]}) is None
    assert vouched_authors([row], {"b": [_public(author)]}) is None
