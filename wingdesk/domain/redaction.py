"""Restricted reads (matrix code "r"): keep structured fields, drop free text the role may not see."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from wingdesk.domain import record_fields as rf
from wingdesk.domain.records import Record, RecordKind
from wingdesk.domain.schema import Field

_STRUCTURED = {"choice", "int", "bool", "date", "datetime"}


def _keep_structured(body: dict[str, Any], fields: tuple[Field, ...]) -> dict[str, Any]:
    allowed = {f.name for f in fields if f.kind in _STRUCTURED}
    return {k: v for k, v in body.items() if k in allowed}


def _plan_wing_actions(body: dict[str, Any]) -> dict[str, Any]:
    """Officers see what the wing must do (steps, review dates), not the prisoner's goals or reviews."""
    kept = _keep_structured(body, rf.PLAN)
    kept["needs"] = [{"area": n.get("area")} for n in body.get("needs", [])]
    kept["steps"] = [{k: s.get(k) for k in ("step_type", "description", "responsible_person", "status")}
                     for s in body.get("steps", [])]
    return kept


def _contact_visit_relevant(body: dict[str, Any]) -> dict[str, Any]:
    keep = ("contact_type", "name", "organisation", "vetting_status", "contact_kind")
    return {k: body[k] for k in keep if k in body}


def restricted_view(record: Record) -> Record:
    """The summary of a record for a role with restricted read on its kind."""
    if record.kind is RecordKind.LOG_ENTRY:
        body = _keep_structured(record.body, rf.LOG_ENTRY_FIELDS.get(record.body.get("entry_type", ""), ()))
        body["entry_type"] = record.body.get("entry_type")
    elif record.kind is RecordKind.OBSERVATION:
        body = _keep_structured(record.body, rf.OBSERVATION)
    elif record.kind is RecordKind.PLAN:
        body = _plan_wing_actions(record.body)
    elif record.kind is RecordKind.CONTACT:
        body = _contact_visit_relevant(record.body)
    elif record.kind is RecordKind.PROGRESS_NOTE:
        body = {"discipline": record.body.get("discipline")}
    else:
        body = _keep_structured(record.body, rf.ALERT)
    return replace(record, body=body, amendments=(), status=record.status)
