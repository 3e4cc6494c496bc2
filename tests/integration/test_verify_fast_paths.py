"""`wingdesk verify` hashes a record body as the text stored when that is its canonical form; any other text is
parsed and judged on what it says (services.integrity._records)."""

import json

from tests.integration.test_insider_evidence import busy_wing, raw


def _first_observation(conn):
    return conn.execute("SELECT id, body FROM records WHERE kind = 'observation' ORDER BY seq LIMIT 1").fetchone()


def test_a_body_stored_in_another_form_with_the_same_content_still_verifies(login):
    _, _, gov = busy_wing(login, observations=3)
    conn = raw(gov)
    conn.execute("DROP TRIGGER records_append_only_u")
    record_id, body = _first_observation(conn)
    reformatted = json.dumps(dict(reversed(list(json.loads(body).items()))), indent=2, ensure_ascii=True)
    assert reformatted != body
    conn.execute("UPDATE records SET body = ? WHERE id = ?", (reformatted, record_id))
    report = gov.audit.verify_everything()
    assert report.intact, (report.bad_item, report.reason)


def test_a_body_that_is_not_json_is_named_unreadable(login):
    _, _, gov = busy_wing(login, observations=3)
    conn = raw(gov)
    conn.execute("DROP TRIGGER records_append_only_u")
    # The urgent-observation index reads the body as JSON: the insider drops it too.
    conn.execute("DROP INDEX records_urgent_observations")
    record_id, body = _first_observation(conn)
    conn.execute("UPDATE records SET body = ? WHERE id = ?", (body[:-1], record_id))
    report = gov.audit.verify_everything()
    assert (report.bad_item, report.reason) == (f"record:{record_id}:1", "unreadable")


def test_a_body_changed_in_content_and_form_is_named(login):
    _, _, gov = busy_wing(login, observations=3)
    conn = raw(gov)
    conn.execute("DROP TRIGGER records_append_only_u")
    record_id, body = _first_observation(conn)
    changed = json.loads(body)
    changed["what_seen_heard"] = "Something else"
    conn.execute("UPDATE records SET body = ? WHERE id = ?", (json.dumps(changed, indent=1), record_id))
    report = gov.audit.verify_everything()
    assert (report.bad_item, report.reason) == (f"record:{record_id}:1", "content_changed")
