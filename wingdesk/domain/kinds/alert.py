"""Alerts and flags on a prisoner (domain.md §2.8): self-harm risk, keep apart, ..., with their dates."""

from __future__ import annotations

from wingdesk.domain import codes as c
from wingdesk.domain.kinds.spec import N_, Body, KindSpec
from wingdesk.domain.schema import Field, require_not_before

FIELDS = (
    Field("code", "choice", True, c.ALERT_CODES),
    Field("description", "text", True),
    Field("active_from", "date", True),
    Field("active_to", "date"),
)


def _dates_in_order(body: Body) -> None:
    require_not_before("active_to", body.get("active_to"), "active_from", body.get("active_from"))


ALERT = KindSpec(
    name="alert", label=N_("Alert"), resource="alert", fields=FIELDS, subtype_field="code",
    checks=(_dates_in_order,), searchable=True, summary_fields=("description",),
    sensitivity=lambda body: "SENSITIVE",
)
