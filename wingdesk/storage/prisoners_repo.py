"""SQL for the prisoner roster: paged, sorted and filtered lists that stay fast at thousands of rows."""

from __future__ import annotations

from datetime import date
from typing import Any

from wingdesk.domain.collation import KEY_COLUMNS, name_keys
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.name_key import prisoner_name_key, query_terms
from wingdesk.domain.people import Prisoner, PrisonerFilter
from wingdesk.storage.base_repo import BaseRepo, Row

_COLS = ("id, number, wing, given_name, family_name, sex, legal_status, name_cyrillic, date_of_birth, first_time, "
         "cell, admission_date, expected_release, veo_status, interpreter_needed, languages, status")
# in force on a day (the two ?s): not ended, started, end date not passed (domain.kinds.alert.alert_state)
_ACTIVE_ALERTS = ("FROM records r JOIN record_heads h ON h.seq = r.seq WHERE r.prisoner_id = p.id "
                  "AND r.kind = 'alert' AND r.status = 'ACTIVE' AND json_extract(r.body, '$.active_from') <= ? "
                  "AND coalesce(json_extract(r.body, '$.active_to'), '9999-12-31') >= ?")
_ALERTS = f"(SELECT group_concat(DISTINCT r.subtype) {_ACTIVE_ALERTS})"
# where the prisoner is while out: "DESTINATION expected_back" of the open movement, one lookup in its index
_OUT = ("(SELECT m.destination || ' ' || coalesce(m.expected_back, '') FROM movements m "
        "WHERE m.prisoner_id = p.id AND m.in_entry_id IS NULL)")
_SORTS = {"name": "p.{key} {d}",
          "number": "p.number {d}", "cell": "p.cell {d}, p.{key}"}


def _prisoner(row: Row) -> Prisoner:
    alerts = tuple(sorted(set(row[17].split(",")))) if len(row) > 17 and row[17] else ()
    place, _sep, back = (row[18] or "").partition(" ") if len(row) > 18 else ("", "", "")
    return Prisoner(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], bool(row[9]), row[10],
                    row[11], row[12], row[13], bool(row[14]), row[15], row[16], alerts, place or None, back or None)


def term_clause(key: str, word: str, alias: str = "p") -> tuple[str, list[str]]:
    """SQL for one typed word (domain.name_key.query_terms): its key in the name key, or the word in number or cell
    (domain.name_key.matches is the same test in Python)."""
    raw = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return (f"({alias}.name_key LIKE ? OR {alias}.number LIKE ? ESCAPE '\\' OR {alias}.cell LIKE ? ESCAPE '\\')",
            [f"%{key}%", raw, raw])  # a key holds only [0-9a-z ]: no LIKE wildcard


def _keys(family: str, given: str, cyrillic: str | None) -> dict[str, str]:
    """The stored keys for a name: one sort key per alphabet (schema v7) and the search key (schema v17)."""
    return {**name_keys(family, given, cyrillic), "name_key": prisoner_name_key(given, family, cyrillic)}


class PrisonersRepo(BaseRepo):
    def add_prisoner(self, p: Prisoner, now: str) -> None:
        if self.query_one("SELECT 1 FROM prisoners WHERE number = ?", (p.number,)):
            raise ValidationError("duplicate", field="number")
        keys = _keys(p.family_name, p.given_name, p.name_cyrillic)
        self.execute(f"INSERT INTO prisoners ({_COLS}, created_at, updated_at, {', '.join(keys)}) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                     (p.id, p.number, p.wing, p.given_name, p.family_name, p.sex, p.legal_status, p.name_cyrillic,
                      p.date_of_birth, int(p.first_time), p.cell, p.admission_date, p.expected_release,
                      p.veo_status, int(p.interpreter_needed), p.languages, p.status, now, now, *keys.values()))

    def fill_sort_keys(self) -> int:
        """Compute missing name sort and search keys (rows from before schema v7 or v17); returns how many."""
        rows = self.query("SELECT id, family_name, given_name, name_cyrillic FROM prisoners "
                          "WHERE sort_en IS NULL OR name_key IS NULL")
        for pid, family, given, cyrillic in rows:
            keys = _keys(family, given, cyrillic)
            self.execute(f"UPDATE prisoners SET {', '.join(k + ' = ?' for k in keys)} WHERE id = ?",
                         (*keys.values(), pid))
        return len(rows)

    def prisoner_exists(self, prisoner_id: str) -> bool:
        return self.query_one("SELECT 1 FROM prisoners WHERE id = ?", (prisoner_id,)) is not None

    def get_prisoner(self, prisoner_id: str, today: date | None = None) -> Prisoner | None:
        cols = ", ".join(f"p.{c.strip()}" for c in _COLS.split(","))
        day = (today or date.today()).isoformat()
        row = self.query_one(f"SELECT {cols}, {_ALERTS}, {_OUT} FROM prisoners p WHERE p.id = ?",
                             (day, day, prisoner_id))
        return _prisoner(row) if row else None

    def set_prisoner_cell(self, prisoner_id: str, cell: str, now: str) -> None:
        self.execute("UPDATE prisoners SET cell = ?, updated_at = ? WHERE id = ?", (cell, now, prisoner_id))

    def set_prisoner_status(self, prisoner_id: str, status: str, now: str) -> None:
        self.execute("UPDATE prisoners SET status = ?, updated_at = ? WHERE id = ?", (status, now, prisoner_id))

    def _prisoner_where(self, f: PrisonerFilter, today: date) -> tuple[str, list[Any]]:
        clauses, params = ["p.status = 'IN_CUSTODY'"], []
        for key, word in query_terms(f.text):  # every word typed, any order: in the name (either script), number, cell
            sql, values = term_clause(key, word)
            clauses.append(sql)
            params += values
        if f.young:
            cutoff = date(today.year - f.young_age, today.month, min(today.day, 28)).isoformat()
            clauses.append("p.date_of_birth > ?")
            params.append(cutoff)
        if f.female:
            clauses.append("p.sex = 'F'")
        if f.first_time:
            clauses.append("p.first_time = 1")
        if f.cell_prefix:
            clauses.append("p.cell LIKE ?")
            params.append(f"{f.cell_prefix}%")
        if f.with_alerts:
            clauses.append(f"EXISTS (SELECT 1 {_ACTIVE_ALERTS})")
            params += [today.isoformat()] * 2
        return " AND ".join(clauses), params

    def count_prisoners(self, f: PrisonerFilter, today: date) -> int:
        where, params = self._prisoner_where(f, today)
        return int(self.query_one(f"SELECT count(*) FROM prisoners p WHERE {where}", tuple(params))[0])

    def list_prisoners(self, f: PrisonerFilter, today: date, offset: int = 0, limit: int = 200) -> list[Prisoner]:
        where, params = self._prisoner_where(f, today)
        key = KEY_COLUMNS.get(f.language, "sort_en")
        order = _SORTS.get(f.sort, _SORTS["name"]).format(d="DESC" if f.descending else "ASC", key=key)
        cols = ", ".join(f"p.{c.strip()}" for c in _COLS.split(","))
        rows = self.query(f"SELECT {cols}, {_ALERTS}, {_OUT} FROM prisoners p WHERE {where} ORDER BY {order} "
                          "LIMIT ? OFFSET ?", (today.isoformat(), today.isoformat(), *params, limit, offset))
        return [_prisoner(r) for r in rows]
