"""hq.vetted_people on SQLite and PostgreSQL (WINGDESK_TEST_PG): revisions are never replaced, a stale write is
refused and stores nothing, the HQ→wing bundle of each device carries only its wing's people (and the revision that
takes it off a person's list), a revoked wing is not offered, and nothing is queued for every device."""

from __future__ import annotations

from dataclasses import replace

import pytest

from wingdesk.domain.vetted_people import VettedPerson
from wingdesk.hq import vetted_people
from wingdesk.hq.devices import revoke_device
from wingdesk.hq.outbox import build_outbox_bundle
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
    ana = vetted_people.add_person(ctx, person("Ana", "R-2", ("north",)), set())
    assert ana.wings == ("North",)  # HQ's own spelling of the wing
    assert carried(ctx, north) == [("Ana", 1), ("Everywhere", 1)]
    assert carried(ctx, south) == [("Everywhere", 1)]
    moved = vetted_people.renew(ctx, replace(ana, wings=("South",)), set())
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
