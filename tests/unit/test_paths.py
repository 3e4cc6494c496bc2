"""Data folder resolution: --data, WINGDESK_HOME, the installer's wingdesk.ini beside the executable, platform."""

import sys
from pathlib import Path

import platformdirs
import pytest

from wingdesk.config import paths


@pytest.fixture
def frozen(tmp_path, monkeypatch):
    """Pretend to be the installed (PyInstaller) program living in tmp_path/app."""
    app = tmp_path / "app"
    app.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app / "wingdesk.exe"))
    monkeypatch.delenv("WINGDESK_HOME", raising=False)
    return app


def test_platform_default_without_anything(monkeypatch):
    monkeypatch.delenv("WINGDESK_HOME", raising=False)
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.machine_config_path() is None
    assert paths.data_dir() == Path(platformdirs.user_data_dir("WingDesk", appauthor=False))


def test_explicit_and_env_still_win_over_the_ini(frozen, tmp_path, monkeypatch):
    (frozen / "wingdesk.ini").write_text(f"[WingDesk]\ndata_dir={tmp_path / 'from-ini'}\n", encoding="utf-8")
    assert paths.data_dir(tmp_path / "cli") == tmp_path / "cli"
    monkeypatch.setenv("WINGDESK_HOME", str(tmp_path / "env"))
    assert paths.data_dir() == tmp_path / "env"
    assert paths.data_dir(str(tmp_path / "cli")) == tmp_path / "cli"


def test_ini_next_to_the_executable_is_used(frozen, tmp_path):
    target = tmp_path / "Program Data" / "WingDesk"
    (frozen / "wingdesk.ini").write_text(f"; written by the installer\n[WingDesk]\ndata_dir = {target}\n",
                                         encoding="utf-8-sig")
    assert paths.machine_config_path() == frozen.resolve() / "wingdesk.ini"
    assert paths.data_dir() == target


def test_ini_without_section_quotes_and_variables(frozen, tmp_path, monkeypatch):
    monkeypatch.setenv("WD_TEST_ROOT", str(tmp_path / "root"))
    var = "%WD_TEST_ROOT%" if sys.platform == "win32" else "$WD_TEST_ROOT"
    (frozen / "wingdesk.ini").write_text(f'data_dir="{var}/wing"\n', encoding="utf-8")
    assert paths.data_dir() == tmp_path / "root" / "wing"


def test_relative_ini_path_is_relative_to_the_ini(frozen):
    (frozen / "wingdesk.ini").write_text("data_dir=data\n", encoding="utf-8")
    assert paths.data_dir() == frozen.resolve() / "data"


@pytest.mark.parametrize("content", [None, "", "[WingDesk]\n", "data_dir=\n", "other=1\n"])
def test_missing_or_empty_ini_falls_back_to_platform(frozen, content):
    if content is not None:
        (frozen / "wingdesk.ini").write_text(content, encoding="utf-8")
    assert paths.configured_data_dir() is None
    assert paths.data_dir() == Path(platformdirs.user_data_dir("WingDesk", appauthor=False))


def test_ini_in_utf16_and_percent_signs(tmp_path):
    ini = tmp_path / "wingdesk.ini"
    ini.write_bytes("[WingDesk]\r\ndata_dir=C:\\Podaci 100%\\Krilo Đ\r\n".encode("utf-16"))
    assert paths.read_machine_config(ini) == {"data_dir": "C:\\Podaci 100%\\Krilo Đ"}

