"""The cues of ``cues.yaml``, per language, and how to find them among a message's words.

A cue is a short run of words ("told me", «как помочь»), matched on the words as the guards
compare them (lower case, apostrophes dropped: "didn't" -> "didnt").
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Sequence

from ruamel.yaml import YAML

from .text import WORD, normalise

Cue = tuple[str, ...]


def cue_of(text: str) -> Cue:
    return tuple(word.replace("'", "") for word in WORD.findall(normalise(text)))


@dataclass(frozen=True, slots=True)
class CueSet:
    """The cues of one language, indexed by their first word."""

    speech: dict[str, tuple[Cue, ...]]
    not_a_report: frozenset[str]
    not_a_report_after: frozenset[str]
    rejection_before: dict[str, tuple[Cue, ...]]
    rejection_after: dict[str, tuple[Cue, ...]]
    negation: frozenset[str]
    self_words: frozenset[str]
    self_skip: frozenset[str]
    past: dict[str, tuple[Cue, ...]]
    recovered: dict[str, tuple[Cue, ...]]
    relapse: dict[str, tuple[Cue, ...]]
    helping: dict[str, tuple[Cue, ...]]
    elsewhere: dict[str, tuple[Cue, ...]]
    first_person: frozenset[str]
    writer_now: frozenset[str]
    someone_else: frozenset[str]
    conditional: frozenset[str]
    others: frozenset[str]
    worry: dict[str, tuple[Cue, ...]]
    writer_subject: frozenset[str]
    writer_too: dict[str, tuple[Cue, ...]]
    said_that: frozenset[str]
    joke: dict[str, tuple[Cue, ...]]
    joke_hedge: dict[str, tuple[Cue, ...]]

    @classmethod
    def from_lists(cls, lists: dict[str, list[str]]) -> "CueSet":
        """Build from the lists of ``cues.yaml`` for one language."""

        def index(name: str) -> dict[str, tuple[Cue, ...]]:
            table: dict[str, list[Cue]] = {}
            for text in lists.get(name, []):
                cue = cue_of(text)
                if cue:
                    table.setdefault(cue[0], []).append(cue)
            return {first: tuple(sorted(cues, key=len, reverse=True)) for first, cues in table.items()}  # longest first

        def words(name: str) -> frozenset[str]:
            return frozenset(w for text in lists.get(name, []) for w in cue_of(text))

        return cls(
            speech=index("speech"),
            not_a_report=words("not_a_report"),
            not_a_report_after=words("not_a_report") | words("not_a_report_after"),
            rejection_before=index("rejection_before"),
            rejection_after=index("rejection_after"),
            negation=words("negation"),
            self_words=words("self"),
            self_skip=words("self_skip"),
            past=index("past"),
            recovered=index("recovered"),
            relapse=index("relapse"),
            helping=index("helping"),
            elsewhere=index("elsewhere"),
            first_person=words("first_person"),
            writer_now=words("writer_now"),
            someone_else=words("someone_else"),
            conditional=words("conditional"),
            others=words("others"),
            worry=index("worry"),
            writer_subject=words("writer_subject"),
            writer_too=index("writer_too"),
            said_that=words("said_that"),
            joke=index("joke"),
            joke_hedge=index("joke_hedge"),
        )


def load_cues() -> dict[str, CueSet]:
    """The packaged cues, per language."""
    text = (resources.files(__package__) / "cues.yaml").read_text(encoding="utf-8")
    data = YAML(typ="safe").load(text)
    return {lang: CueSet.from_lists(lists) for lang, lists in data.items()}


def occurrences(words: Sequence[str], cues: dict[str, tuple[Cue, ...]], lo: int, hi: int) -> list[int]:
    """Start indices of cues found entirely within ``words[lo:hi]``."""
    return [start for start, _ in cue_spans(words, cues, lo, hi)]


def cue_spans(words: Sequence[str], cues: dict[str, tuple[Cue, ...]], lo: int, hi: int) -> list[tuple[int, int]]:
    """``(start, end)`` word indices of the cues found entirely within ``words[lo:hi]``, one per start."""
    found = []
    for i in range(lo, hi):
        for cue in cues.get(words[i], ()):
            if i + len(cue) <= hi and tuple(words[i : i + len(cue)]) == cue:
                found.append((i, i + len(cue)))
                break
    return found
