"""SQL for append-only records, their revisions, amendments, clinical keys and the search index."""

from __future__ import annotations

import json
from typing import Any

from wingdesk.domain.kinds import KINDS
from wingdesk.domain.name_key import name_key
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Amendment, AmendmentKind, Record
from wingdesk.storage.base_repo import BaseRepo, Row
from wingdesk.storage.prisoners_repo import term_clause

_COLS = ("r.id, r.kind, r.wing, r.prisoner_id, r.author_id, r.author_name, r.author_role, r.occurred_at, "
         "r.recorded_at, r.body, r.sensitivity, r.revision, r.day, r.shift_id, r.status, r.author_sig")
_AMEND_COLS = "id, record_id, kind, author_id, author_name, at, text, author_sig"


def _record(row: Row) -> Record:
    return Record(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8],
                  json.loads(row[9]), row[10], row[11], row[12], row[13], row[14], (),
                  bytes(row[15]) if row[15] is not None else None)


def _amendment(row: Row) -> Amendment:
    return Amendment(row[0], row[1], AmendmentKind(row[2]), row[3], row[4], row[5], row[6],
                     bytes(row[7]) if row[7] is not None else None)


class RecordsRepo(BaseRepo):
    def insert_record(self, record: Record, subtype: str | None, search_text: str | None,
                      content_sha256: str | None = None, hlc: str = "", to_hq: bool = True) -> int:
        """Store one revision; `content_sha256`: the record's content hash when the caller has it already (else
        computed here); `hlc` is the wing clock's stamp for it (services.wing_clock), taken as it is written;
        `to_hq` False keeps this revision out of the outbox (a held intelligence report, issue 16)."""
        body = json.dumps(record.body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        with self.db.lock:
            cur = self.conn.execute(
                "INSERT INTO records (id, revision, kind, subtype, wing, prisoner_id, author_id, author_name, "
                "author_role, occurred_at, recorded_at, sensitivity, day, shift_id, status, body, content_sha256, "
                "author_sig, hlc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (record.id, record.revision, str(record.kind), subtype, record.wing, record.prisoner_id,
                 record.author_id, record.author_name, record.author_role, record.occurred_at, record.recorded_at,
                 record.sensitivity, record.day, record.shift_id, record.status, body,
                 content_sha256 or record.content_sha256(), record.author_sig, hlc))
            seq = cur.lastrowid
            assert seq is not None  # set by every successful INSERT
            if record.revision == 1:  # a plain insert is ~10x cheaper than an upsert here (measured)
                self.conn.execute("INSERT INTO record_heads (id, seq) VALUES (?, ?)", (record.id, seq))
            else:
                self.conn.execute("UPDATE record_heads SET seq = ? WHERE id = ?", (seq, record.id))
            if to_hq:
                self.conn.execute("INSERT INTO outbox (record_seq) VALUES (?)", (seq,))
            if search_text:  # indexed as its key (domain.name_key): "Đorđe" is found by "djordje" and "Ђорђе"
                self.conn.execute("INSERT INTO records_fts (rowid, text) VALUES (?, ?)", (seq, name_key(search_text)))
        return seq

    def rebuild_search_index(self) -> int:
        """Index every record's current version anew when schema v17 has asked for it (its index holds folded
        keys); returns how many were indexed, 0 when nothing was asked."""
        if self.query_one("SELECT 1 FROM meta WHERE key = 'search_index' AND value = 'rebuild'") is None:
            return 0
        indexed = 0
        with self.db.lock:
            self.conn.execute("INSERT INTO records_fts (records_fts) VALUES ('delete-all')")
            cursor = self.conn.execute("SELECT r.seq, r.kind, r.body FROM records r "
                                       "JOIN record_heads h ON h.seq = r.seq")
            while batch := cursor.fetchmany(2000):
                rows = [(seq, name_key(text)) for seq, kind, body in batch if kind in KINDS
                        and (text := KINDS[kind].search_text(json.loads(body)))]
                self.conn.executemany("INSERT INTO records_fts (rowid, text) VALUES (?, ?)", rows)
                indexed += len(rows)
            self.conn.execute("DELETE FROM meta WHERE key = 'search_index'")
        return indexed

    def get_record(self, record_id: str) -> Record | None:
        row = self.query_one(f"SELECT {_COLS} FROM record_heads h JOIN records r ON r.seq = h.seq WHERE h.id = ?",
                             (record_id,))
        return _record(row) if row else None

    def record_revisions(self, record_id: str) -> list[Record]:
        rows = self.query(f"SELECT {_COLS} FROM records r WHERE r.id = ? ORDER BY r.revision", (record_id,))
        return [_record(r) for r in rows]

    def stored_content_hash(self, record_id: str, revision: int) -> str | None:
        row = self.query_one("SELECT content_sha256 FROM records WHERE id = ? AND revision = ?",
                             (record_id, revision))
        return row[0] if row else None

    def _record_where(self, q: RecordQuery) -> tuple[str, list[Any]]:
        if not q.kinds:
            return "0", []
        clauses = [f"r.kind IN ({','.join('?' * len(q.kinds))})"]
        params: list[Any] = list(q.kinds)
        for column, value in (("r.prisoner_id", q.prisoner_id), ("r.day", q.day), ("r.subtype", q.subtype)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if q.own_kinds:
            clauses.append(f"(r.kind NOT IN ({','.join('?' * len(q.own_kinds))}) OR r.author_id = ?)")
            params += [*q.own_kinds, q.owner_id]
        if q.author_id is not None:
            clauses.append("r.author_id = ?")
            params.append(q.author_id)
        if q.since:
            clauses.append("r.occurred_at >= ?")
            params.append(q.since)
        if q.until:
            clauses.append("r.occurred_at < ?")
            params.append(q.until)
        return " AND ".join(clauses), params

    def list_records(self, q: RecordQuery) -> list[Record]:
        where, params = self._record_where(q)
        order = "ASC" if q.ascending else "DESC"
        by = "r.hlc" if q.written_order else "r.occurred_at"  # the HLC: the order written, whatever the PC clock
        rows = self.query(f"SELECT {_COLS} FROM records r JOIN record_heads h ON h.seq = r.seq WHERE {where} "
                          f"ORDER BY {by} {order}, r.seq {order} LIMIT ? OFFSET ?",
                          (*params, q.limit, q.offset))
        return [_record(r) for r in rows]

    def count_records(self, q: RecordQuery) -> int:
        where, params = self._record_where(q)
        row = self.query_one(f"SELECT count(*) FROM records r JOIN record_heads h ON h.seq = r.seq WHERE {where}",
                             tuple(params))
        return int(row[0])

    def count_by_subtype(self, q: RecordQuery) -> dict[str, int]:
        """Counts of the matching record heads per subtype (observation category, entry type...)."""
        where, params = self._record_where(q)
        rows = self.query(f"SELECT r.subtype, count(*) FROM records r JOIN record_heads h ON h.seq = r.seq "
                          f"WHERE {where} GROUP BY r.subtype", tuple(params))
        return {str(subtype): int(count) for subtype, count in rows if subtype is not None}

    def search_records(self, terms: list[tuple[str, str]], q: RecordQuery) -> list[Record]:
        """Records in which every typed word (domain.name_key.query_terms) is in the text (the index holds keys)
        or in the name, number or cell of the prisoner the record is about; newest first."""
        where, params = self._record_where(q)
        if not terms:
            return []
        clauses: list[str] = []
        values: list[Any] = []
        for key, word in terms:
            named, named_values = term_clause(key, word)
            match = " ".join(f'"{part}"*' for part in key.split())  # a key is [0-9a-z ]: nothing FTS5 reads as syntax
            clauses.append("(r.seq IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?) OR r.prisoner_id IN "
                           f"(SELECT p.id FROM prisoners p WHERE {named}))")
            values += [match, *named_values]
        rows = self.query(f"SELECT {_COLS} FROM records r JOIN record_heads h ON h.seq = r.seq "
                          f"WHERE {' AND '.join(clauses)} AND {where} ORDER BY r.seq DESC LIMIT ? OFFSET ?",
                          (*values, *params, q.limit, q.offset))
        return [_record(r) for r in rows]

    def add_amendment(self, amendment: Amendment) -> None:
        self.execute(f"INSERT INTO amendments ({_AMEND_COLS}, content_sha256) VALUES (?,?,?,?,?,?,?,?,?)",
                     (amendment.id, amendment.record_id, str(amendment.kind), amendment.author_id,
                      amendment.author_name, amendment.at, amendment.text, amendment.author_sig,
                      amendment.content_sha256()))

    def amendments_for(self, record_ids: list[str]) -> dict[str, list[Amendment]]:
        found: dict[str, list[Amendment]] = {}
        for start in range(0, len(record_ids), 500):
            chunk = record_ids[start:start + 500]
            rows = self.query(f"SELECT {_AMEND_COLS} FROM amendments WHERE record_id IN "
                              f"({','.join('?' * len(chunk))}) ORDER BY at, seq", tuple(chunk))
            for row in rows:
                found.setdefault(row[1], []).append(_amendment(row))
        return found

    def all_clinical_keys(self) -> list[tuple[str, bytes]]:
        """Prisoner keys under the wing-wide clinical key of schema 8 (read once, by the upgrade)."""
        return [(r[0], bytes(r[1])) for r in self.query("SELECT prisoner_id, wrapped FROM clinical_keys")]
