"""Serve the console on loopback in a thread and drive Debian's chromium with Playwright (never a downloaded
browser: `playwright install` is not used anywhere; installer/dev-setup.sh installs the chromium package)."""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextmanager
def serving(app) -> Iterator[str]:
    """The app on http://127.0.0.1:<free port>, until the block ends."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the console did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@contextmanager
def chromium(width: int = 1280, height: int = 800) -> Iterator[object]:
    """A browser context over a fresh profile folder (Playwright's persistent context: its own user-data-dir)."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="wd-chromium-") as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": width, "height": height}, accept_downloads=True)
        try:
            yield context
        finally:
            context.close()


def sign_in(page, base: str, name: str, passphrase: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#name", name)
    page.fill("#passphrase", passphrase)
    page.click("form[action='/login'] button[type=submit]")
