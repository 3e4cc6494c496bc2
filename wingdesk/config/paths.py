"""Where WingDesk keeps its data: --data, then WINGDESK_HOME, then the machine-wide `wingdesk.ini` next to the
installed program (written by the Windows installer), then the platform data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "WingDesk"
MACHINE_CONFIG_NAME = "wingdesk.ini"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("WINGDESK_HOME")
    if env:
        return Path(env).expanduser()
    configured = configured_data_dir()
    if configured is not None:
        return configured
    return _platform_data_dir()


def _platform_data_dir() -> Path:
    """platformdirs is imported only here: with --data or WINGDESK_HOME (and before the sign-in window) it is not
    needed, and it brings tempfile, random and shutil with it."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def machine_config_path() -> Path | None:
    """`wingdesk.ini` beside the executable of a frozen (installed) build; None in a source install."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent / MACHINE_CONFIG_NAME
    return None


def read_machine_config(path: Path) -> dict[str, str]:
    """`key=value` lines; `[section]` headers and `;`/`#` comments are ignored; a missing file gives {}.

    Deliberately not configparser: the installer may write the file without a section, and a stray `%` in a
    Windows path must not be taken as interpolation.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return {}
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("latin-1")
    values: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in ";#[" or "=" not in line:
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values.setdefault(key.strip().lower(), value)
    return values


def configured_data_dir(config: Path | None = None) -> Path | None:
    """`data_dir=` from the machine-wide config; environment variables (%ProgramData%, $HOME, ~) are expanded and a
    relative path is taken relative to the config file's folder. None when there is no usable setting."""
    path = config if config is not None else machine_config_path()
    if path is None:
        return None
    value = read_machine_config(path).get("data_dir", "")
    if not value:
        return None
    folder = Path(os.path.expanduser(os.path.expandvars(value)))
    if not folder.is_absolute():
        folder = Path(path).parent / folder
    return folder


def demo_dir() -> Path:
    env = os.environ.get("WINGDESK_DEMO_HOME")
    if env:
        return Path(env).expanduser()
    return _platform_data_dir() / "demo-wing"

