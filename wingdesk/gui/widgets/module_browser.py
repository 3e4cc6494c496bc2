"""The reading view of a training module: a QTextBrowser that loads only the module's own pictures.

The HTML comes from markdown-it with HTML off, so it can name nothing but package pictures; this view is the
second wall: `loadResource` answers only names the package holds and nothing else (no file, no network, no other
scheme), and links never open anything: a section link scrolls, anything else is ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget


class ModuleBrowser(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._images: Mapping[str, bytes] = {}
        self._decoded: dict[str, QImage] = {}
        self.refused: list[str] = []  # what was asked for and not given (tests read it)
        self.anchorClicked.connect(self._follow)

    def show_module(self, html: str, images: Mapping[str, bytes]) -> None:
        self._images, self._decoded = images, {}
        self.document().clear()
        self.setHtml(html)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # noqa: N802 - Qt's name
        url = name if isinstance(name, QUrl) else QUrl(name)
        key = url.toString()
        if kind == QTextDocument.ResourceType.ImageResource.value and not url.scheme() and not url.host() \
                and key in self._images:
            if key not in self._decoded:
                self._decoded[key] = QImage.fromData(self._images[key])
            return self._decoded[key]
        self.refused.append(key)
        return None

    def _follow(self, url: QUrl) -> None:
        if not url.scheme() and url.fragment():
            self.scrollToAnchor(url.fragment())
