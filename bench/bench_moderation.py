"""What the moderation plugin adds to dispatching a message, and how fast the rules are.

Prints one JSON object:

- ``dispatch_median_us``: median time of one room message through a ``Community``
  (console adapter, in-memory SQLite) without and with the moderation plugin, on
  plain mixed Russian/English chatter, and the difference (target: under 20 µs);
- ``mixed_chat``: the same with about 3% rule-breaking messages (those reach the
  database and send nudges), median and p99;
- ``rules_msgs_per_s``: ``RuleSet.check`` over the default rules on one core.

    python -m bench.bench_moderation [--messages 4000] [--rounds 5]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_rules import ORDINARY_EN, ORDINARY_RU, make_messages  # noqa: E402

MEMBERS = 200


def plain_chatter(count: int) -> list[str]:
    """Ordinary messages only (none matches a rule)."""
    pool = [*ORDINARY_EN, *ORDINARY_RU]
    return [pool[i % len(pool)] + ("" if i < len(pool) else f" {i}") for i in range(count)]


async def _latencies(plugins: list[str], texts: list[str], rounds: int) -> list[list[float]]:
    """Per-round lists of per-message dispatch times (µs) in a fresh community with ``plugins``."""
    from samovar.core.testing.community import Community

    town = await Community.create({"scheduler": {"tick": "1d"}}, plugins=plugins)
    try:
        adapter = town.adapter
        names = [f"m{i}" for i in range(MEMBERS)]
        for i, text in enumerate(texts[:500]):  # warm caches
            await adapter.say(names[i % MEMBERS], text)
        clock = time.perf_counter_ns
        runs = []
        for _ in range(rounds):
            samples = []
            for i, text in enumerate(texts):
                began = clock()
                await adapter.say(names[i % MEMBERS], text)
                samples.append((clock() - began) / 1000)
            runs.append(samples)
        return runs
    finally:
        await town.close()


def _median_of_rounds(runs: list[list[float]]) -> float:
    return statistics.median(statistics.median(run) for run in runs)


def _p99(runs: list[list[float]]) -> float:
    every = sorted(x for run in runs for x in run)
    return every[int(len(every) * 0.99)]


def rules_rate(messages: int) -> dict[str, float]:
    """Messages per second of ``RuleSet.check`` on mixed chat, warm (median of 3 passes)."""
    from samovar.plugins.moderation.engine import RuleSet

    rules = RuleSet.from_default()
    chat = make_messages(messages, 7)
    for text, lang in chat:
        rules.check(text, lang)
    rates, guessed = [], []
    for _ in range(3):
        began = time.perf_counter()
        for text, lang in chat:
            rules.check(text, lang)
        rates.append(len(chat) / (time.perf_counter() - began))
        began = time.perf_counter()
        for text, _ in chat:
            rules.check(text)
        guessed.append(len(chat) / (time.perf_counter() - began))
    return {"rules_msgs_per_s": round(statistics.median(rates)),
            "rules_msgs_per_s_language_guessed": round(statistics.median(guessed))}


def run(messages: int = 4000, rounds: int = 5) -> dict[str, Any]:
    """Measure and return the figures (see the module docstring)."""
    logging.getLogger("samovar").setLevel(logging.ERROR)
    plain = plain_chatter(messages)
    mixed = [text for text, _ in make_messages(messages, 11)]
    without, with_mod, mixed_without, mixed_with = [], [], [], []
    for _ in range(2):  # alternate, so that drift on a shared machine hits both sides
        without += asyncio.run(_latencies([], plain, rounds))
        with_mod += asyncio.run(_latencies(["moderation"], plain, rounds))
        mixed_without += asyncio.run(_latencies([], mixed, 1))
        mixed_with += asyncio.run(_latencies(["moderation"], mixed, 1))
    base, moderated = _median_of_rounds(without), _median_of_rounds(with_mod)
    result: dict[str, Any] = {
        "messages_per_round": messages,
        "dispatch_median_us": {"without_moderation": round(base, 2), "with_moderation": round(moderated, 2),
                               "added": round(moderated - base, 2), "target_added_under": 20},
        "mixed_chat": {"rule_breaking_share": 0.03,
                       "median_us_without": round(_median_of_rounds(mixed_without), 2),
                       "median_us_with": round(_median_of_rounds(mixed_with), 2),
                       "p99_us_without": round(_p99(mixed_without), 1),
                       "p99_us_with": round(_p99(mixed_with), 1)},
    }
    result.update(rules_rate(20_000))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(run(args.messages, args.rounds)))


if __name__ == "__main__":
    main()
