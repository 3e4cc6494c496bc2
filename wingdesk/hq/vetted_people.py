"""Vetted outside people kept at HQ (issue 17 item 3): religious counsellors, volunteers, NGO workers and peer
mentors, the prisons they may visit and the vetting decision. Each change is the next revision of a
`vetted_person` reference item; nothing is deleted (a withdrawal is a revision with its reason).

The revisions are held under a device id no device has (`HELD`), so no bundle carries them as they are: each
HQ→wing bundle takes, through `items_for_device`, only the revisions of the people whose list names that PC (or the
PC it replaced, hq.successors), and the first revision after one that named it (so a wing taken off a person's list
learns it), never anyone else's. A person is listed for PCs by their device ids, never by wing name: the name is
what each wing wrote in its own enrolment request, HQ holds no prison name beside it, and two prisons may both have
a "B-Wing". What a wing receives names only itself (`wings`: [its own name] while listed, [] once taken off) and
carries no other PC's id."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from wingdesk.domain.vetted_people import (
    MAX_NAME,
    MAX_ORGANISATION,
    MAX_REASON,
    MAX_REFERENCE,
    ROLES,
    VettedPerson,
    clean_text,
    day_of,
    newest,
    person_from_body,
)
from wingdesk.hq.ingest import HqContext
from wingdesk.hq.repository import Device
from wingdesk.sync.reference import reference_item, utc_text

KIND = "vetted_person"
HELD = "~vetted"  # no device has this id (device ids are UUIDs): the master list, routed per device at bundle time


class VettedRefused(ValueError):
    """`code`: bad_name, bad_role, bad_organisation, bad_agency, bad_dates, bad_reference, bad_wings, bad_reason,
    duplicate_reference, unknown_person, already_withdrawn."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _items(repo: Any) -> list[dict[str, Any]]:
    """Every revision held (not what was queued for all devices: that holds the published files)."""
    rows = repo._rows("SELECT record_id, rev, content_hash, body FROM reference_items WHERE device_id = ? "
                      "AND kind = ? ORDER BY created_at, record_id, rev", (HELD, KIND))
    return [{"record_id": r[0], "rev": int(r[1]), "kind": KIND, "content_hash": r[2], "body": json.loads(r[3])}
            for r in rows]


def _revisions(repo: Any) -> list[VettedPerson]:
    people = (person_from_body(item["body"], item["rev"]) for item in _items(repo))
    return [p for p in people if p is not None]


def list_people(ctx: HqContext, include_withdrawn: bool = True) -> list[VettedPerson]:
    """The newest revision of each person, by name."""
    with ctx.store.transaction(write=False) as repo:
        people = newest(_revisions(repo))
    return [p for p in people if include_withdrawn or p.active]


def history(ctx: HqContext, person_id: str) -> list[VettedPerson]:
    """Every revision of one person, oldest first."""
    with ctx.store.transaction(write=False) as repo:
        return sorted((p for p in _revisions(repo) if p.person_id == person_id), key=lambda p: p.rev)


@dataclass(frozen=True)
class WingChoice:
    """An enrolled, unrevoked PC a person can be listed for."""

    device_id: str
    wing_name: str  # as the wing wrote it in its enrolment request
    enrolled_at: str
    lineage: frozenset[str]  # its id and the ids of the PCs it replaced (a listing of any of them holds for it)
    shared: bool  # another unrevoked PC gives the same name (ignoring case): tell them apart by id and date


def _lineage(repo: Any, device_id: str) -> frozenset[str]:
    ids = [device_id]
    while len(ids) <= 100 and (before := repo.predecessor_of(ids[-1])) is not None and before not in ids:
        ids.append(before)
    return frozenset(ids)


def _live(repo: Any) -> list[Device]:
    return [d for d in repo.list_devices() if d.revoked_after_seq is None]


