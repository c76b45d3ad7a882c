"""Exact grouping for small rounds: dynamic programming over subsets of people.

The best grouping places as many people as possible, then has the highest
total score; it uses pairs and at most one group of three. Cost grows as
2^n, so it is used only up to ``MatchingConfig.exact_limit`` people.
"""
from __future__ import annotations

from random import Random

from .pool import Pool

Value = tuple[int, float]
"""(people placed, total score), compared lexicographically."""


def group_exactly(pool: Pool, rng: Random) -> tuple[list[tuple[int, ...]], list[int]]:
    """The optimal groups (pairs and at most one triple) and the people left alone."""
    order = list(range(pool.size))
    rng.shuffle(order)  # tie-breaks differ between seeds
    n = len(order)
    pair_options: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    triple_options: list[list[tuple[int, int, float]]] = [[] for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            value = pool.score(order[i], order[j])
            if value is None:
                continue
            pair_options[i].append((j, value))
            for k in range(j + 1, n):
                if pool.triple_allowed(order[i], order[j], order[k]):
                    triple_options[i].append((j, k, pool.group_score([order[i], order[j], order[k]])))
    memo: dict[tuple[int, bool], tuple[Value, tuple[int, ...]]] = {}

    def best(mask: int, triple_free: bool) -> Value:
        if mask == 0:
            return (0, 0.0)
        key = (mask, triple_free)
        if key in memo:
            return memo[key][0]
        i = (mask & -mask).bit_length() - 1
        rest = mask & ~(1 << i)
        top = best(rest, triple_free)
        choice: tuple[int, ...] = (i,)
        for j, value in pair_options[i]:
            if rest >> j & 1:
                placed, total = best(rest & ~(1 << j), triple_free)
                option = (placed + 2, total + value)
                if option > top:
                    top, choice = option, (i, j)
        if triple_free:
            for j, k, value in triple_options[i]:
                if rest >> j & 1 and rest >> k & 1:
                    placed, total = best(rest & ~(1 << j) & ~(1 << k), False)
                    option = (placed + 3, total + value)
                    if option > top:
                        top, choice = option, (i, j, k)
        memo[key] = (top, choice)
        return top

    mask, triple_free = (1 << n) - 1, True
    best(mask, triple_free)
    groups: list[tuple[int, ...]] = []
    alone: list[int] = []
    while mask:
        _, choice = memo[(mask, triple_free)]
        for local in choice:
            mask &= ~(1 << local)
        if len(choice) == 1:
            alone.append(order[choice[0]])
        else:
            groups.append(tuple(order[local] for local in choice))
            triple_free = triple_free and len(choice) == 2
    return groups, alone
