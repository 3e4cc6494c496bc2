"""`wingdesk-hq`'s failures in one translated sentence each, from the HQ operator's side of the exchange.

Never record text, names, keys or passphrases: a sentence names at most a file the operator gave, a device id or a
sequence number.
"""

from __future__ import annotations

import errno

from wingdesk.domain.shown_text import printable
from wingdesk.i18n import N_, _
from wingdesk.i18n.messages import MESSAGES
from wingdesk.i18n.sync_messages import SYNC_MESSAGES

# codes whose wing-side sentence reads as well at HQ
_SHARED = ("bundle_format", "bundle_truncated", "bundle_too_large", "env_mismatch", "manifest_mismatch",
           "record_invalid", "key_file_invalid", "unsafe_write")

HQ_MESSAGES = {
    **{code: SYNC_MESSAGES[code] for code in _SHARED},
    "payload_too_large": SYNC_MESSAGES["bundle_too_large"],
    "wrong_passphrase": N_("Wrong HQ passphrase."),
    "keystore": N_("HQ's key file is damaged or unreadable; restore it from the backup."),
    "keystore_exists": N_("HQ keys already exist in this data folder."),
    "kdf_below_floor": N_("The key file asks for less key-derivation memory than the safe minimum."),
    "signature_invalid": N_("The file's signature does not verify: it was changed after it was signed."),
    "unknown_signer": N_("The file is not signed with the key enrolled for its device."),
    "payload_hash_mismatch": N_("The file was changed after it was signed."),
    "wrong_recipient": N_("The file is encrypted to another HQ key."),
    "decrypt_failed": N_("The file cannot be decrypted with HQ's keys."),
    "unsupported_version": N_("The file was made by a newer version of WingDesk."),
    "unknown_device": N_("The device is not enrolled at this HQ."),
    "device_revoked": N_("The device is revoked: its bundles are kept as evidence, not applied."),
    "device_retired": N_("The device was retired and replaced by its successor: nothing it sends is accepted."),
    "successor_invalid": N_("These two devices cannot be a replacement: the same device, another wing, or one of "
                            "them already replaced."),
    "device_exists": N_("This device is already enrolled."),
    "bundle_conflict": N_("A different bundle with the same id is already stored."),
    "weak_public_key": MESSAGES["weak_public_key"],
    # HQ recovery (issue 22 item 3)
    "recovery_approvals": N_("Two different HQ administrators must approve a recovery grant."),
    "admin_unknown": N_("An approving key file is not that of an HQ administrator registered here."),
    "admin_exists": N_("An HQ administrator of that name is already registered."),
    "admin_key_invalid": N_("An administrator's key file does not open: wrong passphrase, or not such a file."),
    "enrolment_invalid": N_("The enrolment request is damaged, or the code is not the one the wing shows."),
}

_OS_REASONS = {
    errno.ENOENT: N_("not found"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EISDIR: N_("is a folder, not a file"),
    errno.ENOTDIR: N_("is not a folder"),
    errno.ENOSPC: N_("the disk is full"),
    getattr(errno, "EDQUOT", errno.ENOSPC): N_("the disk is full"),  # this account's disk quota is used up
    errno.EROFS: N_("the disk is read-only"),
    errno.EEXIST: N_("already exists"),
}


def describe_code(code: str) -> str:
    template = HQ_MESSAGES.get(code)
    return _(template) if template else _("The operation failed ({code}).").format(code=code)


def describe_os_error(error: OSError) -> str:
    """`file: reason` for a file the operator named (the reason from errno, not the system's own wording)."""
    reason = _OS_REASONS.get(error.errno or 0)
    shown = _(reason) if reason else _("cannot be read or written ({name})").format(name=type(error).__name__)
    name = error.filename
    return f"{printable(str(name))}: {shown}" if name is not None else shown