def wing_choices(ctx: HqContext) -> list[WingChoice]:
    """The PCs HQ can list a person for (its enrolled, unrevoked devices), by wing name then enrolment."""
    with ctx.store.transaction(write=False) as repo:
        live = _live(repo)
        lineages = {d.device_id: _lineage(repo, d.device_id) for d in live}
    folded: dict[str, int] = {}
    for device in live:
        folded[device.wing_name.casefold()] = folded.get(device.wing_name.casefold(), 0) + 1
    return [WingChoice(d.device_id, d.wing_name, d.enrolled_at, lineages[d.device_id],
                       folded[d.wing_name.casefold()] > 1)
            for d in sorted(live, key=lambda d: (d.wing_name.casefold(), d.wing_name, d.enrolled_at, d.device_id))]


def ticked(person: VettedPerson | None, choices: list[WingChoice]) -> set[str]:
    """The ids of the PCs `person` is listed for among `choices` (a PC that replaced a listed one included)."""
    if person is None or person.wings is None:
        return set()
    if person.devices is not None:
        return {c.device_id for c in choices if not c.lineage.isdisjoint(person.devices)}
    return {c.device_id for c in choices if c.wing_name in person.wings and not c.shared}


def wing_names(ctx: HqContext) -> list[str]:
    """The names the enrolled, unrevoked PCs give, each exact spelling once."""
    return sorted({c.wing_name for c in wing_choices(ctx)}, key=lambda n: (n.casefold(), n))


def _chosen_devices(ctx: HqContext, person: VettedPerson) -> tuple[str, ...]:
    """The PC ids a person is listed for: `devices` when given, each an unrevoked PC; else each of `wings` must be
    the exact name of exactly one unrevoked PC (a name two PCs give, or none, is refused: bad_wings)."""
    live = {c.device_id: c for c in wing_choices(ctx)}
    if person.devices is not None:
        ids = set(person.devices)
    else:
        wanted = person.wings or ()
        ids = set()
        for name in wanted:
            matching = [c.device_id for c in live.values() if c.wing_name == name]
            if len(matching) != 1:
                raise VettedRefused("bad_wings")
            ids.add(matching[0])
    if not ids or not ids <= live.keys():
        raise VettedRefused("bad_wings")
    return tuple(sorted(ids, key=lambda i: (live[i].wing_name.casefold(), live[i].wing_name, i)))


def checked(ctx: HqContext, person: VettedPerson, known_agencies: set[str]) -> VettedPerson:
    """The person with every field checked, or VettedRefused naming the first bad one."""
    name = clean_text(person.name, MAX_NAME)
    organisation = clean_text(person.organisation, MAX_ORGANISATION, required=False)
    decision = clean_text(person.decision_ref, MAX_REFERENCE)
    start, end = day_of(person.vetted_from), day_of(person.vetted_until)
    for value, code in ((name, "bad_name"), (organisation, "bad_organisation"), (decision, "bad_reference")):
        if value is None:
            raise VettedRefused(code)
    if person.role not in ROLES:
        raise VettedRefused("bad_role")
    if person.agency_id and person.agency_id not in known_agencies:
        raise VettedRefused("bad_agency")
    if start is None or end is None or end < start:
        raise VettedRefused("bad_dates")
    if person.wings is not None or person.devices is not None:
        devices = _chosen_devices(ctx, person)
        names = {c.device_id: c.wing_name for c in wing_choices(ctx)}
        person = replace(person, devices=devices, wings=tuple(names[d] for d in devices))
    cleaned = replace(person, name=str(name), organisation=str(organisation), decision_ref=str(decision))
    if person_from_body(cleaned.body(), cleaned.rev) is None:
        raise VettedRefused("bad_name")
    return cleaned


def _store(ctx: HqContext, person: VettedPerson, expected_rev: int) -> VettedPerson:
    """Queue the revision unless another was stored in between (then: unknown_person, nothing stored)."""
    with ctx.store.transaction() as repo:
        held = [p for p in _revisions(repo) if p.person_id == person.person_id]
        if max((p.rev for p in held), default=0) != expected_rev:
            raise VettedRefused("unknown_person")
        if expected_rev == 0 and any(p.decision_ref.casefold() == person.decision_ref.casefold()
                                     for p in newest(_revisions(repo)) if p.active):
            raise VettedRefused("duplicate_reference")
        item = reference_item(KIND, person.body(), person.person_id, person.rev)
        repo.add_reference_item(HELD, item, utc_text(ctx.clock()))
    return person


