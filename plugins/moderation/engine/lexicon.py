"""Message words -> phrase codes at check time, without the morphological analyser.

Everything the rules can match is known when they are compiled: the Russian
word forms of every lemma that a phrase uses (with the lemma the analyser
chooses for each form), and which of those forms can be a command or an
infinitive. Any other Russian word cannot be part of a phrase, so it becomes
the filler; English words are stemmed here (cheap), then coded.
"""
from __future__ import annotations

from typing import AbstractSet, Callable, Mapping

from .english import EnglishLemmas
from .particles import PARTICLES
from .token_cache import TokenCache
from .text import script_of
from .wordcodes import WordCodes

class Lexicon:
    """Token -> code for messages, and the "can this word be a command" test for matches."""

    def __init__(self, codes: WordCodes, russian_forms: Mapping[bytes, str], imperatives: AbstractSet[bytes],
                 infinitives: AbstractSet[bytes]) -> None:
        """``russian_forms`` and the command forms are UTF-8 bytes (see :class:`.compiled.CompiledPhrases`)."""
        self.codes = codes
        self._russian = russian_forms
        self._imperatives = imperatives
        self._infinitives = infinitives
        self._english = EnglishLemmas()
        self.code: Callable[[str], str] = TokenCache(self._code).__getitem__

    def _code(self, token: str) -> str:
        """The code of one message token: a character pair per word of its key ("" for a particle)."""
        if not token[0].isalpha():
            return self.codes.of_word(token)
        if script_of(token) == "ru":
            return "" if token in PARTICLES else self._russian.get(token.encode(), self.codes.filler)
        return self.codes.encode(self._english.key(token))

    def can_be_command(self, token: str, infinitive_too: bool) -> bool:
        """Whether a message token can be a command (or an infinitive); non-Russian: always."""
        if not token[0].isalpha() or script_of(token) != "ru":
            return True
        return token.encode() in (self._infinitives if infinitive_too else self._imperatives)
