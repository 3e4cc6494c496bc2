"""A prisoner admitted at the wing reaches HQ: the admission is a signed record beside the roster row, sealed in
the next bundle and kept by HQ's ingest; the row and the record are written together or not at all."""

from __future__ import annotations

import json

import pytest

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.people import PrisonerFilter
from wingdesk.domain.queries import RecordQuery
from wingdesk.hq.ingest import ingest
from wingdesk.sync import usb


def test_an_admission_at_the_wing_reaches_hq_signed_by_the_admitting_supervisor(sup_at_hq, hq, tmp_path):
    admitted = sup_at_hq.prisoners.admit("A-900", "Besa", "Krasniqi", "F", "REMAND", first_time=True, cell="B2-04",
                                   admission_date="2026-12-01", languages="Albanian", interpreter_needed=True)
    stick = tmp_path / "stick"
    stick.mkdir()
    sup_at_hq.sync.export(stick)
    outcomes = [ingest(hq, usb.read_bundle_file(p)) for p in usb.list_bundles(usb.outbox_dir(stick))]
    assert [o.outcome for o in outcomes] == ["accepted"]
    with hq.store.transaction(write=False) as repo:
        bodies = [json.loads(body) for kind, body in repo._rows("SELECT kind, body FROM records")
                  if kind == "admission"]
    held = [b["record"] for b in bodies if b["record"]["prisoner_id"] == admitted.id]
    assert len(held) == 1 and held[0]["author_id"] == sup_at_hq.user.id
    assert held[0]["body"]["number"] == "A-900" and held[0]["body"]["interpreter_needed"] is True
    assert held[0]["body"]["first_time"] is True and held[0]["body"]["sex"] == "F"


def test_the_roster_row_and_its_record_are_written_together_or_not_at_all(sup_at_hq, monkeypatch):
    before = sup_at_hq.prisoners.count(PrisonerFilter())

    def refuse(*_args, **_kwargs):
        raise ValidationError("invalid")

    monkeypatch.setattr("wingdesk.services.prisoners.admission_body", refuse)
    with pytest.raises(ValidationError):
        sup_at_hq.prisoners.admit("A-901", "Ana", "Hoxha", "F", "REMAND")
    assert sup_at_hq.prisoners.count(PrisonerFilter()) == before  # no row without its record
    records = sup_at_hq.ctx.repo.list_records(RecordQuery(kinds=("admission",)))
    assert not [r for r in records if r.body.get("number") == "A-901"]
