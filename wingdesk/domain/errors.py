"""Typed domain errors: each carries a stable code, never user-facing text or record content."""

from __future__ import annotations

import errno

_DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


class WingError(Exception):
    """Base of every error WingDesk reports to a user; `code` selects the translated message."""

    code = "error"

    def __init__(self, code: str | None = None, **params: object) -> None:
        self.code = code or type(self).code
        self.params = params
        super().__init__(self.code)

    def __str__(self) -> str:
        extra = ", ".join(f"{k}={v}" for k, v in sorted(self.params.items()))
        return f"{self.code}({extra})" if extra else self.code


class ValidationError(WingError):
    """Input that breaks a rule; `params['field']` names the offending field."""

    code = "invalid"


class AccessDenied(WingError):
    """The access policy does not allow this role to do this."""

    code = "access_denied"


class NotFound(WingError):
    code = "not_found"


class StateError(WingError):
    """An action that the record's life-cycle state does not allow."""

    code = "bad_state"


class AuthError(WingError):
    """Wrong user name or password, throttled or locked account."""

    code = "auth_failed"


class StoreError(WingError):
    """The wing store cannot be opened or is damaged."""

    code = "store_error"

    @classmethod
    def from_failed_write(cls, error: OSError) -> StoreError:
        """A file write the disk refused, in the user's words: full (or over quota), or failing."""
        return cls("disk_full" if error.errno in _DISK_FULL else "disk_error")


class IntegrityError(WingError):
    """A signature, hash chain or slot file failed verification."""

    code = "integrity"
