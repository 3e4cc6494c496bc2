"""Users' signing keys at HQ: from enrolment, then from administrators' announcements in the wing's bundles.

The rule (docs/sync-bundle.md §10): the enrolment request lists the wing's accounts and keys, bound to the device by
the code read out by phone. A key made later (an account added, a passphrase reset) reaches HQ as a `user_key`
line signed by an administrator of that wing with a key HQ already holds (prefix WingDesk/user-key/v1 over
{user_id, role, public_key, announced_at}). HQ takes it only then; a weak key, an unsigned or mis-signed line, or
one signed by anyone but a known administrator quarantines the bundle (`user_key_<reason>`).
"""

from __future__ import annotations

from collections.abc import Iterable

import orjson

from wingdesk.crypto import signing
from wingdesk.crypto.public_keys import is_weak_ed25519
from wingdesk.domain.authorship import user_key_statement
from wingdesk.hq.authors import USER_KEY
from wingdesk.hq.repository import RowTuple

ADMIN = "admin"
UserKey = tuple[str, str, bytes]  # (user id, role, Ed25519 public key)


def keys_by_user(held: Iterable[UserKey]) -> dict[str, list[bytes]]:
    found: dict[str, list[bytes]] = {}
    for user_id, _role, key in held:
        found.setdefault(user_id, []).append(key)
    return found


def announced_keys(rows: list[RowTuple], held: list[UserKey]) -> tuple[list[UserKey], str | None]:
    """The new keys a bundle's `user_key` lines announce, and the quarantine reason of the first bad one."""
    admins = [key for _user, role, key in held if role == ADMIN]
    admin_ids = {user for user, role, _key in held if role == ADMIN}
    new: list[UserKey] = []
    for row in rows:
        if row[2] != USER_KEY:
            continue
        try:
            body = orjson.loads(row[4])
            user_id, role, announced_at = body["user_id"], body["role"], body["announced_at"]
            public, signature = bytes.fromhex(body["public_key"]), bytes.fromhex(body["admin_sig"])
            if not all(isinstance(v, str) for v in (user_id, role, announced_at)) or len(public) != 32:
                raise ValueError
        except (KeyError, TypeError, ValueError, orjson.JSONDecodeError):
            return new, "user_key_malformed"
        if body.get("author_id") not in admin_ids:
            return new, "user_key_not_admin"
        if is_weak_ed25519(public):
            return new, "user_key_weak"
        statement = user_key_statement(user_id, role, public, announced_at)
        if not any(signing.verify(key, signing.USER_KEY_PREFIX, statement, signature) for key in admins):
            return new, "user_key_bad_signature"
        if (user_id, role, public) not in held and (user_id, role, public) not in new:
            new.append((user_id, role, public))
    return new, None
