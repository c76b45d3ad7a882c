"""The console adapter: an in-process community used by the REPL, scenarios and tests.

Inbound, it simulates members (``join``, ``say``, ``dm_bot``, ``react`` ...);
outbound, it records every bot action as an :class:`Action` and tells listeners.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Callable

from samovar.core.adapter import DirectMessagesClosed, Standing
from samovar.core.config import Strict
from samovar.core.events import (MemberJoinedEvent, MemberLeftEvent, MemberRef, MessageDeletedEvent,
                                 MessageEditedEvent, MessageEvent, MessageRef, ReactionEvent, RoomRef,
                                 next_event_id)

if TYPE_CHECKING:
    from samovar.core.bot import Bot

PLATFORM = "console"


class ConsoleConfig(Strict):
    """Console settings: extra rooms, and members whose DMs are closed (to try fallbacks)."""

    rooms: list[str] = []
    dm_closed: list[str] = []


@dataclass(slots=True)
class Action:
    """One thing the bot did, as scenarios print it."""

    at: datetime
    action: str
    room: str | None
    to: str | None
    text: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form: ``at``, ``action``, ``platform``, ``room``, ``to``, ``text`` and extras."""
        data = {"at": self.at.isoformat(), "action": self.action, "platform": PLATFORM, "room": self.room, "to": self.to,
                "text": self.text}
        data.update(self.extra)
        return data


@dataclass(slots=True)
class _Posted:
    author: MemberRef | None
    room: RoomRef
    text: str


