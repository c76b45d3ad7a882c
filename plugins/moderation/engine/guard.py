"""Tells a phrase said to someone from a phrase only mentioned, quoted or rejected.

"Just do it!" is advice; "they told me to just do it and it made it worse" is
a member's experience. The guard looks at the words around a match (see
``cues.yaml``) and gives the reason a match is only a mention, or None. The care
rule's own reasons (a crisis that is over, someone else's, a story) are in :mod:`.care_guard`.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from .cueset import CueSet, cue_of, load_cues, occurrences
from .english import expand, looks_past
from .text import Layout

_BEFORE_WINDOW = 3  # words before a speech cue searched for "as", "like", "как"
_SELF_WINDOW = 3  # "I" may stand this many words before the phrase if only "self_skip" words are between


def surface_words(normalised_words: Sequence[str]) -> list[str]:
    """Words as the guard compares them: apostrophes dropped ("didn't" -> "didnt")."""
    return [word.replace("'", "") for word in normalised_words]


@lru_cache(maxsize=4096)
def _phrase_words(phrase: str) -> frozenset[str]:
    """Words of a rule phrase, contractions spelled out."""
    return frozenset(part for word in cue_of(phrase) for part in expand(word).split())


class MentionGuard:
    """Decides whether a match is a critical mention; one instance serves every rule."""

    def __init__(self, cues: dict[str, CueSet] | None = None) -> None:
        self._cues = cues if cues is not None else load_cues()

    def reason(
        self,
        lang: str,
        words: Sequence[str],
        layout: Layout,
        first: int,
        last: int,
        skip_quoted: bool,
        phrase: str = "",
    ) -> str | None:
        """Why words ``first..last`` (inclusive) are only mentioned, or None if they are said.

        ``words`` are :func:`surface_words` of the message, ``layout`` its layout
        and ``phrase`` the rule phrase that matched (as written in the rules file).
        """
        cues = self._cues.get(lang)
        if cues is None:
            return None
        start, end = layout.spans[first][0], layout.spans[last][1]
        if skip_quoted and layout.is_quoted(start, end):
            return "quoted"
        phrase_words = _phrase_words(phrase)
        inside = [
            part for i in range(first, last + 1) for part in expand(words[i]).split() if part not in phrase_words
        ]
        if any(word in cues.negation for word in inside):
            return "negated"  # "you're not lazy" against "you are ... lazy"
        if lang == "en" and any(looks_past(word) for word in inside):
            return "own experience"  # "I finally got it done" against "get it done"
        sentence = layout.piece_of(layout.sentences, start)
        in_sentence = layout.words_between(*sentence)
        lo = in_sentence[0] if in_sentence else first
        hi = in_sentence[-1] + 1 if in_sentence else last + 1
        if self._reported(cues, words, lo, first, lo, cues.not_a_report) or self._reported(
            cues, words, last + 1, hi, lo, cues.not_a_report_after
        ):
            return "reported"
        if occurrences(words, cues.rejection_before, lo, first):
            return "rejected"
        after_end = sentence[1]
        following = [piece for piece in layout.sentences if piece[0] >= sentence[1]]
        if following:
            after_end = following[0][1]
        after = layout.words_between(sentence[0], after_end)
        after_hi = after[-1] + 1 if after else hi
        if occurrences(words, cues.rejection_after, last + 1, after_hi):
            return "rejected"
        clause = layout.piece_of(layout.clauses, start)
        clause_words = set(layout.words_between(*clause))
        if any(words[i] in cues.negation for i in (first - 1, first - 2) if i in clause_words):
            return "negated"
        for i in range(first - 1, max(first - 1 - _SELF_WINDOW, -1), -1):
            if i not in clause_words or words[i] not in cues.self_skip:
                if i in clause_words and words[i] in cues.self_words:
                    return "own experience"
                break
        return None

    def _reported(
        self, cues: CueSet, words: Sequence[str], lo: int, hi: int, floor: int, not_a_report: frozenset[str]
    ) -> bool:
        """A speech cue in ``words[lo:hi]`` that is not turned into a quotation by "as", "like" ..."""
        for at in occurrences(words, cues.speech, lo, hi):
            if not any(words[i] in not_a_report for i in range(max(floor, at - _BEFORE_WINDOW), at)):
                return True
        return False
