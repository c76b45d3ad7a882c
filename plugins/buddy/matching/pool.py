"""A round's participants compiled into bit masks and classes, so checks and scores are cheap.

People with the same language set and the same UTC waking window form a
*class*; whether two people may meet, and the overlap part of their score,
depend only on their classes and are worked out once per pair of classes
that actually meet (``links``). Topics and languages are bit masks, waking
windows 1440-bit masks of UTC minutes, recent partners a set per person.
Everything is indexed by position in ``Pool.people`` (sorted by id).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from .model import Group, MatchingConfig, Participant, WakingHours
from .waking import Intervals, intersect, participant_window

NOT_ALLOWED = -1.0
"""Value of ``Pool.links`` for two classes that may not meet."""


def _bits(names: Iterable[str]) -> dict[str, int]:
    return {name: 1 << position for position, name in enumerate(sorted(names))}


def _mask(values: frozenset[str], bits: dict[str, int]) -> int:
    mask = 0
    for value in values:
        mask |= bits[value]
    return mask


def _minutes_mask(window: Intervals | None) -> int | None:
    if window is None:
        return None
    mask = 0
    for start, end in window:
        mask |= ((1 << (end - start)) - 1) << start
    return mask


class Pool:
    """Participants of one round with fast pair checks and scores."""

    def __init__(self, participants: Sequence[Participant], recent_groups: Iterable[Iterable[int]],
                 config: MatchingConfig, at: datetime) -> None:
        self.config = config
        self.people = sorted(participants, key=lambda person: person.id)
        self.ids = [person.id for person in self.people]
        position = {member_id: index for index, member_id in enumerate(self.ids)}
        if len(position) != len(self.ids):
            raise ValueError("participant ids must be unique")
        self.size = len(self.ids)
        self.topic_bits = _bits(set().union(*(p.topics for p in self.people)))
        self.language_bits = _bits(set().union(*(p.languages for p in self.people)))
        self.topics = [_mask(p.topics, self.topic_bits) for p in self.people]
        self.languages = [_mask(p.languages, self.language_bits) for p in self.people]
        self._build_classes(at)
        self.recent: list[set[int] | None] = [None] * self.size
        for group in recent_groups:
            members = sorted({position[m] for m in group if m in position})
            for first in members:
                for second in members:
                    if first != second:
                        partners = self.recent[first]
                        if partners is None:
                            partners = self.recent[first] = set()
                        partners.add(second)

    def _build_classes(self, at: datetime) -> None:
        window_ids: dict[Intervals | None, int] = {}
        class_ids: dict[tuple[int, int], int] = {}
        self.windows: list[Intervals | None] = []
        self.class_of: list[int] = []
        self.class_keys: list[tuple[int, int]] = []  # (language mask, window id)
        seen_windows: dict[tuple[int | None, str | None, WakingHours], Intervals | None] = {}
        for person, languages in zip(self.people, self.languages):
            window_key = (person.utc_offset_minutes, person.timezone, person.waking)
            if window_key in seen_windows:
                window = seen_windows[window_key]
            else:
                window = seen_windows[window_key] = participant_window(person, at)
            window_id = window_ids.setdefault(window, len(window_ids))
            if window_id == len(self.windows):
                self.windows.append(window)
            class_id = class_ids.setdefault((languages, window_id), len(class_ids))
            if class_id == len(self.class_keys):
                self.class_keys.append((languages, window_id))
            self.class_of.append(class_id)
        self.awake_masks = [_minutes_mask(window) for window in self.windows]
        self.class_count = len(self.class_keys)
        self.class_members: list[list[int]] = [[] for _ in self.class_keys]
        for index, class_id in enumerate(self.class_of):
            self.class_members[class_id].append(index)
        self.links: dict[int, float] = {}
        """``first class * class_count + second class`` -> overlap bonus, or ``NOT_ALLOWED``."""
        self._linked_classes: dict[int, list[int]] = {}
        self._window_rows: dict[int, list[float]] = {}

    def _window_link(self, awake_a: int | None, awake_b: int | None) -> float:
        if awake_a is None or awake_b is None:
            return 0.0
        config = self.config
        minutes = (awake_a & awake_b).bit_count()
        if minutes < config.min_overlap_minutes:
            return NOT_ALLOWED
        return config.overlap_weight * min(minutes, config.full_overlap_minutes) / config.full_overlap_minutes

    def class_link(self, first: int, second: int) -> float:
        """Overlap bonus of two classes, or ``NOT_ALLOWED`` (memoised in ``links``)."""
        key = first * self.class_count + second
        value = self.links.get(key)
        if value is not None:
            return value
        languages_a, window_a = self.class_keys[first]
        languages_b, window_b = self.class_keys[second]
        if languages_a and languages_b and not languages_a & languages_b:
            value = NOT_ALLOWED
        else:
            value = self._window_link(self.awake_masks[window_a], self.awake_masks[window_b])
        self.links[key] = value
        self.links[second * self.class_count + first] = value
        return value

    def linked_classes(self, class_id: int) -> list[int]:
        """Every class whose members may meet members of ``class_id`` (memoised)."""
        linked = self._linked_classes.get(class_id)
        if linked is None:
            languages, window = self.class_keys[class_id]
            window_row = self._window_rows.get(window)
            if window_row is None:
                awake = self.awake_masks[window]
                window_row = self._window_rows[window] = [self._window_link(awake, other)
                                                          for other in self.awake_masks]
            linked = [other for other, (other_languages, other_window) in enumerate(self.class_keys)
                      if (not languages or not other_languages or languages & other_languages)
                      and window_row[other_window] >= 0]
            self._linked_classes[class_id] = linked
        return linked

    def window_of(self, index: int) -> Intervals | None:
        """The UTC waking window of person ``index`` (``None`` when unknown)."""
        return self.windows[self.class_keys[self.class_of[index]][1]]

    def score(self, first: int, second: int) -> float | None:
        """The pair's score, or ``None`` when the pair is not allowed."""
        class_a, class_b = self.class_of[first], self.class_of[second]
        link = self.links.get(class_a * self.class_count + class_b)
        if link is None:
            link = self.class_link(class_a, class_b)
        if link < 0 or first == second:
            return None
        recent = self.recent[first]
        if recent is not None and second in recent:
            return None
        config = self.config
        return config.base_score + config.topic_weight * (self.topics[first] & self.topics[second]).bit_count() + link

    def triple_allowed(self, a: int, b: int, c: int) -> bool:
        """Whether three people may form a group: pairwise allowed, one common language, common hours."""
        if self.score(a, b) is None or self.score(a, c) is None or self.score(b, c) is None:
            return False
        common_languages = common_awake = -1
        for index in (a, b, c):
            if self.languages[index]:
                common_languages &= self.languages[index]
            awake = self.awake_masks[self.class_keys[self.class_of[index]][1]]
            if awake is not None:
                common_awake &= awake
        if not common_languages:
            return False
        return common_awake == -1 or common_awake.bit_count() >= self.config.min_overlap_minutes

    def group_score(self, members: Sequence[int]) -> float:
        """The group's score: the sum of its pair scores divided by (size - 1).

        For a pair that is the pair's score; for three people it is half the
        sum of their three pair scores, so a group of three counts like one
        and a half pairs of the same quality (each member's average pair
        score, summed, counts as much as in a pair).
        """
        total = 0.0
        for position, first in enumerate(members):
            for second in members[position + 1:]:
                pair = self.score(first, second)
                assert pair is not None
                total += pair
        return total / (len(members) - 1)

    def describe(self, members: Sequence[int]) -> Group:
        """The public ``Group`` for people at positions ``members``."""
        languages = -1
        windows = [self.window_of(index) for index in members]
        window: Intervals | None = windows[0]
        for other in windows[1:]:
            window = None if window is None or other is None else intersect(window, other)
        seen_topics = shared_topics = 0
        for index in members:
            if self.languages[index]:
                languages &= self.languages[index]
            shared_topics |= seen_topics & self.topics[index]
            seen_topics |= self.topics[index]
        if languages == -1:
            languages = 0
        return Group(
            members=tuple(sorted(self.ids[index] for index in members)),
            score=self.group_score(members),
            languages=frozenset(name for name, bit in self.language_bits.items() if languages & bit),
            topics=frozenset(name for name, bit in self.topic_bits.items() if shared_topics & bit),
            overlap_minutes=None if window is None else sum(end - start for start, end in window),
            awake_together_utc=window or (),
        )
