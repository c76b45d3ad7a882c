"""Scheduling behind one small interface, on APScheduler 3 triggers.

:class:`RealScheduler` runs jobs on the asyncio loop through APScheduler's
``AsyncIOScheduler``. :class:`VirtualScheduler` uses the very same trigger
objects but fires them when a :class:`~samovar.core.clock.VirtualClock` is
advanced, in time order, so days of check-ins run in milliseconds.
"""
from __future__ import annotations

import heapq
import itertools
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Awaitable, Callable, Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from .clock import VirtualClock

JobCallback = Callable[[], Awaitable[Any]]
log = logging.getLogger("samovar.scheduler")
_ONE_US = timedelta(microseconds=1)


class Scheduler(Protocol):
    """What plugins use to run something later or periodically."""

    def at(self, when: datetime, callback: JobCallback, *, job_id: str) -> None:
        """Run ``callback`` once at ``when`` (replaces a job with the same id)."""

    def every(self, interval: timedelta, callback: JobCallback, *, job_id: str, start: datetime | None = None) -> None:
        """Run ``callback`` every ``interval`` (first run after one interval, or at ``start``)."""

    def cron(self, callback: JobCallback, *, job_id: str, timezone: str = "UTC", **fields: Any) -> None:
        """Run on a calendar rule (``day_of_week="mon", hour=18``) in ``timezone`` (DST-aware)."""

    def cancel(self, job_id: str) -> bool:
        """Remove a job; True when it existed."""

    def next_run(self, job_id: str) -> datetime | None:
        """When the job fires next, or None."""


def _guarded(job_id: str, callback: JobCallback) -> JobCallback:
    async def run() -> None:
        try:
            await callback()
        except Exception:  # a job must never stop the scheduler
            log.exception("scheduled job failed", extra={"job_id": job_id})

    return run


def _interval(interval: timedelta, start: datetime | None, now: datetime) -> IntervalTrigger:
    return IntervalTrigger(seconds=interval.total_seconds(), start_date=start or now + interval, timezone=timezone.utc)


class RealScheduler:
    """Wall-clock scheduling on the running asyncio loop."""

    def __init__(self) -> None:
        self._aps = AsyncIOScheduler(timezone=timezone.utc)

    def _add(self, trigger: BaseTrigger, callback: JobCallback, job_id: str) -> None:
        self._aps.add_job(
            _guarded(job_id, callback), trigger, id=job_id, replace_existing=True,
            coalesce=True, misfire_grace_time=None, max_instances=1,
        )

    def at(self, when: datetime, callback: JobCallback, *, job_id: str) -> None:
        """Run once at ``when``."""
        self._add(DateTrigger(run_date=when, timezone=timezone.utc), callback, job_id)

    def every(self, interval: timedelta, callback: JobCallback, *, job_id: str, start: datetime | None = None) -> None:
        """Run every ``interval``."""
        self._add(_interval(interval, start, datetime.now(timezone.utc)), callback, job_id)

    def cron(self, callback: JobCallback, *, job_id: str, timezone: str = "UTC", **fields: Any) -> None:
        """Run on a calendar rule in ``timezone``."""
        self._add(CronTrigger(timezone=timezone, **fields), callback, job_id)

    def cancel(self, job_id: str) -> bool:
        """Remove a job."""
        if self._aps.get_job(job_id) is None:
            return False
        self._aps.remove_job(job_id)
        return True

    def next_run(self, job_id: str) -> datetime | None:
        """Next fire time of a job."""
        job = self._aps.get_job(job_id)
        return getattr(job, "next_run_time", None) if job else None

    async def start(self) -> None:
        """Begin running jobs."""
        self._aps.start()

    async def stop(self) -> None:
        """Stop running jobs."""
        if self._aps.running:
            self._aps.shutdown(wait=False)


@dataclass(slots=True)
class _VirtualJob:
    trigger: BaseTrigger
    callback: JobCallback
    next_time: datetime | None


class VirtualScheduler:
    """Jobs fire in time order when :meth:`advance` moves the virtual clock."""

    def __init__(self, clock: VirtualClock) -> None:
        self.clock = clock
        self._jobs: dict[str, _VirtualJob] = {}
        self._queue: list[tuple[datetime, int, str]] = []
        self._seq = itertools.count()

    def _add(self, trigger: BaseTrigger, callback: JobCallback, job_id: str) -> None:
        now = self.clock.now()
        first = trigger.get_next_fire_time(None, now)
        self._jobs[job_id] = _VirtualJob(trigger, _guarded(job_id, callback), first)
        if first is not None:
            heapq.heappush(self._queue, (first, next(self._seq), job_id))

    def at(self, when: datetime, callback: JobCallback, *, job_id: str) -> None:
        """Run once at ``when`` of virtual time."""
        self._add(DateTrigger(run_date=max(when, self.clock.now()), timezone=timezone.utc), callback, job_id)

    def every(self, interval: timedelta, callback: JobCallback, *, job_id: str, start: datetime | None = None) -> None:
        """Run every ``interval`` of virtual time."""
        self._add(_interval(interval, start, self.clock.now()), callback, job_id)

    def cron(self, callback: JobCallback, *, job_id: str, timezone: str = "UTC", **fields: Any) -> None:
        """Run on a calendar rule in ``timezone`` of virtual time."""
        self._add(CronTrigger(timezone=timezone, **fields), callback, job_id)

    def cancel(self, job_id: str) -> bool:
        """Remove a job."""
        return self._jobs.pop(job_id, None) is not None

    def next_run(self, job_id: str) -> datetime | None:
        """Next fire time of a job."""
        job = self._jobs.get(job_id)
        return job.next_time if job else None

    async def start(self) -> None:
        """Nothing to start: time moves only through :meth:`advance`."""

    async def stop(self) -> None:
        """Drop every job."""
        self._jobs.clear()
        self._queue.clear()

    async def advance(self, delta: timedelta) -> int:
        """Move time forward by ``delta``, firing due jobs in order; returns how many fired."""
        return await self.advance_to(self.clock.now() + delta)

    async def advance_to(self, target: datetime) -> int:
        """Move time forward to ``target``, firing due jobs in order."""
        fired = 0
        while self._queue and self._queue[0][0] <= target:
            when, _, job_id = heapq.heappop(self._queue)
            job = self._jobs.get(job_id)
            if job is None or job.next_time != when:
                continue  # cancelled or replaced
            if when > self.clock.now():
                self.clock.set(when)
            job.next_time = job.trigger.get_next_fire_time(when, when + _ONE_US)
            if job.next_time is None:
                del self._jobs[job_id]
            else:
                heapq.heappush(self._queue, (job.next_time, next(self._seq), job_id))
            await job.callback()
            fired += 1
        if target > self.clock.now():
            self.clock.set(target)
        return fired
