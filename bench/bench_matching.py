"""Benchmark of random-coffee pairing: speed on 10,000 members, quality against the exact optimum.

Prints one JSON object. Communities are random but shaped like the founders'
one: mostly Russian speakers, some English, some both; time zones clustered
around Moscow with a spread to Europe, Siberia and the Americas; most people
awake 09:00-22:00, some only in the evening or early; 0-4 topics of ten,
some far more popular than others. Each community first runs four rounds
(about 90% of members take part in each) with the same algorithm; their
groups form the no-repeat window, so everyone's best recent partners are
excluded from the measured round.

Speed: one round for 10,000 members (all pairs) and for 10,001 (one group of
three), including compiling the participants and describing the groups.

Quality: networkx's exact ``max_weight_matching(maxcardinality=True)`` on
every allowed pair of a 500-member (even) or 501-member (odd) community.
networkx maximises the weight of pairs only, leaving one person out of an
odd community; our round puts that person in a group of three instead. For
odd communities our result is scored as pairs only by keeping the
best-scoring pair of the triple and leaving its third member out, which is
itself a maximum-cardinality matching, so the ratio can never exceed 1.

Usage: python bench/bench_matching.py [--quick]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from datetime import time as clock
from typing import TypeVar

import networkx as nx

from samovar.plugins.buddy.matching import MatchingConfig, Participant, RoundResult, WakingHours, pair_round
from samovar.plugins.buddy.matching.pool import Pool

AT = datetime(2025, 3, 12, 12, 0, tzinfo=UTC)
TOPICS = ["anxiety", "burnout", "career", "procrastination", "relocation", "parenting",
          "loneliness", "sleep", "studies", "grief"]
TOPIC_WEIGHTS = [10, 9, 8, 8, 5, 4, 4, 3, 3, 1]
LANGUAGES = [(frozenset({"ru"}), 64), (frozenset({"en"}), 14), (frozenset({"ru", "en"}), 19),
             (frozenset({"ru", "uk"}), 3)]
ZONES_RU = [("Europe/Moscow", 50), ("Europe/Samara", 5), ("Asia/Yekaterinburg", 7),
            ("Asia/Novosibirsk", 5), ("Asia/Vladivostok", 2), ("Europe/Kaliningrad", 2),
            ("Asia/Tbilisi", 5), ("Asia/Almaty", 4), ("Europe/Berlin", 8), ("Europe/Belgrade", 4),
            ("Asia/Jerusalem", 3), ("America/New_York", 3), ("America/Los_Angeles", 2)]
ZONES_EN = [("Europe/London", 25), ("Europe/Berlin", 20), ("America/New_York", 20),
            ("America/Los_Angeles", 10), ("Europe/Moscow", 10), ("Asia/Singapore", 5),
            ("Australia/Sydney", 5), ("Asia/Kolkata", 5)]
WINDOWS = [(WakingHours(), 78), (WakingHours(clock(18), clock(23, 30)), 9),
           (WakingHours(clock(6), clock(14)), 5), (WakingHours(clock(12), clock(2)), 5),
           (WakingHours(clock(7, 30), clock(20)), 3)]
HISTORY_ROUNDS = 4
Choice = TypeVar("Choice")


def _pick(rng: random.Random, weighted: list[tuple[Choice, int]]) -> Choice:
    return rng.choices([value for value, _ in weighted], [weight for _, weight in weighted])[0]


def community(size: int, seed: int) -> list[Participant]:
    """A random community of ``size`` members with realistic attributes."""
    rng = random.Random(seed)
    people = []
    for member_id in range(1, size + 1):
        languages = _pick(rng, LANGUAGES)
        zones = ZONES_EN if languages == frozenset({"en"}) else ZONES_RU
        topics: set[str] = set()
        wanted = rng.choices([0, 1, 2, 3, 4], [12, 30, 30, 18, 10])[0]
        while len(topics) < wanted:
            topics.add(rng.choices(TOPICS, TOPIC_WEIGHTS)[0])
        people.append(Participant(id=member_id, languages=languages, topics=frozenset(topics),
                                  timezone=_pick(rng, zones), waking=_pick(rng, WINDOWS)))
    return people


def history(people: list[Participant], seed: int) -> list[frozenset[int]]:
    """Groups of the previous rounds (about 90% of members take part in each)."""
    rng = random.Random(seed)
    groups: list[frozenset[int]] = []
    for round_number in range(HISTORY_ROUNDS):
        present = [person for person in people if rng.random() < 0.9]
        result = pair_round(present, groups, seed=f"{seed}-{round_number}", at=AT)
        groups.extend(frozenset(group.members) for group in result.groups)
    return groups


def repeats(result: RoundResult, recent: list[frozenset[int]]) -> int:
    """Pairs inside this round's groups that already met inside the window."""
    met = {frozenset((a, b)) for group in recent for a in group for b in group if a < b}
    return sum(1 for group in result.groups for a in group.members for b in group.members
               if a < b and frozenset((a, b)) in met)


