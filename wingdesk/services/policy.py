"""The one access policy table: role × action × resource → scope; anything absent is denied.

Transcribed from the access matrix in domain.md §1 (WO officer, SO supervisor, TS treatment,
SEC security, GOV governor, ADM admin).
"""

from __future__ import annotations

from enum import StrEnum

from wingdesk.domain.roles import Role


class Action(StrEnum):
    CREATE = "create"
    READ = "read"
    ANNOTATE = "annotate"
    SUBMIT = "submit"
    APPROVE = "approve"  # countersign / return a day, agree a plan
    ADMINISTER = "administer"
    EXPORT = "export"
    DELETE = "delete"  # an administrator's hard delete, leaving a tombstone (services.deletion)


class Resource(StrEnum):
    PRISONER = "prisoner"
    ALERT = "alert"
    LOG_ENTRY = "log_entry"
    DAILY_LOG = "daily_log"
    OBSERVATION = "observation"
    PLAN = "plan"
    PROGRESS_NOTE = "progress_note"
    CONTACT = "contact"
    AUDIT = "audit"
    USERS = "users"
    SETTINGS = "settings"
    SYNC = "sync"
    INCIDENT = "incident"  # incident reports (issue 14 item 5)
    USE_OF_FORCE = "use_of_force"  # use-of-force reports and officers' statements (issue 14 item 5)
    DAILY_SUMMARY = "daily_summary"  # the governor's daily summary (issue 14 item 5)
    INSTRUMENT = "instrument"  # assessment instruments (reference data; services.instruments)
    BACKUP = "backup"
    ASSESSMENT = "assessment"  # risk and needs assessments (issue 15 item 2; services.assessments)
    ASSESSMENT_RATING = "assessment_rating"  # one assessor's own ratings, kept apart until both have rated
    DISCLOSURE = "disclosure"  # subject access and what was disclosed or withheld (issue 19 item 3)
    PRISONER_COMMENT = "prisoner_comment"  # the prisoner's own comment on a record about them (issue 19 item 4)
    RECORD = "record"  # any record, whatever its kind: only its hard delete is ruled on this resource
    TRAINING = "training"  # training modules and completions (issue 18; services.training_modules, .learning)
    VEO_STATUS = "veo_status"  # extremism status; a radicalisation concern lapses (issue 15 item 3)
    ALLOCATION = "allocation"  # allocation and risk-management decisions (issue 15 item 4)
    INTELLIGENCE_REPORT = "intelligence_report"  # graded intelligence reports (issue 16)
    SECURITY_TASK = "security_task"  # security's requests to the supervisors and their results (issue 16)
    HANDOVER = "handover"  # pre-release handover to an agency, and the outcome after release (issue 19 item 2)
    TRANSFER = "transfer"  # transfer packages between prisons through HQ (issue 19 item 1)
    RETENTION = "retention"  # records whose retention ran out: review, keep longer, erase (issue 19 item 5)
    VETTED_PEOPLE = "vetted_people"  # the outside people HQ vetted for this wing (issue 17 item 3)


class Scope(StrEnum):
    ALL = "all"  # everything on this wing
    OWN = "own"  # only what the caller wrote
    RESTRICTED = "restricted"  # summary fields only (domain.md code "r")
    DISCIPLINE = "discipline"  # treatment notes of the caller's own discipline


OFC, S, T, X, G, A = Role.OFFICER, Role.SUPERVISOR, Role.TREATMENT, Role.SECURITY, Role.GOVERNOR, Role.ADMIN
C, R, N, SUB, AP, ADM, EXP = (Action.CREATE, Action.READ, Action.ANNOTATE, Action.SUBMIT, Action.APPROVE,
                              Action.ADMINISTER, Action.EXPORT)

