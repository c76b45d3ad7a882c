"""Benchmark of the Discord adapter against the local Discord stand-in (tests/adapters/discord/standin).

Prints one JSON object. In one run, on one stand-in:

1. round trip: a member writes ``!echo <n>`` and we wait until the answer is
   stored by the stand-in; ``--round-trips`` times, one at a time, for a bare
   discord.py echo bot (an ``on_message`` that replies) and for samovar (Bot +
   Discord adapter + plugins), in ten interleaved blocks after a warm-up.
   Medians, p90s and the ratio samovar / bare are reported.
2. burst: ``--burst`` commands from five members written at once; the time
   until every one is answered, and how many were.

samovar runs with every default plugin (wins, checkin, buddy, moderation) that
loads here, plus the test echo plugin that provides ``!echo``; ``plugins`` in
the output says which loaded and why others did not.

Rate limits: the stand-in enforces Discord's limits (5 messages per 5 s per
channel, 50 requests per second globally), which would make both bots wait on
the buckets instead of measuring themselves. The buckets are relaxed instead:
message creation to ``--channel-limit`` per second per channel and the global
limit to ``--global-limit`` per second (the headers and throttling stay).
Shrinking the windows with ``rate_limit_scale`` was tried and rejected: with
millisecond windows discord.py's timing cannot follow and a request can use
up its five retries. samovar's own per-member command limit is raised.

``samovar_echo_only`` is samovar with the echo plugin alone: the cost of the
core and the adapter without the default plugins' work on every message.

Usage: python bench/bench_discord.py [--round-trips N] [--burst N]
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Awaitable, Callable

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import discord  # noqa: E402

from samovar.adapters.discord import DiscordAdapter  # noqa: E402
from samovar.core.bot import Bot  # noqa: E402
from samovar.core.config import load_config_data  # noqa: E402
from bench.plugin_choice import choose_plugins  # noqa: E402
from tests.adapters.discord.adapter_support import ECHO_PLUGIN, samovar_config  # noqa: E402
from tests.adapters.discord.standin import DiscordStandIn, discord_py_pointed_at  # noqa: E402

MEMBERS = ("alice", "bob", "carol", "dmitri", "olga")
BLOCKS = 10
CHANNEL = "general"


class BareEchoBot(discord.Client):
    """The baseline: discord.py alone, replying to ``!echo <text>``."""

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or not message.content.startswith("!echo "):
            return
        await message.reply(message.content[len("!echo "):],
                            allowed_mentions=discord.AllowedMentions(everyone=False, roles=False))


async def round_trips(standin: DiscordStandIn, count: int) -> list[float]:
    """Seconds from a member's ``!echo`` to the stored answer, one command at a time."""
    world = standin.world
    times = []
    for number in range(count):
        target = len(world.messages) + 2
        started = time.perf_counter()
        standin.user_says(CHANNEL, MEMBERS[number % len(MEMBERS)], f"!echo {number}")
        await standin.wait_for(lambda target=target: len(world.messages) >= target, timeout=10)
        times.append(time.perf_counter() - started)
    return times


async def burst(standin: DiscordStandIn, count: int) -> dict[str, Any]:
    """``count`` commands written at once; how long until all are answered, and how many were."""
    world = standin.world
    bot_id = world.bot.id
    before = {m.id for m in world.messages.values()}
    target = len(world.messages) + 2 * count
    started = time.perf_counter()
    for number in range(count):
        standin.user_says(CHANNEL, MEMBERS[number % len(MEMBERS)], f"!echo burst {number}")
    with contextlib.suppress(TimeoutError):
        await standin.wait_for(lambda: len(world.messages) >= target, timeout=120)
    seconds = time.perf_counter() - started
    answers = [m for m in world.messages.values() if m.id not in before and m.author_id == bot_id]
    answered = {m.content for m in answers}
    return {"commands": count, "answered": len(answered & {f"burst {n}" for n in range(count)}),
            "answers": len(answers), "seconds": round(seconds, 3),
            "commands_per_second": round(count / seconds, 1)}


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {"median_ms": round(statistics.median(ordered) * 1000, 3),
            "p90_ms": round(ordered[int(len(ordered) * 0.9) - 1] * 1000, 3),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 3)}


