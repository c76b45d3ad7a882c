"""Recent room messages kept briefly in memory, so a member can mark one as a win with a reaction.

Reactions carry no text; this remembers the last messages seen in rooms (never
direct messages) for a bounded time and count, and never writes them anywhere.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

from samovar.core.events import MemberRef, MessageRef

DEFAULT_CAPACITY = 5000


@dataclass(slots=True)
class Seen:
    """A message as it was last seen."""

    author: MemberRef
    text: str
    at: datetime


_Kept = tuple[MemberRef, str, datetime]  # author, text, when: a tuple is the cheapest thing to make per message


class RecentMessages:
    """A bounded, time-limited memory of room messages by ``(platform, message id)``.

    Every room message passes here, so keeping one costs a tuple, a dict entry and a place in the
    line of arrival; the oldest arrival is dropped when ``capacity`` are kept.
    """

    def __init__(self, keep_for: timedelta, capacity: int = DEFAULT_CAPACITY) -> None:
        self.keep_for = keep_for
        self.capacity = capacity
        self._seen: dict[tuple[str, str], _Kept] = {}
        self._arrivals: deque[tuple[str, str]] = deque()

    def remember(self, message: MessageRef, author: MemberRef, text: str, at: datetime) -> None:
        """Keep ``text`` of ``message`` (the oldest is dropped when full)."""
        key = (message.platform, message.id)
        seen = self._seen
        if key not in seen:
            arrivals = self._arrivals
            arrivals.append(key)
            if len(arrivals) > self.capacity:
                seen.pop(arrivals.popleft(), None)  # (gone already when that message was deleted)
        seen[key] = (author, text, at)

    def get(self, message: MessageRef, now: datetime) -> Seen | None:
        """The message if still remembered and not older than ``keep_for``."""
        kept = self._seen.get((message.platform, message.id))
        if kept is None or now - kept[2] > self.keep_for:
            return None
        return Seen(*kept)

    def edited(self, message: MessageRef, text: str) -> None:
        """The author changed the text."""
        key = (message.platform, message.id)
        kept = self._seen.get(key)
        if kept is not None:
            self._seen[key] = (kept[0], text, kept[2])

    def forget_message(self, message: MessageRef) -> None:
        """The message was deleted."""
        self._seen.pop((message.platform, message.id), None)

    def forget_author(self, authors: list[MemberRef]) -> None:
        """Drop everything written by these identities."""
        gone = set(authors)
        for key in [k for k, (author, _, _) in self._seen.items() if author in gone]:
            del self._seen[key]
