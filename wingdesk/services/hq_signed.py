"""The steps a wing takes with every file HQ signs (assessment instruments, training modules, code lists, translation
updates) before the file's own kind parses and stores it: read the signed wrapper (domain.instruments.signed_file),
check that the file names the HQ key this wing enrolled with, verify HQ's signature under that key, and audit the
refusals the kind lists. Each refusal carries the kind's own code (`module_wrong_key`, `code_list_signature`).

A kind that puts a stored file in force again at every load (translation updates, code lists) checks the stored
signature once more there (stored_signature_holds): a row written into the database by hand, by someone holding
the database key but not HQ's signing key, is never put in force.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from typing import Any

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.instruments.parse import loads_json
from wingdesk.domain.instruments.signed_file import SignedInstrument, key_id, read_signed, statement
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.context import ServiceContext

Verify = Callable[[bytes, str, dict[str, Any], bytes], bool]


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
