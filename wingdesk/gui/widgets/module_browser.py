"""The reading view of a training module: a QTextBrowser that loads only the module's own pictures.

The HTML comes from markdown-it with HTML off, so it can name nothing but package pictures; this view is the
second wall. Its document answers every resource itself: a picture the package holds, and for anything else an
empty image. Answering "nothing" is not enough: Qt's own QTextDocument.loadResource then falls back to reading a
`file:` or `qrc:` URL from disk (tests/gui/test_module_browser.py shows it). Links never open anything: a section
link scrolls, anything else is ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

_IMAGE = QTextDocument.ResourceType.ImageResource.value


class _PackageDocument(QTextDocument):
    def __init__(self, browser: ModuleBrowser, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.browser = browser

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # noqa: N802 - Qt's name
        return self.browser.answer(kind, name)


class ModuleBrowser(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setDocument(_PackageDocument(self, self))
        self._images: Mapping[str, bytes] = {}
        self._decoded: dict[str, QImage] = {}
        self.refused: list[str] = []  # what was asked for and not given (tests read it)
        self.anchorClicked.connect(self._follow)

    def show_module(self, html: str, images: Mapping[str, bytes]) -> None:
        self._images, self._decoded = images, {}
        self.document().clear()
        self.setHtml(html)

    def answer(self, kind: int, name: QUrl | str) -> QImage:
        """The package's picture for a plain name; an empty image for anything else (never None: see above)."""
        url = name if isinstance(name, QUrl) else QUrl(name)
        key = url.toString()
        if kind == _IMAGE and not url.scheme() and not url.host() and key in self._images:
            if key not in self._decoded:
                self._decoded[key] = QImage.fromData(self._images[key])
            return self._decoded[key]
        self.refused.append(key)
        return QImage()

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # noqa: N802 - Qt's name
        return self.answer(kind, name)

    def _follow(self, url: QUrl) -> None:
        if not url.scheme() and url.fragment():
            self.scrollToAnchor(url.fragment())
