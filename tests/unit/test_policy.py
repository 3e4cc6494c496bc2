"""The access policy equals the matrix in domain.md, and every service method has a policy entry."""

import inspect

import pytest

from wingdesk.domain.roles import Role
from wingdesk.services.policy import POLICY, Action, Resource, Scope, scope_for
from wingdesk.services.wing import SERVICE_CLASSES

C, R, N, SUB, A, ADM, EXP = (Action.CREATE, Action.READ, Action.ANNOTATE, Action.SUBMIT, Action.APPROVE,
                             Action.ADMINISTER, Action.EXPORT)
full, own, r, disc = Scope.ALL, Scope.OWN, Scope.RESTRICTED, Scope.DISCIPLINE

# Written out independently from domain.md §1 (cell by cell), plus the documented additions.
EXPECTED = {
    Role.OFFICER: {
        (R, Resource.PRISONER): full, (R, Resource.ALERT): full,
        (C, Resource.LOG_ENTRY): own, (N, Resource.LOG_ENTRY): own, (R, Resource.LOG_ENTRY): full,
        (SUB, Resource.DAILY_LOG): full, (R, Resource.DAILY_LOG): full,
        (C, Resource.OBSERVATION): own, (R, Resource.OBSERVATION): own, (N, Resource.OBSERVATION): own,
        (R, Resource.PLAN): r, (R, Resource.CONTACT): r,
    },
    Role.SUPERVISOR: {
        (R, Resource.PRISONER): full, (N, Resource.PRISONER): full, (C, Resource.PRISONER): full,
        (R, Resource.ALERT): full, (C, Resource.ALERT): full, (N, Resource.ALERT): full,
        (R, Resource.LOG_ENTRY): full, (N, Resource.LOG_ENTRY): full, (C, Resource.LOG_ENTRY): own,
        (SUB, Resource.DAILY_LOG): full, (R, Resource.DAILY_LOG): full, (A, Resource.DAILY_LOG): full,
        (C, Resource.OBSERVATION): own, (R, Resource.OBSERVATION): full, (N, Resource.OBSERVATION): full,
        (R, Resource.PLAN): r, (R, Resource.CONTACT): full, (ADM, Resource.USERS): r,
        (EXP, Resource.SYNC): full, (EXP, Resource.BACKUP): full, (ADM, Resource.BACKUP): full,
    },
    Role.TREATMENT: {
        (R, Resource.PRISONER): full, (R, Resource.ALERT): full, (C, Resource.ALERT): full,
        (R, Resource.LOG_ENTRY): r,
        (R, Resource.PLAN): full, (C, Resource.PLAN): full, (N, Resource.PLAN): full, (A, Resource.PLAN): full,
        (C, Resource.PROGRESS_NOTE): disc, (R, Resource.PROGRESS_NOTE): disc,
        (R, Resource.CONTACT): full, (C, Resource.CONTACT): full, (N, Resource.CONTACT): full,
    },
    Role.SECURITY: {
        (R, Resource.PRISONER): full, (R, Resource.ALERT): full, (C, Resource.ALERT): full,
        (N, Resource.ALERT): full, (R, Resource.LOG_ENTRY): full, (R, Resource.OBSERVATION): full,
        (R, Resource.PLAN): r, (R, Resource.CONTACT): full,
    },
    Role.GOVERNOR: {
        (R, Resource.PRISONER): full, (R, Resource.ALERT): full, (A, Resource.ALERT): full,
        (R, Resource.LOG_ENTRY): full, (R, Resource.DAILY_LOG): full, (R, Resource.OBSERVATION): r,
        (R, Resource.PLAN): full, (A, Resource.PLAN): full, (R, Resource.PROGRESS_NOTE): r,
        (R, Resource.CONTACT): full, (A, Resource.CONTACT): full, (R, Resource.AUDIT): full,
        (R, Resource.USERS): full, (EXP, Resource.SYNC): full,
    },
    Role.ADMIN: {
        (R, Resource.AUDIT): full, (ADM, Resource.USERS): full, (R, Resource.USERS): full,
        (ADM, Resource.SETTINGS): full, (EXP, Resource.SYNC): full, (EXP, Resource.BACKUP): full,
        (ADM, Resource.BACKUP): full,
    },
}
# Assessment instruments (issue 15): reference data; the administrator installs, who assesses, reviews or approves
# reads the definitions (officers see levels and instructions only, through the assessment, not the instrument).
EXPECTED[Role.ADMIN][(ADM, Resource.INSTRUMENT)] = full
for _role in (Role.SUPERVISOR, Role.TREATMENT, Role.SECURITY, Role.GOVERNOR, Role.ADMIN):
    EXPECTED[_role][(R, Resource.INSTRUMENT)] = full

