"""Special groups a prisoner belongs to, derived from the profile (domain.md §3 rule 14: young, female and
first-time prisoners get specific screening prompts and allocation checks). Never stored: worked out each time
from date of birth, sex and first custody, so they stay true as a young adult turns 21."""

from __future__ import annotations

from datetime import date

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.people import YOUNG_ADULT_AGE, Prisoner

YOUNG_ADULT, FEMALE, FIRST_TIME = "YOUNG_ADULT", "FEMALE", "FIRST_TIME"
GROUPS = (YOUNG_ADULT, FEMALE, FIRST_TIME)
YOUNG_AGE_RANGE = (18, 25)  # the settings the young-adult threshold may take
OLDEST_AGE = 120  # a date of birth further back is a typing error


def special_groups(prisoner: Prisoner, today: date, young_age: int = YOUNG_ADULT_AGE) -> tuple[str, ...]:
    age = prisoner.age_on(today)
    found = []
    if age is not None and age < young_age:
        found.append(YOUNG_ADULT)
    if prisoner.is_female:
        found.append(FEMALE)
    if prisoner.first_time:
        found.append(FIRST_TIME)
    return tuple(found)


def check_date_of_birth(born: str | None, today: date) -> None:
    """ValidationError "birth_implausible" for a date of birth in the future or more than 120 years back."""
    if not born:
        return
    day = date.fromisoformat(born)
    oldest = date(today.year - OLDEST_AGE, today.month, min(today.day, 28))
    if day > today or day < oldest:
        raise ValidationError("birth_implausible", field="date_of_birth")


def check_young_age(age: int) -> int:
    low, high = YOUNG_AGE_RANGE
    if isinstance(age, bool) or not isinstance(age, int) or not low <= age <= high:
        raise ValidationError("out_of_range", field="young_adult_age", minimum=low, maximum=high)
    return age