async def with_bare_bot(standin: DiscordStandIn, job: Callable[[], Awaitable[Any]]) -> Any:
    intents = discord.Intents.default()
    intents.message_content = intents.members = True
    intents.typing = False
    client = BareEchoBot(intents=intents, guild_ready_timeout=0.05)
    await client.login(standin.token)
    runner = asyncio.create_task(client.connect())
    await client.wait_until_ready()
    try:
        return await job()
    finally:
        await client.close()
        with contextlib.suppress(Exception):
            await runner


def samovar_bot(plugins: list[str]) -> Bot:
    config = samovar_config(rate_limit={"commands": 1_000_000, "per": "1m"})
    config["plugins"] = {name: {} for name in plugins}
    loaded = load_config_data(config, "<bench config>")
    bot = Bot(loaded, database_url="sqlite://:memory:")
    bot.add_adapter(DiscordAdapter(loaded.adapters["discord"][1]))
    return bot


async def with_samovar(standin: DiscordStandIn, plugins: list[str], job: Callable[[], Awaitable[Any]]) -> Any:
    bot = samovar_bot(plugins)
    await bot.start()
    try:
        return await job()
    finally:
        await bot.stop()


async def main(args: argparse.Namespace) -> dict[str, Any]:
    standin = DiscordStandIn(global_rate_limit=args.global_limit)
    standin.rate_limits.set_rule("POST /channels/{channel_id}/messages", args.channel_limit, 1.0)
    await standin.start()
    os.environ["DISCORD_TOKEN"] = standin.token
    plugins, plugins_note = choose_plugins(ECHO_PLUGIN)
    try:
        with discord_py_pointed_at(standin):
            await with_bare_bot(standin, lambda: round_trips(standin, 10))  # warm-up
            await with_samovar(standin, plugins, lambda: round_trips(standin, 10))
            bare: list[float] = []
            ours: list[float] = []
            echo_only: list[float] = []
            per_block = max(1, args.round_trips // BLOCKS)
            for _ in range(BLOCKS):  # interleaved, so that load from elsewhere hits all alike
                bare += await with_bare_bot(standin, lambda: round_trips(standin, per_block))
                ours += await with_samovar(standin, plugins, lambda: round_trips(standin, per_block))
                echo_only += await with_samovar(standin, [ECHO_PLUGIN], lambda: round_trips(standin, per_block))
            bare_burst = await with_bare_bot(standin, lambda: burst(standin, args.burst))
            ours_burst = await with_samovar(standin, plugins, lambda: burst(standin, args.burst))
    finally:
        await standin.stop()
    bare_summary, ours_summary = summary(bare), summary(ours)
    return {
        "benchmark": "discord adapter vs bare discord.py, against the local stand-in",
        "python": platform.python_version(),
        "discord_py": discord.__version__,
        "plugins": plugins_note,
        "rate_limits": {"message_create_per_channel_per_second": args.channel_limit,
                        "global_per_second": args.global_limit,
                        "discord_defaults": "5 per 5 s per channel, 50 per second global"},
        "round_trips": len(ours),
        "bare_discord_py": bare_summary,
        "samovar": ours_summary,
        "ratio_median": round(ours_summary["median_ms"] / bare_summary["median_ms"], 3),
        "samovar_echo_only": summary(echo_only),
        "ratio_median_echo_only": round(statistics.median(echo_only) * 1000 / bare_summary["median_ms"], 3),
        "burst_bare_discord_py": bare_burst,
        "burst_samovar": ours_burst,
        "unknown_routes": standin.unknown_routes,
        "protocol_errors": standin.protocol_errors,
    }


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round-trips", type=int, default=1000)
    parser.add_argument("--burst", type=int, default=1000)
    parser.add_argument("--channel-limit", type=int, default=10_000)
    parser.add_argument("--global-limit", type=int, default=100_000)
    return parser.parse_args(argv)


def run() -> dict[str, Any]:
    """The benchmark with its default settings (for ``python -m bench``)."""
    quiet = logging.getLogger("samovar")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        return asyncio.run(main(parse([])))
    finally:
        quiet.setLevel(level)


if __name__ == "__main__":
    logging.basicConfig(level=logging.ERROR)
    print(json.dumps(asyncio.run(main(parse())), ensure_ascii=False))