def pairs_only_score(pool: Pool, result: RoundResult) -> tuple[float, int]:
    """Total pair weight and number of pairs, the triple reduced to its best pair."""
    position = {member_id: index for index, member_id in enumerate(pool.ids)}
    total, pairs = 0.0, 0
    for group in result.groups:
        members = [position[m] for m in group.members]
        scores = [pool.score(a, b) for i, a in enumerate(members) for b in members[i + 1:]]
        total += max(value for value in scores if value is not None)
        pairs += 1
    return total, pairs


def optimum(pool: Pool) -> tuple[float, int, float]:
    """networkx's exact maximum-cardinality maximum-weight matching: weight, pairs, seconds."""
    graph = nx.Graph()
    graph.add_nodes_from(range(pool.size))
    for a in range(pool.size):
        for b in range(a + 1, pool.size):
            value = pool.score(a, b)
            if value is not None:
                graph.add_edge(a, b, weight=value)
    started = time.perf_counter()
    matching = nx.max_weight_matching(graph, maxcardinality=True)
    seconds = time.perf_counter() - started
    return sum(graph[a][b]["weight"] for a, b in matching), len(matching), seconds


def speed(size: int, seed: int, runs: int) -> dict[str, object]:
    people = community(size, seed)
    recent = history(people, seed)
    timings = []
    for run in range(runs):
        started = time.perf_counter()
        result = pair_round(people, recent, seed=run, at=AT)
        timings.append(time.perf_counter() - started)
    return {"members": size, "recent_groups": len(recent), "seconds_median": round(statistics.median(timings), 3),
            "seconds_all": [round(value, 3) for value in timings], "groups": len(result.groups),
            "triples": sum(len(group.members) == 3 for group in result.groups),
            "unpaired": len(result.unmatched), "repeat_pairs": repeats(result, recent)}


def quality(size: int, seed: int) -> dict[str, object]:
    people = community(size, seed)
    recent = history(people, seed)
    started = time.perf_counter()
    result = pair_round(people, recent, seed=seed, at=AT)
    our_seconds = time.perf_counter() - started
    pool = Pool(people, recent, MatchingConfig(), AT)
    ours, our_pairs = pairs_only_score(pool, result)
    best, best_pairs, seconds = optimum(pool)
    return {"members": size, "seed": seed, "ratio": round(ours / best, 5), "ours": round(ours, 3),
            "optimum": round(best, 3), "our_pairs": our_pairs, "optimum_pairs": best_pairs,
            "unpaired": len(result.unmatched), "repeat_pairs": repeats(result, recent),
            "our_seconds": round(our_seconds, 3), "networkx_seconds": round(seconds, 1)}


def run(quick: bool = False) -> dict[str, object]:
    """Pairing speed at 10,000 members and quality against networkx's optimum (what ``make bench`` reports)."""
    quality_runs = [(500, 1), (501, 2)] if quick else [(500, 1), (500, 2), (500, 3), (501, 4), (501, 5)]
    load_before = os.getloadavg()[0]
    large = speed(10_000, 7, 1 if quick else 3)
    large_odd = speed(10_001, 8, 1 if quick else 3)
    checks = [quality(size, seed) for size, seed in quality_runs]
    ratios = [float(check["ratio"]) for check in checks]  # type: ignore[arg-type]
    return {
        "python": sys.version.split()[0], "machine": platform.machine(), "cpus": os.cpu_count(),
        "load_average_at_start": round(load_before, 2),
        "pair_10k": large,
        "pair_10k_odd": large_odd,
        "quality_vs_networkx": checks,
        "quality_min_ratio": min(ratios),
        "targets": {"pair_10k_seconds": 2.0, "min_ratio": 0.98, "repeat_pairs": 0, "unpaired": 0},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer seeds, one timing run")
    print(json.dumps(run(parser.parse_args().quick), indent=2))


if __name__ == "__main__":
    main()
