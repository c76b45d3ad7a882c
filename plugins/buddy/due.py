"""Cheap due-scans: remember in memory the earliest moment a scan can find anything.

The tick comes every minute; most ticks nothing is due. A :class:`Watermark`
asks the database for the earliest due time once (after a start or a scan)
and is told about every new due time the plugin writes, so an idle tick costs
no query at all.
"""
from __future__ import annotations

from datetime import datetime
from typing import Awaitable, Callable

Earliest = Callable[[], Awaitable[datetime | None]]


class Watermark:
    """The earliest due time of one scan, or "unknown" (then the database is asked)."""

    def __init__(self, earliest: Earliest) -> None:
        self._earliest = earliest
        self._known = False
        self._next: datetime | None = None

    def expect(self, when: datetime | None) -> None:
        """A row just became due at ``when``."""
        if when is not None and self._known:
            self._next = when if self._next is None else min(self._next, when)

    def forget(self) -> None:
        """Ask the database again next time (after a scan changed the rows)."""
        self._known = False

    async def is_due(self, now: datetime) -> bool:
        """Whether the scan may find something now."""
        if not self._known:
            self._next = await self._earliest()
            self._known = True
        return self._next is not None and self._next <= now

    async def run(self, now: datetime, scan: Callable[[], Awaitable[object]]) -> None:
        """Run ``scan`` when something may be due, then look again next time."""
        if await self.is_due(now):
            try:
                await scan()
            finally:
                self.forget()
