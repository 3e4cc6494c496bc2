"""An insider with a valid account and the raw database key tries to rewrite the evidence (issue 13, items 1-2).

Each attack works on the SQLCipher connection opened with the wing's key, as such an insider would, and must be
named by `wingdesk verify` (AuditService.verify_everything) and, for the audit chain, by `audit verify` as well.
"""

import json

import pytest

from tests.integration.conftest import first_prisoner
from wingdesk.crypto import signing
from wingdesk.domain.audit import AuditEntry, chain
from wingdesk.domain.authorship import statement_of_record
from wingdesk.domain.records import Record, iso, new_id, utc_now
from wingdesk.services.integrity import IntegrityCheck


def busy_wing(login, observations=30):
    """A wing with a few users' work: over 50 audit entries, observations, a countersigned day."""
    off = login("off1")
    prisoner = first_prisoner(off)
    for n in range(observations):
        off.observations.record(prisoner.id, "NEEDS_REQUEST", "CONCERN", f"Seen at the door, round {n}")
    off.logs.add_entry("GENERAL", {"text": "Quiet night on the landing"})
    off.logs.submit_day()
    sup = login("sup")
    sup.logs.countersign(sup.logs.review_queue()[0].day)
    gov = login("gov")
    return off, sup, gov


def raw(session):
    return session.ctx.repo.conn  # sqlcipher3, keyed with the wing's database key


def audit_rows(conn, start):
    rows = conn.execute("SELECT seq, time, actor, action, object, content_hash, prev_hash, entry_hash FROM audit "
                        "WHERE seq >= ? ORDER BY seq", (start,)).fetchall()
    return [AuditEntry(*row) for row in rows]


def rechain(conn, start, change):
    """Apply `change` to entry `start`, then recompute every later hash (the old signatures stay)."""
    conn.execute("DROP TRIGGER IF EXISTS audit_append_only_u")
    prev = conn.execute("SELECT entry_hash FROM audit WHERE seq = ?", (start - 1,)).fetchone()[0]
    for entry in audit_rows(conn, start):
        fields = change(entry) if entry.seq == start else {}
        fixed = chain(AuditEntry(**{**entry.__dict__, **fields, "prev_hash": prev, "entry_hash": ""}))
        conn.execute("UPDATE audit SET actor = ?, action = ?, object = ?, prev_hash = ?, entry_hash = ? WHERE seq = ?",
                     (fixed.actor, fixed.action, fixed.object, fixed.prev_hash, fixed.entry_hash, fixed.seq))
        prev = fixed.entry_hash
        if fields.get("actor"):  # the signer column follows, as a careful insider would make it
            conn.execute("UPDATE audit SET signer = ? WHERE seq = ?", (fields["actor"], fixed.seq))
    conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'",
                 (f"{fixed.seq}:{fixed.entry_hash}",))


def test_an_untouched_wing_verifies(login):
    _, _, gov = busy_wing(login)
    report = gov.audit.verify_everything()
    assert report.intact, report
    assert report.counts["record_versions"] >= 31 and report.counts["countersignatures"] == 1
    assert gov.audit.verify_everything(every_signature=True).intact
    assert gov.audit.verify_chain().intact


@pytest.mark.parametrize("every", [False, True])
def test_rewritten_actor_with_recomputed_hashes_is_named(login, every):
    off, _, gov = busy_wing(login)
    conn = raw(gov)
    assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] > 55
    rechain(conn, 50, lambda entry: {"actor": gov.user.id})
    chain_report = gov.audit.verify_chain()
    assert not chain_report.intact
    report = gov.audit.verify_everything(every_signature=every)
    assert not report.intact
    if every:
        assert (report.bad_item, report.reason) == ("audit:50", "bad_signature")
    else:  # the last entry of a signer whose signature no longer holds
        assert report.bad_item.startswith("audit:") and report.reason == "bad_signature"


def test_deleting_the_last_five_entries_is_noticed(login):
    _, _, gov = busy_wing(login)
    conn = raw(gov)
    conn.execute("DROP TRIGGER audit_append_only_d")
    last = conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
    conn.execute("DELETE FROM audit WHERE seq > ?", (last - 5,))
    report = gov.audit.verify_everything()
    assert (report.bad_item, report.reason) == (f"audit:{last - 4}", "truncated")
    assert gov.audit.verify_chain().reason == "truncated"
    for name in ("off1", "sup"):  # sign-ins and more work append after the cut: it still shows
        login(name).audit_trail.append(login(name).user.id, "search", "records")
    report = gov.audit.verify_everything()
    assert not report.intact and report.reason == "head_mismatch"


