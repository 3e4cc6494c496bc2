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
