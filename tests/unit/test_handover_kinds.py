"""The handover and outcome kinds (issue 19 item 2) bring codes and field names of their own: none may give another
kind's code a different label (labels.code_label merges every kind's labels, so a clash would rename, say, an
allocation's "Contact conditions" on screen), and an outcome's month is a month."""

from __future__ import annotations

import pytest

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds import KINDS
from wingdesk.domain.kinds.handover import HANDOVER, OUTCOME


@pytest.mark.parametrize("spec", [HANDOVER, OUTCOME], ids=["handover", "outcome"])
def test_no_label_of_another_kind_is_overridden(spec):
    for name, other in KINDS.items():
        if other in (HANDOVER, OUTCOME):
            continue
        clashes = {k for k in set(spec.labels) & set(other.labels) if spec.labels[k] != other.labels[k]}
        assert not clashes, f"{spec.name} relabels {sorted(clashes)} of {name}"


def test_the_outcome_month_is_kept_as_its_first_day_and_nothing_else():
    assert OUTCOME.clean({"outcome": "RECALLED", "month": "2027-05-01"})["month"] == "2027-05-01"
    for bad in ("2027-05-15", "2027-05", "May 2027"):
        with pytest.raises(ValidationError):
            OUTCOME.clean({"outcome": "RECALLED", "month": bad})
    with pytest.raises(ValidationError):
        OUTCOME.clean({"outcome": "REOFFENDED_PROBABLY", "month": "2027-05-01"})


def test_a_handover_lists_at_least_one_item():
    body = {"agency_id": "a", "agency_name": "Probation", "agency_type": "probation", "sealed_to": "age1x",
            "legal_basis": "CONSENT", "basis_detail": "Form 3", "file_sha256": "0" * 64}
    with pytest.raises(ValidationError):
        HANDOVER.clean({**body, "items": []})
    assert HANDOVER.clean({**body, "items": [{"record_id": "r", "kind": "plan", "section": "PLAN"}]})["items"]
