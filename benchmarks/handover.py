"""A pre-release handover of a full file (issue 19 item 2): the treatment user lists what they may hand over and
seals every item to an agency's age key, the handover record signed and kept — against, in the same run, reading
the same records once from the store (the floor) and age-encrypting the same clear text alone (the cipher's share).

    python benchmarks/handover.py [--contacts 150] [--notes 40] [--repeats 3]

Medians in seconds. No target in the issue; the dialog seals in the background either way. One handover holds at
most 200 items (what one record lists), so the default file is close to the largest: a plan (its part and its
needs), 150 contacts and 40 progress notes.

Measured 2026-12-07 on the shared 2-vCPU VM (other engineers' jobs and a screenshot run going): 192 items, sealed
file 75 KiB; floor 0.003 s; listing what may be handed over 0.044 s (13x floor: it opens the 40 sealed notes and
checks each record's withholdings); sealing all 192 and signing the record 0.059 s (18x floor); age encryption of
75 KiB alone under 1 ms (about 1 % of the whole).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyrage

from wingdesk.crypto.kdf import floor_params
from wingdesk.domain.agencies import Agency
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.roles import Role
from wingdesk.storage.backend import LocalWing

PW = {"sup": "supervisor benchmark pass", "psy": "psychologist benchmark pass"}


def timed(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def build(folder: Path, contacts: int, notes: int) -> tuple[LocalWing, str]:
    wing = LocalWing(folder, kdf=floor_params())
    wing.create("B-Wing", "Benchmark Prison", "admin", "Ada Admin", "admin benchmark passphrase")
    admin = wing.sign_in("admin", "admin benchmark passphrase")
    admin.users.add_user("sup", "Sup Person", Role.SUPERVISOR, PW["sup"])
    admin.users.add_user("psy", "Psy Person", Role.TREATMENT, PW["psy"], "PSY")
    key = str(pyrage.x25519.Identity.generate().to_public())
    with admin.ctx.repo.transaction():  # as an HQ bundle would store it
        admin.ctx.repo.put_agency(Agency("agency-1", "Probation North", "probation", key, True, 1), 1)
    admin.lock()
    sup = wing.sign_in("sup", PW["sup"])
    pid = sup.prisoners.admit("B-001", "Given", "Family", "M", "CONVICTED").id
    sup.lock()
    psy = wing.sign_in("psy", PW["psy"])
    with psy.batch():
        psy.treatment.create_plan(pid, {"reason_for_plan": "Release in three months",
                                        "prisoner_goals_own_words": "Finish the welding course.",
                                        "needs": [{"area": "ACCOMMODATION", "goal_text": "A room near work"}]})
        for n in range(contacts):
            psy.contacts.log_contact(pid, "FAMILY", f"Visitor {n}", "VISIT", f"Talked about work after release ({n}).")
        for n in range(notes):
            psy.treatment.add_note(pid, f"Session {n}: talked about his plans and his brother's workshop.")
    psy.lock()
    return LocalWing(folder, kdf=floor_params()), pid


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=150)
    parser.add_argument("--notes", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wing, pid = build(Path(tmp) / "wing", args.contacts, args.notes)
        psy = wing.sign_in("psy", PW["psy"])
        kinds = ("plan", "progress_note", "contact")
        floor = timed(lambda: psy.ctx.repo.list_records(RecordQuery(kinds=kinds, prisoner_id=pid, limit=500)),
                      args.repeats)
        listing = timed(lambda: psy.handover.choices(pid), args.repeats)
        chosen = [c.key for c in psy.handover.choices(pid)]
        sizes: list[int] = []
        whole = timed(lambda: sizes.append(len(psy.handover.prepare(
            pid, "agency-1", "CONSENT", "Consent form signed on 2 December", chosen,
            lambda data: (Path(tmp) / "out.age").write_bytes(data)).items)), args.repeats)

        size = (Path(tmp) / "out.age").stat().st_size
        clear = b"x" * size
        recipient = pyrage.x25519.Identity.generate().to_public()
        cipher = timed(lambda: pyrage.encrypt(clear, [recipient]), args.repeats)
        psy.lock()
    print(f"items {sizes[0]}, sealed file {size / 1024:.0f} KiB")
    print(f"floor (read the records once)      {floor:.3f} s")
    print(f"list what may be handed over       {listing:.3f} s ({listing / floor:.1f}x floor)")
    print(f"seal every item + signed record    {whole:.3f} s ({whole / floor:.1f}x floor)")
    print(f"age encryption of that size alone  {cipher:.3f} s ({cipher / whole:.0%} of the whole)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