# Risk and needs assessment (issue 15 item 2), from the matrix row: WO r · SO r · TS C, 2nd assessor A (agreeing
# is annotating the shared record) · SEC R · GOV R, A; an assessor's own ratings are read by their author only
# until both have rated (the assessment service then shows both), SEC and GOV read them.
EXPECTED[Role.OFFICER][(R, Resource.ASSESSMENT)] = r
EXPECTED[Role.SUPERVISOR][(R, Resource.ASSESSMENT)] = r
EXPECTED[Role.TREATMENT].update({(C, Resource.ASSESSMENT): full, (R, Resource.ASSESSMENT): full,
                                 (N, Resource.ASSESSMENT): full, (C, Resource.ASSESSMENT_RATING): own,
                                 (R, Resource.ASSESSMENT_RATING): own})
EXPECTED[Role.SECURITY].update({(R, Resource.ASSESSMENT): full, (R, Resource.ASSESSMENT_RATING): full})
EXPECTED[Role.GOVERNOR].update({(R, Resource.ASSESSMENT): full, (A, Resource.ASSESSMENT): full,
                                (R, Resource.ASSESSMENT_RATING): full})

# Incidents, use of force and the governor's daily summary (issue 14 item 5)
_INCIDENTS = {
    Role.OFFICER: {(C, Resource.INCIDENT): own, (N, Resource.INCIDENT): own, (R, Resource.INCIDENT): full,
                   (C, Resource.USE_OF_FORCE): own, (SUB, Resource.USE_OF_FORCE): own,
                   (R, Resource.USE_OF_FORCE): full},
    Role.SUPERVISOR: {(C, Resource.INCIDENT): own, (N, Resource.INCIDENT): full, (R, Resource.INCIDENT): full,
                      (A, Resource.INCIDENT): full, (C, Resource.USE_OF_FORCE): own,
                      (SUB, Resource.USE_OF_FORCE): own, (R, Resource.USE_OF_FORCE): full,
                      (A, Resource.USE_OF_FORCE): full, (R, Resource.DAILY_SUMMARY): full},
    Role.SECURITY: {(R, Resource.INCIDENT): full, (R, Resource.USE_OF_FORCE): full},
    Role.GOVERNOR: {(R, Resource.INCIDENT): full, (R, Resource.USE_OF_FORCE): full,
                    (R, Resource.DAILY_SUMMARY): full},
}
for _role, _cells in _INCIDENTS.items():
    EXPECTED[_role].update(_cells)

# Subject access and the prisoner's voice (issue 19 items 3 and 4; domain.md scenario 15): the governor makes the
# prisoner's copy; governor and security withhold a record with a reason; staff who read a record take down the
# prisoner's comment on it.
EXPECTED[Role.GOVERNOR].update({(C, Resource.DISCLOSURE): full, (R, Resource.DISCLOSURE): full,
                                (EXP, Resource.DISCLOSURE): full, (N, Resource.DISCLOSURE): full})
EXPECTED[Role.SECURITY].update({(R, Resource.DISCLOSURE): full, (N, Resource.DISCLOSURE): full})
for _role in (Role.OFFICER, Role.SUPERVISOR, Role.TREATMENT, Role.GOVERNOR):
    EXPECTED[_role][(C, Resource.PRISONER_COMMENT)] = full
# Hard delete leaving a tombstone (domain.md §0 rule 1, §3 rule 6, scenario 8): the administrator alone
EXPECTED[Role.ADMIN][(Action.DELETE, Resource.RECORD)] = full
# Training (issue 18): every role reads modules and records its own completion; supervisors and the governor see
# their staff's completions; the administrator installs modules.
for _role in Role:
    EXPECTED[_role][(C, Resource.TRAINING)] = own
    EXPECTED[_role][(R, Resource.TRAINING)] = full if _role in (Role.SUPERVISOR, Role.GOVERNOR) else own
EXPECTED[Role.ADMIN][(ADM, Resource.TRAINING)] = full

# Extremism status (issue 15 item 3): security and governor set and read it, treatment staff read it.
EXPECTED[Role.SECURITY].update({(C, Resource.VEO_STATUS): full, (R, Resource.VEO_STATUS): full})
EXPECTED[Role.GOVERNOR].update({(C, Resource.VEO_STATUS): full, (R, Resource.VEO_STATUS): full})
EXPECTED[Role.TREATMENT][(R, Resource.VEO_STATUS)] = full

