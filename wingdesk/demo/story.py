"""The demo wing's two weeks hang together: a prisoner whose low mood the officers notice until a self-harm alert
and a psychologist's note follow; a prisoner who pressures a younger one until security keeps them apart; one urgent
threat that supervisor and security must see at once. Texts come from the phrases of the demo's language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

At = Callable[[date, int, int], datetime]
POLARITY = {"POSITIVE_ENGAGEMENT": "POSITIVE", "NEEDS_REQUEST": "NEUTRAL", "STAFF_CONTACT_QUALITY": "POSITIVE",
            "ROUTINE_CHANGE": "NEUTRAL", "WELLBEING_VULNERABILITY": "CONCERN"}


@dataclass(frozen=True)
class Cast:
    low_mood: str  # prisoner ids
    pressure: str
    threat: str

    def all(self) -> tuple[str, ...]:
        return (self.low_mood, self.pressure, self.threat)


def choose_cast(men: Sequence[str]) -> Cast:
    """Three different male prisoners from the back of the roster (the story's texts say 'he')."""
    return Cast(low_mood=men[-1], pressure=men[-2], threat=men[-3])


class Story:
    def __init__(self, phrases: dict[str, Any], cast: Cast, sessions: dict[str, Any], clock: Any, at: At) -> None:
        self.story, self.cast, self.where = phrases["story"], cast, phrases["log"]["where"]
        self.sessions, self.clock, self.at = sessions, clock, at

    def play(self, index: int, day: date) -> None:
        """What happens on day `index` of the fortnight (0 = first day), after the early shift has started."""
        officer = self.sessions["officer"]
        for arc, prisoner in (("low_mood", self.cast.low_mood), ("pressure", self.cast.pressure)):
            for beat in self.story[arc]:
                if beat["day"] == index:
                    self._observe(officer, prisoner, beat, day, 10)
        urgent = self.story["urgent"]
        if urgent["day"] == index:
            self._observe(officer, self.cast.threat, urgent, day, 12)
        for key, session, prisoner in (("low_mood_alert", "supervisor", self.cast.low_mood),
                                       ("pressure_alert", "security", self.cast.pressure)):
            alert = self.story[key]
            if alert["day"] == index:
                self.clock.set(self.at(day, 13, 0))
                self.sessions[session].alerts.raise_alert(prisoner, alert["code"], alert["text"], day.isoformat(),
                                                          review_date=(day + timedelta(days=14)).isoformat())
        note = self.story["low_mood_note"]
        if note["day"] == index:
            self.clock.set(self.at(day, 11, 30))
            self.sessions["psychologist"].treatment.add_note(self.cast.low_mood, note["text"])

    def _observe(self, officer: Any, prisoner: str, beat: dict[str, Any], day: date, hour: int) -> None:
        self.clock.set(self.at(day, hour, 20))
        category = beat["category"]
        officer.observations.record(prisoner, category, POLARITY.get(category, "CONCERN"), beat["fact"],
                                    officer_assessment=beat["assessment"], where=self.where,
                                    urgent=bool(beat.get("urgent")))
