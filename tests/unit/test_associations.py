"""The association graph (issue 16): people linked through graded reports, counted, never scored."""

from __future__ import annotations

from wingdesk.domain.associations import association_graph

GRADED = {"source_evaluation": "SRC_2", "assessment": "INT_B", "handling_code": "HANDLE_P",
          "grading_rationale": "Seen."}


def test_people_sharing_graded_reports_with_the_prisoner_are_linked_and_counted():
    reports = [
        ("r1", "A", {**GRADED, "linked_prisoners": ["B", "C"]}),
        ("r2", "B", {**GRADED, "linked_prisoners": ["A"]}),
        ("r3", "A", {"linked_prisoners": ["D"]}),  # ungraded: links nobody
        ("r4", "E", {**GRADED, "linked_prisoners": ["F"]}),  # not about A at all
        ("r5", None, {**GRADED, "linked_prisoners": ["C", "A"]}),  # about a place, naming two prisoners
    ]
    graph = association_graph("A", reports)
    assert graph.people == ("A", "B", "C")  # the centre, then by shared reports (B 2, C 2: by id)
    assert graph.reports_between("A", "B") == ("r1", "r2") and graph.reports_between("B", "A") == ("r1", "r2")
    assert graph.reports_between("B", "C") == ("r1",)  # a link among the others, through the same report
    assert graph.reports_between("A", "D") == () and "E" not in graph.people


def test_a_prisoner_with_no_graded_links_is_alone():
    assert association_graph("A", [("r1", "A", {"linked_prisoners": ["B"]})]).people == ("A",)
