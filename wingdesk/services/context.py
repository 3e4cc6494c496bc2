"""Everything a signed-in session's services share: user, repository, keys, clock, audit and gateway."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from wingdesk.domain.people import User
from wingdesk.domain.wording import WordList
from wingdesk.services.ports import Clock, Keyring, SyncPort, Vault
from wingdesk.services.repository_ports import Repository


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC).replace(microsecond=0)

    def today(self) -> date:
        return datetime.now().date()


@dataclass
class ServiceContext:
    repo: Repository
    keyring: Keyring
    vault: Vault
    user: User
    wing: str
    clock: Clock = field(default_factory=SystemClock)
    wordlists: list[WordList] = field(default_factory=list)
    blocklist: frozenset[str] = frozenset()
    sync: SyncPort | None = None  # injected by the backend when sync is installed
