"""Fixtures for bundle-format tests: device and HQ keys and a sealed sample bundle."""

from __future__ import annotations

import uuid

import pytest

from wingdesk.sync import keys
from wingdesk.sync.bundle import seal_bundle
from wingdesk.sync.header import GENESIS_HASH, KIND_WING_TO_HQ
from wingdesk.sync.payload import record_content_hash


def _record(index: int) -> dict:
    body = {"text": f"entry {index} Ž", "n": index, "tags": ["a", "b"], "nested": {"ok": True, "none": None}}
    return {
        "record_id": str(uuid.uuid4()),
        "rev": 1,
        "kind": "daily_log",
        "content_hash": record_content_hash(body),
        "body": body,
    }


@pytest.fixture(scope="session")
def device_keys() -> keys.KeyPairs:
    return keys.generate_key_pairs()


@pytest.fixture(scope="session")
def hq_pair() -> keys.KeyPairs:
    return keys.generate_key_pairs()


@pytest.fixture(scope="session")
def device_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture(scope="session")
def records() -> list[dict]:
    return [_record(i) for i in range(5)]


@pytest.fixture
def make_records():
    return lambda n: [_record(i) for i in range(n)]


@pytest.fixture(scope="session")
def sealed(device_keys, hq_pair, device_id, records) -> bytes:
    return seal_bundle(
        KIND_WING_TO_HQ, device_id, 1, GENESIS_HASH, records, device_keys.sign_private, hq_pair.enc_public, "prod"
    )


@pytest.fixture(scope="session")
def signers(device_keys) -> dict[str, bytes]:
    return {device_keys.sign_key_id: device_keys.sign_public}
