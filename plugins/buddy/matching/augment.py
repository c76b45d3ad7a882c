"""Placing people left alone by re-pairing others: Edmonds' augmenting-path search with blossoms.

An augmenting path runs from one person alone to another, alternating
between allowed non-pairs and current pairs; flipping it places both. The
search grows an alternating tree from the person alone and contracts odd
cycles (blossoms), so it finds a path whenever one exists. When the search
from someone fails, no later re-pairing can place them, and nobody in their
search tree can lie on a later path either, so those people are skipped from
then on. The work is capped (``budget`` steps per round); a search cut short
leaves that person alone.
"""
from __future__ import annotations

from collections import deque

from .candidates import allowed_partners
from .pool import Pool

DEFAULT_BUDGET = 1_000_000
MAX_SHORTCUT_TARGETS = 64
"""With this few people alone, each new tree vertex is first checked against all of them."""


class _Search:
    """One alternating-tree search from ``root`` (state lives in dicts: only the tree is touched)."""

    def __init__(self, pool: Pool, mate: list[int], root: int, targets: list[int], dead: set[int]) -> None:
        self.pool, self.mate, self.root, self.targets, self.dead = pool, mate, root, targets, dead
        self.parent: dict[int, int] = {}  # inner vertex -> the outer vertex it was reached from
        self.base: dict[int, int] = {}  # vertex -> base of its blossom (missing: itself)
        self.members: dict[int, list[int]] = {}  # blossom base -> its vertices (missing: just the base)
        self.outer = {root}
        self.tree = [root]
        self.queue = deque([root])
        self.spent = 0

    def base_of(self, vertex: int) -> int:
        return self.base.get(vertex, vertex)

    def run(self, budget: int) -> bool:
        """Augment if a path exists (and the budget allows); ``spent`` counts the work done."""
        mate, parent, outer, dead = self.mate, self.parent, self.outer, self.dead
        while self.queue:
            vertex = self.queue.popleft()
            neighbours = allowed_partners(self.pool, vertex)
            self.spent += len(neighbours)
            if self.spent > budget:
                return False
            for other in neighbours:
                if other in dead or mate[vertex] == other or self.base_of(vertex) == self.base_of(other):
                    continue
                if other in outer:
                    self._contract(vertex, other)
                elif other not in parent:
                    parent[other] = vertex
                    self.tree.append(other)
                    partner = mate[other]
                    if partner < 0:
                        self._augment(other)
                        return True
                    if self._grow(partner):
                        return True
        return False

    def _grow(self, vertex: int) -> bool:
        """Make ``vertex`` outer; returns True if it could pair with someone alone (and augmented)."""
        self.outer.add(vertex)
        self.tree.append(vertex)
        self.queue.append(vertex)
        score = self.pool.score
        self.spent += len(self.targets)
        for target in self.targets:
            if self.mate[target] < 0 and target not in self.parent and score(vertex, target) is not None:
                self.parent[target] = vertex
                self._augment(target)
                return True
        return False

    def _common_base(self, first: int, second: int) -> int:
        mate, parent = self.mate, self.parent
        seen = set()
        while True:
            first = self.base_of(first)
            seen.add(first)
            if mate[first] < 0:
                break
            first = parent[mate[first]]
        while True:
            second = self.base_of(second)
            if second in seen:
                return second
            second = parent[mate[second]]

    def _mark_path(self, vertex: int, blossom_base: int, child: int, in_blossom: set[int]) -> None:
        mate, parent = self.mate, self.parent
        while self.base_of(vertex) != blossom_base:
            in_blossom.add(self.base_of(vertex))
            in_blossom.add(self.base_of(mate[vertex]))
            parent[vertex] = child
            child = mate[vertex]
            vertex = parent[mate[vertex]]

    def _contract(self, first: int, second: int) -> None:
        blossom_base = self._common_base(first, second)
        in_blossom: set[int] = set()
        self._mark_path(first, blossom_base, second, in_blossom)
        self._mark_path(second, blossom_base, first, in_blossom)
        merged = self.members.pop(blossom_base, [blossom_base])
        in_blossom.discard(blossom_base)
        for old_base in in_blossom:
            for vertex in self.members.pop(old_base, [old_base]):
                self.base[vertex] = blossom_base
                merged.append(vertex)
                if vertex not in self.outer:
                    self.outer.add(vertex)
                    self.queue.append(vertex)
        self.members[blossom_base] = merged
        self.spent += len(merged)

    def _augment(self, end: int) -> None:
        mate, parent = self.mate, self.parent
        vertex = end
        while vertex >= 0:
            previous = parent[vertex]
            next_vertex = mate[previous]
            mate[vertex], mate[previous] = previous, vertex
            vertex = next_vertex


def augment(pool: Pool, mate: list[int], alone: list[int], budget: int = DEFAULT_BUDGET) -> list[int]:
    """Place as many of ``alone`` as re-pairing allows; returns who is still alone (``mate`` updated)."""
    waiting = [person for person in alone if mate[person] < 0]
    dead: set[int] = set()
    shortcut = len(waiting) <= MAX_SHORTCUT_TARGETS
    for root in waiting:
        if mate[root] >= 0 or budget <= 0:
            continue
        targets = [person for person in waiting if person != root and mate[person] < 0] if shortcut else []
        search = _Search(pool, mate, root, targets, dead)
        placed = search.run(budget)
        budget -= search.spent
        if not placed and budget > 0:
            dead.update(search.tree)
    return [person for person in waiting if mate[person] < 0]
