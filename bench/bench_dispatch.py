"""In-process dispatch through the console adapter vs the floor, plus start-up time and RSS.

10,000 ``!echo hello i`` with 100 other commands registered and the default
plugins loaded; plain chatter; p50/p99 latency. Messages come from 2,000
members (5 each) so the default per-member rate limit is exercised, not hit.
Each figure is the median of three fresh processes.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


N = 10_000
MEMBERS = 2_000
RUNS = 3
DEFAULT_PLUGINS = ["wins", "checkin", "buddy", "moderation"]
REPO = Path(__file__).resolve().parents[1]


async def _samovar_rates() -> dict[str, Any]:
    import logging

    from samovar.core.memory import release_startup_memory
    from samovar.core.testing.community import Community

    logging.getLogger("samovar").setLevel(logging.WARNING)
    plugins = [*DEFAULT_PLUGINS, "bench.echo_plugin:EchoPlugin"]
    town = await Community.create({"rate_limit": {"commands": 10, "per": "1m"}}, plugins=plugins)
    try:
        adapter = town.adapter
        names = [f"m{i}" for i in range(MEMBERS)]
        for name in names:  # members are seen once before timing (their row is created then)
            await adapter.say(name, "!echo warm")
        release_startup_memory()  # as `samovar run` does once started
        messages = [(names[i % MEMBERS], f"!echo hello {i}") for i in range(N)]
        before = len(adapter.actions)
        start = time.perf_counter()
        for name, text in messages:
            await adapter.say(name, text)
        echo_rate = N / (time.perf_counter() - start)
        answered = len(adapter.actions) - before
        chatter = [(names[i % MEMBERS], f"just talking about my day {i}") for i in range(N)]
        start = time.perf_counter()
        for name, text in chatter:
            await adapter.say(name, text)
        chatter_rate = N / (time.perf_counter() - start)
        samples = []
        for i in range(2_000):
            await town.wait("1m")  # keep the rate limiter out of the latency sample
            t0 = time.perf_counter()
            await adapter.say(names[i % MEMBERS], f"!echo hello {i}")
            samples.append((time.perf_counter() - t0) * 1e6)
        samples.sort()
        return {"echo_msgs_per_s": echo_rate, "echo_answered": answered, "chatter_msgs_per_s": chatter_rate,
                "p50_us": samples[len(samples) // 2], "p99_us": samples[int(len(samples) * 0.99)]}
    finally:
        await town.close()


def _ready_and_rss() -> dict[str, float]:
    """Start-up with an empty rules cache (first start), then with the cache it left (every later start)."""
    with tempfile.TemporaryDirectory(prefix="samovar-bench-cache-") as cache:
        first = _start_once(cache)
        later = _start_once(cache)
    return {"ready_s": later["ready_s"], "rss_idle_mb": later["rss_idle_mb"],
            "first_start_ready_s": first["ready_s"], "first_start_rss_idle_mb": first["rss_idle_mb"]}


def _start_once(cache: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "SAMOVAR_CACHE_DIR": cache}
    workdir = Path(os.environ.get("TMPDIR", "/tmp"))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "samovar.core.cli", "run"], cwd=workdir, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        proc.stdout.readline()  # the REPL's welcome line: the bot is ready
        ready = time.perf_counter() - start
        time.sleep(1.0)
        rss_kb = int(Path(f"/proc/{proc.pid}/status").read_text().split("VmRSS:")[1].split()[0])
    finally:
        proc.communicate("/quit\n", timeout=30)
    (workdir / "samovar.db").unlink(missing_ok=True)
    return {"ready_s": ready, "rss_idle_mb": rss_kb / 1024}


def _fresh(expression: str) -> dict[str, Any]:
    """Evaluate ``expression`` in a new Python process and return its JSON result."""
    code = f"import asyncio, json, bench.bench_dispatch, bench.floor; print(json.dumps({expression}))"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run() -> dict[str, Any]:
    """Median of ``RUNS`` fresh processes for samovar and for the floor, one after another (as the peers were measured).

    In one process, the second run would pay for collecting the first run's garbage.
    """
    ours = [_fresh("asyncio.run(bench.bench_dispatch._samovar_rates())") for _ in range(RUNS)]
    floors = [_fresh(f"bench.floor.run_floor({N})") for _ in range(RUNS)]

    def med(rows: list[dict[str, Any]], key: str) -> float:
        return round(statistics.median(row[key] for row in rows), 1)

    result = {key: med(ours, key) for key in ours[0]}
    result["floor"] = {key: med(floors, key) for key in floors[0]}
    result["ratio_to_floor_echo"] = round(result["echo_msgs_per_s"] / result["floor"]["echo_msgs_per_s"], 3)
    result["ratio_of_one_pluggy_hook_to_floor_echo"] = round(
        result["floor"]["one_pluggy_hook_echo_msgs_per_s"] / result["floor"]["echo_msgs_per_s"], 3)
    result["ratio_to_best_peer_echo_100_commands"] = round(result["echo_msgs_per_s"] / 4658, 1)
    result["ratio_to_fastest_peer_echo"] = round(result["echo_msgs_per_s"] / 14201, 1)
    result.update(_ready_and_rss())
    result["note"] = ("samovar with plugins " + ", ".join(DEFAULT_PLUGINS) + " + echo and 100 other commands; "
                      "peer figures from shared notes (same machine kind)")
    return result
