"""Understanding what members write: languages, topics, time zones, waking hours, yes/no/skip.

Words come from the catalogs of every language at once (a Russian speaker may
answer an English question in Russian). Time zones are read by :mod:`samovar.core.timezones`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time
from typing import Any, Iterable

from samovar.core.i18n import LANGUAGES
from samovar.core.timezones import normalized

MAX_TOPIC = 32
MAX_TOPICS = 12
_WORD = re.compile(r"[\w+\-/']+", re.UNICODE)
_CODE = re.compile(r"^[a-z]{2,3}$")
_HOURS = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*[-–—]\s*(\d{1,2})(?::(\d{2}))?$")


def words_of(text: str) -> list[str]:
    """The words of ``text`` in lower case."""
    return [w.strip("-'/") for w in _WORD.findall(text.lower().replace("ё", "е")) if w.strip("-'/")]


def parse_hours(text: str) -> tuple[time, time] | None:
    """``9-22`` / ``08:30-23:00`` as (start, end) local times; None when not understood."""
    match = _HOURS.match(text.strip())
    if not match:
        return None
    start_h, start_m, end_h, end_m = (int(g) if g else 0 for g in match.groups())
    if start_h > 24 or end_h > 24 or start_m > 59 or end_m > 59:
        return None
    start, end = time(start_h % 24, start_m), time(end_h % 24, end_m)
    return (start, end) if start != end else None


@dataclass(frozen=True)
class Vocabulary:
    """Words members answer with, gathered from every language's catalog."""

    skip: frozenset[str] = frozenset()
    stop: frozenset[str] = frozenset()
    yes: frozenset[str] = frozenset()
    no: frozenset[str] = frozenset()
    languages: dict[str, str] = field(default_factory=dict)
    topic_stems: dict[str, tuple[str, ...]] = field(default_factory=dict)
    both: frozenset[str] = frozenset()  # "both", «оба»: every language the bot speaks

    @classmethod
    def from_catalog(cls, catalog: Any) -> "Vocabulary":
        """Collect ``buddy.words.*`` and ``buddy.topics.*.words`` of every language."""

        def words(key: str) -> frozenset[str]:
            return frozenset(normalized(w) for lang in LANGUAGES for w in _variants(catalog, key, lang))

        languages: dict[str, str] = {}
        stems: dict[str, set[str]] = {}
        for lang in LANGUAGES:
            for key in catalog.keys(lang):
                if key.startswith("buddy.words.languages."):
                    code = key.rsplit(".", 1)[1]
                    for word in _variants(catalog, key, lang):
                        languages[normalized(word)] = code
                elif key.startswith("buddy.topics.") and key.endswith(".words"):
                    slug = key.split(".")[2]
                    stems.setdefault(slug, set()).update(normalized(w) for w in _variants(catalog, key, lang))
        return cls(skip=words("buddy.words.skip"), stop=words("buddy.words.stop"), yes=words("buddy.words.yes"),
                   no=words("buddy.words.no"), languages=languages,
                   topic_stems={slug: tuple(sorted(s)) for slug, s in stems.items()}, both=words("buddy.words.both"))

    def is_skip(self, text: str) -> bool:
        """An empty answer or a skip word."""
        said = normalized(text)
        return not said or said in self.skip

    def is_stop(self, text: str) -> bool:
        """A word that ends the questions."""
        return normalized(text) in self.stop

    def yes_or_no(self, text: str) -> bool | None:
        """True for yes, False for no, None when the answer is neither."""
        said = normalized(text)
        first = said.split(" ", 1)[0].strip(",.!") if said else ""
        for candidate in (said, first):
            if candidate in self.yes:
                return True
            if candidate in self.no:
                return False
        return None

    def languages_in(self, text: str, *, codes: bool = False) -> tuple[list[str], list[str]]:
        """Languages named in ``text`` (in order, no repeats) and words not understood.

        With ``codes`` any two- or three-letter word counts as a language code
        (``!buddy languages ru en uk``); in free answers only known names count.
        """
        found: list[str] = []
        unknown: list[str] = []
        for word in words_of(text):
            if word in self.both:
                found.extend(lang for lang in LANGUAGES if lang not in found)
                continue
            code = self.languages.get(word)
            if code is None and codes and _CODE.match(word):
                code = word
            if code is None:
                unknown.append(word)
            elif code not in found:
                found.append(code)
        return found, unknown

    def topic_of(self, word: str) -> str | None:
        """The known topic a word belongs to (``карьеру`` -> ``career``)."""
        for slug, stems in self.topic_stems.items():
            if word == slug or any(word.startswith(stem) for stem in stems):
                return slug
        return None

    def topics_in(self, text: str, *, keep_unknown: bool = False) -> list[str]:
        """Topics found in ``text``; with ``keep_unknown`` other words become topics of their own."""
        found: list[str] = []
        for word in words_of(text):
            topic = self.topic_of(word)
            if topic is None and keep_unknown and len(word) > 1:
                topic = word[:MAX_TOPIC]
            if topic is not None and topic not in found:
                found.append(topic)
        return found[:MAX_TOPICS]


def _variants(catalog: Any, key: str, lang: str) -> list[str]:
    return catalog.variants(key, lang) if catalog.has(key, lang) else []


def join_words(values: Iterable[str]) -> str:
    """Space-separated storage form of a word list."""
    return " ".join(dict.fromkeys(v for v in values if v))


def split_words(stored: str | None) -> list[str]:
    """The stored space-separated words as a list."""
    return [w for w in (stored or "").split() if w]
