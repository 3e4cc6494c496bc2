"""HQ's check of who wrote what: every record version and amendment a bundle carries must be signed by its author's
own key, as HQ holds it for that device (from enrolment, or an administrator's key announcement).

The device key only proves where a bundle comes from; anyone who can read the wing database can seal with it. The
authors' signatures prove the contents: a record line in another user's name fails here (`author_bad_signature`),
as does an unsigned one (`author_unsigned`) or one by an account HQ holds no key for (`author_unknown`). Ingest
quarantines the bundle with that reason and stores nothing of it. Devices enrolled without a list of users (before
this check existed) are not judged: HQ has no keys to judge them by.

The signatures are checked where the bundle is read (`vouched_authors`, in the HTTPS receiver's worker processes),
not under the device lock where ingest decides: there only the (author, key) pairs that vouched are looked up in
the registry HQ holds at that moment (`vouches_hold`). Whenever that does not settle it — a line failed, a key was
not (yet) held, nothing was checked — `author_failure` runs on the whole bundle, as it always did, and its reason
is the one given.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from wingdesk.crypto import signing
from wingdesk.crypto.public_keys import is_weak_ed25519
from wingdesk.domain.authorship import amendment_statement, record_statement
from wingdesk.hq import fast_verify
from wingdesk.hq.countersignatures import AMENDMENT, COUNTERSIGNATURE, amendment_hash
from wingdesk.hq.repository import RowTuple
from wingdesk.hq.tombstones import TOMBSTONE

USER_KEY = "user_key"  # an administrator's announcement of an account's signing key (hq.user_keys)
_NOT_AUTHORED = frozenset({COUNTERSIGNATURE, USER_KEY, TOMBSTONE})  # lines signed otherwise, checked elsewhere
UNKNOWN, UNSIGNED, BAD = "author_unknown", "author_unsigned", "author_bad_signature"
Registry = Mapping[str, Sequence[bytes]]  # user id -> every signing key HQ holds for it on this device
Vouched = frozenset[tuple[str, bytes]]  # (author id, public key) pairs whose signatures held
_MAX_INT = 2**53 - 1  # domain.canonical.MAX_INT


class _Keys:
    """The registry's keys as verifier objects, each made once per bundle (weak keys never become one)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.made: dict[str, list[tuple[bytes, Ed25519PublicKey]]] = {}

    def of(self, user_id: Any) -> list[tuple[bytes, Ed25519PublicKey]]:
        if not isinstance(user_id, str):
            return []
        if user_id not in self.made:
            self.made[user_id] = [(key, Ed25519PublicKey.from_public_bytes(key))
                                  for key in self.registry.get(user_id, ()) if not is_weak_ed25519(key)]
        return self.made[user_id]


def _signer(keys: list[tuple[bytes, Ed25519PublicKey]], data: bytes, signature: bytes) -> bytes | None:
    """The key among `keys` whose signature `signature` is over `data`, or None."""
    for raw, key in keys:
        try:
            key.verify(signature, data)
        except InvalidSignature:
            continue
        return raw
    return None


def author_failure(rows: list[RowTuple], registry: Registry) -> str | None:
    """The quarantine reason for the first record or amendment line not signed by its author, else None."""
    verifiers = _Keys(registry)
    for row in rows:
        kind = row[2]
        if kind in _NOT_AUTHORED:
            continue  # countersignatures: hq.countersignatures with these keys; announcements: hq.user_keys;
            # tombstones: hq.tombstones, against the wing's administrators
        try:
            body = orjson.loads(row[4])
            author, prefix, statement = _statement(kind, body)
            signature = body.get("author_sig")
        except (KeyError, TypeError, ValueError, AttributeError, orjson.JSONDecodeError):
            return BAD  # not shaped as the statement a wing signs
        keys = verifiers.of(author)
        if not keys:
            return UNKNOWN
        if not isinstance(signature, str):
            return UNSIGNED
        try:
            raw = bytes.fromhex(signature)
            data = signing.signed_bytes(prefix, statement)
        except ValueError:  # not hex, or a statement RFC 8785 refuses (a float, an integer out of range)
            return BAD
        if _signer(keys, data, raw) is None:
            return BAD
    return None


Item = tuple[Any, Any]  # a line's kind and its body: parsed (a dict), or as the JSON bytes a row holds


def _items(rows: Iterable[RowTuple]) -> Iterator[Item]:
    return ((row[2], row[4]) for row in rows)


def _body(body: Any) -> Any:
    return orjson.loads(body) if isinstance(body, bytes | bytearray | memoryview) else body


