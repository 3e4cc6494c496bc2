"""The Windows installer restricts the data folder to administrators and the WingDesk users group (issue 13 item 7).

No Inno Setup compiler runs here; this reads the script for the promises docs/security.md makes about it."""

import re
from pathlib import Path

ISS = Path(__file__).resolve().parents[2] / "installer" / "wingdesk.iss"


def test_no_blanket_users_permission_on_the_data_folder():
    dirs = ISS.read_text("utf-8").split("[Dirs]", 1)[1].split("\n[", 1)[0]
    assert "{code:DataDir}" in dirs
    assert "Permissions" not in dirs  # the old entry gave every Windows account modify rights


def test_icacls_grants_only_administrators_system_and_the_group():
    text = ISS.read_text("utf-8")
    grant = re.search(r"icacls\.exe', '\"' \+ Folder \+ '\" (.*?)\) <> 0", text, re.S)
    assert grant, "the data folder's icacls call is missing"
    args = grant.group(1)
    assert "/inheritance:r" in args and "/grant:r" in args
    granted = re.findall(r"(\*S-[\d-]+|\"' \+ UsersGroup \+ '\"):\(OI\)\(CI\)(\w)", args)
    assert granted == [("*S-1-5-32-544", "F"), ("*S-1-5-18", "F"), ("\"' + UsersGroup + '\"", "M")]
    assert "UsersGroup = 'WingDesk Users'" in text
    assert "SecureDataDir();" in text.split("procedure CurStepChanged", 1)[1]
