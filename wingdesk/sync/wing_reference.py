"""Applying HQ reference data on the wing: roster events, announced accounts and revocations.

Each item applies once (by record_id and rev). HQ bundles are cumulative snapshots, so the same items
come again in later bundles and are skipped. Revocations are applied after accounts: a user item never
brings back an account a revocation in the same or an earlier bundle removed.
"""

from __future__ import annotations

import base64
from typing import Any

from wingdesk.crypto.public_keys import is_weak_age_recipient
from wingdesk.domain import codes
from wingdesk.domain.agencies import agency_from_body
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.people import Prisoner
from wingdesk.domain.records import new_id
from wingdesk.domain.roles import Role
from wingdesk.domain.schema import Field
from wingdesk.domain.vetted_people import person_from_body
from wingdesk.sync.wing_store import ReferenceStore, WingSyncStore

STATUS_AFTER = {"transfer_out": "TRANSFERRED", "release": "RELEASED"}
_PRISONER_FIELDS = ("number", "given_name", "family_name", "sex", "legal_status", "name_cyrillic", "date_of_birth",
                    "first_time", "cell", "admission_date", "expected_release", "languages", "interpreter_needed")


def _number(body: dict[str, Any]) -> str | None:
    prisoner = body.get("prisoner")
    number = prisoner.get("number") if isinstance(prisoner, dict) else body.get("number")
    return number if isinstance(number, str) and 0 < len(number) <= 40 else None


def _short_text(body: dict[str, Any], name: str) -> str | None:
    value = body.get(name)
    return value if isinstance(value, str) and 0 < len(value) <= 100 else None


def new_prisoner(body: dict[str, Any], wing: str, prisoner_id: str | None = None) -> Prisoner | None:
    """A roster row from an identity HQ sent (`body["prisoner"]`), under a new id or the given one; None when the
    identity is not a valid one."""
    data = body.get("prisoner")
    if not isinstance(data, dict) or data.get("sex") not in codes.SEXES:
        return None
    if data.get("legal_status") not in codes.LEGAL_STATUS:
        return None
    try:
        line = Field("name", "line", True, max_len=100)
        return Prisoner(
            id=prisoner_id or new_id(), number=Field("number", "line", True, max_len=40).clean(data.get("number")),
            wing=wing,
            given_name=line.clean(data.get("given_name")), family_name=line.clean(data.get("family_name")),
            sex=data["sex"], legal_status=data["legal_status"],
            name_cyrillic=Field("name_cyrillic", "line").clean(data.get("name_cyrillic")),
            date_of_birth=Field("date_of_birth", "date").clean(data.get("date_of_birth")),
            first_time=data.get("first_time") is True, cell=Field("cell", "line", max_len=20).clean(data.get("cell")),
            admission_date=Field("admission_date", "date").clean(data.get("admission_date")),
            expected_release=Field("expected_release", "date").clean(data.get("expected_release")),
            languages=Field("languages", "line").clean(data.get("languages")),
            interpreter_needed=data.get("interpreter_needed") is True)
    except (ValidationError, TypeError, ValueError):  # the item is "invalid"; details stay out of logs
        return None


def apply_roster(repo: ReferenceStore, body: dict[str, Any], wing: str, now: str) -> str:
    """Apply one roster event; returns the outcome (applied, unchanged, invalid, unknown_prisoner)."""
    event = body.get("event")
    number = _number(body)
    if number is None:
        return "invalid"
    prisoner_id = repo.prisoner_id_by_number(number)
    if event in ("admission", "transfer_in"):
        if prisoner_id is not None:
            repo.set_prisoner_status(prisoner_id, "IN_CUSTODY", now)
            cell = body.get("prisoner", {}).get("cell") if isinstance(body.get("prisoner"), dict) else None
            if isinstance(cell, str) and 0 < len(cell) <= 20:
                repo.set_prisoner_cell(prisoner_id, cell, now)
            return "applied"
        prisoner = new_prisoner(body, wing)
        if prisoner is None:
            return "invalid"
        repo.add_prisoner(prisoner, now)
        return "applied"
    if event in STATUS_AFTER:
        if prisoner_id is None:
            return "unknown_prisoner"
        repo.set_prisoner_status(prisoner_id, STATUS_AFTER[event], now)
        return "applied"
    return "invalid"


