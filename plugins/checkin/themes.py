"""Which themes a check-in answer touches (for "someone else had a similar week").

A small word-stem list per theme (``themes.yaml``), matched in both languages.
It only ever produces theme keys; answers themselves are never compared across
members or shown to anyone else.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ruamel.yaml import YAML

THEMES_FILE = Path(__file__).parent / "themes.yaml"
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class ThemeMatcher:
    """Exact words and prefixes per theme key."""

    exact: dict[str, str]
    prefixes: tuple[tuple[str, str], ...]
    phrases: tuple[tuple[str, str], ...]

    def themes(self, *texts: str | None) -> list[str]:
        """Sorted theme keys found in ``texts``."""
        found: set[str] = set()
        for text in texts:
            if not text:
                continue
            lowered = text.lower().replace("ё", "е")
            for phrase, theme in self.phrases:
                if phrase in lowered:
                    found.add(theme)
            for word in _WORD.findall(lowered):
                exact = self.exact.get(word)
                if exact is not None:
                    found.add(exact)
                    continue
                for prefix, theme in self.prefixes:
                    if word.startswith(prefix):
                        found.add(theme)
                        break
        return sorted(found)


@lru_cache(maxsize=1)
def default_matcher() -> ThemeMatcher:
    """The matcher built from the packaged ``themes.yaml``."""
    data = YAML(typ="safe").load(THEMES_FILE.read_text(encoding="utf-8")) or {}
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    phrases: list[tuple[str, str]] = []
    for theme, by_language in data.items():
        for words in by_language.values():
            for raw in words:
                word = str(raw).lower().replace("ё", "е")
                if " " in word:
                    phrases.append((word, theme))
                elif word.endswith("*"):
                    prefixes.append((word[:-1], theme))
                else:
                    exact[word] = theme
    prefixes.sort(key=lambda item: -len(item[0]))
    return ThemeMatcher(exact, tuple(prefixes), tuple(phrases))
