"""The retention schedule in force: WingDesk's shipped defaults (resources/retention/schedule.json), each period
with its legal source. HQ's own schedule replacing it through the signed reference data is not built yet
(docs/retention.md): until then every wing uses these defaults."""

from __future__ import annotations

import functools
import json

from wingdesk.config.package_data import read_text
from wingdesk.domain.retention import Schedule, parse_schedule

SHIPPED = ("resources", "retention", "schedule.json")


@functools.cache
def shipped_schedule() -> Schedule:
    """The packaged schedule, checked (a damaged file is an installation fault: ValidationError)."""
    return parse_schedule(json.loads(read_text(*SHIPPED)))
