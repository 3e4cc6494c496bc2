"""Upgrading to schema 13: a prisoner out when the wing PC is upgraded is out afterwards, so the IN that comes
back is not refused; a prisoner whose last movement was an IN is on the wing."""

import json

from wingdesk.crypto.secrets import random_key
from wingdesk.storage import migrations
from wingdesk.storage.database import open_database


def _movement(conn, seq, prisoner, direction, destination):
    body = json.dumps({"entry_type": "MOVEMENT", "direction": direction, "destination": destination})
    conn.execute("INSERT INTO records (id, revision, kind, subtype, wing, prisoner_id, author_id, author_name, "
                 "author_role, occurred_at, recorded_at, sensitivity, status, body, content_sha256) VALUES "
                 "(?, 1, 'log_entry', 'MOVEMENT', 'B', ?, 'u1', 'Officer', 'officer', ?, ?, 'NORMAL', 'ACTIVE', "
                 "?, 'x')", (f"m{seq}", prisoner, f"2026-01-0{seq}T10:00:00Z", f"2026-01-0{seq}T10:00:00Z", body))
    conn.execute("INSERT INTO record_heads (id, seq) VALUES (?, ?)", (f"m{seq}", seq))


def test_open_outs_are_carried_over(tmp_path):
    db = open_database(tmp_path / "w.db", random_key(), create=True)
    migrations.migrate(db.conn, target=1)
    db.conn.execute("INSERT INTO users (id, username, display_name, role, public_key, grant_recipient, created_at) "
                    "VALUES ('u1', 'off', 'Officer', 'officer', x'00', 'age1x', '2026-01-01T00:00:00Z')")
    migrations.migrate(db.conn, target=12)
    for pid in ("p1", "p2", "p3"):
        db.conn.execute("INSERT INTO prisoners (id, number, wing, given_name, family_name, sex, legal_status, "
                        "created_at, updated_at) VALUES (?, ?, 'B', 'A', 'B', 'M', 'REMAND', '2026-01-01', "
                        "'2026-01-01')", (pid, pid.upper()))
    _movement(db.conn, 1, "p1", "OUT", "HEALTH")
    _movement(db.conn, 2, "p1", "IN", "HEALTH")
    _movement(db.conn, 3, "p2", "OUT", "COURT")
    _movement(db.conn, 4, "p3", "OUT", "TRANSFER")
    assert migrations.migrate(db.conn) == migrations.latest_version()
    rows = db.conn.execute("SELECT prisoner_id, destination, out_entry_id, in_entry_id FROM movements").fetchall()
    assert rows == [("p2", "COURT", "m3", None)]
    db.close()
