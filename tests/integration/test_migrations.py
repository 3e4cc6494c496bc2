"""Forward migrations from an empty file and from a file of every earlier schema version."""

import json

import pytest

from wingdesk.crypto.secrets import random_key
from wingdesk.domain.errors import StoreError
from wingdesk.storage import migrations
from wingdesk.storage.database import open_database
from wingdesk.storage.repository import SqlRepository

VERSIONS = [n for n, _ in migrations.available()]


def test_empty_file_to_latest(tmp_path):
    db = open_database(tmp_path / "w.db", random_key(), create=True)
    assert migrations.migrate(db.conn) == VERSIONS[-1] == migrations.current_version(db.conn)
    tables = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}
    assert {"records", "audit", "records_fts", "outbox", "records_append_only_u"} <= tables
    db.close()


def seed_v1(conn):
    conn.execute("INSERT INTO users (id, username, display_name, role, public_key, grant_recipient, created_at) "
                 "VALUES ('u1', 'off', 'Officer', 'officer', x'00', 'age1x', '2026-01-01T00:00:00Z')")
    conn.execute("INSERT INTO prisoners (id, number, wing, given_name, family_name, sex, legal_status, created_at, "
                 "updated_at) VALUES ('p1', 'N1', 'B', 'Ana', 'Anić', 'F', 'REMAND', '2026-01-01', '2026-01-01')")
    body = json.dumps({"category": "NEEDS_REQUEST", "polarity": "NEUTRAL", "source_type": "DIRECT",
                       "what_seen_heard": "asked for a library book"})
    conn.execute("INSERT INTO records (id, revision, kind, subtype, wing, prisoner_id, author_id, author_name, "
                 "author_role, occurred_at, recorded_at, sensitivity, status, body, content_sha256) VALUES "
                 "('r1', 1, 'observation', 'NEEDS_REQUEST', 'B', 'p1', 'u1', 'Officer', 'officer', "
                 "'2026-01-01T10:00:00Z', '2026-01-01T10:05:00Z', 'NORMAL', 'ACTIVE', ?, 'x')", (body,))
    conn.execute("INSERT INTO record_heads (id, seq) VALUES ('r1', 1)")


@pytest.mark.parametrize("start", VERSIONS[:-1])
def test_each_earlier_version_upgrades_and_keeps_data(tmp_path, start):
    key = random_key()
    db = open_database(tmp_path / "w.db", key, create=True)
    migrations.migrate(db.conn, target=1)
    seed_v1(db.conn)
    migrations.migrate(db.conn, target=start)
    db.close()
    reopened = open_database(tmp_path / "w.db", key)  # as a newer program would find the file
    assert migrations.migrate(reopened.conn) == VERSIONS[-1]
    conn = reopened.conn
    repo = SqlRepository(reopened)
    with repo.transaction():  # what opening the wing does after migrating (storage.vault)
        repo.fill_sort_keys()
        repo.rebuild_search_index()
    assert conn.execute("SELECT family_name, name_key FROM prisoners").fetchone() == ("Anić", "ana anic")
    assert conn.execute("SELECT rowid FROM records_fts WHERE records_fts MATCH 'library'").fetchall() == [(1,)]
    assert repo.rebuild_search_index() == 0  # once only
    assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 1
    assert conn.execute("SELECT value FROM settings WHERE key = 'idle_lock_seconds'").fetchone()[0] == "300"
    reopened.close()


def test_newer_schema_is_refused(tmp_path):
    db = open_database(tmp_path / "w.db", random_key(), create=True)
    migrations.migrate(db.conn)
    db.conn.execute(f"PRAGMA user_version = {VERSIONS[-1] + 1}")
    with pytest.raises(StoreError) as info:
        migrations.migrate(db.conn)
    assert info.value.code == "schema_too_new"
    db.close()


def test_failed_migration_rolls_back(tmp_path, monkeypatch):
    db = open_database(tmp_path / "w.db", random_key(), create=True)
    migrations.migrate(db.conn, target=1)
    broken = [(n, sql) for n, sql in migrations.available()]
    broken[1] = (broken[1][0], broken[1][1] + "\nCREATE TABLE records (x);")
    monkeypatch.setattr(migrations, "available", lambda: broken)
    with pytest.raises(Exception):
        migrations.migrate(db.conn)
    assert migrations.current_version(db.conn) == 1
    assert db.conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'outbox'").fetchone()[0] == 0
    db.close()
