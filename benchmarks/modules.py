"""Training module benchmark (issue 18): opening a module of 5,000 words with pictures (target: <= 200 ms).

One run, one machine, every figure against a baseline measured in the same run:
  baseline  a plain QTextBrowser shown with the same 5,000 words as plain text (the least a reading view costs);
  cold      the whole open as the Learning page does it, nothing cached: read the package from the encrypted wing
            database, strict parse, validate every language's Markdown (markdown-it-py), render to HTML, build the
            dialog with its knowledge check, lay out the text, decode the pictures and paint once;
  warm      the same once the version is parsed and rendered (versions never change, so both are kept).

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/modules.py [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import struct
import sys
import tempfile
import time
import zlib
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication, QTextBrowser  # noqa: E402

from tests.module_packages import package  # noqa: E402
from wingdesk.crypto.kdf import floor_params  # noqa: E402
from wingdesk.domain.canonical import canonical_bytes  # noqa: E402
from wingdesk.gui.dialogs.module_dialog import show_module  # noqa: E402
from wingdesk.gui.tasks import TaskRunner  # noqa: E402
from wingdesk.i18n import current_language  # noqa: E402
from wingdesk.services import training_modules  # noqa: E402
from wingdesk.storage.backend import LocalWing  # noqa: E402

PASS = "module benchmark passphrase"
WORDS, PICTURES = 5000, 4
VOCABULARY = ("officer prisoner landing yard unlock observation exact words time place present wrote said saw "
              "heard behaviour facts opinion supervisor shift relationship information cycle evaluate analyse "
              "share review fair respect rights dignity threat safety").split()


def noisy_png(width: int, height: int, seed: int) -> bytes:
    """A photograph-like PNG (noise compresses badly): about width*height bytes."""
    rng = random.Random(seed)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rng.randrange(256) for _ in range(width)) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def big_body() -> str:
    rng = random.Random(18)
    parts, words = [], 0
    section = 0
    while words < WORDS:
        if words // 500 >= section:
            section += 1
            parts.append(f"## Section {section}\n")
            if section <= PICTURES:
                parts.append(f"![Figure {section}](figure{section}.png)\n")
        sentence = " ".join(rng.choice(VOCABULARY) for _ in range(60))
        parts.append(sentence.capitalize() + ".\n")
        words += 60
    return "\n".join(parts)


def big_package() -> dict[str, object]:
    import base64

    raw = package(module_id="wd.benchmark", body=big_body(), languages=("en", "sq", "mk"))
    raw["images"] = {f"figure{n}.png": base64.b64encode(noisy_png(480, 320, n)).decode("ascii")
                     for n in range(1, PICTURES + 1)}
    raw["images"]["cycle.png"] = base64.b64encode(noisy_png(8, 8, 0)).decode("ascii")
    return raw


def _median_ms(call, repeats: int) -> float:
    times = []
    for _n in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(repeats: int) -> dict[str, object]:
    app = QApplication.instance() or QApplication(sys.argv)
    raw = big_package()
    data = canonical_bytes(raw)
    body = str(raw["content"]["en"]["body"])  # type: ignore[index]
    with tempfile.TemporaryDirectory() as tmp:
        wing = LocalWing(Path(tmp) / "wing", kdf=floor_params())
        wing.create("Bench", "Bench prison", "admin", "Bench Admin", PASS)
        session = wing.sign_in("admin", PASS)
        tasks = TaskRunner()
        try:
            session.modules.install_shipped([data])

            def baseline() -> None:
                view = QTextBrowser()
                view.resize(900, 600)
                view.setPlainText(body)
                view.show()
                view.grab()  # one paint
                view.close()
                view.deleteLater()

            def opening(cold: bool) -> None:
                if cold:
                    training_modules._PARSED.clear()  # noqa: SLF001 - the benchmark measures the uncached path
                    session.modules._parsed.clear()  # noqa: SLF001
                    session.modules._html.clear()  # noqa: SLF001
                # the Learning page does these two steps on a worker and on the UI thread (open_module); here
                # both in a row, so the figure is the whole wait the reader sees
                view = session.modules.view("wd.benchmark", current_language())
                dialog = show_module(session, tasks, view, None)
                dialog.browser.grab()  # layout, picture decoding and one paint
                dialog.close()
                app.processEvents()

            baseline()
            opening(True)  # warm up Qt itself (fonts, styles) so neither figure pays for it
            base_ms = _median_ms(baseline, repeats)
            cold_ms = _median_ms(lambda: opening(True), repeats)
            warm_ms = _median_ms(lambda: opening(False), repeats)
        finally:
            session.lock()
    words = len(body.split())
    return {"words": words, "pictures": PICTURES, "package_bytes": len(data),
            "baseline_plain_text_ms": round(base_ms, 1), "cold_open_ms": round(cold_ms, 1),
            "warm_open_ms": round(warm_ms, 1), "cold_vs_baseline": round(cold_ms / base_ms, 2),
            "warm_vs_baseline": round(warm_ms / base_ms, 2), "target_ms": 200}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    row = measure(args.repeats)
    print(f"module of {row['words']} words, {row['pictures']} pictures, {row['package_bytes']} B")
    print(f"baseline (plain QTextBrowser, same words): {row['baseline_plain_text_ms']} ms")
    print(f"cold open: {row['cold_open_ms']} ms ({row['cold_vs_baseline']}x)  warm open: {row['warm_open_ms']} ms "
          f"({row['warm_vs_baseline']}x)  target <= 200 ms")
    print(json.dumps(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
