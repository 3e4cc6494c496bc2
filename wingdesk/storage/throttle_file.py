"""Failed-login counters kept beside the database (readable before unlock) so they survive restarts.

Anyone with file access can delete, rewind or edit this file, and nothing written before unlock can carry a secret.
So the file is anchored in the (encrypted) database instead: each time the database is open (a sign-in, an unlock)
the counts are written as an *anchor* — sequence number plus an HMAC under a key kept only in the database — and
its sequence goes into the database too. Failures before the next unlock are appended as events, hash-chained onto
the anchor's MAC. At the next sign-in `verify` reports a file that is missing, damaged, older than the database's
anchor, MAC-broken or with a broken event chain (security.md §2.9; the caller audits it and holds accounts).
Left as a known limit: dropping the newest events, or restoring an exact copy made since the last sign-in.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
from pathlib import Path
from typing import Any

from wingdesk.config.files import atomic_write
from wingdesk.domain.errors import StoreError

FORMAT = "wingdesk-logins/2"
MAX_FILE = 4 * 1024 * 1024
MAX_REFUSALS_QUEUED = 1000  # refused attempts cost no KDF: past this only real failures are still queued

Doc = dict[str, Any]


def _packed(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _link(prev: str, event: dict[str, Any]) -> str:
    body = {k: v for k, v in event.items() if k != "chain"}
    return hashlib.sha256(bytes.fromhex(prev) + _packed(body)).hexdigest()


def anchor_mac(key: bytes, db_uuid: str, epoch: str, seq: int, failures: dict[str, Any]) -> str:
    return hmac.new(key, b"wingdesk/logins/v2\x00" + _packed([db_uuid, epoch, seq, failures]),
                    hashlib.sha256).hexdigest()


def _empty(found: str = "") -> Doc:
    """A file with no anchor; `found` says why one is being started (missing / damaged) for the next check."""
    doc: Doc = {"format": FORMAT, "epoch": "", "seq": 0, "failures": {}, "mac": "", "events": []}
    if found:
        doc["found"] = found
    return doc


def _from_v1(data: dict[str, Any]) -> Doc:
    """A file written before anchoring: its counts become an unanchored base (accepted once, for old wings)."""
    doc = _empty()
    doc["failures"] = {str(k): {"count": int(v.get("count", 0)), "last": float(v.get("last", 0.0))}
                       for k, v in data["failures"].items() if isinstance(v, dict)}
    doc["legacy"] = True
    for item in data.get("pending", []):
        if isinstance(item, dict):
            _append(doc, {"user": str(item.get("user", "?")), "event": str(item.get("event", "login_failed")),
                          "time": str(item.get("time", "")), "at": 0.0, "n": 0})  # counted in "failures"
    return doc


def _append(doc: Doc, event: dict[str, Any]) -> None:
    events = doc["events"]
    prev = events[-1]["chain"] if events else (doc["mac"] or "00")
    event = dict(event, seq=(events[-1]["seq"] if events else doc["seq"]) + 1)
    event["chain"] = _link(prev, event)
    events.append(event)


def _replay(doc: Doc) -> dict[str, dict[str, float]]:
    counts = {name: dict(entry) for name, entry in doc["failures"].items()}
    for event in doc["events"]:
        if event.get("event") == "login_failed" and event.get("n", 1) == 1:  # n=0: already in the anchor's counts
            entry = counts.setdefault(event["user"], {"count": 0, "last": 0.0})
            entry["count"] = int(entry["count"]) + 1
            entry["last"] = float(event.get("at", 0.0))
    return counts


class ThrottleFile:
    """{"format", "epoch", "seq", "failures", "mac", "events"} — counts and names, no secrets inside."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> tuple[Doc | None, str]:
        """The document and "" — or None and why not: "missing" or "damaged"."""
        try:
            if self.path.stat().st_size > MAX_FILE:
                return None, "damaged"
            data = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return None, "missing"
        except (ValueError, OSError):
            return None, "damaged"
        try:
            if isinstance(data, dict) and data.get("format") == FORMAT:
                doc = {k: data[k] for k in ("epoch", "seq", "failures", "mac", "events")}
                doc.update({k: data[k] for k in ("found", "legacy") if k in data}, format=FORMAT)
                _replay(doc)  # shape check
                return doc, ""
            if isinstance(data, dict) and isinstance(data.get("failures"), dict) and "format" not in data:
                return _from_v1(data), ""
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
        return None, "damaged"

    def _load(self) -> Doc:
        doc, why = self._read()
        return doc if doc is not None else _empty(why)

    def _save(self, doc: Doc) -> None:
        try:
            atomic_write(self.path, json.dumps(doc, sort_keys=True).encode("utf-8"))
            if os.name == "posix":
                os.chmod(self.path, 0o600)
        except OSError as error:  # e.g. a full disk: the sign-in says so instead of failing with a traceback
            raise StoreError.from_failed_write(error) from None

    # --- before unlock: counts and a queue of events -------------------------------------------------------
    def failures(self, username: str) -> tuple[int, float]:
        entry = _replay(self._load()).get(username.casefold(), {})
        return int(entry.get("count", 0)), float(entry.get("last", 0.0))

    def record(self, username: str, event: str, when_iso: str) -> int:
        doc = self._load()
        name = username.casefold()
        if event == "login_failed" or len(doc["events"]) < MAX_REFUSALS_QUEUED:
            _append(doc, {"user": name, "event": event, "time": when_iso,
                          "at": time.time() if event == "login_failed" else 0.0})
            self._save(doc)
        return int(_replay(doc).get(name, {}).get("count", 0))

    def pending(self) -> list[dict[str, str]]:
        return [{"user": e["user"], "event": e["event"], "time": e["time"]} for e in self._load()["events"]]

    # --- with the database open: check against its anchor, write a new one --------------------------------
    def verify(self, key: bytes, db_uuid: str, anchor: tuple[str, int] | None) -> str | None:
        """None when the file follows from the database's anchor; else what is wrong with it."""
        if anchor is None:
            return None  # a new wing, or one from before anchoring: nothing to hold the file against yet
        doc, why = self._read()
        if doc is None:
            return why
        if doc.get("found"):
            return str(doc["found"])
        if doc.get("legacy"):
            return "edited"
        if not doc["mac"]:
            return "missing"
        if not hmac.compare_digest(doc["mac"], anchor_mac(key, db_uuid, doc["epoch"], doc["seq"], doc["failures"])):
            return "edited"
        if doc["epoch"] != anchor[0] or int(doc["seq"]) < anchor[1]:
            return "rewound"  # a later anchor (seq above) is a write whose database update a crash cut off
        prev, seq = doc["mac"], int(doc["seq"])
        for event in doc["events"]:
            if event.get("seq") != seq + 1 or event.get("chain") != _link(prev, event):
                return "edited"
            prev, seq = event["chain"], seq + 1
        return None

    def seal(self, key: bytes, db_uuid: str, *, epoch: str | None = None, forget: str | None = None,
             take_events: bool = False, trust_counts: bool = True) -> tuple[tuple[str, int], list[dict[str, str]]]:
        """Write a new anchor; returns it (for the database) and the events taken out of the queue.

        `forget` clears one name's count; `take_events` empties the queue (its events go to the audit log);
        `trust_counts=False` (after tampering) keeps no count from the file, since none can be believed.
        """
        doc, _ = self._read()
        doc = doc or _empty()
        counts = _replay(doc) if trust_counts else {}
        if forget is not None:
            counts.pop(forget.casefold(), None)
        events = doc["events"]
        last_seq = events[-1]["seq"] if events else doc["seq"]
        new: Doc = {"format": FORMAT, "epoch": epoch or doc["epoch"] or os.urandom(16).hex(),
                    "seq": int(last_seq) + 1, "failures": counts, "events": []}
        new["mac"] = anchor_mac(key, db_uuid, new["epoch"], new["seq"], counts)
        kept = [] if take_events else [dict(user=e["user"], event=e["event"], time=e["time"], at=e["at"], n=0)
                                       for e in events]
        for event in kept:
            _append(new, event)
        self._save(new)
        taken = [{"user": e["user"], "event": e["event"], "time": e["time"]} for e in events] if take_events else []
        return (new["epoch"], new["seq"]), taken
