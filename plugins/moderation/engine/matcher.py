"""Finds every rule phrase in one pass over a message's code line (Aho-Corasick).

A message becomes a *code line*: a character pair per word key (see
:mod:`.wordcodes`). Every gap-free phrase segment is stored the same way, so a
hit always starts and ends on word boundaries.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import ahocorasick

from .compiled import Payload
from .lexicon import Lexicon
from .phrase_cache import compiled_phrases
from .phrases import GAP_WORDS
from .wordcodes import WIDTH, WordCodes


@dataclass(frozen=True, slots=True)
class PhraseEntry:
    """A phrase as a rule wrote it."""

    rule_id: str
    lang: str
    text: str
    unless: bool = False
    together: bool = False


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """A phrase found in a lemma line: words ``start..end`` (end excluded)."""

    entry: PhraseEntry
    start: int
    end: int
    commands: tuple[int, ...]  # word indices that must be able to be commands
    infinitive_too: bool = True  # whether an infinitive also satisfies ``commands``
    entry_index: int = -1  # position of ``entry`` in the matcher's entries


_Part = tuple[int, int, int, tuple[int, ...]]  # segment, start word, end word, commands
_Split = tuple[tuple[Payload, ...], tuple[Payload, ...], frozenset[int]]  # see PhraseMatcher._split


class PhraseMatcher:
    """All phrases of a rule set, compiled into one automaton."""

    def __init__(self, entries: Sequence[PhraseEntry]) -> None:
        self.entries = tuple(entries)
        compiled = compiled_phrases(self.entries)
        self.lexicon = Lexicon(WordCodes(compiled.words), compiled.russian_forms, compiled.imperatives,
                               compiled.infinitives)
        self.code = self.lexicon.code
        self._companions = compiled.companions
        self._segment_counts = compiled.segment_counts
        self._single_words = compiled.single_words
        self._automaton = ahocorasick.Automaton()
        split: dict[int, _Split] = {}  # equal payload tuples are shared (see compiled.py): split each once
        for code, payloads in compiled.table.items():
            value = split.get(id(payloads))
            if value is None:
                value = split[id(payloads)] = self._split(payloads)
            self._automaton.add_word(code, value)
        if compiled.table:
            self._automaton.make_automaton()
        self._empty = not compiled.table

    def code_line(self, words: Sequence[str]) -> str:
        """The code line of a message's words (particles left out)."""
        return "".join(map(self.code, words))

    def word_tokens(self, words: Sequence[str]) -> list[int]:
        """For each word of the code line, the index of the message token it came from."""
        code = self.code
        return [index for index, word in enumerate(words) for _ in range(len(code(word)) // WIDTH)]

    def companions(self, entry_index: int) -> tuple[tuple[str, ...], ...]:
        """For a ``together`` entry, the codes of each part after the first (alternatives each)."""
        return self._companions[entry_index]

    def find(self, line: str) -> list[PhraseHit]:
        """Every phrase (including ``unless`` phrases) found in ``line``."""
        if self._empty:
            return []
        hits: list[PhraseHit] = []
        gapped: list[tuple[int, tuple[Payload, ...]]] = []
        later: set[int] = set()
        for end, (whole, segments, later_here) in self._automaton.iter(line):
            for index, _, words, commands in whole:
                start = (end + 1) // WIDTH - words
                hits.append(PhraseHit(self.entries[index], start, start + words,
                                      tuple(start + offset for offset in commands), not self._single_words[index],
                                      index))
            if segments:
                gapped.append((end, segments))
                later.update(later_here)
        if later:  # a gapped phrase can only be whole where one of its later segments was found
            parts: dict[int, list[_Part]] = {}
            for end, segments in gapped:
                for index, seg_index, words, commands in segments:
                    if index in later:
                        start = (end + 1) // WIDTH - words
                        shifted = tuple(start + offset for offset in commands)
                        parts.setdefault(index, []).append((seg_index, start, start + words, shifted))
            for index, found in parts.items():
                hits.extend(self._chains(index, found))
        return hits

    def _split(self, payloads: tuple[Payload, ...]) -> _Split:
        """One key's payloads apart: whole phrases, segments of gapped ones, and the gapped phrases this key
        continues (a later segment): most messages hold only first segments, and those need no work."""
        counts = self._segment_counts
        whole = tuple(p for p in payloads if counts[p[0]] == 1)
        segments = tuple(p for p in payloads if counts[p[0]] > 1)
        return whole, segments, frozenset(p[0] for p in segments if p[1] > 0)

    def _chains(self, index: int, found: list[_Part]) -> list[PhraseHit]:
        """Join segments of a gapped phrase that follow each other closely enough."""
        total = self._segment_counts[index]
        by_segment: dict[int, list[tuple[int, int, tuple[int, ...]]]] = {}
        for seg_index, start, end, commands in found:
            by_segment.setdefault(seg_index, []).append((start, end, commands))
        if len(by_segment) < total:
            return []
        chains = []
        for start, end, commands in by_segment[0]:
            chain_end, chain_commands = end, commands
            for seg_index in range(1, total):
                follower = next(
                    (c for c in sorted(by_segment[seg_index]) if chain_end <= c[0] <= chain_end + GAP_WORDS),
                    None,
                )
                if follower is None:
                    break
                chain_end, chain_commands = follower[1], chain_commands + follower[2]
            else:
                chains.append(PhraseHit(self.entries[index], start, chain_end, chain_commands, True, index))
        return chains
