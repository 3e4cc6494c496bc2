"""The analyst's research dashboard (issue 17 item 4): SVG charts from the research store, server-rendered with no
script; counts below 5 drawn as a suppressed marker, never as their number; no canary from the records on the page;
analysts only, every view audited."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.hq.conftest import Clock, Wing, enrol
from tests.hq.console_fixtures import ADMIN, ANALYST, SECURITY, make_hq
from tests.hq.test_console_web import client, sign_in
from tests.hq.test_research import CANARY, FREE, NUMBER, hostile_lines, line
from wingdesk.hq.ingest import ingest


@pytest.fixture
def hq(tmp_path, hq_keys):
    made = make_hq(tmp_path / "hq", hq_keys, Clock)
    yield made
    made.store.close()


def _observations(n: int, polarity: str, month: str) -> list[dict]:
    return [line("observation", {"category": "NEEDS_REQUEST", "polarity": polarity, "what_seen_heard": FREE,
                                 "source_type": "DIRECT"}, str(uuid.uuid4()), occurred_at=f"{month}-02T08:00:00Z")
            for _ in range(n)]


def test_the_analyst_sees_charts_with_small_cells_suppressed(hq):
    wing = enrol(hq.ctx, Wing(hq.ctx.keys))
    lines = _observations(7, "CONCERN", "2026-04") + _observations(3, "POSITIVE", "2026-04")
    assert ingest(hq.ctx, wing.bundle(lines + hostile_lines(str(uuid.uuid4())))).outcome == "accepted"
    c = client(hq)
    sign_in(c, ANALYST)
    page = c.get("/research")
    assert page.status_code == 200 and "<script" not in page.text
    chart = page.text.split('aria-label="Observations by month and polarity">')[1].split("</svg>")[0]
    bars = re.findall(r'<rect class="([^"]+)" x="\d+" y="\d+" width="\d+" height="\d+"><title>([^<]*)</title>', chart)
    assert [(kind, text.split(": ")[1]) for kind, text in bars] == [("s0", "7"), ("suppressed", "fewer than 5")]
    assert ">3<" not in chart and ": 3<" not in chart
    for canary in (CANARY, NUMBER, FREE):
        assert canary not in page.text
    assert [r[2] for r in hq.audit("console_viewed") if "research" in r[2]]


@pytest.mark.parametrize("who", [ADMIN, SECURITY])
def test_other_roles_are_refused_the_dashboard(hq, who):
    c = client(hq)
    sign_in(c, who)
    answer = c.get("/research")
    assert answer.status_code == 403 and "Observations by month" not in answer.text
    assert any("path=/research" in r[2] for r in hq.audit("console_refused"))
