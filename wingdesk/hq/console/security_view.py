"""What HQ security's pages show (issue 17 item 5), read through the repository: a page of graded reports with
filters, one report as HQ received it, and the association graph around a prisoner laid out for inline SVG.

Only reports the index marks as shown (graded; P-coded, or C-coded and released by the wing's security officer)
are read. Texts are handed to the templates as they are: Jinja escapes them and the `shown` filter makes control
and direction marks visible."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from wingdesk.domain.associations import AssociationGraph, association_graph
from wingdesk.domain.kinds.intelligence import ASSESSMENTS, HANDLING_CODES, SOURCE_EVALUATIONS
from wingdesk.hq.intelligence_sql import FILTERS, ListedReport
from wingdesk.hq.store import SqlStore

PAGE_SIZE = 50
GRAPH_REPORTS = 200  # the newest reports around a prisoner the graph is drawn from
GRAPH_PEOPLE = 16  # the centre and the 15 people sharing most reports with them; the table lists everyone
CHOICES = {"source_evaluation": SOURCE_EVALUATIONS, "assessment": ASSESSMENTS, "handling_code": HANDLING_CODES}
_MAX_FILTER = 64


@dataclass(frozen=True)
class ReportList:
    rows: list[ListedReport]
    total: int
    page: int
    pages: int
    filters: dict[str, str]
    places: list[tuple[str, str]]
    months: list[str]


def clean_filters(query: Mapping[str, str]) -> dict[str, str]:
    """The filters a query string asks for; a coded filter holding anything but one of its codes is dropped."""
    found: dict[str, str] = {}
    for name in FILTERS:
        value = str(query.get(name, ""))[:_MAX_FILTER]
        if value and (name not in CHOICES or value in CHOICES[name]):
            found[name] = value
    return found


def page_number(text: str | None) -> int:
    return int(text) if text and text.isdigit() and len(text) < 7 and int(text) > 0 else 1


def report_list(store: SqlStore, filters: dict[str, str], page: int) -> ReportList:
    with store.transaction(write=False) as repo:
        rows, total = repo.intel_list(filters, (page - 1) * PAGE_SIZE, PAGE_SIZE)
        places, months = repo.intel_places(), repo.intel_months()
    return ReportList(rows, total, page, max(1, math.ceil(total / PAGE_SIZE)), filters, places, months)


TEXT_FIELDS = ("subject", "report_text", "source_evaluation", "assessment", "handling_code", "handling_conditions",
               "grading_rationale", "sanitised_text", "linked_places", "linked_items", "released_by", "released_at",
               "release_reason")
RECORD_FIELDS = ("wing", "occurred_at", "prisoner_id")
ITEM_FIELDS = ("to", "reason", "by", "at")


@dataclass(frozen=True)
class ReportPage:
    record_id: str
    device_id: str
    prison: str
    f: dict[str, str]  # TEXT_FIELDS and RECORD_FIELDS as text ("" where the line holds no text there)
    subject_number: str | None
    grade: str
    linked_reports: list[tuple[str, bool]]  # (id, HQ shows it)
    linked_prisoners: list[tuple[str, str | None]]  # (prisoner id, prison number HQ knows)
    dissemination: list[dict[str, str]]


def _strings(value: Any) -> list[str]:
    return [str(v) for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _texts(found: Any, names: tuple[str, ...]) -> dict[str, str]:
    """The named values that are text; anything else a wing put there (a number, a list) is left out."""
    mapping = found if isinstance(found, dict) else {}
    return {name: mapping[name] if isinstance(mapping.get(name), str) else "" for name in names}


def grade_of_codes(source: str, assessment: str, handling: str) -> str:
    """"2/B/P" from the three codes; a part that is not one of its codes shows as "?" (a wing's bad data)."""
    parts = []
    for code, allowed in ((source, SOURCE_EVALUATIONS), (assessment, ASSESSMENTS), (handling, HANDLING_CODES)):
        parts.append(code.split("_", 1)[1] if code in allowed else "?")
    return "/".join(parts)


def grade_of(row: ListedReport) -> str:
    return grade_of_codes(row.source_evaluation, row.assessment, row.handling_code)


def report_page(store: SqlStore, record_id: str) -> ReportPage | None:
    """One shown report at its indexed revision, or None (unknown, not shown, or not an id at all)."""
    if not 0 < len(record_id) <= 64:
        return None
    with store.transaction(write=False) as repo:
        found = repo.intel_line(record_id)
        if found is None:
            return None
        device_id, prison, text = found
        line = orjson.loads(text)
        record = line.get("record") if isinstance(line, dict) else None
        body = record.get("body") if isinstance(record, dict) else None
        if not isinstance(body, dict) or not isinstance(record, dict):
            return None
        linked = _strings(body.get("linked_reports"))
        people = _strings(body.get("linked_prisoners"))
        shown = repo.intel_shown(linked)
        numbers = repo.prisoner_numbers(people)
    subject_number = line.get("prisoner_number")
    items = body.get("dissemination")
    fields = {**_texts(body, TEXT_FIELDS), **_texts(record, RECORD_FIELDS)}
    return ReportPage(record_id, device_id, prison, fields,
                      subject_number if isinstance(subject_number, str) else None,
                      grade_of_codes(fields["source_evaluation"], fields["assessment"], fields["handling_code"]),
                      [(r, r in shown) for r in linked], [(p, numbers.get(p)) for p in people],
                      [_texts(i, ITEM_FIELDS) for i in items if isinstance(i, dict)] if isinstance(items, list)
                      else [])


@dataclass(frozen=True)
class Node:
    prisoner_id: str
    number: str | None
    x: int
    y: int
    shared: int  # reports shared with the centre
    center: bool


@dataclass(frozen=True)
class Edge:
    a: Node
    b: Node
    reports: int


@dataclass(frozen=True)
class PersonView:
    prisoner_id: str
    number: str | None
    nodes: list[Node]
    edges: list[Edge]
    people: list[tuple[str, str | None, list[tuple[str, str]]]]  # (id, number, [(report id, grade)] with centre)
    width: int
    height: int
    more: int  # people not drawn (listed in the table only)


def _graph(store: SqlStore, prisoner_id: str) -> tuple[AssociationGraph, dict[str, str], dict[str, str]]:
    with store.transaction(write=False) as repo:
        rows = repo.intel_links_around(prisoner_id, GRAPH_REPORTS)
        people = sorted({r[2] for r in rows})
        numbers = repo.prisoner_numbers(people)
    linked: dict[str, list[str]] = {}
    grades: dict[str, str] = {}
    for report_id, grade, person in rows:
        linked.setdefault(report_id, []).append(person)
        grades[report_id] = grade
    reports = []
    for report_id, persons in linked.items():
        source, assessment, handling = ([*grades[report_id].split("/"), "", "", ""])[:3]
        reports.append((report_id, None, {"linked_prisoners": persons, "source_evaluation": source,
                                          "assessment": assessment, "handling_code": handling}))
    shown = {r: grade_of_codes(*([*g.split("/"), "", ""][:3])) for r, g in grades.items()}
    return association_graph(prisoner_id, reports), numbers, shown


def person_view(store: SqlStore, prisoner_id: str) -> PersonView | None:
    """The association graph around a prisoner from shown reports, or None when none links them."""
    if not 0 < len(prisoner_id) <= 64:
        return None
    graph, numbers, grades = _graph(store, prisoner_id)
    if len(graph.people) < 1 or not graph.links:
        return None
    width, height = 720, 460
    cx, cy, radius = width // 2, height // 2, 170
    drawn = graph.people[:GRAPH_PEOPLE]
    others = drawn[1:]
    nodes = {prisoner_id: Node(prisoner_id, numbers.get(prisoner_id), cx, cy, 0, True)}
    for index, person in enumerate(others):
        angle = 2 * math.pi * index / max(1, len(others)) - math.pi / 2
        nodes[person] = Node(person, numbers.get(person), cx + round(radius * math.cos(angle)),
                             cy + round(radius * math.sin(angle)), len(graph.reports_between(prisoner_id, person)),
                             False)
    edges = [Edge(nodes[a], nodes[b], len(ids)) for (a, b), ids in sorted(graph.links.items())
             if a in nodes and b in nodes]
    table = [(p, numbers.get(p), [(r, grades.get(r, "")) for r in graph.reports_between(prisoner_id, p)])
             for p in graph.people[1:]]
    return PersonView(prisoner_id, numbers.get(prisoner_id), list(nodes.values()), edges, table, width, height,
                      max(0, len(graph.people) - len(drawn)))
