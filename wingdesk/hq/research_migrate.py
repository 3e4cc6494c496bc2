"""Upgrading an HQ store's research tables from schema version 1 (hq.schema): there, each fact carried its record's
row key (32 hex digits) with an index entry per fact; from version 2 a record has one row in `research_records`
(its key as 16 bytes, its number, the revision kept) and its facts carry the number (and their own within it).
The facts are kept as they were, numbered; nothing is derived again, so no key is needed (`wingdesk-hq research
rebuild` derives anew)."""

from __future__ import annotations

from typing import Any

from wingdesk.hq.research_sql import COLUMNS

_OLD = "research_facts_v1"


def _columns(repo: Any, table: str) -> set[str]:
    if repo._pg:
        rows = repo._rows("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                          "AND table_name = ?", (table,))
        return {str(r[0]) for r in rows}
    return {str(r[1]) for r in repo._rows(f"PRAGMA table_info({table})")}


def set_aside(repo: Any) -> bool:
    """Before the schema is created: a version-1 research_facts (no record_no) is renamed out of the way, and its
    index dropped. Returns whether there was one (then `bring_back` must run once the new tables exist)."""
    found = _columns(repo, "research_facts")
    if not found or "record_no" in found:
        return False
    repo._exec(f"ALTER TABLE research_facts RENAME TO {_OLD}")
    repo._exec("DROP INDEX IF EXISTS research_facts_row")
    return True


def bring_back(repo: Any) -> int:
    """Number the set-aside facts' records (one per row key, at the revision kept), store them in research_records
    and the facts in the new research_facts, then drop the old table. Returns the facts kept."""
    if repo._pg:
        unhex = "decode(row_key, 'hex')"
    else:
        repo._conn.create_function("wingdesk_unhex", 1, bytes.fromhex, deterministic=True)
        unhex = "wingdesk_unhex(row_key)"
    repo._exec(f"CREATE TEMPORARY TABLE research_numbers AS SELECT row_key, MAX(rev) AS rev, "
               f"ROW_NUMBER() OVER (ORDER BY row_key) AS record_no FROM {_OLD} GROUP BY row_key")
    repo._exec(f"INSERT INTO research_records (record_no, row_key, rev) SELECT record_no, {unhex}, rev "
               "FROM research_numbers")
    columns = ", ".join(COLUMNS)
    kept = repo._exec(f"INSERT INTO research_facts ({columns}, record_no, fact_no) SELECT "
                      f"{', '.join(f'f.{name}' for name in COLUMNS)}, n.record_no, "
                      f"ROW_NUMBER() OVER (PARTITION BY n.record_no) FROM {_OLD} f "
                      "JOIN research_numbers n ON n.row_key = f.row_key")
    repo._exec("DROP TABLE research_numbers")
    repo._exec(f"DROP TABLE {_OLD}")
    if repo._pg:
        repo._exec("SELECT setval('research_record_no', (SELECT COALESCE(MAX(record_no), 0) FROM research_records) "
                   "+ 1, false)")
    return int(kept)
