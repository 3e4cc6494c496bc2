"""Child for the USB power-cut test: exports bundles to a stick as fast as it can, saying what and when.

    python usb_child.py STICK_ROOT

Before each write it prints `intent <file name> <sha256>`; after `write_bundle` returned (the moment the UI
says "safe to remove") it prints `done <file name>`.
"""

import hashlib
import secrets
import sys
import uuid
from pathlib import Path

from wingdesk.sync import keys, usb
from wingdesk.sync.bundle import seal_bundle
from wingdesk.sync.header import GENESIS_HASH, KIND_WING_TO_HQ
from wingdesk.sync.payload import record_content_hash


def _records(n: int) -> list[dict]:
    out = []
    for i in range(n):  # incompressible text: a few pages per bundle, so a cut can land between its pages
        body = {"text": f"power cut entry {i} " + secrets.token_hex(700), "n": i}
        out.append({"record_id": str(uuid.uuid4()), "rev": 1, "kind": "daily_log",
                    "content_hash": record_content_hash(body), "body": body})
    return out


def make_bundles():
    """Endless sealed wing→HQ bundles of a few pages each, from fresh keys."""
    device, hq = keys.generate_key_pairs(), keys.generate_key_pairs()
    device_id, seq = str(uuid.uuid4()), 1
    while True:
        yield seal_bundle(KIND_WING_TO_HQ, device_id, seq, GENESIS_HASH, _records(12), device.sign_private,
                          hq.enc_public, "prod")
        seq += 1


def main(stick: str) -> None:
    root = Path(stick)
    for data in make_bundles():
        name = usb.bundle_file_name(data)
        print("intent", name, hashlib.sha256(data).hexdigest(), len(data), flush=True)
        usb.write_bundle(usb.outbox_dir(root), data, root=root)
        print("done", name, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