def add_person(ctx: HqContext, person: VettedPerson, known_agencies: set[str]) -> VettedPerson:
    """List a newly vetted person (their id is new; rev 1)."""
    fresh = checked(ctx, replace(person, person_id=str(uuid.uuid4()), active=True, reason="", rev=1),
                    known_agencies)
    return _store(ctx, fresh, 0)


def current(ctx: HqContext, person_id: str) -> VettedPerson:
    held = next((p for p in list_people(ctx) if p.person_id == person_id), None)
    if held is None:
        raise VettedRefused("unknown_person")
    return held


def renew(ctx: HqContext, person: VettedPerson, known_agencies: set[str]) -> VettedPerson:
    """The next revision of a listed person with the fields given (a renewed vetting, other prisons, a new
    organisation); a withdrawn person renewed is listed again."""
    held = current(ctx, person.person_id)
    fresh = checked(ctx, replace(person, active=True, reason="", rev=held.rev + 1), known_agencies)
    return _store(ctx, fresh, held.rev)


def withdraw(ctx: HqContext, person_id: str, reason: str) -> VettedPerson:
    """Withdraw a person's vetting, with the reason: the next revision, sent to the wings they were listed for."""
    held = current(ctx, person_id)
    if not held.active:
        raise VettedRefused("already_withdrawn")
    text = clean_text(reason, MAX_REASON)
    if text is None:
        raise VettedRefused("bad_reason")
    return _store(ctx, replace(held, active=False, reason=text, rev=held.rev + 1), held.rev)


def _lists(person: VettedPerson, device: Device, lineage: frozenset[str], unique_name: bool) -> bool:
    """Is this PC listed? By device id (its own or a PC it replaced); a revision saved before HQ kept the ids
    (wing names only) holds only for a PC whose name, exactly, no other unrevoked PC gives, even in other case."""
    if person.wings is None:
        return True
    if person.devices is not None:
        return not lineage.isdisjoint(person.devices)
    return unique_name and device.wing_name in person.wings


def _as_sent(item: dict[str, Any], person: VettedPerson, device: Device, listed: bool) -> dict[str, Any]:
    """The revision as this wing receives it: naming only this wing (or none, once taken off), no PC ids."""
    if person.wings is None:
        return item
    body = replace(person, wings=(device.wing_name,) if listed else (), devices=None).body()
    return reference_item(KIND, body, person.person_id, person.rev)


def items_for_device(repo: Any, device: Device) -> list[dict[str, Any]]:
    """The `vetted_person` items this device's HQ→wing bundle carries: each revision that lists this PC (or one it
    replaced), and the revision right after one that did (the wing then knows the person is no longer listed for
    it, or withdrawn)."""
    lineage = _lineage(repo, device.device_id)
    unique_name = sum(d.wing_name.casefold() == device.wing_name.casefold() for d in _live(repo)) == 1
    by_person: dict[str, list[tuple[VettedPerson, dict[str, Any]]]] = {}
    for item in _items(repo):
        person = person_from_body(item["body"], item["rev"])
        if person is not None:
            by_person.setdefault(person.person_id, []).append((person, item))
    carried: list[dict[str, Any]] = []
    for revisions in by_person.values():
        revisions.sort(key=lambda pair: pair[0].rev)
        listed_before = False
        for person, item in revisions:
            listed = _lists(person, device, lineage, unique_name)
            if listed or listed_before:
                carried.append(_as_sent(item, person, device, listed))
            listed_before = listed
    return carried


def expiring(people: list[VettedPerson], today: date, days: int = 30) -> list[VettedPerson]:
    """Active people whose vetting ends within `days` (or has ended)."""
    return [p for p in people if p.active and p.days_left(today) <= days]
