"""Finds every rule phrase in one pass over a message's lemma line (Aho-Corasick).

A message becomes a *lemma line*: its word keys joined by single spaces, with a
space at each end. Every gap-free phrase segment is stored the same way, so a
hit always starts and ends on word boundaries.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import ahocorasick

from .lemmas import Lemmatiser
from .phrases import GAP_WORDS, MAX_VARIANTS, segments_of, together_parts


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


_Payload = tuple[int, int, int, int, tuple[int, ...]]  # entry, segment, key length, words, commands
_Part = tuple[int, int, int, tuple[int, ...]]  # segment, start word, end word, commands


class PhraseMatcher:
    """All phrases of a rule set, compiled into one automaton."""

    def __init__(self, entries: Sequence[PhraseEntry]) -> None:
        self.entries = tuple(entries)
        parsed = [
            segments_of(together_parts(entry.text)[0] if entry.together else entry.text) for entry in self.entries
        ]
        companions = [
            [segments_of(part)[0] for part in together_parts(entry.text)[1:]] if entry.together else []
            for entry in self.entries
        ]
        self.lemmatiser = Lemmatiser(
            alternative
            for segments in [*parsed, *companions]
            for segment in segments
            for alternative in segment.alternatives
        )
        self._companions = tuple(
            tuple(
                tuple(f" {key} " for alt in part.alternatives for key, _ in self.lemmatiser.phrase_keys(alt, MAX_VARIANTS))
                for part in parts
            )
            for parts in companions
        )
        self._segment_counts = tuple(len(segments) for segments in parsed)
        self._single_words = tuple(
            not entry.together and len(segments) == 1 and all(len(alt) == 1 for alt in segments[0].alternatives)
            for entry, segments in zip(self.entries, parsed)
        )
        table: dict[str, list[_Payload]] = {}
        for index, segments in enumerate(parsed):
            for seg_index, segment in enumerate(segments):
                for alternative in segment.alternatives:
                    for key, commands in self.lemmatiser.phrase_keys(alternative, MAX_VARIANTS):
                        padded = f" {key} "
                        payload = (index, seg_index, len(padded), key.count(" ") + 1, commands)
                        table.setdefault(padded, [])
                        if payload not in table[padded]:
                            table[padded].append(payload)
        self._automaton = ahocorasick.Automaton()
        for padded, payloads in table.items():
            self._automaton.add_word(padded, tuple(payloads))
        if table:
            self._automaton.make_automaton()
        self._empty = not table

    def lemma_line(self, words: Sequence[str]) -> str:
        """The lemma line of a message's words (particles left out)."""
        key = self.lemmatiser.key
        return " " + " ".join([k for word in words if (k := key(word))]) + " "

    def word_tokens(self, words: Sequence[str]) -> list[int]:
        """For each word of the lemma line, the index of the message token it came from."""
        key = self.lemmatiser.key
        return [index for index, word in enumerate(words) if (k := key(word)) for _ in range(k.count(" ") + 1)]

    def companions(self, entry_index: int) -> tuple[tuple[str, ...], ...]:
        """For a ``together`` entry, the padded keys of each part after the first."""
        return self._companions[entry_index]

    def find(self, line: str) -> list[PhraseHit]:
        """Every phrase (including ``unless`` phrases) found in ``line``."""
        if self._empty:
            return []
        hits: list[PhraseHit] = []
        parts: dict[int, list[_Part]] = {}
        for end, payloads in self._automaton.iter(line):
            for index, seg_index, length, words, commands in payloads:
                start = line.count(" ", 0, end - length + 1)
                shifted = tuple(start + offset for offset in commands)
                if self._segment_counts[index] == 1:
                    entry, single = self.entries[index], self._single_words[index]
                    hits.append(PhraseHit(entry, start, start + words, shifted, not single, index))
                else:
                    parts.setdefault(index, []).append((seg_index, start, start + words, shifted))
        for index, found in parts.items():
            hits.extend(self._chains(index, found))
        return hits

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
