"""A C-coded intelligence report leaves the wing only with the security officer's explicit release (issue 16
item 6) — through a transfer package as through the sync bundle. A transfer carries a report's sanitised text under
its handling code only when the report would travel to HQ (domain.kinds.intelligence.travels: graded, and P-coded or
released); a released C-coded report carries its written conditions with it, so the receiving prison reads them."""

from __future__ import annotations

from tests.integration.conftest import first_prisoner

HELD = "Sanitised text of a conditions report not yet released"
OPEN = "Sanitised text of an open report"


def _carried(gov, prisoner) -> list[dict]:
    content, _count = gov.transfer._content(prisoner, "transfer-under-test", "device-a", "device-b")  # noqa: SLF001
    return content["intelligence"]


def test_a_c_coded_report_is_carried_only_once_released_and_with_its_conditions(login):
    sec = login("sec")
    prisoner = first_prisoner(sec)
    coded = sec.intelligence.create(prisoner.id, "PRESSURE_ON_OTHERS", "Named collector, original.")
    coded = sec.intelligence.grade(coded.id, "SRC_1", "INT_B", "HANDLE_C", "Direct.", conditions="Search team only.",
                                   sanitised_text=HELD, share_with=["GOVERNOR"], share_reason="Transfer review.")
    open_report = sec.intelligence.create(prisoner.id, "CONTRABAND_SECURITY", "Seen twice, original.")
    sec.intelligence.grade(open_report.id, "SRC_2", "INT_B", "HANDLE_P", "Two officers.", sanitised_text=OPEN,
                           share_with=["GOVERNOR"], share_reason="Transfer review.")
    gov = login("gov")
    before = _carried(gov, prisoner)
    assert [r["sanitised_text"] for r in before] == [OPEN]  # the shared C-coded report stays: not released
    assert HELD not in str(before)

    sec.intelligence.release(coded.id, "The receiving prison's security needs it.")
    after = {r["id"]: r for r in _carried(gov, prisoner)}
    assert set(after) == {coded.id, open_report.id}
    assert after[coded.id]["handling_code"] == "HANDLE_C"
    assert after[coded.id]["handling_conditions"] == "Search team only."  # the conditions travel with it
    assert "original" not in str(after)  # never the report as written
