"""Passphrase policy and login throttling rules."""

import pytest

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.passwords import check_passphrase
from wingdesk.domain.throttle import delay_after, is_locked
from wingdesk.storage.resources import load_blocklist


def test_length_not_composition():
    check_passphrase("four calm words here", frozenset())
    with pytest.raises(ValidationError) as info:
        check_passphrase("Sh0rt but 14 c", frozenset())
    assert info.value.code == "passphrase_too_short"


def test_blocklist_and_own_name():
    blocklist = load_blocklist()
    assert len(blocklist) > 10000
    with pytest.raises(ValidationError):
        check_passphrase("passwordpassword", blocklist)
    with pytest.raises(ValidationError) as info:
        check_passphrase("jmarkovic1234567", frozenset(), ("jmarkovic",))
    assert info.value.code == "passphrase_contains_name"
    with pytest.raises(ValidationError):
        check_passphrase("aaaaaaaaaaaaaaa", frozenset())


def test_delay_grows_after_three_and_locks_at_ten():
    assert [delay_after(n) for n in range(0, 7)] == [0, 0, 0, 1, 2, 4, 8]
    assert delay_after(30) == 300
    assert not is_locked(9) and is_locked(10)
