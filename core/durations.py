"""Human durations such as ``90s``, ``10m``, ``3h``, ``7d``, ``2w`` (and ``1d12h``)."""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated

from pydantic import BeforeValidator

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])", re.IGNORECASE)


def parse_duration(text: str | int | float | timedelta) -> timedelta:
    """Parse ``"7d"`` / ``"1h30m"`` (or seconds as a number) into a timedelta.

    Raises ValueError with a readable message on anything else.
    """
    if isinstance(text, timedelta):
        return text
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return timedelta(seconds=text)
    cleaned = str(text).strip().replace(" ", "")
    if not cleaned:
        raise ValueError("empty duration; use e.g. 30m, 2h, 7d, 2w")
    position, seconds = 0, 0.0
    for match in _PART.finditer(cleaned):
        if match.start() != position:
            break
        seconds += float(match.group(1)) * _UNITS[match.group(2).lower()]
        position = match.end()
    if position != len(cleaned) or seconds <= 0:
        raise ValueError(f"not a duration: {text!r}; use e.g. 30m, 2h, 7d, 2w")
    return timedelta(seconds=seconds)


def format_duration(value: timedelta) -> str:
    """The shortest ``7d``-style text for ``value`` (inverse of :func:`parse_duration`)."""
    seconds = int(value.total_seconds())
    parts = []
    for unit, size in sorted(_UNITS.items(), key=lambda kv: -kv[1]):
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(parts) or "0s"


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
"""A pydantic field type that accepts ``"7d"``-style text."""
