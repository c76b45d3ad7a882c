"""Human durations such as ``90s``, ``10m``, ``3h``, ``7d``, ``2w`` (and ``1d12h``).

Unit words are understood too, in Russian and English: ``2 недели``, ``3 дня``,
``30 мин``, ``1 час``, ``1,5 часа``, ``2 weeks``, ``3 days``; so are numbers in words
and a unit alone (``неделю``, ``две недели``, ``a week``, ``полтора часа``), and months
in words (``месяц``, ``2 months``: 30 days each).
"""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated

from pydantic import BeforeValidator

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])", re.IGNORECASE)
_UNIT_WORDS = {
    "s": ("с", "сек", "секунда", "секунды", "секунду", "секунд", "sec", "secs", "second", "seconds"),
    "m": ("м", "мин", "минута", "минуты", "минуту", "минут", "min", "mins", "minute", "minutes"),
    "h": ("ч", "час", "часа", "часов", "hr", "hrs", "hour", "hours"),
    "d": ("д", "дн", "день", "дня", "дней", "day", "days"),
    "w": ("нед", "неделя", "недели", "неделю", "недель", "wk", "wks", "week", "weeks"),
}
_WORD_SECONDS = {word: _UNITS[unit] for unit, words in _UNIT_WORDS.items() for word in (unit, *words)}
_WORD_SECONDS.update(dict.fromkeys(("месяц", "месяца", "месяцев", "мес", "month", "months"), 30 * 86400))
_NUMBER_WORDS = {
    "один": "1", "одна": "1", "одну": "1", "одного": "1", "два": "2", "две": "2", "три": "3", "четыре": "4",
    "пять": "5", "шесть": "6", "семь": "7", "восемь": "8", "девять": "9", "десять": "10",
    "полтора": "1.5", "полторы": "1.5", "пол": "0.5",
    "a": "1", "an": "1", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "half": "0.5",
}
_WORD_PART = re.compile(r"(\d+(?:[.,]\d+)?)(" + "|".join(sorted(_WORD_SECONDS, key=len, reverse=True)) + r")")
_HINT = "use e.g. 30m, 2h, 7d, 2w"


def parse_duration(text: str | int | float | timedelta) -> timedelta:
    """Parse ``"7d"`` / ``"1h30m"`` / ``"2 недели"`` (or seconds as a number) into a timedelta.

    Raises ValueError with a readable message on anything else.
    """
    if isinstance(text, timedelta):
        return text
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return timedelta(seconds=text)
    cleaned = str(text).strip().replace(" ", "")
    if not cleaned:
        raise ValueError(f"empty duration; {_HINT}")
    position, seconds = 0, 0.0
    for match in _PART.finditer(cleaned):
        if match.start() != position:
            break
        seconds += float(match.group(1)) * _UNITS[match.group(2).lower()]
        position = match.end()
    if position == len(cleaned) and seconds > 0:
        return timedelta(seconds=seconds)
    in_words = _in_words(_numbers_in_digits(str(text)))  # not the short form: perhaps words ("2 недели")
    if in_words is None:
        raise ValueError(f"not a duration: {text!r}; {_HINT}")
    return timedelta(seconds=in_words)


def _numbers_in_digits(text: str) -> str:
    """``две недели`` -> ``2недели``, ``a week`` -> ``1week``, ``неделю`` -> ``1неделю`` (spaces removed)."""
    words = text.lower().replace("ё", "е").split()
    out: list[str] = []
    for word in words:
        if word in _NUMBER_WORDS:
            out.append(_NUMBER_WORDS[word])
        elif word in _WORD_SECONDS and len(word) > 2 and not (out and out[-1][-1:].isdigit()):
            out.append("1" + word)  # a unit alone is one of it
        else:
            out.append(word)
    return "".join(out)


def _in_words(cleaned: str) -> float | None:
    """Seconds in ``cleaned`` (spaces removed) written with unit words, like ``2недели``; None if it is not."""
    cleaned = cleaned.lower().replace("ё", "е")
    position, seconds = 0, 0.0
    for match in _WORD_PART.finditer(cleaned):
        if match.start() != position:
            return None
        seconds += float(match.group(1).replace(",", ".")) * _WORD_SECONDS[match.group(2)]
        position = match.end()
    return seconds if position == len(cleaned) and seconds > 0 else None


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
