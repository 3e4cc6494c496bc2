"""A Stop pressed while HQ answers the last bundle: everything was sent, so nothing was stopped."""

import httpx2

from wingdesk.services.progress import Cancelled
from wingdesk.sync import wing_transport


def test_a_stop_during_the_last_reply_is_not_reported_as_a_stop(monkeypatch):
    stop = {"pressed": False}

    def handler(request):
        request.read()
        stop["pressed"] = True  # the user presses Stop while HQ stores the (last) bundle
        return httpx2.Response(200, content=b"receipt")

    monkeypatch.setattr(wing_transport, "_client", lambda url, ca, t: httpx2.Client(
        base_url=url, transport=httpx2.MockTransport(handler)))
    replies = []

    def progress(done, total):
        if stop["pressed"]:
            raise Cancelled()

    try:
        wing_transport.put_bundles("https://hq", None, [(1, "b1", b"x" * 1000)],
                                   lambda seq, status, body: replies.append(seq), lambda s, c: None, progress)
        stopped = False
    except Cancelled:
        stopped = True
    assert replies == [1]  # the only bundle reached HQ and its receipt was applied
    assert not stopped, "reported as stopped ('the others wait on this PC') with nothing left to send"


def test_a_busy_hq_is_not_sent_the_rest_of_the_bundles(monkeypatch):
    """503 (spool budget used up, or HQ's storage down): the wing stops and keeps the rest for the next push."""
    asked = []

    def handler(request):
        request.read()
        asked.append(request.url.path)
        return httpx2.Response(503, json={"error": "hq_busy"}, headers={"Retry-After": "60"})

    monkeypatch.setattr(wing_transport, "_client", lambda url, ca, t: httpx2.Client(
        base_url=url, transport=httpx2.MockTransport(handler)))
    refused = []
    wing_transport.put_bundles("https://hq", None, [(1, "b1", b"x"), (2, "b2", b"y"), (3, "b3", b"z")],
                               lambda seq, status, body: None, lambda seq, code: refused.append((seq, code)))
    assert asked == ["/v1/bundles/b1"] and refused == [(1, "hq_busy")]
