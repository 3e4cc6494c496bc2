"""Files that ship inside the `wingdesk` package: word lists, the passphrase blocklist, demo data and the compiled
catalogs. Read through importlib.resources (a wheel, an editable install and a PyInstaller bundle alike); a file
that is missing is an installation fault and raises MissingResource, never a silent empty default."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

PACKAGE = "wingdesk"
RESOURCES = "resources"
LOCALE = "locale"
DOMAIN = "wingdesk"
# Languages with a compiled catalog (English is the source language and has none).
CATALOG_LANGUAGES = ("sq", "sr", "sr_Latn", "bs", "hr", "mk", "cnr")
WORDLIST_LANGUAGES = ("en", *CATALOG_LANGUAGES)
# The open assessment instruments written for WingDesk (docs/instruments.md), installed by the demo and by
# `wingdesk instrument install --shipped`. Every version ships, oldest first: a version never changes once installed,
# so a change is a new file (version 2 adds Albania's guidance and keeps the screening to treatment staff); a wing
# that has version 1 keeps it for the assessments made with it, and HQ reads the rating codes of each version.
SHIPPED_INSTRUMENTS = ("reception_screening.json", "needs_assessment.json", "extremism_risk_spj.json",
                       "reception_screening_v2.json", "needs_assessment_v2.json")
# The training modules written for WingDesk (issue 18, docs/training.md), installed by the demo and by
# `wingdesk module install --shipped`.
SHIPPED_MODULES = ("dynamic_security.json", "objective_observations.json", "radicalisation_awareness.json")
REQUIRED = (
    *(("resources", "wordlists", f"{lang}.json") for lang in WORDLIST_LANGUAGES),
    ("resources", "passwords", "blocklist.txt"),
    *(("resources", "instruments", name) for name in SHIPPED_INSTRUMENTS),
    *(("resources", "modules", name) for name in SHIPPED_MODULES),
    ("resources", "demo", "names.json"),
    ("resources", "retention", "schedule.json"),  # the default retention schedule (issue 19 item 5)
    *(("resources", "demo", "phrases", f"{lang}.json") for lang in WORDLIST_LANGUAGES),
    *(("locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo") for lang in CATALOG_LANGUAGES),
)


class MissingResource(RuntimeError):
    """The installation is incomplete: a file the package must carry is not there."""

    def __init__(self, name: str) -> None:
        super().__init__(f"WingDesk is installed incompletely: {PACKAGE}/{name} is missing; reinstall WingDesk.")
        self.name = name


def resource(*parts: str) -> Traversable:
    """The packaged file `wingdesk/<parts...>`; raises MissingResource when it is not there."""
    item = files(PACKAGE).joinpath(*parts)
    if not item.is_file():
        raise MissingResource("/".join(parts))
    return item


def read_text(*parts: str) -> str:
    return resource(*parts).read_text("utf-8")


def read_bytes(*parts: str) -> bytes:
    return resource(*parts).read_bytes()


def catalog(lang: str) -> Traversable:
    return resource(LOCALE, lang, "LC_MESSAGES", f"{DOMAIN}.mo")


def missing() -> list[str]:
    """Every required packaged file that is absent (checked by name only: a few stat calls at start)."""
    root = files(PACKAGE)
    return ["/".join(parts) for parts in REQUIRED if not root.joinpath(*parts).is_file()]


def check_installed() -> None:
    """At start: raise MissingResource for the first absent file, so a broken install fails loudly at once."""
    absent = missing()
    if absent:
        raise MissingResource(absent[0] if len(absent) == 1 else f"{absent[0]} (and {len(absent) - 1} more)")


def shipped_instruments() -> list[bytes]:
    """The definitions of the instruments WingDesk ships, as bytes (validated by the service that installs them)."""
    return [read_bytes(RESOURCES, "instruments", name) for name in SHIPPED_INSTRUMENTS]


def shipped_modules() -> list[bytes]:
    """The training modules WingDesk ships, as bytes (validated by the service that installs them)."""
    return [read_bytes(RESOURCES, "modules", name) for name in SHIPPED_MODULES]
