"""An insider with file access tries to erase a lock-out: delete, rewind or edit logins.json (issue 13, item 6)."""

import json
import shutil

import pytest

from tests.integration.conftest import ACCOUNTS, ADMIN_PW
from tests.integration.test_lockout import attempt, fake_time  # noqa: F401  (fixture)
from wingdesk.domain.errors import AuthError
from wingdesk.storage.backend import LocalWing

LOGINS = "logins.json"


def _fail(wing, times):
    for _ in range(times):
        code = attempt(wing).code
        assert code in ("wrong_password", "throttled")


def _audit_actions(session):
    return [e.action for e in session.audit.page(0, 200)]


def _right(wing, name="off1"):
    return wing.sign_in(name, ADMIN_PW if name == "admin" else ACCOUNTS[name][2])


def _audited(wing):
    admin = _right(wing, "admin")
    try:
        return _audit_actions(admin)
    finally:
        admin.lock()


def test_deleting_the_counter_file_after_five_failures_does_not_lift_the_lockout(wing, fake_time):  # noqa: F811
    _fail(wing, 5)
    (wing.directory / LOGINS).unlink()
    fake_time.now += 10_000
    with pytest.raises(AuthError) as info:
        _right(wing)  # the guessed passphrase does not let the guesser in
    assert info.value.code == "account_locked"
    assert "login_counter_tampered" in _audited(wing)
    sup = _right(wing, "sup")  # a supervisor can still sign in and unlocks
    assert sup.users.is_locked("off1")
    sup.users.unlock_account("off1")
    sup.lock()
    _right(wing).lock()


def test_a_rewound_counter_file_is_detected(wing, fake_time):  # noqa: F811
    old_copy = wing.directory.parent / "logins.old"
    shutil.copy(wing.directory / LOGINS, old_copy)
    _right(wing, "off2").lock()  # an ordinary sign-in moves the counter on
    _fail(wing, 5)
    shutil.copy(old_copy, wing.directory / LOGINS)
    fake_time.now += 10_000
    with pytest.raises(AuthError) as info:
        _right(wing)
    assert info.value.code == "account_locked"
    assert "login_counter_tampered" in _audited(wing)


def _zero_counts(node):
    if isinstance(node, dict):
        for key in list(node):
            if key == "count":
                node[key] = 0
            elif key in ("events", "pending"):
                node[key] = []
            else:
                _zero_counts(node[key])
    elif isinstance(node, list):
        for item in node:
            _zero_counts(item)


def test_an_edited_counter_file_is_detected(wing, fake_time):  # noqa: F811
    _fail(wing, 9)
    _right(wing, "off2").lock()  # the failures are now anchored in the database (and audited)
    path = wing.directory / LOGINS
    doc = json.loads(path.read_text("utf-8"))
    _zero_counts(doc)
    path.write_text(json.dumps(doc), "utf-8")
    fake_time.now += 10_000
    with pytest.raises(AuthError) as info:
        _right(wing)
    assert info.value.code == "account_locked"


def test_a_damaged_counter_file_is_detected_not_a_traceback(wing, fake_time):  # noqa: F811
    _fail(wing, 4)
    (wing.directory / LOGINS).write_bytes(b"\x00garbage{")
    fake_time.now += 10_000
    with pytest.raises(AuthError) as info:
        _right(wing)
    assert info.value.code == "account_locked"


def test_held_account_survives_a_restart_and_unlock_clears_it(wing, fake_time):  # noqa: F811
    _fail(wing, 2)
    (wing.directory / LOGINS).unlink()
    with pytest.raises(AuthError):
        _right(wing)
    restarted = LocalWing(wing.directory, kdf=wing.kdf)
    with pytest.raises(AuthError) as info:
        _right(restarted)  # the hold is in the database: a fresh counter file does not lift it
    assert info.value.code == "account_locked"
    admin = _right(restarted, "admin")
    assert "off1" in admin.users.lockouts()
    admin.users.unlock_account("off1")
    actions = _audit_actions(admin)
    assert "user_unlock" in actions and "login_counter_tampered" in actions
    admin.lock()
    _right(restarted).lock()


def test_untouched_file_keeps_working_and_attempts_are_audited(wing, login, fake_time):  # noqa: F811
    _fail(wing, 2)
    _right(wing).lock()  # two failures, then the right passphrase: no tampering
    admin = login("admin")
    actions = _audit_actions(admin)
    assert actions.count("login_failed") == 2 and "login_counter_tampered" not in actions
