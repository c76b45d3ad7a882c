"""Choosing a senior buddy for a newcomer among the volunteers."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .model import BuddyCandidate, MatchingConfig, Participant, Volunteer
from .waking import now_utc, participant_window, shared_minutes


def rank_buddies(newcomer: Participant, volunteers: Iterable[Volunteer], history: Iterable[int] = (), *,
                 at: datetime | None = None, config: MatchingConfig | None = None) -> list[BuddyCandidate]:
    """Volunteers who may be asked to be ``newcomer``'s buddy, best first.

    Left out: the newcomer themself, paused volunteers, volunteers at
    capacity, anyone in ``history`` (buddies the newcomer already had, who
    declined, or whom the newcomer asked to change), and volunteers with no
    language in common (when both stated languages). Order: waking hours that
    overlap by ``config.min_overlap_minutes`` first, then more shared topics,
    then lower current load, then longer overlap, then member id.
    """
    config = config or MatchingConfig()
    moment = at or now_utc()
    excluded = set(history)
    excluded.add(newcomer.id)
    newcomer_window = participant_window(newcomer, moment)
    ranked: list[tuple[tuple[bool, int, int, int, int], BuddyCandidate]] = []
    for volunteer in volunteers:
        member = volunteer.member
        if member.id in excluded or volunteer.paused or volunteer.load >= volunteer.capacity:
            continue
        excluded.add(member.id)
        languages = newcomer.languages & member.languages
        if newcomer.languages and member.languages and not languages:
            continue
        overlap = shared_minutes(newcomer_window, participant_window(member, moment))
        awake_together = overlap is None or overlap >= config.min_overlap_minutes
        topics = newcomer.topics & member.topics
        candidate = BuddyCandidate(
            id=member.id, topics=topics, languages=languages or newcomer.languages or member.languages,
            overlap_minutes=overlap, load=volunteer.load, capacity=volunteer.capacity)
        useful_overlap = min(overlap or 0, config.full_overlap_minutes)
        ranked.append(((not awake_together, -len(topics), volunteer.load, -useful_overlap, member.id), candidate))
    ranked.sort(key=lambda entry: entry[0])
    return [candidate for _, candidate in ranked]


# why a newcomer has no buddy yet
NOBODY, BUSY, HAD_ALL, LANGUAGE = "nobody", "busy", "had_all", "language"


@dataclass(frozen=True, slots=True)
class Unmatched:
    """Why :func:`rank_buddies` found nobody for a newcomer.

    ``reason`` is one of ``nobody`` (no active volunteer but the newcomer),
    ``busy`` (every active volunteer is at capacity), ``had_all`` (every free
    volunteer is in the newcomer's history) or ``language`` (the free
    volunteers left share no language with the newcomer; ``spoken`` holds the
    languages they speak).
    """

    reason: str
    spoken: frozenset[str] = frozenset()


def why_unmatched(newcomer: Participant, volunteers: Iterable[Volunteer],
                  history: Iterable[int] = ()) -> Unmatched | None:
    """Why nobody in ``volunteers`` may be ``newcomer``'s buddy; None when someone may.

    Uses the same rules as :func:`rank_buddies`, so ``why_unmatched(...) is None``
    exactly when ``rank_buddies`` returns someone.
    """
    others = [v for v in volunteers if v.member.id != newcomer.id and not v.paused]
    free = [v for v in others if v.load < v.capacity]
    if not free:
        return Unmatched(BUSY if others else NOBODY)
    excluded = set(history)
    new = [v for v in free if v.member.id not in excluded]
    if not new:
        return Unmatched(HAD_ALL)
    if not newcomer.languages or any(not v.member.languages or newcomer.languages & v.member.languages
                                     for v in new):
        return None
    return Unmatched(LANGUAGE, frozenset().union(*(v.member.languages for v in new)))
