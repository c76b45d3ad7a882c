"""The round's single group of three: where the person left over after pairing joins in."""
from __future__ import annotations

from .candidates import allowed_partners
from .pool import Pool

EPSILON = 1e-9
MAX_LEFTOVERS_TRIED = 25
MAX_PARTNERS_MOVED = 20


def _best_join(pool: Pool, person: int, pairs: list[tuple[int, int]],
               excluded: int = -1) -> tuple[float, int, int] | None:
    """The pair that ``person`` can join with the largest score gain (skipping pairs with ``excluded``)."""
    best: tuple[float, int, int] | None = None
    score = pool.score
    for a, b in pairs:
        if a == excluded or b == excluded:
            continue
        with_a = score(person, a)
        if with_a is None:
            continue
        with_b = score(person, b)
        if with_b is None:
            continue
        gain = (with_a + with_b - (score(a, b) or 0.0)) / 2
        if (best is None or gain > best[0] + EPSILON) and pool.triple_allowed(person, a, b):
            best = (gain, a, b)
    return best


def form_triple(pool: Pool, mate: list[int], alone: list[int]) -> tuple[int, int, int] | None:
    """Turn one pair into a group of three so one more person is placed; ``mate`` is updated.

    Tries each person left alone in the pair they add the most to; if none
    fits anywhere, lets them take a partner y whose old partner z joins
    another pair instead. Returns the triple, or ``None`` when nobody fits.
    """
    if not alone:
        return None
    pairs = [(a, mate[a]) for a in range(pool.size) if mate[a] > a]
    best: tuple[float, int, int, int, int] | None = None  # gain, newcomer, a, b, moved partner (or -1)
    for person in alone[:MAX_LEFTOVERS_TRIED]:
        join = _best_join(pool, person, pairs)
        if join is not None and (best is None or join[0] > best[0] + EPSILON):
            best = (join[0], person, join[1], join[2], -1)
    if best is None:
        best = _join_by_moving(pool, mate, alone, pairs)
    if best is None:
        return None
    _, person, a, b, moved = best
    if moved >= 0:
        old_partner = mate[moved]
        mate[moved], mate[person] = person, moved
        mate[old_partner] = -1
        person = old_partner
    mate[a] = mate[b] = -1
    return person, a, b


def _join_by_moving(pool: Pool, mate: list[int], alone: list[int],
                    pairs: list[tuple[int, int]]) -> tuple[float, int, int, int, int] | None:
    best: tuple[float, int, int, int, int] | None = None
    for person in alone[:MAX_LEFTOVERS_TRIED]:
        partners = [other for other in allowed_partners(pool, person) if mate[other] >= 0]
        partners.sort(key=lambda other: -(pool.score(person, other) or 0.0))
        for partner in partners[:MAX_PARTNERS_MOVED]:
            old_partner = mate[partner]
            join = _best_join(pool, old_partner, pairs, excluded=partner)
            if join is None:
                continue
            gain = (pool.score(person, partner) or 0.0) - (pool.score(partner, old_partner) or 0.0) + join[0]
            if best is None or gain > best[0] + EPSILON:
                best = (gain, person, join[1], join[2], partner)
    return best


def improve_triple(pool: Pool, mate: list[int], triple: tuple[int, int, int]) -> tuple[int, int, int]:
    """Swap one member of the triple with someone in a pair while that raises the total score."""
    score = pool.score
    current = list(triple)
    current_score = pool.group_score(current)
    improved = True
    while improved:
        improved = False
        for a in range(pool.size):
            b = mate[a]
            if b < a:
                continue
            pair_value = score(a, b) or 0.0
            for incoming, stays in ((a, b), (b, a)):
                for slot, outgoing in enumerate(current):
                    first, second = current[slot - 1], current[slot - 2]
                    new_pair = score(outgoing, stays)
                    with_first = score(incoming, first)
                    with_second = score(incoming, second)
                    if new_pair is None or with_first is None or with_second is None:
                        continue
                    candidate_score = (with_first + with_second + (score(first, second) or 0.0)) / 2
                    if candidate_score + new_pair <= current_score + pair_value + EPSILON:
                        continue
                    if not pool.triple_allowed(incoming, first, second):
                        continue
                    mate[outgoing], mate[stays] = stays, outgoing
                    mate[incoming] = -1
                    current, current_score = [incoming, first, second], candidate_score
                    improved = True
                    break
                if improved:
                    break
            if improved:
                break
    return current[0], current[1], current[2]
