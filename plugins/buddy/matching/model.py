"""Plain data types of the matching algorithms: who takes part, the knobs, what comes out."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import time

from samovar.core.timezones import zone_info


@dataclass(frozen=True, slots=True)
class WakingHours:
    """A daily window of local time when someone is glad to talk.

    ``end`` earlier than ``start`` means the window runs past midnight; equal
    ``start`` and ``end`` means the whole day.
    """

    start: time = time(9, 0)
    end: time = time(22, 0)

    def start_and_length(self) -> tuple[int, int]:
        """Minutes after local midnight where the window opens, and its length in minutes."""
        start = self.start.hour * 60 + self.start.minute
        end = self.end.hour * 60 + self.end.minute
        return start, (end - start) % 1440 or 1440


def _frozen(values: Iterable[str]) -> frozenset[str]:
    return values if isinstance(values, frozenset) else frozenset(values)


@dataclass(frozen=True, slots=True)
class Participant:
    """One member as the matching sees them.

    Give the time zone either as a fixed ``utc_offset_minutes`` or as an IANA
    ``timezone`` name (resolved at the round's reference time), not both.
    Unknown facts never exclude anyone: no languages stated matches every
    language, no time zone matches every waking window (with no bonus for
    overlap). Callers who know a community default should fill it in instead.
    """

    id: int
    languages: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    utc_offset_minutes: int | None = None
    timezone: str | None = None
    waking: WakingHours = field(default_factory=WakingHours)

    def __post_init__(self) -> None:
        object.__setattr__(self, "languages", _frozen(self.languages))
        object.__setattr__(self, "topics", _frozen(self.topics))
        if self.utc_offset_minutes is not None and self.timezone is not None:
            raise ValueError("give utc_offset_minutes or timezone, not both")
        if self.utc_offset_minutes is not None and not -1440 < self.utc_offset_minutes < 1440:
            raise ValueError(f"UTC offset out of range: {self.utc_offset_minutes} minutes")
        if self.timezone is not None:
            zone_info(self.timezone)


@dataclass(frozen=True, slots=True)
class MatchingConfig:
    """Rules and weights shared by coffee rounds and buddy ranking.

    Two people may meet when they share a language and are both awake for at
    least ``min_overlap_minutes`` a day. A pair's score is ``base_score +
    topic_weight * shared topics + overlap_weight * min(overlap,
    full_overlap_minutes) / full_overlap_minutes``. The last three fields
    tune the large-round heuristic: partners kept per person, how often a
    person is re-examined for improving exchanges, and the largest round
    solved exactly.
    """

    min_overlap_minutes: int = 60
    base_score: float = 1.0
    topic_weight: float = 1.0
    overlap_weight: float = 0.5
    full_overlap_minutes: int = 360
    candidates_per_person: int = 8
    improvement_passes: int = 6
    exact_limit: int = 16

    def __post_init__(self) -> None:
        if self.min_overlap_minutes < 0 or self.full_overlap_minutes <= 0:
            raise ValueError("overlap minutes must be positive")
        if self.base_score <= 0 or self.topic_weight < 0 or self.overlap_weight < 0:
            raise ValueError("base_score must be positive and weights non-negative")
        if self.candidates_per_person < 1:
            raise ValueError("candidates_per_person must be at least 1")
        if not 0 <= self.exact_limit <= 20:
            raise ValueError("exact_limit must be between 0 and 20 (exact grouping grows as 2^n)")


@dataclass(frozen=True, slots=True)
class Group:
    """One coffee group: a pair, or the round's single group of three.

    ``score`` is the sum of the group's pair scores divided by (size - 1).
    ``topics`` are the topics at least two members share, ``languages`` those
    every member speaks; ``awake_together_utc`` lists (start, end) minutes after
    UTC midnight when everyone is awake (empty when a time zone is unknown).
    """

    members: tuple[int, ...]
    score: float
    languages: frozenset[str]
    topics: frozenset[str]
    overlap_minutes: int | None
    awake_together_utc: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class RoundResult:
    """The groups of one round and everyone who could not be placed (never dropped)."""

    groups: tuple[Group, ...]
    unmatched: tuple[int, ...]

    @property
    def score(self) -> float:
        """Total score of all groups."""
        return sum(group.score for group in self.groups)


@dataclass(frozen=True, slots=True)
class Volunteer:
    """A member who offered to be a newcomer's buddy, with their current load."""

    member: Participant
    load: int = 0
    capacity: int = 2
    paused: bool = False


@dataclass(frozen=True, slots=True)
class BuddyCandidate:
    """A volunteer who may be asked, with the reasons they fit."""

    id: int
    topics: frozenset[str]
    languages: frozenset[str]
    overlap_minutes: int | None
    load: int
    capacity: int
