"""Discord gateway events turned into core events and handed to ``bot.dispatch``.

The bot's own messages and reactions, other bots, webhooks, system messages
and servers that are not served are ignored. A message that starts with a
mention of the bot followed by a command (``@samovar help``) is read as that
prefix command, so commands also work without the Message Content intent.
"""
from __future__ import annotations

import asyncio
import functools
import logging
from types import TracebackType
from typing import TYPE_CHECKING, Any, Awaitable, Callable, TypeVar

import discord

from samovar.core.events import (MemberJoinedEvent, MemberLeftEvent, MemberRef, MessageDeletedEvent,
                                 MessageEditedEvent, MessageEvent, MessageRef, ReactionEvent, RoomRef,
                                 next_event_id)

from .refs import PLATFORM, location, member_ref, room_ref

if TYPE_CHECKING:
    from samovar.core.bot import Bot

    from .adapter import DiscordAdapter

log = logging.getLogger("samovar.adapters.discord")
CONVERSATION = (discord.MessageType.default, discord.MessageType.reply)
F = TypeVar("F", bound=Callable[..., Awaitable[None]])


class _Handling:
    """``with _Handling(bridge, "event"):`` counts the task as in flight and logs (never raises) failures.

    A plain context manager, so that the busiest handler (messages) uses it
    without a wrapping coroutine.
    """

    __slots__ = ("bridge", "event", "task")

    def __init__(self, bridge: "EventBridge", event: str) -> None:
        self.bridge = bridge
        self.event = event
        self.task: asyncio.Task[Any] | None = None

    def __enter__(self) -> None:
        self.task = asyncio.current_task()
        if self.task is not None:
            self.bridge.in_flight.add(self.task)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> bool:
        self.bridge.in_flight.discard(self.task)  # type: ignore[arg-type]
        if isinstance(exc, Exception):
            log.error("failed to handle a Discord event", exc_info=(kind, exc, traceback),  # type: ignore[arg-type]
                      extra={"discord_event": self.event})
            return True
        return False


