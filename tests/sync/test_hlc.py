"""The hybrid logical clock stays monotonic when the wing clock jumps (sync.md §4.12)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wingdesk.domain.hlc import Hlc, merge, skew_seconds, tick


@given(st.lists(st.integers(0, 10**13), min_size=1, max_size=50))
def test_tick_is_strictly_monotonic_whatever_the_wall_clock(walls):
    last = Hlc(0)
    for wall in walls:
        nxt = tick(last, wall)
        assert nxt > last
        last = nxt


def test_clock_set_back_mid_shift():
    ahead = tick(Hlc(0), 4_000_000_000_000)  # years ahead
    back = tick(ahead, 1_700_000_000_000)
    assert back > ahead and Hlc.parse(str(back)) == back


def test_merge_with_hq():
    local = Hlc(1000, 3)
    merged = merge(local, Hlc(5000, 1), 2000)
    assert merged > Hlc(5000, 1) and merged > local
    assert skew_seconds(5000, 2000) == 3