def candidate_keys(rows: Iterable[RowTuple], held: Registry) -> dict[str, list[bytes]]:
    """The keys a bundle's lines may be signed with: those HQ holds, and any its own `user_key` lines announce.
    Announcements are not judged here (hq.user_keys does that under the device lock): a pair that vouched with an
    announced key counts only if that key is in the registry then (`vouches_hold`)."""
    return candidates_of(_items(rows), held)


def candidates_of(items: Iterable[Item], held: Registry) -> dict[str, list[bytes]]:
    """`candidate_keys` of (kind, body) items."""
    found = {user: list(keys) for user, keys in held.items()}
    for kind, raw in items:
        if kind != USER_KEY:  # any type compares; only membership tests need a hashable kind
            continue
        try:
            body = _body(raw)
            user_id, public = body["user_id"], bytes.fromhex(body["public_key"])
        except (KeyError, TypeError, ValueError, AttributeError, orjson.JSONDecodeError):
            continue
        if isinstance(user_id, str) and public not in found.setdefault(user_id, []):
            found[user_id].append(public)
    return found


def vouched_authors(rows: Iterable[RowTuple], candidates: Registry) -> Vouched | None:
    """Every (author, key) pair that signs a record or amendment line among `rows`, or None as soon as one line is
    not signed by a key among `candidates` (or is shaped so that only `author_failure` can say why)."""
    return vouched_items(_items(rows), candidates)


def vouched_items(items: Iterable[Item | None], candidates: Registry) -> Vouched | None:
    """`vouched_authors` of (kind, body) items; None at the first item that is None or has no string kind."""
    verifiers = _Keys(candidates)
    pairs: set[tuple[str, bytes]] = set()
    for item in items:
        if item is None or type(item[0]) is not str:  # a line only ingest's own check can judge
            return None
        kind, raw = item
        if kind in _NOT_AUTHORED:
            continue
        try:
            body = _body(raw)
            author, prefix, statement = _statement(kind, body)
            signature = bytes.fromhex(body["author_sig"])
            data = prefix + _canonical_flat(statement)
        except (KeyError, TypeError, ValueError, AttributeError, orjson.JSONDecodeError):
            return None
        keys = verifiers.of(author)
        if fast_verify.AVAILABLE:
            key = fast_verify.signer([public for public, _ in keys], data, signature)
        else:
            key = _signer(keys, data, signature)
        if key is None:
            return None
        pairs.add((author, key))
    return frozenset(pairs)


def authors_failure(rows: list[RowTuple], registry: Registry | None, vouched: Vouched | None) -> str | None:
    """Ingest's check under the device lock: None without a registry (a device enrolled before users' keys
    travelled) or when what vouched holds; else `author_failure` of every row."""
    if registry is None or vouches_hold(vouched, registry):
        return None
    return author_failure(rows, registry)


def vouches_hold(vouched: Vouched | None, registry: Registry) -> bool:
    """True when every pair that vouched is a key the registry holds for that author: then `author_failure` of the
    same rows is None (each line has a registry key whose signature holds), and need not run."""
    return vouched is not None and all(key in registry.get(author, ()) and not is_weak_ed25519(key)
                                       for author, key in vouched)


def _canonical_flat(statement: dict[str, object]) -> bytes:
    """`canonical_bytes` of a statement (ASCII keys; string and integer values) without its generic walk: orjson's
    sorted, compact output is the same bytes for these values (every string escaped as json.dumps escapes it,
    checked over all of Unicode by tests/hq/test_author_vouching.py). Anything else raises ValueError."""
    for value in statement.values():
        if type(value) is int:
            if abs(value) > _MAX_INT:
                raise ValueError("integer out of the interoperable range")
        elif type(value) is not str:
            raise ValueError("not a flat statement")
    try:
        return orjson.dumps(statement, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError as error:  # a lone surrogate, which canonical_bytes cannot encode either
        raise ValueError("not encodable") from error


def _statement(kind: str, body: dict[str, Any]) -> tuple[Any, bytes, dict[str, object]]:
    if kind == AMENDMENT:
        statement = amendment_statement(body["id"], body["record_id"], body["author_id"], body["author_name"],
                                        amendment_hash(body))
        return body["author_id"], signing.AMENDMENT_PREFIX, statement
    record = body["record"]
    content_hash = hashlib.sha256(orjson.dumps(record, option=orjson.OPT_SORT_KEYS)).hexdigest()  # = canonical_bytes
    statement = record_statement(record["id"], record["revision"], record["author_id"], body["author_name"],
                                 content_hash)
    return record["author_id"], signing.RECORD_PREFIX, statement
