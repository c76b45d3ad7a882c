"""Clocks: the real one, and a virtual one that tests and scenarios advance."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    """Source of the current time; always timezone-aware UTC."""

    def now(self) -> datetime:
        """The current time."""

    def timestamp(self) -> float:
        """The current time as POSIX seconds (cheap, for rate limits)."""


class SystemClock:
    """Wall-clock time."""

    def now(self) -> datetime:
        """The current UTC time."""
        return datetime.now(timezone.utc)

    def timestamp(self) -> float:
        """POSIX seconds now."""
        return time.time()


class VirtualClock:
    """Time that only moves when told to (``advance``/``set``)."""

    def __init__(self, start: datetime | None = None) -> None:
        start = start or datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
        if start.tzinfo is None:
            raise ValueError("VirtualClock needs a timezone-aware start time")
        self._now = start.astimezone(timezone.utc)
        self._ts = self._now.timestamp()

    def now(self) -> datetime:
        """The current virtual time."""
        return self._now

    def timestamp(self) -> float:
        """POSIX seconds of the virtual time."""
        return self._ts

    def set(self, moment: datetime) -> None:
        """Move to ``moment`` (never backwards)."""
        moment = moment.astimezone(timezone.utc)
        if moment < self._now:
            raise ValueError("the virtual clock never goes backwards")
        self._now = moment
        self._ts = moment.timestamp()

    def advance(self, delta: timedelta) -> None:
        """Move forward by ``delta``."""
        self.set(self._now + delta)
