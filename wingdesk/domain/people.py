"""Staff accounts and the prisoner's minimal profile (domain.md §2.2): no religion or ethnicity field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wingdesk.domain.roles import Role

YOUNG_ADULT_AGE = 21


@dataclass(frozen=True)
class User:
    id: str
    username: str
    display_name: str
    role: Role
    discipline: str | None
    public_key: bytes
    created_at: str
    removed_at: str | None = None
    grant_recipient: str = ""

    @property
    def active(self) -> bool:
        return self.removed_at is None


@dataclass(frozen=True)
class Prisoner:
    id: str
    number: str
    wing: str
    given_name: str
    family_name: str
    sex: str
    legal_status: str
    name_cyrillic: str | None = None
    date_of_birth: str | None = None
    first_time: bool = False
    cell: str | None = None
    admission_date: str | None = None
    expected_release: str | None = None
    veo_status: str = "NONE"
    interpreter_needed: bool = False
    languages: str | None = None
    status: str = "IN_CUSTODY"
    alert_codes: tuple[str, ...] = ()
    location: str | None = None  # where the prisoner is while out of the wing (a movement destination)
    expected_back: str | None = None  # when they are due back from there

    @property
    def display_name(self) -> str:
        return f"{self.family_name}, {self.given_name}"

    def age_on(self, today: date) -> int | None:
        if not self.date_of_birth:
            return None
        born = date.fromisoformat(self.date_of_birth)
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    def is_young(self, today: date, threshold: int = YOUNG_ADULT_AGE) -> bool:
        age = self.age_on(today)
        return age is not None and age < threshold

    @property
    def is_female(self) -> bool:
        return self.sex == "F"


@dataclass(frozen=True)
class PrisonerFilter:
    """List filters for the prisoners screen; all optional."""

    text: str = ""
    young: bool = False
    female: bool = False
    first_time: bool = False
    with_alerts: bool = False
    cell_prefix: str = ""
    sort: str = "name"  # name | number | cell
    descending: bool = False
    language: str = "en"  # whose alphabet orders the names (wingdesk.domain.collation)
    young_age: int = YOUNG_ADULT_AGE  # "young adult" means under this age (the wing's setting; services fill it)
