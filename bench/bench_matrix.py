"""Benchmark of the Matrix adapter against a throw-away Synapse (tests/adapters/matrix/synapse_harness).

Prints one JSON object. In one run, on one homeserver, for a bare matrix-nio echo bot
(a sync loop that answers ``!echo <text>`` with a reply notice, completing limited
timelines from ``/messages`` so it loses nothing either) and for samovar (Bot +
Matrix adapter + plugins):

1. round trip: a member writes ``!echo <n>`` and waits until her own client syncs the
   reply; ``--round-trips`` times, one at a time, in interleaved blocks (bare; samovar;
   samovar with the echo plugin only; samovar with encryption switched off). Medians,
   p90s, ratios to bare.
2. burst: ``--burst`` commands with ``--in-flight`` of them awaiting an answer at any
   time; all answered? commands per second.
3. backlog: the bot is stopped, ``--backlog`` commands are written, the bot starts
   again; commands per second from the start until the last answer.

Bursts and backlogs are measured twice: written by ``--members`` members (each of the
ten in-flight commands is a different person waiting; two turns, bare first then
samovar first) and by Alice alone (one turn). The bare bot handles one event after
another; samovar handles different members' events side by side (``concurrency``,
default 8) and each member's in order, so with one member writing it has nothing to
overlap and the figures show its per-event cost alone.

samovar runs with its default config, end-to-end encryption on: the homeserver then
does more work for every sync of the bot's device (one-time key counts, device
lists), which the bare bot, without encryption, is spared; the variant without
encryption shows that share.

samovar runs with every default plugin (wins, checkin, buddy, moderation) that loads
here, plus the test echo plugin that provides ``!echo`` (none of the default plugins
has an echo command); ``plugins`` in the output says which loaded. samovar's own
per-member command rate limit is raised, and the homeserver's rate limits are
relaxed for everyone (test configuration of the harness).

Usage: python bench/bench_matrix.py [--round-trips N] [--burst N] [--in-flight N] [--backlog N]
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.matrix_bots import ECHO_PLUGIN, BareEchoBot, Members, SamovarBot  # noqa: E402
from bench.plugin_choice import choose_plugins  # noqa: E402
from samovar.adapters.matrix import MatrixConfig  # noqa: E402
from tests.adapters.matrix.synapse_harness import SYNAPSE_VERSION, Synapse, ensure_synapse  # noqa: E402

BLOCKS = 4


async def round_trips(members: Members, room_id: str, count: int, label: str) -> list[float]:
    times = []
    for number in range(count):
        started = time.perf_counter()
        future = await members.send(room_id, f"!echo {label} {number}")
        times.append(await asyncio.wait_for(future, 30) - started)
    return times


async def burst(members: Members, room_id: str, count: int, in_flight: int, writers: int,
                label: str) -> dict[str, Any]:
    """``count`` commands, ``in_flight`` awaiting their answer at any time, from ``writers`` members."""
    answered = 0

    async def lane(lane_number: int) -> None:
        nonlocal answered
        for number in range(lane_number, count, in_flight):
            future = await members.send(room_id, f"!echo {label} burst {number}", lane_number % writers)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(future, 60)
                answered += 1

    started = time.perf_counter()
    await asyncio.gather(*(lane(n) for n in range(in_flight)))
    seconds = time.perf_counter() - started
    return {"commands": count, "in_flight": in_flight, "members": writers, "answered": answered,
            "seconds": round(seconds, 3), "commands_per_second": round(answered / seconds, 1)}


async def backlog(members: Members, room_id: str, count: int, writers: int, label: str,
                  stop: Callable[[], Awaitable[None]], start: Callable[[], Awaitable[None]]) -> dict[str, Any]:
    """Stop the bot, let ``writers`` members write ``count`` commands, start it; the drain rate."""
    await stop()
    gate = asyncio.Semaphore(10)

    async def one(number: int) -> asyncio.Future[float]:
        async with gate:
            return await members.send(room_id, f"!echo {label} backlog {number}", number % writers)

    futures = await asyncio.gather(*(one(n) for n in range(count)))
    started = time.perf_counter()
    await start()
    done, _ = await asyncio.wait(futures, timeout=120)
    last = max((f.result() for f in done), default=time.perf_counter())
    seconds = last - started
    return {"commands": count, "members": writers, "answered": len(done), "seconds": round(seconds, 3),
            "commands_per_second": round(len(done) / seconds, 1)}


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {"median_ms": round(statistics.median(ordered) * 1000, 2),
            "p90_ms": round(ordered[max(0, int(len(ordered) * 0.9) - 1)] * 1000, 2),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 2)}


def _rate(runs: list[dict[str, Any]]) -> float:
    """Commands answered per second over all runs together."""
    return round(sum(r["answered"] for r in runs) / sum(r["seconds"] for r in runs), 1)


def _compare(runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    rates = {name: _rate(values) for name, values in runs.items()}
    return {"bare_matrix_nio": runs["bare"], "samovar": runs["samovar"], "commands_per_second": rates,
            "ratio_rate": round(rates["samovar"] / rates["bare"], 3)}


async def measure(args: argparse.Namespace, synapse: Synapse, directory: Path) -> dict[str, Any]:
    plugins, plugins_note = choose_plugins(ECHO_PLUGIN)
    writers = [await synapse.register_user_async(f"member-{n}") for n in range(args.members)]
    members = Members(synapse.base_url, writers)
    await members.watcher.start()
    bare_user = await synapse.register_user_async("bare-bot")
    bare = BareEchoBot(synapse.base_url, bare_user)
    samovars: dict[str, SamovarBot] = {}
    for name, chosen, encryption in (("samovar", plugins, True), ("samovar_echo_only", [ECHO_PLUGIN], True),
                                     ("samovar_without_e2ee", plugins, False)):
        user = await synapse.register_user_async(name.replace("_", "-"))
        samovars[name] = SamovarBot(synapse, user, directory / name, chosen, encryption)
    rooms = {"bare": await members.room_with("bare", bare_user.user_id)}
    for name, bot in samovars.items():
        rooms[name] = await members.room_with(name, bot.user.user_id)
    await bare.start()
    await bare.client.join(rooms["bare"])  # type: ignore[union-attr]
    times: dict[str, list[float]] = {name: [] for name in rooms}
    ours = samovars["samovar"]
    bots = {"bare": (bare.start, bare.stop), "samovar": (ours.start, ours.stop)}
    bursts: dict[int, dict[str, list[dict[str, Any]]]] = {}
    backlogs: dict[int, dict[str, list[dict[str, Any]]]] = {}
    try:
        per_block = max(1, args.round_trips // BLOCKS)
        for block in range(BLOCKS + 1):  # interleaved blocks; the first one warms up and is not counted
            for name in rooms:
                bot = samovars.get(name)
                if bot is not None:
                    await bot.start()  # its first start accepts the invitation
                measured = await round_trips(members, rooms[name], per_block if block else 5, f"{name} {block}")
                if bot is not None:
                    await bot.stop()
                if block:
                    times[name] += measured
        await bare.stop()
        # Bursts and backlogs: with every member writing, and with Alice alone; bare and samovar
        # take turns (bare first, then samovar first) so that a homeserver slowing down as its
        # database grows, or load from elsewhere, does not favour one of them.
        for writing in sorted({args.members, 1}, reverse=True):
            turns = 2 if writing > 1 else 1
            bursts[writing] = {"bare": [], "samovar": []}
            backlogs[writing] = {"bare": [], "samovar": []}
            for turn in range(turns):
                for name in (("bare", "samovar") if turn % 2 == 0 else ("samovar", "bare")):
                    start, stop = bots[name]
                    await start()
                    label = f"{name} {writing} {turn}"
                    bursts[writing][name].append(
                        await burst(members, rooms[name], args.burst, args.in_flight, writing, label))
                    backlogs[writing][name].append(
                        await backlog(members, rooms[name], args.backlog, writing, label, stop, start))
                    await stop()
    finally:
        for bot in samovars.values():
            await bot.stop()
        await bare.stop()
        await members.close()
    summaries = {name: summary(values) for name, values in times.items()}
    bare_median = summaries["bare"]["median_ms"]
    return {
        "benchmark": "matrix adapter vs bare matrix-nio, against a local Synapse",
        "python": platform.python_version(),
        "synapse": SYNAPSE_VERSION,
        "plugins": plugins_note,
        "samovar_concurrency": MatrixConfig.model_fields["concurrency"].default,
        "round_trips_each": len(times["samovar"]),
        "round_trip": {
            "bare_matrix_nio": summaries["bare"],
            "samovar": summaries["samovar"],
            "samovar_echo_only": summaries["samovar_echo_only"],
            "samovar_without_e2ee": summaries["samovar_without_e2ee"],
            "ratio_median": round(summaries["samovar"]["median_ms"] / bare_median, 3),
            "ratio_median_echo_only": round(summaries["samovar_echo_only"]["median_ms"] / bare_median, 3),
            "ratio_median_without_e2ee": round(summaries["samovar_without_e2ee"]["median_ms"] / bare_median, 3),
        },
        "burst": {f"{n}_members": _compare(runs) for n, runs in bursts.items()},
        "backlog_after_restart": {f"{n}_members": _compare(runs) for n, runs in backlogs.items()},
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    logging.basicConfig(level=logging.ERROR)
    synapse = Synapse(ensure_synapse())
    directory = Path(tempfile.mkdtemp(prefix="samovar-bench-matrix-"))
    await asyncio.to_thread(synapse.start)
    try:
        return await measure(args, synapse, directory)
    finally:
        await asyncio.to_thread(synapse.cleanup)
        shutil.rmtree(directory, ignore_errors=True)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round-trips", type=int, default=60)
    parser.add_argument("--burst", type=int, default=300)
    parser.add_argument("--in-flight", type=int, default=10)
    parser.add_argument("--backlog", type=int, default=300)
    parser.add_argument("--members", type=int, default=10)
    return parser.parse_args(argv)


def run() -> dict[str, Any]:
    """Entry point for ``python -m bench``."""
    return asyncio.run(main_async(parse([])))


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main_async(parse())), indent=2))
