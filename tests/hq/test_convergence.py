"""Hypothesis: any arrival order or duplication of the same bundles converges to the same HQ state."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wingdesk.hq.devices import enrol_device
from wingdesk.hq.ingest import HqContext, ingest
from wingdesk.hq.store import open_store


def _fresh_hq(path, hq_keys, wing) -> HqContext:
    ctx = HqContext(open_store(path), hq_keys)
    request, code = wing.enrolment()
    enrol_device(ctx.store, request, code, "prod", datetime(2025, 1, 1, tzinfo=UTC))
    return ctx


def _state(ctx: HqContext) -> dict:
    with ctx.store.transaction(write=False) as repo:
        return repo.snapshot()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(list(range(6))), dupes=st.lists(st.integers(0, 5), max_size=6))
def test_any_order_or_duplication_converges(tmp_path_factory, hq_keys, make_wing, record, order, dupes):
    wing = make_wing(enrolled=False)
    shared = record(0)  # the same record revision travels in several bundles
    bundles = [wing.bundle([shared, record(i)]) if i % 2 else wing.bundle(n=2) for i in range(6)]
    reference = _fresh_hq(tmp_path_factory.mktemp("ref"), hq_keys, wing)
    shuffled = _fresh_hq(tmp_path_factory.mktemp("hq"), hq_keys, wing)
    try:
        for data in bundles:
            ingest(reference, data)
        outcomes = [ingest(shuffled, bundles[i]).outcome for i in [*order, *dupes]]
        assert outcomes.count("accepted") == 6 and "quarantined" not in outcomes
        assert _state(shuffled) == _state(reference)
    finally:
        reference.store.close()
        shuffled.store.close()
