"""From a real wing to HQ security's console (issues 16 and 17 item 5): a graded report, its linked prisoner and a
released C-coded report exported by the wing, ingested at HQ, and read in the console by HQ security, the prison
numbers the wing holds shown for both prisoners; the unreleased C-coded report and the ungraded one are not."""

from __future__ import annotations

from tests.hq.console_fixtures import SECURITY, make_hq
from tests.hq.test_console_web import client, sign_in
from tests.integration.test_intelligence_to_hq import _send


class _Clock:
    def __call__(self):  # type: ignore[no-untyped-def]
        from datetime import UTC, datetime

        return datetime(2026, 3, 1, tzinfo=UTC)


def test_hq_security_reads_what_the_wing_released(sup_at_hq, login, hq, tmp_path):
    sec = login("sec")
    first, second = sec.prisoners.page()[:2]
    ungraded = sec.intelligence.create(first.id, "CONTRABAND_SECURITY", "Rumour only.")
    shared = sec.intelligence.grade(sec.intelligence.create(first.id, "CONTRABAND_SECURITY", "Seen twice.").id,
                                    "SRC_2", "INT_B", "HANDLE_P", "Two officers saw it.",
                                    sanitised_text="Contraband route suspected.")
    shared = sec.intelligence.link(shared.id, prisoners=[second.id])
    coded = sec.intelligence.grade(sec.intelligence.create(second.id, "PRESSURE_ON_OTHERS", "Named debt collector.").id,
                                   "SRC_1", "INT_A", "HANDLE_C", "Direct.", conditions="Not for the prisoner file.")
    _send(sup_at_hq, hq, tmp_path / "one")
    console = make_hq(tmp_path / "console", hq.keys, _Clock, store=hq.store)
    c = client(console)
    sign_in(c, SECURITY)
    listing = c.get("/security")
    assert shared.id in listing.text and coded.id not in listing.text and ungraded.id not in listing.text
    page = c.get(f"/security/reports/{shared.id}")
    assert page.status_code == 200 and "Seen twice." in page.text and "2/B/P" in page.text
    assert first.number in page.text and second.number in page.text  # the report's prisoner and the linked one

    sec.intelligence.release(coded.id, "Regional security unit needs it.")
    _send(sup_at_hq, hq, tmp_path / "two")
    page = c.get(f"/security/reports/{coded.id}")
    assert page.status_code == 200 and "share only under these conditions" in page.text
    assert "Not for the prisoner file." in page.text and "Regional security unit needs it." in page.text
    graph = c.get(f"/security/people/{second.id}")
    assert graph.status_code == 200 and f'href="/security/people/{first.id}"' in graph.text
