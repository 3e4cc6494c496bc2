"""SQL for the research facts (hq.research_derive) on either database: kept per record at its newest revision,
deleted with the record, read out for export and counted with small cells suppressed (hq.research_export)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from wingdesk.hq.repository import RowTuple
from wingdesk.hq.research_derive import Fact

COLUMNS = Fact._fields
_CHUNK = 500  # row keys per IN (...) list: under SQLite's 999 variables
_SQLITE_ROWS = 999 // len(COLUMNS)
_ROW_MARKS = "(" + ", ".join("?" * len(COLUMNS)) + ")"
_INSERT = f"INSERT INTO research_facts ({', '.join(COLUMNS)}) VALUES "


class ResearchSql:
    """Mixed into hq.sql_repository.SqlRepository (its `_conn`, `_pg`, `_rows`, `_exec`)."""

    _conn: Any
    _pg: bool
    _rows: Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]
    _exec: Callable[[str, tuple[Any, ...]], int]

    def research_revisions(self, row_keys: Sequence[str]) -> dict[str, int]:
        """row key -> the revision whose facts are kept, for the keys that have facts."""
        found: dict[str, int] = {}
        keys = sorted(set(row_keys))
        if self._pg and keys:  # one query over an array, not a statement per few hundred keys
            return {str(r[0]): int(r[1]) for r in self._conn.execute(
                "SELECT row_key, MAX(rev) FROM research_facts WHERE row_key = ANY(%s) GROUP BY row_key",
                (keys,)).fetchall()}
        for start in range(0, len(keys), _CHUNK):
            chunk = tuple(keys[start : start + _CHUNK])
            marks = ", ".join("?" * len(chunk))
            found.update((str(r[0]), int(r[1])) for r in self._rows(
                f"SELECT row_key, MAX(rev) FROM research_facts WHERE row_key IN ({marks}) GROUP BY row_key", chunk))
        return found

    def keep_research(self, facts: Sequence[tuple[Any, ...]]) -> int:
        """Store each record's facts (tuples of Fact's columns) when its revision is newer than the one kept (whose
        facts then go); a revision already kept, or older, changes nothing (the first copy of a revision wins, as in
        `records`). Returns the facts written."""
        if not facts:
            return 0
        newest: dict[str, int] = {}  # a bundle may carry several revisions of one record: its newest counts
        for fact in facts:
            if fact[1] > newest.get(fact[0], 0):
                newest[fact[0]] = fact[1]
        kept = self.research_revisions(list(newest))
        newer = [fact for fact in facts if fact[1] == newest[fact[0]] and fact[1] > kept.get(fact[0], 0)]
        self.delete_research(sorted({fact[0] for fact in newer if fact[0] in kept}))
        if self._pg:
            self._insert_pg(newer)
        else:
            self._insert_sqlite(newer)
        return len(newer)

    def _insert_sqlite(self, facts: list[tuple[Any, ...]]) -> None:
        """Multi-row INSERTs (one statement step per chunk, not per row: see SqlRepository's records)."""
        for start in range(0, len(facts), _SQLITE_ROWS):
            chunk = facts[start : start + _SQLITE_ROWS]
            self._conn.execute(_INSERT + ", ".join([_ROW_MARKS] * len(chunk)),
                               [value for fact in chunk for value in fact])

    def _insert_pg(self, facts: list[tuple[Any, ...]]) -> None:
        """COPY: adapting a dozen arrays of tens of thousands of values for one INSERT cost more than the insert."""
        if not facts:
            return
        with self._conn.cursor().copy(f"COPY research_facts ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for fact in facts:
                copy.write_row(fact)

    def delete_research(self, row_keys: Sequence[str]) -> int:
        deleted = 0
        for start in range(0, len(row_keys), _CHUNK):
            chunk = tuple(row_keys[start : start + _CHUNK])
            deleted += self._exec(f"DELETE FROM research_facts WHERE row_key IN ({', '.join('?' * len(chunk))})",
                                  chunk)
        return deleted

    def clear_research(self) -> int:
        return self._exec("DELETE FROM research_facts", ())

    def research_source(self, device_id: str, kinds: Sequence[str], after: str, limit: int) -> list[RowTuple]:
        """Stored lines of these kinds on one device, by record id after `after` (every revision of a record in
        the same page, so a page never splits one), as ingest's rows: (record id, rev, kind, hash, body)."""
        marks = ", ".join("?" * len(kinds))
        last = self._rows(f"SELECT record_id FROM records WHERE device_id = ? AND kind IN ({marks}) AND record_id > ? "
                          "ORDER BY record_id LIMIT 1 OFFSET ?", (device_id, *kinds, after, limit - 1))
        bound = " AND record_id <= ?" if last else ""
        rows = self._rows(f"SELECT record_id, rev, kind, content_hash, body FROM records WHERE device_id = ? AND "
                          f"kind IN ({marks}) AND record_id > ?{bound} ORDER BY record_id, rev",
                          (device_id, *kinds, after, *(last[0] if last else ())))
        return [(str(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4]).encode("utf-8")) for r in rows]

    def research_batches(self, columns: Sequence[str], size: int = 50_000) -> Iterator[list[tuple[Any, ...]]]:
        """Every fact, in the order stored, as lists of up to `size` tuples of `columns` (names from COLUMNS)."""
        if not set(columns) <= set(COLUMNS):
            raise ValueError("unknown research column")
        cursor = self._conn.cursor()
        cursor.execute(f"SELECT {', '.join(columns)} FROM research_facts")  # as stored: a sort of millions is slow
        while True:
            batch = cursor.fetchmany(size)
            if not batch:
                return
            yield batch

    def research_places(self) -> list[tuple[str, str]]:
        """The distinct (prison, wing) pairs of the facts."""
        return [(str(r[0]), str(r[1])) for r in self._rows("SELECT DISTINCT prison, wing FROM research_facts", ())]

    def research_counts(self, measure: str, group_by: Sequence[str]) -> list[tuple[tuple[str, ...], int]]:
        """(group values, distinct subjects) of one measure's facts, grouped by columns of COLUMNS (unsuppressed:
        hq.research_export.counts suppresses the small cells)."""
        if not set(group_by) <= set(COLUMNS):
            raise ValueError("unknown research column")
        columns = ", ".join(group_by)
        rows = self._rows(
            f"SELECT {columns}, COUNT(DISTINCT CASE WHEN subject = '' THEN row_key ELSE subject END) "
            f"FROM research_facts WHERE measure = ? GROUP BY {columns} ORDER BY {columns}", (measure,))
        return [(tuple(str(v) for v in row[:-1]), int(row[-1])) for row in rows]
