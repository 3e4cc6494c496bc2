"""Scenario 14, the code-list half (issue 17 item 3): HQ publishes new interventions (plan step types) in the
console; the demo wing applies them from its next HQ→wing bundle. The step editor offers them after the built-in
types with their Macedonian labels, a plan step saved with one reads back, a plan naming an unknown code is still
refused; a code list another key signed, inside an HQ-signed bundle, is refused and audited while the rest applies;
a newer version replaces the labels, and a retired intervention is no longer offered while the old step keeps its
label (screens and the printed plan)."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QComboBox
from starlette.testclient import TestClient

from tests.code_list_documents import ANGER, RESTORE, document
from tests.gui.hq_bundle_fixtures import admin_console, hq, sessions  # noqa: F401
from tests.gui.pages_fixtures import PASSWORDS, demo_template, planless_treatment_page, settle, tasks, wing_dir  # noqa: F401
from tests.hq.console_fixtures import form_token
from tests.integration.sync_helpers import enrol
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.errors import ValidationError
from wingdesk.gui.labels import code_label
from wingdesk.gui.pages.treatment_page import TreatmentPage
from wingdesk.gui.widgets.list_editor import ItemDialog
from wingdesk.hq.code_lists import sign_code_list
from wingdesk.hq.ingest import HqContext
from wingdesk.hq.outbox import add_reference, build_outbox_bundle
from wingdesk.i18n import set_language
from wingdesk.sync import keys

V1 = [{"code": "ANGER_MANAGEMENT", "label": dict(ANGER)}, {"code": "RJ_CIRCLE", "label": dict(RESTORE)}]
V2 = [{"code": "ANGER_MANAGEMENT", "label": {"en": "Anger management (group)", "mk": "Справување со гнев (група)"}},
      {"code": "RJ_CIRCLE", "label": dict(RESTORE), "retired": True}]


def _publish(c: TestClient, raw: dict) -> None:
    page = c.get("/publish").text
    shown = c.post("/publish/preview", data={"csrf": form_token(page, "/publish/preview"), "kind": "code_list"},
                   files={"file": ("steps.json", json.dumps(raw, ensure_ascii=False).encode(), "application/json")})
    assert shown.status_code == 200, shown.text
    digest = shown.text.split('name="sha256" value="')[1].split('"')[0]
    assert c.post("/publish", data={"csrf": form_token(shown.text, "/publish"), "sha256": digest}).status_code == 303


def _import(session, ctx: HqContext, device: str, path) -> object:
    path.write_bytes(build_outbox_bundle(ctx, device))
    result = session.sync.import_files([path])
    assert result.files[0].outcome in ("applied",), result.files
    return result


def _offered(page: TreatmentPage, values: dict | None = None) -> dict[str, str]:
    """The step types the step dialog offers: code -> the label shown."""
    fields = page.editor.steps.fields
    if values:  # what ListEditor gives an existing item (a code no longer offered stays choosable on it)
        from dataclasses import replace
        fields = tuple(replace(f, choices=(*f.choices, values[f.name])) if f.name == "step_type"
                       and values[f.name] not in f.choices else f for f in fields)
    dialog = ItemDialog(fields, "Step", values)
    combo = dialog.form.editors["step_type"]
    assert isinstance(combo, QComboBox)
    shown = {combo.itemData(i): combo.itemText(i) for i in range(combo.count()) if combo.itemData(i)}
    dialog.deleteLater()
    return shown


def _step(code: str, text: str) -> dict:
    return {"step_type": code, "description": text, "responsible_person": "Programme unit", "status": "PLANNED"}


def test_hq_publishes_interventions_and_the_wing_offers_them(qtbot, sessions, hq, tasks, tmp_path):  # noqa: F811
    ctx = hq.ctx
    device = enrol(sessions("admin"), ctx)
    console = admin_console(hq)
    _publish(console, document(1, V1))
    forger = keys.generate_key_pairs()  # a code list another key signed, inside the HQ-signed bundle
    _list, forged = sign_code_list(canonical_bytes(document(9, [{"code": "FORGED_ONE", "label": {"en": "x"}}])),
                                   forger.sign_private, datetime.now(UTC))
    add_reference(ctx, "code_list", {"id": "step_types", "version": 9, "file": base64.b64encode(forged).decode()},
                  record_id="0f3c8a52-4b1d-4e7a-9c2f-5d6e7f8a9b10", rev=9)
    supervisor = sessions("supervisor")
    result = _import(supervisor, ctx, device, tmp_path / "1.wdb")
    assert result.code_lists_installed == 1
    actions = [(e.action, e.object) for e in supervisor.ctx.repo.iter_audit()]
    assert ("code_list_installed", "code_list:step_types@1") in actions
    assert ("code_list_refused", "code_list:code_list_wrong_key") in actions
    assert ("published_refused", "hq_bundle:code_list_wrong_key") in actions
    assert supervisor.ctx.repo.code_list_versions("step_types")[0][0] == 1
    assert len(supervisor.ctx.repo.code_list_versions("step_types")) == 1  # the forged version 9 is not there

    psy = sessions("psychologist")
    added = psy.treatment.added_step_types()
    assert added.offered == ("ANGER_MANAGEMENT", "RJ_CIRCLE") and "FORGED_ONE" not in added.known
    set_language("mk")
    page, pid = planless_treatment_page(qtbot, psy, tasks)
    offered = _offered(page)
    codes = list(offered)
    assert codes[-2:] == ["ANGER_MANAGEMENT", "RJ_CIRCLE"] and codes.index("EDUCATION") < codes.index(
        "ANGER_MANAGEMENT")  # after the built-in ones
    assert offered["ANGER_MANAGEMENT"] == ANGER["mk"] and offered["RJ_CIRCLE"] == RESTORE["mk"]
    page.editor.form.set_values({"reason_for_plan": "Admission review", "prisoner_goals_own_words": "Own words",
                                 "first_review_date": "2030-01-15"})
    page.editor.steps.add_item(_step("ANGER_MANAGEMENT", "Twelve sessions"))
    page.editor.steps.add_item(_step("RJ_CIRCLE", "Circle with the family"))
    page.save_button.click()
    settle(qtbot, tasks)
    plan = psy.treatment.current_plan(pid)
    assert [s["step_type"] for s in plan.body["steps"]] == ["ANGER_MANAGEMENT", "RJ_CIRCLE"]
    cell = page.editor.steps.table.item(0, 0).text()
    assert cell == ANGER["mk"]  # the plan view shows the label, not the code
    with pytest.raises(ValidationError) as refused:  # an unknown code is still refused
        psy.treatment.update_plan(plan.id, {"steps": [*plan.body["steps"], _step("NO_SUCH_PROGRAMME", "x")]})
    assert refused.value.code == "bad_choice"

    _publish(console, document(2, V2))  # labels replaced, the circle retired
    again = _import(supervisor, ctx, device, tmp_path / "2.wdb")
    assert again.code_lists_installed == 1
    added = psy.treatment.added_step_types()
    assert added.offered == ("ANGER_MANAGEMENT",) and added.label("RJ_CIRCLE", "mk") == RESTORE["mk"]
    page.picker.set_current("")
    settle(qtbot, tasks)
    page.picker.set_current(pid)
    settle(qtbot, tasks)
    offered = _offered(page)
    assert "RJ_CIRCLE" not in offered and offered["ANGER_MANAGEMENT"] == "Справување со гнев (група)"
    assert _offered(page, _step("RJ_CIRCLE", "x"))["RJ_CIRCLE"] == RESTORE["mk"]  # its own step keeps it
    assert [page.editor.steps.table.item(r, 0).text() for r in range(2)] == ["Справување со гнев (група)",
                                                                              RESTORE["mk"]]
    assert code_label("RJ_CIRCLE") == RESTORE["mk"]
    kept = psy.treatment.update_plan(plan.id, {"reason_for_plan": "Review after the circle"})  # the old step stays
    assert [s["step_type"] for s in kept.body["steps"]] == ["ANGER_MANAGEMENT", "RJ_CIRCLE"]
    with pytest.raises(ValidationError) as again:  # a second step of the retired type on the same plan
        psy.treatment.update_plan(plan.id, {"steps": [*kept.body["steps"], _step("RJ_CIRCLE", "another circle")]})
    assert again.value.code == "bad_choice"
    other = next(p for p in page.picker.prisoners if p != pid and psy.treatment.current_plan(p) is None)
    with pytest.raises(ValidationError):  # a retired intervention for a new plan's step
        psy.treatment.create_plan(other, {"reason_for_plan": "x", "prisoner_goals_own_words": "y",
                                          "steps": [_step("RJ_CIRCLE", "x")]})
    from wingdesk.gui.printing import prisoner_document_html
    assert "Справување со гнев (група)" in prisoner_document_html(psy, pid)