POLICY: dict[tuple[Role, Action, Resource], Scope] = {
    # Prisoner minimal profile: WO R (own wing) · SO R,N · TS R (caseload) · SEC R · GOV R · ADM —
    (OFC, R, Resource.PRISONER): Scope.ALL,
    (S, R, Resource.PRISONER): Scope.ALL,
    (S, N, Resource.PRISONER): Scope.ALL,
    (S, C, Resource.PRISONER): Scope.ALL,  # local reception until HQ's roster bundle arrives
    (T, R, Resource.PRISONER): Scope.ALL,
    (X, R, Resource.PRISONER): Scope.ALL,
    (G, R, Resource.PRISONER): Scope.ALL,
    # Alerts: WO R · SO C,N · TS C (own area) · SEC C,N · GOV R,A
    (OFC, R, Resource.ALERT): Scope.ALL,
    (S, R, Resource.ALERT): Scope.ALL,
    (S, C, Resource.ALERT): Scope.ALL,
    (S, N, Resource.ALERT): Scope.ALL,
    (T, R, Resource.ALERT): Scope.ALL,
    (T, C, Resource.ALERT): Scope.ALL,
    (X, R, Resource.ALERT): Scope.ALL,
    (X, C, Resource.ALERT): Scope.ALL,
    (X, N, Resource.ALERT): Scope.ALL,
    (G, R, Resource.ALERT): Scope.ALL,
    (G, AP, Resource.ALERT): Scope.ALL,
    # Wing log entries: WO C,N (own shift; reads the wing's log to hand over) · SO R,N,A · TS r · SEC R · GOV R
    (OFC, C, Resource.LOG_ENTRY): Scope.OWN,
    (OFC, N, Resource.LOG_ENTRY): Scope.OWN,
    (OFC, R, Resource.LOG_ENTRY): Scope.ALL,
    (S, R, Resource.LOG_ENTRY): Scope.ALL,
    (S, N, Resource.LOG_ENTRY): Scope.ALL,
    (S, C, Resource.LOG_ENTRY): Scope.OWN,
    (T, R, Resource.LOG_ENTRY): Scope.RESTRICTED,
    (X, R, Resource.LOG_ENTRY): Scope.ALL,
    (G, R, Resource.LOG_ENTRY): Scope.ALL,
    # Daily log review: WO submit · SO approve/return · GOV R
    (OFC, SUB, Resource.DAILY_LOG): Scope.ALL,
    (S, SUB, Resource.DAILY_LOG): Scope.ALL,
    (OFC, R, Resource.DAILY_LOG): Scope.ALL,
    (S, R, Resource.DAILY_LOG): Scope.ALL,
    (S, AP, Resource.DAILY_LOG): Scope.ALL,
    (G, R, Resource.DAILY_LOG): Scope.ALL,
    # Dynamic-security observation: WO C, R own · SO R,N · TS — · SEC R,G · GOV r. Security grades in its own
    # intelligence report (issue 16), never by a note under the observation, which its officer would read
    (OFC, C, Resource.OBSERVATION): Scope.OWN,
    (OFC, R, Resource.OBSERVATION): Scope.OWN,
    (OFC, N, Resource.OBSERVATION): Scope.OWN,
    (S, C, Resource.OBSERVATION): Scope.OWN,
    (S, R, Resource.OBSERVATION): Scope.ALL,
    (S, N, Resource.OBSERVATION): Scope.ALL,
    (X, R, Resource.OBSERVATION): Scope.ALL,
    (G, R, Resource.OBSERVATION): Scope.RESTRICTED,
    # Treatment plan: WO r (wing actions) · SO r · TS C,N, lead A · SEC r · GOV R,A
    (OFC, R, Resource.PLAN): Scope.RESTRICTED,
    (S, R, Resource.PLAN): Scope.RESTRICTED,
    (T, R, Resource.PLAN): Scope.ALL,
    (T, C, Resource.PLAN): Scope.ALL,
    (T, N, Resource.PLAN): Scope.ALL,
    (T, AP, Resource.PLAN): Scope.ALL,
    (X, R, Resource.PLAN): Scope.RESTRICTED,
    (G, R, Resource.PLAN): Scope.ALL,
    (G, AP, Resource.PLAN): Scope.ALL,
    # Treatment/progress notes: TS C, R own discipline · GOV r (logged reason; metadata only)
    (T, C, Resource.PROGRESS_NOTE): Scope.DISCIPLINE,
    (T, R, Resource.PROGRESS_NOTE): Scope.DISCIPLINE,
    (G, R, Resource.PROGRESS_NOTE): Scope.RESTRICTED,
    # Disengagement actors/contacts: WO r (visit-relevant) · SO R · TS C,N · SEC R · GOV R,A
    (OFC, R, Resource.CONTACT): Scope.RESTRICTED,
    (S, R, Resource.CONTACT): Scope.ALL,
    (T, R, Resource.CONTACT): Scope.ALL,
    (T, C, Resource.CONTACT): Scope.ALL,
    (T, N, Resource.CONTACT): Scope.ALL,
    (X, R, Resource.CONTACT): Scope.ALL,
    (G, R, Resource.CONTACT): Scope.ALL,
    (G, AP, Resource.CONTACT): Scope.ALL,
    # Vetted outside people HQ listed for this wing (issue 17 item 3): treatment staff pick the person a contact
    # was with; the supervisor, security, the governor and the administrator read the list and its expiry dates.
    (T, R, Resource.VETTED_PEOPLE): Scope.ALL,
    (S, R, Resource.VETTED_PEOPLE): Scope.ALL,
    (X, R, Resource.VETTED_PEOPLE): Scope.ALL,
    (G, R, Resource.VETTED_PEOPLE): Scope.ALL,
    (A, R, Resource.VETTED_PEOPLE): Scope.ALL,
    # Audit log: GOV R · ADM R (technical only)
    (G, R, Resource.AUDIT): Scope.ALL,
    (A, R, Resource.AUDIT): Scope.ALL,
    # Users, roles, settings: ADM C; supervisors clear lock-outs; GOV reads the staff list
    (A, ADM, Resource.USERS): Scope.ALL,
    (A, R, Resource.USERS): Scope.ALL,
    (S, ADM, Resource.USERS): Scope.RESTRICTED,  # unlock an account only
    (G, R, Resource.USERS): Scope.ALL,
    (A, ADM, Resource.SETTINGS): Scope.ALL,
    # Sync with HQ: the supervisor or admin exports and imports sealed bundles
    (S, EXP, Resource.SYNC): Scope.ALL,
    (A, EXP, Resource.SYNC): Scope.ALL,
    (G, EXP, Resource.SYNC): Scope.ALL,
    # Incident reports (issue 14 item 5): officers raise and fill in their own drafts and send them for review;
    # the supervisor reviews, may fill in and closes (APPROVE); security and the governor read.
    (OFC, C, Resource.INCIDENT): Scope.OWN,
    (OFC, N, Resource.INCIDENT): Scope.OWN,
    (OFC, R, Resource.INCIDENT): Scope.ALL,
    (S, C, Resource.INCIDENT): Scope.OWN,
    (S, N, Resource.INCIDENT): Scope.ALL,
    (S, R, Resource.INCIDENT): Scope.ALL,
    (S, AP, Resource.INCIDENT): Scope.ALL,
    (X, R, Resource.INCIDENT): Scope.ALL,
    (G, R, Resource.INCIDENT): Scope.ALL,
    # Use of force (issue 14 item 5, domain.md scenario 6, §3 rule 12): an officer reports it (CREATE), every
    # officer named on it writes and signs their own statement (SUBMIT, OWN: only in their own name); the
    # supervisor completes it (APPROVE); security and the governor read.
    (OFC, C, Resource.USE_OF_FORCE): Scope.OWN,
    (OFC, SUB, Resource.USE_OF_FORCE): Scope.OWN,
    (OFC, R, Resource.USE_OF_FORCE): Scope.ALL,
    (S, C, Resource.USE_OF_FORCE): Scope.OWN,
    (S, SUB, Resource.USE_OF_FORCE): Scope.OWN,
    (S, R, Resource.USE_OF_FORCE): Scope.ALL,
    (S, AP, Resource.USE_OF_FORCE): Scope.ALL,
    (X, R, Resource.USE_OF_FORCE): Scope.ALL,
    (G, R, Resource.USE_OF_FORCE): Scope.ALL,
    # The governor's daily summary (issue 14 item 5): the day's incidents, uses of force, urgent observations,
    # roll discrepancies and movements, each read under the reader's own rows above; the supervisor sees it too.
    (G, R, Resource.DAILY_SUMMARY): Scope.ALL,
    (S, R, Resource.DAILY_SUMMARY): Scope.ALL,
    # Assessment instruments (issue 15): reference data, ADM installs; those who assess, review or approve read
    (A, ADM, Resource.INSTRUMENT): Scope.ALL,
    (A, R, Resource.INSTRUMENT): Scope.ALL,
    (S, R, Resource.INSTRUMENT): Scope.ALL,
    (T, R, Resource.INSTRUMENT): Scope.ALL,
    (X, R, Resource.INSTRUMENT): Scope.ALL,
    (G, R, Resource.INSTRUMENT): Scope.ALL,
    # Risk and needs assessment (issue 15 item 2, domain.md §1): WO r (level + instructions) · SO r · TS C trained
    # assessor, 2nd assessor agrees (N) · SEC R · GOV R, A (countersigns; never one of the two assessors).
    (OFC, R, Resource.ASSESSMENT): Scope.RESTRICTED,
    (S, R, Resource.ASSESSMENT): Scope.RESTRICTED,
    (T, C, Resource.ASSESSMENT): Scope.ALL,
    (T, R, Resource.ASSESSMENT): Scope.ALL,
    (T, N, Resource.ASSESSMENT): Scope.ALL,
    (X, R, Resource.ASSESSMENT): Scope.ALL,
    (G, R, Resource.ASSESSMENT): Scope.ALL,
    (G, AP, Resource.ASSESSMENT): Scope.ALL,
    # An assessor's own ratings: each assessor reads only their own until both have rated (the assessment service
    # shows both after that); security and the governor read them.
    (T, C, Resource.ASSESSMENT_RATING): Scope.OWN,
    (T, R, Resource.ASSESSMENT_RATING): Scope.OWN,
    (X, R, Resource.ASSESSMENT_RATING): Scope.ALL,
    (G, R, Resource.ASSESSMENT_RATING): Scope.ALL,
    # Backup and restore (issue 22): a supervisor or administrator makes a backup (export) and restores one
    (S, EXP, Resource.BACKUP): Scope.ALL,
    (A, EXP, Resource.BACKUP): Scope.ALL,
    (S, ADM, Resource.BACKUP): Scope.ALL,
    (A, ADM, Resource.BACKUP): Scope.ALL,
    # Subject access (issue 19 item 3, domain.md scenario 15): the governor makes the prisoner's copy and keeps
    # the disclosure record; governor and security withhold an item (source protection) with a reason
    (G, C, Resource.DISCLOSURE): Scope.ALL,
    (G, R, Resource.DISCLOSURE): Scope.ALL,
    (G, EXP, Resource.DISCLOSURE): Scope.ALL,
    (G, N, Resource.DISCLOSURE): Scope.ALL,
    (X, R, Resource.DISCLOSURE): Scope.ALL,
    (X, N, Resource.DISCLOSURE): Scope.ALL,
    # The prisoner's voice (issue 19 item 4): staff who read a record take down the prisoner's comment on it
    (OFC, C, Resource.PRISONER_COMMENT): Scope.ALL,
    (S, C, Resource.PRISONER_COMMENT): Scope.ALL,
    (T, C, Resource.PRISONER_COMMENT): Scope.ALL,
    (G, C, Resource.PRISONER_COMMENT): Scope.ALL,
    # Hard delete (domain.md §0 rule 1, §3 rule 6, scenario 8): the administrator alone, with a reason, for the rare
    # legal case (a record written about the wrong person, a court order); a signed tombstone stays.
    (A, Action.DELETE, Resource.RECORD): Scope.ALL,
    # Retention (issue 19 item 5, domain.md §3 rule 10): the governor alone reviews the records whose retention ran
    # out, keeps them longer (ANNOTATE) or erases them (DELETE), each with a reason; nothing is erased by itself.
    (G, R, Resource.RETENTION): Scope.ALL,
    (G, N, Resource.RETENTION): Scope.ALL,
    (G, Action.DELETE, Resource.RETENTION): Scope.ALL,
    # Training (issue 18): every user reads the modules and records their own completion; the supervisor and the
    # governor read their staff's completions (READ ALL); the administrator installs modules.
    (OFC, R, Resource.TRAINING): Scope.OWN,
    (OFC, C, Resource.TRAINING): Scope.OWN,
    (S, R, Resource.TRAINING): Scope.ALL,
    (S, C, Resource.TRAINING): Scope.OWN,
    (T, R, Resource.TRAINING): Scope.OWN,
    (T, C, Resource.TRAINING): Scope.OWN,
    (X, R, Resource.TRAINING): Scope.OWN,
    (X, C, Resource.TRAINING): Scope.OWN,
    (G, R, Resource.TRAINING): Scope.ALL,
    (G, C, Resource.TRAINING): Scope.OWN,
    (A, R, Resource.TRAINING): Scope.OWN,
    (A, C, Resource.TRAINING): Scope.OWN,
    (A, ADM, Resource.TRAINING): Scope.ALL,
    # Extremism status (issue 15 item 3, domain.md §2.2): security and the governor set it with its basis;
    # treatment staff read it (it frames their assessment); officers and supervisors do not see the label.
    (X, C, Resource.VEO_STATUS): Scope.ALL,
    (X, R, Resource.VEO_STATUS): Scope.ALL,
    (G, C, Resource.VEO_STATUS): Scope.ALL,
    (G, R, Resource.VEO_STATUS): Scope.ALL,
    (T, R, Resource.VEO_STATUS): Scope.ALL,
    # Allocation decisions (issue 15 item 4): treatment staff and security propose and tell the prisoner, the
    # governor approves (never their own proposal); officers and supervisors read what the decision asks of the wing.
    (T, C, Resource.ALLOCATION): Scope.ALL,
    (T, R, Resource.ALLOCATION): Scope.ALL,
    (X, C, Resource.ALLOCATION): Scope.ALL,
    (X, R, Resource.ALLOCATION): Scope.ALL,
    (G, R, Resource.ALLOCATION): Scope.ALL,
    (G, AP, Resource.ALLOCATION): Scope.ALL,
    (OFC, R, Resource.ALLOCATION): Scope.RESTRICTED,
    (S, R, Resource.ALLOCATION): Scope.RESTRICTED,
    # Intelligence reports (issue 16, domain.md §1 "Security information report (graded)"): SEC C,G,N and releases
    # a C-coded report to HQ (APPROVE) · SO r (sanitised text, code P, once shared) · GOV sanitised text once
    # shared (the issue: the original stays with security) · WO, TS, ADM none: the reporting officer never opens it
    (X, C, Resource.INTELLIGENCE_REPORT): Scope.ALL,
    (X, R, Resource.INTELLIGENCE_REPORT): Scope.ALL,
    (X, N, Resource.INTELLIGENCE_REPORT): Scope.ALL,
    (X, AP, Resource.INTELLIGENCE_REPORT): Scope.ALL,
    (S, R, Resource.INTELLIGENCE_REPORT): Scope.RESTRICTED,
    (G, R, Resource.INTELLIGENCE_REPORT): Scope.RESTRICTED,
    # Security tasks (issue 16): security asks (C) and reads the results; supervisors read and complete them
    # (ANNOTATE); the governor reads. Officers are told by their supervisor; treatment staff are never tasked.
    (X, C, Resource.SECURITY_TASK): Scope.ALL,
    (X, R, Resource.SECURITY_TASK): Scope.ALL,
    (S, R, Resource.SECURITY_TASK): Scope.ALL,
    (S, N, Resource.SECURITY_TASK): Scope.ALL,
    (G, R, Resource.SECURITY_TASK): Scope.ALL,
    # Pre-release multi-agency handover (issue 19 item 2, domain.md §2.6 "pre-release with probation", §2.8, §3
    # rules 1, 3, 5): the treatment staff who hold the plan and their own discipline's notes, and the governor, seal
    # what they themselves may read for an agency, on a recorded legal basis; both record probation's outcome after
    # release and read the handovers. Officers, supervisors, security and the administrator do neither.
    (T, C, Resource.HANDOVER): Scope.ALL,
    (T, R, Resource.HANDOVER): Scope.ALL,
    (G, C, Resource.HANDOVER): Scope.ALL,
    (G, R, Resource.HANDOVER): Scope.ALL,
    # Transfer between prisons (issue 19 item 1, domain.md §4 "Transfers", scenario 13): only the governor seals a
    # prisoner's file for another prison, accepts one that arrives (writing its carried alerts as alerts here, in
    # the governor's name), and reads the transfer log. The carried plan, assessment and intelligence are read
    # under those kinds' own entries above (services.carried).
    (G, C, Resource.TRANSFER): Scope.ALL,
    (G, R, Resource.TRANSFER): Scope.ALL,
}

# Every user may read their own account and change their own password; not a policy decision.
SELF_SERVICE = frozenset({"change_own_password", "whoami"})


def scope_for(role: Role, action: Action, resource: Resource) -> Scope | None:
    return POLICY.get((role, action, resource))
