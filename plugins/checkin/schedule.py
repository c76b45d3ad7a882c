"""Weekly schedule math in a member's own time zone (DST-safe), and reading "fri 18:00 Europe/Berlin".

A schedule is a weekday (0 = Monday), a minute of the local day and a time zone
name as the buddy plugin stores it on the member (an IANA zone or a fixed offset).
Occurrences are built from the *local* calendar date and then converted to UTC,
so a member at 18:00 in Berlin stays at 18:00 across DST changes.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from samovar.core.timezones import zone_at, zone_info

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_CLOCK = re.compile(r"^(\d{1,2})[:.h](\d{2})$")


@dataclass(frozen=True, slots=True)
class Weekly:
    """Every ``weekday`` at ``minute`` after local midnight in ``tz``."""

    weekday: int
    minute: int
    tz: str

    def local_at(self, day: date) -> datetime:
        """The occurrence on local calendar ``day``, in UTC (a time skipped by DST moves forward)."""
        local = datetime.combine(day, time(self.minute // 60, self.minute % 60), tzinfo=zone_info(self.tz))
        return local.astimezone(timezone.utc)

    def next_after(self, moment: datetime) -> datetime:
        """The first occurrence strictly after ``moment`` (UTC)."""
        today = moment.astimezone(zone_info(self.tz)).date()
        day = today + timedelta(days=(self.weekday - today.weekday()) % 7)
        candidate = self.local_at(day)
        while candidate <= moment:
            day += timedelta(days=7)
            candidate = self.local_at(day)
        return candidate

    def last_at_or_before(self, moment: datetime) -> datetime:
        """The latest occurrence at or before ``moment`` (UTC)."""
        today = moment.astimezone(zone_info(self.tz)).date()
        day = today - timedelta(days=(today.weekday() - self.weekday) % 7)
        candidate = self.local_at(day)
        while candidate > moment:
            day -= timedelta(days=7)
            candidate = self.local_at(day)
        return candidate

    def next_from(self, moment: datetime) -> datetime:
        """The first occurrence at or after ``moment``."""
        return self.next_after(moment - timedelta(microseconds=1))


def parse_clock(text: str) -> int | None:
    """``18:00`` / ``9.30`` / ``18h00`` -> minutes after midnight, or None."""
    match = _CLOCK.match(text.strip())
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        return None
    return hours * 60 + minutes


def format_clock(minute: int) -> str:
    """Minutes after midnight as ``HH:MM``."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


@dataclass(frozen=True, slots=True)
class When:
    """What a member asked for in ``!checkin on ...``; None means "keep/default"."""

    weekday: int | None = None
    minute: int | None = None
    tz: str | None = None
    unknown: str | None = None


def parse_when(text: str | None, day_words: Mapping[str, Iterable[str]]) -> When:
    """Read day, time and time zone in any order; ``day_words`` maps ``mon``.. to accepted words.

    A time zone is anything ``!buddy timezone`` understands (``Europe/Berlin``, ``Москва``,
    ``New York``, ``UTC+3``). The first word that is none of the three is returned in ``unknown``.
    """
    weekday = minute = None
    tz = None
    lookup = {word.lower(): WEEKDAYS.index(key) for key, words in day_words.items() for word in words}
    words = (text or "").split()
    index = 0
    while index < len(words):
        word = words[index]
        lowered = word.lower().strip(",.")
        if lowered in lookup and weekday is None:
            weekday, index = lookup[lowered], index + 1
            continue
        clock = parse_clock(lowered)
        if clock is not None and minute is None:
            minute, index = clock, index + 1
            continue
        found, size = zone_at(words, index)
        if found is not None and tz is None:
            tz, index = found, index + size
            continue
        return When(weekday, minute, tz, unknown=word)
    return When(weekday, minute, tz)

