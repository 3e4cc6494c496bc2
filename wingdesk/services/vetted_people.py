"""The outside people HQ vetted (issue 17 item 3), as this wing reads them: each person's current revision and
where they stand here today (vetted, expired, not yet valid, withdrawn, not listed for this wing). The list is
reference data from HQ's signed bundles, not a record about anyone in custody: reading it is not audited as a
sensitive read, but it goes through the gateway like every other read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wingdesk.domain.vetted_people import VettedPerson
from wingdesk.services.context import ServiceContext
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource

EXPIRY_WARNING_DAYS = 30


@dataclass(frozen=True)
class VettedStanding:
    person: VettedPerson
    standing: str  # domain.vetted_people STANDINGS
    days_left: int  # until the last day of the vetting (negative: ended)

    @property
    def ends_soon(self) -> bool:
        """Vetted here and the vetting ends within 30 days."""
        return self.standing == "VETTED" and self.days_left <= EXPIRY_WARNING_DAYS


class VettedPeopleService(GuardedService):
    @guarded(Action.READ, Resource.VETTED_PEOPLE)
    def people(self, contact_type: str | None = None, include_not_listed: bool = True) -> list[VettedStanding]:
        """Everyone HQ sent, with their standing here today (of one contact type's roles when given); withdrawn
        people and those no longer listed for this wing included unless `include_not_listed` is False."""
        return [s for s in self._standings()
                if (contact_type is None or s.person.contact_type == contact_type)
                and (include_not_listed or s.standing not in ("WITHDRAWN", "NOT_LISTED_HERE"))]

    @guarded(Action.READ, Resource.VETTED_PEOPLE)
    def for_wing(self) -> list[VettedStanding]:
        """The current list for this wing (the supervisor's and administrator's view): people listed here and not
        withdrawn, soonest expiry first."""
        listed = [s for s in self._standings() if s.standing not in ("WITHDRAWN", "NOT_LISTED_HERE")]
        return sorted(listed, key=lambda s: (s.days_left, s.person.name.casefold()))

    def _standings(self) -> list[VettedStanding]:
        return standings(self.ctx)


def standings(ctx: ServiceContext, on: date | None = None) -> list[VettedStanding]:
    """Everyone HQ sent with their standing here on the day `on` (default today); for services that already
    passed the gateway."""
    day = ctx.clock.today() if on is None else on
    return [VettedStanding(p, p.standing(day, ctx.wing), p.days_left(day)) for p in ctx.repo.vetted_people()]


def standing_of(ctx: ServiceContext, person_id: str, on: date | None = None) -> VettedStanding | None:
    """One person's standing here on the day `on` (default today; a contact's own date when it is logged), or
    None when HQ never sent them."""
    return next((s for s in standings(ctx, on) if s.person.person_id == person_id), None)
