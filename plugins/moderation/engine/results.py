"""What checking a message gives back."""
from __future__ import annotations

from dataclasses import dataclass

from .schema import Resource, Rule


@dataclass(frozen=True, slots=True)
class Match:
    """One rule found in a message.

    ``start``/``end`` are character positions in the message, ``text`` is the
    matched part as the member wrote it, ``phrase`` the phrase or regex of the
    rules file that found it. ``mention`` is None for a match that counts, or
    the reason it does not ("quoted", "reported", "rejected", "negated",
    "own experience", or "yields to just-do-it" when a rule with
    ``yields_to`` stepped aside for another rule that counts: then ``yielded_to``
    names that rule); :meth:`RuleSet.check` only returns matches that count.
    """

    rule_id: str
    start: int
    end: int
    text: str
    phrase: str
    language: str
    mention: str | None = None
    yielded_to: str | None = None

    @property
    def span(self) -> tuple[int, int]:
        """``(start, end)`` character positions in the message."""
        return self.start, self.end


@dataclass(frozen=True, slots=True)
class CareSignal:
    """A message that shows signs of crisis: who to care for and with which resources."""

    rule: Rule
    matches: tuple[Match, ...]
    resources: tuple[Resource, ...]
