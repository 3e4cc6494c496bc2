"""Who is linked with whom through graded intelligence reports (issue 16): a small graph around one prisoner.

A graded report links its subject and its linked prisoners with each other. Around a prisoner the graph holds
everyone who shares a graded report with them, and the links among those people through the same reports. It
counts shared reports; it scores nobody (design rule 4: humans judge)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from wingdesk.domain.kinds.intelligence import is_graded


@dataclass(frozen=True)
class AssociationGraph:
    center: str
    people: tuple[str, ...]  # the centre first, then the others by how many reports they share with the centre
    links: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)  # (a, b), a < b -> report ids

    def reports_between(self, a: str, b: str) -> tuple[str, ...]:
        return self.links.get((a, b) if a < b else (b, a), ())


def people_of(prisoner_id: str | None, body: Mapping[str, Any]) -> list[str]:
    found = [prisoner_id] if prisoner_id else []
    return list(dict.fromkeys([*found, *(str(p) for p in body.get("linked_prisoners") or [])]))


def association_graph(center: str, reports: Iterable[tuple[str, str | None, Mapping[str, Any]]]) -> AssociationGraph:
    """`reports`: (report id, subject prisoner id, body) of the wing's reports; ungraded ones link nobody."""
    links: dict[tuple[str, str], list[str]] = {}
    for report_id, subject, body in reports:
        people = people_of(subject, body)
        if center not in people or not is_graded(body):
            continue
        for a, b in combinations(sorted(people), 2):
            links.setdefault((a, b), []).append(report_id)
    with_center = {(b if a == center else a): len(ids) for (a, b), ids in links.items() if center in (a, b)}
    others = sorted(with_center, key=lambda p: (-with_center[p], p))
    return AssociationGraph(center, (center, *others), {k: tuple(v) for k, v in links.items()})
