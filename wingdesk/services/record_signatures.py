"""Which of its author's keys a stored record version's signature holds under (a passphrase reset gives an author a
new key; the wing keeps the old ones). Each Ed25519 check is remembered: its outcome depends only on the key, the
statement (which holds the content hash recomputed from what is stored) and the signature, so a page opened again,
or a transfer of the same records, checks nothing twice."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from wingdesk.domain.authorship import statement_of_record
from wingdesk.domain.records import Record
from wingdesk.services.context import ServiceContext

_VERIFIED: dict[tuple[bytes, tuple[tuple[str, object], ...], bytes], bool] = {}
_VERIFIED_MAX = 50_000


def author_key(ctx: ServiceContext, keys: Mapping[str, Sequence[bytes]], record: Record) -> bytes | None:
    """The author's public key (among `keys`, user id -> keys) their signature on this version holds under; None
    when it is unsigned or holds under none."""
    if record.author_sig is None:
        return None
    statement = statement_of_record(record)
    return next((key for key in keys.get(record.author_id, ())
                 if _verified(ctx, key, statement, record.author_sig)), None)


def _verified(ctx: ServiceContext, key: bytes, statement: dict[str, object], signature: bytes) -> bool:
    memo = (key, tuple(sorted(statement.items())), signature)
    found = _VERIFIED.get(memo)
    if found is None:
        if len(_VERIFIED) >= _VERIFIED_MAX:
            _VERIFIED.clear()
        found = _VERIFIED[memo] = ctx.keyring.verify_signed(key, "record", statement, signature)
    return found
