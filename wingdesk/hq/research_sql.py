"""SQL for the research facts (hq.research_derive) on either database: kept per record at its newest revision,
deleted with the record, read out for export and counted with small cells suppressed (hq.research_export)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

from wingdesk.hq.repository import RowTuple
from wingdesk.hq.research_derive import Fact

COLUMNS = Fact._fields
# research_facts' columns: a fact, its record's number in research_records and its own within the record
STORED = (*COLUMNS, "record_no", "fact_no")
_CHUNK = 500  # row keys per IN (...) list: under SQLite's 999 variables
_MEASURE = re.compile(r"[a-z_]{1,40}", re.ASCII)
_RECORD = itemgetter(0, 1)  # a fact's (row key, revision)
_INSERT = f"INSERT INTO research_facts ({', '.join(STORED)}) VALUES "


def _key(row_key: str) -> bytes:
    """A row key (32 hex digits in facts and exports) as research_records holds it: 16 bytes."""
    return bytes.fromhex(row_key)


class ResearchSql:
    """Mixed into hq.sql_repository.SqlRepository (its `_conn`, `_pg`, `_rows`, `_exec`)."""

    _conn: Any
    _pg: bool
    _rows: Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]
    _exec: Callable[[str, tuple[Any, ...]], int]

    def research_records(self, row_keys: Sequence[str]) -> dict[str, tuple[int, int]]:
        """row key -> (its number, the revision whose facts are kept), for the keys that have facts."""
        keys = sorted({_key(key) for key in row_keys})
        if self._pg and keys:  # one query over an array, not a statement per few hundred keys
            rows = self._conn.execute("SELECT row_key, record_no, rev FROM research_records WHERE row_key = ANY(%s)",
                                      (keys,)).fetchall()
        else:
            rows = []
            for start in range(0, len(keys), _CHUNK):
                chunk = tuple(keys[start : start + _CHUNK])
                rows += self._rows("SELECT row_key, record_no, rev FROM research_records WHERE row_key IN "
                                   f"({', '.join('?' * len(chunk))})", chunk)
        return {bytes(r[0]).hex(): (int(r[1]), int(r[2])) for r in rows}

    def keep_research(self, facts: Sequence[tuple[Any, ...]]) -> int:
        """Store each record's facts (tuples of Fact's columns) when its revision is newer than the one kept (whose
        facts then go); a revision already kept, or older, changes nothing (the first copy of a revision wins, as in
        `records`). Returns the facts written."""
        if not facts:
            return 0
        # a record's facts come together, a (row key, revision) at a time: the work below is per record, not fact
        groups = [(key, list(group)) for key, group in groupby(facts, key=_RECORD)]
        newest: dict[str, int] = {}  # a bundle may carry several revisions of one record: its newest counts
        for (key, rev), _ in groups:
            if rev > newest.get(key, 0):
                newest[key] = rev
        kept = self.research_records(list(newest))
        chosen: dict[str, list[tuple[Any, ...]]] = {}  # row key -> the facts of its newest revision, first copy
        for (key, rev), group in groups:
            if rev == newest[key] and rev > kept.get(key, (0, 0))[1] and key not in chosen:
                chosen[key] = group
        numbers = {key: kept[key][0] for key in chosen if key in kept}
        if numbers:  # a newer revision of a record with facts: its facts go, its number stays
            self._delete_facts(sorted(numbers.values()))
            for key, number in numbers.items():
                self._exec("UPDATE research_records SET rev = ? WHERE record_no = ?", (newest[key], number))
        fresh = [key for key in chosen if key not in numbers]
        numbers.update(zip(fresh, self._numbers(len(fresh)), strict=True))
        records = [(numbers[key], _key(key), newest[key]) for key in fresh]
        stored = [(*fact, number, made) for key, group in chosen.items()
                  for number in (numbers[key],) for made, fact in enumerate(group, 1)]
        if self._pg:
            self._copy_pg("research_records (record_no, row_key, rev)", records)
            self._copy_pg(f"research_facts ({', '.join(STORED)})", stored)
        else:
            self._insert_sqlite("INSERT INTO research_records (record_no, row_key, rev) VALUES ", records)
            self._insert_sqlite(_INSERT, stored)
        return len(stored)

    def _numbers(self, count: int) -> list[int]:
        """`count` new record numbers, rising (SQLite: after the highest, under the write lock every SQLite write
        transaction takes; PostgreSQL: from a sequence, as writers there may run side by side)."""
        if not count:
            return []
        if self._pg:
            return [int(r[0]) for r in self._conn.execute(
                "SELECT nextval('research_record_no') FROM generate_series(1, %s)", (count,)).fetchall()]
        top = int(self._rows("SELECT COALESCE(MAX(record_no), 0) FROM research_records", ())[0][0])
        return list(range(top + 1, top + 1 + count))

    def _insert_sqlite(self, insert: str, rows: list[tuple[Any, ...]]) -> None:
        """Multi-row INSERTs (one statement step per chunk, not per row: see SqlRepository's records)."""
        if not rows:
            return
        per = 999 // len(rows[0])
        marks = "(" + ", ".join("?" * len(rows[0])) + ")"
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            self._conn.execute(insert + ", ".join([marks] * len(chunk)), [value for row in chunk for value in row])

    def _copy_pg(self, target: str, rows: list[tuple[Any, ...]]) -> None:
        """COPY: adapting a dozen arrays of tens of thousands of values for one INSERT cost more than the insert."""
        if not rows:
            return
        with self._conn.cursor().copy(f"COPY {target} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _delete_facts(self, numbers: Sequence[int]) -> int:
        deleted = 0
        for start in range(0, len(numbers), _CHUNK):
            chunk = tuple(numbers[start : start + _CHUNK])
            deleted += self._exec(f"DELETE FROM research_facts WHERE record_no IN ({', '.join('?' * len(chunk))})",
                                  chunk)
        return deleted

    def delete_research(self, row_keys: Sequence[str]) -> int:
        """Forget these records' facts and their numbers; returns the facts deleted."""
        numbers = sorted(number for number, _ in self.research_records(row_keys).values())
        deleted = self._delete_facts(numbers)
        for start in range(0, len(numbers), _CHUNK):
            chunk = tuple(numbers[start : start + _CHUNK])
            self._exec(f"DELETE FROM research_records WHERE record_no IN ({', '.join('?' * len(chunk))})", chunk)
        return deleted

    def clear_research(self) -> int:
        deleted = self._exec("DELETE FROM research_facts", ())
        self._exec("DELETE FROM research_records", ())
        return deleted

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

    def research_csv(self, columns: Sequence[str], formula_start: Sequence[str] | None,
                     counted: list[int]) -> Iterator[bytes] | None:
        """PostgreSQL: every fact as CSV rows (no header) written by the server itself (COPY ... TO STDOUT), in the
        blocks it sends; then `counted` holds the number of rows. None on SQLite (`research_batches` instead).
        `formula_start`: a text cell starting with one of these gets a leading apostrophe (as
        hq.research_export._safe does), in the query."""
        if not self._pg:
            return None
        if not set(columns) <= set(COLUMNS):
            raise ValueError("unknown research column")
        return self._copy_csv(columns, formula_start, counted)

    def _copy_csv(self, columns: Sequence[str], formula_start: Sequence[str] | None,
                  counted: list[int]) -> Iterator[bytes]:
        if formula_start:
            starts = ", ".join(f"chr({ord(char)})" for char in formula_start)  # one character each
            cells = [column if column == "number" else
                     f"CASE WHEN left({column}, 1) IN ({starts}) THEN chr(39) || {column} ELSE {column} END"
                     for column in columns]
        else:
            cells = list(columns)
        cursor = self._conn.cursor()
        with cursor.copy(f"COPY (SELECT {', '.join(cells)} FROM research_facts) TO STDOUT (FORMAT csv)") as copy:
            for block in copy:
                yield bytes(block)
        counted.append(cursor.rowcount)

    def research_places(self) -> list[tuple[str, str]]:
        """The distinct (prison, wing) pairs of the facts."""
        return [(str(r[0]), str(r[1])) for r in self._rows("SELECT DISTINCT prison, wing FROM research_facts", ())]

    def research_counts(self, measure: str, group_by: Sequence[str]) -> list[tuple[tuple[str, ...], int]]:
        """(group values, distinct subjects) of one measure's facts, grouped by columns of COLUMNS (unsuppressed:
        hq.research_export.counts suppresses the small cells). A fact about no one counts its record instead."""
        if not set(group_by) <= set(COLUMNS):
            raise ValueError("unknown research column")
        columns = ", ".join(group_by)
        if self._pg and _MEASURE.fullmatch(measure):
            # the measure written out, so that the planner can take the dashboard's partial indexes (hq.schema
            # DASHBOARD): people and records counted apart, each over its own index, then added up per group
            rows = self._rows(
                f"SELECT {columns}, SUM(n) FROM ("
                f"SELECT {columns}, COUNT(DISTINCT subject) AS n FROM research_facts "
                f"WHERE measure = '{measure}' AND subject <> '' GROUP BY {columns} UNION ALL "
                f"SELECT {columns}, COUNT(DISTINCT row_key) FROM research_facts "
                f"WHERE measure = '{measure}' AND subject = '' GROUP BY {columns}"
                f") AS cells GROUP BY {columns} ORDER BY {columns}", ())
        else:
            rows = self._rows(
                f"SELECT {columns}, COUNT(DISTINCT CASE WHEN subject = '' THEN row_key ELSE subject END) "
                f"FROM research_facts WHERE measure = ? GROUP BY {columns} ORDER BY {columns}", (measure,))
        return [(tuple(str(v) for v in row[:-1]), int(row[-1])) for row in rows]
