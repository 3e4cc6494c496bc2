"""HQ ingest checks the countersignatures a bundle carries: a forged one, or one over records other than those HQ
holds, quarantines the whole bundle (with a named reason) and nothing of it is stored (security.md: records are
evidence; a supervisor's signature over them must mean what it says)."""

from __future__ import annotations

import json

from wingdesk.crypto import signing
from wingdesk.domain.daily_log import countersign_payload
from wingdesk.domain.records import Amendment, AmendmentKind, Record, RecordKind, new_id
from wingdesk.hq.ingest import ingest
from wingdesk.sync.receipts import verify_receipt
from wingdesk.sync.wing_records import extra_line, record_line

DAY = "2026-11-26"
_SEED = signing.new_seed()


def _record(text: str = "Quiet evening, ate dinner.", record_id: str | None = None, revision: int = 1) -> Record:
    at = f"{DAY}T18:00:00Z"
    return Record(id=record_id or new_id(), kind=RecordKind.LOG_ENTRY, wing="B", prisoner_id=None,
                  author_id="officer-1", author_name="Officer One", author_role="OFFICER", occurred_at=at,
                  recorded_at=at, body={"text": text}, day=DAY, revision=revision)


def _amendment(record: Record) -> Amendment:
    return Amendment(new_id(), record.id, AmendmentKind.COMMENT, "sup-1", "Supervisor", f"{DAY}T20:00:00Z", "Seen.")


def _countersignature(records: list[Record], amendments: list[Amendment] = (), **changes) -> dict:
    """The fields a wing exports for a countersignature (storage.sync_repo.unsealed_extras), signed by _SEED."""
    entries = [(r.id, r.revision, r.content_sha256(), r.author_id) for r in records]
    notes = [(a.id, a.content_sha256()) for a in amendments]
    payload = countersign_payload("B", DAY, entries, notes, "sup-1", "SUPERVISOR", f"{DAY}T21:00:00Z")
    fields = {
        "id": new_id(), "wing": "B", "day": DAY, "signer_id": "sup-1",
        "payload": json.dumps(payload, sort_keys=True, ensure_ascii=False),
        "signature": signing.sign(_SEED, signing.COUNTERSIGN_PREFIX, payload).hex(),
        "signed_at": f"{DAY}T21:00:00Z", "signer_public_key": signing.public_key(_SEED).hex(),
    }
    return fields | changes


def _amendment_fields(amendment: Amendment) -> dict:
    return {"id": amendment.id, "record_id": amendment.record_id, "kind": str(amendment.kind),
            "author_id": amendment.author_id, "author_name": amendment.author_name, "at": amendment.at,
            "text": amendment.text, "content_sha256": amendment.content_sha256()}


def _lines(wing, records: list[Record], extras: list[tuple[str, dict]]) -> list[dict]:
    hlc = iter(range(1_790_000_000_000, 1_790_000_001_000))
    lines = [record_line(r, None, wing.device_id, f"{next(hlc)}-0000-{wing.device_id[:8]}") for r in records]
    lines += [extra_line(kind, fields, wing.device_id, f"{next(hlc)}-0000-{wing.device_id[:8]}")
              for kind, fields in extras]
    return lines


def _records_stored(ctx) -> int:
    with ctx.store.transaction(write=False) as repo:
        return repo.record_count()


def _quarantined(ctx, wing, data, reason: str) -> None:
    stored = _records_stored(ctx)
    result = ingest(ctx, data)
    assert result.outcome == "quarantined"
    assert verify_receipt(result.receipt, ctx.keys.current.sign_public).reason == reason
    assert _records_stored(ctx) == stored  # nothing from the bundle: not its records, not the countersignature
    with ctx.store.transaction(write=False) as repo:
        assert repo.count_quarantined(wing.device_id)[0] >= 1


def test_a_genuine_countersignature_and_what_it_covers_are_stored(ctx, wing):
    records = [_record(), _record("Asked for a phone call.")]
    note = _amendment(records[0])
    extras = [("amendment", _amendment_fields(note)), ("countersignature", _countersignature(records, [note]))]
    result = ingest(ctx, wing.bundle(_lines(wing, records, extras)))
    assert result.outcome == "accepted"
    assert _records_stored(ctx) == 4


def test_a_forged_countersignature_signature_quarantines_the_bundle(ctx, wing):
    records = [_record()]
    forged = _countersignature(records, signature="AAAA")
    _quarantined(ctx, wing, wing.bundle(_lines(wing, records, [("countersignature", forged)])),
                 "countersignature_bad_signature")


def test_a_signature_by_another_key_quarantines_the_bundle(ctx, wing):
    records = [_record()]
    other = signing.public_key(signing.new_seed()).hex()
    line = _countersignature(records, signer_public_key=other)
    _quarantined(ctx, wing, wing.bundle(_lines(wing, records, [("countersignature", line)])),
                 "countersignature_bad_signature")


def test_a_countersignature_over_other_content_than_the_record_sent_quarantines_the_bundle(ctx, wing):
    signed = _record()
    sent = _record("Something else entirely.", record_id=signed.id)  # changed after the supervisor signed
    line = _countersignature([signed])
    _quarantined(ctx, wing, wing.bundle(_lines(wing, [sent], [("countersignature", line)])),
                 "countersignature_records_changed")


def test_records_from_an_earlier_bundle_are_checked_too(ctx, wing):
    kept, changed = _record(), _record("Slept.")
    assert ingest(ctx, wing.bundle(_lines(wing, [kept, changed], []))).outcome == "accepted"
    genuine = _countersignature([kept])
    assert ingest(ctx, wing.bundle(_lines(wing, [], [("countersignature", genuine)]))).outcome == "accepted"
    other_text = _record("Did not sleep.", record_id=changed.id)
    line = _countersignature([other_text])  # what HQ holds for this revision is not what was signed
    _quarantined(ctx, wing, wing.bundle(_lines(wing, [], [("countersignature", line)])),
                 "countersignature_records_changed")


def test_a_changed_amendment_quarantines_the_bundle(ctx, wing):
    record = _record()
    note = _amendment(record)
    sent = _amendment_fields(note) | {"text": "Not seen."}
    line = _countersignature([record], [note])
    data = wing.bundle(_lines(wing, [record], [("amendment", sent), ("countersignature", line)]))
    _quarantined(ctx, wing, data, "countersignature_records_changed")


def test_a_countersignature_whose_records_hq_has_not_received_yet_is_kept(ctx, wing):
    """Bundles may arrive out of order (USB after a gap): the records it covers may come later."""
    line = _countersignature([_record()])
    assert ingest(ctx, wing.bundle(_lines(wing, [], [("countersignature", line)]))).outcome == "accepted"
