"""The console's browser sessions, held in memory only (a restart signs everyone out), and their form tokens.

A session is found by the hash of its cookie's random token; it ends after `idle_s` without a request. Every form
a page renders carries a fresh one-time token of that session: a POST must spend one, so a form from another site
(no token), a form sent twice (token spent) or one from an ended session (tokens gone) is refused. Signing in
replaces the anonymous session the sign-in form came from with a new one (no session fixation).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# per kind: anonymous sessions (a sign-in page's) and signed-in ones are kept apart, each dropping its oldest past
# this, so a flood of sign-in pages neither fills memory nor signs anyone out
MAX_SESSIONS = 5000
MAX_FORMS = 64  # outstanding form tokens per session (older pages' forms then need a reload)


@dataclass
class Session:
    key: str
    staff: str | None
    role: str | None
    last_seen: float
    forms: OrderedDict[str, None] = field(default_factory=OrderedDict)
    flash: tuple[str, dict[str, Any]] | None = None  # the outcome of the last action, shown once


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class Sessions:
    def __init__(self, idle_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.idle_s = idle_s
        self.clock = clock
        self._anonymous: OrderedDict[str, Session] = OrderedDict()
        self._signed_in: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()

    def _pool(self, session: Session) -> OrderedDict[str, Session]:
        return self._anonymous if session.staff is None else self._signed_in

    def new(self, staff: str | None = None, role: str | None = None) -> tuple[str, Session]:
        """A new session and the token for its cookie."""
        token = secrets.token_urlsafe(32)
        session = Session(_hash(token), staff, role, self.clock())
        with self._lock:
            pool = self._pool(session)
            pool[session.key] = session
            while len(pool) > MAX_SESSIONS:
                pool.popitem(last=False)
        return token, session

    def find(self, token: str | None) -> tuple[Session | None, bool]:
        """(the live session, False), or (None, True) when the token's session ended for idleness."""
        if not token:
            return None, False
        key = _hash(token)
        with self._lock:
            session = self._signed_in.get(key) or self._anonymous.get(key)
            if session is None:
                return None, False
            pool = self._pool(session)
            now = self.clock()
            if now - session.last_seen > self.idle_s:
                del pool[key]
                return None, session.staff is not None
            session.last_seen = now
            pool.move_to_end(key)
        return session, False

    def end(self, session: Session) -> None:
        with self._lock:
            self._pool(session).pop(session.key, None)

    def form_token(self, session: Session) -> str:
        token = secrets.token_urlsafe(24)
        with self._lock:
            session.forms[token] = None
            while len(session.forms) > MAX_FORMS:
                session.forms.popitem(last=False)
        return token

    def spend(self, session: Session, token: str) -> bool:
        """True once for each token the session issued; a spent, unknown or empty token is False."""
        with self._lock:
            for issued in session.forms:
                if secrets.compare_digest(issued.encode(), token.encode("utf-8", "surrogatepass")):
                    del session.forms[issued]
                    return True
        return False