def announce_account(repo: ReferenceStore, body: dict[str, Any], ref_seq: int) -> str:
    """Remember an account HQ created; an administrator gives it a passphrase (key slot) on this PC."""
    user_id, username, display, role = (_short_text(body, name)
                                         for name in ("user_id", "username", "display_name", "role"))
    if user_id is None or username is None or display is None or role is None:
        return "invalid"
    if role not in {r.value for r in Role}:
        return "invalid"
    if repo.get_user(user_id) is not None or repo.hq_account_revoked(user_id):
        return "unchanged"
    discipline = body.get("discipline") if isinstance(body.get("discipline"), str) else None
    repo.put_hq_account(user_id, username, display, role, discipline, ref_seq)
    return "announced"


def recovery_key_files(repo: WingSyncStore, items: list[dict[str, Any]], ref_seq: int) -> list[bytes]:
    """HQ's recovery-key files (issue 22 item 3), each once; the vault checks HQ's signature inside and installs."""
    return signed_files(repo, items, ref_seq, "recovery_key")


def signed_files(repo: WingSyncStore, items: list[dict[str, Any]], ref_seq: int, kind: str) -> list[bytes]:
    """The files of HQ's `kind` items (recovery key, instrument, training module), each item once; whoever installs
    them checks the signature inside (a file's own, under HQ's key, besides the bundle's)."""
    found = []
    for item in items:
        if repo.item_applied(item["record_id"], item["rev"]):
            continue
        try:
            found.append(base64.b64decode(item["body"]["file"], validate=True))
            outcome = "received"
        except ValueError:
            outcome = "invalid"
        repo.mark_item_applied(item["record_id"], item["rev"], kind, ref_seq, outcome)
    return found


def retention_schedules(repo: WingSyncStore, items: list[dict[str, Any]], ref_seq: int) -> list[dict[str, Any]]:
    """HQ's retention schedules (issue 19 item 5), each once, in the order HQ queued them; the service checks and
    installs them (the last one in force)."""
    found = []
    for item in items:
        if repo.item_applied(item["record_id"], item["rev"]):
            continue
        schedule = item["body"].get("schedule")
        if isinstance(schedule, dict):
            found.append(schedule)
        repo.mark_item_applied(item["record_id"], item["rev"], "retention_schedule", ref_seq,
                               "received" if isinstance(schedule, dict) else "invalid")
    return found


def revoke(repo: ReferenceStore, body: dict[str, Any], device_id: str, ref_seq: int,
           now: str) -> tuple[str, str | None]:
    """Apply a revocation; returns (outcome, id of a local user whose key slot must now be removed)."""
    target, target_id = body.get("target"), body.get("id")
    if not isinstance(target_id, str):
        return "invalid", None
    if target == "device":
        if target_id == device_id:
            repo.set_enrolment_state("revoked")
            return "device_revoked", None
        return "unchanged", None
    if target != "user":
        return "unchanged", None  # key revocations reach the wing as a new HQ key file
    repo.revoke_hq_account(target_id, ref_seq)
    user = repo.get_user(target_id)
    if user is None or not user.active:
        return "unchanged", None
    repo.mark_user_removed(user.id, now)
    return "revoked", user.id


def apply_agency(repo: ReferenceStore, body: dict[str, Any], rev: int, ref_seq: int) -> str:
    """Keep HQ's revision of a handover agency (issue 19 item 2); a key that is not a sound age X25519 recipient is
    refused here, so nothing is ever sealed to it."""
    agency = agency_from_body(body, rev)
    if agency is None or is_weak_age_recipient(agency.recipient):
        return "invalid"
    return "applied" if repo.put_agency(agency, ref_seq) else "unchanged"


def apply_vetted_person(repo: ReferenceStore, item: dict[str, Any], ref_seq: int, at: str) -> str:
    """Keep HQ's revision of a vetted outside person (issue 17 item 3): "applied" (now their newest), "older" (kept
    as history only), "unchanged", or "invalid" when the body is malformed or names another person than its item."""
    person = person_from_body(item["body"], item["rev"])
    if person is None or person.person_id != item["record_id"]:
        return "invalid"
    return repo.put_vetted_person(person, ref_seq, at)
