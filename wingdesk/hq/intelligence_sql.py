"""SQL for HQ security's index of intelligence reports (hq.intelligence_index) on either database: kept at the
newest revision per report, read a page at a time with filters, and the people reports link for the association
view. Only `shown` reports are ever read out."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from wingdesk.hq.repository import RowTuple

if TYPE_CHECKING:
    from wingdesk.hq.intelligence_index import IntelRow

_CHUNK = 500  # ids per IN (...) list: under SQLite's 999 variables
_COLUMNS = ("record_id, rev, device_id, wing, occurred_at, month, subject, source_evaluation, assessment, "
            "handling_code, linked_count, shown")
FILTERS = ("device_id", "source_evaluation", "assessment", "handling_code", "month")


@dataclass(frozen=True)
class ListedReport:
    record_id: str
    prison: str
    wing: str
    occurred_at: str
    subject: str
    source_evaluation: str
    assessment: str
    handling_code: str
    linked_count: int


def _chunks(items: Sequence[str]) -> list[tuple[str, ...]]:
    return [tuple(items[start : start + _CHUNK]) for start in range(0, len(items), _CHUNK)]


class IntelligenceSql:
    """Mixed into hq.sql_repository.SqlRepository (its `_pg`, `_rows`, `_one`, `_exec`)."""

    _pg: bool
    _conn: Any
    _rows: Callable[..., list[tuple[Any, ...]]]
    _one: Callable[..., tuple[Any, ...] | None]
    _exec: Callable[..., int]

    def keep_intel(self, reports: Sequence[tuple[IntelRow, list[str]]]) -> None:
        """Index each report's revision when it is newer than the one indexed from the same device or one it
        replaced (a report id another device holds is left alone: one wing cannot overwrite another's). A few
        statements per bundle, whatever the number of reports in it."""
        held: dict[str, tuple[int, str]] = {}
        for chunk in _chunks([report.record_id for report, _ in reports]):
            marks = ", ".join("?" * len(chunk))
            held.update((str(r[0]), (int(r[1]), str(r[2]))) for r in self._rows(
                f"SELECT record_id, rev, device_id FROM intel_reports WHERE record_id IN ({marks})", chunk))
        ours = {device for report, _ in reports for device in self._lineage(report.device_id)}
        newer = [(report, people) for report, people in reports if report.record_id not in held
                 or (held[report.record_id][1] in ours and held[report.record_id][0] < report.rev)]
        replaced = [report.record_id for report, _ in newer if report.record_id in held]
        for chunk in _chunks(replaced):
            self._forget(chunk)
        links = [(report.record_id, person) for report, people in newer for person in people]
        if self._pg:  # COPY: no row of these can conflict (replaced reports and their links went above)
            self._copy(f"intel_reports ({_COLUMNS})", [tuple(r) for r, _ in newer])
            self._copy("intel_links (record_id, prisoner_id)", links)
            return
        self._insert_rows(f"INSERT INTO intel_reports ({_COLUMNS}) VALUES ", [tuple(r) for r, _ in newer], "")
        self._insert_rows("INSERT INTO intel_links (record_id, prisoner_id) VALUES ", links, "")

    def _copy(self, target: str, rows: Sequence[tuple[Any, ...]]) -> None:
        if rows:
            with self._conn.cursor().copy(f"COPY {target} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def _lineage(self, device_id: str) -> tuple[str, ...]:
        """The device and the devices it replaced (hq.successors: a new PC goes on with the old one's records)."""
        found = [device_id]
        while len(found) < 50:
            row = self._one("SELECT old_device_id FROM device_successors WHERE new_device_id = ?", (found[-1],))
            if row is None or str(row[0]) in found:
                break
            found.append(str(row[0]))
        return tuple(found)

    def _insert_rows(self, head: str, rows: Sequence[tuple[Any, ...]], tail: str) -> None:
        """Multi-row INSERTs under SQLite's 999 variables (one statement step per chunk, not per row)."""
        if not rows:
            return
        width = len(rows[0])
        marks = "(" + ", ".join("?" * width) + ")"
        size = 990 // width
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            self._exec(head + ", ".join([marks] * len(chunk)) + tail, tuple(v for row in chunk for v in row))

    def _forget(self, record_ids: tuple[str, ...]) -> int:
        marks = ", ".join("?" * len(record_ids))
        self._exec(f"DELETE FROM intel_links WHERE record_id IN ({marks})", record_ids)
        return self._exec(f"DELETE FROM intel_reports WHERE record_id IN ({marks})", record_ids)

    def delete_intel(self, device_id: str, record_ids: Sequence[str]) -> int:
        """Forget the reports among `record_ids` that this device, or one it replaced, sent (a tombstone buried
        them)."""
        deleted = 0
        for chunk in _chunks(sorted(set(record_ids))):
            marks = ", ".join("?" * len(chunk))
            lineage = self._lineage(device_id)
            ours = tuple(str(r[0]) for r in self._rows(
                f"SELECT record_id FROM intel_reports WHERE device_id IN ({', '.join('?' * len(lineage))}) "
                f"AND record_id IN ({marks})", (*lineage, *chunk)))
            if ours:
                deleted += self._forget(ours)
        return deleted

    def keep_numbers(self, device_id: str, numbers: Mapping[str, str]) -> None:
        if self._pg and numbers:  # one statement over two arrays, not thousands of parameters
            ids = sorted(numbers)
            self._conn.execute(
                "INSERT INTO prisoner_numbers (prisoner_id, device_id, number) SELECT p, %s, n FROM "
                "unnest(%s::text[], %s::text[]) AS t(p, n) ON CONFLICT (prisoner_id, device_id) DO UPDATE SET "
                "number = excluded.number WHERE prisoner_numbers.number <> excluded.number",
                (device_id, ids, [numbers[i] for i in ids]))
            return
        self._insert_rows("INSERT INTO prisoner_numbers (prisoner_id, device_id, number) VALUES ",
                          [(prisoner_id, device_id, number) for prisoner_id, number in sorted(numbers.items())],
                          " ON CONFLICT (prisoner_id, device_id) DO UPDATE SET number = excluded.number "
                          "WHERE prisoner_numbers.number <> excluded.number")

    def lines_of(self, device_id: str, record_ids: Sequence[str]) -> list[RowTuple]:
        """Every stored line of these records on this device."""
        found: list[RowTuple] = []
        for chunk in _chunks(list(record_ids)):
            found += [(str(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4]).encode("utf-8")) for r in self._rows(
                f"SELECT record_id, rev, kind, content_hash, body FROM records WHERE device_id = ? AND record_id IN "
                f"({', '.join('?' * len(chunk))})", (device_id, *chunk))]
        return found

    def forget_numbers(self, device_id: str, prisoner_ids: Sequence[str], leaving: Sequence[str]) -> int:
        """Drop the device's prison number of each prisoner whose id no line of the device holds once the records
        `leaving` are gone (as subject, in a report's links or anywhere else; a scan of the device's lines per
        prisoner: tombstones are rare)."""
        gone = 0
        for prisoner_id in prisoner_ids:
            pattern = '%"' + prisoner_id.replace("\\", "\\\\").replace("%", "\\%").replace(
                "_", "\\_") + '"%'
            others = ""
            for chunk in _chunks(list(leaving)):
                others += f" AND record_id NOT IN ({', '.join('?' * len(chunk))})"
            named = self._one(f"SELECT 1 FROM records WHERE device_id = ? AND body LIKE ? ESCAPE '\\'{others} "
                              "LIMIT 1", (device_id, pattern, *leaving))
            if named is None:
                gone += self._exec("DELETE FROM prisoner_numbers WHERE prisoner_id = ? AND device_id = ?",
                                   (prisoner_id, device_id))
        return gone

    def meta_value(self, name: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE name = ?", (name,))
        return None if row is None else str(row[0])

    def set_meta(self, name: str, value: str) -> None:
        self._exec("INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = "
                   "excluded.value", (name, value))

    def device_lines(self, device_id: str, after: str, limit: int) -> list[RowTuple]:
        """Every stored line of one device by record id after `after`, a page of records at a time."""
        last = self._rows("SELECT record_id FROM records WHERE device_id = ? AND record_id > ? "
                          "ORDER BY record_id LIMIT 1 OFFSET ?", (device_id, after, limit - 1))
        bound = " AND record_id <= ?" if last else ""
        rows = self._rows(f"SELECT record_id, rev, kind, content_hash, body FROM records WHERE device_id = ? AND "
                          f"record_id > ?{bound} ORDER BY record_id, rev",
                          (device_id, after, *(last[0] if last else ())))
        return [(str(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4]).encode("utf-8")) for r in rows]

    # reading, for the console ------------------------------------------------------------------------------
    def intel_list(self, filters: Mapping[str, str], offset: int, limit: int) -> tuple[list[ListedReport], int]:
        """A page of shown reports, newest first, with the filters' exact values; and how many match."""
        where, params = ["r.shown = 1"], []
        for name in FILTERS:
            if filters.get(name):
                where.append(f"r.{name} = ?")
                params.append(filters[name])
        condition = " AND ".join(where)
        total = self._one(f"SELECT COUNT(*) FROM intel_reports r WHERE {condition}", tuple(params))
        rows = self._rows(
            "SELECT r.record_id, COALESCE(d.wing_name, ''), r.wing, r.occurred_at, r.subject, r.source_evaluation, "
            "r.assessment, r.handling_code, r.linked_count FROM intel_reports r LEFT JOIN devices d ON "
            f"d.device_id = r.device_id WHERE {condition} ORDER BY r.occurred_at DESC, r.record_id DESC "
            "LIMIT ? OFFSET ?", (*params, limit, offset))
        return [ListedReport(*row) for row in rows], int(total[0]) if total else 0

    def intel_places(self) -> list[tuple[str, str]]:
        """(device id, prison name) of the devices that sent shown reports."""
        return [(str(r[0]), str(r[1])) for r in self._rows(
            "SELECT d.device_id, d.wing_name FROM devices d WHERE EXISTS (SELECT 1 FROM intel_reports r "
            "WHERE r.device_id = d.device_id AND r.shown = 1) ORDER BY d.wing_name, d.device_id")]

    def intel_months(self) -> list[str]:
        """The months with a shown report, newest first: one probe of the month index per month (a DISTINCT
        would read every row on PostgreSQL)."""
        return [str(r[0]) for r in self._rows(
            "WITH RECURSIVE m(month) AS (SELECT MAX(month) FROM intel_reports WHERE shown = 1 UNION ALL "
            "SELECT (SELECT MAX(month) FROM intel_reports WHERE month < m.month AND shown = 1) FROM m "
            "WHERE m.month IS NOT NULL AND m.month <> '') "
            "SELECT month FROM m WHERE month IS NOT NULL AND month <> ''")]

    def intel_line(self, record_id: str) -> tuple[str, str, str] | None:
        """(device id, prison name, stored line JSON) of a shown report at its indexed revision."""
        row = self._one(
            "SELECT r.device_id, COALESCE(d.wing_name, ''), s.body FROM intel_reports r JOIN records s ON "
            "s.record_id = r.record_id AND s.rev = r.rev LEFT JOIN devices d ON d.device_id = r.device_id "
            "WHERE r.record_id = ? AND r.shown = 1", (record_id,))
        return None if row is None else (str(row[0]), str(row[1]), str(row[2]))

    def intel_shown(self, record_ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(record_ids)):
            found.update(str(r[0]) for r in self._rows(
                f"SELECT record_id FROM intel_reports WHERE shown = 1 AND record_id IN ({', '.join('?' * len(chunk))})",
                chunk))
        return found

    def prisoner_numbers(self, prisoner_ids: Sequence[str]) -> dict[str, str]:
        """prisoner id -> prison number (when several wings give one, the first by wing device id)."""
        found: dict[str, str] = {}
        for chunk in _chunks(list(prisoner_ids)):
            for row in self._rows(f"SELECT prisoner_id, number FROM prisoner_numbers WHERE prisoner_id IN "
                                  f"({', '.join('?' * len(chunk))}) ORDER BY device_id DESC", chunk):
                found[str(row[0])] = str(row[1])
        return found

    def intel_links_around(self, prisoner_id: str, limit: int) -> list[tuple[str, str, str]]:
        """(report id, grade parts joined by '/', a prisoner it links) of the newest `limit` shown reports
        linking `prisoner_id`, each with every person it links."""
        return [(str(r[0]), str(r[1]), str(r[2])) for r in self._rows(
            "SELECT r.record_id, r.source_evaluation || '/' || r.assessment || '/' || r.handling_code, "
            "l2.prisoner_id FROM intel_reports r JOIN intel_links l2 ON l2.record_id = r.record_id "
            "WHERE r.record_id IN (SELECT l1.record_id FROM intel_links l1 JOIN intel_reports x ON "
            "x.record_id = l1.record_id AND x.shown = 1 WHERE l1.prisoner_id = ? "
            "ORDER BY x.occurred_at DESC LIMIT ?) ORDER BY r.record_id, l2.prisoner_id", (prisoner_id, limit))]
