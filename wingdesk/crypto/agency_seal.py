"""Sealing a handover file to an agency's age public key (issue 19 item 2): plain age (pyrage, X25519), so the
agency opens it with any age tool (`age -d -i KEYFILE`) and no WingDesk code."""

from __future__ import annotations

import pyrage

from wingdesk.crypto.public_keys import require_age_recipient


def seal_to_agency(recipient: str, data: bytes) -> bytes:
    """The age file for this recipient alone; a weak or malformed key is WeakPublicKey and nothing is sealed."""
    return pyrage.encrypt(data, [pyrage.x25519.Recipient.from_str(require_age_recipient(recipient))])
