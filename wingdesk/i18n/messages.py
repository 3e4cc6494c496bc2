"""Domain error codes → one translated sentence for people (never record text, names or keys); CLI, GUI, HQ."""

from __future__ import annotations

from wingdesk.domain.errors import WingError
from wingdesk.i18n import N_, _, ngettext

_BAD_VALUE = N_("The instrument is refused: {where} has a value that is not allowed.")

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
    "day_sealed": N_("This day's log is countersigned and sealed: nothing can be added to it or corrected."),
    "day_empty": N_("There are no entries to submit for this day."),
    "day_not_in_review": N_("This day is not waiting for review."),
    "day_not_returned": N_("This day has not been returned for correction."),
    "returned_unanswered": N_("Answer every returned entry before sending the day back to the supervisor."),
    "day_transition": N_("This step is not possible for the day's log in its current state."),
    "countersign_own_entries": N_("You cannot countersign a day that contains your own entries."),
    # separation of duties (issue 14, oversight)
    "countersign_own_answers": N_("You answered a returned entry of this day yourself, so another supervisor must "
                                  "countersign it."),
    "agree_own_plan": N_("You wrote this plan, so someone else must agree it."),
    "plan_starts_draft": N_("A new plan starts as a draft; it becomes active when someone else agrees it."),
    "plan_status_by_agreement": N_("A plan becomes active only when someone who did not write it agrees it."),
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
    # admission, movements and the roll (issue 14 items 1, 2, 4)
    "birth_implausible": N_("A date of birth must be in the past and less than 120 years ago."),
    "not_out": N_("This prisoner is not out of the wing, so there is no movement to come back from."),
    "out_elsewhere": N_("This prisoner went out to another place; record the return from there."),
    "already_out": N_("This prisoner is already out of the wing; record the return first."),
    "not_on_wing": N_("This prisoner is no longer on the wing (transferred or released)."),
    "no_discrepancy": N_("This roll count has no discrepancy to resolve."),
    "roll_resolved": N_("This roll count's discrepancy is already resolved."),
    "weak_public_key": N_("A public key was refused because it is weak (genuine keys never are); nothing was stored."),
    # incidents and use of force (issue 14 item 5)
    "incident_incomplete": N_("{field} must be filled in before the incident goes for review or is closed."),
    "incident_closed": N_("This incident is closed and can no longer be changed."),
    "incident_not_draft": N_("Only a draft incident can be sent for review."),
    "incident_not_awaiting_review": N_("Only an incident awaiting review can be closed."),
    "uof_not_involved": N_("Only staff named on this use-of-force report can write a statement for it."),
    "uof_statement_exists": N_("You have already written your statement for this report."),
    "uof_complete": N_("This use-of-force report is complete and takes no more statements or changes."),
    "uof_statements_missing": N_("Every officer named on the report must write a statement before it is completed."),
    # Assessment instruments (issue 15, docs/instruments.md): a refused file or definition changes nothing
    "instrument_malformed": N_("The instrument definition is refused: it is malformed."),
    "instrument_not_json": N_("The file is not an instrument definition (it is not valid JSON)."),
    "instrument_too_large": N_("The instrument file is too large (at most {limit} KiB)."),
    "instrument_missing": N_("The instrument is refused: {where} is missing."),
    "instrument_unknown_field": N_("The instrument is refused: {where} is not part of the instrument format."),
    "instrument_bad_value": _BAD_VALUE,
    "instrument_bad_code": _BAD_VALUE,
    "instrument_bad_roles": _BAD_VALUE,
    "instrument_bad_rationale": _BAD_VALUE,
    "instrument_bad_version": _BAD_VALUE,
    "instrument_unknown_scale": _BAD_VALUE,
    "instrument_empty_domain": N_("The instrument is refused: {where} has neither items nor a rating of its own."),
    "instrument_duplicate_code": N_("The instrument is refused: the code {part} is used twice."),
    "instrument_unknown_part": N_("The instrument is refused: {where} names {part}, which is not a domain or item "
                                  "of this instrument."),
    "instrument_no_such_part": N_("This instrument has no domain or item {part}."),
    "instrument_text_too_long": N_("The instrument is refused: {where} is longer than {limit} characters."),
    "instrument_translation_missing": N_("The instrument is refused: {where} has no text in {language}."),
    "instrument_licensed_text": N_("The instrument is refused: it is licensed, so it may carry only names and rating "
                                   "codes, but {where} holds wording."),
    "instrument_unknown_region": N_("{region} is not one of the regions WingDesk serves (AL, BA, XK, ME, MK, RS)."),
    "instrument_unknown_language": N_("{language} is not one of WingDesk's languages."),
    "instrument_format_unknown": N_("The instrument is written in format {format}, which this WingDesk does not read "
                                    "(it reads format {supported}): install a newer WingDesk."),
    "instrument_not_signed": N_("The file is not a signed instrument file from HQ (HQ signs one with "
                                "'wingdesk-hq instrument sign')."),
    "instrument_signature": N_("The instrument file is refused: its signature does not match its content (it was "
                               "changed or damaged after HQ signed it)."),
    "instrument_wrong_key": N_("The instrument file is refused: it was signed with a key that is not the HQ key this "
                               "wing enrolled with."),
    "instrument_no_hq_key": N_("This wing has no HQ key yet: enrol it with HQ before installing instruments from HQ."),
    "instrument_version_conflict": N_("Version {version} of instrument {instrument} is already installed with "
                                      "different content; HQ must publish the change under a new version number."),
    "instrument_not_installed": N_("Instrument {instrument} version {version} is not installed on this wing."),
    "instrument_not_installed_any": N_("Instrument {instrument} is not installed on this wing."),
    # HQ's translation updates (docs/publishing.md); a refused one changes nothing: the texts in use stay in use
    "translation_malformed": N_("The translation update is refused: it is malformed."),
    "translation_not_json": N_("The file is not a translation update (it is not valid JSON)."),
    "translation_not_po": N_("The file is not a gettext translation file (.po); nothing was published."),
    "translation_language": N_("The translation file is not for a language WingDesk ships (its Language header "
                               "must name one of them); nothing was published."),
    "translation_too_large": N_("The translation file is too large (at most {limit} KiB)."),
    "translation_no_change": N_("The translation file changes no text of this program, so there is nothing to "
                                "publish."),
    "translation_not_signed": N_("The file is not a signed translation update from HQ."),
    "translation_signature": N_("The translation update is refused: its signature does not match its content; the "
                                "texts in use stay in use."),
    "translation_wrong_key": N_("The translation update is refused: it was signed with a key that is not the HQ key "
                                "this wing enrolled with; the texts in use stay in use."),
    "translation_no_hq_key": N_("This wing has no HQ key yet: enrol it with HQ before installing translation "
                                "updates."),
    "translation_version_conflict": N_("Version {version} of the translation update for {language} is already "
                                       "installed with different content."),
    "translation_older_version": N_("The translation update is refused: it is version {version} for {language}, "
                                    "older than version {current} in use, which stays in use."),
    "translation_nothing_usable": N_("The translation update is refused: none of its texts fits this version of "
                                     "WingDesk; the texts in use stay in use."),
    # training modules (issue 18); a refused module changes nothing: the version in use stays in use
    "module_not_json": N_("The file is not a training module package (it is not valid JSON)."),
    "module_too_large": N_("The training module file is larger than a module may be ({limit} KiB)."),
    "module_not_signed": N_("The file is not a signed training module from HQ (HQ signs one with "
                            "'wingdesk-hq module sign')."),
    "module_signature": N_("The training module is refused: its signature does not match its content (it was "
                           "changed or damaged after HQ signed it); the version in use stays in use."),
    "module_wrong_key": N_("The training module is refused: it was signed with a key that is not the HQ key this "
                           "wing enrolled with; the version in use stays in use."),
    "module_no_hq_key": N_("This wing has no HQ key yet: enrol it with HQ before installing training modules."),
    "module_version_conflict": N_("Version {version} of training module {module} is already installed with "
                                  "different content; HQ must publish the change under a new version number."),
    "module_older_version": N_("The training module is refused: it is version {version} of {module}, older than "
                               "version {current} in use, which stays in use."),
    "module_not_installed": N_("Training module {module} is not installed on this wing."),
    "module_format_unknown": N_("The training module is written in format {format}, which this WingDesk does not "
                                "read (it reads format {supported}): install a newer WingDesk."),
    "module_script": N_("The training module is refused: {where} contains a script, which a module may never "
                        "hold; the version in use stays in use."),
    "module_raw_html": N_("The training module is refused: {where} contains raw HTML, which a module may not hold "
                          "(write it in Markdown); the version in use stays in use."),
    "module_remote_image": N_("The training module is refused: {where} shows a picture from the network; pictures "
                              "must be embedded in the package. The version in use stays in use."),
    "module_missing_image": N_("The training module is refused: {where} shows the picture {image}, which the "
                               "package does not contain."),
    "module_bad_link": N_("The training module is refused: {where} has a link that is neither to a section nor to "
                          "an https address."),
    "module_bad_image": N_("The training module is refused: {where} is not a PNG or JPEG picture of at most 2 MiB "
                           "with a plain file name."),
    "module_bad_value": N_("The training module is refused: {where} is missing a value or has one of the wrong "
                           "kind."),
    "module_missing": N_("The training module is refused: it has no {where}."),
    "module_unknown_field": N_("The training module is refused: {where} is not part of the module format."),
    "module_text_too_long": N_("The training module is refused: {where} is longer than {limit} characters."),
    "module_bad_role": N_("The training module is refused: {where} names a role WingDesk does not have, or one "
                          "twice."),
    "module_one_right_answer": N_("The training module is refused: {where} must have exactly one right answer."),
    "module_languages_differ": N_("The training module is refused: {where} does not have the same sections, "
                                  "questions and right answers as the text in {language}."),
    "module_no_language": N_("The training module is refused: it has no text in any language."),
    # code lists HQ publishes (issue 17 item 3, docs/publishing.md); a refused list changes nothing
    "code_list_malformed": N_("The code list is refused: it is not a code list WingDesk can read."),
    "code_list_not_json": N_("The file is not a code list (it is not valid JSON)."),
    "code_list_too_large": N_("The code list file is larger than a code list may be ({limit} KiB)."),
    "code_list_format_unknown": N_("The code list is written in format {format}, which this WingDesk does not read "
                                   "(it reads format {supported}): install a newer WingDesk."),
    "code_list_unknown_list": N_("The code list is refused: WingDesk can add entries only to these lists: {lists}."),
    "code_list_missing": N_("The code list is refused: it has no {where}."),
    "code_list_unknown_field": N_("The code list is refused: {where} is not part of the code list format."),
    "code_list_bad_value": N_("The code list is refused: {where} is missing a value or has one of the wrong kind."),
    "code_list_too_many": N_("The code list is refused: it has more than {limit} entries."),
    "code_list_bad_code": N_("The code list is refused: {where} is not a code (2 to 40 capital letters A–Z, digits "
                             "and underscores, beginning with a letter)."),
    "code_list_builtin_code": N_("The code list is refused: {where} is a code WingDesk already has; an added entry "
                                 "needs a code of its own."),
    "code_list_duplicate_code": N_("The code list is refused: {where} repeats a code listed before it."),
    "code_list_unknown_language": N_("The code list is refused: {where} has a label in a language WingDesk is not "
                                     "written in."),
    "code_list_no_english": N_("The code list is refused: {where} has no English label, which every entry needs."),
    "code_list_text_too_long": N_("The code list is refused: {where} is longer than {limit} characters."),
    "code_list_control_chars": N_("The code list is refused: {where} contains a control or formatting character."),
    "code_list_not_signed": N_("The file is not a signed code list from HQ (HQ signs one with "
                               "'wingdesk-hq codelist sign')."),
    "code_list_signature": N_("The code list is refused: its signature does not match its content (it was changed "
                              "or damaged after HQ signed it); the list in use stays in use."),
    "code_list_wrong_key": N_("The code list is refused: it was signed with a key that is not the HQ key this wing "
                              "enrolled with; the list in use stays in use."),
    "code_list_no_hq_key": N_("This wing has no HQ key yet: enrol it with HQ before installing code lists."),
    "code_list_version_conflict": N_("Version {version} of the code list {list} is already installed with "
                                     "different content; HQ must publish the change under a new version number."),
    "code_list_older_version": N_("The code list is refused: it is version {version} of {list}, older than version "
                                  "{current} in use, which stays in use."),
    # the prison/wing hierarchy HQ publishes (issue 17 item 3, docs/publishing.md); a refused one changes nothing
    "hierarchy_malformed": N_("The hierarchy is refused: it is not a prison/wing hierarchy WingDesk can read."),
    "hierarchy_not_json": N_("The file is not a prison/wing hierarchy (it is not valid JSON)."),
    "hierarchy_too_large": N_("The hierarchy is larger than it may be ({limit} KiB)."),
    "hierarchy_format_unknown": N_("The hierarchy is written in format {format}, which this WingDesk does not read "
                                   "(it reads format {supported}): install a newer WingDesk."),
    "hierarchy_missing": N_("The hierarchy is refused: it has no {where}."),
    "hierarchy_unknown_field": N_("The hierarchy is refused: {where} is not part of the hierarchy format."),
    "hierarchy_bad_value": N_("The hierarchy is refused: {where} is missing a value or has one of the wrong kind."),
    "hierarchy_too_many": N_("The hierarchy is refused: {where} has more than {limit} entries."),
    "hierarchy_bad_code": N_("The hierarchy is refused: {where} is not a code (2 to 40 capital letters A–Z, digits, "
                             "hyphens and underscores, beginning with a letter)."),
    "hierarchy_duplicate_code": N_("The hierarchy is refused: the code {entry} is used twice (again at {where}); a "
                                   "code names one prison or one wing."),
    "hierarchy_text_too_long": N_("The hierarchy is refused: {where} is longer than {limit} characters."),
    "hierarchy_control_chars": N_("The hierarchy is refused: {where} contains a control or direction mark or a "
                                  "line break."),
    "hierarchy_bad_kind": N_("The hierarchy is refused: {where} is not a kind of prison WingDesk knows ({kinds})."),
    "hierarchy_bad_capacity": N_("The hierarchy is refused: {where} is not a capacity (a whole number from 1 to "
                                 "{limit})."),
    "hierarchy_bad_unit": N_("The hierarchy is refused: {where} names a special unit WingDesk does not know, or one "
                             "twice (it knows {units})."),
    "hierarchy_unknown_prison": N_("The hierarchy is refused: the wing {entry} is under a prison the hierarchy does "
                                   "not list."),
    "hierarchy_open_wing_closed_prison": N_("The hierarchy is refused: the wing {entry} is open but its prison is "
                                            "closed; close the wing too."),
    "hierarchy_unknown_code": N_("The hierarchy has no prison or wing with the code chosen; nothing was published."),
    "hierarchy_bad_device": N_("The hierarchy is refused: {where} is not a PC's device id."),
    "hierarchy_device_twice": N_("The hierarchy is refused: PC {device} is assigned to two wings ({entry} and again at "
                                 "{where}); a PC serves one wing."),
    "hierarchy_closed_wing_has_pc": N_("The hierarchy is refused: the wing {entry} is closed but a PC is still "
                                       "assigned to it."),
    "hierarchy_not_newer": N_("Revision {revision} of the hierarchy is not newer than revision {newest}, which is "
                              "already published; nothing was published."),
    "hierarchy_code_dropped": N_("The hierarchy is refused: it leaves out {entry}, which an earlier revision "
                                 "published; close it (with the day and the reason) instead, so it stays in the "
                                 "history."),
    "hierarchy_code_reused": N_("The hierarchy is refused: {entry} was closed and may not be reused for a different "
                                "prison or wing; give the new one a code of its own."),
    "hierarchy_wing_moved": N_("The hierarchy is refused: the wing {entry} is put under another prison; close it and "
                               "add the wing under a new code."),
    "hierarchy_not_signed": N_("The file is not a signed prison/wing hierarchy from HQ."),
    "hierarchy_signature": N_("The hierarchy is refused: its signature does not match its content (it was changed "
                              "or damaged after HQ signed it); the hierarchy in use stays in use."),
    "hierarchy_wrong_key": N_("The hierarchy is refused: it was signed with a key that is not the HQ key this wing "
                              "enrolled with; the hierarchy in use stays in use."),
    "hierarchy_no_hq_key": N_("This wing has no HQ key yet: enrol it with HQ before installing the hierarchy."),
    "hierarchy_version_conflict": N_("Revision {version} of the hierarchy is already installed with different "
                                     "content; HQ must publish the change under a new revision number."),
    "hierarchy_older_version": N_("The hierarchy is refused: it is revision {version}, older than revision "
                                  "{current} in use, which stays in use."),
    "training_answer_every_question": N_("Answer every question of the knowledge check before checking it."),
    "training_module_changed": N_("A new version of training module {module} was installed while you were reading: "
                                  "open it again to take its knowledge check."),
    # backup and restore (issue 22)
    "backup_not_found": N_("No complete WingDesk backup was found there."),
    "backup_damaged": N_("This backup is damaged or incomplete, so it was not restored and nothing here was changed."),
    "backup_forged": N_("This backup is not signed by a supervisor or administrator of this wing, so it was not "
                        "restored and nothing here was changed."),
    "backup_other_wing": N_("This backup is of another wing, so it was not restored and nothing here was changed."),
    "backup_check_failed": N_("The new backup did not pass its checks and was deleted; earlier backups were kept."),
    "app_running": N_("WingDesk is open on this wing. Close it, then restore."),
    "bad_position": N_("HQ's position must be written as SEQ:HASH, as HQ's status shows it."),
    "no_pending_restore": N_("This wing has no restore waiting for HQ's position."),
    # HQ recovery (issue 22 item 3); every refusal changes nothing
    "recovery_key_invalid": N_("That file is not HQ's recovery key."),
    "recovery_key_file_invalid": N_("The recovery key file is refused: it is damaged, or not signed by the HQ this "
                                    "wing is enrolled with."),
    "recovery_key_other_device": N_("The recovery key file is for another PC."),
    "recovery_key_older": N_("This wing already holds a newer HQ recovery key."),
    "recovery_not_enrolled": N_("This wing is not enrolled with HQ, so HQ's recovery files cannot be checked."),
    "no_recovery_slot": N_("This wing has no HQ recovery key installed, so HQ cannot recover it."),
    "recovery_grant_invalid": N_("The file is not a recovery grant from HQ, or it is damaged; nothing was changed."),
    "recovery_code_wrong": N_("The code does not open this recovery grant: check the code HQ read out. Nothing was "
                              "changed."),
    "recovery_grant_generation": N_("The grant is for recovery key generation {grant}, but this wing holds "
                                    "generation {wing}: ask HQ for a grant with --generation {wing}. Nothing was "
                                    "changed."),
    "recovery_grant_other_device": N_("The recovery grant is for another PC; nothing was changed."),
    "recovery_grant_forged": N_("The recovery grant is not signed by the HQ this wing is enrolled with (forged or "
                                "changed); nothing was changed."),
    "recovery_grant_approvals": N_("The recovery grant was not approved by two HQ administrators; nothing was "
                                   "changed."),
    "recovery_grant_expired": N_("The recovery grant has expired: ask HQ for a new one. Nothing was changed."),
    "recovery_grant_used": N_("The recovery grant was already used on this wing: ask HQ for a new one. Nothing was "
                              "changed."),
    # a new PC from HQ (services.successor; issue 22 item 4)
    "successor_already_imported": N_("HQ's package for the PC this one replaces was already written here; nothing "
                                     "was changed."),
    "successor_conflict": N_("This PC already holds records or prisoners that clash with HQ's package (the same "
                             "record, or a prison number under another prisoner); nothing was changed."),
    "successor_invalid": N_("HQ's package holds a record this PC cannot place (its author or prisoner is missing); "
                            "nothing was changed."),
    # alerts (services.alerts)
    "alert_needs_review_or_end": N_("Give the alert a review date or an end date: alerts are reviewed or they "
                                    "lapse."),
    "review_in_past": N_("The next review date cannot be in the past."),
    "alert_end_before_start": N_("An alert cannot end before the day it started."),
    "alert_ended": N_("This alert has already ended."),
    # risk and needs assessments (issue 15 item 2; services.assessments)
    "assessment_instrument_role": N_("Your role may not use instrument {instrument}."),
    "assessment_part_unrated": N_("{part} has no rating: rate every domain and item of the instrument."),
    "assessment_bad_rating": N_("The rating for {part} is not on its scale ({scale})."),
    "assessment_rationale_required": N_("The rating for {part} needs a written rationale."),
    "assessment_already_rated": N_("The first assessor has already rated this assessment."),
    "assessment_not_awaiting_second": N_("This assessment is not waiting for a second assessor's ratings."),
    "assessment_same_assessor": N_("You made the first rating, so a different assessor must make the second."),
    "assessment_difference_unexplained": N_("The assessors rated {part} differently: give the reason for the "
                                            "agreed rating."),
    "assessment_not_rated_by_both": N_("Both assessors must rate this assessment before agreeing it."),
    "assessment_agree_not_assessor": N_("Only the two assessors who rated this assessment can agree it."),
    "assessment_not_agreed": N_("This step needs an assessment whose ratings both assessors have agreed."),
    "assessment_countersign_own": N_("You rated this assessment, so a lead who did not rate it must countersign."),
    "assessment_history_broken": N_("This assessment cannot be countersigned: its history does not show two "
                                    "different assessors' own ratings and agreement."),
    # allocation decisions (issue 15 item 4)
    "allocation_needs_assessment": N_("An allocation decision must rest on a countersigned assessment of this "
                                      "prisoner."),
    "allocation_already_decided": N_("This allocation decision has already been approved or refused."),
    "allocation_decide_own": N_("You proposed this decision, so someone else must approve or refuse it."),
    "allocation_not_decided": N_("Tell the prisoner once the decision has been approved or refused."),
    # intelligence reports (issue 16)
    "intel_share_needs_grade": N_("Grade the report and write its sanitised text before sharing it."),
    "intel_release_needs_c": N_("Only a graded report with handling code C is released to HQ: a P-coded report "
                                "goes to HQ by itself."),
    "intel_already_released": N_("This report has already been released to HQ."),
    "intel_review_not_needed": N_("This report is graded above 3 and E, so it needs no review date."),
    # pre-release handover to an agency (issue 19 item 2; services.handover)
    "handover_needs_basis": N_("Record the legal basis or the prisoner's consent, with its reference in words, "
                               "before handing anything over: nothing was sealed."),
    "handover_no_items": N_("Choose at least one item to hand over: nothing was sealed."),
    "handover_too_many": N_("One handover holds at most {limit} items: make two. Nothing was sealed."),
    "handover_unknown_agency": N_("This agency is not on HQ's current list: nothing was sealed."),
    # transfer between prisons through HQ (issue 19 item 1; services.transfer)
    "transfer_unknown_prison": N_("This prison is not on HQ's current list: nothing was sealed."),
    "transfer_already_sent": N_("This prisoner's file has already been sealed for another prison."),
    "prisoner_transferred_out": N_("This prisoner was transferred to another prison: their file here is read-only. "
                                   "Corrections can still be added as amendments."),
    "transfer_not_for_this_prison": N_("This transfer package is sealed to another prison's computer: it was not "
                                       "opened."),
    "transfer_bad_signature": N_("The governor's signature on this transfer package does not hold: it was not "
                                 "accepted."),
    "transfer_malformed": N_("This transfer package is damaged: it was not accepted."),
    "transfer_replayed": N_("This transfer package has already been accepted here."),
    # the same package on its own file, for a USB stick (services.transfer export / receive_file, sync.transfer_file)
    "transfer_unknown_sender": N_("This transfer package is not signed by a governor HQ lists for the sending prison, "
                                  "so it was not opened; if that prison has a new governor, sync with HQ first."),
    "transfer_file_unsafe": N_("The transfer file could not be written and checked (the stick may be full or "
                               "pulled): do not use any copy on it, and try again."),
    "transfer_file_exists": N_("A different file of that name is already there: choose another name (nothing was "
                               "written over)."),
    "transfer_file_unreadable": N_("This file cannot be read: check the stick and try again."),
    "transfer_file_too_large": N_("This file is too large to be a transfer package: it was not opened."),
    # retention review and erasure (issue 19 item 5)
    "nothing_due": N_("None of this prisoner's records is due for erasure now."),
    "date_not_in_future": N_("{field} must be a later day than today."),
    "bad_retention_schedule": N_("The retention schedule is damaged ({detail}); reinstall WingDesk."),
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
