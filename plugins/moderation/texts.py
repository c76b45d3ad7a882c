"""Small text helpers: durations in words, action lists, excerpts (all wording from the catalogs)."""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Any, Iterable

from samovar.core.i18n import Catalog

_UNITS = (("weeks", 604800), ("days", 86400), ("hours", 3600), ("minutes", 60), ("seconds", 1))
EXCERPT_CHARS = 300
_SENTENCE_END = re.compile(r"[.!?…\n]+")


def duration_words(catalog: Catalog, lang: str, value: timedelta) -> str:
    """``7 days`` / ``10 минут``: the largest unit that measures ``value`` exactly."""
    seconds = max(int(value.total_seconds()), 1)
    for unit, size in _UNITS:
        if seconds % size == 0:
            return catalog.t(f"moderation.units.{unit}", lang, count=seconds // size)
    return catalog.t("moderation.units.seconds", lang, count=seconds)


def action_words(catalog: Catalog, lang: str, actions: Iterable[str]) -> str:
    """``private nudge, public reminder`` for stored actions (``delete:failed`` becomes ``… (failed)``)."""
    words = []
    for stored in actions:
        name, _, outcome = stored.partition(":")
        label = catalog.t(f"moderation.actions.{name}", lang)
        words.append(catalog.t(f"moderation.actions.outcome.{outcome}", lang, action=label) if outcome else label)
    return ", ".join(words) if words else catalog.t("moderation.actions.none", lang)


def split_actions(stored: str) -> list[str]:
    """The action list of a case row."""
    return [a for a in stored.split(",") if a]


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def quoted_part(text: str, start: int, end: int, limit: int) -> str:
    """What to quote back of a message about its part ``start:end``: the whole message when it is short,
    else the sentence with that part (``…`` where it was cut), at most ``limit`` characters."""
    if len(" ".join(text.split())) <= limit:
        return excerpt(text, limit)
    before = [found.end() for found in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    first, last = (before[-1] if before else 0), (after.end() if after else len(text))
    if last - first > limit:  # a long sentence: the words around the part, as many as fit
        first = max(first, min(start, end - limit + 2))
        last = min(last, first + limit - 2)
    part = " ".join(text[first:last].split())
    return ("…" if first > 0 else "") + excerpt(part, limit - 2) + ("…" if last < len(text) else "")


def room_label(name: str) -> str:
    """A room name as written in messages (``#general``)."""
    return name if name.startswith(("#", "!")) else f"#{name}"


def fill(catalog: Catalog, lang: str, key: str, **values: Any) -> str:
    """Shorthand for ``catalog.t``."""
    return catalog.t(key, lang, **values)
