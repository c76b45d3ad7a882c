"""The weekly review: an aggregated digest in the room, and "similar week" offers.

The digest only ever shows totals: how many members checked in and the average
mood (shown only when enough members gave one), compared with the week before.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from . import similar, store
from .config import CheckinConfig
from .models import CheckinEntry
from .schedule import WEEKDAYS, Weekly, parse_clock
from .texts import Voice

WEEK = timedelta(days=7)
TREND_STEP = 0.3


class WeeklyReview:
    """Runs once a week at the configured local time of the community."""

    def __init__(self, bot: Any, config: CheckinConfig) -> None:
        self.bot = bot
        self.config = config
        digest = config.digest
        self.enabled = digest.enabled or digest.similar_weeks
        self.weekly = Weekly(WEEKDAYS.index(digest.day), parse_clock(digest.time) or 0,
                             bot.config.community.timezone)
        self._done_until: datetime | None = None

    def next_time(self, now: datetime) -> datetime | None:
        """When the next review is due (None when both parts are off)."""
        return self.weekly.next_after(now) if self.enabled else None

    async def run_due(self, now: datetime) -> bool:
        """Run the newest review if it is due and within the grace window; True when it ran now."""
        if not self.enabled:
            return False
        end = self.weekly.last_at_or_before(now)
        if end == self._done_until or now - end > self.config.missed_grace:
            return False
        self._done_until = end
        if not await store.claim_review(end, now):
            return False
        entries = await store.answered_between(end - WEEK, end)
        if self.config.digest.enabled:
            previous = await store.answered_between(end - 2 * WEEK, end - WEEK)
            await self.post(entries, previous)
        if self.config.digest.similar_weeks:
            await similar.offer(self.bot, entries, end, now, self.config.digest.offer_window)
        return True

    async def post(self, entries: list[CheckinEntry], previous: list[CheckinEntry]) -> bool:
        """Post the digest; nothing is posted in a week without check-ins."""
        people = len({entry.member_id for entry in entries})
        if not people:
            return False
        name = self.config.digest.room or self.config.room
        room = self.bot.room(name)
        if room is None:
            return False
        voice = Voice(self.bot.catalog, self.bot.language_for(None, room))
        lines = [voice("digest.header"), voice("digest.count", count=people)]
        mood = self._average(entries)
        if mood is not None:
            before = self._average(previous)
            lines.append(self._mood_line(voice, mood, before))
        lines.append(voice("digest.footer", command=f"{self.bot.prefix}checkin on"))
        return await self.bot.send(room, "\n".join(lines)) is not None

    def _average(self, entries: list[CheckinEntry]) -> float | None:
        moods = [entry.mood for entry in entries if entry.mood]
        if len(moods) < self.config.digest.min_moods:
            return None
        return sum(moods) / len(moods)

    @staticmethod
    def _mood_line(voice: Voice, mood: float, before: float | None) -> str:
        def number(value: float) -> str:
            return f"{value:.1f}".replace(".", voice("decimal_point"))

        if before is None:
            return voice("digest.mood", mood=number(mood))
        trend = "up" if mood - before >= TREND_STEP else "down" if before - mood >= TREND_STEP else "same"
        return voice(f"digest.trend.{trend}", mood=number(mood), previous=number(before))
