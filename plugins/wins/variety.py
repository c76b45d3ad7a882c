"""Choosing celebration texts so that a room never hears the same one twice in a row."""
from __future__ import annotations

import random
from typing import Any


class _KeepUnknown(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, **values: Any) -> str:
    """``template`` with its ``{placeholders}`` filled (unknown ones left as they are)."""
    return template.format_map(_KeepUnknown(values))


class VariedTexts:
    """Picks one of several catalog variants per room, never the one that room heard last."""

    def __init__(self, rng: random.Random | None = None) -> None:
        self._rng = rng or random.Random()
        self._last: dict[str, str] = {}

    def pick(self, room_key: str, variants: list[str]) -> str:
        """A variant for ``room_key`` that differs from the previous one (when there is a choice)."""
        if not variants:
            return ""
        last = self._last.get(room_key)
        choices = [v for v in variants if v != last] or variants
        chosen = self._rng.choice(choices)
        self._last[room_key] = chosen
        return chosen
