"""A training module package is checked before anything is stored: its Markdown may hold no script, no raw HTML
and no remote picture; its languages ask the same questions; rendering never turns package text into markup."""

from __future__ import annotations

import pytest

from tests.module_packages import package
from wingdesk.domain.modules import markdown
from wingdesk.domain.modules.model import ModuleError
from wingdesk.domain.modules.parse import parse_package


def _refused(raw: dict) -> str:
    with pytest.raises(ModuleError) as caught:
        parse_package(raw)
    return caught.value.code


def test_a_valid_package_parses_with_sections_questions_and_fallback_language():
    module = parse_package(package())
    shown, content = module.in_language("sq")  # no Albanian text: English is shown
    assert shown == "en" and content.sections == ("Facts and opinions", "Exact words")
    assert module.in_language("mk")[0] == "mk" and module.required("officer") and not module.required("governor")
    assert [q.correct for q in content.questions] == [0, 0]
    assert module.passed(2) and not module.passed(1)


@pytest.mark.parametrize(("body", "code"), [
    ("## A\n\n<script>alert(1)</script>\n", "module_script"),
    ("## A\n\nText <SCRIPT src=x></SCRIPT>\n", "module_script"),
    ("## A\n\n<div onclick='x()'>hi</div>\n", "module_raw_html"),
    ("## A\n\nAn <img src=\"https://evil.example/p.png\"> inline\n", "module_raw_html"),
    ("## A\n\n![spy](https://evil.example/pixel.png)\n", "module_remote_image"),
    ("## A\n\n![spy](//evil.example/pixel.png)\n", "module_remote_image"),
    ("## A\n\n![local file](file:///etc/passwd)\n", "module_remote_image"),
    ("## A\n\n![absent](other.png)\n", "module_missing_image"),
    ("## A\n\n[click](javascript:alert(1))\n", "module_bad_link"),
    ("## A\n\n[plain](http://example.org/)\n", "module_bad_link"),
])
def test_unsafe_text_is_refused_with_its_own_sentence(body, code):
    raw = package(body=body)
    assert _refused(raw) == code


@pytest.mark.parametrize("where", ["title", "summary", "question", "choice", "feedback", "citation"])
def test_a_script_anywhere_in_the_package_is_refused_not_only_in_the_body(where):
    """Titles, questions, answers and feedback are shown as plain text today; a package carrying a script in them is
    still hostile, and is refused with the field named, so no later view can ever be handed one."""
    raw = package()
    text = "Fine <script>fetch('https://x')</script>"
    en = raw["content"]["en"]
    if where in ("title", "summary"):
        en[where] = text
    elif where == "question":
        en["questions"][0]["text"] = text
    elif where == "choice":
        en["questions"][0]["choices"][1]["text"] = text
    elif where == "feedback":
        en["questions"][1]["choices"][0]["feedback"] = text
    else:
        raw["sources"][0]["citation"] = text
    with pytest.raises(ModuleError) as caught:
        parse_package(raw)
    assert caught.value.code == "module_script"
    assert caught.value.params["where"].startswith("content.en." if where != "citation" else "sources[0]")


def test_languages_must_ask_the_same_questions_with_the_same_right_answers():
    raw = package()
    raw["content"]["mk"]["questions"][1]["choices"][0]["correct"] = False
    raw["content"]["mk"]["questions"][1]["choices"][1]["correct"] = True
    assert _refused(raw) == "module_languages_differ"


def test_a_question_needs_exactly_one_right_answer_and_roles_must_exist():
    raw = package()
    raw["content"]["en"]["questions"][0]["choices"][1]["correct"] = True
    assert _refused(raw) == "module_one_right_answer"
    assert _refused(package(required_for=("warden",))) == "module_bad_role"


def test_an_image_must_be_a_real_embedded_png_or_jpeg():
    raw = package()
    raw["images"]["cycle.png"] = "PHN2Zz48L3N2Zz4="  # "<svg></svg>": not a PNG or JPEG
    assert _refused(raw) == "module_bad_image"


def test_rendering_keeps_text_as_text_and_anchors_sections():
    html = markdown.render("## One\n\n<b>bold?</b>\n\n## Two\n\n![c](cycle.png)\n")
    assert '<a name="s1"></a>One' in html and '<a name="s2"></a>Two' in html
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert 'src="cycle.png"' in html
