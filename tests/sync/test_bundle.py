"""Round trip, strict framing, truncation, bit flips, caps and bombs for the bundle format (sync.md §4)."""

from __future__ import annotations

import hashlib
import json
import struct
import uuid
import zlib

import pytest
import zstandard
from hypothesis import given, settings
from hypothesis import strategies as st

from wingdesk.sync import errors, keys, payload
from wingdesk.sync.bundle import bundle_hash, open_bundle, seal_bundle, split_records, verify_bundle
from wingdesk.sync.header import GENESIS_HASH, KIND_WING_TO_HQ, MAGIC, PREFIX_LEN, SIGN_DOMAIN, frame
from wingdesk.sync.keys import SIG_LEN


def _regions(data: bytes) -> dict[str, tuple[int, int]]:
    (hdr_len,) = struct.unpack(">I", data[5:9])
    sig_end = PREFIX_LEN + hdr_len + SIG_LEN
    age_header_end = data.index(b"\n---", sig_end) + 50
    return {
        "magic": (0, 5),
        "hdr_len": (5, 9),
        "header": (9, 9 + hdr_len),
        "signature": (9 + hdr_len, sig_end),
        "age_header": (sig_end, age_header_end),
        "payload_body": (age_header_end, len(data)),
    }


def test_round_trip(sealed, signers, hq_pair, records, device_id):
    header, manifest, opened = open_bundle(sealed, signers, hq_pair.enc_private, expected_env="prod")
    assert opened == records
    assert header.device_id == manifest["device_id"] == device_id
    assert manifest["record_count"] == len(records)
    assert header.recipient_key_id == hq_pair.enc_key_id


def test_standard_age_tools_can_decrypt_the_payload(sealed, signers, hq_pair):
    """Staff can open the payload with stock age: it is a plain age v1 file after the signature."""
    import pyrage

    verified = verify_bundle(sealed, signers)
    assert verified.framing.payload.startswith(b"age-encryption.org/v1\n")
    plaintext = pyrage.decrypt(verified.framing.payload, [keys.age_identity(hq_pair.enc_private)])
    assert zstandard.ZstdDecompressor().decompress(plaintext).startswith(b'{"bundle_id"')


def test_header_holds_no_record_content(sealed, records):
    header_region = sealed[: _regions(sealed)["signature"][1]]
    for record in records:
        assert record["body"]["text"].encode() not in header_region
        assert record["record_id"].encode() not in sealed


