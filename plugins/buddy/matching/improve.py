"""Local improvement of a pairing by exchange chains (an ejection-chain search).

A chain starts at a person a, leaves their partner b, takes a candidate c,
whose partner d takes another candidate e, and so on; it closes when the last
person left alone can pair with b. Applied when the total score rises. Each
step must keep the running gain positive (as in Lin-Kernighan), and only the
most promising steps are followed, which keeps the search small while still
finding every improving swap of two pairs and many longer rotations. People
are re-examined only after a chain changed something near them.
"""
from __future__ import annotations

from collections import deque

from .candidates import CandidateLists
from .pool import Pool

EPSILON = 1e-9
STEPS = ((6, 10), (3, 10), (1, 8), (1, 8), (1, 6), (1, 6))
"""Per chain depth: how many continuations are followed, and how many candidates
(best first) are looked at; the length of this tuple is the maximum depth."""


class _ChainSearch:
    def __init__(self, pool: Pool, mate: list[int], lists: CandidateLists) -> None:
        self.pool, self.mate, self.lists = pool, mate, lists
        self.pair_score = [0.0] * pool.size
        for person, partner in enumerate(mate):
            if partner >= 0:
                self.pair_score[person] = pool.score(person, partner) or 0.0
        self.closing = self.closing_class = self.closing_row = self.closing_topics = -1
        self.closing_recent: set[int] | None = None
        self.touched: set[int] = set()
        self.steps: list[tuple[int, int]] = []  # (taker, taken)

    def try_from(self, start: int) -> list[int]:
        """Apply an improving chain starting at ``start``; returns the people it moved (empty if none)."""
        closing = self.mate[start]
        if closing < 0:
            return []
        pool = self.pool
        closing_class = pool.class_of[closing]
        self.closing = closing
        self.closing_class = closing_class
        self.closing_row = closing_class * pool.class_count
        self.closing_topics = pool.topics[closing]
        self.closing_recent = pool.recent[closing]
        self.touched = {start, closing}
        self.steps = []
        if self._extend(start, -self.pair_score[start], 0):
            return list(self.touched)
        return []

    def _close_score(self, left: int) -> float | None:
        """Score of ``left`` paired with the chain's closing person (inline copy of ``Pool.score``)."""
        pool = self.pool
        left_class = pool.class_of[left]
        link = pool.links.get(self.closing_row + left_class)
        if link is None:
            link = pool.class_link(self.closing_class, left_class)
        if link < 0:
            return None
        recent = self.closing_recent
        if recent is not None and left in recent:
            return None
        config = pool.config
        return (config.base_score + config.topic_weight * (pool.topics[left] & self.closing_topics).bit_count()
                + link)

    def _extend(self, free: int, gain: float, depth: int) -> bool:
        mate, touched, pair_score = self.mate, self.touched, self.pair_score
        breadth, width = STEPS[depth]
        options = []
        for taken, value in zip(self.lists.partners[free][:width], self.lists.scores[free][:width]):
            if gain + value <= EPSILON:
                break  # lists are sorted best first: no later candidate keeps the gain positive
            if taken in touched:
                continue
            left = mate[taken]
            if left < 0:
                continue
            after = gain + value - pair_score[taken]
            close = self._close_score(left)
            if close is not None and after + close > EPSILON:
                self.steps.append((free, taken))
                touched.add(taken)
                touched.add(left)
                self._apply(left, close)
                return True
            options.append((after, taken, left))
        if depth + 1 >= len(STEPS) or not options:
            return False
        if breadth == 1:
            options = [max(options)]
        else:
            options.sort(reverse=True)
        for after, taken, left in options[:breadth]:
            touched.add(taken)
            touched.add(left)
            self.steps.append((free, taken))
            if self._extend(left, after, depth + 1):
                return True
            self.steps.pop()
            touched.discard(taken)
            touched.discard(left)
        return False

    def _apply(self, last: int, close: float) -> None:
        mate, pair_score, score = self.mate, self.pair_score, self.pool.score
        for taker, taken in self.steps:
            mate[taker], mate[taken] = taken, taker
            pair_score[taker] = pair_score[taken] = score(taker, taken) or 0.0
        mate[last], mate[self.closing] = self.closing, last
        pair_score[last] = pair_score[self.closing] = close


def improve(pool: Pool, mate: list[int], lists: CandidateLists, order: list[int], passes: int) -> None:
    """Apply improving exchange chains until none is found (at most ``passes`` looks per person)."""
    search = _ChainSearch(pool, mate, lists)
    looks = [0] * pool.size
    queue = deque(order)
    queued = [True] * pool.size
    while queue:
        person = queue.popleft()
        queued[person] = False
        if looks[person] >= passes:
            continue
        looks[person] += 1
        moved = search.try_from(person)
        for other in moved:
            if not queued[other]:
                queued[other] = True
                queue.append(other)
