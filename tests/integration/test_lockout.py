"""Wrong passwords: growing delay after 3, locked at 10 until cleared, counter survives a restart, audited."""

import pytest

import wingdesk.services.sign_in as sign_in_module
import wingdesk.storage.throttle_file as throttle_module
from tests.integration.conftest import ACCOUNTS
from wingdesk.domain.errors import AuthError
from wingdesk.storage.backend import LocalWing


class FakeTime:
    def __init__(self):
        self.now = 1_000_000.0

    def time(self):
        return self.now


@pytest.fixture
def fake_time(monkeypatch):
    clock = FakeTime()
    monkeypatch.setattr(sign_in_module.time, "time", clock.time)
    monkeypatch.setattr(throttle_module.time, "time", clock.time)
    return clock


def attempt(wing, password="definitely wrong passphrase"):
    with pytest.raises(AuthError) as info:
        wing.sign_in("off1", password)
    return info.value


def test_delay_then_lock_then_restart_then_unlock(wing, fake_time):
    delays = []
    for n in range(1, 13):
        error = attempt(wing)
        if error.code == "throttled":
            delays.append(("throttled", n))
            fake_time.now += error.params["wait"]
            error = attempt(wing)
        delays.append((error.code, error.params.get("wait", 0)))
        if error.code == "account_locked":
            break
        fake_time.now += 1000
    codes = [c for c, _ in delays]
    assert codes[:3] == ["wrong_password"] * 3
    assert delays[2][1] == 1 and delays[3][1] == 2 and delays[4][1] == 4
    assert codes[-1] == "account_locked"
    # The right password does not help while locked, and a restart (new objects) keeps the count.
    restarted = LocalWing(wing.directory, kdf=wing.kdf)
    assert attempt(restarted, ACCOUNTS["off1"][2]).code == "account_locked"
    sup = restarted.sign_in("sup", ACCOUNTS["sup"][2])
    assert sup.users.is_locked("off1")
    sup.users.unlock_account("off1")
    sup.lock()
    restarted.sign_in("off1", ACCOUNTS["off1"][2]).lock()


def test_throttle_refuses_before_running_the_kdf(wing, fake_time):
    for _ in range(3):
        attempt(wing)
    error = attempt(wing, ACCOUNTS["off1"][2])  # even the right password waits out the delay
    assert error.code == "throttled" and error.params["wait"] >= 1
    fake_time.now += 2
    wing.sign_in("off1", ACCOUNTS["off1"][2]).lock()


def test_failed_attempts_are_audited_after_the_next_unlock(wing, login, fake_time):
    attempt(wing)
    attempt(wing)
    admin = login("admin")
    actions = [(e.actor, e.action) for e in admin.audit.page(0, 50)]
    assert actions.count(("off1", "login_failed")) == 2


def test_error_messages_hold_no_secret(wing, fake_time):
    error = attempt(wing, "my secret passphrase words")
    assert "secret" not in str(error) and "secret" not in repr(error)
