"""The exchange commands' refusals, one sentence each (docs/exchange.md); never a key, a definition or a name
from inside a file."""

from __future__ import annotations

from wingdesk.i18n import N_

REFUSALS = {
    "key_file": N_("This is not an exchange key file, or it was changed after it was written."),
    "fingerprint": N_("The fingerprint does not match this key file: nothing was registered. Ask the other "
                      "service to read it out again."),
    "own_key": N_("This is this service's own exchange key."),
    "already_trusted": N_("This service is already trusted with this key."),
    "name_taken": N_("Another key is already trusted under this service's name."),
    "unknown_service": N_("No trusted service has this name: register its key with 'wingdesk-hq exchange trust'."),
    "key_withdrawn": N_("Trust in this key was withdrawn; it cannot be trusted again. Ask the service for its new "
                        "key file."),
    "sender_withdrawn": N_("Trust in the key that sent this item was withdrawn, so it cannot be adopted."),
    "kind": N_("The kind must be instrument or module."),
    "not_held": N_("This HQ holds no signed file for this instrument or module: sign it first."),
    "unknown_sender": N_("The file was not sent by a service this HQ trusts: nothing was stored."),
    "forged": N_("The file's signature does not verify: it is forged or was changed, and nothing was stored."),
    "tampered": N_("The file was changed after it was sealed: nothing was stored."),
    "not_exchange": N_("This is not an exchange file: nothing was stored."),
    "other_service": N_("The file was sealed for another service: nothing was stored."),
    "env": N_("The file belongs to another environment (test or production): nothing was stored."),
    "malformed": N_("The instrument or module inside the file is malformed: nothing was stored."),
    "replay": N_("This file was already imported: nothing was stored."),
    "version_changed": N_("This service already sent this version with other content; a version never changes, so "
                          "nothing was stored."),
    "no_such_item": N_("No received item has this id: see 'wingdesk-hq exchange list'."),
    "ambiguous_item": N_("More than one received item starts with this id: give more of it."),
    "already_adopted": N_("This item was already adopted."),
    "library_conflict": N_("This HQ already holds this version with other content; a version never changes, so it "
                           "was not adopted."),
    "not_hq_admin": N_("Only an hq_admin account may adopt an item from another service."),
}

# the same sentences as the console's sign-in page (console.auth_pages), so they share its translations
STAFF_REFUSALS = {
    "wrong_password": N_("The name or the passphrase is wrong."),
    "throttled": N_("Too many failed attempts: wait {seconds} seconds, then try again."),
    "account_locked": N_("This account is locked after too many failed attempts. An HQ administrator can unlock "
                         "it with 'wingdesk-hq staff unlock'."),
}
