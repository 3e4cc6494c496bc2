"""HQ private keys are encrypted under the passphrase, never stored in clear."""

from __future__ import annotations

import json

import pytest

from wingdesk.hq import keystore
from wingdesk.hq.errors import KeystoreError, KeystoreExists, WeakKdfParameters, WrongPassphrase

FLOOR = keystore.KdfParams(memory_kib=64 * 1024, iterations=3, lanes=4)


def test_round_trip_wrong_passphrase_and_tamper(tmp_path, hq_keys):
    path = tmp_path / "hq-keys.json"
    keystore.save_keystore(path, hq_keys, b"correct horse battery staple", FLOOR)
    data = path.read_bytes()
    assert hq_keys.current.sign_private not in data and hq_keys.current.enc_private not in data
    assert (path.stat().st_mode & 0o777) == 0o600
    loaded = keystore.load_keystore(path, b"correct horse battery staple")
    assert loaded.current == hq_keys.current and loaded.env == "prod"
    with pytest.raises(WrongPassphrase):
        keystore.load_keystore(path, b"wrong")
    doc = json.loads(data)
    doc["env"] = "test"  # public part is bound as AAD
    path.write_text(json.dumps(doc))
    with pytest.raises(WrongPassphrase):
        keystore.load_keystore(path, b"correct horse battery staple")
    with pytest.raises(KeystoreExists):
        keystore.save_keystore(path, hq_keys, b"x", FLOOR)
    path.write_text("{}")
    with pytest.raises(KeystoreError):
        keystore.load_keystore(path, b"x")


def test_kdf_floor(tmp_path, hq_keys):
    with pytest.raises(WeakKdfParameters):
        keystore.save_keystore(tmp_path / "k", hq_keys, b"x", keystore.KdfParams(memory_kib=1024))


def test_rotation_keeps_old_key(hq_keys):
    rotated = keystore.rotate_enc_key(hq_keys)
    assert hq_keys.current.enc_key_id in rotated.identities() and rotated.current.enc_key_id in rotated.identities()
    assert "private" not in repr(rotated) and hq_keys.current.enc_private.hex() not in repr(rotated)
