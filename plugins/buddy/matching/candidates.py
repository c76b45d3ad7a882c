"""Short lists of good allowed partners for each person, without an all-pairs scan.

Candidates are visited by how many topics differ between the two people (the
size of the symmetric difference of their topic sets): first the same set,
then one topic more or less, and so on up to four differences; more shared
topics first within a distance. Few differing topics means both people use
most of their topics in the pair, which is what the best groupings are made
of. The lookup is a deletion index: everyone is filed under each set obtained
by removing up to two of their own topics, so two people whose sets differ by
a removals on one side and b on the other meet under the key (common set, b).
The cost depends on how many topics a person has, not on how many exist.

Each bucket is scanned from a random position so ties spread over many
people instead of piling on a few. If the scan runs long or ends short (a
rare language, narrow hours), the list is completed from compatible classes.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations
from random import Random

from .pool import Pool

MAX_DELETIONS = 2


@lru_cache(maxsize=65536)
def topic_deletions(mask: int) -> tuple[tuple[int, int], ...]:
    """(subset, topics removed) for every subset of ``mask`` missing at most ``MAX_DELETIONS`` topics."""
    bits = [1 << position for position in range(mask.bit_length()) if mask >> position & 1]
    found = [(mask, 0)]
    for removed in range(1, min(MAX_DELETIONS, len(bits)) + 1):
        found.extend((mask ^ sum(combo), removed) for combo in combinations(bits, removed))
    return tuple(found)


@lru_cache(maxsize=65536)
def lookup_plan(mask: int) -> tuple[int, ...]:
    """Deletion-index keys to visit for ``mask``, nearest topic sets first."""
    plan: list[int] = []
    deletions = topic_deletions(mask)
    for distance in range(2 * MAX_DELETIONS + 1):
        for own_removed in range(min(distance, MAX_DELETIONS) + 1):
            other_removed = distance - own_removed
            if other_removed > MAX_DELETIONS:
                continue
            plan.extend(subset << 2 | other_removed for subset, removed in deletions if removed == own_removed)
    return tuple(plan)


class CandidateLists:
    """For each person, up to ``k`` allowed partners (positions) and their scores, best score first."""

    def __init__(self, size: int) -> None:
        self.partners: list[Sequence[int]] = [()] * size
        self.scores: list[Sequence[float]] = [()] * size


def build_candidates(pool: Pool, members: Sequence[int], k: int, rng: Random) -> CandidateLists:
    """Candidate partners for every person in ``members``, chosen among ``members`` only."""
    index: dict[int, list[int]] = {}
    for person in members:
        for subset, removed in topic_deletions(pool.topics[person]):
            index.setdefault(subset << 2 | removed, []).append(person)
    members_by_class: list[list[int]] = [[] for _ in range(pool.class_count)]
    for person in members:
        members_by_class[pool.class_of[person]].append(person)
    lists = CandidateLists(pool.size)
    scan_budget = 40 * k + 100
    topics, class_of, recent, links = pool.topics, pool.class_of, pool.recent, pool.links
    class_count, class_link = pool.class_count, pool.class_link
    score = pool.score
    for person in members:
        own_class = class_of[person]
        row_key = own_class * class_count
        avoid = recent[person]
        seen = {person}
        found: list[tuple[float, int]] = []
        budget = scan_budget
        start_seed = rng.getrandbits(30)
        for key in lookup_plan(topics[person]):
            bucket = index.get(key)
            if not bucket:
                continue
            size = len(bucket)
            start = start_seed % size
            for position in range(start, start + size):
                other = bucket[position - size] if position >= size else bucket[position]
                if other in seen:
                    continue
                seen.add(other)
                budget -= 1
                link = links.get(row_key + class_of[other])
                if link is None:
                    link = class_link(own_class, class_of[other])
                if link >= 0 and (avoid is None or other not in avoid):
                    found.append((score(person, other), other))  # type: ignore[arg-type]
                    if len(found) >= k:
                        break
                if budget <= 0:
                    break
            if len(found) >= k or budget <= 0:
                break
        if len(found) < k:
            _fill_from_classes(pool, person, members_by_class, seen, found, k)
        found.sort(key=lambda entry: -entry[0])
        lists.partners[person] = [other for _, other in found]
        lists.scores[person] = [value for value, _ in found]
    return lists


def _fill_from_classes(pool: Pool, person: int, members_by_class: list[list[int]], seen: set[int],
                       found: list[tuple[float, int]], k: int) -> None:
    """Complete ``found`` from the compatible classes when the topic scan fell short."""
    for class_id in pool.linked_classes(pool.class_of[person]):
        for other in members_by_class[class_id]:
            if other in seen:
                continue
            seen.add(other)
            value = pool.score(person, other)
            if value is not None:
                found.append((value, other))
                if len(found) >= k:
                    return


def allowed_partners(pool: Pool, person: int) -> list[int]:
    """Every person ``person`` may be paired with (exhaustive, via the classes)."""
    avoid = pool.recent[person]
    partners: list[int] = []
    for class_id in pool.linked_classes(pool.class_of[person]):
        partners.extend(other for other in pool.class_members[class_id]
                        if other != person and (avoid is None or other not in avoid))
    return partners
