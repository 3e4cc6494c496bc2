"""SQL for subject access at HQ (issue 19 item 3, hq.subject_access): every stored line about one prisoner.

A wing sends each record revision with the prison number of the prisoner it is about (sync.wing_records); HQ
stores the line's body as its RFC 8785 text, so the number appears in it exactly as `"prisoner_number":"…"`. The
lines are found by that text (a scan: HQ keeps no index by prisoner, which would cost every ingest for a rare
request) and each one is checked again by the caller after parsing. Amendments are their own lines, found by the
ids of the records they belong to. Roster events HQ queued for the wings name the prisoner by number too.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from typing import Any

import orjson

from wingdesk.sync.strict_json import canonical

# (record id, rev, kind, device id, the device's wing name, body as UTF-8)
PrisonerLine = tuple[str, int, str, str, str, bytes]
# (item id, device id or "" for every device, the device's wing name or "", body JSON text, created at)
RosterLine = tuple[str, str, str, str, str]


class SubjectRows:
    """Mixed into hq.sql_repository.SqlRepository (it provides _rows and _pg)."""

    _rows: Callable[..., list[tuple[Any, ...]]]
    _pg: bool

    def _contains(self) -> str:
        return "strpos(body, ?) > 0" if self._pg else "instr(body, ?) > 0"

    def prisoner_lines(self, number: str) -> list[PrisonerLine]:
        """Every stored record revision whose line names this prison number (every device, every revision)."""
        needle = b'"prisoner_number":' + canonical(number)
        rows = self._rows("SELECT r.record_id, r.rev, r.kind, r.device_id, d.wing_name, r.body FROM records r "
                          f"JOIN devices d ON d.device_id = r.device_id WHERE {self._contains()} "
                          "ORDER BY r.record_id, r.rev", (needle.decode("utf-8"),))
        return [(str(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]).encode("utf-8")) for r in rows]

    def amendment_lines(self, record_ids: Collection[str]) -> list[dict[str, Any]]:
        """The amendment lines (corrections, comments, withholding decisions) on these records, as parsed bodies."""
        if not record_ids:
            return []
        wanted = set(record_ids)
        found: list[dict[str, Any]] = []
        for (body,) in self._rows("SELECT body FROM records WHERE kind = 'amendment'"):
            try:
                parsed = orjson.loads(body)
            except orjson.JSONDecodeError:
                continue
            if isinstance(parsed, dict) and parsed.get("record_id") in wanted:
                found.append(parsed)
        return found

    def roster_lines(self, number: str) -> list[RosterLine]:
        """Roster events HQ queued that may name this prison number (the caller checks the parsed body)."""
        needle = '"number":' + json.dumps(number, ensure_ascii=False)
        rows = self._rows("SELECT i.record_id, i.device_id, COALESCE(d.wing_name, ''), i.body, i.created_at "
                          "FROM reference_items i LEFT JOIN devices d ON d.device_id = i.device_id "
                          f"WHERE i.kind = 'roster' AND {self._contains().replace('body', 'i.body')} "
                          "ORDER BY i.created_at, i.record_id", (needle,))
        return [(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows]
