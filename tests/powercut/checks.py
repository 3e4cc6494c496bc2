"""After a cut: is every reported commit there, is the database sound, does the audit chain verify, and does
the stick hold only complete bundles?"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from wingdesk.crypto.kdf import floor_params
from wingdesk.storage.backend import LocalWing
from wingdesk.sync import usb
from wingdesk.sync.header import parse_header_bytes, split_frame


@dataclass
class WingVerdict:
    missing: list[str]
    integrity: str
    cipher_errors: list
    chain_intact: bool
    chain_entries: int

    @property
    def ok(self) -> bool:
        return not self.missing and self.integrity == "ok" and not self.cipher_errors and self.chain_intact


def check_wing(folder: Path, reported: list[str], reader: tuple[str, str],
               auditor: tuple[str, str] | None = None) -> WingVerdict:
    """Open the wing the way the rebooted PC would, as `reader` (sees the records) and `auditor` (verifies the
    audit chain, as `wingdesk audit verify` does; skipped when None)."""
    wing = LocalWing(folder, kdf=floor_params())
    session = wing.sign_in(*reader)
    try:
        conn = session.ctx.repo.conn
        stored = {row[0] for row in conn.execute("SELECT id FROM records")}
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        cipher = conn.execute("PRAGMA cipher_integrity_check").fetchall()
    finally:
        session.lock()
    missing = [rid for rid in reported if rid not in stored]
    if auditor is None:
        return WingVerdict(missing, integrity, cipher, True, 0)
    gov = wing.sign_in(*auditor)
    try:
        chain = gov.audit.verify_chain()
    finally:
        gov.lock()
    return WingVerdict(missing, integrity, cipher, chain.intact, chain.count)


def check_stick(stick: Path, lines: list[str]) -> list[str]:
    """Problems on the stick after a cut: a `.wdb` that is not the whole bundle, or a "done" bundle missing.

    `lines`: everything the exporters printed on this stick so far, across cuts."""
    intents = [line.split() for line in lines if line.startswith("intent ")]
    intended = {parts[1]: parts[2] for parts in intents}
    sizes = {parts[1]: parts[3] for parts in intents}
    done = [line.split()[1] for line in lines if line.startswith("done ")]
    outbox = usb.outbox_dir(stick)
    problems = []
    for path in usb.list_bundles(outbox):
        data = usb.read_bundle_file(path)
        if hashlib.sha256(data).hexdigest() != intended.get(path.name):
            expected = sizes.get(path.name, "?")
            problems.append(f"{path.name}: claims complete, holds {len(data)} bytes (bundle: {expected}) that are "
                            f"not the bundle; {data.count(0)} zero bytes")
            continue
        header = parse_header_bytes(split_frame(data).header_bytes)
        if header.bundle_id + usb.SUFFIX != path.name:
            problems.append(f"{path.name}: header names another bundle")
    for name in done:
        path = outbox / name
        if not path.is_file():
            problems.append(f"{name}: reported safe to remove, gone after the cut")
    usb.cleanup_partials(outbox)  # what the next export does; a leftover .part never claims completeness
    if outbox.is_dir() and any(p.name.endswith(".part") for p in outbox.iterdir()):
        problems.append("partial files survive cleanup")
    return problems
