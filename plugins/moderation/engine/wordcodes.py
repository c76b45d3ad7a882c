"""Two characters per phrase word: the alphabet the phrase automaton runs on.

Every word that some phrase uses (a lemma or an English stem) gets its own
pair of characters; every other word gets the same filler pair. A message
becomes a *code line* of :data:`WIDTH` characters per word. First and second
characters come from two separate ranges, so a phrase can only be found
starting on a word; word ``i`` is characters ``2i..2i+1``. Pairs (rather than
one character per word) keep each node of the automaton small: at most a few
dozen ways on, where one character per word would give its root thousands.
"""
from __future__ import annotations

import math
from typing import Iterable

WIDTH = 2
_FIRST_CODE = 0x100


class WordCodes:
    """The character pair of each phrase word."""

    def __init__(self, words: Iterable[str]) -> None:
        ordered = sorted(set(words))
        base = math.isqrt(len(ordered)) + 1  # base * base > len(ordered): one pair is left for the filler
        first = [chr(_FIRST_CODE + i) for i in range(base)]
        second = [chr(_FIRST_CODE + base + i) for i in range(base)]
        self._codes = {word: first[i // base] + second[i % base] for i, word in enumerate(ordered)}
        self.filler = first[len(ordered) // base] + second[len(ordered) % base]

    def knows(self, key: str) -> bool:
        """Whether every word of ``key`` is a phrase word."""
        return all(word in self._codes for word in key.split())

    def of_word(self, word: str) -> str:
        """The code of one word."""
        return self._codes.get(word, self.filler)

    def encode(self, key: str) -> str:
        """The code of a key of space-separated words: :data:`WIDTH` characters per word."""
        codes, filler = self._codes, self.filler
        return "".join([codes.get(word, filler) for word in key.split()])
