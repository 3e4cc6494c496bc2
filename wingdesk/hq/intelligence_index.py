"""What HQ security's pages read without opening record bodies (issue 17 item 5): for each intelligence report its
newest revision's coded fields (grade, handling code, subject, month, how many prisoners it links) and the people
it links, plus the prison number each wing's lines give a prisoner id. Kept in the same transaction as ingest
stores the lines, gone with a record an administrator deleted, and rebuilt from the lines HQ holds when the tables
are new (`rebuild_intelligence`).

The report's text stays in `records`: the report page reads that one line. A revision that should not have left
the wing (not graded, or C-coded without the security officer's release: domain.kinds.intelligence.travels) is
kept with `shown` 0 and no page lists it: HQ respects the handling code even when a wing did not."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

import orjson

from wingdesk.domain.associations import people_of
from wingdesk.domain.kinds.intelligence import travels
from wingdesk.hq.repository import HqRepository, HqStore, RowTuple
from wingdesk.hq.tombstones import TombstoneCheck

KIND = "intelligence_report"
INDEX_VERSION = "1"
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])", re.ASCII)
_NUMBER_KEY = b'"prisoner_number":"'
_PRISONER_KEY = b'"prisoner_id":'
_MAX_ID = 64
_HEAD, _TAIL = 512, 512  # where the two keys lie in an ordinary line (only scalars are around them)
_MAX_NUMBER = 40


class IntelRow(NamedTuple):
    """One row of `intel_reports` (its column order)."""

    record_id: str
    rev: int
    device_id: str
    wing: str
    occurred_at: str
    month: str
    subject: str
    source_evaluation: str
    assessment: str
    handling_code: str
    linked_count: int
    shown: int


def _text(value: Any, limit: int = 120) -> str:
    return value[:limit] if isinstance(value, str) else ""


def report_of(device_id: str, row: RowTuple) -> tuple[IntelRow, list[str]] | None:
    """The index row of one stored intelligence report line and the prisoner ids it links (subject first), or
    None for a line that is not a report's record line."""
    if row[2] != KIND:
        return None
    try:
        line = orjson.loads(row[4])
    except orjson.JSONDecodeError:
        return None
    record = line.get("record") if isinstance(line, dict) else None
    body = record.get("body") if isinstance(record, dict) else None
    if not isinstance(body, dict):
        return None
    occurred = _text(record.get("occurred_at"), 40)  # type: ignore[union-attr]
    month = occurred[:7] if _MONTH.fullmatch(occurred[:7]) else ""
    subject = record.get("prisoner_id")  # type: ignore[union-attr]
    linked = body.get("linked_prisoners")
    people = [p for p in people_of(subject if isinstance(subject, str) else None,
                                   {"linked_prisoners": [p for p in linked if isinstance(p, str)]
                                    if isinstance(linked, list) else []}) if 0 < len(p) <= _MAX_ID]
    shown = 1 if travels(body) else 0
    return IntelRow(row[0], row[1], device_id, _text(record.get("wing")), occurred,  # type: ignore[union-attr]
                    month, _text(body.get("subject"), 40), _text(body.get("source_evaluation"), 10),
                    _text(body.get("assessment"), 10), _text(body.get("handling_code"), 10),
                    len(linked) if isinstance(linked, list) else 0, shown), people


def numbers_of(rows: Iterable[RowTuple]) -> dict[str, str]:
    """prisoner id -> prison number of the record lines among `rows`, read from their canonical bytes without
    parsing them: the envelope's `prisoner_number` is the first such key (it sorts before `record`; a string
    cannot hold an unescaped quote) and the record's own `prisoner_id` the last (only `recorded_at`, `revision`,
    `sensitivity`, `shift_id`, `wing` and `status`, which hold no object, follow it)."""
    found: dict[str, str] = {}
    for row in rows:
        data = row[4]
        start = data.find(_NUMBER_KEY, 0, _HEAD)
        if start < 0:
            start = data.find(_NUMBER_KEY)  # a long author name: the key lies further in
            if start < 0:
                continue
        start += len(_NUMBER_KEY)
        end = data.find(b'"', start)
        at = data.rfind(_PRISONER_KEY, max(0, len(data) - _TAIL))  # the last one, if it lies this near the end
        if at < 0:
            at = data.rfind(_PRISONER_KEY)
        if end < 0 or at < 0 or data[at + len(_PRISONER_KEY) : at + len(_PRISONER_KEY) + 1] != b'"':
            continue
        id_start = at + len(_PRISONER_KEY) + 1
        id_end = data.find(b'"', id_start)
        number, prisoner = data[start:end], data[id_start:id_end]
        if b"\\" in number or b"\\" in prisoner or not 0 < len(number) <= _MAX_NUMBER \
                or not 0 < len(prisoner) <= _MAX_ID:
            continue
        found[prisoner.decode("utf-8", "replace")] = number.decode("utf-8", "replace")
    return found


def keep_intelligence(repo: HqRepository, device_id: str, stones: TombstoneCheck,
                      numbers: dict[str, str] | None = None) -> None:
    """In ingest's write unit, before the tombstones of this bundle delete their lines: forget the reports they
    bury and the prison numbers of prisoners no other line of the device names any more, then index the kept
    lines (which give a number back if they name the prisoner). `numbers`: `numbers_of` the kept lines, when the
    bundle's reader worked it out ahead (hq.contents), out of the single writer."""
    buried = sorted({item for stone in stones.buried for item in stone.items})
    if buried:
        repo.delete_intel(device_id, buried)
        named = numbers_of(repo.lines_of(device_id, buried))
        repo.forget_numbers(device_id, sorted(named), buried)
    index(repo, device_id, stones.kept, numbers)


def index(repo: HqRepository, device_id: str, rows: list[RowTuple], numbers: dict[str, str] | None = None) -> None:
    newest: dict[str, tuple[IntelRow, list[str]]] = {}
    for row in rows:
        if row[2] == KIND:
            found = report_of(device_id, row)
            held = newest.get(row[0])
            if found is not None and (held is None or found[0].rev > held[0].rev):
                newest[row[0]] = found
    if newest:
        repo.keep_intel(list(newest.values()))
    numbers = numbers_of(rows) if numbers is None else numbers
    if numbers:
        repo.keep_numbers(device_id, numbers)


def rebuild_intelligence(store: HqStore, page: int = 5000) -> None:
    """Index every line HQ holds (stores made before these tables existed), once: `meta` then says so."""
    with store.transaction(write=False) as repo:
        if repo.meta_value("intel_index") == INDEX_VERSION:
            return
        devices = [d.device_id for d in repo.list_devices()]
    for device_id in devices:
        after = ""
        while True:
            with store.transaction(write=False) as repo:
                rows = repo.device_lines(device_id, after, page)
            if not rows:
                break
            store.write(lambda repo, rows=rows, device_id=device_id: index(repo, device_id, rows))  # type: ignore[misc]
            after = rows[-1][0]
    store.write(lambda repo: repo.set_meta("intel_index", INDEX_VERSION))
