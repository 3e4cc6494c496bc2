"""`wingdesk-hq enrol` refuses weak device keys and keys already enrolled under another id, in one sentence."""

from __future__ import annotations

import uuid

import pytest

from tests.hq.test_cli import run
from tests.sync.test_weak_keys import request_with
from tests.weak_key_vectors import NON_CANONICAL_ED25519, SMALL_ORDER_ED25519, WEAK_X25519, ids
from wingdesk.hq.store import open_store
from wingdesk.sync import keys
from wingdesk.sync.enrolment import make_enrolment_request, parse_enrolment_request

pytestmark = pytest.mark.timeout(180)

WEAK_SIGN = SMALL_ORDER_ED25519 + NON_CANONICAL_ED25519[:1]  # the eight small-order points and a non-canonical one
WEAK_ENC = WEAK_X25519[:7] + WEAK_X25519[7:8]  # the seven low-order u (0, 1, two of order 8, p-1, p, p+1), top bit
WEAK_SENTENCE = "Error: A public key was refused because it is weak (genuine keys never are); nothing was stored.\n"
EXISTS_SENTENCE = "Error: This device is already enrolled.\n"


@pytest.fixture(scope="module")
def hq_folder(tmp_path_factory):
    """An initialised HQ (its key file is not needed to enrol) with one wing enrolled: (folder, its keys)."""
    data_dir = tmp_path_factory.mktemp("hq") / "hq"
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert run(monkeypatch, _NoCapture(), data_dir, "init", "--kdf-memory-mib", "64")[0] == 0
    return data_dir


class _NoCapture:
    def readouterr(self):
        return type("Out", (), {"out": "", "err": ""})()


def enrolled_devices(data_dir) -> list:
    store = open_store(data_dir, create=False)
    try:
        with store.transaction(write=False) as repo:
            return repo.list_devices()
    finally:
        store.close()


def enrol(monkeypatch, capsys, data_dir, tmp_path, request: bytes):
    (tmp_path / "req.json").write_bytes(request)
    try:
        code = parse_enrolment_request(request).confirmation_code
    except Exception:
        code = "ABCD-EFGH"  # a weak key is refused before the code is compared
    return run(monkeypatch, capsys, data_dir, "enrol", str(tmp_path / "req.json"), "--code", code)


@pytest.mark.parametrize("weak", WEAK_SIGN, ids=ids(WEAK_SIGN))
def test_a_weak_signing_key_is_refused_and_nothing_stored(weak, hq_folder, tmp_path, monkeypatch, capsys):
    before = enrolled_devices(hq_folder)
    genuine = keys.generate_key_pairs()
    code, out, err = enrol(monkeypatch, capsys, hq_folder, tmp_path, request_with(weak, genuine.enc_public))
    assert (code, out, err) == (1, "", WEAK_SENTENCE)
    assert weak.hex() not in err and enrolled_devices(hq_folder) == before


@pytest.mark.parametrize("weak", WEAK_ENC, ids=ids(WEAK_ENC))
def test_a_low_order_encryption_key_is_refused_and_nothing_stored(weak, hq_folder, tmp_path, monkeypatch, capsys):
    before = enrolled_devices(hq_folder)
    genuine = keys.generate_key_pairs()
    code, out, err = enrol(monkeypatch, capsys, hq_folder, tmp_path, request_with(genuine.sign_public, weak, genuine))
    assert (code, out, err) == (1, "", WEAK_SENTENCE)
    assert enrolled_devices(hq_folder) == before


def test_keys_already_enrolled_under_another_id_are_the_device_exists_refusal(hq_folder, tmp_path, monkeypatch,
                                                                             capsys):
    first = keys.generate_key_pairs()
    request, code_text = make_enrolment_request(str(uuid.uuid4()), "Wing B", first)
    assert enrol(monkeypatch, capsys, hq_folder, tmp_path, request)[0] == 0
    before = enrolled_devices(hq_folder)

    same_keys = make_enrolment_request(str(uuid.uuid4()), "Wing B again", first)[0]
    assert enrol(monkeypatch, capsys, hq_folder, tmp_path, same_keys) == (1, "", EXISTS_SENTENCE)
    other = keys.generate_key_pairs()  # a new signing key, the enrolled device's encryption key
    same_enc = request_with(other.sign_public, first.enc_public, other)
    assert enrol(monkeypatch, capsys, hq_folder, tmp_path, same_enc) == (1, "", EXISTS_SENTENCE)
    assert enrol(monkeypatch, capsys, hq_folder, tmp_path, request) == (1, "", EXISTS_SENTENCE)  # the same id
    assert enrolled_devices(hq_folder) == before
