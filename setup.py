"""Build hook: compile the gettext catalogs (translations/<lang>/LC_MESSAGES/wingdesk.po) into the package as
wingdesk/locale/<lang>/LC_MESSAGES/wingdesk.mo while the wheel is built. The .mo files are never committed.

Everything else about the package is declared in pyproject.toml.
"""

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def _i18n():
    spec = importlib.util.spec_from_file_location("wingdesk_build_i18n", ROOT / "installer" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildPyWithCatalogs(build_py):
    def run(self):
        super().run()
        # An editable install reads the package from the source tree, a wheel from build_lib.
        target = ROOT / "wingdesk" if self.editable_mode else Path(self.build_lib) / "wingdesk"
        compiled = _i18n().compile_catalogs(target / "locale")
        if not compiled:
            raise SystemExit("build: no translations/*/LC_MESSAGES/wingdesk.po catalogs to compile")


setup(cmdclass={"build_py": BuildPyWithCatalogs})
