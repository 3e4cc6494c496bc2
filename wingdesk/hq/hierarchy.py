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


def draft(before: Hierarchy | None) -> str:
    """The text the console's edit box starts from: the newest revision (`before`, hq.hierarchy.current) as the next
    one, or a first example."""
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


# one change at a time from the console's small forms (hq.console.hierarchy_pages): the next revision's document,
# checked afterwards exactly as an uploaded one
EDITS = ("prison", "wing", "assign", "close")


def _entry(doc: dict[str, Any], code: str) -> tuple[str, dict[str, Any]] | None:
    for level in ("prisons", "wings"):
        found = next((e for e in doc[level] if e.get("code") == code), None)
        if found is not None:
            return level, found
    return None


def _capacity(text: str) -> Any:
    """The capacity typed: none when empty, the number when it is one, else the text (the parser refuses it)."""
    text = text.strip()
    return None if not text else int(text) if text.isascii() and text.isdigit() and len(text) < 10 else text


def edited(store: Any, action: str, fields: dict[str, Any]) -> bytes:
    """The document of the next revision: the revision in force (or none) with one change, from the console's forms:
    `prison` (code, name, kind) and `wing` (code, prison, name, capacity, units) add or change one; `assign` puts
    the PC `device` on the wing `wing` ("" takes it off every wing); `close` closes the prison or wing `code` on the
    day `on` for `reason` (a prison's open wings close with it, and a closed wing keeps no PC). HierarchyError for
    an unknown edit or code; the result is checked by the caller as an upload is."""
    before = current(store)
    doc: dict[str, Any] = (document(before) if before is not None else
                           {"format": 1, "revision": 0, "prisons": [], "wings": []})
    doc["revision"] += 1
    entry: dict[str, Any]

    def text(name: str) -> str:
        return str(fields.get(name, "")).strip()

    if action == "prison":
        entry = {"code": text("code"), "name": text("name"), **({"kind": text("kind")} if text("kind") else {})}
        held = next((p for p in doc["prisons"] if p["code"] == entry["code"]), None)
        if held is None:
            doc["prisons"].append(entry)
        else:
            held.pop("kind", None)
            held.update(entry)
    elif action == "wing":
        units = [str(u) for u in fields.get("units", [])]
        entry = {"code": text("code"), "prison": text("prison"), "name": text("name"),
                 **({"capacity": c} if (c := _capacity(text("capacity"))) is not None else {}),
                 **({"units": units} if units else {})}
        held = next((w for w in doc["wings"] if w["code"] == entry["code"]), None)
        if held is None:
            doc["wings"].append(entry)
        else:
            for name in ("capacity", "units"):
                held.pop(name, None)
            held.update(entry)
    elif action == "assign":
        device, wing = text("device"), text("wing")
        for held in doc["wings"]:
            kept = [d for d in held.pop("devices", []) if d != device]
            if kept:
                held["devices"] = kept
        if wing:
            found = _entry(doc, wing)
            if found is None or found[0] != "wings":
                raise HierarchyError("hierarchy_unknown_code")
            found[1]["devices"] = [*found[1].get("devices", []), device]
    elif action == "close":
        found = _entry(doc, text("code"))
        if found is None:
            raise HierarchyError("hierarchy_unknown_code")
        closure = {"on": text("on"), "reason": text("reason")}
        level, entry = found
        closing = [entry] + ([w for w in doc["wings"] if w["prison"] == entry["code"] and "closed" not in w]
                             if level == "prisons" else [])
        for item in closing:
            item["closed"] = dict(closure)
            item.pop("devices", None)
    else:
        raise HierarchyError("hierarchy_malformed")
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
