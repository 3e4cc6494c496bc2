"""Sync bundle format shared by wing and HQ: keys, sealing/opening, receipts, enrolment, HQ→wing data, USB."""

from wingdesk.sync.bundle import (
    OpenedBundle,
    VerifiedBundle,
    bundle_hash,
    decrypt_verified,
    new_bundle_id,
    open_bundle,
    seal_bundle,
    split_records,
    verify_bundle,
)
from wingdesk.sync.enrolment import EnrolmentRequest, make_enrolment_request, parse_enrolment_request
from wingdesk.sync.header import GENESIS_HASH, KIND_HQ_TO_WING, KIND_WING_TO_HQ, BundleHeader
from wingdesk.sync.hq_key_file import HqPublicKeys, load_hq_public_keys, make_hq_key_file
from wingdesk.sync.keys import DeviceKeys, KeyPairs, generate_device_keys, generate_key_pairs, key_id
from wingdesk.sync.payload import Manifest, record_content_hash
from wingdesk.sync.receipts import Receipt, acknowledged_seqs, sign_receipt, verify_receipt
from wingdesk.sync.reference import HqUpdate, open_hq_bundle, reference_item, seal_hq_bundle

__all__ = [
    "GENESIS_HASH",
    "KIND_HQ_TO_WING",
    "KIND_WING_TO_HQ",
    "BundleHeader",
    "DeviceKeys",
    "EnrolmentRequest",
    "HqPublicKeys",
    "HqUpdate",
    "KeyPairs",
    "Manifest",
    "OpenedBundle",
    "Receipt",
    "VerifiedBundle",
    "acknowledged_seqs",
    "bundle_hash",
    "decrypt_verified",
    "generate_device_keys",
    "generate_key_pairs",
    "key_id",
    "load_hq_public_keys",
    "make_enrolment_request",
    "make_hq_key_file",
    "new_bundle_id",
    "open_bundle",
    "open_hq_bundle",
    "parse_enrolment_request",
    "record_content_hash",
    "reference_item",
    "seal_bundle",
    "seal_hq_bundle",
    "sign_receipt",
    "split_records",
    "verify_bundle",
    "verify_receipt",
]
