"""Prisoner roster and timeline use cases."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from wingdesk.domain import codes
from wingdesk.domain.errors import NotFound, ValidationError
from wingdesk.domain.kinds.admission import ADMISSION
from wingdesk.domain.kinds.intelligence import INTELLIGENCE_REPORT
from wingdesk.domain.people import YOUNG_ADULT_AGE, Prisoner, PrisonerFilter
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record, RecordKind, iso, new_id
from wingdesk.domain.schema import Field, require_not_before
from wingdesk.domain.special_groups import check_date_of_birth, check_young_age, special_groups
from wingdesk.services.assessment_signoff import withhold_unchecked
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource, Scope
from wingdesk.services.reading import readable_kinds, visible
from wingdesk.services.record_writer import RecordWriter

_NAME = Field("name", "line", required=True, max_len=100)
YOUNG_AGE_SETTING = "young_adult_age"


def admission_body(p: Prisoner) -> dict[str, object]:
    """The admission record's body: the identity as admitted (kinds.admission)."""
    return ADMISSION.clean({f.name: getattr(p, f.name) for f in ADMISSION.fields})

class PrisonerService(GuardedService):
    def _young(self, f: PrisonerFilter) -> PrisonerFilter:
        return replace(f, young_age=self._young_age()) if f.young else f

    def _young_age(self) -> int:
        value = self.ctx.repo.get_setting(YOUNG_AGE_SETTING)
        return int(value) if value and value.isdigit() else YOUNG_ADULT_AGE

    @guarded(Action.READ, Resource.PRISONER)
    def count(self, f: PrisonerFilter = PrisonerFilter()) -> int:
        return self.ctx.repo.count_prisoners(self._young(f), self.ctx.clock.today())

    @guarded(Action.READ, Resource.PRISONER)
    def page(self, f: PrisonerFilter = PrisonerFilter(), offset: int = 0, limit: int = 200) -> list[Prisoner]:
        return self.ctx.repo.list_prisoners(self._young(f), self.ctx.clock.today(), offset, min(limit, 1000))

    @guarded(Action.READ, Resource.PRISONER)
    def young_adult_age(self) -> int:
        """Under this age a prisoner is a young adult (default 21; the administrator sets it per wing)."""
        return self._young_age()

    @guarded(Action.ADMINISTER, Resource.SETTINGS)
    def young_adult_setting(self) -> int:
        """The same threshold for the administrator's settings (who does not read prisoners)."""
        return self._young_age()

    @guarded(Action.ADMINISTER, Resource.SETTINGS)
    def set_young_adult_age(self, age: int) -> None:
        with self.ctx.repo.transaction():
            self.ctx.repo.set_setting(YOUNG_AGE_SETTING, str(check_young_age(age)))
            self.audit.append(self.user.id, "setting_change", YOUNG_AGE_SETTING)

    @guarded(Action.READ, Resource.PRISONER)
    def groups(self, prisoner: Prisoner) -> tuple[str, ...]:
        """The special groups (young adult, female, first time in custody) this prisoner belongs to today."""
        return special_groups(prisoner, self.ctx.clock.today(), self._young_age())

    @guarded(Action.READ, Resource.PRISONER)
    def get(self, prisoner_id: str) -> Prisoner:
        prisoner = self.ctx.repo.get_prisoner(prisoner_id, self.ctx.clock.today())
        if prisoner is None:
            raise NotFound(field="prisoner")
        return prisoner

    @guarded(Action.READ, Resource.PRISONER)
    def today(self) -> date:
        return self.ctx.clock.today()

    @guarded(Action.READ, Resource.PRISONER)
    def timeline(self, prisoner_id: str, limit: int = 100, offset: int = 0) -> list[Record]:
        """Everything about one prisoner that this user may see, newest first."""
        self.get(prisoner_id)
        scopes = readable_kinds(self.ctx)
        own = tuple(str(k) for k, s in scopes.items() if s is Scope.OWN)
        query = RecordQuery(kinds=tuple(str(k) for k in scopes), prisoner_id=prisoner_id, owner_id=self.user.id,
                            own_kinds=own, limit=limit, offset=offset, written_order=True)
        records = [v for r in self.ctx.repo.list_records(query) if (v := visible(self.ctx, r, scopes))]
        if any(r.kind == RecordKind.PROGRESS_NOTE for r in records):
            self.audit.append(self.user.id, "read_sensitive", f"prisoner:{prisoner_id}:notes")
        if any(r.kind == INTELLIGENCE_REPORT.name for r in records):  # issue 16: every intelligence read audited
            self.audit.append(self.user.id, "read_sensitive", f"prisoner:{prisoner_id}:intelligence")
        full = [r for r in records if scopes.get(r.kind) is not Scope.RESTRICTED]  # summaries get no comments
        amended = {r.id: r for r in RecordWriter(self.ctx, self.audit).with_amendments(full)}
        return withhold_unchecked(self.ctx, [amended.get(r.id, r) for r in records])  # levels: checked sign-offs

    @guarded(Action.CREATE, Resource.PRISONER)
    def admit(self, number: str, given_name: str, family_name: str, sex: str, legal_status: str, *,
              name_cyrillic: str | None = None, date_of_birth: str | None = None, first_time: bool = False,
              cell: str | None = None, admission_date: str | None = None, expected_release: str | None = None,
              languages: str | None = None, interpreter_needed: bool = False) -> Prisoner:
        if sex not in codes.SEXES:
            raise ValidationError("bad_choice", field="sex")
        if legal_status not in codes.LEGAL_STATUS:
            raise ValidationError("bad_choice", field="legal_status")
        prisoner = Prisoner(
            id=new_id(), number=Field("number", "line", True, max_len=40).clean(number), wing=self.ctx.wing,
            given_name=_NAME.clean(given_name), family_name=_NAME.clean(family_name), sex=sex,
            legal_status=legal_status, name_cyrillic=Field("name_cyrillic", "line").clean(name_cyrillic),
            date_of_birth=Field("date_of_birth", "date").clean(date_of_birth), first_time=first_time,
            cell=Field("cell", "line", max_len=20).clean(cell),
            admission_date=Field("admission_date", "date").clean(admission_date),
            expected_release=Field("expected_release", "date").clean(expected_release),
            languages=Field("languages", "line").clean(languages), interpreter_needed=interpreter_needed)
        check_date_of_birth(prisoner.date_of_birth, self.ctx.clock.today())
        require_not_before("admission_date", prisoner.admission_date, "date_of_birth", prisoner.date_of_birth)
        require_not_before("expected_release", prisoner.expected_release, "admission_date", prisoner.admission_date)
        now = iso(self.ctx.clock.now())
        writer = RecordWriter(self.ctx, self.audit)
        with self.ctx.repo.transaction():  # the roster row and its signed record, or neither
            self.ctx.repo.add_prisoner(prisoner, now)
            self.audit.append(self.user.id, "admit", f"prisoner:{prisoner.id}")
            writer.save(writer.new_record(ADMISSION.name, admission_body(prisoner), prisoner_id=prisoner.id))
        return prisoner

    @guarded(Action.ANNOTATE, Resource.PRISONER)
    def move_cell(self, prisoner_id: str, cell: str) -> Prisoner:
        prisoner = self.get(prisoner_id)
        cleaned = Field("cell", "line", True, max_len=20).clean(cell)
        with self.ctx.repo.transaction():
            self.ctx.repo.set_prisoner_cell(prisoner_id, cleaned, iso(self.ctx.clock.now()))
            self.audit.append(self.user.id, "move_cell", f"prisoner:{prisoner_id}")
        return replace(prisoner, cell=cleaned)
