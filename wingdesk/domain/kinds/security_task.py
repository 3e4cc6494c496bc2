"""Security tasks (issue 16): a request from security to the supervisors, tied to an intelligence report (e.g. an
intelligence-led cell search), that comes back with its result: what was done, the wing-log search entry, and the
incident its finds raised. The request's words are security's own, written for the supervisor (never the original
intelligence); treatment staff and religious counsellors are never tasked (domain.md §1)."""

from __future__ import annotations

from wingdesk.domain.kinds.spec import N_, KindSpec
from wingdesk.domain.schema import Field

TASK_TYPES = ("CELL_SEARCH", "AREA_SEARCH", "PERSON_SEARCH", "MOVE_APART")
REQUESTED, DONE = "REQUESTED", "DONE"

FIELDS = (
    Field("task_type", "choice", True, TASK_TYPES),
    Field("report_id", "line", True, max_len=64),
    Field("instructions", "text", True, max_len=2000),
    Field("place", "line"),
    Field("result", "text", max_len=4000),
    Field("search_entry_id", "line", max_len=64),
    Field("incident_id", "line", max_len=64),
    Field("done_by", "line"),
)

SECURITY_TASK = KindSpec(
    name="security_task", label=N_("Security task"), resource="security_task", fields=FIELDS,
    subtype_field="task_type", searchable=False, summary_fields=("instructions",),
    sensitivity=lambda body: "RESTRICTED", restricted=None,
    in_subject_access=False,  # a request from security to the wing: like its report, never in the prisoner's copy
    labels={"task_type": N_("Task"), "report_id": N_("Intelligence report"), "instructions": N_("Instructions"),
            "result": N_("Result"), "search_entry_id": N_("Search entry"), "incident_id": N_("Incident"),
            "done_by": N_("Done by"), "CELL_SEARCH": N_("Cell search"), "AREA_SEARCH": N_("Area search"),
            "PERSON_SEARCH": N_("Search of a person"), "MOVE_APART": N_("Keep or move apart"),
            REQUESTED: N_("Requested"), DONE: N_("Done")},
)
