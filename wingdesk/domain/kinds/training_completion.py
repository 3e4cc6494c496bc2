"""A training module completed (issue 18): who passed which module, which version, in which language and with how
many right answers. Written and signed by the member of staff who took the knowledge check, about no prisoner; it
travels to HQ like every record, so HQ can count training coverage per prison. The answers themselves are not
kept: the record says the check was passed, not how someone reasoned."""

from __future__ import annotations

from wingdesk.domain.instruments.model import LANGUAGES
from wingdesk.domain.kinds.spec import N_, KindSpec
from wingdesk.domain.schema import Field


def _passed_check(body: dict[str, object]) -> None:
    from wingdesk.domain.errors import ValidationError

    right, asked = body.get("correct"), body.get("questions")
    if not isinstance(right, int) or not isinstance(asked, int) or right > asked:
        raise ValidationError("out_of_range", field="correct", minimum=0, maximum=asked)


def _restricted(_spec: KindSpec, body: dict[str, object]) -> dict[str, object]:
    """No role reads completions restricted today; if one ever does, it learns that training was done, not which."""
    return {name: value for name, value in body.items() if name != "module_id"}


FIELDS = (
    Field("module_id", "line", True, max_len=64),
    Field("module_version", "int", True, minimum=1),
    Field("language", "choice", True, LANGUAGES),
    Field("correct", "int", True, minimum=0),
    Field("questions", "int", True, minimum=1),
    Field("completed_on", "date", True),  # the wing's date: refreshers fall due from it
)

TRAINING_COMPLETION = KindSpec(
    name="training_completion", label=N_("Training completed"), resource="training", fields=FIELDS,
    subtype_field="module_id", checks=(_passed_check,), restricted=_restricted,
    summary_fields=("module_id", "module_version"),
    labels={"module_id": N_("Module"), "module_version": N_("Module version"), "language": N_("Language"),
            "correct": N_("Right answers"), "questions": N_("Questions"),
            "completed_on": N_("Completed on")},
)
