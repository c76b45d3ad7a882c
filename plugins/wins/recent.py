"""Recent room messages kept briefly in memory, so a member can mark one as a win with a reaction.

Reactions carry no text; this remembers the last messages seen in rooms (never
direct messages) for a bounded time and count, and never writes them anywhere.
"""
from __future__ import annotations

from collections import OrderedDict
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


class RecentMessages:
    """A bounded, time-limited memory of room messages by ``(platform, message id)``."""

    def __init__(self, keep_for: timedelta, capacity: int = DEFAULT_CAPACITY) -> None:
        self.keep_for = keep_for
        self.capacity = capacity
        self._seen: OrderedDict[tuple[str, str], Seen] = OrderedDict()

    def remember(self, message: MessageRef, author: MemberRef, text: str, at: datetime) -> None:
        """Keep ``text`` of ``message`` (the oldest is dropped when full)."""
        key = (message.platform, message.id)
        seen = self._seen
        if key in seen:
            seen.move_to_end(key)
        seen[key] = Seen(author, text, at)
        if len(seen) > self.capacity:
            seen.popitem(last=False)

    def get(self, message: MessageRef, now: datetime) -> Seen | None:
        """The message if still remembered and not older than ``keep_for``."""
        seen = self._seen.get((message.platform, message.id))
        if seen is None or now - seen.at > self.keep_for:
            return None
        return seen

    def edited(self, message: MessageRef, text: str) -> None:
        """The author changed the text."""
        seen = self._seen.get((message.platform, message.id))
        if seen is not None:
            seen.text = text

    def forget_message(self, message: MessageRef) -> None:
        """The message was deleted."""
        self._seen.pop((message.platform, message.id), None)

    def forget_author(self, authors: list[MemberRef]) -> None:
        """Drop everything written by these identities."""
        gone = set(authors)
        for key in [k for k, seen in self._seen.items() if seen.author in gone]:
            del self._seen[key]
