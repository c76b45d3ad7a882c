"""Snowflake ids and timestamps in the shapes Discord uses."""
from __future__ import annotations

import datetime as dt
import itertools

DISCORD_EPOCH_MS = 1420070400000


def utcnow() -> dt.datetime:
    """Current time, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime | None) -> str | None:
    """ISO 8601 timestamp as Discord writes it (microseconds, +00:00)."""
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def parse_iso(text: str) -> dt.datetime:
    """Parse an ISO 8601 timestamp sent by a client; naive values are taken as UTC."""
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def snowflake_time(snowflake: int) -> dt.datetime:
    """Creation time encoded in a snowflake."""
    ms = (snowflake >> 22) + DISCORD_EPOCH_MS
    return dt.datetime.fromtimestamp(ms / 1000, dt.UTC)


class SnowflakeFactory:
    """Makes unique, time-ordered snowflakes (timestamp, worker 1, process 1, increment)."""

    def __init__(self) -> None:
        self._increment = itertools.count()
        self._last = 0

    def next(self) -> int:
        ms = int(utcnow().timestamp() * 1000) - DISCORD_EPOCH_MS
        value = (ms << 22) | (1 << 17) | (1 << 12) | (next(self._increment) & 0xFFF)
        # Keep ids strictly increasing even within one millisecond.
        value = max(value, self._last + 1)
        self._last = value
        return value
