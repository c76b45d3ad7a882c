"""The ``plugins.checkin`` config section."""
from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from samovar.core.config import Strict
from samovar.core.durations import Duration

from .schedule import WEEKDAYS, parse_clock

SHARING_CHOICES = ("ask", "private", "buddy", "room", "anonymous")


def _weekday(value: str) -> str:
    lowered = str(value).strip().lower()[:3]
    if lowered not in WEEKDAYS:
        raise ValueError(f"unknown day {value!r}; use one of {', '.join(WEEKDAYS)}")
    return lowered


def _clock(value: str) -> str:
    minute = parse_clock(str(value))
    if minute is None:
        raise ValueError(f"not a time of day: {value!r}; use HH:MM like 18:00")
    return f"{minute // 60:02d}:{minute % 60:02d}"


Weekday = Annotated[str, AfterValidator(_weekday)]
"""A day of the week (``mon`` ... ``sun``; longer spellings are cut to three letters)."""
ClockTime = Annotated[str, AfterValidator(_clock)]
"""A time of day written ``HH:MM``."""


class DigestConfig(Strict):
    """The weekly review: an aggregated room digest and "similar week" offers."""

    enabled: bool = False
    """Post the aggregated digest (how many checked in, mood trend) in the room."""
    similar_weeks: bool = False
    """Privately offer members whose answers share a theme to be introduced (both must agree)."""
    room: str | None = None
    """Room for the digest (default: the check-in room)."""
    day: Weekday = "sun"
    time: ClockTime = "19:00"
    """When, in the community's time zone."""
    min_moods: int = Field(default=3, ge=1)
    """Fewest mood answers needed before an average is shown (so no one's mood can be singled out)."""
    offer_window: Duration = timedelta(days=7)
    """How long a "similar week" offer can be accepted."""


class CheckinConfig(Strict):
    """Weekly check-ins: defaults for new members, windows, the room to share in."""

    default_day: Weekday = "fri"
    default_time: ClockTime = "18:00"
    room: str = "checkins"
    """Where members may choose to post their check-in (named or anonymous)."""
    answer_window: Duration = timedelta(days=3)
    """How long a check-in dialog stays open."""
    reminder_after: Duration = timedelta(days=1)
    """One gentle reminder after this much quiet (members can turn it off)."""
    missed_grace: Duration = timedelta(hours=6)
    """A check-in missed while the bot was down is still sent when it comes back within this."""
    scan_batch: int = Field(default=200, ge=1, le=10_000)
    """Most check-ins opened by one due-scan (the next tick continues)."""
    history_limit: int = Field(default=10, ge=1, le=100)
    digest: DigestConfig = DigestConfig()

    @model_validator(mode="after")
    def _reminder_inside_window(self) -> CheckinConfig:
        if self.reminder_after >= self.answer_window:
            raise ValueError("reminder_after must be shorter than answer_window")
        return self
