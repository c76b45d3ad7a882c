"""Text normalisation, tokens, sentences, quotes and a cheap language guess.

Normalisation keeps the text the same length (lower case, ``ё`` -> ``е``, one
kind of apostrophe), so positions found in the normalised text are positions
in the message as the member wrote it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

Language = str  # "ru" or "en"
LANGUAGES: tuple[Language, ...] = ("ru", "en")

_SAME_LENGTH = str.maketrans({"ё": "е", "’": "'", "ʼ": "'", "‘": "'", "`": "'", "\u00a0": " "})
_TO_UNIFY = re.compile("[ё’ʼ‘`\u00a0]")
WORD = re.compile(r"\w+(?:'\w+)*")
_PLAIN_WORD = re.compile(r"\w+")  # the same words in a text without apostrophes, found faster
_CYRILLIC = re.compile(r"[а-я]")
_LATIN = re.compile(r"[a-z]")
_SENTENCE_END = re.compile(r"[.!?…\n]+")
_ENDS = frozenset(".!?…\n")  # the characters of _SENTENCE_END
_WORD_OR_END = re.compile(f"{WORD.pattern}|{_SENTENCE_END.pattern}")  # a word, or where a sentence ends
_CLAUSE_END = re.compile(r"[.!?…\n,;:()]+|\s[—–-]+\s")
_QUOTED = re.compile(
    r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"|(?<!\w)'(?:[^'\n]|(?<=\w)'(?=\w))*'(?!\w)"
)


def normalise(text: str) -> str:
    """Lower-case ``text`` and unify ``ё`` and apostrophes; length is preserved when possible."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is longer
        lowered = "".join(ch.lower()[0] for ch in text)
    if _TO_UNIFY.search(lowered) is None:  # most messages: nothing to unify, skip the slow translate
        return lowered
    return lowered.translate(_SAME_LENGTH)


def tokens(normalised: str) -> list[str]:
    """Words of a normalised text (letters, digits, inner apostrophes)."""
    if normalised.replace(" ", "").isalnum():  # only letters, digits and spaces (many chat lines): no regex needed
        return normalised.split()
    return WORD.findall(normalised) if "'" in normalised else _PLAIN_WORD.findall(normalised)


def ends_a_sentence(normalised: str) -> bool:
    """Whether a normalised text holds a full stop, "!", "?", "…" or a line break (it may have two sentences)."""
    return _SENTENCE_END.search(normalised) is not None


def sentence_tokens(normalised: str) -> list[list[str]]:
    """The words of each sentence of a normalised text that has more than one (else an empty list)."""
    sentences: list[list[str]] = []
    current: list[str] = []
    for token in _WORD_OR_END.findall(normalised):  # one pass: the words, and where sentences end
        if token[0] in _ENDS:
            if current:
                sentences.append(current)
                current = []
        else:
            current.append(token)
    if current:
        sentences.append(current)
    return sentences if len(sentences) > 1 else []


def detect_language(text: str, lowered: bool = False) -> Language:
    """``"ru"`` when Cyrillic letters outnumber Latin ones, else ``"en"`` (``lowered``: ``text`` is lower case already)."""
    lowered_text = text if lowered else text.lower()
    if _CYRILLIC.search(lowered_text) is None:  # one script only: no need to count (the common case)
        return "en"
    if _LATIN.search(lowered_text) is None:
        return "ru"
    return "ru" if len(_CYRILLIC.findall(lowered_text)) > len(_LATIN.findall(lowered_text)) else "en"


def script_of(token: str) -> Language:
    """Language whose lemmatiser handles ``token``: by its first letter."""
    first = token[0]
    return "ru" if "а" <= first <= "я" else "en"


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the words, sentences, clauses and quotations of one message are."""

    spans: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]
    clauses: tuple[tuple[int, int], ...]
    quotations: tuple[tuple[int, int], ...]
    questions: frozenset[tuple[int, int]] = frozenset()  # the sentences that end with "?"

    @classmethod
    def of(cls, normalised: str) -> "Layout":
        """Measure a normalised message (only done for messages that matched something)."""
        spans = tuple(m.span() for m in WORD.finditer(normalised))
        sentences = _pieces(normalised, _SENTENCE_END)
        return cls(
            spans=spans,
            sentences=sentences,
            clauses=_pieces(normalised, _CLAUSE_END),
            quotations=tuple(m.span() for m in _QUOTED.finditer(normalised)),
            questions=frozenset(piece for piece in sentences if "?" in normalised[piece[0] : piece[1]]),
        )

    def piece_of(self, pieces: tuple[tuple[int, int], ...], position: int) -> tuple[int, int]:
        """The sentence or clause (from ``pieces``) holding character ``position``."""
        for start, end in pieces:
            if start <= position < end:
                return start, end
        return (0, self.spans[-1][1]) if self.spans else (0, 0)

    def words_between(self, start: int, end: int) -> list[int]:
        """Indices of the words lying inside characters ``start..end``."""
        return [i for i, (s, e) in enumerate(self.spans) if s >= start and e <= end]

    def is_quoted(self, start: int, end: int) -> bool:
        """True when characters ``start..end`` sit inside quotation marks."""
        return any(q_start < start and end < q_end for q_start, q_end in self.quotations)


def _pieces(text: str, boundary: re.Pattern[str]) -> tuple[tuple[int, int], ...]:
    pieces = []
    start = 0
    for found in boundary.finditer(text):
        pieces.append((start, found.end()))
        start = found.end()
    if start < len(text):
        pieces.append((start, len(text)))
    return tuple(pieces)
