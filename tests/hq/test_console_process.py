"""`wingdesk-hq console` as the real process: it asks the HQ passphrase, listens on its own port (not the wings'
upload endpoint), answers the sign-in page with its security headers, and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx2
import pytest

from tests.hq_process import HQ_COMMAND, PASSPHRASE, free_port, hq


@pytest.mark.timeout(120)
def test_console_process_serves_the_sign_in_page_and_stops_on_sigterm(tmp_path):
    data = tmp_path / "hq"
    hq(data, "init", "--kdf-memory-mib", "64")
    port = free_port()
    server = subprocess.Popen([*HQ_COMMAND, "--data", str(data), "--password-stdin", "console", "--port", str(port)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    server.stdin.write(PASSPHRASE)
    server.stdin.close()
    try:
        deadline, answer = time.monotonic() + 60, None
        while answer is None and time.monotonic() < deadline:
            try:
                answer = httpx2.get(f"http://127.0.0.1:{port}/login", timeout=1)
            except httpx2.HTTPError:
                time.sleep(0.1)
        assert answer is not None and answer.status_code == 200
        assert "default-src 'none'" in answer.headers["content-security-policy"]
        assert "server" not in answer.headers  # no version banner
        for path in ("/v1/health", "/v1/bundles/x"):  # the wings' receiver is not here
            assert httpx2.get(f"http://127.0.0.1:{port}{path}", timeout=5).status_code == 404
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(30) == 0
    assert "Starting the HQ console on http://127.0.0.1:" in server.stdout.read()
    assert "Traceback" not in server.stderr.read()
