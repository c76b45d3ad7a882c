"""The check-in dialog as a small state machine: what an answer means at each step.

Steps run ``worked -> didnt -> mood -> share -> done``. Every step can be
skipped; a stop word ends the dialog (answers so far are kept, nothing is
shared). This module only interprets text; storing and replying happen in the
plugin, storing first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .models import DIDNT, DONE, MOOD, SHARE, WORKED

MAX_ANSWER = 4000
SHARE_MODES = ("private", "buddy", "room", "anonymous")
_MOOD = re.compile(r"(?<![\d.,])([1-5])(?!\d)(?![.,]\d)")  # "4", "4/5", "4 из 5"; not "3,5", "3.5" or "35"
_NEXT = {WORKED: DIDNT, DIDNT: MOOD}


@dataclass(frozen=True)
class Vocabulary:
    """Words members answer with, in every language at once (they come from the catalogs)."""

    skip: frozenset[str]
    stop: frozenset[str]
    share: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_catalog(cls, catalog: Any, languages: tuple[str, ...]) -> Vocabulary:
        """Collect ``checkin.input.*`` word lists of every language."""

        def words(key: str) -> frozenset[str]:
            return frozenset(w.strip().lower() for lang in languages for w in _variants(catalog, key, lang))

        share = {mode: words(f"checkin.input.share.{mode}") for mode in SHARE_MODES}
        return cls(skip=words("checkin.input.skip"), stop=words("checkin.input.stop"), share=share)


def _variants(catalog: Any, key: str, lang: str) -> list[str]:
    return catalog.variants(key, lang) if catalog.has(key, lang) else []


@dataclass(frozen=True)
class Outcome:
    """What an answer does: the fields to store and the step that follows.

    ``invalid`` means the text did not fit the question (nothing is stored);
    ``text`` is free text worth passing to care plugins.
    """

    next_step: str
    updates: dict[str, Any] = field(default_factory=dict)
    invalid: bool = False
    stopped: bool = False
    text: str | None = None

    @property
    def sharing(self) -> str | None:
        """The sharing chosen when the dialog ends here."""
        return self.updates.get("sharing")


def _normalized(text: str) -> str:
    return " ".join(text.strip().lower().split()).strip(".!")


def interpret(step: str, text: str, vocab: Vocabulary, *, default_sharing: str, has_answers: bool) -> Outcome:
    """The meaning of ``text`` sent while the dialog waits at ``step``.

    ``default_sharing`` is the member's standing choice (``ask`` means: ask each
    time); ``has_answers`` tells whether anything was answered before this step.
    """
    said = _normalized(text)
    if said in vocab.stop:
        return Outcome(DONE, {"sharing": "private"}, stopped=True)
    skipped = said in vocab.skip or not said
    if step in (WORKED, DIDNT):
        answer = None if skipped else text.strip()[:MAX_ANSWER]
        return Outcome(_NEXT[step], {step: answer}, text=answer)
    if step == MOOD:
        mood = None
        if not skipped:
            match = _MOOD.search(said) if len(said) <= 24 else None
            if match is None:
                return Outcome(step, invalid=True)
            mood = int(match.group(1))
        anything = has_answers or mood is not None
        if default_sharing != "ask" or not anything:
            sharing = default_sharing if anything and default_sharing != "ask" else "private"
            return Outcome(DONE, {"mood": mood, "sharing": sharing})
        return Outcome(SHARE, {"mood": mood})
    if step == SHARE:
        if skipped:
            return Outcome(DONE, {"sharing": "private"})
        for mode in SHARE_MODES:
            if said in vocab.share.get(mode, ()):
                return Outcome(DONE, {"sharing": mode})
        return Outcome(step, invalid=True)
    raise ValueError(f"not an open step: {step!r}")
