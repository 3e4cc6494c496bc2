"""Domain error codes → one translated sentence for people (never record text, names or keys); CLI, GUI, HQ."""

from __future__ import annotations

from wingdesk.domain.errors import WingError
from wingdesk.i18n import N_, _, ngettext

MESSAGES = {
    "wrong_password": N_("Wrong user name or password."),
    "wrong_key": N_("Wrong user name or password."),
    "account_locked": N_("This account is locked after too many wrong passwords. A supervisor or "
                         "administrator must unlock it."),
    "no_wing": N_("There is no wing database in this data folder. Create one with 'wingdesk init'."),
    "wing_exists": N_("A wing database already exists in this data folder."),
    "locked": N_("The session is locked. Sign in again."),
    "access_denied": N_("Your role does not allow this."),
    "not_found": N_("Not found: {field}."),
    "required": N_("{field} is required."),
    "too_long": N_("{field} is too long (at most {limit} characters)."),
    "bad_choice": N_("{field} has a value that is not on the list."),
    "bad_date": N_("{field} must be a date (YYYY-MM-DD)."),
    "bad_datetime": N_("{field} must be a date and time."),
    "in_future": N_("{field} cannot be in the future."),
    "duplicate": N_("{field} is already in use."),
    "bad_username": N_("A user name may contain letters, digits, '.', '_' and '-' only."),
    "passphrase_too_short": N_("The passphrase must have at least {minimum} characters."),
    "passphrase_common": N_("This passphrase is too common. Choose a few unrelated words."),
    "passphrase_contains_name": N_("The passphrase must not be built from your name or user name."),
    "day_locked": N_("This day's log has been submitted and takes no more entries. Tell the supervisor: they can "
                     "return an entry for you to answer."),
    "day_empty": N_("There are no entries to submit for this day."),
    "day_not_in_review": N_("This day is not waiting for review."),
    "day_not_returned": N_("This day has not been returned for correction."),
    "returned_unanswered": N_("Answer every returned entry before sending the day back to the supervisor."),
    "day_transition": N_("This step is not possible for the day's log in its current state."),
    "countersign_own_entries": N_("You cannot countersign a day that contains your own entries."),
    "slot_file_damaged": N_("The key file of this wing is damaged. Restore it from the backup."),
    "slot_file_rolled_back": N_("The key file is older than the database (restored from an old copy?). "
                                "Contact the administrator."),
    "slot_below_floor": N_("The key file uses a key-derivation setting below the allowed minimum."),
    "schema_too_new": N_("This wing was created by a newer WingDesk. Install the newer version."),
    "cannot_remove_self": N_("You cannot remove your own account."),
    "out_of_range": N_("{field} must be between {minimum} and {maximum}."),
    "date_order": N_("{field} cannot be before {other}."),
    "plan_exists": N_("This prisoner already has a treatment plan; update it instead."),
    "no_clinical_key": N_("Your account has not yet received the treatment key. A treatment colleague "
                          "grants it when they next sign in."),
    "store_error": N_("The wing database cannot be opened."),
    "database_damaged": N_("The wing database is damaged and was not opened. Restore the latest backup, or call "
                           "the administrator."),
    "disk_full": N_("The disk is full: nothing was saved. Free some space on this PC, then try again."),
    "disk_error": N_("The disk reported an error: nothing was saved. Try again; if it happens again, call the "
                     "administrator."),
    "integrity": N_("An integrity check failed."),
    "weak_public_key": N_("A public key was refused because it is weak (genuine keys never are); nothing was stored."),
    # alerts (services.alerts)
    "alert_needs_review_or_end": N_("Give the alert a review date or an end date: alerts are reviewed or they "
                                    "lapse."),
    "review_in_past": N_("The next review date cannot be in the past."),
    "alert_end_before_start": N_("An alert cannot end before the day it started."),
    "alert_ended": N_("This alert has already ended."),
}


def _wait_seconds(error: WingError) -> int:
    value = error.params.get("wait", 1)
    return int(value) if isinstance(value, int | float) else 1


def describe(error: WingError) -> str:
    """One sentence for the person at the keyboard."""
    if error.code == "throttled":
        wait = _wait_seconds(error)
        return ngettext("Too many wrong passwords. Try again in {n} second.",
                        "Too many wrong passwords. Try again in {n} seconds.", wait).format(n=wait)
    if error.code == "wrong_password" and error.params.get("wait"):
        wait = _wait_seconds(error)
        return _("Wrong user name or password.") + " " + ngettext(
            "Wait {n} second before the next try.", "Wait {n} seconds before the next try.", wait).format(n=wait)
    template = MESSAGES.get(error.code) or MESSAGES.get(type(error).code) or N_("The action failed ({code}).")
    params = {k: v for k, v in error.params.items()}
    params.setdefault("field", _("value"))
    params["code"] = error.code
    try:
        return _(template).format(**params)
    except (KeyError, IndexError, ValueError):
        return _(template)
