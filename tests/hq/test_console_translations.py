"""The console's translation updates (Publishing section): a .po upload is previewed with its changes old → new,
escaped, and its refused texts with why; "Publish" signs and queues the previewed document; a file for a language
WingDesk does not ship gets one sentence; an analyst is refused; every step in HQ's audit log."""

from __future__ import annotations

import pytest

from tests.hq.conftest import Clock
from tests.hq.console_fixtures import ANALYST, make_hq
from tests.hq.test_console_publish import client, preview, publish
from tests.translation_files import po_file
from wingdesk.config.catalog_template import shipped_catalogue


@pytest.fixture
def hq(tmp_path, hq_keys):
    made = make_hq(tmp_path / "hq", hq_keys, Clock)
    yield made
    made.store.close()


def _named() -> str:
    return next(m for m, s in shipped_catalogue("mk").items() if s.plural is None and "{name}" in m)


def _audit(hq, action: str) -> list[str]:
    with hq.store.transaction(write=False) as repo:
        return [r[0] for r in repo._rows("SELECT detail FROM audit WHERE action = ? ORDER BY id", (action,))]


def test_upload_preview_and_publish(hq):
    c = client(hq)
    assert 'value="translation"' in c.get("/publish").text
    data = po_file("mk", {"Cancel": "Откажи сега", "Close": "Затвори <b>веднаш</b>", _named(): "Без {ime}"})
    shown = preview(c, data, kind="translation", name="mk.po")
    assert shown.status_code == 200, shown.text
    page = shown.text
    assert "Македонски" in page and "Откажи сега" in page
    assert "Затвори &lt;b&gt;веднаш&lt;/b&gt;" in page and "<b>веднаш" not in page  # refused, and shown escaped
    assert shipped_catalogue("mk")["Cancel"].forms[0] in page  # the text it replaces
    assert "Its placeholders differ from those of the English text ({name})." in page
    assert "Its markup (tags, comments and entities) differs from that of the English text." in page
    assert "first version published" in page
    answer = publish(c, page)
    assert answer.status_code == 303
    listed = c.get("/publish").text
    assert "Translation update (.po file)" in listed and "Published mk version 1" in listed
    assert [d.split(" sha256=")[0].split(" kind=")[1] for d in _audit(hq, "published")] == [
        "translation id=mk version=1"]
    assert any("translation id=mk version=1" in d and "changed=1 refused=2" in d
               for d in _audit(hq, "console_publish_previewed"))
    again = preview(c, po_file("mk", {"Cancel": "Откажи веднаш"}), kind="translation", name="mk.po")
    assert "replaces version 1" in again.text


def test_refused_uploads_get_one_sentence(hq):
    c = client(hq)
    wrong = preview(c, po_file("de", {"Cancel": "Abbrechen"}), kind="translation", name="de.po")
    assert wrong.status_code == 400
    assert "is not for a language WingDesk ships" in wrong.text
    broken = preview(c, b'{"instrument": 1}', kind="translation", name="x.po")
    assert broken.status_code == 400 and "not a gettext translation file" in broken.text
    nothing = preview(c, po_file("mk", {}, whole=True), kind="translation", name="mk.po")
    assert nothing.status_code == 400 and "changes no text of this program" in nothing.text
    assert [d.split(" ", 1)[1] for d in _audit(hq, "console_publish_refused")] == [
        "translation translation_language", "translation translation_not_po", "translation translation_no_change"]
    assert c.post("/publish", data={"csrf": "x", "sha256": "0" * 64}).status_code in (400, 403)


def test_an_analyst_cannot_publish_a_translation(hq):
    c = client(hq, ANALYST)
    assert c.get("/publish").status_code == 403
    assert c.post("/publish/preview", data={"kind": "translation"},
                  files={"file": ("mk.po", po_file("mk", {"Cancel": "Откажи веднаш"}))}).status_code == 403
