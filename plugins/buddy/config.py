"""The ``buddy`` section of the config file: newcomer buddies and random-coffee rounds."""
from __future__ import annotations

import re
from datetime import time, timedelta
from typing import Literal

from pydantic import Field, field_validator, model_validator

from samovar.core.config import Strict
from samovar.core.durations import Duration

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_CLOCK_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def clock_time(value: str) -> time:
    """``"18:30"`` as a :class:`datetime.time`; ValueError otherwise."""
    match = _CLOCK_TIME.match(value.strip())
    if not match:
        raise ValueError(f"a time of day looks like 18:00 (HH:MM), not {value!r}")
    return time(int(match.group(1)), int(match.group(2)))


class CoffeeConfig(Strict):
    """Random-coffee rounds: who meets whom, how often, and the follow-up."""

    enabled: bool = Field(True, description="hold rounds (members still opt in one by one with !coffee on)")
    day: Weekday = Field("mon", description="day of the round, in the community time zone")
    time: str = Field("10:00", description="HH:MM of the round, in the community time zone")
    every_weeks: int = Field(1, ge=1, le=8, description="a round every this many weeks")
    announce_room: str | None = Field(None, description="room where a short note about each round is posted "
                                                        "(how many groups, never who); none by default")
    no_repeat_rounds: int = Field(6, ge=0, description="two people are not grouped again within this many rounds")
    followup_after: Duration = Field(timedelta(days=5), description="when to ask 'did you meet?' after the intro")
    ask_after_ignored: int = Field(3, ge=1, description="rounds without an answer before asking whether to stay in")
    min_overlap: Duration = Field(timedelta(hours=1), description="waking hours a group must share")
    waking_start: str = Field("09:00", description="default start of a member's waking hours (their local time)")
    waking_end: str = Field("22:00", description="default end of a member's waking hours (their local time)")

    @field_validator("time", "waking_start", "waking_end")
    @classmethod
    def _clock(cls, value: str) -> str:
        clock_time(value)
        return value.strip()


class BuddyConfig(Strict):
    """Senior buddies for newcomers, and random-coffee rounds."""

    welcome: bool = Field(True, description="welcome newcomers privately and find them a buddy")
    questions: bool = Field(True, description="ask newcomers the optional questions (language, time zone, "
                                              "what brings them) before choosing a buddy")
    answer_window: Duration = Field(timedelta(days=1), description="how long the questions wait for answers "
                                                                   "before a buddy is chosen with what is known")
    default_capacity: int = Field(2, ge=1, description="newcomers one buddy accompanies at once unless they say")
    max_capacity: int = Field(5, ge=1, description="the most newcomers a buddy may take at once")
    support_period: Duration = Field(timedelta(days=30), description="how long a buddy accompanies a newcomer "
                                                                     "(counts towards their capacity)")
    checkup_after: Duration = Field(timedelta(days=7), description="when both are asked whether they connected")
    reply_window: Duration = Field(timedelta(days=3), description="how long a question waits for a plain reply "
                                                                  "(commands work any time)")
    fallback_room: str | None = Field(None, description="room for introductions when a member's direct messages "
                                                        "are closed (default: the main room)")
    coffee: CoffeeConfig = CoffeeConfig()

    @model_validator(mode="after")
    def _capacities(self) -> "BuddyConfig":
        if self.default_capacity > self.max_capacity:
            raise ValueError("default_capacity cannot exceed max_capacity")
        return self
