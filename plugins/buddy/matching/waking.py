"""Waking windows as sets of minutes on the UTC day, and how much two or three overlap."""
from __future__ import annotations

from datetime import UTC, datetime

from samovar.core.timezones import zone_info

from .model import Participant, WakingHours

DAY_MINUTES = 1440

Intervals = tuple[tuple[int, int], ...]
"""Disjoint, sorted (start, end) minute ranges inside one UTC day."""


def utc_offset_minutes(participant: Participant, at: datetime) -> int | None:
    """The participant's offset from UTC at instant ``at``; ``None`` when unknown."""
    if participant.utc_offset_minutes is not None:
        return participant.utc_offset_minutes
    if participant.timezone is None:
        return None
    offset = at.astimezone(zone_info(participant.timezone)).utcoffset()
    assert offset is not None
    return int(offset.total_seconds()) // 60


def utc_window(waking: WakingHours, offset: int) -> Intervals:
    """The waking window of someone at UTC ``offset`` as UTC minute ranges (1 or 2 pieces)."""
    start, length = waking.start_and_length()
    start = (start - offset) % DAY_MINUTES
    end = start + length
    if end <= DAY_MINUTES:
        return ((start, end),)
    return ((0, end - DAY_MINUTES), (start, DAY_MINUTES))


def participant_window(participant: Participant, at: datetime) -> Intervals | None:
    """The participant's waking window in UTC at ``at``; ``None`` when the time zone is unknown."""
    offset = utc_offset_minutes(participant, at)
    return None if offset is None else utc_window(participant.waking, offset)


def intersect(first: Intervals | None, second: Intervals | None) -> Intervals | None:
    """Minutes in both windows; an unknown (``None``) window constrains nothing."""
    if first is None:
        return second
    if second is None:
        return first
    pieces = []
    for start_a, end_a in first:
        for start_b, end_b in second:
            start, end = max(start_a, start_b), min(end_a, end_b)
            if start < end:
                pieces.append((start, end))
    pieces.sort()
    return tuple(pieces)


def shared_minutes(first: Intervals | None, second: Intervals | None) -> int | None:
    """Minutes two people are both awake; ``None`` when either time zone is unknown."""
    if first is None or second is None:
        return None
    return sum(end - start for start, end in intersect(first, second) or ())


def now_utc() -> datetime:
    """The current instant, used when no reference time is given."""
    return datetime.now(UTC)
