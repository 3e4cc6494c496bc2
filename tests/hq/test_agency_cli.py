"""`wingdesk-hq agency add|list|remove` (issue 19 item 2): an agency is listed with its age key and queued for every
wing; a weak or malformed key, a second agency of the same name and an unknown one are refused in one sentence with
nothing queued; a removal is the next revision of the same item."""

from __future__ import annotations

import pyrage
import pytest

from tests.hq.test_cli import run
from tests.weak_key_vectors import WEAK_X25519
from wingdesk.crypto import bech32
from wingdesk.hq.store import open_store

pytestmark = pytest.mark.timeout(180)


def _queued(data_dir) -> list[tuple[str, int, bool]]:
    store = open_store(data_dir, create=False)
    try:
        with store.transaction(write=False) as repo:
            return [(i["body"]["name"], i["rev"], i["body"]["active"]) for i in repo.reference_items("")
                    if i["kind"] == "agency"]
    finally:
        store.close()


def test_agencies_listed_refused_and_removed(tmp_path, monkeypatch, capsys):
    data_dir = tmp_path / "hq"
    assert run(monkeypatch, capsys, data_dir, "init", "--kdf-memory-mib", "64")[0] == 0
    key = str(pyrage.x25519.Identity.generate().to_public())
    code, out, _err = run(monkeypatch, capsys, data_dir, "agency", "add", "Probation North", "--type", "probation",
                          "--recipient", key)
    assert code == 0 and "Probation North" in out
    for bad in (bech32.encode("age", WEAK_X25519[0]), "age1notakey", "ssh-ed25519 AAAA"):
        code, _out, err = run(monkeypatch, capsys, data_dir, "agency", "add", "Other", "--type", "ngo",
                              "--recipient", bad)
        assert (code, err.count("\n")) == (1, 1) and "weak" in err
    code, _out, err = run(monkeypatch, capsys, data_dir, "agency", "add", "probation north", "--type", "ngo",
                          "--recipient", key)
    assert code == 1 and "already listed" in err
    code, out, _err = run(monkeypatch, capsys, data_dir, "agency", "list")
    assert out == f"Probation North\tprobation\t{key}\n"
    assert run(monkeypatch, capsys, data_dir, "agency", "remove", "Nobody")[0] == 1
    assert run(monkeypatch, capsys, data_dir, "agency", "remove", "Probation North")[0] == 0
    assert run(monkeypatch, capsys, data_dir, "agency", "list")[1] == ""
    assert _queued(data_dir) == [("Probation North", 1, True), ("Probation North", 2, False)]