def test_a_record_body_changed_with_the_raw_key_is_named(login):
    off, _, gov = busy_wing(login)
    conn = raw(gov)
    conn.execute("DROP TRIGGER records_append_only_u")
    record_id = conn.execute("SELECT id FROM records WHERE kind = 'observation' ORDER BY seq LIMIT 1").fetchone()[0]
    conn.execute("UPDATE records SET body = replace(body, 'round 0', 'round 9') WHERE id = ?", (record_id,))
    report = gov.audit.verify_everything()
    assert (report.bad_item, report.reason) == (f"record:{record_id}:1", "content_changed")
    assert "round" not in report.bad_item + report.reason
    changed = gov.ctx.repo.record_revisions(record_id)[0]
    conn.execute("UPDATE records SET content_sha256 = ? WHERE id = ?", (changed.content_sha256(), record_id))
    report = gov.audit.verify_everything()  # the stored hash fixed too: the signed audit chain still holds the old
    assert (report.bad_item, report.reason) == (f"record:{record_id}:1", "not_in_audit")


def test_a_record_forged_in_another_authors_name_is_named(login):
    off, _, gov = busy_wing(login)
    conn = raw(off)
    governor = gov.user.id
    forged = Record(new_id(), "observation", off.ctx.wing, first_prisoner(off).id, governor, "Governor Himself",
                    "governor", iso(utc_now()), iso(utc_now()),
                    {"category": "NEEDS_REQUEST", "polarity": "CONCERN", "what_seen_heard": "Forged"})
    content_hash = forged.content_sha256()
    own_sig = off.ctx.keyring.sign_record(statement_of_record(forged, content_hash))  # the insider's own key
    conn.execute("INSERT INTO records (id, revision, kind, wing, prisoner_id, author_id, author_name, author_role, "
                 "occurred_at, recorded_at, sensitivity, status, body, content_sha256, author_sig) "
                 "VALUES (?,1,?,?,?,?,?,?,?,?,'NORMAL','ACTIVE',?,?,?)",
                 (forged.id, forged.kind, forged.wing, forged.prisoner_id, governor, forged.author_name,
                  forged.author_role, forged.occurred_at, forged.recorded_at, json.dumps(forged.body), content_hash,
                  own_sig))
    report = IntegrityCheck(gov.ctx.repo, gov.ctx.keyring, every_signature=True).run()
    assert (report.bad_item, report.reason) == (f"record:{forged.id}:1", "not_in_audit")
    # ...and with a matching audit entry in the governor's name, signed with the insider's key, chained properly:
    last = off.ctx.repo.last_audit()
    entry = chain(AuditEntry(last.seq + 1, iso(utc_now()), governor, "create", f"observation:{forged.id}:1",
                             content_hash, last.entry_hash))
    conn.execute("INSERT INTO audit (seq, time, actor, action, object, content_hash, prev_hash, entry_hash, "
                 "signature, signer) VALUES (?,?,?,?,?,?,?,?,?,?)",
                 (entry.seq, entry.time, entry.actor, entry.action, entry.object, entry.content_hash,
                  entry.prev_hash, entry.entry_hash, off.ctx.keyring.sign_audit(entry.entry_hash), governor))
    conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{entry.seq}:{entry.entry_hash}",))
    report = IntegrityCheck(gov.ctx.repo, gov.ctx.keyring).run()
    assert (report.bad_item, report.reason) == (f"audit:{entry.seq}", "bad_signature")
    assert not gov.audit.verify_chain().intact


def test_each_item_is_signed_by_its_author_with_its_own_prefix(login):
    off, sup, gov = busy_wing(login)
    record = off.observations.record(first_prisoner(off).id, "NEEDS_REQUEST", "CONCERN", "One more")
    key = off.ctx.repo.get_user(off.user.id).public_key
    statement = statement_of_record(record)
    assert signing.verify(key, signing.RECORD_PREFIX, statement, record.author_sig)
    for other in (signing.AUDIT_PREFIX, signing.AMENDMENT_PREFIX, signing.COUNTERSIGN_PREFIX):
        assert not signing.verify(key, other, statement, record.author_sig)
    stored = off.ctx.repo.get_record(record.id)
    assert stored.author_sig == record.author_sig
    signers = {row[0]: row[1] for row in raw(gov).execute("SELECT actor, signer FROM audit WHERE signer IS NOT NULL")}
    assert signers[off.user.id] == off.user.id
