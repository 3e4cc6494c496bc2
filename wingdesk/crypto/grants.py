"""Handing the clinical key to a new treatment user: sealed with age (pyrage) to their grant key."""

from __future__ import annotations

import pyrage

from wingdesk.crypto.public_keys import require_age_recipient
from wingdesk.domain.errors import IntegrityError


def new_grant_identity() -> tuple[bytearray, str]:
    """A fresh age X25519 identity (kept inside the user's slot) and its public recipient string."""
    identity = pyrage.x25519.Identity.generate()
    return bytearray(str(identity).encode("ascii")), str(identity.to_public())


def seal_to(recipient: str, secret: bytearray) -> bytes:
    """age-encrypt to a user's grant recipient; a low-order one is WeakPublicKey (pyrage would panic on it)."""
    return pyrage.encrypt(bytes(secret), [pyrage.x25519.Recipient.from_str(require_age_recipient(recipient))])


def open_with(identity: bytearray, sealed: bytes) -> bytearray:
    try:
        key = pyrage.x25519.Identity.from_str(bytes(identity).decode("ascii"))
        return bytearray(pyrage.decrypt(sealed, [key]))
    except (pyrage.DecryptError, ValueError) as error:
        raise IntegrityError("grant_unreadable") from error
