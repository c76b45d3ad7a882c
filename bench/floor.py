"""The floor: plain asyncio and a dict from command name to handler, nothing else."""
from __future__ import annotations

import asyncio
import statistics
import time
from typing import Awaitable, Callable


async def floor_rates(n: int) -> dict[str, float]:
    """Messages per second for echo and for chatter, and the p50 latency in µs."""
    replies: list[str] = []

    async def echo(text: str) -> None:
        replies.append(text)

    async def idle(text: str) -> None:
        return None

    handlers: dict[str, Callable[[str], Awaitable[None]]] = {"echo": echo}
    handlers.update({f"cmd{i}": idle for i in range(100)})

    async def handle(text: str) -> None:
        if text.startswith("!"):
            name, _, rest = text[1:].partition(" ")
            handler = handlers.get(name)
            if handler is not None:
                await handler(rest)

    messages = [f"!echo hello {i}" for i in range(n)]
    chatter = [f"just talking {i}" for i in range(n)]
    start = time.perf_counter()
    for text in messages:
        await handle(text)
    echo_rate = n / (time.perf_counter() - start)
    start = time.perf_counter()
    for text in chatter:
        await handle(text)
    chatter_rate = n / (time.perf_counter() - start)
    samples = []
    for text in messages[:2000]:
        t0 = time.perf_counter()
        await handle(text)
        samples.append((time.perf_counter() - t0) * 1e6)
    assert len(replies) == n + 2000
    return {"echo_msgs_per_s": echo_rate, "chatter_msgs_per_s": chatter_rate,
            "p50_us": statistics.median(samples)}


def run_floor(n: int = 10_000) -> dict[str, float]:
    """Synchronous wrapper."""
    return asyncio.run(floor_rates(n))
