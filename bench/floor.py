"""The floor: plain asyncio and a dict from command name to handler, nothing else.

For reference, the same loop with one pluggy hook call per command instead of the dict
lookup: the least a pluggy-based dispatch pays, with no context, rate limit or permissions.
"""
from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any, Awaitable, Callable

import pluggy


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


_hookspec = pluggy.HookspecMarker("floor")
_hookimpl = pluggy.HookimplMarker("floor")


class _CommandSpec:
    @_hookspec
    def on_command(self, name: str, rest: str) -> Any:
        """Return an awaitable when ``name`` is this plugin's command."""


class _EchoPlugin:
    def __init__(self, replies: list[str]) -> None:
        self.replies = replies

    @_hookimpl
    def on_command(self, name: str, rest: str) -> Any:
        return self._echo(rest) if name == "echo" else None

    async def _echo(self, rest: str) -> None:
        self.replies.append(rest)


async def one_pluggy_hook_rate(n: int) -> float:
    """Messages per second for echo when a single pluggy hook call finds the handler."""
    replies: list[str] = []
    manager = pluggy.PluginManager("floor")
    manager.add_hookspecs(_CommandSpec)
    manager.register(_EchoPlugin(replies))
    hook = manager.hook.on_command

    async def handle(text: str) -> None:
        if text.startswith("!"):
            name, _, rest = text[1:].partition(" ")
            for reply in hook(name=name, rest=rest):
                await reply

    messages = [f"!echo hello {i}" for i in range(n)]
    start = time.perf_counter()
    for text in messages:
        await handle(text)
    rate = n / (time.perf_counter() - start)
    assert len(replies) == n
    return rate


def run_floor(n: int = 10_000) -> dict[str, float]:
    """Synchronous wrapper: the floor's rates, and the one-pluggy-hook reference rate."""
    rates = asyncio.run(floor_rates(n))
    rates["one_pluggy_hook_echo_msgs_per_s"] = asyncio.run(one_pluggy_hook_rate(n))
    return rates
