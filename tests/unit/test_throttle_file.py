"""logins.json against its anchor in the database: what `verify` reports for each way of changing the file."""

import json
import os

import pytest

from wingdesk.storage.throttle_file import ThrottleFile

KEY, DB = os.urandom(32), "db-uuid"


@pytest.fixture
def anchored(tmp_path):
    """A file with an anchor (as at a sign-in) holding one count, then three failures queued before unlock."""
    throttle = ThrottleFile(tmp_path / "logins.json")
    throttle.record("off1", "login_failed", "t0")
    anchor, _ = throttle.seal(KEY, DB, take_events=True)
    for i in range(3):
        throttle.record("off1", "login_failed", f"t{i + 1}")
    return throttle, anchor


def edit(throttle, change):
    doc = json.loads(throttle.path.read_text("utf-8"))
    change(doc)
    throttle.path.write_text(json.dumps(doc), "utf-8")


def test_untouched_file_verifies_and_counts_survive(anchored):
    throttle, anchor = anchored
    assert throttle.verify(KEY, DB, anchor) is None
    assert throttle.failures("OFF1")[0] == 4
    assert [e["time"] for e in throttle.pending()] == ["t1", "t2", "t3"]


@pytest.mark.parametrize("change, finding", [
    (lambda doc: doc["failures"]["off1"].update(count=0), "edited"),  # the anchored count lowered
    (lambda doc: doc["events"].pop(1), "edited"),  # an event taken out of the middle
    (lambda doc: doc["events"][0].update(event="login_ok"), "edited"),
    (lambda doc: doc.update(seq=doc["seq"] - 1), "edited"),  # seq is under the MAC
    (lambda doc: doc.update(mac=""), "missing"),
])
def test_edits_are_found(anchored, change, finding):
    throttle, anchor = anchored
    edit(throttle, change)
    assert throttle.verify(KEY, DB, anchor) == finding


def test_deleted_or_garbled_file_is_found(anchored):
    throttle, anchor = anchored
    throttle.path.unlink()
    assert throttle.verify(KEY, DB, anchor) == "missing"
    throttle.record("off1", "login_failed", "t9")  # a new file started before unlock still says why
    assert throttle.verify(KEY, DB, anchor) == "missing"
    throttle.path.write_bytes(b"{not json")
    assert throttle.verify(KEY, DB, anchor) == "damaged"


def test_an_older_anchored_copy_is_rewound(anchored):
    throttle, first = anchored
    old = throttle.path.read_bytes()
    second, _ = throttle.seal(KEY, DB, take_events=True)
    throttle.path.write_bytes(old)
    assert throttle.verify(KEY, DB, second) == "rewound"


def test_an_anchor_ahead_of_the_database_is_a_cut_off_write_not_tampering(anchored):
    throttle, anchor = anchored
    throttle.seal(KEY, DB, take_events=True)  # the database update after it never happened
    assert throttle.verify(KEY, DB, anchor) is None


def test_a_mac_under_another_key_or_database_is_edited(anchored):
    throttle, anchor = anchored
    assert throttle.verify(os.urandom(32), DB, anchor) == "edited"
    assert throttle.verify(KEY, "other-db", anchor) == "edited"


def test_clearing_one_name_keeps_the_queue_and_the_others(anchored):
    throttle, _ = anchored
    throttle.record("off2", "login_failed", "t5")
    anchor, taken = throttle.seal(KEY, DB, forget="off1")
    assert taken == [] and throttle.failures("off1")[0] == 0 and throttle.failures("off2")[0] == 1
    assert len(throttle.pending()) == 4 and throttle.verify(KEY, DB, anchor) is None


def test_a_file_from_before_anchoring_is_adopted_once(tmp_path):
    path = tmp_path / "logins.json"
    path.write_text(json.dumps({"failures": {"off1": {"count": 4, "last": 1.0}},
                                "pending": [{"user": "off1", "event": "login_failed", "time": "t"}]}), "utf-8")
    throttle = ThrottleFile(path)
    assert throttle.failures("off1")[0] == 4  # the v1 count; its queued event was counted in it already
    assert len(throttle.pending()) == 1
    assert throttle.verify(KEY, DB, None) is None
    assert throttle.verify(KEY, DB, ("e", 1)) == "edited"
