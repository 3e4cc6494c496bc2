"""Rule of law for intelligence (issue 16 item 3): the observation's wording checks apply to report text, and a
report graded 3 or E, or not graded, is flagged to security for deletion review at 6 months unless renewed with a
reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.integration.conftest import ACCOUNTS, first_prisoner
from wingdesk.crypto.kdf import floor_params
from wingdesk.demo.clock import DemoClock
from wingdesk.domain.errors import AccessDenied, StateError, ValidationError
from wingdesk.domain.kinds.intelligence import add_months
from wingdesk.storage.backend import LocalWing


def test_labels_and_religion_only_text_are_flagged_in_report_text(login):
    sec = login("sec")
    warnings = {w.code: w.words for w in sec.intelligence.wording_warnings(
        "He is a dangerous extremist.", "Prays a lot.")}
    assert set(warnings) == {"label", "religion_only"}
    assert not sec.intelligence.wording_warnings('Said "the parcel comes Friday" in the yard at 14:10.')
    with pytest.raises(AccessDenied):
        login("off1").intelligence.wording_warnings("Any text.")


@pytest.fixture
def clocked(wing):
    clock = DemoClock()
    opened = LocalWing(wing.directory, kdf=floor_params(), clock=clock)
    return opened, clock


def _sources(session):
    return {i.source: i for i in session.inbox.items()}


def test_weak_or_ungraded_reports_come_up_for_deletion_review_unless_renewed(clocked):
    wing, clock = clocked
    clock.set(datetime.now(UTC) - timedelta(days=200))
    sec = wing.sign_in("sec", ACCOUNTS["sec"][2])
    pid = first_prisoner(sec).id
    ungraded = sec.intelligence.create(pid, "CONTRABAND_SECURITY", "Rumour of a parcel.")
    weak = sec.intelligence.grade(sec.intelligence.create(pid, "CONTRABAND_SECURITY", "Rumour.").id,
                                  "SRC_3", "INT_C", "HANDLE_P", "Source has lied before.")
    doubtful = sec.intelligence.grade(sec.intelligence.create(pid, "CONTRABAND_SECURITY", "Rumour.").id,
                                      "SRC_1", "INT_E", "HANDLE_P", "Contradicted by the search.")
    good = sec.intelligence.grade(sec.intelligence.create(pid, "CONTRABAND_SECURITY", "Seen.").id,
                                  "SRC_2", "INT_B", "HANDLE_P", "Two officers saw it.")
    started = clock.today()
    for report in (ungraded, weak, doubtful):
        assert report.body["review_date"] == add_months(started, 6).isoformat()
    assert "review_date" not in good.body
    assert "intel_review" not in _sources(sec)  # months to go
    sec.lock()

    clock.set(None)  # today: more than six months later
    sec = wing.sign_in("sec", ACCOUNTS["sec"][2])
    flagged = sorted(i.key.split(":")[1] for i in sec.inbox.items() if i.source == "intel_review")
    assert flagged == sorted(r.id for r in (ungraded, weak, doubtful))
    item = next(i for i in sec.inbox.items() if i.key.startswith(f"intel_review:{weak.id}"))
    assert item.params == {"due": weak.body["review_date"], "grade": "3/C/P", "subject": "CONTRABAND_SECURITY"}
    with pytest.raises(ValidationError):
        sec.intelligence.renew_review(weak.id, "")  # a reason is required
    renewed = sec.intelligence.renew_review(weak.id, "Linked to an open investigation.")
    assert renewed.body["review_date"] == add_months(sec.prisoners.today(), 6).isoformat()
    assert renewed.body["review_reason"] == "Linked to an open investigation."
    regraded = sec.intelligence.grade(doubtful.id, "SRC_1", "INT_B", "HANDLE_P", "Corroborated by a find.")
    assert "review_date" not in regraded.body
    flagged = [i.key.split(":")[1] for i in sec.inbox.items() if i.source == "intel_review"]
    assert flagged == [ungraded.id]
    with pytest.raises(StateError):
        sec.intelligence.renew_review(good.id, "Nothing to renew.")
    for name in ("sup", "gov", "off1"):
        other = wing.sign_in(name, ACCOUNTS[name][2])
        assert "intel_review" not in _sources(other)
        other.lock()
    sec.lock()