class ConsoleAdapter:
    """A community that lives in this process."""

    platform = PLATFORM
    config_model = ConsoleConfig

    def __init__(self, config: ConsoleConfig | None = None) -> None:
        self.config = config or ConsoleConfig()
        self.bot: Bot | None = None
        self.actions: list[Action] = []
        self.listeners: list[Callable[[Action], None]] = []
        self.members: dict[str, MemberRef] = {}
        self.present: set[str] = set()
        self._rooms: dict[str, RoomRef] = {}
        self._main_room = "general"
        self._messages: dict[str, _Posted] = {}
        self._last_in_room: dict[str, MessageRef] = {}
        self._ids = itertools.count(1)
        self.dm_closed = set(self.config.dm_closed)

    # ----- lifecycle -----------------------------------------------------------------------

    async def start(self, bot: "Bot") -> None:
        """Attach to the bot; rooms from config become known."""
        self.bot = bot
        self._main_room = bot.config.community.main_room
        for name in [self._main_room, *self.config.rooms]:
            self.room(name)
        if bot.config.community.moderators_room:
            self.room(bot.config.community.moderators_room)

    async def stop(self) -> None:
        """Nothing to disconnect."""

    # ----- references ----------------------------------------------------------------------

    def member(self, name: str) -> MemberRef:
        """The member called ``name`` (created on first mention)."""
        ref = self.members.get(name)
        if ref is None:
            ref = self.members[name] = MemberRef(PLATFORM, name, name)
        return ref

    def room(self, name: str | None = None) -> RoomRef:
        """The room called ``name`` (default: the community's main room)."""
        if name is None:
            name = self._main_room
        ref = self._rooms.get(name)
        if ref is None:
            ref = self._rooms[name] = RoomRef(PLATFORM, name, name)
        return ref

    def find_room(self, name_or_id: str) -> RoomRef | None:
        """A room by name (console rooms are created on demand)."""
        return self.room(name_or_id.lstrip("#"))

    def dm_room(self, name: str) -> RoomRef:
        """The private chat between ``name`` and the bot."""
        key = f"dm:{name}"
        ref = self._rooms.get(key)
        if ref is None:
            ref = self._rooms[key] = RoomRef(PLATFORM, key, key, is_direct=True)
        return ref

    def last_message(self, room: str | None = None) -> MessageRef | None:
        """The newest message in ``room`` (anyone's, the bot's included)."""
        return self._last_in_room.get(self.room(room).id)

    def author_of(self, message: MessageRef) -> MemberRef | None:
        """Who wrote ``message`` (None for the bot)."""
        posted = self._messages.get(message.id)
        return posted.author if posted else None

    def text_of(self, message: MessageRef) -> str | None:
        """The current text of ``message``."""
        posted = self._messages.get(message.id)
        return posted.text if posted else None

    def _post(self, author: MemberRef | None, room: RoomRef, text: str) -> MessageRef:
        ref = MessageRef(PLATFORM, room, f"m{next(self._ids)}")
        self._messages[ref.id] = _Posted(author, room, text)
        self._last_in_room[room.id] = ref
        return ref

    def _now(self) -> Any:
        assert self.bot is not None, "start the adapter first"
        return self.bot.clock.now()

    # ----- members acting (inbound) --------------------------------------------------------

    async def join(self, name: str) -> MemberRef:
        """``name`` joins the community."""
        member = self.member(name)
        self.present.add(name)
        await self.bot.dispatch(MemberJoinedEvent(next_event_id(), member, self._now(), self.room()))
        return member

    async def leave(self, name: str) -> None:
        """``name`` leaves the community."""
        self.present.discard(name)
        await self.bot.dispatch(MemberLeftEvent(next_event_id(), self.member(name), self._now(), self.room()))

    async def say(self, name: str, text: str, room: str | None = None, reply_to: MessageRef | None = None,
                  thread: str | None = None) -> MessageRef:
        """``name`` writes ``text`` in ``room``."""
        member = self.member(name)
        target = self.room(room)
        ref = self._post(member, target, text)
        bot = self.bot  # the busiest path: no helper calls (each costs about as much as a dict lookup or two)
        await bot.dispatcher.dispatch(MessageEvent(next_event_id(), member, target, ref, text, bot.clock.now(),
                                                   reply_to, thread))
        return ref

    async def dm_bot(self, name: str, text: str) -> MessageRef:
        """``name`` writes ``text`` to the bot privately."""
        member = self.member(name)
        target = self.dm_room(name)
        ref = self._post(member, target, text)
        await self.bot.dispatch(MessageEvent(next_event_id(), member, target, ref, text, self._now()))
        return ref

    async def add_reaction(self, name: str, emoji: str, to: MessageRef | None = None, room: str | None = None,
                           remove: bool = False) -> MessageRef | None:
        """``name`` adds (or removes) ``emoji`` on ``to`` (default: the last message in ``room``)."""
        target = to or self.last_message(room)
        if target is None:
            return None
        await self.bot.dispatch(ReactionEvent(next_event_id(), self.member(name), target, emoji, not remove,
                                              self._now(), self.author_of(target)))
        return target

    async def edit(self, name: str, message: MessageRef, text: str) -> None:
        """``name`` edits their ``message``."""
        posted = self._messages[message.id]
        posted.text = text
        await self.bot.dispatch(MessageEditedEvent(next_event_id(), self.member(name), message, text, self._now()))

    async def remove_message(self, name: str, message: MessageRef) -> None:
        """``name`` deletes their ``message``."""
        self._messages.pop(message.id, None)
        await self.bot.dispatch(MessageDeletedEvent(next_event_id(), message, self._now(), self.member(name)))

    # ----- the bot acting (outbound) --------------------------------------------------------

    def _record(self, action: Action) -> None:
        self.actions.append(action)
        for listener in self.listeners:
            listener(action)

    async def send(self, room: RoomRef, text: str, *, reply_to: MessageRef | None = None,
                   thread: str | None = None) -> MessageRef:
        """Record a message in ``room``; a reply names the member replied to in ``to``."""
        ref = self._post(None, room, text)
        extra: dict[str, Any] = {"message": ref.id}
        to = None
        if reply_to is not None:
            extra["reply_to"] = reply_to.id
            author = self.author_of(reply_to)
            to = author.id if author else None
        if thread:
            extra["thread"] = thread
        if room.is_direct:
            self._record(Action(self._now(), "dm", None, room.id.removeprefix("dm:"), text, extra))
        else:
            self._record(Action(self._now(), "send", room.name, to, text, extra))
        return ref

    async def dm(self, member: MemberRef, text: str) -> MessageRef:
        """Record a private message, or refuse if the member's DMs are closed."""
        if member.id in self.dm_closed:
            raise DirectMessagesClosed(member.id)
        ref = self._post(None, self.dm_room(member.id), text)
        self._record(Action(self._now(), "dm", None, member.id, text, {"message": ref.id}))
        return ref

    async def react(self, message: MessageRef, emoji: str) -> None:
        """Record the bot's reaction."""
        author = self.author_of(message)
        self._record(Action(self._now(), "react", _room_label(message.room),
                            author.id if author else None, emoji, {"message": message.id}))

    async def delete(self, message: MessageRef, reason: str | None = None) -> None:
        """Record a deletion."""
        author = self.author_of(message)
        self._messages.pop(message.id, None)
        self._record(Action(self._now(), "delete", _room_label(message.room),
                            author.id if author else None, None, {"message": message.id, "reason": reason}))

    async def timeout(self, member: MemberRef, duration: timedelta, reason: str | None = None) -> None:
        """Record a timeout."""
        self._record(Action(self._now(), "timeout", None, member.id, None,
                            {"seconds": int(duration.total_seconds()), "reason": reason}))

    async def standing(self, member: MemberRef, room: RoomRef | None) -> Standing:
        """Console members have no platform roles: permissions come from config ids."""
        return Standing()

    def mention(self, member: MemberRef) -> str:
        """``@name``."""
        return f"@{member.id}"

    def parse_mention(self, text: str) -> MemberRef | None:
        """``@name`` -> that member."""
        if text.startswith("@") and len(text) > 1:
            return self.member(text[1:])
        return None


def _room_label(room: RoomRef) -> str | None:
    return None if room.is_direct else room.name
