"""`wingdesk-hq serve` as the real process a service manager runs, and Debian's nginx in front of it, on loopback.

Both are started by the tests with throwaway TLS certificates and stopped after (SIGTERM, then SIGKILL after a
grace period); nothing listens beyond 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "a long HQ passphrase for tests\n"
NGINX_SITE = ROOT / "installer" / "hq" / "nginx" / "wingdesk-hq.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HQ_COMMAND = [sys.executable, "-c", "import sys; from wingdesk.hq.cli import main; sys.exit(main())"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def hq(data_dir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """One `wingdesk-hq` command with the test passphrase on stdin."""
    done = subprocess.run([*HQ_COMMAND, "--data", str(data_dir), "--password-stdin", *args], input=PASSPHRASE,
                          capture_output=True, text=True, timeout=120, env=_env())
    if check and done.returncode != 0:
        raise AssertionError(f"wingdesk-hq {args[0]} failed: {done.stderr}")
    return done


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))


def write_cert(cert, folder: Path) -> tuple[Path, Path]:
    """A trustme leaf certificate (chain and key) as PEM files in `folder`."""
    chain, key = folder / "tls-chain.pem", folder / "tls-key.pem"
    cert.private_key_and_cert_chain_pem.write_to_path(str(chain))
    cert.private_key_pem.write_to_path(str(key))
    return chain, key


def _wait_listening(port: int, process: subprocess.Popen, what: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{what} exited: {process.stderr.read() if process.stderr else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{what} did not start listening on {port}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@contextmanager
def serving(data_dir: Path, port: int, *args: str) -> Iterator[subprocess.Popen]:
    """`wingdesk-hq serve` on 127.0.0.1:`port` (extra `args`: TLS files, --behind-proxy, …) until the block ends."""
    process = subprocess.Popen([*HQ_COMMAND, "--data", str(data_dir), "--password-stdin", "serve", "--host",
                                "127.0.0.1", "--port", str(port), *args], stdin=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_env())
    process.stdin.write(PASSPHRASE)
    process.stdin.close()
    try:
        _wait_listening(port, process, "wingdesk-hq serve")
        yield process
    finally:
        _stop(process)


def nginx_config(folder: Path, port: int, upstream_port: int, chain: Path, key: Path) -> Path:
    """The project's nginx site, pointed at the test's port, certificate and receiver, inside a minimal main
    configuration that keeps every file nginx writes in `folder`."""
    site = NGINX_SITE.read_text()
    for production, test in (("listen 443 ssl;", f"listen 127.0.0.1:{port} ssl;"),
                             ("listen [::]:443 ssl;", ""),
                             ("/etc/wingdesk-hq/tls/fullchain.pem", str(chain)),
                             ("/etc/wingdesk-hq/tls/privkey.pem", str(key)),
                             ("server 127.0.0.1:8443;", f"server 127.0.0.1:{upstream_port};")):
        assert production in site, f"the nginx site no longer holds {production!r}: update the test harness"
        site = site.replace(production, test)
    (folder / "site.conf").write_text(site)
    for name in ("body", "proxy"):
        (folder / name).mkdir(exist_ok=True)
    main = folder / "nginx.conf"
    main.write_text(f"""daemon off;
master_process on;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    include {folder}/site.conf;
}}
""")
    return main


@contextmanager
def nginx_in_front(folder: Path, upstream_port: int, cert) -> Iterator[int]:
    """Debian's nginx terminating TLS on a free loopback port in front of the receiver; yields that port."""
    folder.mkdir(parents=True, exist_ok=True)
    chain, key = write_cert(cert, folder)
    port = free_port()
    config = nginx_config(folder, port, upstream_port, chain, key)
    process = subprocess.Popen([NGINX, "-e", str(folder / "error.log"), "-p", str(folder), "-c", str(config)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait_listening(port, process, "nginx")
        yield port
    finally:
        _stop(process)


def trusting(ca_file: Path) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(ca_file))
