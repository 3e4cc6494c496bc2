"""The audit log in words: each action code and each resolved object (services.audit_view.ObjectRef) as a reader
says it ("Observation about Petrović, 3 Dec"). An action without a label here is shown by its code made readable."""

from __future__ import annotations

from datetime import date

from babel.dates import format_skeleton

from wingdesk.gui.labels import kind_label
from wingdesk.i18n import N_, _, format_locale
from wingdesk.i18n.formats import format_date

ACTIONS = {
    "login": N_("Signed in"), "logout": N_("Signed out or locked"), "login_failed": N_("Failed sign-in"),
    "login_refused_held": N_("Sign-in refused: account held"), "login_counter_tampered": N_("Sign-in counter altered"),
    "reauth": N_("Confirmed passphrase"), "reauth_failed": N_("Wrong passphrase at confirmation"),
    "access_denied": N_("Refused by the access rules"), "create": N_("Wrote"), "revise": N_("Revised"),
    "read_sensitive": N_("Read restricted records"), "print": N_("Printed"), "search": N_("Searched records"),
    "admit": N_("Admitted a prisoner"), "move_cell": N_("Changed cell"), "start_shift": N_("Started a shift"),
    "day_submit": N_("Submitted the day"), "day_return": N_("Returned an entry"),
    "day_annotate": N_("Answered a returned entry"), "day_resubmit": N_("Resubmitted the day"),
    "day_countersign": N_("Countersigned the day"), "day_seal": N_("Sealed the day for HQ"),
    "amendment": N_("Corrected an entry"), "annotation": N_("Answered a returned entry"),
    "comment": N_("Commented on an entry"), "user_add": N_("Added an account"), "user_remove": N_("Removed an account"),
    "user_unlock": N_("Unlocked an account"), "user_reset_password": N_("Set a new passphrase"),
    "password_change": N_("Changed own passphrase"), "rotate_data_key": N_("Rotated the wing's data key"),
    "grant_clinical_key": N_("Granted the treatment key"), "setting_change": N_("Changed a setting"),
    "audit_verify": N_("Checked the audit chain"), "verify": N_("Checked the wing's integrity"),
    "wing_created": N_("Created the wing"), "draft_keep": N_("Kept an unfinished form"),
    "draft_resume": N_("Resumed an unfinished form"), "clock_backwards": N_("PC clock went back"),
    "sync_enrol": N_("Enrolled this PC with HQ"), "sync_seal": N_("Sealed a bundle for HQ"),
    "sync_export": N_("Wrote a bundle to a stick"), "sync_import": N_("Applied an HQ bundle"),
    "sync_receipt": N_("HQ receipt applied"), "sync_push": N_("Sent bundles to HQ"),
    "sync_push_failed": N_("Sending to HQ failed"),
    "hard_delete": N_("Deleted a record (administrator)"),
    # retention review (issue 19 item 5)
    "retention_delete": N_("Erased a record (retention)"),
    "retention_erase": N_("Erased a prisoner's records (retention)"),
    "retention_extend": N_("Kept a prisoner's records longer (retention)"),
    "retention_reapply": N_("Erased a record again after a restore (retention)"),
    "retention_schedule_installed": N_("Applied HQ's retention schedule"),
    "retention_schedule_refused": N_("Refused HQ's retention schedule"),
    # a new PC from HQ (issue 22 item 4)
    "successor_imported": N_("Wrote the dead PC's records from HQ into this PC"),
    "user_add_from_hq": N_("Added an account HQ held for the dead PC (no passphrase yet)"),
    # HQ recovery (issue 22 item 3)
    "wing_recovered": N_("Administrator created by HQ recovery"),
    "recovery_key_installed": N_("Installed HQ's recovery key"),
    "recovery_key_refused": N_("Refused HQ's recovery key"),
    "published_refused": N_("Refused a file HQ published"),  # issue 17 item 3: any published kind
    "translation_installed": N_("Installed a translation update HQ published"),
    "translation_refused": N_("Refused a translation update HQ published"),
    "code_list_installed": N_("Installed a code list HQ published"),
    "code_list_refused": N_("Refused a code list HQ published"),
    "vetted_people_received": N_("Received vetted outside people from HQ"),  # issue 17 item 3
    "vetted_person_refused": N_("Refused a malformed vetted person from HQ"),
    "contact_vetting_override": N_("Logged a contact with a person whose vetting does not hold here"),
    "intel_share": N_("Shared an intelligence report"), "intel_release": N_("Released an intelligence report to HQ"),
}

