"""A wrong passphrase costs the same for an unknown user name as for a known one (issue 13, item 6)."""

import statistics
import time

import pytest

import wingdesk.crypto.keyslots as keyslots_module
from wingdesk.crypto.kdf import FLOOR_ITERATIONS, FLOOR_MEMORY_KIB, LANES, KdfParams, floor_params
from wingdesk.domain.errors import AuthError
from wingdesk.storage.backend import LocalWing

ABOVE_FLOOR = KdfParams(2 * FLOOR_MEMORY_KIB, FLOOR_ITERATIONS, LANES, b"\x00" * 16)  # like a calibrated wing


@pytest.fixture(scope="module")
def calibrated_wing(tmp_path_factory):
    folder = tmp_path_factory.mktemp("timing") / "wing"
    wing = LocalWing(folder, kdf=ABOVE_FLOOR)
    wing.create("T-Wing", "Test Prison", "admin", "Ada Admin", "admin passphrase for tests")
    return wing


def _wrong(wing, name):
    start = time.perf_counter()
    with pytest.raises(AuthError) as info:
        wing.sign_in(name, "not the passphrase at all")
    assert info.value.code == "wrong_password"
    return time.perf_counter() - start


def test_unknown_names_derive_with_the_parameters_of_a_real_slot(calibrated_wing, monkeypatch):
    used = []
    real_derive = keyslots_module.derive

    def spy(passphrase, params):
        used.append((params.memory_kib, params.iterations, params.lanes))
        return real_derive(passphrase, params)

    monkeypatch.setattr(keyslots_module, "derive", spy)
    _wrong(calibrated_wing, "admin")
    _wrong(calibrated_wing, "nobody.here")
    assert used == [(ABOVE_FLOOR.memory_kib, ABOVE_FLOOR.iterations, ABOVE_FLOOR.lanes)] * 2


def test_unknown_names_cost_about_the_same_as_known_ones(calibrated_wing, monkeypatch):
    monkeypatch.setattr("wingdesk.services.sign_in.check_throttle", lambda *args: None)  # time the KDF, not waits
    known, unknown = [], []
    for i in range(7):  # interleaved, and the fastest of each: other work on a shared machine only adds time
        known.append(_wrong(calibrated_wing, "admin"))
        unknown.append(_wrong(calibrated_wing, f"ghost{i}"))
    ratio = min(unknown) / min(known)
    # before the fix an unknown name cost 0.4x a known one; the band leaves room for a loaded CI machine
    assert 0.75 <= ratio <= 1.33, (ratio, statistics.median(unknown) / statistics.median(known))


def test_floor_kdf_wing_still_signs_in(tmp_path):
    wing = LocalWing(tmp_path / "w", kdf=floor_params())
    wing.create("T-Wing", "Test Prison", "admin", "Ada Admin", "admin passphrase for tests")
    wing.sign_in("admin", "admin passphrase for tests").lock()


def test_unknown_names_are_throttled_each_on_their_own(wing, monkeypatch):
    """A count shared by all unknown names would make them answer "throttled" while a real name still answers
    "wrong password" — a name oracle. Each unknown name gets its own count, like an account."""
    for i in range(4):
        with pytest.raises(AuthError) as info:
            wing.sign_in(f"ghost{i}", "not the passphrase at all")
        assert info.value.code == "wrong_password" and not info.value.params.get("wait"), i
    for _ in range(4):
        with pytest.raises(AuthError) as info:
            wing.sign_in("ghost0", "not the passphrase at all")
    assert info.value.code == "throttled"  # the same name, again and again, is throttled like an account
