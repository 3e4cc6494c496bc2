"""SQL for the research facts (hq.research_derive) on either database: kept per record at its newest revision,
deleted with the record, read out for export and counted with small cells suppressed (hq.research_export)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from wingdesk.hq.research_derive import Fact

COLUMNS = Fact._fields
_CHUNK = 500  # row keys per IN (...) list: under SQLite's 999 variables


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
        for start in range(0, len(keys), _CHUNK):
            chunk = tuple(keys[start : start + _CHUNK])
            marks = ", ".join("?" * len(chunk))
            found.update((str(r[0]), int(r[1])) for r in self._rows(
                f"SELECT row_key, MAX(rev) FROM research_facts WHERE row_key IN ({marks}) GROUP BY row_key", chunk))
        return found

    def keep_research(self, facts: list[Fact]) -> int:
        """Store each record's facts when its revision is newer than the one kept (whose facts then go); a revision
        already kept, or older, changes nothing (the first copy of a revision wins, as in `records`). Returns the
        facts written."""
        if not facts:
            return 0
        newest: dict[str, int] = {}  # a bundle may carry several revisions of one record: its newest counts
        for fact in facts:
            if fact.rev > newest.get(fact.row_key, 0):
                newest[fact.row_key] = fact.rev
        kept = self.research_revisions(list(newest))
        newer = [fact for fact in facts if fact.rev == newest[fact.row_key] and fact.rev > kept.get(fact.row_key, 0)]
        replaced = sorted({fact.row_key for fact in newer if fact.row_key in kept})
        self.delete_research(replaced)
        if newer:
            marks = ", ".join("?" * len(COLUMNS))
            sql = f"INSERT INTO research_facts ({', '.join(COLUMNS)}) VALUES ({marks})"
            self._conn.cursor().executemany(sql.replace("?", "%s") if self._pg else sql, newer)
        return len(newer)

    def delete_research(self, row_keys: Sequence[str]) -> int:
        deleted = 0
        for start in range(0, len(row_keys), _CHUNK):
            chunk = tuple(row_keys[start : start + _CHUNK])
            deleted += self._exec(f"DELETE FROM research_facts WHERE row_key IN ({', '.join('?' * len(chunk))})",
                                  chunk)
        return deleted

    def research_cursor(self, columns: Sequence[str]) -> Iterator[tuple[Any, ...]]:
        """Every fact, in a stable order, as tuples of `columns` (names from COLUMNS only)."""
        if not set(columns) <= set(COLUMNS):
            raise ValueError("unknown research column")
        cursor = self._conn.cursor()
        cursor.execute(f"SELECT {', '.join(columns)} FROM research_facts ORDER BY prison, wing, month, row_key, "
                       "measure, part, value, subject")
        while True:
            batch = cursor.fetchmany(10_000)
            if not batch:
                return
            yield from batch

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
