"""Ids, hashes and key ids in bundles are checked whole: `^...$` would also let a trailing newline through."""

from __future__ import annotations

import dataclasses
import uuid

import pytest

from wingdesk.domain.hlc import Hlc
from wingdesk.sync.errors import BundleFormatError
from wingdesk.sync.header import VERSION, BundleHeader, header_from_dict, is_sha256_hex, is_uuid

_GOOD = BundleHeader(
    v=VERSION,
    kind="wing->hq",
    env="prod",
    bundle_id=str(uuid.uuid4()),
    device_id=str(uuid.uuid4()),
    signer_key_id="0123456789abcdef",
    recipient_key_id="fedcba9876543210",
    seq=1,
    prev_hash="0" * 64,
    payload_len=10,
    payload_sha256="a" * 64,
)


def test_the_reference_header_is_valid():
    assert header_from_dict(dataclasses.asdict(_GOOD)) == _GOOD


@pytest.mark.parametrize(
    "field", ["bundle_id", "device_id", "signer_key_id", "recipient_key_id", "prev_hash", "payload_sha256"]
)
@pytest.mark.parametrize("suffix", ["\n", "\r\n", " ", "0"])
def test_a_header_field_with_anything_after_it_is_refused(field, suffix):
    raw = dataclasses.asdict(_GOOD)
    raw[field] += suffix
    with pytest.raises(BundleFormatError, match=f"header.{field}"):
        header_from_dict(raw)


def test_record_ids_and_hashes_with_a_trailing_newline_are_not_ids():
    ident = str(uuid.uuid4())
    assert is_uuid(ident) and not is_uuid(ident + "\n") and not is_uuid("\n" + ident)
    assert is_sha256_hex("b" * 64) and not is_sha256_hex("b" * 64 + "\n")


@pytest.mark.parametrize("text", ["1700000000000.000001\n", "١٧٠٠٠٠٠٠٠٠٠٠٠.000001", "1700000000000.000001 "])
def test_hlc_text_is_canonical_ascii_only(text):
    assert Hlc.parse("1700000000000.000001") == Hlc(1700000000000, 1)
    with pytest.raises(ValueError):
        Hlc.parse(text)
