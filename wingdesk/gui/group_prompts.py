"""What a special group asks of those who screen, assess and allocate (issue 15 item 3, domain.md §3 rule 14: specific
screening prompts and allocation checks): the prompts shown above the reception screening and needs assessment forms
and above an allocation proposal for a young, female or first-time prisoner, and the inbox sentence for an admission
deadline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wingdesk.domain.assessment_deadlines import NEEDS, SCREENING
from wingdesk.domain.special_groups import FEMALE, FIRST_TIME, YOUNG_ADULT
from wingdesk.gui.special_groups_text import groups_text
from wingdesk.gui.when import day_text
from wingdesk.i18n import N_, _

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

PROMPTED = (SCREENING, NEEDS)  # the instruments whose forms show the group prompts
PROMPTS = {
    YOUNG_ADULT: N_("Young adult: ask about schooling or training to continue, and how to keep contact with "
                    "family."),
    FEMALE: N_("Woman: ask about children and caring duties, gender-specific health needs, and her safety in "
               "the wing."),
    FIRST_TIME: N_("First time in custody: consider keeping them apart from influential prisoners."),
}


ALLOCATION_CHECKS = {  # rule 14's allocation checks, above the proposal of a placement or regime decision
    YOUNG_ADULT: N_("Young adult: consider a placement apart from older prisoners who could draw them in, and keep "
                    "schooling and family contact going."),
    FEMALE: N_("Woman: held apart from men and supervised by women staff; consider her children, caring duties and "
               "her safety."),
    FIRST_TIME: PROMPTS[FIRST_TIME],
}


def load_groups(session: WingServices, prisoner_id: str) -> tuple[str, ...]:
    """Worker side: the special groups the prisoner belongs to today."""
    return session.prisoners.groups(session.prisoners.get(prisoner_id))


def prompts_text(groups: tuple[str, ...], prompts: dict[str, str] = PROMPTS) -> str:
    """One line per group, in the order of special_groups; empty for a prisoner in none."""
    return "\n".join(_(prompts[g]) for g in groups if g in prompts)


def admission_deadline_text(params: dict[str, str], prisoner: str, overdue: bool) -> str:
    groups = tuple(g for g in params.get("groups", "").split(",") if g)
    shown = {"prisoner": prisoner, "groups": groups_text(groups, 0, short=True), "date": day_text(params.get("due"))}
    if params.get("instrument") == SCREENING:
        return (_("Reception screening of {prisoner} ({groups}) is overdue: it was due by {date}.") if overdue
                else _("Reception screening of {prisoner} ({groups}) is due by {date}.")).format(**shown)
    return (_("Needs assessment of {prisoner} ({groups}) is overdue: it was due by {date}.") if overdue
            else _("Needs assessment of {prisoner} ({groups}) is due by {date}.")).format(**shown)
