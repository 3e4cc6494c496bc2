"""Sync error codes → one translated sentence (never record text, names, keys or file contents)."""

from __future__ import annotations

from wingdesk.domain.errors import WingError
from wingdesk.i18n import N_, _
from wingdesk.i18n.messages import describe

SYNC_MESSAGES = {
    "restore_position_unknown": N_("This wing was restored from a backup: import HQ's latest file for this PC, or "
                                   "give HQ's position with 'wingdesk restore --continue-after SEQ:HASH', before "
                                   "sending."),
    "restore_position_mismatch": N_("HQ's position does not match the bundles this wing holds; check it on HQ's "
                                    "status and enter it again."),
    "sync_not_installed": N_("Sync with HQ is not available in this installation."),
    "not_enrolled": N_("This PC is not enrolled with HQ yet. Install HQ's key file first ('wingdesk enrol')."),
    "device_revoked": N_("HQ has revoked this PC. Contact HQ before sending anything."),
    "device_retired": N_("HQ has retired this PC: a new PC took its place, and nothing this one sends is accepted."),
    "successor_refused": N_("This file is not HQ's package for this PC and this wing."),
    "hq_key_changed": N_("The HQ key file belongs to a different HQ than the bundles already sealed here."),
    "key_file_invalid": N_("The HQ key file is damaged or not genuine."),
    "already_enrolled": N_("This PC is already enrolled with HQ. Install a key file again only when HQ has issued "
                           "new keys."),
    "key_file_unreadable": N_("This file cannot be read, or it is not an HQ key file."),
    "unsafe_write": N_("Writing to the stick failed or could not be checked. Do not use this copy; try again."),
    "stick_missing": N_("The stick is not there any more, or its folder was removed. Put it back and write again: "
                        "nothing was lost."),
    "hq_storage_unavailable": N_("HQ could not store the bundles just now. They stay here and will be sent again."),
    "bundle_format": N_("The file is not a WingDesk bundle, or it is damaged."),
    "bundle_truncated": N_("The file is incomplete (the stick may have been pulled while writing)."),
    "bundle_too_large": N_("The file is too large."),
    "signature_invalid": N_("The file is not signed by HQ; it was not applied."),
    "unknown_signer": N_("The file is not signed by this wing's HQ; it was not applied."),
    "payload_hash_mismatch": N_("The file was changed after HQ signed it; it was not applied."),
    "wrong_recipient": N_("The file is meant for another PC."),
    "env_mismatch": N_("The file belongs to a test (or production) system other than this one."),
    "decrypt_failed": N_("The file cannot be decrypted on this PC."),
    "receipt_invalid": N_("The receipt is not genuine or does not match this wing; nothing was marked as sent."),
    "stale_reference_data": N_("This HQ file is older than data already applied here; it was refused."),
    "manifest_mismatch": N_("The file's contents do not match its signed header; it was not applied."),
    "record_invalid": N_("The file contains an invalid entry; it was not applied."),
    "hq_unreachable": N_("HQ cannot be reached. The bundles stay here and will be sent later."),
    "hq_busy": N_("HQ is busy receiving other uploads. The bundles stay here and will be sent later."),
    "hq_certificate_untrusted": N_("HQ's certificate is not trusted on this PC (or the address is not HQ's). "
                                   "Nothing was sent; tell the administrator."),
    "no_hq_url": N_("No HQ address is set for sending over the network."),
    "bad_url": N_("The HQ address must start with https://."),
    "bad_ca_file": N_("The certificate file cannot be read."),
}


def describe_sync(error: WingError) -> str:
    """One sentence for a sync failure; other errors fall back to the common messages. A push cut off midway
    (`sent`/`total`/`acknowledged` in its params) also says how many bundles got through."""
    template = SYNC_MESSAGES.get(error.code)
    text = _(template) if template else describe(error)
    got = error.params
    if {"sent", "total", "acknowledged"} <= set(got):
        text += " " + _("{sent} of {total} bundle(s) got through before the connection was lost; "
                        "HQ acknowledged {acked}.").format(sent=got["sent"], total=got["total"],
                                                           acked=got["acknowledged"])
    return text


def refusal_text(code: str) -> str:
    """Why HQ refused a bundle sent over the network: its code's sentence, or the HTTP status for an answer that
    was not HQ's (a proxy's page, a wrong address)."""
    if code.startswith("http_"):
        return _("the address answered with HTTP status {status}; check the HQ address.").format(status=code[5:])
    return describe_sync(WingError(code))


def hq_rollback_text(before: int, after: int, at: str) -> str:
    """What the supervisor or administrator is told after HQ's reference data went back (docs/sync-bundle.md
    §8.1); `at` is already formatted for the reader."""
    return _("HQ's data went back: this PC had applied HQ data up to number {before}, then HQ sent number {after} "
             "again with other contents (noticed {at}). HQ was probably restored from a backup. Revocations from "
             "HQ were applied all the same. Tell HQ, so that they check which accounts and roster changes must be "
             "sent again.").format(before=before, after=after, at=at)
