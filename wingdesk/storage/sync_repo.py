"""SQL for the wing side of sync: device identity and keys, sealed bundles, receipts, reference ratchet."""

from __future__ import annotations

import json
from typing import Any

from wingdesk.domain.records import Record
from wingdesk.domain.tombstones import tombstone_fields
from wingdesk.services.sync_types import DeviceIdentity
from wingdesk.storage.base_repo import BaseRepo
from wingdesk.storage.records_repo import _COLS as _RECORD_COLS
from wingdesk.storage.records_repo import _record

_DEVICE_COLS = ("device_id, env, sign_private, enc_private, hq_name, hq_sign_public, hq_enc_public, hq_fingerprint, "
                "enrolment_state, requested_at, ref_seq, ref_hash, ref_issued_at, ref_stale, hlc")


def _marks(items: list[Any]) -> str:
    return ",".join("?" * len(items))


class SyncRepo(BaseRepo):
    # --- device identity -----------------------------------------------------------------------------
    def get_sync_device(self) -> DeviceIdentity | None:
        row = self.query_one(f"SELECT {_DEVICE_COLS} FROM sync_device WHERE id = 1")
        if row is None:
            return None
        return DeviceIdentity(row[0], row[1], bytes(row[2]), bytes(row[3]), row[4], bytes(row[5]), bytes(row[6]),
                              row[7], row[8], row[9], int(row[10]), row[11], row[12], bool(row[13]), row[14])

    def put_sync_device(self, d: DeviceIdentity) -> None:
        self.execute(f"INSERT INTO sync_device (id, {_DEVICE_COLS}) VALUES (1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                     "ON CONFLICT (id) DO UPDATE SET env = excluded.env, hq_name = excluded.hq_name, "
                     "hq_sign_public = excluded.hq_sign_public, hq_enc_public = excluded.hq_enc_public, "
                     "hq_fingerprint = excluded.hq_fingerprint, enrolment_state = excluded.enrolment_state, "
                     "requested_at = excluded.requested_at",
                     (d.device_id, d.env, d.sign_private, d.enc_private, d.hq_name, d.hq_sign_public,
                      d.hq_enc_public, d.hq_fingerprint, d.enrolment_state, d.requested_at, d.ref_seq, d.ref_hash,
                      d.ref_issued_at, int(d.ref_stale), d.hlc))

    def set_enrolment_state(self, state: str) -> None:
        self.execute("UPDATE sync_device SET enrolment_state = ? WHERE id = 1", (state,))

    def set_reference_state(self, ref_seq: int, ref_hash: str, issued_at: str, stale: bool) -> None:
        """The ratchet: only ever moves up (the WHERE clause refuses a lower or equal ref_seq)."""
        self.execute("UPDATE sync_device SET ref_seq = ?, ref_hash = ?, ref_issued_at = ?, ref_stale = ? "
                     "WHERE id = 1 AND ref_seq < ?", (ref_seq, ref_hash, issued_at, int(stale), ref_seq))

    def restart_reference_chain(self, ref_seq: int, ref_hash: str, issued_at: str, stale: bool, cut: int,
                                from_seq: int, at: str) -> None:
        """A fork of HQ's chain (HQ restored from a backup): links from `cut` up are superseded, the head moves to
        the fork's bundle even if that is lower, and the rollback is kept for the status to say."""
        self.execute("UPDATE sync_hq_chain SET superseded = 1 WHERE superseded = 0 AND ref_seq >= ?", (cut,))
        self.execute("UPDATE sync_device SET ref_seq = ?, ref_hash = ?, ref_issued_at = ?, ref_stale = ?, "
                     "hq_rollback_from = ?, hq_rollback_to = ?, hq_rollback_at = ? WHERE id = 1",
                     (ref_seq, ref_hash, issued_at, int(stale), from_seq, ref_seq, at))

    def add_chain_link(self, ref_seq: int, bundle_hash: str, prev_hash: str, at: str) -> None:
        self.execute("INSERT INTO sync_hq_chain (bundle_hash, ref_seq, prev_hash, applied_at) VALUES (?,?,?,?) "
                     "ON CONFLICT (bundle_hash) DO NOTHING", (bundle_hash, ref_seq, prev_hash, at))

    def chain_links(self) -> list[tuple[int, str, str]]:
        """(ref_seq, bundle_hash, prev_hash) of the live links, rising."""
        return [(int(r[0]), r[1], r[2]) for r in self.query(
            "SELECT ref_seq, bundle_hash, prev_hash FROM sync_hq_chain WHERE superseded = 0 ORDER BY ref_seq")]

    def superseded_hashes(self) -> set[str]:
        return {r[0] for r in self.query("SELECT bundle_hash FROM sync_hq_chain WHERE superseded = 1")}

    def hq_rollback(self) -> tuple[int, int, str] | None:
        """(head before, ref_seq after, when) of the last time HQ's reference data went back, if ever."""
        row = self.query_one("SELECT hq_rollback_from, hq_rollback_to, hq_rollback_at FROM sync_device "
                             "WHERE id = 1 AND hq_rollback_at IS NOT NULL")
        return (int(row[0]), int(row[1]), row[2]) if row else None

    # --- outbox: which record revisions are in which bundle ------------------------------------------
    def unsealed_records(self, limit: int) -> list[tuple[int, Record, str | None, str]]:
        """(record_seq, record, prisoner number, HLC written) for revisions not yet in any bundle, oldest first."""
        rows = self.query(f"SELECT o.record_seq, p.number, r.hlc, {_RECORD_COLS} FROM outbox o "
                          "JOIN records r ON r.seq = o.record_seq LEFT JOIN prisoners p ON p.id = r.prisoner_id "
                          "WHERE o.bundle_seq IS NULL ORDER BY o.record_seq LIMIT ?", (limit,))
        return [(int(row[0]), _record(row[3:]), row[1], row[2]) for row in rows]

    def count_outbox(self) -> tuple[int, int]:
        """(records not yet acknowledged, records not yet sealed into a bundle)."""
        row = self.query_one("SELECT count(*), coalesce(sum(bundle_seq IS NULL), 0) FROM outbox "
                             "WHERE acknowledged_at IS NULL")
        return int(row[0]), int(row[1])

    def assign_to_bundle(self, record_seqs: list[int], bundle_seq: int) -> None:
        for start in range(0, len(record_seqs), 500):
            chunk = record_seqs[start:start + 500]
            self.execute(f"UPDATE outbox SET bundle_seq = ? WHERE record_seq IN ({_marks(chunk)}) "
                         "AND bundle_seq IS NULL", (bundle_seq, *chunk))

    def unsealed_extras(self, limit: int) -> list[tuple[str, int, dict[str, Any]]]:
        """Amendments, key announcements, countersignatures and tombstones not yet in a bundle: (kind, item_seq,
        fields), oldest first."""
        rows = self.query("SELECT o.kind, o.item_seq, a.id, a.record_id, a.kind, a.author_id, a.author_name, a.at, "
                          "a.text, a.content_sha256, a.author_sig FROM outbox_extra o "
                          "JOIN amendments a ON a.seq = o.item_seq "
                          "WHERE o.kind = 'amendment' AND o.bundle_seq IS NULL ORDER BY o.item_seq LIMIT ?", (limit,))
        found = [("amendment", int(r[1]), {"id": r[2], "record_id": r[3], "kind": r[4], "author_id": r[5],
                                           "author_name": r[6], "at": r[7], "text": r[8], "content_sha256": r[9],
                                           **({"author_sig": bytes(r[10]).hex()} if r[10] is not None else {})})
                 for r in rows]
        rows = self.query("SELECT o.item_seq, k.id, k.user_id, k.role, k.public_key, k.announced_at, k.admin_id, "
                          "k.admin_sig FROM outbox_extra o JOIN user_key_announcements k ON k.seq = o.item_seq "
                          "WHERE o.kind = 'user_key' AND o.bundle_seq IS NULL ORDER BY o.item_seq LIMIT ?", (limit,))
        found += [("user_key", int(r[0]), {"id": r[1], "user_id": r[2], "role": r[3], "public_key": bytes(r[4]).hex(),
                                           "announced_at": r[5], "author_id": r[6], "admin_sig": bytes(r[7]).hex()})
                  for r in rows]
        rows = self.query("SELECT o.item_seq, c.id, c.wing, c.day, c.signer_id, c.payload, c.signature, c.signed_at, "
                          "u.public_key FROM outbox_extra o JOIN countersignatures c ON c.rowid = o.item_seq "
                          "LEFT JOIN users u ON u.id = c.signer_id WHERE o.kind = 'countersignature' "
                          "AND o.bundle_seq IS NULL ORDER BY o.item_seq LIMIT ?", (limit,))
        found += [("countersignature", int(r[0]), {
            "id": r[1], "wing": r[2], "day": r[3], "signer_id": r[4], "payload": r[5],
            "signature": bytes(r[6]).hex(), "signed_at": r[7], "signer_public_key": bytes(r[8] or b"").hex()})
            for r in rows]
        rows = self.query("SELECT o.item_seq, t.record_id, t.statement, t.signer_id, t.signature FROM outbox_extra o "
                          "JOIN tombstones t ON t.seq = o.item_seq WHERE o.kind = 'tombstone' "
                          "AND o.bundle_seq IS NULL ORDER BY o.item_seq LIMIT ?", (limit,))
        found += [("tombstone", int(r[0]), tombstone_fields(r[1], json.loads(r[2]), r[3], bytes(r[4])))
                  for r in rows]  # last: after the countersignatures that may list the deleted versions
        return found

    def countersigned_days_in_bundles(self, wing: str) -> list[str]:
        """COUNTERSIGNED days whose countersignatures (and so every earlier record) are all sealed in bundles."""
        rows = self.query("SELECT d.day FROM days d WHERE d.wing = ? AND d.state = 'COUNTERSIGNED' AND NOT EXISTS ("
                          "SELECT 1 FROM countersignatures c JOIN outbox_extra o ON o.kind = 'countersignature' "
                          "AND o.item_seq = c.rowid WHERE c.wing = d.wing AND c.day = d.day AND o.bundle_seq IS NULL)"
                          " ORDER BY d.day", (wing,))
        return [r[0] for r in rows]

    def assign_extras_to_bundle(self, items: list[tuple[str, int]], bundle_seq: int) -> None:
        for kind, item_seq in items:
            self.execute("UPDATE outbox_extra SET bundle_seq = ? WHERE kind = ? AND item_seq = ? "
                         "AND bundle_seq IS NULL", (bundle_seq, kind, item_seq))

    # --- sealed bundles ---------------------------------------------------------------------------------
    def last_sealed_bundle(self) -> tuple[int, str] | None:
        row = self.query_one("SELECT seq, bundle_hash FROM sync_bundles ORDER BY seq DESC LIMIT 1")
        return (int(row[0]), row[1]) if row else None

    def add_sealed_bundle(self, seq: int, bundle_id: str, digest: str, prev_hash: str, record_count: int,
                          data: bytes, created_at: str) -> None:
        self.execute("INSERT INTO sync_bundles (seq, bundle_id, bundle_hash, prev_hash, record_count, byte_count, "
                     "bytes, created_at) VALUES (?,?,?,?,?,?,?,?)",
                     (seq, bundle_id, digest, prev_hash, record_count, len(data), data, created_at))

    def set_bundle_audit_head(self, bundle_seq: int, audit_seq: int, entry_hash: str) -> None:
        self.execute("UPDATE sync_bundles SET audit_seq = ?, audit_hash = ? WHERE seq = ?",
                     (audit_seq, entry_hash, bundle_seq))

    def last_sent_audit_head(self) -> tuple[int, str] | None:
        """(audit seq, entry hash) of the head in the newest bundle that carried one."""
        row = self.query_one("SELECT audit_seq, audit_hash FROM sync_bundles WHERE audit_seq IS NOT NULL "
                             "ORDER BY seq DESC LIMIT 1")
        return (int(row[0]), str(row[1])) if row else None

    def audit_hash_at(self, seq: int) -> str | None:
        row = self.query_one("SELECT entry_hash FROM audit WHERE seq = ?", (seq,))
        return str(row[0]) if row else None

    def unacknowledged_bundles(self) -> list[tuple[int, str, bytes]]:
        """(seq, bundle_id, exact sealed bytes) of every bundle HQ has not yet acknowledged."""
        rows = self.query("SELECT seq, bundle_id, bytes FROM sync_bundles WHERE acknowledged_at IS NULL "
                          "ORDER BY seq")
        return [(int(r[0]), r[1], bytes(r[2])) for r in rows]

    def sealed_hashes(self) -> dict[int, str]:
        return {int(r[0]): r[1] for r in self.query("SELECT seq, bundle_hash FROM sync_bundles")}

    def count_bundles(self) -> tuple[int, int]:
        """(all sealed bundles, bundles not yet acknowledged)."""
        row = self.query_one("SELECT count(*), coalesce(sum(acknowledged_at IS NULL), 0) FROM sync_bundles")
        return int(row[0]), int(row[1])

    def acknowledge_bundles(self, seqs: list[int], at: str) -> int:
        """Mark bundles and their records acknowledged and drop the bundle bytes; returns how many were new."""
        if not seqs:
            return 0
        fresh = [int(r[0]) for r in self.query(f"SELECT seq FROM sync_bundles WHERE seq IN ({_marks(seqs)}) "
                                               "AND acknowledged_at IS NULL", tuple(seqs))]
        if fresh:
            self.execute(f"UPDATE sync_bundles SET acknowledged_at = ?, bytes = NULL WHERE seq IN ({_marks(fresh)})",
                         (at, *fresh))
            self.execute(f"UPDATE outbox SET acknowledged_at = ? WHERE bundle_seq IN ({_marks(fresh)}) "
                         "AND acknowledged_at IS NULL", (at, *fresh))
        return len(fresh)

    # --- receipts ---------------------------------------------------------------------------------------
    def add_receipt(self, bundle_id: str, bundle_seq: int, receipt_seq: int, status: str, hcs: int,
                    received_at: str, via: str, raw: bytes) -> bool:
        """Keep a verified receipt; False when the same one was stored before."""
        if self.query_one("SELECT 1 FROM sync_receipts WHERE bundle_id = ? AND receipt_seq = ?",
                          (bundle_id, receipt_seq)):
            return False
        self.execute("INSERT INTO sync_receipts (bundle_id, bundle_seq, receipt_seq, status, hcs, received_at, via, "
                     "raw) VALUES (?,?,?,?,?,?,?,?)",
                     (bundle_id, bundle_seq, receipt_seq, status, hcs, received_at, via, raw))
        return True

    def last_receipt(self) -> tuple[str, str] | None:
        """(received_at, status) of the newest stored receipt."""
        row = self.query_one("SELECT received_at, status FROM sync_receipts ORDER BY seq DESC LIMIT 1")
        return (row[0], row[1]) if row else None

    # --- HQ reference data ------------------------------------------------------------------------------
    def item_applied(self, record_id: str, rev: int) -> bool:
        return self.query_one("SELECT 1 FROM sync_applied_items WHERE record_id = ? AND rev = ?",
                              (record_id, rev)) is not None

    def mark_item_applied(self, record_id: str, rev: int, kind: str, ref_seq: int, outcome: str) -> None:
        self.execute("INSERT INTO sync_applied_items (record_id, rev, kind, ref_seq, outcome) VALUES (?,?,?,?,?) "
                     "ON CONFLICT (record_id, rev) DO NOTHING", (record_id, rev, kind, ref_seq, outcome))

    def prisoner_id_by_number(self, number: str) -> str | None:
        row = self.query_one("SELECT id FROM prisoners WHERE number = ?", (number,))
        return row[0] if row else None

    def put_hq_account(self, user_id: str, username: str, display_name: str, role: str, discipline: str | None,
                       ref_seq: int) -> None:
        self.execute("INSERT INTO sync_hq_accounts (user_id, username, display_name, role, discipline, ref_seq) "
                     "VALUES (?,?,?,?,?,?) ON CONFLICT (user_id) DO UPDATE SET username = excluded.username, "
                     "display_name = excluded.display_name, role = excluded.role, discipline = excluded.discipline, "
                     "ref_seq = excluded.ref_seq WHERE sync_hq_accounts.revoked = 0",
                     (user_id, username, display_name, role, discipline, ref_seq))

    def revoke_hq_account(self, user_id: str, ref_seq: int) -> None:
        self.execute("INSERT INTO sync_hq_accounts (user_id, username, display_name, role, discipline, revoked, "
                     "ref_seq) VALUES (?, '', '', '', NULL, 1, ?) ON CONFLICT (user_id) DO UPDATE SET revoked = 1",
                     (user_id, ref_seq))

    def hq_account_revoked(self, user_id: str) -> bool:
        return self.query_one("SELECT 1 FROM sync_hq_accounts WHERE user_id = ? AND revoked = 1",
                              (user_id,)) is not None

    def count_hq_accounts_waiting(self) -> int:
        row = self.query_one("SELECT count(*) FROM sync_hq_accounts a WHERE a.revoked = 0 AND NOT EXISTS "
                             "(SELECT 1 FROM users u WHERE u.id = a.user_id)")
        return int(row[0])
