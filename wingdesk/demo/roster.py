"""Synthetic prisoners with regional names in Latin and Cyrillic script."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from wingdesk.config.package_data import read_text

CYRILLIC_GROUPS = ("serbian_cyrillic", "macedonian_cyrillic")


@dataclass(frozen=True)
class DemoPerson:
    number: str
    given: str
    family: str
    cyrillic: str | None
    sex: str
    dob: str
    first_time: bool
    cell: str
    legal_status: str
    admission: str
    release: str | None


def load_names() -> dict[str, Any]:
    names: dict[str, Any] = json.loads(read_text("resources", "demo", "names.json"))
    return names


def make_people(count: int, rng: random.Random, today: date) -> list[DemoPerson]:
    names = load_names()
    groups = [g for g in names if isinstance(names[g], dict)]
    people, seen = [], set()
    for i in range(count):
        group = groups[i % len(groups)]
        pool = names[group]
        sex = "F" if rng.random() < 0.15 else "M"
        key = "female" if sex == "F" else "male"
        idx_given, idx_family = rng.randrange(len(pool[key])), rng.randrange(len(pool["surnames"]))
        if group in CYRILLIC_GROUPS:
            given, family = pool[key + "_latin"][idx_given], pool["surnames_latin"][idx_family]
            cyrillic = f"{pool[key][idx_given]} {pool['surnames'][idx_family]}"
        else:
            given, family, cyrillic = pool[key][idx_given], pool["surnames"][idx_family], None
        if sex == "F" and family.endswith("ski"):
            family = family[:-1] + "a"  # Macedonian surnames take the feminine form
        young = rng.random() < 0.2
        age = rng.randint(18, 20) if young else rng.randint(21, 64)
        dob = today - timedelta(days=age * 365 + rng.randint(0, 360))
        number = f"{today.year % 100:02d}-{1000 + i:04d}"
        if number in seen:
            continue
        seen.add(number)
        admission = today - timedelta(days=rng.randint(10, 900))
        convicted = rng.random() < 0.75
        # a convicted prisoner still on the wing is released after today (the same draw as before: names stay)
        release = (today + timedelta(days=20 + rng.randint(400, 3000) % 1980)).isoformat() if convicted else None
        landing, cell = 1 + (i // 16) % 3, 1 + i % 16
        people.append(DemoPerson(number, given, family, cyrillic, sex, dob.isoformat(), rng.random() < 0.3,
                                 f"B{landing}-{cell:02d}", "CONVICTED" if convicted else "REMAND",
                                 admission.isoformat(), release))
    return people
