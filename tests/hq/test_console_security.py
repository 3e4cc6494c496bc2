"""HQ security's pages (issue 17 item 5): graded intelligence reports from every wing, one report as HQ received it,
and the association view; hq_security only, every report opened audited by id, hostile text shown escaped, C-coded
reports shown only once released and with their conditions, unknown ids answered with one sentence."""

from __future__ import annotations

import re
import uuid
from types import SimpleNamespace

import pytest

from tests.hq.conftest import Clock, Wing, enrol
from tests.hq.console_fixtures import ADMIN, ANALYST, SECURITY, make_hq
from tests.hq.test_console_web import client, sign_in
from tests.hq.test_research import line
from wingdesk.hq.ingest import ingest
from wingdesk.hq.intelligence_index import keep_intelligence, rebuild_intelligence
from wingdesk.hq.store import open_store
from wingdesk.hq.tombstones import TombstoneCheck
from wingdesk.sync.payload import record_content_hash

HOSTILE = "<script>alert('x')</script> \"quoted\" \u202eevil\u202c"
SECRET = "original text zqv-secret"
NUMBERS: dict[str, str] = {}
PAGES = ("/security", "/security/reports/{id}", "/security/people/{person}")


def person() -> str:
    return str(uuid.uuid4())


def report(subject: str | None, linked: list[str], *, grade=("SRC_2", "INT_B", "HANDLE_P"), released=False,
           text=SECRET, month="2026-03", wing="B-Wing", linked_reports=(), record_id=None, rev=1, **extra) -> dict:
    body = {"subject": "CONTRABAND_SECURITY", "report_text": text, "linked_prisoners": linked,
            "linked_reports": list(linked_reports), "grading_rationale": "two sources agree",
            "sanitised_text": "a phone may be in cell 12", **extra}
    if grade:
        body.update(zip(("source_evaluation", "assessment", "handling_code"), grade, strict=True))
    if grade and grade[2] == "HANDLE_C":
        body["handling_conditions"] = "only to the police liaison"
    if released:
        body.update(released=True, released_by="sec.ivo", released_at="2026-03-20T10:00:00Z",
                    release_reason="HQ asked")
    return numbered(line("intelligence_report", body, subject, occurred_at=f"{month}-14T09:00:00Z", wing=wing,
                         record_id=record_id, rev=rev), NUMBERS.get(subject))


def numbered(made: dict, number: str | None) -> dict:
    """The line with the prisoner's own prison number (test_research's lines all carry one canary number)."""
    made["body"]["prisoner_number"] = number
    made["content_hash"] = record_content_hash(made["body"])
    return made


@pytest.fixture
def hq(tmp_path, hq_keys, backend):
    """The console over SQLite and over PostgreSQL (skipped without WINGDESK_TEST_PG)."""
    made = make_hq(tmp_path / "hq", hq_keys, Clock, store=open_store(tmp_path / "db", backend))
    yield made
    made.store.close()


@pytest.fixture
def sent(hq):
    """Two wings' reports: P, released C, unreleased C and ungraded (which a wing never sends: HQ holds them back
    anyway), a hostile text, links between three prisoners and a report linking another."""
    a, b = enrol(hq.ctx, Wing(hq.ctx.keys, name="Idrizovo")), enrol(hq.ctx, Wing(hq.ctx.keys, name="Zenica"))
    ana, ben, cem = person(), person(), person()
    NUMBERS.update({ana: "ID-1001", ben: "ZE-4471", cem: "ID-3003"})
    p = report(ana, [ben], text=HOSTILE)
    c_released = report(ben, [cem], grade=("SRC_1", "INT_A", "HANDLE_C"), released=True, month="2026-04",
                        linked_reports=[p["record_id"], "not-at-hq"],
                        dissemination=[{"to": "GOVERNOR", "reason": "cell search", "by": "sec.ivo",
                                        "at": "2026-04-15T08:00:00Z"}])
    held = report(cem, [ana], grade=("SRC_1", "INT_A", "HANDLE_C"), text="held back text")
    ungraded = report(ana, [cem], grade=None, text="ungraded text")
    observed = numbered(line("observation", {"category": "NEEDS_REQUEST", "polarity": "NEUTRAL",
                                             "what_seen_heard": "x", "source_type": "DIRECT"}, cem), "ID-3003")
    assert ingest(hq.ctx, a.bundle([p, held, ungraded])).outcome == "accepted"
    assert ingest(hq.ctx, b.bundle([c_released, observed])).outcome == "accepted"
    return {"p": p, "c": c_released, "held": held, "ungraded": ungraded, "people": (ana, ben, cem), "wings": (a, b)}


