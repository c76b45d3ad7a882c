"""One random-coffee round: everyone opted in, in pairs plus at most one group of three."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from random import Random

from .augment import augment
from .candidates import CandidateLists
from .exact import group_exactly
from .improve import improve
from .model import MatchingConfig, Participant, RoundResult
from .pairing import pair_everyone
from .pool import Pool
from .triple import form_triple, improve_triple
from .waking import now_utc

RESTART_WORK = 2000
"""Smaller rounds are solved from several random starts, about RESTART_WORK / size of them."""
MAX_RESTARTS = 8

Grouping = tuple[list[tuple[int, ...]], list[int]]
"""Groups (as positions in the pool) and the people left alone."""


def pair_round(participants: Sequence[Participant], recent_groups: Iterable[Iterable[int]] = (), *,
               seed: int | str = 0, at: datetime | None = None,
               config: MatchingConfig | None = None) -> RoundResult:
    """Group the round's participants.

    Every group shares a language, everyone in it is awake together for at
    least ``config.min_overlap_minutes``, and no two members were grouped in
    ``recent_groups`` (member ids of groups inside the no-repeat window). The
    groups are pairs plus one group of three when that places one more
    person (an odd count). The result first places as many people as the
    rules allow, then maximises the total score (shared topics, hours
    together). Nobody is dropped: whoever cannot be placed is in
    ``unmatched``. The same input and ``seed`` give the same result; ``at``
    is the moment used to resolve IANA time zones (default: now).

    Rounds of up to ``config.exact_limit`` people are solved exactly; larger
    ones with a fast heuristic (typically within 1% of the optimum).
    """
    config = config or MatchingConfig()
    pool = Pool(participants, recent_groups, config, at or now_utc())
    rng = Random(seed)
    if pool.size <= config.exact_limit:
        groups, alone = group_exactly(pool, rng)
    else:
        starts = max(1, min(MAX_RESTARTS, RESTART_WORK // pool.size))
        groups, alone = max((_group_heuristically(pool, Random(rng.getrandbits(64))) for _ in range(starts)),
                            key=lambda grouping: _value(pool, grouping))
    described = sorted((pool.describe(group) for group in groups), key=lambda group: group.members)
    return RoundResult(groups=tuple(described), unmatched=tuple(sorted(pool.ids[i] for i in alone)))


def _value(pool: Pool, grouping: Grouping) -> tuple[int, float]:
    groups, _ = grouping
    return sum(len(group) for group in groups), sum(pool.group_score(group) for group in groups)


def _around(mate: list[int], lists: CandidateLists, triple: tuple[int, int, int]) -> list[int]:
    """People in pairs near the triple: its members' candidates and their partners."""
    nearby = []
    for member in triple:
        for other in lists.partners[member]:
            if mate[other] >= 0:
                nearby += [other, mate[other]]
    return nearby


def _group_heuristically(pool: Pool, rng: Random) -> Grouping:
    order = list(range(pool.size))
    rng.shuffle(order)
    passes = pool.config.improvement_passes
    mate, lists = pair_everyone(pool, order, rng)
    alone = augment(pool, mate, [person for person in order if mate[person] < 0])
    improve(pool, mate, lists, order, passes)
    triple = form_triple(pool, mate, alone)
    if triple is not None:
        triple = improve_triple(pool, mate, triple)
        improve(pool, mate, lists, _around(mate, lists, triple), passes)
        triple = improve_triple(pool, mate, triple)
    groups: list[tuple[int, ...]] = [(a, mate[a]) for a in range(pool.size) if mate[a] > a]
    placed = set(triple or ())
    if triple is not None:
        groups.append(triple)
    return groups, [person for person in order if mate[person] < 0 and person not in placed]
