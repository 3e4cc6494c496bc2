"""Moving sealed wing bundles: onto a USB stick (safe writes) and to HQ over HTTPS (idempotent PUT)."""

from __future__ import annotations

import os
import re
import ssl
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx2

from wingdesk.services.progress import Cancelled, Progress
from wingdesk.services.sync_types import StickWrite, SyncFailed, WrittenBundle
from wingdesk.sync import usb
from wingdesk.sync.bundle import bundle_hash
from wingdesk.sync.errors import SyncError

BUNDLE_TYPE = "application/vnd.wingdesk.bundle"
# An upload is sent in parts of this size, each a point where the user's "Stop" is honoured and the progress bar
# moves: on a slow prison network (~100 kB/s) an 8 MB bundle would otherwise be one 80-second step.
UPLOAD_PART = 64 * 1024


def write_to_stick(stick_root: Path, bundles: list[tuple[int, str, bytes]], progress: Progress = None) -> StickWrite:
    """Clean leftover `.part` files, then write each bundle safely (`progress(files done, files)` after each).

    The stick must be there, and stay the same device (a pulled stick leaves at most an empty mount-point folder on
    the PC's own disk, on another device): else SyncFailed("stick_missing") and nothing more is written there.
    A stop (progress raising Cancelled) is honoured between files: every file written is complete and checked.
    """
    root = Path(stick_root)
    device = _device_of(root)
    directory = usb.outbox_dir(root)
    removed = usb.cleanup_partials(directory)
    written: list[WrittenBundle] = []
    try:
        if progress is not None:
            progress(0, len(bundles))
        for seq, _bundle_id, data in bundles:
            try:
                if _device_of(root) != device:
                    raise SyncFailed("stick_missing")
                path = usb.write_bundle(directory, data, root)
                if _device_of(root) != device:
                    raise SyncFailed("stick_missing")
            except SyncError as error:
                raise SyncFailed(error.code, detail=error.detail) from None
            written.append(WrittenBundle(seq, bundle_hash(data), str(path)))
            if progress is not None:
                progress(len(written), len(bundles))
    except Cancelled:
        return StickWrite(written, removed, stopped=len(written) < len(bundles))
    return StickWrite(written, removed)


def _device_of(root: Path) -> int:
    try:
        if root.is_dir():
            return os.stat(root).st_dev
    except OSError:
        pass
    raise SyncFailed("stick_missing")


def read_files(paths: list[str], device_id: str | None) -> list[tuple[str, bytes]]:
    """Bundle and receipt files; a folder is a stick root (its WINGDESK/inbox/<device_id>) or a plain folder."""
    found: list[tuple[str, bytes]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inbox = usb.inbox_dir(path, device_id) if device_id else None
            folder = inbox if inbox is not None and inbox.is_dir() else path
            files = usb.list_bundles(folder)
        else:
            files = [path]
        for file in files:
            try:
                found.append((file.name, usb.read_bundle_file(file)))
            except SyncError as error:
                raise SyncFailed(error.code) from None
    return found


def _client(url: str, ca_file: str | None, timeout_s: float) -> httpx2.Client:
    import httpx2  # loaded on first use: it costs ~60 ms of start-up otherwise

    if not url.lower().startswith(("https://", "http://")):
        raise SyncFailed("bad_url")
    verify: ssl.SSLContext | bool = True
    if ca_file:
        try:
            verify = ssl.create_default_context(cafile=ca_file)
        except (OSError, ssl.SSLError):
            raise SyncFailed("bad_ca_file") from None
    # a connection that opens but never answers must not hold the sync page for minutes
    timeout = httpx2.Timeout(timeout_s, connect=min(10.0, timeout_s))
    return httpx2.Client(base_url=url.rstrip("/"), verify=verify, timeout=timeout)


def put_bundles(
    url: str,
    ca_file: str | None,
    bundles: list[tuple[int, str, bytes]],
    on_reply: Callable[[int, int, bytes], None],
    on_refused: Callable[[int, str], None],
    progress: Progress = None,
    timeout_s: float = 60.0,
) -> None:
    """PUT each bundle; `on_reply(seq, status, body)` gets every receipt, `on_refused(seq, code)` every refusal.

    `progress(KiB sent, KiB to send)` is called for every part of an upload; when it raises Cancelled the upload
    in flight is cut off (HQ stores nothing of a bundle it did not receive whole) and Cancelled propagates, after
    the replies already given.
    """
    import httpx2

    total = _kib(sum(len(data) for _seq, _id, data in bundles))
    before = 0  # bytes of the bundles already sent whole

    def parts(data: bytes) -> Iterator[bytes]:
        for start in range(0, len(data), UPLOAD_PART):
            if progress is not None:
                progress(_kib(before + start), total)
            yield data[start : start + UPLOAD_PART]

    try:
        with _client(url, ca_file, timeout_s) as client:
            if progress is not None:
                progress(0, total)
            for index, (seq, bundle_id, data) in enumerate(bundles):
                response = client.put(
                    f"/v1/bundles/{bundle_id}",
                    content=parts(data),
                    headers={"content-type": BUNDLE_TYPE, "content-length": str(len(data))},
                )
                before += len(data)
                if response.status_code in (200, 202):
                    on_reply(seq, response.status_code, response.content)
                else:
                    on_refused(seq, _error_code(response))
                    if response.status_code in (403, 503):
                        break  # revoked at HQ, or HQ busy / its storage down: later bundles would be refused too
                if progress is not None:
                    try:
                        progress(_kib(before), total)
                    except Cancelled:
                        if index < len(bundles) - 1:
                            raise  # a stop pressed while HQ answered the last bundle leaves nothing to stop
    except httpx2.HTTPError as error:
        raise SyncFailed("hq_certificate_untrusted" if _untrusted(error) else "hq_unreachable") from None


def _kib(size: int) -> int:
    """Progress in KiB: the GUI's progress values are 32-bit, and months of pending bundles can pass 2 GB."""
    return -(-size // 1024)


def _untrusted(error: BaseException) -> bool:
    """HQ answered, but its TLS certificate does not verify against the trusted CAs (or not for this address)."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


_ERROR_CODE = re.compile(r"[a-z][a-z0-9_]{0,63}")  # HQ's codes (bundle_truncated, …): shown to the user as they are


def _error_code(response: httpx2.Response) -> str:
    """HQ's error code from a refusal, or `http_<status>` for any answer not shaped like one (a proxy's page, a
    JSON list, text of any length or script)."""
    try:
        answer = response.json()
    except (ValueError, RecursionError):
        answer = None
    code = answer.get("error") if isinstance(answer, dict) else None
    return code if isinstance(code, str) and _ERROR_CODE.fullmatch(code) else f"http_{response.status_code}"


def probe(url: str, ca_file: str | None, timeout_s: float = 5.0) -> bool:
    """True when HQ's receiver answers its health check over a verified connection."""
    import httpx2

    try:
        with _client(url, ca_file, timeout_s) as client:
            return client.get("/v1/health").status_code == 200
    except (httpx2.HTTPError, SyncFailed):
        return False
