"""The demo accounts (also listed in README.md): role, user name, display name, passphrase, discipline."""

from __future__ import annotations

from dataclasses import dataclass

from wingdesk.domain.roles import Role


@dataclass(frozen=True)
class DemoAccount:
    role: Role
    username: str
    display_name: str
    passphrase: str
    discipline: str | None = None


DEMO_ACCOUNTS = (
    DemoAccount(Role.OFFICER, "officer", "Arben Krasniqi", "amber-lantern-morning"),
    DemoAccount(Role.OFFICER, "officer2", "Jelena Marković", "copper-kettle-evening"),
    DemoAccount(Role.SUPERVISOR, "supervisor", "Dragan Petrovski", "granite-harbour-watch"),
    DemoAccount(Role.TREATMENT, "psychologist", "Amra Hodžić", "willow-garden-compass", "PSY"),
    DemoAccount(Role.TREATMENT, "socialworker", "Vesna Kovač", "meadow-bridge-lantern", "SW"),
    DemoAccount(Role.TREATMENT, "counsellor", "Ilir Berisha", "quiet-orchard-candle", "REL"),
    DemoAccount(Role.SECURITY, "security", "Marko Vuković", "silver-falcon-ledger"),
    DemoAccount(Role.GOVERNOR, "governor", "Ljiljana Stojanović", "northern-cedar-council"),
    DemoAccount(Role.ADMIN, "admin", "Besnik Shala", "harbour-signal-keeper"),
)

DEMO_WING = "B-Wing"
DEMO_PRISON = "Demo Prison (synthetic data)"


def account(role: Role) -> DemoAccount:
    return next(a for a in DEMO_ACCOUNTS if a.role is role)