def signed(hq, who=SECURITY):
    c = client(hq)
    sign_in(c, who)
    return c


def ids_on(html: str) -> list[str]:
    return re.findall(r'href="/security/reports/([0-9a-f-]{36})"', html)


def test_the_list_shows_only_reports_that_may_be_at_hq(hq, sent):
    page = signed(hq).get("/security")
    assert page.status_code == 200
    assert ids_on(page.text) == [sent["c"]["record_id"], sent["p"]["record_id"]]  # newest first
    assert "1/A/C" in page.text and "2/B/P" in page.text and "Idrizovo / B-Wing" in page.text
    for hidden in ("held back text", "ungraded text", SECRET, "<script>"):
        assert hidden not in page.text
    assert [r for r in hq.audit("console_viewed") if "intelligence_reports" in r[2]]


def test_filters_and_pages(hq, sent):
    c = signed(hq)
    a, b = sent["wings"]
    assert ids_on(c.get(f"/security?device_id={a.device_id}").text) == [sent["p"]["record_id"]]
    assert ids_on(c.get("/security?handling_code=HANDLE_C").text) == [sent["c"]["record_id"]]
    assert ids_on(c.get("/security?source_evaluation=SRC_2&assessment=INT_B").text) == [sent["p"]["record_id"]]
    assert ids_on(c.get("/security?month=2026-04").text) == [sent["c"]["record_id"]]
    assert ids_on(c.get("/security?assessment=INT_E").text) == []
    junk = c.get("/security?handling_code=%3Cscript%3E&page=-3&month=%27")
    assert junk.status_code == 200 and "<script>" not in junk.text  # a coded filter that is not a code is dropped
    many = [report(person(), [], month=f"2025-{n % 12 + 1:02d}") for n in range(55)]
    assert ingest(hq.ctx, a.bundle(many)).outcome == "accepted"
    first, second = c.get("/security"), c.get("/security?page=2")
    assert "57 reports" in first.text and len(ids_on(first.text)) == 50 and len(ids_on(second.text)) == 7
    assert not set(ids_on(first.text)) & set(ids_on(second.text))
    assert 'rel="next"' in first.text and 'rel="prev"' in second.text


def test_a_report_as_hq_received_it_with_its_conditions_and_links(hq, sent):
    c = signed(hq)
    p, cr = sent["p"]["record_id"], sent["c"]["record_id"]
    page = c.get(f"/security/reports/{cr}")
    assert page.status_code == 200
    assert "share only under these conditions" in page.text and "only to the police liaison" in page.text
    assert "cell search" in page.text and "sec.ivo" in page.text  # dissemination
    assert f'href="/security/reports/{p}"' in page.text  # a linked report HQ holds: navigable
    assert "not-at-hq" in page.text and 'href="/security/reports/not-at-hq"' not in page.text
    assert "ZE-4471" in page.text  # the report's prisoner, by the number its line gave
    assert "ID-3003" in page.text  # a linked prisoner by the number another line gave
    hostile = c.get(f"/security/reports/{p}")
    assert "<script>alert" not in hostile.text and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in hostile.text
    assert "&#34;quoted&#34;" in hostile.text and "\u202e" not in hostile.text and "\\u202e" in hostile.text
    assert "share only under these conditions" not in hostile.text
    reads = hq.audit("console_intel_read")
    assert [r[2] for r in reads] == [f"staff={SECURITY} report={cr}", f"staff={SECURITY} report={p}"]
    assert all(SECRET not in r[2] and "script" not in r[2] for r in reads)


