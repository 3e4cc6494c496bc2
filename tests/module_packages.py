"""Training module packages for tests and benchmarks: a small valid one to break in one place at a time."""

from __future__ import annotations

import base64
import struct
import zlib


def png(width: int = 2, height: int = 2) -> bytes:
    """A real PNG (grey pixels), built with zlib: enough for Qt to decode."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _question(n: int) -> dict:
    return {"text": f"Question {n}?", "choices": [
        {"text": "Right", "correct": True, "feedback": "Yes: this is why."},
        {"text": "Wrong", "correct": False, "feedback": "No: this is why not."}]}


def content(title: str = "Objective writing", body: str = "", questions: int = 2) -> dict:
    body = body or ("# Objective writing\n\n## Facts and opinions\n\nWrite what you saw.\n\n"
                    "![The information cycle](cycle.png)\n\n## Exact words\n\nQuote what was said.\n")
    return {"title": title, "summary": "Write what you saw and heard.", "body": body,
            "questions": [_question(n) for n in range(questions)]}


def package(version: int = 1, module_id: str = "wd.test_module", body: str = "", required_for=("officer",),
            refresher_months: int = 12, languages=("en", "mk")) -> dict:
    return {"format": 1, "id": module_id, "version": version, "required_for": list(required_for),
            "refresher_months": refresher_months, "pass_percent": 80,
            "sources": [{"key": "UNODC 2015", "citation": "UNODC, Handbook on Dynamic Security and Prison "
                         "Intelligence (2015)", "url": "https://www.unodc.org/"}],
            "images": {"cycle.png": base64.b64encode(png()).decode("ascii")},
            "content": {lang: content(f"Title {lang}", body) for lang in languages}}
