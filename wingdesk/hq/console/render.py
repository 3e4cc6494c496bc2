"""Pages from the console's templates, in the reader's language, every value autoescaped.

Each request is translated on its own (i18n.translations): two staff members reading in two languages at once
do not switch each other's pages. Sentences from the code reach a template as msgids and are translated there.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from wingdesk.domain.shown_text import printable
from wingdesk.hq.console.sessions import Sessions
from wingdesk.i18n import LANGUAGES, N_, translations

LANG_COOKIE = "wd_console_lang"
# Each language named in itself (endonyms are not translated), as the wing app's picker shows them.
LANGUAGE_NAMES = {"en": "English", "sq": "Shqip", "sr": "Српски", "sr_Latn": "Srpski (latinica)",
                  "bs": "Bosanski", "hr": "Hrvatski", "mk": "Македонски", "cnr": "Crnogorski"}
ROLE_NAMES = {"hq_admin": N_("HQ administrator"), "analyst": N_("Analyst"), "hq_security": N_("HQ security officer")}
HTML_LANG = {"sr_Latn": "sr-Latn", "cnr": "cnr"}


def when(stamp: str | None) -> str:
    """HQ's UTC stamps (2025-03-01T12:00:05Z) as 2025-03-01 12:00 UTC; anything else shown as it is."""
    if not stamp:
        return "–"
    if len(stamp) >= 17 and stamp[10] == "T" and stamp.endswith("Z"):
        return f"{stamp[:10]} {stamp[11:16]} UTC"
    return printable(stamp)


def folder(name: str) -> str:
    """The packaged templates/ or static/ folder (a wheel, an editable install and the frozen build alike)."""
    return str(files("wingdesk.hq.console") / name)


def language_of(request: Request) -> str:
    chosen = request.cookies.get(LANG_COOKIE, "en")
    return chosen if chosen in LANGUAGES else "en"


class Renderer:
    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions
        self.env = Environment(loader=FileSystemLoader(folder("templates")), autoescape=select_autoescape(
            ["html"], default_for_string=True, default=True), undefined=StrictUndefined, auto_reload=False)
        self.env.filters["shown"] = printable  # control and direction marks as visible escapes
        self.env.filters["when"] = when

    def page(self, request: Request, template: str, *, status: int = 200, message: str | None = None,
             message_args: dict[str, Any] | None = None, **values: Any) -> HTMLResponse:
        lang = language_of(request)
        catalog = translations(lang)
        session = getattr(request.state, "session", None)

        def form_token() -> str:
            return self.sessions.form_token(session) if session is not None else ""

        values.setdefault("flash", None)
        html = self.env.get_template(template).render(
            _=catalog.gettext, ngettext=catalog.ngettext, lang=lang, html_lang=HTML_LANG.get(lang, lang),
            languages=LANGUAGE_NAMES, role_names=ROLE_NAMES, session=session, csrf=form_token, here=request.url.path,
            message=message, message_args=message_args or {}, **values)
        return HTMLResponse(html, status)
