"""Where WingDesk keeps its data: --data, then WINGDESK_HOME, then the platform data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "WingDesk"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("WINGDESK_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def demo_dir() -> Path:
    env = os.environ.get("WINGDESK_DEMO_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "demo-wing"


def resources_dir() -> Path:
    """Bundled resources: next to the package in a source tree, or inside a PyInstaller bundle."""
    import sys

    base = getattr(sys, "_MEIPASS", None)
    if base:
        return Path(base) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
