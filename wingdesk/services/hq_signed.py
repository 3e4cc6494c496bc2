"""The steps a wing takes with every file HQ signs (assessment instruments, training modules, code lists, translation
updates) before the file's own kind parses and stores it: read the signed wrapper (domain.instruments.signed_file),
check that the file names the HQ key this wing enrolled with, verify HQ's signature under that key, and audit the
refusals the kind lists. Each refusal carries the kind's own code (`module_wrong_key`, `code_list_signature`).

A kind that puts a stored file in force again at every load (translation updates, code lists) checks the stored
signature once more there (stored_signature_holds): a row written into the database by hand, by someone holding
the database key but not HQ's signing key, is never put in force.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.instruments.parse import loads_json
from wingdesk.domain.instruments.signed_file import SignedInstrument, key_id, read_signed, statement
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.context import ServiceContext

Verify = Callable[[bytes, str, dict[str, Any], bytes], bool]
T = TypeVar("T")


def enrolled_hq_key(ctx: ServiceContext) -> bytes:
    """The HQ signing key this wing enrolled with; empty before enrolment."""
    device = ctx.sync.device() if ctx.sync is not None else None
    return device.hq_sign_public if device is not None else b""


def read_verified(data: bytes, hq_public: bytes, verify: Verify, wrapper: str, limit: int, kind: str,
                  error: type[ValidationError]) -> SignedInstrument:
    """The signed file in `data` (its wrapper field `wrapper`, at most `limit` bytes), once its key id is
    `hq_public`'s and HQ's signature for the purpose `kind` verifies under it; `error` `{kind}_…` otherwise."""
    signed = read_signed(data, wrapper, limit, kind, error)
    if not hq_public:
        raise error(f"{kind}_no_hq_key")
    if signed.hq_key_id != key_id(hq_public):
        raise error(f"{kind}_wrong_key")
    try:
        valid = verify(hq_public, kind, signed.statement, signed.signature)
    except ValueError:  # no canonical form (e.g. an integer beyond 2^53): nothing can have signed it
        valid = False
    if not valid:
        raise error(f"{kind}_signature")
    return signed


@contextmanager
def refusals_audited(audit: AuditTrail, user_id: str, kind: str, error: type[ValidationError],
                     audited: Collection[str]) -> Iterator[None]:
    """Audit as `{kind}_refused` an `error` raised inside whose code is one of `audited`, and let it go on."""
    try:
        yield
    except error as refused:
        if refused.code in audited:
            audit.append(user_id, f"{kind}_refused", f"{kind}:{refused.code}")
        raise


def stored_signature_holds(hq_public: bytes, verify: Verify, kind: str, document: str, hq_key_id: str,
                           signed_at: str, signature: bytes, limit: int) -> bool:
    """Whether a stored file of `kind` (its canonical `document` text, at most `limit` bytes, and the signature
    evidence kept with it) is one HQ signed under `hq_public`, the key this wing enrolled with: the signed statement
    is rebuilt from the stored parts and verified as at install."""
    if not hq_public or hq_key_id != key_id(hq_public):
        return False
    try:
        definition = loads_json(document.encode("utf-8"), limit, kind, ValidationError)
        return bool(verify(hq_public, kind, statement(definition, hq_key_id, signed_at), bytes(signature)))
    except (ValidationError, ValueError, TypeError):  # unreadable, or no canonical form: nothing can have signed it
        return False


class VerifiedOnce(Generic[T]):
    """Stored files of one kind, each verified (`stored_signature_holds`) and parsed once per process: a stored row
    never changes, so (HQ key, hash of the row's identity, document and signature evidence) -> its parsed value,
    or None when HQ's signature does not hold for it, it does not parse, or the signed document is not the row's
    own (its `identity_of` differs from the row's identity). `parse` takes the document's bytes and raises one of
    `errors` for a document the kind refuses."""

    def __init__(self, kind: str, limit: int, parse: Callable[[bytes], T], errors: tuple[type[Exception], ...],
                 identity_of: Callable[[T], Sequence[object]]) -> None:
        self._kind, self._limit, self._parse, self._errors = kind, limit, parse, errors
        self._identity_of = identity_of
        self._known: dict[tuple[bytes, str], T | None] = {}
        self._lock = threading.Lock()

    def value(self, ctx: ServiceContext, hq_public: bytes, identity: Sequence[object], document: str,
              hq_key_id: str, signed_at: str, signature: bytes) -> tuple[T | None, bool]:
        """The row's parsed value (or None), and whether this call was the first to judge the row."""
        evidence = canonical_bytes([*identity, document, hq_key_id, signed_at, signature.hex()])
        key = (hq_public, hashlib.sha256(evidence).hexdigest())
        with self._lock:
            if key in self._known:
                return self._known[key], False
        parsed: T | None = None
        if stored_signature_holds(hq_public, ctx.keyring.verify_signed, self._kind, document, hq_key_id, signed_at,
                                  signature, self._limit):
            try:
                parsed = self._parse(document.encode("utf-8"))
            except self._errors:
                parsed = None
            if parsed is not None and list(self._identity_of(parsed)) != list(identity):
                parsed = None
        with self._lock:
            self._known[key] = parsed
        return parsed, True
