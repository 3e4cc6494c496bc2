"""Packaged files are found through importlib.resources, and a missing one is a loud error, never an empty set."""

import shutil
from importlib.resources import files
from pathlib import Path

import pytest

from wingdesk.cli.main import run
from wingdesk.cli.wiring import Wiring
from wingdesk.config import package_data
from wingdesk.config.package_data import MissingResource
from wingdesk.storage import resources


def test_the_source_install_is_complete():
    package_data.check_installed()
    assert package_data.missing() == []


@pytest.fixture
def broken_install(tmp_path, monkeypatch):
    """A copy of the package's data without the blocklist, standing in for an incomplete installation."""
    root = Path(str(files("wingdesk")))
    for folder in ("resources", "locale"):
        shutil.copytree(root / folder, tmp_path / folder)
    (tmp_path / "resources" / "passwords" / "blocklist.txt").unlink()
    monkeypatch.setattr(package_data, "files", lambda _package: tmp_path)
    resources.load_blocklist.cache_clear()
    yield tmp_path
    resources.load_blocklist.cache_clear()


def test_a_missing_blocklist_raises_instead_of_allowing_every_passphrase(broken_install):
    assert package_data.missing() == ["resources/passwords/blocklist.txt"]
    with pytest.raises(MissingResource, match="resources/passwords/blocklist.txt"):
        resources.load_blocklist()


def test_wingdesk_stops_at_start_with_one_line(broken_install, capsys):
    wiring = Wiring(open_wing=lambda _f: pytest.fail("opened a wing"), open_demo_wing=lambda _f: (None, None))
    assert run(["--help"], wiring) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "installed incompletely" in err[0] and "blocklist.txt" in err[0]


def test_a_missing_catalog_is_an_error_not_english(broken_install):
    from wingdesk import i18n

    (broken_install / "locale" / "mk" / "LC_MESSAGES" / "wingdesk.mo").unlink()
    i18n._load_catalog.cache_clear()
    try:
        with pytest.raises(MissingResource, match="locale/mk"):
            i18n.set_language("mk")
        assert i18n.current_language() != "mk"
    finally:
        i18n._load_catalog.cache_clear()
        i18n.set_language("en")


def test_language_lists_agree():
    """The package's, the runtime's and the catalog tool's language lists are written out three times."""
    import importlib.util

    from wingdesk.i18n import LANGUAGES

    spec = importlib.util.spec_from_file_location("wd_i18n_tool", Path(__file__).parents[2] / "installer" / "i18n.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert set(package_data.CATALOG_LANGUAGES) == set(LANGUAGES) - {"en"} == set(tool.LANGUAGES)
    assert set(package_data.WORDLIST_LANGUAGES) == set(LANGUAGES)
