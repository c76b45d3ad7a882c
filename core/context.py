"""What a hook or command handler receives: the event, and ways to answer."""
from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any, Sequence

from .events import MemberRef, MessageRef, RoomRef
from .permissions import Role

if TYPE_CHECKING:
    from .bot import Bot


class Context:
    """Answering the person and room an event came from (reply, dm, react, delete, t())."""

    __slots__ = ("bot", "event", "member", "room", "message", "thread")

    def __init__(self, bot: "Bot", event: Any, member: MemberRef | None = None, room: RoomRef | None = None,
                 message: MessageRef | None = None) -> None:
        self.bot = bot
        self.event = event
        self.member: MemberRef | None = member if member is not None else getattr(event, "member", None)
        self.room: RoomRef | None = room if room is not None else getattr(event, "room", None)
        self.message: MessageRef | None = message if message is not None else getattr(event, "message", None)
        if self.room is None and self.message is not None:
            self.room = self.message.room
        self.thread: str | None = getattr(event, "thread", None)

    @property
    def lang(self) -> str:
        """The language to answer in: the member's choice, else what they last wrote to the bot in, else the
        room's, else the community's."""
        return self.bot.language_for(self.member, self.room)

    def t(self, key: str, /, **values: Any) -> str:
        """Translate ``key`` into :attr:`lang`."""
        return self.bot.catalog.t(key, self.lang, **values)

    async def reply(self, text: str) -> MessageRef | None:
        """Answer in the same room (and thread), referencing the member's message."""
        if self.room is None:
            return None
        return await self.bot.send(self.room, text, reply_to=self.message, thread=self.thread)

    async def send(self, text: str, room: RoomRef | None = None) -> MessageRef | None:
        """Post in ``room`` (default: the event's room) without a reply reference."""
        target = room or self.room
        return None if target is None else await self.bot.send(target, text, thread=self.thread)

    async def dm(self, text: str, member: MemberRef | None = None) -> MessageRef | None:
        """Write privately to ``member`` (default: the event's member); None if their DMs are closed."""
        target = member or self.member
        return None if target is None else await self.bot.dm(target, text)

    async def answer_privately(self, messages: str | Sequence[str], note: str, *, closed: str | None = None,
                               in_place: bool = False) -> bool:
        """Say ``messages`` to the member privately; True when they got them.

        In a private chat (or ``in_place``, such as the moderators' room for a moderators' list) they are
        simply the answer. Asked in a room, they go by DM and the room reads only ``note``, a line that
        names nobody, or ``closed`` when the member's DMs are closed (default: how to open them).
        """
        parts = [messages] if isinstance(messages, str) else list(messages)
        if in_place or (self.room is not None and self.room.is_direct):
            for part in parts:
                await self.reply(part)
            return True
        if not parts or await self.dm(parts[0]) is None:
            await self.reply(closed if closed is not None else self.t("core.dm_closed"))
            return False
        for part in parts[1:]:
            await self.dm(part)
        await self.reply(note)
        return True

    async def react(self, emoji: str, message: MessageRef | None = None) -> bool:
        """React to ``message`` (default: the event's message)."""
        target = message or self.message
        return False if target is None else await self.bot.react(target, emoji)

    async def delete(self, message: MessageRef | None = None, reason: str | None = None) -> bool:
        """Delete ``message`` (default: the event's message) if the bot may."""
        target = message or self.message
        return False if target is None else await self.bot.delete(target, reason)

    async def timeout(self, member: MemberRef, duration: timedelta, reason: str | None = None) -> bool:
        """Silence ``member`` for ``duration`` where the platform allows it."""
        return await self.bot.timeout(member, duration, reason)

    def mention(self, member: MemberRef | None = None) -> str:
        """Text that mentions ``member`` (default: the event's member) on their platform."""
        target = member or self.member
        return "" if target is None else self.bot.mention(target)

    async def member_id(self, member: MemberRef | None = None) -> int:
        """The samovar member id (stable across platforms) of ``member``."""
        target = member or self.member
        if target is None:
            raise ValueError("this event has no member")
        return await self.bot.members.resolve(target)

    async def role(self) -> Role:
        """The member's role here (member / moderator / admin)."""
        if self.member is None:
            return Role.MEMBER
        return await self.bot.role_of(self.member, self.room)
