"""An admission made at the wing (issue 14 item 1, when HQ's roster has not come): who was received, as the
reception officer wrote it. Kept as a signed record beside the roster row so it travels to HQ in the next bundle,
like every record: HQ learns of a prisoner the wing admitted, by whom and when. A later change of cell or status is
the movement's record, never an edit of this one."""

from __future__ import annotations

from wingdesk.domain import codes as c
from wingdesk.domain.kinds.spec import N_, KindSpec
from wingdesk.domain.schema import Field

FIELDS = (
    Field("number", "line", True, max_len=40),
    Field("family_name", "line", True, max_len=120),
    Field("given_name", "line", True, max_len=120),
    Field("name_cyrillic", "line", max_len=240),
    Field("date_of_birth", "date"),
    Field("sex", "choice", True, c.SEXES),
    Field("legal_status", "choice", True, c.LEGAL_STATUS),
    Field("first_time", "bool"),
    Field("cell", "line", max_len=20),
    Field("admission_date", "date"),
    Field("expected_release", "date"),
    Field("languages", "line"),
    Field("interpreter_needed", "bool"),
)

ADMISSION = KindSpec(
    name="admission", label=N_("Admission at the wing"), resource="prisoner", fields=FIELDS,
    subtype_field="legal_status", summary_fields=("number", "cell"),
)