@pytest.mark.parametrize("path", ["/security/reports/{held}", "/security/reports/{ungraded}",
                                  "/security/reports/no-such-report", "/security/reports/%3Cscript%3E",
                                  "/security/people/{nobody}", "/security/reports/" + "x" * 300])
def test_unknown_or_held_back_ids_get_one_sentence(hq, sent, path):
    answer = signed(hq).get(path.format(held=sent["held"]["record_id"], ungraded=sent["ungraded"]["record_id"],
                                        nobody=person()))
    assert answer.status_code == 404 and "Traceback" not in answer.text and "<script>" not in answer.text
    assert "held back text" not in answer.text and "ungraded text" not in answer.text
    assert answer.text.count('class="notice bad"') == 1
    assert not hq.audit("console_intel_read")


@pytest.mark.parametrize("who", [ANALYST, ADMIN])
def test_other_roles_are_refused(hq, sent, who):
    c = signed(hq, who)
    for path in PAGES:
        answer = c.get(path.format(id=sent["c"]["record_id"], person=sent["people"][0]))
        assert answer.status_code == 403 and SECRET not in answer.text and "2/B/P" not in answer.text
        assert 'href="/security"' not in answer.text  # not in their navigation either
    assert len([r for r in hq.audit("console_refused") if "path=/security" in r[2]]) == len(PAGES)
    assert not hq.audit("console_intel_read")


def test_the_association_view_from_graded_reports_only(hq, sent):
    ana, ben, cem = sent["people"]
    c = signed(hq)
    page = c.get(f"/security/people/{ben}")
    assert page.status_code == 200 and "<script" not in page.text
    svg = page.text.split("<svg")[1].split("</svg>")[0]
    assert set(re.findall(r'<a href="/security/people/([0-9a-f-]{36})"', svg)) == {ana, cem}  # keyboard: links
    assert svg.count("<line") == 2  # ben-ana (P report) and ben-cem (released C); not ana-cem (held, ungraded)
    assert "ZE-4471" in svg and "ID-1001" in svg and "ID-3003" in svg
    around_ana = c.get(f"/security/people/{ana}").text
    assert set(re.findall(r'<a href="/security/people/([0-9a-f-]{36})"', around_ana.split("</svg>")[0])) == {ben}
    assert [r[2] for r in hq.audit("console_intel_associations")] == [f"staff={SECURITY} prisoner={ben}",
                                                                        f"staff={SECURITY} prisoner={ana}"]


def test_a_newer_revision_replaces_the_report_and_another_wing_cannot(hq, sent):
    a, b = sent["wings"]
    p = sent["p"]
    newer = report(sent["people"][0], [], record_id=p["record_id"], rev=2, text="revised", grade=("SRC_3", "INT_C",
                                                                                                 "HANDLE_P"))
    assert ingest(hq.ctx, a.bundle([newer])).outcome == "accepted"
    c = signed(hq)
    assert "revised" in c.get(f"/security/reports/{p['record_id']}").text
    forged = report(person(), [], record_id=sent["c"]["record_id"], rev=9, text="forged by another wing")
    ingest(hq.ctx, a.bundle([forged]))
    assert "forged by another wing" not in c.get(f"/security/reports/{sent['c']['record_id']}").text
    successor = enrol(hq.ctx, Wing(hq.ctx.keys, name="Idrizovo"))  # a new PC from HQ goes on with a's records
    with hq.store.transaction() as repo:
        repo.add_successor(a.device_id, successor.device_id, "2026-04-01T00:00:00Z")
    later = report(sent["people"][0], [], record_id=p["record_id"], rev=3, text="revised on the new PC")
    assert ingest(hq.ctx, successor.bundle([later])).outcome == "accepted"
    assert "revised on the new PC" in c.get(f"/security/reports/{p['record_id']}").text


def test_a_store_from_before_the_index_is_indexed_when_the_console_starts(hq, sent, tmp_path, hq_keys):
    with hq.store.transaction() as repo:
        for table in ("intel_reports", "intel_links", "prisoner_numbers"):
            repo._exec(f"DELETE FROM {table}")
        repo._exec("DELETE FROM meta WHERE name = 'intel_index'")
    assert ids_on(signed(hq).get("/security").text) == []
    rebuild_intelligence(hq.store)
    page = signed(hq).get(f"/security/reports/{sent['c']['record_id']}")
    assert page.status_code == 200 and "ID-3003" in page.text


