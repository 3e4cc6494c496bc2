"""Transfer packages sent and received (table `transfers`, schema v32 and v34; issue 19 item 1)."""

from __future__ import annotations

from wingdesk.domain.transfer import TransferPeer, TransferRow
from wingdesk.storage.base_repo import BaseRepo, Row

_COLS = ("transfer_id, direction, prisoner_id, other_device, governor_key, package_sha256, envelope, state, at, "
         "done_at, via")


def _row(row: Row) -> TransferRow:
    return TransferRow(row[0], row[1], row[2], row[3], row[4], row[5],
                       bytes(row[6]) if row[6] is not None else None, row[7], row[8], row[9], row[10])


class TransfersRepo(BaseRepo):
    def add_transfer(self, row: TransferRow) -> bool:
        """Keep a package sent or received; False (nothing written) when its transfer id is already here."""
        if self.query_one("SELECT 1 FROM transfers WHERE transfer_id = ?", (row.transfer_id,)) is not None:
            return False
        self.execute(f"INSERT INTO transfers ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (row.transfer_id, row.direction, row.prisoner_id, row.other_device, row.governor_key,
                      row.package_sha256, row.envelope, row.state, row.at, row.done_at, row.via))
        return True

    def get_transfer(self, transfer_id: str) -> TransferRow | None:
        row = self.query_one(f"SELECT {_COLS} FROM transfers WHERE transfer_id = ?", (transfer_id,))
        return _row(row) if row else None

    def set_transfer_state(self, transfer_id: str, state: str, at: str, prisoner_id: str | None = None) -> None:
        self.execute("UPDATE transfers SET state = ?, done_at = ?, prisoner_id = coalesce(?, prisoner_id) "
                     "WHERE transfer_id = ?", (state, at, prisoner_id, transfer_id))

    def list_transfers(self, direction: str | None = None, state: str | None = None) -> list[TransferRow]:
        rows = self.query(f"SELECT {_COLS} FROM transfers WHERE (? IS NULL OR direction = ?) "
                          "AND (? IS NULL OR state = ?) ORDER BY at, transfer_id",
                          (direction, direction, state, state))
        return [_row(r) for r in rows]

    def transfers_of(self, prisoner_id: str) -> list[TransferRow]:
        return [_row(r) for r in self.query(f"SELECT {_COLS} FROM transfers WHERE prisoner_id = ? ORDER BY at",
                                            (prisoner_id,))]

    def transferred_out(self, prisoner_id: str) -> bool:
        """Whether this wing sealed the prisoner's file for another prison (their file is read-only here)."""
        return self.query_one("SELECT 1 FROM transfers WHERE prisoner_id = ? AND direction = 'OUT'",
                              (prisoner_id,)) is not None

    def put_transfer_peer(self, peer: TransferPeer, ref_seq: int) -> None:
        self.execute("INSERT OR REPLACE INTO transfer_peers (device_id, wing_name, recipient, ref_seq, governor_keys) "
                     "VALUES (?, ?, ?, ?, ?)", (peer.device_id, peer.wing_name, peer.recipient, ref_seq,
                                                " ".join(peer.governor_keys)))

    def list_transfer_peers(self) -> list[TransferPeer]:
        return [TransferPeer(r[0], r[1], r[2], tuple(r[3].split())) for r in
                self.query("SELECT device_id, wing_name, recipient, governor_keys FROM transfer_peers "
                           "ORDER BY wing_name")]
