"""Clock skew from one bundle: export time, records written under a clock set back, an HLC from a clock ahead."""

from datetime import UTC, datetime, timedelta

from wingdesk.hq.clock_skew import WrittenBehind, bundle_skew_s
from wingdesk.sync.strict_json import loads_object

NOW = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)


def _line(kind: str, hlc_at: datetime, wall: datetime) -> dict:
    hlc = f"{int(hlc_at.timestamp() * 1000):013d}.000003"
    return loads_object(b'{"kind": "%s", "hlc": "%s", "wall_time": "%s"}' % (
        kind.encode(), hlc.encode(), wall.isoformat().replace("+00:00", "Z").encode()))


def written_behind_s(lines: list[dict]) -> int:
    clock = WrittenBehind()
    for line in lines:
        clock.see(line)
    return clock.seconds


def test_records_written_under_a_clock_set_back_show_how_far():
    lines = [_line("log_entry", NOW, NOW), _line("log_entry", NOW, NOW - timedelta(days=2, minutes=3))]
    assert written_behind_s(lines) == -(2 * 86400 + 180)
    assert bundle_skew_s("2025-03-03T10:00:00Z", None, written_behind_s(lines), NOW) == -(2 * 86400 + 180)


def test_amendments_and_countersignatures_are_stamped_when_sealed_and_do_not_count():
    late = [_line("amendment", NOW, NOW - timedelta(days=5)), _line("countersignature", NOW, NOW - timedelta(days=5))]
    assert written_behind_s(late) == 0


def test_user_key_announcements_are_stamped_when_sealed_and_do_not_count():
    """An account added weeks before the wing's first export is no sign of a clock set back."""
    assert written_behind_s([_line("user_key", NOW, NOW - timedelta(days=30))]) == 0


def test_a_clock_ahead_shows_in_the_hlc_and_small_errors_are_not_flagged():
    ahead = f"{int((NOW + timedelta(days=3)).timestamp() * 1000):013d}.000000"
    assert bundle_skew_s("2025-03-03T10:00:00Z", ahead, 0, NOW) == 3 * 86400
    assert bundle_skew_s("2025-03-03T11:00:00Z", None, -3600, NOW) is None
    assert bundle_skew_s("not a time", "junk", 0, NOW) is None
