"""Enrolment requests and the HQ public key file."""

from __future__ import annotations

import json
import uuid

import pytest

from wingdesk.sync import errors, keys
from wingdesk.sync.enrolment import make_enrolment_request, parse_enrolment_request
from wingdesk.sync.hq_key_file import load_hq_public_keys, make_hq_key_file


def test_request_round_trip(device_keys):
    device_id = str(uuid.uuid4())
    data, code = make_enrolment_request(device_id, "Wing B – Шта", device_keys)
    request = parse_enrolment_request(data)
    assert request.device_id == device_id and request.confirmation_code == code
    assert request.sign_public == device_keys.sign_public and request.enc_public == device_keys.enc_public
    assert len(code) == 9 and code[4] == "-"
    assert device_keys.sign_private not in data and device_keys.enc_private not in data


def test_tampered_request_rejected(device_keys):
    data, _ = make_enrolment_request(str(uuid.uuid4()), "Wing B", device_keys)
    doc = json.loads(data)
    doc["request"]["enc_public"] = doc["request"]["sign_public"]
    with pytest.raises(errors.EnrolmentInvalid):
        parse_enrolment_request(json.dumps(doc).encode())


@pytest.mark.parametrize("device_id", ["../etc", "CON", "x" * 300])
def test_request_needs_uuid_device_id(device_keys, device_id):
    with pytest.raises(errors.EnrolmentInvalid):
        make_enrolment_request(device_id, "Wing", device_keys)


def test_key_file_round_trip_and_tamper(hq_pair):
    data = make_hq_key_file(hq_pair, "prod", "HQ", "2025-01-01T00:00:00Z")
    loaded = load_hq_public_keys(data)
    assert loaded.sign_public == hq_pair.sign_public and loaded.enc_key_id == hq_pair.enc_key_id
    assert hq_pair.sign_private not in data
    doc = json.loads(data)
    doc["hq_keys"]["enc_public"] = doc["hq_keys"]["sign_public"]
    with pytest.raises(errors.KeyFileInvalid):
        load_hq_public_keys(json.dumps(doc).encode())
    forged = make_hq_key_file(keys.generate_key_pairs(), "prod", "HQ", "2025-01-01T00:00:00Z")
    assert load_hq_public_keys(forged).fingerprint != loaded.fingerprint
