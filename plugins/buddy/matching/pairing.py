"""Near-optimal pairing for large rounds: greedy on candidate edges, repair, local improvement.

1. Candidate lists (see ``candidates``) give every person ~k good partners.
2. Greedy takes candidate edges, closest fit first; the people it leaves
   alone get fresh candidate lists among themselves and are paired the same
   way, then any two still alone who may meet are paired directly.
3. Augmenting paths (see ``augment``) re-pair people so that those still
   alone can be placed when someone else can move over for them.
4. ``improve`` then raises the total score without changing who is placed.

``mate[i]`` is the position of i's partner, or -1.
"""
from __future__ import annotations

from operator import itemgetter
from random import Random

from .candidates import CandidateLists, build_candidates
from .pool import Pool


def greedy(pool: Pool, members: list[int], lists: CandidateLists, mate: list[int]) -> int:
    """Pair free people along candidate edges, closest fit first; returns pairs made.

    Edges are taken by score minus half of what each member could get at best
    (``topic_weight`` per own topic), i.e. fewest topics left unshared first:
    two people with the same two topics are paired before two who share three
    of their four, which keeps good partners available for everyone else.
    """
    half = pool.config.topic_weight / 2
    potential = [half * mask.bit_count() for mask in pool.topics]
    edges = []
    for person in members:
        own = potential[person]
        for other, value in zip(lists.partners[person], lists.scores[person]):
            edges.append((value - own - potential[other], person, other))
    edges.sort(key=itemgetter(0), reverse=True)
    made = 0
    for _, person, other in edges:
        if mate[person] < 0 and mate[other] < 0:
            mate[person], mate[other] = other, person
            made += 1
    return made


def pair_everyone(pool: Pool, order: list[int], rng: Random) -> tuple[list[int], CandidateLists]:
    """A maximal pairing of ``order``, plus the first round's candidate lists.

    Greedy rounds on fresh candidate lists among those still alone go on
    while they place a good share of them; whoever is left then gets the best
    partner still alone, if any (so no two people left alone could meet).
    """
    k = pool.config.candidates_per_person
    mate = [-1] * pool.size
    lists = build_candidates(pool, order, k, rng)
    greedy(pool, order, lists, mate)
    alone = [person for person in order if mate[person] < 0]
    while len(alone) >= 2:
        made = greedy(pool, alone, build_candidates(pool, alone, k, rng), mate)
        alone = [person for person in alone if mate[person] < 0]
        if made * 10 < len(alone):
            break
    pair_remaining(pool, alone, mate)
    return mate, lists


def pair_remaining(pool: Pool, alone: list[int], mate: list[int]) -> None:
    """Give each person still alone the best-scoring allowed partner among the others still alone."""
    by_class: dict[int, list[int]] = {}
    for person in alone:
        by_class.setdefault(pool.class_of[person], []).append(person)
    for person in alone:
        if mate[person] >= 0:
            continue
        best_value, best_partner = 0.0, -1
        for class_id in pool.linked_classes(pool.class_of[person]):
            for other in by_class.get(class_id, ()):
                if mate[other] < 0 and other != person:
                    value = pool.score(person, other)
                    if value is not None and value > best_value:
                        best_value, best_partner = value, other
        if best_partner >= 0:
            mate[person], mate[best_partner] = best_partner, person
