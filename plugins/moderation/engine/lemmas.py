"""One lemmatiser for both languages, used when rules are compiled: each token becomes a key.

Cyrillic tokens go through pymorphy3 (see :mod:`.russian`), Latin ones through
the English stemmer (see :mod:`.english`); digits stay as they are.
"""
from __future__ import annotations

import itertools
from typing import Iterable, Sequence

from . import russian
from .english import EnglishLemmas
from .particles import PARTICLES
from .spellings import CHAT_SPELLINGS, standard
from .text import script_of

CACHE_SIZE = 200_000


class Lemmatiser:
    """Token -> key for messages, and token sequence -> keys for phrases."""

    def __init__(self, phrase_tokens: Iterable[Sequence[str]]) -> None:
        self._english = EnglishLemmas()
        self._russian_tokens = {
            standard(token)
            for sequence in phrase_tokens
            for token in sequence
            if token[0].isalpha() and script_of(token) == "ru" and token not in PARTICLES
        }
        vocabulary = {lemma for token in self._russian_tokens for lemma in russian.lemmas_of(token)}
        self._vocabulary = frozenset(vocabulary)
        self._russian = russian.lemma_chooser(self._vocabulary, CACHE_SIZE)

    def key(self, token: str) -> str:
        """The key of one message token: may be several words ("dont" -> "do not") or none (a particle).

        Not cached here: callers on the busy path cache what they make of it.
        """
        if not token[0].isalpha():
            return token
        if script_of(token) == "ru":
            return "" if token in PARTICLES else self._russian(standard(token))
        return self._english.key(token)

    def phrase_keys(self, tokens: Sequence[str], limit: int) -> list[tuple[str, tuple[int, ...]]]:
        """Every key sequence a phrase can take, with the word offsets that must be commands.

        A Russian phrase word written as a command ("возьми") only matches words
        that can be a command ("возьмите") or, in a phrase of several words, an
        infinitive ("взять себя в руки"); never "взяла".
        """
        options: list[tuple[str, ...]] = []
        commands: list[int] = []
        offset = 0
        for token in tokens:
            if token in PARTICLES:
                continue
            if token[0].isalpha() and script_of(token) == "ru":
                token = standard(token)
                choices = russian.lemmas_of(token)
                if russian.is_command(token):
                    commands.append(offset)
                width = 1
            else:
                choices = (self.key(token),)
                width = choices[0].count(" ") + 1
            options.append(choices)
            offset += width
        if not options:
            return []
        keys = [" ".join(combo) for combo in itertools.islice(itertools.product(*options), limit)]
        return [(key, tuple(commands)) for key in keys]

    def russian_forms(self) -> set[str]:
        """Every Russian word form whose key may be a phrase word: all forms of the phrases' words and lemmas,
        and the chat spellings of those forms ("хачу")."""
        forms = {form for word in self._russian_tokens | self._vocabulary for form in russian.forms_of(word)}
        return forms | {spelling for spelling, word in CHAT_SPELLINGS.items() if word in forms}