def test_the_index_on_both_databases(backend, tmp_path, hq_keys):
    """The same ingest and reads on SQLite and PostgreSQL (skipped without WINGDESK_TEST_PG)."""
    store = open_store(tmp_path / "db", backend)
    try:
        made = make_hq(tmp_path / "hq", hq_keys, Clock, store=store)
        wing = enrol(made.ctx, Wing(made.ctx.keys, name="Spuž"))
        ana, ben = person(), person()
        NUMBERS[ana] = "SP-1"
        first, second = report(ana, [ben]), report(ben, [ana], month="2026-05")
        assert ingest(made.ctx, wing.bundle([first, second])).outcome == "accepted"
        c = signed(made)
        assert len(ids_on(c.get("/security?handling_code=HANDLE_P&month=2026-03").text)) == 1
        assert c.get(f"/security/reports/{first['record_id']}").status_code == 200
        assert c.get(f"/security/people/{ana}").text.count("<line") == 1
        with store.transaction() as repo:  # LIKE … ESCAPE on both: ana is still named by the other report
            assert repo.forget_numbers(wing.device_id, [ana, "50%_\\x"], [first["record_id"]]) == 0
            many = [first["record_id"], *(f"r{n}" for n in range(600))]
            assert repo.forget_numbers(wing.device_id, [ana], many) == 0
            assert repo.forget_numbers(wing.device_id, [ana], [*many, second["record_id"]]) == 1
    finally:
        store.close()


def test_a_tombstone_takes_the_report_and_a_number_no_line_names_any_more(hq, sent):
    """What a wing administrator's hard delete buries leaves HQ security's index too (hq.tombstones deletes the
    lines right after, in the same write unit)."""
    a, _ = sent["wings"]
    dan = person()
    NUMBERS[dan] = "ID-4004"
    alone = report(dan, [sent["people"][0]])
    assert ingest(hq.ctx, a.bundle([alone])).outcome == "accepted"
    c = signed(hq)
    assert "ID-4004" in c.get(f"/security/reports/{alone['record_id']}").text
    buried = [alone["record_id"], sent["p"]["record_id"]]
    check = TombstoneCheck([SimpleNamespace(items=tuple(buried))], [], 0, None, {})
    with hq.store.transaction() as repo:
        keep_intelligence(repo, a.device_id, check)
        repo.delete_items(a.device_id, tuple(buried))
        numbers = repo.prisoner_numbers([dan, *sent["people"]])
    assert dan not in numbers  # only the buried report named dan
    assert numbers[sent["people"][0]] == "ID-1001"  # the ungraded report still names ana
    assert c.get(f"/security/reports/{alone['record_id']}").status_code == 404
    assert ids_on(c.get("/security").text) == [sent["c"]["record_id"]]


def test_a_wing_sending_wrong_types_and_codes_breaks_no_page(hq, sent):
    """Fields of the wrong type or with codes no grade has: shown as far as they are text, never a traceback."""
    a, _ = sent["wings"]
    odd = report(sent["people"][0], ["x" * 65, 7], grade=("SRC_9", "BOGUS", "HANDLE_P"), text=["not", "text"],
                 dissemination=[{"to": 5, "at": 7, "reason": None}, "junk"], linked_reports=[None, "r"],
                 released_at=12, handling_conditions={"a": 1})
    odd["body"]["record"]["occurred_at"] = 20260101
    odd["body"]["record"]["wing"] = ["B"]
    odd["content_hash"] = record_content_hash(odd["body"])
    assert ingest(hq.ctx, a.bundle([odd])).outcome == "accepted"
    c = signed(hq)
    listing = c.get("/security")
    assert listing.status_code == 200 and odd["record_id"] in listing.text and "?/?/P" in listing.text
    page = c.get(f"/security/reports/{odd['record_id']}")
    assert page.status_code == 200 and "?/?/P" in page.text and "Traceback" not in page.text
    assert c.get(f"/security/people/{sent['people'][0]}").status_code == 200
