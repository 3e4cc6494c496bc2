"""The three modules WingDesk ships (issue 18 item 4) are valid packages, marked as a starting point, cite their
sources, ask 5 to 8 questions, and keep the sections the observation dialog links to in the same place."""

import pytest

from wingdesk.config.package_data import shipped_modules
from wingdesk.domain.modules.parse import loads, parse_package

MODULES = [parse_package(loads(data)) for data in shipped_modules()]


def test_the_three_modules_ship():
    assert [m.module_id for m in MODULES] == ["wd.dynamic_security", "wd.objective_observations",
                                              "wd.radicalisation_awareness"]


@pytest.mark.parametrize("module", MODULES, ids=[m.module_id for m in MODULES])
def test_each_is_a_cited_starting_point_with_a_knowledge_check(module):
    assert {s.key for s in module.sources} & {"UNODC 2015", "Council of Europe 2016", "Nelson Mandela Rules"}
    assert module.refresher_months and module.required_for
    for language, content in module.content.items():
        assert 5 <= len(content.questions) <= 8, language
        assert content.body.startswith("> **"), language  # the starting-point note comes first
        assert 400 <= len(content.body.split()) <= 1000, language


def test_the_sections_the_observation_dialog_links_to_are_in_place():
    from wingdesk.gui.widgets.guidance_link import OBJECTIVE_WRITING, WORDING_SECTIONS

    module = next(m for m in MODULES if m.module_id == OBJECTIVE_WRITING)
    english = module.content["en"].sections
    assert english[int(WORDING_SECTIONS["label"][1:]) - 1] == "Avoiding labels"
    assert english[int(WORDING_SECTIONS["religion_only"][1:]) - 1] == "Religion is not risk"


@pytest.mark.parametrize("module", MODULES, ids=[m.module_id for m in MODULES])
def test_no_single_answer_position_passes_the_knowledge_check(module):
    """Ticking the same place (always the first, always the last, ...) in every question must not complete the
    module: the right answers are spread over the choices."""
    for language, content in module.content.items():
        for place in range(max(len(q.choices) for q in content.questions)):
            right = sum(q.correct == place for q in content.questions)
            assert not module.passed(right), (language, place)
        assert len({q.correct for q in content.questions}) >= 3, language


def test_the_sections_the_assessment_and_intelligence_screens_link_to_are_in_place():
    from wingdesk.gui.widgets import guidance_link as g

    def title(module_id: str, anchor: str, language: str = "en") -> str:
        module = next(m for m in MODULES if m.module_id == module_id)
        return module.content[language].sections[int(anchor[1:]) - 1]

    assert title(g.DYNAMIC_SECURITY, g.INFORMATION_CYCLE) == "The information cycle"
    assert title(*g.assessment_guidance(g.EXTREMISM_RISK)) == "What indicators are — and are not"
    assert title(*g.assessment_guidance("wd.needs_assessment")) == "Facts and opinions"


def test_the_before_and_after_examples_are_in_the_wings_own_observation_categories():
    from wingdesk.i18n import translations

    module = next(m for m in MODULES if m.module_id == "wd.objective_observations")
    for language, content in module.content.items():
        gettext = translations(language).gettext
        table = content.body[content.body.index("\n|"):]
        for label in ("Conflict or intimidation", "Need or request", "Contraband or security",
                      "Wellbeing or vulnerability"):
            assert f"| {gettext(label)} |" in table, (language, label)
