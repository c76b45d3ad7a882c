"""The Discord adapter: samovar's core on discord.py (see ``docs/discord.md``)."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import discord

from samovar.core.adapter import AdapterError, NotSupported, Standing
from samovar.core.events import MemberRef, MessageRef, RoomRef

from . import slash
from .actions import Actions, guarded, member_in
from .client import Connection, connect
from .config import DiscordConfig
from .errors import DiscordStartError
from .events import EventBridge
from .interactions import SlashInvocations
from .permissions import invite_url, standing_of, warn_about_missing
from .refs import PLATFORM, interaction_id, mention, mentioned_id, room_ref

if TYPE_CHECKING:
    from samovar.core.bot import Bot

log = logging.getLogger("samovar.adapters.discord")
LOCALES = Path(__file__).parent / "locales"
STOP_GRACE = 5.0
"""Seconds ``stop`` lets events being handled finish before disconnecting."""


class DiscordAdapter:
    """Serves a samovar community on one or more Discord servers."""

    platform = PLATFORM
    config_model = DiscordConfig

    def __init__(self, config: DiscordConfig | None = None) -> None:
        self.config = config or DiscordConfig()
        self.bot: Bot | None = None
        self.connection: Connection | None = None
        self.bridge = EventBridge(self)
        self.invocations = SlashInvocations(self)
        self.slash = slash.SlashCommands()
        self._stopping = False
        self._actions: Actions | None = None

    # ----- lifecycle ------------------------------------------------------------------------------

    @property
    def client(self) -> discord.Client:
        """The discord.py client in use."""
        if self.bridge.client is None:
            raise AdapterError("the Discord adapter is not started")
        return self.bridge.client

    @property
    def actions(self) -> Actions:
        """Acting through the client in use (and remembering the bot's channel permissions)."""
        client = self.client
        if self._actions is None or self._actions.client is not client:
            self._actions = Actions(client)
        return self._actions

    def channels_changed(self) -> None:
        """Roles, channels, threads, the server or the bot's own roles changed: look them up afresh."""
        self.bridge.forget_rooms()
        if self._actions is not None:
            self._actions.channels.forget()

    async def start(self, bot: "Bot") -> None:
        """Log in, connect, wait for the servers' data and sync slash commands.

        Raises :class:`~samovar.adapters.discord.errors.DiscordStartError` (e.g.
        :class:`DiscordLoginError` for a refused token) with a message to show as is.
        """
        self.bot = bot
        bot.catalog.load_dir(LOCALES)
        token = os.environ.get(self.config.token_env, "").strip()
        if not token:
            raise DiscordStartError(f"set the environment variable {self.config.token_env} to the Discord bot token")
        self.slash = slash.build(bot.commands.all(), bot.catalog, bot.prefix, bot.config.community.language)
        if self.slash.skipped:
            log.warning("commands not offered as slash commands", extra={"commands": self.slash.skipped})
        self.connection = await connect(self.config, token, self.bridge, bot.prefix)
        self.connection.task.add_done_callback(self._connection_ended)
        application_id = self.connection.application.id
        warn_about_missing(self.served_guilds(), application_id)
        absent = set(self.config.guilds) - {g.id for g in self.client.guilds}
        if absent:
            log.warning(f"The bot is not in the configured server(s) {sorted(absent)}; "
                        f"invite it with {invite_url(application_id)}")
        if self.config.slash_commands:
            await self.sync_commands()
        log.info("connected to Discord", extra={"guilds": [g.id for g in self.served_guilds()]})

    async def stop(self) -> None:
        """Finish the events being handled, then close the gateway connection and the HTTP session."""
        connection, self.connection = self.connection, None
        if connection is None:
            return
        self._stopping = True
        await self.bridge.drain(STOP_GRACE)
        await connection.client.close()
        with contextlib.suppress(BaseException):
            await asyncio.wait_for(connection.task, 5.0)

    def _connection_ended(self, task: "asyncio.Task[None]") -> None:
        if self._stopping or task.cancelled():
            return
        problem = task.exception()
        log.critical("the Discord connection ended and will not come back", exc_info=problem)

    # ----- servers, rooms, slash commands ----------------------------------------------------------

    def serves(self, guild_id: int | None) -> bool:
        """Whether events from ``guild_id`` (None: a DM) are handled."""
        return guild_id is None or not self.config.guilds or guild_id in self.config.guilds

    def served_guilds(self) -> list[discord.Guild]:
        """The connected servers samovar serves."""
        return [g for g in self.client.guilds if self.serves(g.id)]

    async def sync_commands(self) -> None:
        """Overwrite the slash commands of every served server, and the DM commands."""
        for guild in self.served_guilds():
            await self.sync_guild(guild)
        assert self.connection is not None
        try:
            await guarded(self.client.http.bulk_upsert_global_commands(
                self.connection.application.id, self.slash.dm_payload), "sync DM commands")
        except AdapterError as exc:
            log.error("could not register the DM slash commands", extra={"error": str(exc)})

    async def sync_guild(self, guild: discord.Guild) -> None:
        """Overwrite the slash commands of one server."""
        if not self.config.slash_commands or self.connection is None:
            return
        try:
            await guarded(self.client.http.bulk_upsert_guild_commands(
                self.connection.application.id, guild.id, self.slash.guild_payload), "sync commands")
        except AdapterError as exc:
            log.error("could not register slash commands", extra={"guild": guild.id, "error": str(exc)})

    def main_room(self, guild: discord.Guild) -> RoomRef | None:
        """The community's main room in ``guild`` (else the server's system channel)."""
        assert self.bot is not None
        name = self.bot.config.community.main_room.lstrip("#")
        channel = discord.utils.get(guild.text_channels, name=name) or guild.system_channel
        return room_ref(channel) if channel is not None else None

    def find_room(self, name_or_id: str) -> RoomRef | None:
        """A served text channel or thread by name (``general``, ``#general``) or id."""
        if self.bridge.client is None:
            return None
        key = name_or_id.lstrip("#")
        for guild in self.served_guilds():
            channel = guild.get_channel_or_thread(int(key)) if key.isdigit() else \
                discord.utils.get(guild.text_channels, name=key)
            if channel is not None:
                return room_ref(channel)
        return None

    # ----- actions ----------------------------------------------------------------------------------

    async def send(self, room: RoomRef, text: str, *, reply_to: MessageRef | None = None,
                   thread: str | None = None) -> MessageRef:
        """Post in a channel or thread; a reply references the member's message (or answers a slash command)."""
        target = int(thread or room.id)
        target_room = RoomRef(PLATFORM, thread) if thread else room
        if reply_to is not None:
            invocation = interaction_id(reply_to)
            if invocation is not None:
                replies = self.invocations.pending.get(invocation)
                if replies is not None and replies.channel_id == target:
                    answer = await replies.send(text)
                    return MessageRef(PLATFORM, target_room, str(answer.id)) if answer is not None else reply_to
                reply_to = None  # the invocation is over: post normally
            elif int(reply_to.room.id) != target:
                reply_to = None
        sent = await self.actions.send(target, text, int(reply_to.id) if reply_to else None)
        return MessageRef(PLATFORM, target_room, str(sent.id))

    async def dm(self, member: MemberRef, text: str) -> MessageRef:
        """Write privately; :class:`DirectMessagesClosed` when Discord refuses (50007)."""
        sent = await self.actions.dm(int(member.id), text)
        return MessageRef(PLATFORM, room_ref(sent.channel), str(sent.id))

    async def react(self, message: MessageRef, emoji: str) -> None:
        """Add the bot's reaction (to a slash command: on its answer)."""
        invocation = interaction_id(message)
        if invocation is not None:
            replies = self.invocations.pending.get(invocation)
            if replies is None:
                raise NotSupported("the slash command invocation is over")
            await replies.react(emoji)
            return
        await self.actions.react(int(message.room.id), int(message.id), emoji)

    async def delete(self, message: MessageRef, reason: str | None = None) -> None:
        """Delete a message; :class:`MissingPermission` without Manage Messages."""
        if interaction_id(message) is not None:
            raise NotSupported("a slash command invocation is not a message")
        await self.actions.delete(int(message.room.id), int(message.id), reason)

    async def timeout(self, member: MemberRef, duration: timedelta, reason: str | None = None) -> None:
        """Time the member out; :class:`MissingPermission` when the bot may not."""
        await self.actions.timeout(self.served_guilds(), int(member.id), duration, reason)

    async def standing(self, member: MemberRef, room: RoomRef | None) -> Standing:
        """The member's role names in the room's server (else the first served server they are in)."""
        guilds: list[discord.Guild] = []
        if room is not None and not room.is_direct and room.id.isdigit():
            channel = self.client.get_channel(int(room.id))
            if isinstance(channel, (discord.abc.GuildChannel, discord.Thread)):
                guilds = [channel.guild]
        for guild in guilds or self.served_guilds():
            found = await member_in(guild, int(member.id))
            if found is not None:
                return standing_of(found)
        return Standing()

    def mention(self, member: MemberRef) -> str:
        """``<@id>``."""
        return mention(member)

    def parse_mention(self, text: str) -> MemberRef | None:
        """``<@id>`` / ``<@!id>`` -> that member."""
        user_id = mentioned_id(text)
        if user_id is None:
            return None
        user = self.bridge.client.get_user(user_id) if self.bridge.client else None
        return MemberRef(PLATFORM, str(user_id), user.display_name if user else "")
