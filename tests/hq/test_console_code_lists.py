"""The console's Publishing page for a code list (the plan step types HQ adds): the preview shows each entry with
its label in the reader's language, escaped, before anything is signed; publishing queues it for every wing; a bad
document gets the wing's own one sentence and nothing is queued."""

from __future__ import annotations

import pytest

from tests.code_list_documents import ANGER, data
from tests.hq.test_console_publish import client, hq, preview, publish  # noqa: F401 - the fixture
from wingdesk.hq.console.render import LANG_COOKIE

HOSTILE = {"en": "Course <script>alert(1)</script>", "mk": "Курс <img src=x onerror=alert(1)>"}


def _queued(hq) -> list[dict]:  # noqa: F811 - the fixture's name
    with hq.store.transaction(write=False) as repo:
        return [i for i in repo.reference_items("") if i["kind"] == "code_list"]


def test_the_preview_shows_the_entries_in_the_readers_language_escaped(hq):  # noqa: F811
    c = client(hq)
    c.cookies.set(LANG_COOKIE, "mk")
    shown = preview(c, data(1, [{"code": "ANGER_MANAGEMENT", "label": dict(ANGER)},
                                {"code": "HOSTILE_ONE", "label": HOSTILE, "retired": True}]), kind="code_list")
    assert shown.status_code == 200, shown.text
    text = shown.text
    assert ANGER["mk"] in text and ANGER["en"] not in text  # Macedonian, the reader's language
    assert "<img src=x" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "<script>alert" not in text
    assert '<td class="mono">ANGER_MANAGEMENT</td>' in text and "step_types" in text
    assert _queued(hq) == [] and hq.audit("published") == []
    assert publish(c, text).status_code == 303
    [item] = _queued(hq)
    assert (item["rev"], item["body"]["id"]) == (1, "step_types")
    assert hq.audit("published")[0][2].startswith("staff=") and "kind=code_list id=step_types version=1" in \
        hq.audit("published")[0][2]
    c.cookies.set(LANG_COOKIE, "en")
    page = c.get("/publish").text
    assert "Code list (plan step types)" in page and "Anger management course, Course &lt;script&gt;" in page


@pytest.mark.parametrize(("upload", "sentence"), [
    (b"{not json", "The file is not a code list (it is not valid JSON)."),
    (data(1, [{"code": "EDUCATION", "label": {"en": "Education"}}]),
     "The code list is refused: entries[0].code is a code WingDesk already has; an added entry needs a code of its "
     "own."),
    (data(1, list="incident_types"), "The code list is refused: WingDesk can add entries only to these lists: "
                                      "step_types."),
    (data(1, [{"code": "NEW_ONE", "label": {"mk": "Курс"}}]),
     "The code list is refused: entries[0].label has no English label, which every entry needs."),
])
def test_a_bad_document_is_refused_with_one_sentence(hq, upload, sentence):  # noqa: F811
    c = client(hq)
    refused = preview(c, upload, kind="code_list")
    assert refused.status_code == 400 and sentence in refused.text
    assert 'name="sha256"' not in refused.text and _queued(hq) == []
    assert hq.audit("console_publish_refused")


def test_an_equal_version_is_refused(hq):  # noqa: F811
    c = client(hq)
    publish(c, preview(c, data(2), kind="code_list").text)
    refused = preview(c, data(2), kind="code_list")
    assert refused.status_code == 409
    assert "Version 2 of step_types is not newer than version 2, which is already published" in refused.text


def test_a_version_leaving_out_a_published_code_is_refused_with_one_sentence(hq):  # noqa: F811
    c = client(hq)
    publish(c, preview(c, data(1, [{"code": "ANGER_MANAGEMENT", "label": dict(ANGER)},
                                   {"code": "RJ_CIRCLE", "label": {"en": "Circle"}}]), kind="code_list").text)
    refused = preview(c, data(2, [{"code": "ANGER_MANAGEMENT", "label": dict(ANGER)}]), kind="code_list")
    assert refused.status_code == 409
    assert ("Version 2 of step_types leaves out the code RJ_CIRCLE, which an earlier version published; keep it and "
            "mark it retired instead, so the records that name it keep their label. Nothing was published.") in \
        refused.text
    assert 'name="sha256"' not in refused.text and len(_queued(hq)) == 1
    assert hq.audit("console_publish_refused")[-1][2].endswith(" code_list drops_code")