# Allocation decisions (issue 15 item 4): treatment and security propose, the governor approves, the wing reads
# what the approved decision asks of it.
EXPECTED[Role.TREATMENT].update({(C, Resource.ALLOCATION): full, (R, Resource.ALLOCATION): full})
EXPECTED[Role.SECURITY].update({(C, Resource.ALLOCATION): full, (R, Resource.ALLOCATION): full})
EXPECTED[Role.GOVERNOR].update({(R, Resource.ALLOCATION): full, (A, Resource.ALLOCATION): full})
EXPECTED[Role.OFFICER][(R, Resource.ALLOCATION)] = r
EXPECTED[Role.SUPERVISOR][(R, Resource.ALLOCATION)] = r
# Intelligence reports (issue 16): security writes, grades, annotates and releases to HQ; supervisors and the
# governor read the sanitised text only (restricted); officers, treatment staff and administrators nothing.
EXPECTED[Role.SECURITY].update({(C, Resource.INTELLIGENCE_REPORT): full, (R, Resource.INTELLIGENCE_REPORT): full,
                                (N, Resource.INTELLIGENCE_REPORT): full, (A, Resource.INTELLIGENCE_REPORT): full})
EXPECTED[Role.SUPERVISOR][(R, Resource.INTELLIGENCE_REPORT)] = r
EXPECTED[Role.GOVERNOR][(R, Resource.INTELLIGENCE_REPORT)] = r
EXPECTED[Role.SECURITY].update({(C, Resource.SECURITY_TASK): full, (R, Resource.SECURITY_TASK): full})
EXPECTED[Role.SUPERVISOR].update({(R, Resource.SECURITY_TASK): full, (N, Resource.SECURITY_TASK): full})
EXPECTED[Role.GOVERNOR][(R, Resource.SECURITY_TASK)] = full
# Pre-release handover to an agency and the outcome after release (issue 19 item 2): treatment staff and the
# governor prepare and read them; nobody else.
EXPECTED[Role.TREATMENT].update({(C, Resource.HANDOVER): full, (R, Resource.HANDOVER): full})
EXPECTED[Role.GOVERNOR].update({(C, Resource.HANDOVER): full, (R, Resource.HANDOVER): full})
# Retention review and erasure (issue 19 item 5, domain.md §3 rule 10): the governor alone
EXPECTED[Role.GOVERNOR].update({(R, Resource.RETENTION): full, (N, Resource.RETENTION): full,
                                (Action.DELETE, Resource.RETENTION): full})
# Transfer between prisons through HQ (issue 19 item 1): the governor alone seals, accepts and reads transfers
EXPECTED[Role.GOVERNOR].update({(C, Resource.TRANSFER): full, (R, Resource.TRANSFER): full})
# Vetted outside people from HQ (issue 17 item 3): treatment staff pick from the list when they log a contact; the
# supervisor, security, the governor and the administrator read it; officers do not.
for _role in (Role.TREATMENT, Role.SUPERVISOR, Role.SECURITY, Role.GOVERNOR, Role.ADMIN):
    EXPECTED[_role][(R, Resource.VETTED_PEOPLE)] = full


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("resource", list(Resource))
def test_whole_matrix(role, action, resource):
    assert scope_for(role, action, resource) == EXPECTED[role].get((action, resource))


def test_no_policy_entry_outside_the_expected_matrix():
    listed = {(role, a, res) for role, cells in EXPECTED.items() for (a, res) in cells}
    assert set(POLICY) == listed


def service_methods():
    for cls in SERVICE_CLASSES:
        for name, member in inspect.getmembers(cls, inspect.isfunction):
            if not name.startswith("_") and member.__qualname__.startswith(cls.__name__):
                yield cls.__name__, name, member


def test_every_service_method_has_a_policy_entry():
    missing = [f"{c}.{n}" for c, n, m in service_methods() if not hasattr(m, "__policy__")]
    assert not missing, f"service methods without @guarded/@self_service: {missing}"


def test_every_guarded_method_is_reachable_by_some_role():
    unreachable = []
    for c, n, m in service_methods():
        policy = m.__policy__
        if policy != "self" and not any(scope_for(role, *policy) for role in Role):
            unreachable.append(f"{c}.{n}")
    assert not unreachable


def test_admin_cannot_read_prisoner_records():
    for resource in (Resource.PRISONER, Resource.OBSERVATION, Resource.PROGRESS_NOTE, Resource.PLAN):
        assert scope_for(Role.ADMIN, Action.READ, resource) is None
