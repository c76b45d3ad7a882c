"""Russian word -> lemma with pymorphy3, preferring lemmas that the rules use.

A word form is often ambiguous ("грусти" is a form of "грусть" and of
"грустить"). When one of its readings is a lemma that some rule phrase uses,
that reading wins, so every form of a phrase word lands on the same lemma.
"""
from __future__ import annotations

from functools import lru_cache
from typing import AbstractSet, Callable

import pymorphy3


@lru_cache(maxsize=1)
def analyser() -> pymorphy3.MorphAnalyzer:
    """The shared morphological analyser (its dictionaries load once per process)."""
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def readings(token: str) -> tuple[tuple[str, bool, bool], ...]:
    """(lemma, is_command, is_infinitive) for every reading of ``token``, most likely first.

    "Let's" forms ("соберёмся") are not commands: they speak of us, not to someone.
    """
    return tuple(
        (parse.normal_form, "impr" in parse.tag and "incl" not in parse.tag, parse.tag.POS == "INFN")
        for parse in analyser().parse(token)
    )


def forms_of(word: str) -> set[str]:
    """Every form of every reading of ``word`` and of the words it is the dictionary form of.

    ``ё`` is written as ``е``, as in normalised messages. Readings the analyser
    only guesses (a word it does not know) count too. Full participles count in the
    nominative only («уставшая», not «уставшему»): their other cases are two fifths
    of all forms, rare in chat, and held in memory for as long as the bot runs.
    """
    return {
        form.word.replace("ё", "е")
        for parse in analyser().parse(word)
        for form in parse.lexeme
        if "PRTF" not in form.tag or "nomn" in form.tag
    }


def release() -> None:
    """Let the analyser's dictionaries and the cached readings go (compiling is over)."""
    readings.cache_clear()
    analyser.cache_clear()


def lemmas_of(token: str) -> tuple[str, ...]:
    """Every distinct lemma ``token`` can have, most likely first."""
    seen: dict[str, None] = {}
    for lemma, _, _ in readings(token):
        seen.setdefault(lemma, None)
    return tuple(seen)


def is_command(token: str) -> bool:
    """True when the most likely reading of ``token`` is an imperative ("возьми")."""
    return readings(token)[0][1]


def can_be_command(token: str, infinitive_too: bool) -> bool:
    """True when ``token`` can be read as an imperative (or, if allowed, an infinitive)."""
    return any(command or (infinitive_too and infinitive) for _, command, infinitive in readings(token))


def lemma_chooser(vocabulary: AbstractSet[str], cache_size: int = 200_000) -> Callable[[str], str]:
    """A cached ``token -> lemma`` function that prefers lemmas from ``vocabulary``."""

    @lru_cache(maxsize=cache_size)
    def choose(token: str) -> str:
        options = lemmas_of(token)
        for lemma in options:
            if lemma in vocabulary:
                return lemma
        return options[0]

    return choose