@pytest.mark.parametrize("region", ["magic", "hdr_len", "header", "signature", "age_header", "payload_body"])
def test_truncation_at_each_boundary_is_rejected(sealed, signers, hq_pair, region):
    start, end = _regions(sealed)[region]
    for cut in {start, (start + end) // 2, end - 1}:
        with pytest.raises(errors.SyncError):
            open_bundle(sealed[:cut], signers, hq_pair.enc_private)


def test_missing_final_age_chunk_is_rejected_before_decryption(sealed, signers, hq_pair):
    with pytest.raises(errors.BundleTruncated):
        verify_bundle(sealed[:-1], signers)


@pytest.mark.parametrize("region", ["magic", "hdr_len", "header", "signature", "age_header", "payload_body"])
def test_bit_flip_in_each_region_is_rejected(sealed, signers, hq_pair, region, monkeypatch):
    decrypted = []
    monkeypatch.setattr(payload, "decrypt", lambda *a: decrypted.append(1))
    start, end = _regions(sealed)[region]
    for offset in {start, (start + end) // 2, end - 1}:
        flipped = bytearray(sealed)
        flipped[offset] ^= 0x04
        with pytest.raises(errors.SyncError):
            open_bundle(bytes(flipped), signers, hq_pair.enc_private)
    assert decrypted == []  # nothing reached decryption


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_property_no_truncation_or_flip_is_accepted(sealed, signers, hq_pair, data):
    cut = data.draw(st.integers(0, len(sealed) - 1))
    with pytest.raises(errors.SyncError):
        open_bundle(sealed[:cut], signers, hq_pair.enc_private)
    offset = data.draw(st.integers(0, len(sealed) - 1))
    bit = data.draw(st.integers(0, 7))
    flipped = bytearray(sealed)
    flipped[offset] ^= 1 << bit
    with pytest.raises(errors.SyncError):
        open_bundle(bytes(flipped), signers, hq_pair.enc_private)


def test_unknown_signer(sealed, hq_pair):
    other = keys.generate_key_pairs()
    with pytest.raises(errors.UnknownSigner):
        open_bundle(sealed, {other.sign_key_id: other.sign_public}, hq_pair.enc_private)


def test_signer_key_id_pointing_at_other_key_fails(sealed, device_keys, hq_pair):
    other = keys.generate_key_pairs()
    with pytest.raises((errors.UnknownSigner, errors.SignatureInvalid)):
        open_bundle(sealed, {device_keys.sign_key_id: other.sign_public}, hq_pair.enc_private)


def test_wrong_recipient(sealed, signers):
    with pytest.raises(errors.WrongRecipient):
        open_bundle(sealed, signers, keys.generate_key_pairs().enc_private)


def test_env_mismatch(sealed, signers, hq_pair):
    with pytest.raises(errors.EnvironmentMismatch):
        open_bundle(sealed, signers, hq_pair.enc_private, expected_env="test")


def _resign(data: bytes, signer: keys.KeyPairs, **changes) -> bytes:
    """An attacker with some enrolled key rewrites header fields and signs again."""
    hdr_len = struct.unpack(">I", data[5:9])[0]
    header = json.loads(data[9 : 9 + hdr_len])
    header.update(changes, signer_key_id=signer.sign_key_id)
    header_bytes = json.dumps(header).encode()
    prefix = frame(header_bytes)
    return prefix + keys.sign(signer.sign_private, SIGN_DOMAIN + prefix) + data[9 + hdr_len + SIG_LEN :]


def test_stripped_and_resigned_by_other_device_is_caught_by_manifest(sealed, hq_pair):
    attacker = keys.generate_key_pairs()
    forged = _resign(sealed, attacker, device_id=str(uuid.uuid4()))
    with pytest.raises(errors.ManifestMismatch):
        open_bundle(forged, {attacker.sign_key_id: attacker.sign_public}, hq_pair.enc_private)
    forged_seq = _resign(sealed, attacker, seq=9)
    with pytest.raises(errors.ManifestMismatch):
        open_bundle(forged_seq, {attacker.sign_key_id: attacker.sign_public}, hq_pair.enc_private)


def _with_header(sealed: bytes, device_keys, header_bytes: bytes) -> bytes:
    prefix = frame(header_bytes)
    rest = sealed[PREFIX_LEN + struct.unpack(">I", sealed[5:9])[0] + SIG_LEN :]
    return prefix + keys.sign(device_keys.sign_private, SIGN_DOMAIN + prefix) + rest


@pytest.mark.parametrize(
    "mutate",
    [
        lambda t: t.replace('"seq":1', '"seq":1,"seq":1'),  # duplicate key
        lambda t: t.replace('"seq":1', '"seq":1.0'),  # float
        lambda t: t.replace('"seq":1', '"seq":NaN'),  # NaN
        lambda t: t.replace('"v":1', '"v":2'),  # unknown version
        lambda t: t.replace('"v":1', '"v":1,"extra":"x"'),  # unknown field
        lambda t: t.replace('"seq":1', '"seq":' + "[" * 100 + "]" * 100),  # deep nesting
        lambda t: t.replace('"seq":1', '"seq":true'),  # wrong type
    ],
)
def test_strict_header_parsing(sealed, device_keys, signers, hq_pair, mutate):
    hdr_len = struct.unpack(">I", sealed[5:9])[0]
    text = sealed[9 : 9 + hdr_len].decode()
    bad = _with_header(sealed, device_keys, mutate(text).encode())
    with pytest.raises(errors.BundleFormatError):
        open_bundle(bad, signers, hq_pair.enc_private)


def test_invalid_utf8_header(sealed, device_keys, signers, hq_pair):
    hdr_len = struct.unpack(">I", sealed[5:9])[0]
    bad = _with_header(sealed, device_keys, sealed[9 : 9 + hdr_len].replace(b'"prod"', b'"pr\xffd"'))
    with pytest.raises(errors.BundleFormatError):
        open_bundle(bad, signers, hq_pair.enc_private)


def test_huge_hdr_len_rejected_before_allocation(signers, hq_pair):
    data = MAGIC + struct.pack(">I", 4 * 1024**3 - 1) + b"{}"
    with pytest.raises(errors.BundleTooLarge):
        open_bundle(data, signers, hq_pair.enc_private)


def test_oversized_bundle_rejected(sealed, signers, hq_pair):
    with pytest.raises(errors.BundleTooLarge):
        open_bundle(sealed, signers, hq_pair.enc_private, max_bundle_len=100)


def _seal_plaintext(plaintext: bytes, device_keys, hq_pair, device_id, bundle_id, seq=1) -> bytes:
    """Build a correctly signed bundle around an arbitrary (hostile) plaintext."""
    from wingdesk.sync.header import BundleHeader

    ciphertext = payload.encrypt(plaintext, keys.age_recipient(hq_pair.enc_public))
    header = BundleHeader(
        KIND_WING_TO_HQ,
        "prod",
        bundle_id,
        device_id,
        device_keys.sign_key_id,
        hq_pair.enc_key_id,
        seq,
        GENESIS_HASH,
        len(ciphertext),
        hashlib.sha256(ciphertext).hexdigest(),
    )
    prefix = frame(header.to_bytes())
    return prefix + keys.sign(device_keys.sign_private, SIGN_DOMAIN + prefix) + ciphertext


def _manifest(device_id, bundle_id, **extra) -> dict:
    base = {
        "schema": payload.SCHEMA,
        "kind": KIND_WING_TO_HQ,
        "env": "prod",
        "bundle_id": bundle_id,
        "device_id": device_id,
        "seq": 1,
        "prev_hash": GENESIS_HASH,
        "record_count": 0,
        "plaintext_len": 0,
        "compression": "zlib",
    }
    base.update(extra)
    return base


def test_decompression_bomb_is_capped(device_keys, hq_pair, device_id, signers):
    bundle_id = str(uuid.uuid4())
    head = json.dumps(_manifest(device_id, bundle_id, record_count=1, plaintext_len=100)).encode()
    bomb = zlib.compress(head + b"\n" + b"[" * (200 * 1024 * 1024), 9)
    assert len(bomb) < 1024 * 1024
    data = _seal_plaintext(bomb, device_keys, hq_pair, device_id, bundle_id)
    with pytest.raises(errors.PayloadTooLarge):
        open_bundle(data, signers, hq_pair.enc_private)


def test_declared_plaintext_len_over_cap(device_keys, hq_pair, device_id, signers):
    bundle_id = str(uuid.uuid4())
    head = json.dumps(_manifest(device_id, bundle_id, plaintext_len=10**12)).encode()
    data = _seal_plaintext(zlib.compress(head + b"\n"), device_keys, hq_pair, device_id, bundle_id)
    with pytest.raises(errors.PayloadTooLarge):
        open_bundle(data, signers, hq_pair.enc_private)


def test_false_plaintext_len_short(device_keys, hq_pair, device_id, signers, records):
    bundle_id = str(uuid.uuid4())
    line = json.dumps(records[0]).encode() + b"\n"
    head = json.dumps(_manifest(device_id, bundle_id, record_count=1, plaintext_len=len(line) + 50)).encode()
    data = _seal_plaintext(zlib.compress(head + b"\n" + line), device_keys, hq_pair, device_id, bundle_id)
    with pytest.raises(errors.ManifestMismatch):
        open_bundle(data, signers, hq_pair.enc_private)


def test_manifest_without_newline_cap(device_keys, hq_pair, device_id, signers):
    bundle_id = str(uuid.uuid4())
    data = _seal_plaintext(zlib.compress(b" " * (1024 * 1024)), device_keys, hq_pair, device_id, bundle_id)
    with pytest.raises(errors.PayloadTooLarge):
        open_bundle(data, signers, hq_pair.enc_private)


def _zstd_bundle(raw, device_keys, hq_pair, device_id, bundle_id):
    return _seal_plaintext(zstandard.ZstdCompressor().compress(raw), device_keys, hq_pair, device_id, bundle_id)


def _zstd_head(device_id, bundle_id, **extra) -> bytes:
    return json.dumps(_manifest(device_id, bundle_id, compression="zstd", **extra)).encode()


def test_zstd_bomb_is_refused_before_inflating(device_keys, hq_pair, device_id, signers, monkeypatch):
    """The frame says 200 MB, the manifest 100 bytes: refused from the frame header, nothing inflated in bulk."""
    bundle_id = str(uuid.uuid4())
    head = _zstd_head(device_id, bundle_id, record_count=1, plaintext_len=100)
    bomb = zstandard.ZstdCompressor(level=19).compress(head + b"\n" + b"[" * (200 * 1024 * 1024))
    assert len(bomb) < 1024 * 1024
    data = _seal_plaintext(bomb, device_keys, hq_pair, device_id, bundle_id)

    def no_bulk_inflate(*_args, **_kwargs):
        raise AssertionError("inflated a frame whose size was not checked")

    monkeypatch.setattr(zstandard.ZstdDecompressor, "decompress", no_bulk_inflate)
    with pytest.raises(errors.PayloadTooLarge):
        open_bundle(data, signers, hq_pair.enc_private)


@pytest.mark.parametrize(
    "make, error",
    [
        # a streamed frame does not state its size: refused rather than inflated blind
        (lambda raw: (lambda c: c.compress(raw) + c.flush())(zstandard.ZstdCompressor().compressobj()), "zstd.size"),
        (lambda raw: zstandard.ZstdCompressor().compress(raw) + b"\0\0", "zstd"),  # trailing bytes
        (
            lambda raw: zstandard.ZstdCompressor().compress(raw)[:-3],
            ("zstd", "manifest"),
            # truncated frame: at most the manifest's bytes come out
        ),
        (lambda raw: zstandard.ZstdCompressor().compress(raw) * 2, "zstd"),  # a second frame
    ],
)
def test_zstd_frame_must_be_one_whole_sized_frame(device_keys, hq_pair, device_id, signers, records, make, error):
    bundle_id = str(uuid.uuid4())
    line = json.dumps(records[0]).encode() + b"\n"
    head = _zstd_head(device_id, bundle_id, record_count=1, plaintext_len=len(line))
    data = _seal_plaintext(make(head + b"\n" + line), device_keys, hq_pair, device_id, bundle_id)
    with pytest.raises(errors.BundleFormatError) as caught:
        open_bundle(data, signers, hq_pair.enc_private)
    assert caught.value.detail in ((error,) if isinstance(error, str) else error)


def test_zstd_frame_shorter_than_declared(device_keys, hq_pair, device_id, signers, records):
    bundle_id = str(uuid.uuid4())
    line = json.dumps(records[0]).encode() + b"\n"
    head = _zstd_head(device_id, bundle_id, record_count=1, plaintext_len=len(line) + 50)
    data = _seal_plaintext(
        zstandard.ZstdCompressor().compress(head + b"\n" + line), device_keys, hq_pair, device_id, bundle_id
    )
    with pytest.raises(errors.ManifestMismatch):
        open_bundle(data, signers, hq_pair.enc_private)


def test_manifest_must_name_the_compression_used(device_keys, hq_pair, device_id, signers, records):
    bundle_id = str(uuid.uuid4())
    line = json.dumps(records[0]).encode() + b"\n"
    head = json.dumps(_manifest(device_id, bundle_id, record_count=1, plaintext_len=len(line))).encode()  # "zlib"
    data = _seal_plaintext(
        zstandard.ZstdCompressor().compress(head + b"\n" + line), device_keys, hq_pair, device_id, bundle_id
    )
    with pytest.raises(errors.BundleFormatError):
        open_bundle(data, signers, hq_pair.enc_private)


def test_zlib_bundles_are_still_read(device_keys, hq_pair, device_id, signers, records):
    bundle_id = str(uuid.uuid4())
    lines = b"".join(json.dumps(r).encode() + b"\n" for r in records)
    head = json.dumps(_manifest(device_id, bundle_id, record_count=len(records), plaintext_len=len(lines))).encode()
    data = _seal_plaintext(zlib.compress(head + b"\n" + lines), device_keys, hq_pair, device_id, bundle_id)
    assert open_bundle(data, signers, hq_pair.enc_private).records == records


@pytest.mark.parametrize(
    "bad",
    [
        b'{"record_id":"x"}',
        b'{"record_id":"ID","rev":1,"kind":"k","content_hash":"HASH","body":{"a":1.5}}',
        b'{"record_id":"ID","rev":1,"rev":2,"kind":"k","content_hash":"HASH","body":{}}',
        b'{"record_id":"ID","rev":1,"kind":"k","content_hash":"HASH","body":{},"surprise":1}',
        # the same faults in canonical (sorted, compact) form, which the fast reader sees first
        b'{"body":{"a":1.5},"content_hash":"HASH","kind":"k","record_id":"ID","rev":1}',
        b'{"body":{},"content_hash":"HASH","kind":"k","record_id":"ID","rev":1,"rev":2}',
        b'{"body":{"a":1,"a":1},"content_hash":"HASH","kind":"k","record_id":"ID","rev":1}',
        b'{"body":{},"content_hash":"HASH","kind":"k","record_id":"ID","rev":1,"surprise":1}',
        b'{"body":{"n":123456789012345678901234567890.0},"content_hash":"HASH","kind":"k","record_id":"ID","rev":1}',
    ],
)
def test_record_lines_are_strict(device_keys, hq_pair, device_id, signers, bad):
    bundle_id = str(uuid.uuid4())
    bad = bad.replace(b"ID", str(uuid.uuid4()).encode()).replace(b"HASH", b"0" * 64)
    line = bad + b"\n"
    head = json.dumps(_manifest(device_id, bundle_id, record_count=1, plaintext_len=len(line))).encode()
    data = _seal_plaintext(zlib.compress(head + b"\n" + line), device_keys, hq_pair, device_id, bundle_id)
    with pytest.raises(errors.RecordInvalid):
        open_bundle(data, signers, hq_pair.enc_private)


def test_seal_refuses_floats_and_bad_records(device_keys, hq_pair, device_id, records):
    bad = dict(records[0], body={"x": 0.5})
    with pytest.raises(errors.RecordInvalid):
        seal_bundle(KIND_WING_TO_HQ, device_id, 1, GENESIS_HASH, [bad], device_keys.sign_private, hq_pair.enc_public)
    with pytest.raises(errors.RecordInvalid):
        seal_bundle(
            KIND_WING_TO_HQ,
            device_id,
            1,
            GENESIS_HASH,
            [{"record_id": "x"}],
            device_keys.sign_private,
            hq_pair.enc_public,
        )


def test_errors_carry_codes_not_content(device_keys, hq_pair, device_id, signers):
    secret = "Prisoner Secretname"
    body = {"text": secret}
    record = {"record_id": str(uuid.uuid4()), "rev": 1, "kind": "k", "content_hash": "0" * 64, "body": body}
    data = seal_bundle(
        KIND_WING_TO_HQ, device_id, 1, GENESIS_HASH, [record], device_keys.sign_private, hq_pair.enc_public
    )
    with pytest.raises(errors.SyncError) as caught:
        open_bundle(data[:-3], signers, hq_pair.enc_private)
    assert secret not in str(caught.value) and caught.value.code


def test_split_records_respects_cap(device_keys, hq_pair, device_id, make_records, signers):
    records = make_records(500)
    groups = split_records(records, 20_000)
    assert len(groups) > 1 and [r for g in groups for r in g] == records
    prev = GENESIS_HASH
    for seq, group in enumerate(groups, 1):
        data = seal_bundle(KIND_WING_TO_HQ, device_id, seq, prev, group, device_keys.sign_private, hq_pair.enc_public)
        assert len(data) <= 20_000
        assert open_bundle(data, signers, hq_pair.enc_private).records == group
        prev = bundle_hash(data)
    with pytest.raises(errors.BundleTooLarge):
        split_records([dict(records[0], body={"t": "x" * 50_000})], 20_000)
    assert split_records([], 20_000) == []
