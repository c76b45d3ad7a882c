"""Time zones as members write them, stored as names, read back as ``tzinfo``.

A time zone is stored as a name: an IANA zone (``Europe/Moscow``), ``Etc/GMT-3`` for a
whole-hour offset, or ``UTC-3:30`` for any other fixed offset (no IANA zone has one, and a
city's zone may have summer time). :func:`parse_timezone` reads what a member wrote
(``Москва``, ``Lisbon``, ``UTC+3``, a sentence), :func:`zone_info` turns a stored name into a
``tzinfo``, :func:`zone_label` shows it as people read it. City names in Russian and English
come from ``zones.yaml``. Every plugin that asks for or uses a member's time zone goes through
here, so they all understand the same words.
"""
from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ruamel.yaml import YAML

_ZONE_WORD = re.compile(r"[\w+\-−/':]+", re.UNICODE)  # keeps "UTC-3:30" and "UTC−3" whole
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?$")
_FIXED = re.compile(r"^UTC([+-])(\d{1,2}):(\d{2})$")  # the stored form of an offset that is not whole hours
ZONES_FILE = Path(__file__).parent / "zones.yaml"
ZONE_WORDS = 3  # the longest zone name in words ("saint petersburg", «нижний новгород», "new york city")


def normalized(text: str) -> str:
    """Lower case, single spaces, no trailing punctuation."""
    return " ".join(text.strip().lower().replace("ё", "е").split()).strip(".!?,;:)(")


@lru_cache(maxsize=1)
def _iana() -> dict[str, str]:
    names = {name.lower(): name for name in sorted(available_timezones()) if "/" in name or name == "UTC"}
    for name in sorted(names.values()):
        if name.count("/") == 1 and not name.startswith("Etc/"):
            names.setdefault(name.split("/")[1].lower(), name)
    return names


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    data = YAML(typ="safe").load(ZONES_FILE.read_text(encoding="utf-8")) or {}
    return {normalized(alias): zone for alias, zone in data.items()}


def parse_timezone(text: str) -> str | None:
    """The zone named in ``text`` (``Europe/Moscow``, ``Moscow``, ``Москва``, ``UTC+3``, ``UTC-3:30``) or None.

    A sentence is searched word by word (up to three words at a time).
    """
    whole = zone_named(text)
    if whole:
        return whole
    words = [w.strip("-'/:") for w in _ZONE_WORD.findall(text.lower().replace("ё", "е")) if w.strip("-'/:")]
    for size in range(ZONE_WORDS, 0, -1):
        for start in range(len(words) - size + 1):
            found = zone_named(" ".join(words[start:start + size]))
            if found:
                return found
    return None


def zone_at(words: list[str], index: int) -> tuple[str | None, int]:
    """The zone named by ``words`` from ``index`` on (the longest name first) and how many words it took."""
    for size in range(min(ZONE_WORDS, len(words) - index), 0, -1):
        found = zone_named(" ".join(words[index:index + size]))
        if found is not None:
            return found, size
    return None, 0


def zone_named(text: str) -> str | None:
    """The stored zone name for exactly ``text`` (a whole answer, not a sentence); else None.

    A fixed offset stays a fixed offset: ``UTC+3`` is ``Etc/GMT-3``, ``UTC-3:30`` is ``UTC-3:30``
    (never a city's zone, which may have summer time).
    """
    said = normalized(text)
    if not said:
        return None
    if said in ("utc", "gmt"):
        return "UTC"
    alias = _aliases().get(said)
    if alias:
        return alias
    named = _iana().get(said.replace(" ", "_"))
    if named:
        return named
    match = _OFFSET.match(said.replace("−", "-"))
    if match:
        return _offset_zone(1 if match.group(1) == "+" else -1, int(match.group(2)), int(match.group(3) or 0))
    return None


def _offset_zone(sign: int, hours: int, minutes: int) -> str | None:
    total = sign * (hours * 60 + minutes)
    if minutes % 15 or minutes > 45 or not -12 * 60 <= total <= 14 * 60:
        return None
    if total == 0:
        return "UTC"
    if minutes == 0:
        return f"Etc/GMT{'-' if sign > 0 else '+'}{hours}"  # POSIX signs are inverted
    return f"UTC{'+' if sign > 0 else '-'}{hours}:{minutes:02d}"


def zone_label(zone: str) -> str:
    """A time zone as people read it: ``Etc/GMT-3`` (inverted POSIX sign) becomes ``UTC+3``.

    Other fixed offsets are stored as people read them (``UTC-3:30``); IANA names stay as they are.
    """
    if zone.startswith("Etc/GMT") and len(zone) > 7:
        sign, hours = zone[7], zone[8:]
        return f"UTC{'+' if sign == '-' else '-'}{hours}"
    return zone


@lru_cache(maxsize=256)
def zone_info(zone: str) -> tzinfo:
    """The ``tzinfo`` of a stored zone name (see the module docstring); ``ValueError`` when unknown."""
    fixed = _FIXED.match(zone)
    if fixed:
        minutes = int(fixed.group(2)) * 60 + int(fixed.group(3))
        return timezone(timedelta(minutes=minutes if fixed.group(1) == "+" else -minutes), zone)
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValueError(f"unknown time zone {zone!r}") from exc
