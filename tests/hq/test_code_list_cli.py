"""`wingdesk-hq codelist sign`: HQ checks a code-list document as the wings will and signs it under its own purpose;
a bad document gets one sentence and no file; the signed file is accepted by the console's publishing."""

from __future__ import annotations

from tests.code_list_documents import data
from tests.integration.test_instrument_cli import hq as _hq
from wingdesk.crypto import signing
from wingdesk.domain.code_lists.model import CodeListError
from wingdesk.domain.code_lists.parse import WRAPPER
from wingdesk.domain.instruments.signed_file import read_signed
from wingdesk.sync.hq_key_file import load_hq_public_keys


def test_hq_signs_a_code_list_and_refuses_a_bad_one(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "hq"
    assert _hq(monkeypatch, capsys, folder, "init", "--kdf-memory-mib", "64")[0] == 0
    assert _hq(monkeypatch, capsys, folder, "keys", "--out", str(tmp_path / "hq-keys.pub"))[0] == 0
    (tmp_path / "steps.json").write_bytes(data(3))
    code, out, err = _hq(monkeypatch, capsys, folder, "codelist", "sign", str(tmp_path / "steps.json"),
                         "--out", str(tmp_path / "steps.signed"))
    assert code == 0 and "Signed code list step_types version 3 with HQ's key" in out, err
    signed = read_signed((tmp_path / "steps.signed").read_bytes(), WRAPPER, kind="code_list", error=CodeListError)
    public = load_hq_public_keys((tmp_path / "hq-keys.pub").read_bytes()).sign_public
    assert signing.verify(public, signing.CODE_LIST_PREFIX, signed.statement, signed.signature)
    (tmp_path / "bad.json").write_bytes(data(1, [{"code": "EDUCATION", "label": {"en": "Education"}}]))
    code, _out, err = _hq(monkeypatch, capsys, folder, "codelist", "sign", str(tmp_path / "bad.json"),
                          "--out", str(tmp_path / "bad.signed"))
    assert code == 1 and "is a code WingDesk already has" in err and err.count("\n") == 1
    assert not (tmp_path / "bad.signed").exists()
