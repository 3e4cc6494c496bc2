"""The demo's moments of today (wingdesk.demo.incidents.todays_moments) rise with their share and never pass the
real time, at any time of day: just after midnight the window ran backwards and the demo failed ("in_future")."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from wingdesk.demo.incidents import _at, todays_moments

TODAY = date(2026, 12, 8)


@pytest.mark.parametrize("after_midnight", [timedelta(0), timedelta(seconds=20), timedelta(minutes=3),
                                            timedelta(minutes=5, seconds=30), timedelta(minutes=7),
                                            timedelta(hours=3), timedelta(hours=23, minutes=59)])
def test_todays_moments_rise_stay_today_and_never_pass_now(after_midnight):
    now = _at(TODAY, 0) + after_midnight
    at = todays_moments(TODAY, now)
    moments = [at(share / 20) for share in range(21)]
    assert moments == sorted(moments)
    assert _at(TODAY, 0) <= moments[0] and moments[-1] <= now
