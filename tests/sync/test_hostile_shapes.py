"""Whatever shape a signed file, a receipt, a bundle line or an HTTP answer takes, the reader answers with its own
error (a SyncError the callers turn into "refused") — never KeyError, ValueError, OverflowError or a 500."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime

import httpx2
import pytest
import zstandard

from wingdesk.domain.shown_text import printable
from wingdesk.sync import errors, keys, payload
from wingdesk.sync.enrolment import ENROL_DOMAIN, make_enrolment_request, parse_enrolment_request
from wingdesk.sync.header import GENESIS_HASH, KIND_HQ_TO_WING, MAX_SEQ, SIGN_DOMAIN, BundleHeader, frame
from wingdesk.sync.hq_key_file import load_hq_public_keys
from wingdesk.sync.receipts import verify_receipt
from wingdesk.sync.reference import open_hq_bundle, seal_hq_bundle, utc_from_text
from wingdesk.sync.signed_json import sign_doc
from wingdesk.sync.strict_json import canonical
from wingdesk.sync.wing_transport import _error_code

NOW = datetime(2025, 3, 1, tzinfo=UTC)


def _receipt_body(hq: keys.KeyPairs, **changes) -> dict:
    body = {
        "v": 1, "env": "prod", "device_id": str(uuid.uuid4()), "bundle_id": str(uuid.uuid4()), "seq": 1,
        "bundle_hash": "a" * 64, "status": "accepted", "reason": "", "counts": {}, "hcs": 1, "hcs_hash": "a" * 64,
        "missing": [], "missing_truncated": False, "hq_received_at": "x", "hq_hlc": "y", "receipt_seq": 1,
        "hq_key_id": keys.key_id(hq.sign_public), "clock_skew_s": None,
    }  # fmt: skip
    return body | changes


@pytest.mark.parametrize(
    ("changes", "sig"),
    [
        ({}, "é"),  # non-ASCII base64: ValueError before
        ({"counts": {"new": 2**60}}, "A" * 86 + "=="),  # no RFC 8785 form: IntegerDomainError before
        ({"reason": "\ud800"}, "A" * 86 + "=="),  # lone surrogate: CanonicalizationError before
        ({"v": True}, "A" * 86 + "=="),  # True == 1
    ],
)
def test_an_unsigned_or_odd_receipt_is_receipt_invalid(hq_pair, changes, sig):
    raw = json.dumps({"receipt": _receipt_body(hq_pair, **changes), "sig": sig}).encode()
    with pytest.raises(errors.ReceiptInvalid):
        verify_receipt(raw, hq_pair.sign_public)


def test_signed_files_with_odd_values_are_refused_as_such():
    device = keys.generate_key_pairs()
    with pytest.raises(errors.KeyFileInvalid):
        load_hq_public_keys(json.dumps({"hq_keys": {}, "sig": "é"}).encode())
    request, _code = make_enrolment_request(str(uuid.uuid4()), "Wing B", device)
    wrapper = json.loads(request)
    for changes in ({"wing_name": "\ud800"}, {"v": True}):
        body = wrapper["request"] | changes
        with pytest.raises(errors.EnrolmentInvalid):
            parse_enrolment_request(json.dumps({"request": body, "sig": wrapper["sig"]}).encode())
    self_signed = sign_doc("request", wrapper["request"] | {"v": True}, ENROL_DOMAIN, device.sign_private)
    with pytest.raises(errors.EnrolmentInvalid):
        parse_enrolment_request(self_signed)


@pytest.mark.parametrize("kind", ["\ud800", "log\nentry", "\x1b[2J", "x" * 65])
def test_a_record_kind_must_be_a_short_printable_ascii_name(kind):
    line = json.dumps({"body": {}, "content_hash": "0" * 64, "kind": kind, "record_id": str(uuid.uuid4()), "rev": 1})
    with pytest.raises(errors.RecordInvalid, match="record.kind"):
        payload.decode_records(line.encode() + b"\n", 0, 1)


def _raw_hq_bundle(hq: keys.KeyPairs, device_id: str, device: keys.KeyPairs, lines: list[bytes]) -> bytes:
    """An HQ->wing bundle holding these exact record lines (seal_hq_bundle would refuse to write them)."""
    body = b"".join(line + b"\n" for line in lines)
    manifest = {
        "schema": payload.SCHEMA, "kind": KIND_HQ_TO_WING, "env": "prod", "bundle_id": str(uuid.uuid4()),
        "device_id": device_id, "seq": 1, "prev_hash": GENESIS_HASH, "record_count": len(lines),
        "plaintext_len": len(body), "compression": "zstd", "ref_seq": 1, "issued_at": "2025-03-01T00:00:00Z",
        "max_age": 3600,
    }  # fmt: skip
    plain = zstandard.ZstdCompressor().compress(canonical(manifest) + b"\n" + body)
    sealed = payload.encrypt(plain, keys.age_recipient(device.enc_public))
    header = BundleHeader(
        kind=KIND_HQ_TO_WING, env="prod", bundle_id=manifest["bundle_id"], device_id=device_id,
        signer_key_id=keys.key_id(hq.sign_public), recipient_key_id=keys.key_id(device.enc_public), seq=1,
        prev_hash=GENESIS_HASH, payload_len=len(sealed), payload_sha256=hashlib.sha256(sealed).hexdigest(),
    )  # fmt: skip
    prefix = frame(header.to_bytes())
    return prefix + keys.sign(hq.sign_private, SIGN_DOMAIN + prefix) + sealed


def test_hq_bundles_with_extreme_values_are_applied_or_refused_never_crash(hq_pair):
    device_id, device = str(uuid.uuid4()), keys.generate_key_pairs()

    def opened(data: bytes):
        return open_hq_bundle(data, hq_pair.sign_public, device.enc_private, device_id, "prod", NOW)

    # max_age beyond what a timedelta holds; issued at the end of the calendar: OverflowError before
    assert not opened(seal_hq_bundle(device_id, 1, GENESIS_HASH, [], hq_pair.sign_private, device.enc_public, "prod",
                                     NOW, MAX_SEQ)).stale  # fmt: skip
    far = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
    assert opened(seal_hq_bundle(device_id, 1, GENESIS_HASH, [], hq_pair.sign_private, device.enc_public, "prod",
                                 far, 60)).issued_at == far  # fmt: skip
    huge = json.dumps(
        {"body": {"event": "admission", "n": 2**60}, "content_hash": "0" * 64, "kind": "roster",
         "record_id": str(uuid.uuid4()), "rev": 1}, separators=(",", ":"), sort_keys=True).encode()  # fmt: skip
    with pytest.raises(errors.RecordInvalid):  # no RFC 8785 form, so no content hash: IntegerDomainError before
        opened(_raw_hq_bundle(hq_pair, device_id, device, [huge]))


@pytest.mark.parametrize(
    "text", ["2025-3-1T0:0:0Z", "٢٠٢٥-03-01T00:00:00Z", "2025-03-01T00:00:00Z\n", "2025-13-01T00:00:00Z", 5]
)
def test_only_the_timestamps_hq_writes_are_read(text):
    assert utc_from_text("2025-03-01T00:00:00Z") == NOW
    assert utc_from_text(text) is None


@pytest.mark.parametrize(
    "content",
    [b"[1]", b"[" * 100_000 + b"]" * 100_000, b'{"error": "\xef\xbc\xa1DMIN_call_555"}',
     b'{"error": "' + b"a" * 500 + b'"}', b"<html>proxy</html>", b'{"error": 5}'],
)  # fmt: skip
def test_an_answer_that_is_not_hqs_error_shape_is_reported_by_status(content):
    assert _error_code(httpx2.Response(500, content=content)) == "http_500"
    assert _error_code(httpx2.Response(422, content=b'{"error": "bundle_truncated"}')) == "bundle_truncated"


def test_outside_text_is_printed_with_control_characters_escaped():
    assert printable("\x1b]2;owned\x07\x1b[2J.wdb") == "\\x1b]2;owned\\x07\\x1b[2J.wdb"
    assert printable("Krilo B — Ђорђе") == "Krilo B — Ђорђе"
