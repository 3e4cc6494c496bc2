"""The console's security headers, on every response (error pages included), and its request-size gate.

CSP allows only the console's own stylesheet: no script at all, no inline style, no frames, forms posting only
back to the console. A POST must say how long it is and be no longer than MAX_BODY; anything else is refused
before a byte of it is read (a chunked upload would otherwise be spooled to disk whole).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 256 * 1024
# the publishing upload (console.publish_pages): a training module with its pictures may be 16 MiB; only there
UPLOAD_PATH, MAX_UPLOAD_BODY = "/publish/preview", 16 * 1024 * 1024 + 64 * 1024
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    # not no-referrer: under it browsers send `Origin: null` with the console's own forms, which the origin check
    # then refuses; same-origin sends nothing to any other site
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
_NO_STORE = (b"cache-control", b"no-store")


class SecurityHeaders:
    """Wraps the whole application, outside Starlette's own error handling, so a 500 page gets them too."""

    def __init__(self, app: ASGIApp, refuse_body: ASGIApp) -> None:
        self.app = app
        self.refuse_body = refuse_body  # answers a POST without a length, or too long

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _value in HEADERS}
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                headers += HEADERS
                if not static:
                    headers.append(_NO_STORE)
                message = {**message, "headers": headers}
            await send(message)

        if scope["method"] == "POST" and not _length_ok(scope):
            await self.refuse_body(scope, receive, with_headers)
            return
        await self.app(scope, receive, with_headers)


def body_limit(path: str) -> int:
    return MAX_UPLOAD_BODY if path == UPLOAD_PATH else MAX_BODY


def _length_ok(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            return value.isdigit() and int(value) <= body_limit(scope["path"])
    return False
