"""Handling a batch of events side by side without reordering what must stay in order.

Each event belongs to a lane (one member in one room): a lane's events are handled
one after another, oldest first, while different lanes run side by side, at most
``width`` events at a time. An event that refers to another event of the same batch
(a reaction, an edit, a redaction, a reply) also waits until that one was handled,
so a plugin never hears of a reaction before the message it is on.
"""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Job:
    """One event to handle: its lane, its id, the event it refers to, and the work."""

    lane: Hashable
    event_id: str
    refers_to: str | None
    work: Callable[[], Awaitable[Any]]


async def run_in_lanes(jobs: list[Job], width: int) -> None:
    """Run every job, in order within its lane, ``width`` at a time; returns when all are done."""
    if width <= 1:
        for job in jobs:
            await job.work()
        return
    gate = asyncio.Semaphore(width)
    last_in_lane: dict[Hashable, asyncio.Task[None]] = {}
    by_event: dict[str, asyncio.Task[None]] = {}
    tasks = []
    for job in jobs:
        before = [t for t in (last_in_lane.get(job.lane), by_event.get(job.refers_to or "")) if t is not None]
        task = asyncio.ensure_future(_after(before, gate, job.work))
        last_in_lane[job.lane] = by_event[job.event_id] = task
        tasks.append(task)
    try:
        await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()
        raise


async def _after(before: list[asyncio.Task[None]], gate: asyncio.Semaphore,
                 work: Callable[[], Awaitable[Any]]) -> None:
    if before:
        await asyncio.wait(before)
    async with gate:
        await work()