_DENIED_ACTIONS = {"create": N_("write"), "read": N_("read"), "annotate": N_("annotate"), "submit": N_("submit"),
                   "approve": N_("approve"), "administer": N_("administer"), "export": N_("export"),
                   "delete": N_("delete")}
_RESOURCES = {"prisoner": N_("prisoners"), "alert": N_("alerts"), "log_entry": N_("wing log entries"),
              "daily_log": N_("daily logs"), "observation": N_("observations"), "plan": N_("treatment plans"),
              "progress_note": N_("progress notes"), "contact": N_("contacts"), "audit": N_("the audit log"),
              "vetted_people": N_("vetted outside people"),
              "users": N_("staff accounts"), "settings": N_("settings"), "sync": N_("sync with HQ"),
              "record": N_("records"), "intelligence_report": N_("intelligence reports")}


def action_text(code: str) -> str:
    label = ACTIONS.get(code)
    return _(label) if label else code.replace("_", " ").capitalize()


def _day(iso_day: str) -> str:
    if not iso_day:
        return ""
    return str(format_skeleton("MMMd", date.fromisoformat(iso_day[:10]), locale=format_locale()))


def object_text(ref: object) -> str:
    """`ref`: a services.audit_view.ObjectRef."""
    kind, name, day = getattr(ref, "kind", "other"), getattr(ref, "name", ""), getattr(ref, "day", "")
    record_kind, detail = getattr(ref, "record_kind", ""), getattr(ref, "detail", "")
    if kind == "record":
        what = kind_label(record_kind) if record_kind else _("Record")
        if name and day:
            return _("{what} about {name}, {day}").format(what=what, name=name, day=_day(day))
        return _("{what}, {day}").format(what=what, day=_day(day)) if day else what
    if kind == "deleted":  # an administrator's hard delete: the tombstone's reason, never the record's text
        what = kind_label(record_kind) if record_kind else _("Record")
        if name:
            return _("{what} about {name}, deleted. Reason: {reason}").format(what=what, name=name, reason=detail)
        return _("{what}, deleted. Reason: {reason}").format(what=what, reason=detail)
    if kind in ("prisoner", "notes"):
        if not name:
            return _("Progress notes") if kind == "notes" else _("Prisoner")
        return (_("Progress notes of {name}") if kind == "notes" else _("Prisoner {name}")).format(name=name)
    if kind == "user":
        return _("Account of {name}").format(name=name) if name else _("Account")
    if kind == "day":
        return _("Wing log of {day}").format(day=format_date(day)) if day else _("Wing log")
    if kind == "denied":
        verb, resource = _DENIED_ACTIONS.get(record_kind), _RESOURCES.get(detail)
        if verb and resource:
            return _("{action} {resource}").format(action=_(verb), resource=_(resource))
        return f"{record_kind} {detail}".strip()
    if kind == "bundle":
        return _("Bundle No. {n}").format(n=detail) if detail.isdigit() else _("Bundle")
    simple = {"wing": N_("The wing"), "session": N_("Sign-in session"), "audit": N_("The audit log"),
              "records": N_("Records"), "shift": N_("Shift"), "draft": N_("Unfinished form")}
    if kind in simple:
        return _(simple[kind])
    return detail
