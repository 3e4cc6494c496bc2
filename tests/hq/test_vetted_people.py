"""hq.vetted_people on SQLite and PostgreSQL (WINGDESK_TEST_PG): revisions are never replaced, a stale write is
refused and stores nothing, the HQ→wing bundle of each device carries only its wing's people (and the revision that
takes it off a person's list), a revoked wing is not offered, and nothing is queued for every device."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from wingdesk.domain.vetted_people import VettedPerson, person_from_body
from wingdesk.hq import vetted_people
from wingdesk.hq.devices import revoke_device
from wingdesk.hq.outbox import build_outbox_bundle
from wingdesk.hq.successors import replace_device
from wingdesk.sync.reference import open_hq_bundle

from .conftest import NOW, Wing, enrol


def person(name: str, ref: str, wings: tuple[str, ...] | None = None) -> VettedPerson:
    return VettedPerson("", name, "peer_mentor", "Second Chance", "", wings, "2025-01-01", "2025-12-31", ref, True,
                        "", 0)


def carried(ctx, wing: Wing) -> list[tuple[str, int]]:
    update = open_hq_bundle(build_outbox_bundle(ctx, wing.device_id), ctx.keys.current.sign_public,
                            wing.keys.enc_private, wing.device_id, wing.env)
    return sorted((i["body"]["name"], i["rev"]) for i in update.vetted_people)


def test_revisions_routing_and_refusals(ctx, hq_keys):
    north, south = (enrol(ctx, Wing(hq_keys, name=n)) for n in ("North", "South"))
    gone = enrol(ctx, Wing(hq_keys, name="Closed"))
    revoke_device(ctx.store, gone.device_id, NOW)
    assert vetted_people.wing_names(ctx) == ["North", "South"]
    with pytest.raises(vetted_people.VettedRefused) as refused:
        vetted_people.add_person(ctx, person("Ana", "R-1", ("Closed",)), set())
    assert refused.value.code == "bad_wings" and vetted_people.list_people(ctx) == []
    everywhere = vetted_people.add_person(ctx, person("Everywhere", "R-1"), set())
    with pytest.raises(vetted_people.VettedRefused) as folded:  # names match exactly, never by case
        vetted_people.add_person(ctx, person("Ana", "R-2", ("north",)), set())
    assert folded.value.code == "bad_wings"
    ana = vetted_people.add_person(ctx, person("Ana", "R-2", ("North",)), set())
    assert (ana.wings, ana.devices) == (("North",), (north.device_id,))
    assert carried(ctx, north) == [("Ana", 1), ("Everywhere", 1)]
    assert carried(ctx, south) == [("Everywhere", 1)]
    moved = vetted_people.renew(ctx, replace(ana, wings=None, devices=(south.device_id,)), set())
    with pytest.raises(vetted_people.VettedRefused) as stale:  # written from an older page: refused, nothing stored
        vetted_people._store(ctx, replace(moved, rev=3, organisation="Stale"), 1)
    assert stale.value.code == "unknown_person"
    assert carried(ctx, north) == [("Ana", 1), ("Ana", 2), ("Everywhere", 1)]
    assert carried(ctx, south) == [("Ana", 2), ("Everywhere", 1)]
    vetted_people.withdraw(ctx, everywhere.person_id, "Moved abroad")
    assert [(p.rev, p.active) for p in vetted_people.history(ctx, everywhere.person_id)] == [(1, True), (2, False)]
    with pytest.raises(vetted_people.VettedRefused) as twice:
        vetted_people.withdraw(ctx, everywhere.person_id, "Again")
    assert twice.value.code == "already_withdrawn"
    with ctx.store.transaction(write=False) as repo:  # nothing queued for every device
        assert not [i for i in repo.reference_items("") if i["kind"] == "vetted_person"]


def sent(ctx, wing: Wing) -> list[dict]:
    update = open_hq_bundle(build_outbox_bundle(ctx, wing.device_id), ctx.keys.current.sign_public,
                            wing.keys.enc_private, wing.device_id, wing.env)
    return [i["body"] for i in update.vetted_people]


def test_a_person_listed_for_one_prisons_wing_never_reaches_another_of_the_same_or_a_similar_name(ctx, hq_keys):
    """The wing name is what each PC wrote in its own enrolment request: prison A's "B-Wing", prison B's "B-Wing"
    and a PC enrolled as "b-wing" are three PCs, and a person listed for one reaches that one only."""
    ours = enrol(ctx, Wing(hq_keys, name="B-Wing"))
    folded = enrol(ctx, Wing(hq_keys, name="b-wing"))
    assert vetted_people.wing_names(ctx) == ["B-Wing", "b-wing"]
    choices = {c.device_id: c for c in vetted_people.wing_choices(ctx)}
    assert set(choices) == {ours.device_id, folded.device_id} and all(c.shared for c in choices.values())
    ana = vetted_people.add_person(ctx, person("Ana", "R-1", ("B-Wing",)), set())
    assert ana.devices == (ours.device_id,)
    assert carried(ctx, ours) == [("Ana", 1)]
    assert carried(ctx, folded) == []
    twin = enrol(ctx, Wing(hq_keys, name="B-Wing"))  # another prison's B wing, the very same name
    assert carried(ctx, twin) == [] and carried(ctx, ours) == [("Ana", 1)]
    with pytest.raises(vetted_people.VettedRefused) as ambiguous:  # a name two PCs give cannot choose one
        vetted_people.add_person(ctx, person("Bora", "R-2", ("B-Wing",)), set())
    assert ambiguous.value.code == "bad_wings"
    bora = vetted_people.add_person(ctx, replace(person("Bora", "R-2"), wings=(), devices=(twin.device_id,)), set())
    assert bora.wings == ("B-Wing",)
    assert carried(ctx, twin) == [("Bora", 1)] and carried(ctx, ours) == [("Ana", 1)]
    # what a wing receives names only itself and carries no other PC's id
    assert sent(ctx, ours)[0]["wings"] == ["B-Wing"] and "devices" not in sent(ctx, ours)[0]
    # Bora moves to prison A's B-Wing: the twin learns it is off the list, though the name it gives is the same
    vetted_people.renew(ctx, replace(bora, devices=(ours.device_id,)), set())
    assert carried(ctx, twin) == [("Bora", 1), ("Bora", 2)]
    assert [b["wings"] for b in sent(ctx, twin)] == [["B-Wing"], []]
    assert person_from_body(sent(ctx, twin)[1], 2).standing(date(2025, 6, 1), "B-Wing") == "NOT_LISTED_HERE"
    with pytest.raises(vetted_people.VettedRefused) as unknown:
        vetted_people.add_person(ctx, replace(person("Cvet", "R-3"), wings=(), devices=("not-a-pc",)), set())
    assert unknown.value.code == "bad_wings"


def test_a_legacy_revision_by_name_only_reaches_no_pc_whose_name_another_pc_shares(ctx, hq_keys):
    ours = enrol(ctx, Wing(hq_keys, name="B-Wing"))
    folded = enrol(ctx, Wing(hq_keys, name="b-wing"))
    legacy = replace(person("Old", "R-9", ("B-Wing",)), person_id="0b6c4b9e-8f0e-4c1e-9a39-1d2f5f8c7a10", rev=1)
    vetted_people._store(ctx, legacy, 0)  # saved before HQ kept the PC ids: names only
    assert carried(ctx, ours) == [] and carried(ctx, folded) == []
    revoke_device(ctx.store, folded.device_id, NOW)
    assert carried(ctx, ours) == [("Old", 1)]


def test_a_replacement_pc_for_the_same_wing_keeps_the_listing(ctx, hq_keys):
    dead = enrol(ctx, Wing(hq_keys, name="B-Wing"))
    other = enrol(ctx, Wing(hq_keys, name="C-Wing"))
    ana = vetted_people.add_person(ctx, person("Ana", "R-1", ("B-Wing",)), set())
    new = enrol(ctx, Wing(hq_keys, name="B-Wing"))
    assert carried(ctx, new) == []  # not yet its successor: another prison's B-Wing for all HQ knows
    replace_device(ctx.store, hq_keys, dead.device_id, new.device_id, NOW)
    assert carried(ctx, new) == [("Ana", 1)] and carried(ctx, other) == []
    choice = next(c for c in vetted_people.wing_choices(ctx) if c.device_id == new.device_id)
    assert not choice.lineage.isdisjoint(ana.devices) and not choice.shared
    renewed = vetted_people.renew(ctx, replace(ana, devices=(new.device_id,)), set())
    assert carried(ctx, new) == [("Ana", 1), ("Ana", 2)] and renewed.devices == (new.device_id,)
