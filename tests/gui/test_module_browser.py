"""The reading view never loads anything but the module's own pictures: not the network, not a file, not another
scheme, whatever HTML it is handed (the renderer cannot produce such HTML; this is the second wall)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument

from tests.module_packages import package, png
from wingdesk.domain.modules import markdown
from wingdesk.domain.modules.parse import parse_package
from wingdesk.gui.widgets.module_browser import ModuleBrowser

HOSTILE = ('<p><img src="https://evil.example/pixel.png"><img src="//evil.example/p.png">'
           '<img src="file:///etc/hostname"><img src="qrc:/icon.png"><img src="cycle.png"></p>'
           '<p><a href="https://evil.example/">x</a> <a href="#s1">section</a></p>')


def test_only_package_pictures_load_and_nothing_remote_is_asked_of_qt(qtbot):
    browser = ModuleBrowser()
    qtbot.addWidget(browser)
    browser.show_module(HOSTILE, {"cycle.png": png()})
    browser.resize(600, 400)
    browser.show()
    qtbot.wait(10)
    refused = set(browser.refused)
    assert {"https://evil.example/pixel.png", "file:///etc/hostname", "qrc:/icon.png"} <= refused
    assert not any("cycle.png" in name for name in refused)
    image = browser.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl("cycle.png"))
    assert image is not None and not image.isNull()
    # Qt's own fallback reads a file: or qrc: URL from disk when a view answers None (a plain QTextBrowser read
    # /etc/hostname for this HTML; so did this one before its document answered every resource itself)
    for url in ("file:///etc/hostname", "qrc:/icon.png", "https://evil.example/pixel.png"):
        found = browser.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(url))
        assert isinstance(found, QImage) and found.isNull(), url


def test_a_link_never_opens_anything_and_a_section_link_scrolls(qtbot):
    browser = ModuleBrowser()
    qtbot.addWidget(browser)
    assert not browser.openLinks() and not browser.openExternalLinks()
    module = parse_package(package(body="## One\n\n" + "text\n\n" * 200 + "## Two\n\nend\n"))
    browser.show_module(markdown.render(module.content["en"].body), module.images)
    browser.resize(400, 200)
    browser.show()
    browser.anchorClicked.emit(QUrl("https://evil.example/"))
    assert browser.source().isEmpty() and browser.verticalScrollBar().value() == 0
    browser.anchorClicked.emit(QUrl("#s2"))
    assert browser.verticalScrollBar().value() > 0
