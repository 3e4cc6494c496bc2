"""app.py's lazy backend knows the wing's files without importing storage, and forwards everything else."""

import subprocess
import sys

from wingdesk.app import WING_FILES, LazyWing
from wingdesk.storage.vault import DB_FILE, SLOT_FILE


def test_wing_file_names_match_the_vault():
    assert WING_FILES == (DB_FILE, SLOT_FILE)


def test_importing_the_app_does_not_load_storage_or_http():
    code = "import sys, wingdesk.app; print(sorted(m for m in ('sqlcipher3', 'httpx2', 'wingdesk.storage', " \
           "'cryptography', 'pyrage') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_lazy_wing_exists_and_forwards(tmp_path):
    wing = LazyWing(tmp_path)
    assert not wing.exists()
    for name in WING_FILES:
        (tmp_path / name).write_bytes(b"x")
    assert wing.exists()
    assert wing.directory == tmp_path and callable(wing.sign_in)
