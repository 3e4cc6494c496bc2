"""`wingdesk-hq hierarchy sign`: HQ checks a prison/wing hierarchy as the wings will and signs it under its own
purpose; a bad document gets one sentence and no file; the signed file is accepted by the console's page."""

from __future__ import annotations

from tests.hierarchy_documents import PC_A, changed, data
from tests.integration.test_instrument_cli import hq as _hq
from wingdesk.crypto import signing
from wingdesk.domain.hierarchy.model import HierarchyError
from wingdesk.domain.hierarchy.parse import WRAPPER
from wingdesk.domain.instruments.signed_file import read_signed
from wingdesk.sync.hq_key_file import load_hq_public_keys


def test_hq_signs_a_hierarchy_and_refuses_a_bad_one(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "hq"
    assert _hq(monkeypatch, capsys, folder, "init", "--kdf-memory-mib", "64")[0] == 0
    assert _hq(monkeypatch, capsys, folder, "keys", "--out", str(tmp_path / "hq-keys.pub"))[0] == 0
    (tmp_path / "prisons.json").write_bytes(data())
    code, out, err = _hq(monkeypatch, capsys, folder, "hierarchy", "sign", str(tmp_path / "prisons.json"),
                         "--out", str(tmp_path / "prisons.signed"))
    assert code == 0 and "Signed revision 1 of the prison/wing hierarchy (2 prisons, 2 wings) with HQ's key" in out, err
    signed = read_signed((tmp_path / "prisons.signed").read_bytes(), WRAPPER, kind="hierarchy", error=HierarchyError)
    public = load_hq_public_keys((tmp_path / "hq-keys.pub").read_bytes()).sign_public
    assert signing.verify(public, signing.HIERARCHY_PREFIX, signed.statement, signed.signature)
    assert not signing.verify(public, signing.CODE_LIST_PREFIX, signed.statement, signed.signature)
    (tmp_path / "bad.json").write_bytes(data(changed(1, lambda d: d["wings"][1]["devices"].append(PC_A))))
    code, _out, err = _hq(monkeypatch, capsys, folder, "hierarchy", "sign", str(tmp_path / "bad.json"),
                          "--out", str(tmp_path / "bad.signed"))
    assert code == 1 and "is assigned to two wings" in err and err.count("\n") == 1
    assert not (tmp_path / "bad.signed").exists()
