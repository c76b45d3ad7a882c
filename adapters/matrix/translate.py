"""Matrix room events (as JSON sources) to samovar core events.

``m.text``/``m.emote`` messages become :class:`MessageEvent` (``m.notice`` is what
bots send and is ignored), edits (``m.replace``) :class:`MessageEditedEvent`,
``m.reaction`` :class:`ReactionEvent`, a redaction of a reaction "reaction
removed" and of anything else :class:`MessageDeletedEvent`, membership changes
in group rooms member joined/left.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from samovar.core.events import (
    MemberJoinedEvent,
    MemberLeftEvent,
    MemberRef,
    MessageDeletedEvent,
    MessageEditedEvent,
    MessageEvent,
    MessageRef,
    ReactionEvent,
    RoomRef,
    next_event_id,
)

from .state import AdapterState, Reaction
from .text import incoming_text

PLATFORM = "matrix"
TEXT_TYPES = ("m.text", "m.emote")
AUTHORS_KEPT = 10_000


class RoomLookup(Protocol):
    """What the translator needs to know about rooms and members."""

    def room_ref(self, room_id: str) -> RoomRef:
        """The core reference of a room."""

    def member_ref(self, user_id: str, room_id: str | None = None, name: str | None = None) -> MemberRef:
        """The core reference of a user (display name from the room when known)."""


class AuthorIndex:
    """Who wrote recent messages (for ``ReactionEvent.message_author``); asks the server otherwise."""

    def __init__(self, fetch: Callable[[str, str], Awaitable[str | None]]) -> None:
        self._fetch = fetch
        self._known: OrderedDict[str, str] = OrderedDict()

    def remember(self, event_id: str, sender: str) -> None:
        """Note the sender of ``event_id``."""
        self._known[event_id] = sender
        if len(self._known) > AUTHORS_KEPT:
            self._known.popitem(last=False)

    def cached(self, event_id: str) -> str | None:
        """The sender of ``event_id`` if it is remembered (no request)."""
        return self._known.get(event_id)

    async def author(self, room_id: str, event_id: str) -> str | None:
        """The sender of ``event_id`` (None when it cannot be found)."""
        sender = self._known.get(event_id)
        if sender is None:
            sender = await self._fetch(room_id, event_id)
            if sender:
                self.remember(event_id, sender)
        return sender


class EventTranslator:
    """Turns one event source of one room into zero or one core event."""

    def __init__(self, rooms: RoomLookup, authors: AuthorIndex, state: AdapterState,
                 now: Callable[[], Any]) -> None:
        self.rooms = rooms
        self.authors = authors
        self.state = state
        self.now = now

    async def translate(self, room_id: str, source: dict[str, Any], direct: bool) -> Any | None:
        """The core event for ``source`` in ``room_id``, or None when the bot has nothing to report."""
        kind = source.get("type")
        content = source.get("content") or {}
        sender = source.get("sender", "")
        if kind == "m.room.message":
            return self._message(room_id, source, content, sender)
        if kind == "m.reaction":
            return await self._reaction(room_id, source, content, sender)
        if kind == "m.room.redaction":
            return self._redaction(room_id, source, content, sender)
        if kind == "m.room.member" and not direct:
            return self._membership(room_id, source, content)
        return None

    def _ref(self, room_id: str, event_id: str) -> MessageRef:
        return MessageRef(PLATFORM, self.rooms.room_ref(room_id), event_id)

    def _message(self, room_id: str, source: dict[str, Any], content: dict[str, Any], sender: str) -> Any | None:
        if content.get("msgtype") not in TEXT_TYPES:
            return None
        relates = content.get("m.relates_to") or {}
        member = self.rooms.member_ref(sender, room_id)
        if relates.get("rel_type") == "m.replace" and relates.get("event_id"):
            new = content.get("m.new_content") or {}
            return MessageEditedEvent(next_event_id(), member, self._ref(room_id, relates["event_id"]),
                                      incoming_text(new) if new else incoming_text(content), self.now())
        event_id = source["event_id"]
        self.authors.remember(event_id, sender)
        thread = relates.get("event_id") if relates.get("rel_type") == "m.thread" else None
        reply_to = None
        in_reply = (relates.get("m.in_reply_to") or {}).get("event_id")
        if in_reply and not relates.get("is_falling_back"):
            reply_to = self._ref(room_id, in_reply)
        room = self.rooms.room_ref(room_id)
        return MessageEvent(next_event_id(), member, room, MessageRef(PLATFORM, room, event_id),
                            incoming_text(content), self.now(), reply_to, thread)

    async def _reaction(self, room_id: str, source: dict[str, Any], content: dict[str, Any],
                        sender: str) -> ReactionEvent | None:
        relates = content.get("m.relates_to") or {}
        target, key = relates.get("event_id"), relates.get("key")
        if relates.get("rel_type") != "m.annotation" or not target or not key:
            return None
        self.state.add_reaction(source["event_id"], Reaction(room_id, target, key, sender))
        author = await self.authors.author(room_id, target)
        return ReactionEvent(next_event_id(), self.rooms.member_ref(sender, room_id), self._ref(room_id, target),
                             key, True, self.now(), self.rooms.member_ref(author, room_id) if author else None)

    def _redaction(self, room_id: str, source: dict[str, Any], content: dict[str, Any], sender: str) -> Any | None:
        redacts = source.get("redacts") or content.get("redacts")
        if not redacts:
            return None
        reaction = self.state.pop_reaction(redacts)
        if reaction is not None:
            author = self.authors.cached(reaction.target)
            return ReactionEvent(next_event_id(), self.rooms.member_ref(reaction.sender, room_id),
                                 self._ref(room_id, reaction.target), reaction.key, False, self.now(),
                                 self.rooms.member_ref(author, room_id) if author else None)
        return MessageDeletedEvent(next_event_id(), self._ref(room_id, redacts), self.now(),
                                   self.rooms.member_ref(sender, room_id))

    def _membership(self, room_id: str, source: dict[str, Any], content: dict[str, Any]) -> Any | None:
        user = source.get("state_key")
        if not user:
            return None
        now_in = content.get("membership")
        before = ((source.get("unsigned") or {}).get("prev_content") or {}).get("membership")
        room = self.rooms.room_ref(room_id)
        if now_in == "join" and before != "join":
            return MemberJoinedEvent(next_event_id(), self.rooms.member_ref(user, room_id, content.get("displayname")),
                                     self.now(), room)
        if now_in in ("leave", "ban") and before == "join":
            return MemberLeftEvent(next_event_id(), self.rooms.member_ref(user, room_id), self.now(), room)
        return None