def _safely(handler: F) -> F:
    """Log (never raise) failures, naming the Discord event."""

    @functools.wraps(handler)
    async def wrapper(self: "EventBridge", *args: Any, **kwargs: Any) -> None:
        if self.closing:
            return
        with _Handling(self, handler.__name__):
            await handler(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


class EventBridge:
    """Receives the client's events (see ``client._Forwarding``) and dispatches core events."""

    def __init__(self, adapter: "DiscordAdapter") -> None:
        self.adapter = adapter
        self.client: discord.Client | None = None
        self.closing = False
        self.in_flight: set[asyncio.Task[Any]] = set()
        self._locations: dict[int, tuple[RoomRef, RoomRef, str | None]] = {}

    def attach(self, client: discord.Client) -> None:
        """Use ``client`` from now on (called when a client is built)."""
        self.client = client
        self.closing = False
        self._locations.clear()

    async def drain(self, timeout: float) -> None:
        """Stop taking events and let those being handled finish (at most ``timeout`` seconds)."""
        self.closing = True
        if self.in_flight:
            await asyncio.wait(set(self.in_flight), timeout=timeout)

    def channels_changed(self) -> None:
        """Roles, channels or the server changed: channels and permissions are looked up afresh."""
        self.adapter.channels_changed()

    def forget_rooms(self) -> None:
        """Work the rooms of channels out afresh (a channel may have been renamed)."""
        self._locations.clear()

    def _location(self, channel: Any) -> tuple[RoomRef, RoomRef, str | None]:
        """:func:`location` of a channel, remembered for server channels and threads."""
        known = self._locations.get(channel.id)
        if known is None:
            known = location(channel)
            if isinstance(channel, (discord.abc.GuildChannel, discord.Thread)):
                self._locations[channel.id] = known
        return known

    # ----- helpers -----------------------------------------------------------------------------

    def _bot(self) -> "Bot | None":
        return self.adapter.bot

    def _is_me(self, user_id: int) -> bool:
        me = self.client.user if self.client else None
        return me is not None and me.id == user_id

    def _room(self, channel_id: int, guild_id: int | None) -> RoomRef:
        channel = self.client.get_channel(channel_id) if self.client else None
        if channel is None:
            return RoomRef(PLATFORM, str(channel_id), "", is_direct=guild_id is None)
        return room_ref(channel)

    def _user(self, user_id: int, member: discord.abc.User | None = None) -> MemberRef:
        user = member or (self.client.get_user(user_id) if self.client else None)
        return member_ref(user) if user is not None else MemberRef(PLATFORM, str(user_id))

    def _command_text(self, content: str, bot: "Bot") -> str:
        """``<@bot> help`` -> ``!help`` when the words after the mention are a command."""
        me = self.client.user if self.client else None
        if me is None or not content.startswith("<@"):
            return content
        for form in (f"<@{me.id}>", f"<@!{me.id}>"):
            if content.startswith(form):
                rest = content[len(form):].strip()
                if rest.startswith(bot.prefix):
                    return rest
                found = bot.commands.find(rest)
                if found.command is not None or found.group is not None:
                    return bot.prefix + rest
        return content

    # ----- messages ------------------------------------------------------------------------------

    async def message(self, message: discord.Message) -> None:
        """A new message (see :class:`_Handling`).

        Messages are the busiest event, and half of them are the bot's own:
        those are dropped before any bookkeeping, and the rest are handled
        without a wrapping coroutine.
        """
        bot = self.adapter.bot
        if bot is None or self.closing or message.author.bot or message.webhook_id is not None \
                or message.type not in CONVERSATION:
            return
        with _Handling(self, "message"):
            if not self.adapter.serves(message.guild.id if message.guild else None):
                return
            text = message.content
            if text.startswith("<@"):
                text = self._command_text(text, bot)
            if not text.strip():
                return  # nothing readable (an attachment, or no Message Content intent)
            room, message_room, thread = self._location(message.channel)
            reply_to = None
            reference = message.reference
            if reference is not None and reference.message_id and reference.channel_id == message.channel.id:
                reply_to = MessageRef(PLATFORM, message_room, str(reference.message_id))
            await bot.dispatch(MessageEvent(next_event_id(), member_ref(message.author), room,
                                            MessageRef(PLATFORM, message_room, str(message.id)), text,
                                            bot.clock.now(), reply_to, thread))

    @_safely
    async def message_edited(self, payload: discord.RawMessageUpdateEvent) -> None:
        bot = self._bot()
        author = payload.data.get("author")
        content = payload.data.get("content")
        if bot is None or author is None or content is None or author.get("bot"):
            return
        if not self.adapter.serves(payload.guild_id):
            return
        cached = payload.cached_message
        if not content or (cached is not None and cached.content == content):
            return  # an embed appeared, or content is hidden without the intent
        room = self._room(payload.channel_id, payload.guild_id)
        await bot.dispatch(MessageEditedEvent(next_event_id(), self._user(int(author["id"]), payload.message.author),
                                              MessageRef(PLATFORM, room, str(payload.message_id)), content,
                                              bot.clock.now()))

    @_safely
    async def message_deleted(self, payload: discord.RawMessageDeleteEvent) -> None:
        bot = self._bot()
        if bot is None or not self.adapter.serves(payload.guild_id):
            return
        cached = payload.cached_message
        if cached is not None and (cached.author.bot or cached.webhook_id is not None):
            return
        room = self._room(payload.channel_id, payload.guild_id)
        author = member_ref(cached.author) if cached is not None else None
        await bot.dispatch(MessageDeletedEvent(next_event_id(), MessageRef(PLATFORM, room, str(payload.message_id)),
                                               bot.clock.now(), author))

    # ----- reactions -----------------------------------------------------------------------------

    @_safely
    async def reaction(self, payload: discord.RawReactionActionEvent, *, added: bool) -> None:
        bot = self._bot()
        if bot is None or self._is_me(payload.user_id) or not self.adapter.serves(payload.guild_id):
            return
        who = payload.member or (self.client.get_user(payload.user_id) if self.client else None)
        if who is not None and who.bot:
            return
        room = self._room(payload.channel_id, payload.guild_id)
        await bot.dispatch(ReactionEvent(next_event_id(), self._user(payload.user_id, who),
                                         MessageRef(PLATFORM, room, str(payload.message_id)), str(payload.emoji),
                                         added, bot.clock.now(), self._author(payload)))

    def _author(self, payload: discord.RawReactionActionEvent) -> MemberRef | None:
        """Who wrote the reacted message (None for the bot itself, or when unknown)."""
        author_id = payload.message_author_id
        if author_id is None and self.client is not None:
            cached = discord.utils.get(self.client.cached_messages, id=payload.message_id)
            author_id = cached.author.id if cached is not None else None
        if author_id is None or self._is_me(author_id):
            return None
        return self._user(author_id)

    # ----- members -------------------------------------------------------------------------------

    @_safely
    async def member_joined(self, member: discord.Member) -> None:
        bot = self._bot()
        if bot is None or member.bot or not self.adapter.serves(member.guild.id):
            return
        await bot.dispatch(MemberJoinedEvent(next_event_id(), member_ref(member), bot.clock.now(),
                                             self.adapter.main_room(member.guild)))

    @_safely
    async def member_left(self, payload: discord.RawMemberRemoveEvent) -> None:
        bot = self._bot()
        if bot is None or payload.user.bot or not self.adapter.serves(payload.guild_id):
            return
        guild = self.client.get_guild(payload.guild_id) if self.client else None
        await bot.dispatch(MemberLeftEvent(next_event_id(), member_ref(payload.user), bot.clock.now(),
                                           self.adapter.main_room(guild) if guild else None))

    # ----- commands and servers ------------------------------------------------------------------

    @_safely
    async def interaction(self, interaction: discord.Interaction) -> None:
        if interaction.type is not discord.InteractionType.application_command:
            return
        if not self.adapter.serves(interaction.guild_id):
            return
        await self.adapter.invocations.run(interaction)

    @_safely
    async def guild_joined(self, guild: discord.Guild) -> None:
        if self.adapter.serves(guild.id):
            await self.adapter.sync_guild(guild)
