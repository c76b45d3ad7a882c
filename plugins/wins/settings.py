"""The ``wins`` section of the config file."""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Literal

from pydantic import Field, field_validator

from samovar.core.config import Strict
from samovar.core.durations import Duration

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_CLOCK_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class WinsConfig(Strict):
    """How wins are marked, celebrated, journaled and gathered into the weekly digest."""

    emoji: str = Field("🎉", min_length=1, description="a member marks their own message as a win with this reaction")
    reaction: str = Field("🎉", min_length=1, description="the bot's reaction on a celebrated win")
    cheer_reaction: str = Field("💛", min_length=1, description="the bot's reaction on a !cheer")
    celebrate_max_chars: int = Field(280, ge=20, description="longer wins are trimmed in the celebration")
    remember_texts_for: Duration = Field(
        timedelta(days=7), description="room messages are held in memory (never stored) this long, so that marking "
                                        "one with the emoji can record its text")
    milestones: list[int] = Field([10, 50, 100], description="the Nth win celebrated privately")
    journal_list_limit: int = Field(10, ge=1, le=50, description="wins listed per journal section")
    digest: bool = Field(True, description="post the weekly digest")
    share_in_digest: bool = Field(True, description="wins written in this room may appear in the digest "
                                                   "(set false in a room's overrides to keep them in the room)")
    digest_room: str | None = Field(None, description="room of the weekly digest (default: the main room)")
    digest_day: Weekday = "sun"
    digest_time: str = Field("18:00", description="HH:MM in the community time zone")
    digest_max_chars: int = Field(200, ge=20, description="longer wins are trimmed in the digest")

    @field_validator("digest_time")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        if not _CLOCK_TIME.match(value.strip()):
            raise ValueError(f"digest_time must look like 18:00 (HH:MM), not {value!r}")
        return value.strip()

    @field_validator("milestones")
    @classmethod
    def _positive(cls, value: list[int]) -> list[int]:
        if any(n < 1 for n in value):
            raise ValueError("milestones are win counts, 1 or more")
        return sorted(set(value))

    @field_validator("emoji", "reaction", "cheer_reaction")
    @classmethod
    def _stripped(cls, value: str) -> str:
        return value.strip()

    def digest_clock(self) -> tuple[int, int]:
        """``digest_time`` as (hour, minute)."""
        hour, minute = self.digest_time.split(":")
        return int(hour), int(minute)
