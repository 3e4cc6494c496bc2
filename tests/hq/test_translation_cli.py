"""`wingdesk-hq translation publish FILE.po [--check]` (issue 17 item 3): the console's translation update from the
command line: --check shows what would change and what is refused and why, publishing nothing; publish signs and
queues it for every wing; a file for a language WingDesk does not ship is refused in one sentence."""

from __future__ import annotations

import pytest

from tests.hq.test_cli import run
from tests.translation_files import po_file
from wingdesk.config.catalog_template import shipped_catalogue
from wingdesk.hq.store import open_store

pytestmark = pytest.mark.timeout(180)


def _queued(data_dir) -> list[tuple[str, int]]:
    store = open_store(data_dir, create=False)
    try:
        with store.transaction(write=False) as repo:
            return [(i["body"]["id"], i["rev"]) for i in repo.reference_items("") if i["kind"] == "translation"]
    finally:
        store.close()


def test_check_publish_and_refuse(tmp_path, monkeypatch, capsys):
    data_dir = tmp_path / "hq"
    assert run(monkeypatch, capsys, data_dir, "init", "--kdf-memory-mib", "64")[0] == 0
    named = next(m for m, s in shipped_catalogue("hr").items() if s.plural is None and m.count("{") == 1
                 and "{name}" in m)
    po = tmp_path / "hr.po"
    po.write_bytes(po_file("hr", {"Cancel": "Odustani odmah", named: "Bez imena", "Gone": "Nema"}))
    code, out, _err = run(monkeypatch, capsys, data_dir, "translation", "publish", str(po), "--check")
    assert code == 0
    assert out.splitlines()[0] == "hr: version 1; texts changed: 1; refused: 1; not in this program: 1."
    assert "Its placeholders differ from those of the English text ({name})." in out.splitlines()[1]
    assert _queued(data_dir) == []
    code, out, _err = run(monkeypatch, capsys, data_dir, "translation", "publish", str(po))
    assert code == 0 and "Published hr version 1" in out
    assert _queued(data_dir) == [("hr", 1)]
    wrong = tmp_path / "de.po"
    wrong.write_bytes(po_file("de", {"Cancel": "Abbrechen"}))
    code, _out, err = run(monkeypatch, capsys, data_dir, "translation", "publish", str(wrong))
    assert (code, err.count("\n")) == (1, 1) and "not for a language WingDesk ships" in err
    assert _queued(data_dir) == [("hr", 1)]
