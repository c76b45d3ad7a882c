"""How moderators write phrases, and how a phrase becomes the word sequences to look for.

* Words are matched in all their forms: "возьми себя в руки" also matches
  "возьмите себя в руки"; "just do it" also matches "just did it".
* ``(a|b|c)`` offers alternatives: "(думай|мысли) позитивно"; an empty
  alternative makes words optional: "(really|) lazy".
* ``...`` allows up to :data:`GAP_WORDS` other words in between:
  "as ... said" matches "as Marcus Aurelius said".
* ``together`` entries join parts with ``+``: every part must be in the same
  sentence, in any order: "жить + не + (хочу|хочется)" matches "жить не хочется".
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .particles import PARTICLES
from .text import WORD, normalise

GAP = "..."
TOGETHER = "+"
GAP_WORDS = 3
MAX_VARIANTS = 512
_GROUP = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True, slots=True)
class Segment:
    """One gap-free part of a phrase, as lists of alternative token sequences."""

    alternatives: tuple[tuple[str, ...], ...]


def check_phrase(phrase: str) -> str | None:
    """A message explaining what is wrong with ``phrase``, or None when it is fine."""
    if phrase.count("(") != phrase.count(")") or re.search(r"\([^)]*\(", phrase):
        return "brackets do not pair up: write alternatives as (one|another)"
    parts = [part.strip() for part in phrase.split(GAP)]
    if any(not part for part in parts):
        return "'...' needs words on both sides"
    for part in parts:
        particle = _particle_alternative(part)
        if particle is not None:
            others = ", ".join(sorted(PARTICLES - {particle})[:3])
            return (f"'{particle}' is left out of every message (like {others}), so as an alternative it makes"
                    " its group optional: leave it out, or write an empty alternative")
        pieces = _pieces(part)
        problem = _too_many(pieces)
        if problem:
            return problem
        # Some variant has no word when every piece can be wordless (checked without listing the variants).
        if all(any(WORD.search(normalise(choice)) is None for choice in piece) for piece in pieces):
            return "a phrase needs at least one word"
    return None


def check_together(entry: str) -> str | None:
    """A message explaining what is wrong with a ``together`` entry, or None."""
    parts = [part.strip() for part in entry.split(TOGETHER)]
    if len(parts) < 2:
        return "join at least two parts with +, e.g. 'жить + не + хочу'"
    for part in parts:
        if GAP in part:
            return "'...' is not needed here: parts joined by + may stand anywhere in the sentence"
        problem = check_phrase(part)
        if problem:
            return problem
    return None


def together_parts(entry: str) -> list[str]:
    """The parts of a ``together`` entry, first one first (it is looked up first)."""
    return [part.strip() for part in entry.split(TOGETHER)]


def _particle_alternative(part: str) -> str | None:
    """A particle written as an alternative in a group without an empty one (where it silently adds one)."""
    for group in _GROUP.finditer(part):
        choices = [choice.strip() for choice in group.group(1).split("|")]
        if "" not in choices:
            for choice in choices:
                if choice in PARTICLES:
                    return choice
    return None


def expand_alternatives(text: str) -> list[str]:
    """All texts that ``(a|b)`` groups in ``text`` stand for."""
    pieces = _pieces(text)
    problem = _too_many(pieces)
    if problem:
        raise ValueError(problem)
    return [" ".join("".join(combo).split()) for combo in itertools.product(*pieces)]


def _pieces(text: str) -> list[list[str]]:
    """``text`` cut into its fixed stretches (one choice each) and its ``(a|b)`` groups."""
    pieces: list[list[str]] = []
    position = 0
    for group in _GROUP.finditer(text):
        pieces.append([text[position : group.start()]])
        pieces.append([choice.strip() for choice in group.group(1).split("|")])
        position = group.end()
    pieces.append([text[position:]])
    return pieces


def _too_many(pieces: list[list[str]]) -> str | None:
    count = 1
    for piece in pieces:
        count *= len(piece)
    return f"this phrase stands for {count} variants; split it (at most {MAX_VARIANTS})" if count > MAX_VARIANTS else None


def segments_of(phrase: str) -> list[Segment]:
    """The gap-separated segments of ``phrase``, each with its token alternatives."""
    return [
        Segment(tuple(tuple(WORD.findall(normalise(text))) for text in expand_alternatives(part.strip())))
        for part in phrase.split(GAP)
    ]
