"""The prison/wing hierarchy HQ publishes (issue 17 item 3, docs/publishing.md "The prison/wing hierarchy"): its
prisons, their wings and which enrolled PC serves which wing, as one signed document per revision.

A revision is checked exactly as a wing checks it (domain.hierarchy.parse) and against the revision published
before it (domain.hierarchy.changes: nothing left out, no closed code reused, no wing moved) before anything is
signed; it is published through hq.publishing (kind `hierarchy`, one record id, rev = the revision), so every
wing's next HQ→wing bundle carries the newest revision once. What HQ published is read back from the signed file
queued for the wings, never from anything else."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wingdesk.crypto import signing
from wingdesk.domain.hierarchy.changes import Change, changes, check_continues
from wingdesk.domain.hierarchy.model import Hierarchy, HierarchyError
from wingdesk.domain.hierarchy.parse import MAX_BYTES, WRAPPER, document, loads, parse_hierarchy
from wingdesk.domain.instruments.signed_file import read_signed
from wingdesk.hq.signed_files import signed_file

KIND = "hierarchy"
ITEM_ID = "prisons"  # the one hierarchy of the service (publications.item_id)


def sign_hierarchy(data: bytes, sign_private: bytes, now: datetime) -> tuple[Hierarchy, bytes]:
    """(the validated hierarchy, the signed file's bytes); HierarchyError when the document is refused."""
    raw = loads(data)
    hierarchy = parse_hierarchy(raw)
    return hierarchy, signed_file(raw, sign_private, now, signing.HIERARCHY_PREFIX, WRAPPER)


def _newest_row(repo: Any) -> tuple[int, str, str] | None:
    """(revision, record id, SHA-256 of the signed file) of the newest published revision; publications is small and
    keyed by kind and id."""
    row = repo._one("SELECT version, record_id, sha256 FROM publications WHERE kind = ? AND item_id = ? "
                    "ORDER BY version DESC LIMIT 1", (KIND, ITEM_ID))
    return (int(row[0]), str(row[1]), str(row[2])) if row else None


def _read(repo: Any, newest: tuple[int, str, str]) -> Hierarchy | None:
    row = repo._one("SELECT body FROM reference_items WHERE record_id = ? AND rev = ?", (newest[1], newest[0]))
    if row is None:
        return None
    try:
        data = base64.b64decode(json.loads(row[0])["file"], validate=True)
        return parse_hierarchy(read_signed(data, WRAPPER, MAX_BYTES, KIND, HierarchyError).definition)
    except (ValueError, KeyError, TypeError, HierarchyError):  # HQ queued only what it checked: never expected
        return None


def current_in(repo: Any) -> Hierarchy | None:
    """The newest revision published (inside a transaction), or None before the first."""
    newest = _newest_row(repo)
    return _read(repo, newest) if newest is not None else None


def current(store: Any) -> Hierarchy | None:
    with store.transaction(write=False) as repo:
        return current_in(repo)


@dataclass(frozen=True)
class HierarchyPreview:
    hierarchy: Hierarchy
    newest: int | None  # the revision published now, if any
    changes: tuple[Change, ...]
    sha256: str  # of the document as it will be signed: the publish form names it
    size: int
    data: bytes  # the document (for a signed upload: the definition inside it)


def preview(store: Any, data: bytes, hq_sign_public: bytes) -> HierarchyPreview:
    """The upload checked as a wing checks it and against the newest published revision; HierarchyError (one
    sentence) if refused, hq.publishing.PublishRefused("not_this_hq") for a signed file another key signed."""
    from wingdesk.hq.publishing import unwrap  # publishing signs through this module

    data = unwrap(KIND, data, hq_sign_public)
    hierarchy = parse_hierarchy(loads(data))
    before = current(store)
    check_continues(before, hierarchy)
    return HierarchyPreview(hierarchy, before.revision if before else None, tuple(changes(before, hierarchy)),
                            hashlib.sha256(data).hexdigest(), len(data), data)


def draft(store: Any) -> str:
    """The text the console's edit box starts from: the newest revision as the next one, or a first example."""
    before = current(store)
    if before is None:
        text = {"format": 1, "revision": 1,
                "prisons": [{"code": "PRISON_CODE", "name": "Official name of the prison", "kind": "closed"}],
                "wings": [{"code": "WING_CODE", "prison": "PRISON_CODE", "name": "Name of the wing", "capacity": 40,
                           "units": [], "devices": []}]}
    else:
        text = document(before)
        text["revision"] = before.revision + 1
    return json.dumps(text, ensure_ascii=False, indent=2)


def titles(hierarchy: Hierarchy) -> dict[str, str]:
    """The publication's title (the list of publications shows it): its open prisons' codes."""
    shown = ", ".join(p.code for p in hierarchy.prisons if p.closed is None)[:200]
    return {"en": shown or "-"}


# research (hq.research_ingest): the (prison code, wing code) of each PC in the newest revision, read once per
# revision and process; each bundle asks only which revision is the newest (one row of the small publications table)
_CODES: dict[str, dict[str, tuple[str, str]]] = {}  # by the signed file's SHA-256
_CODES_LOCK = threading.Lock()


def codes_by_device(repo: Any) -> dict[str, tuple[str, str]]:
    """device id -> (prison code, wing code) of the open wing it serves, in the newest published revision; {} before
    the first."""
    newest = _newest_row(repo)
    if newest is None:
        return {}
    with _CODES_LOCK:
        found = _CODES.get(newest[2])
    if found is None:
        hierarchy = _read(repo, newest)
        found = {} if hierarchy is None else {d: (p.prison_code, p.wing_code) for d, p in hierarchy.places().items()}
        with _CODES_LOCK:
            _CODES.clear()
            _CODES[newest[2]] = found
    return found
