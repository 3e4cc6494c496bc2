"""The common record envelope, record kinds and amendments (domain.md §2.1)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import uuid6

from wingdesk.domain.canonical import canonical_bytes


class RecordKind(StrEnum):
    """Names for the core kinds; a record's kind is any code declared in wingdesk.domain.kinds."""

    OBSERVATION = "observation"
    LOG_ENTRY = "log_entry"
    PLAN = "plan"
    PROGRESS_NOTE = "progress_note"
    CONTACT = "contact"
    ALERT = "alert"


class AmendmentKind(StrEnum):
    AMENDMENT = "amendment"  # author's correction; the original stays
    ANNOTATION = "annotation"  # officer's answer to a supervisor's return
    COMMENT = "comment"  # supervisor's comment when returning
    PRISONER_COMMENT = "prisoner_comment"  # the prisoner's own comment or disagreement, as they gave it (rule 1)
    WITHHOLD = "withhold"  # kept out of the prisoner's subject-access copy; the text is the reason (issue 19)
    DISCLOSE = "disclose"  # a withholding lifted; the text is why


def new_id() -> str:
    """A UUIDv7 (RFC 9562): time-ordered, so the wing's and HQ's indexes grow at one edge instead of taking
    every insert at a random page (at 500k records HQ spent ~4x longer storing a bundle of random ids)."""
    return str(uuid6.uuid7())


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Record:
    """One immutable record version; `body` is validated per kind and never edited after saving."""

    id: str
    kind: str  # a code declared in wingdesk.domain.kinds
    wing: str
    prisoner_id: str | None
    author_id: str
    author_name: str
    author_role: str
    occurred_at: str
    recorded_at: str
    body: dict[str, Any]
    sensitivity: str = "NORMAL"
    revision: int = 1
    day: str | None = None
    shift_id: str | None = None
    status: str = "ACTIVE"
    amendments: tuple[Amendment, ...] = field(default=())
    author_sig: bytes | None = None  # Ed25519 by the author over domain.authorship's statement; None before saving

    def content(self) -> dict[str, Any]:
        """The exact fields covered by the content hash and by countersignatures."""
        return {
            "id": self.id,
            "kind": str(self.kind),
            "revision": self.revision,
            "wing": self.wing,
            "prisoner_id": self.prisoner_id,
            "author_id": self.author_id,
            "author_role": self.author_role,
            "occurred_at": self.occurred_at,
            "recorded_at": self.recorded_at,
            "sensitivity": self.sensitivity,
            "day": self.day,
            "shift_id": self.shift_id,
            "body": self.body,
        }

    def content_sha256(self) -> str:
        return hashlib.sha256(canonical_bytes(self.content())).hexdigest()


@dataclass(frozen=True)
class Amendment:
    id: str
    record_id: str
    kind: AmendmentKind
    author_id: str
    author_name: str
    at: str
    text: str
    author_sig: bytes | None = None  # Ed25519 by the author over domain.authorship's statement

    def content_sha256(self) -> str:
        data = {"id": self.id, "record_id": self.record_id, "kind": str(self.kind), "author_id": self.author_id,
                "at": self.at, "text": self.text}
        return hashlib.sha256(canonical_bytes(data)).hexdigest()
