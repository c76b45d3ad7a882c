"""Core actions carried out with discord.py: send, DM, react, delete, time out.

Discord's refusals become the core's errors: 50007 -> :class:`DirectMessagesClosed`,
any other 403 -> :class:`MissingPermission`, the rest -> :class:`AdapterError`.
The bot's own permissions are checked before sending, deleting and timing
out, from discord.py's cache: a missing permission is reported without a
request Discord would refuse (refused requests count towards Discord's
invalid-request limit, past which it blocks the bot for a while).
"""
from __future__ import annotations

from datetime import timedelta
from types import TracebackType
from typing import Awaitable, TypeVar

import aiohttp
import discord

from samovar.core.adapter import AdapterError, DirectMessagesClosed, MissingPermission

from .client import ALLOWED_MENTIONS
from .channels import KnownChannels
from .permissions import require_can_timeout, require_in_channel

MAX_LENGTH = 2000
MAX_TIMEOUT = timedelta(days=28)
CANNOT_DM = 50007
SEND_NEEDS = {  # (in a thread, as a reply) -> what the bot needs there
    (False, False): ("send_messages",),
    (False, True): ("send_messages", "read_message_history"),
    (True, False): ("send_messages_in_threads",),
    (True, True): ("send_messages_in_threads", "read_message_history"),
}
T = TypeVar("T")


class discord_errors:
    """``with discord_errors("send"): ...`` turns discord.py's HTTP errors into the core's adapter errors.

    A plain context manager rather than a wrapping coroutine: on the path of
    every reply, one coroutine layer less to pass through on each resumption.
    """

    __slots__ = ("what",)

    def __init__(self, what: str) -> None:
        self.what = what

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if exc is None:
            return
        what = self.what
        if isinstance(exc, discord.Forbidden):
            if exc.code == CANNOT_DM:
                raise DirectMessagesClosed(f"{what}: {exc.text}") from None
            raise MissingPermission(f"{what}: {exc.text or exc}") from None
        if isinstance(exc, discord.HTTPException):
            raise AdapterError(f"{what}: {exc}") from None
        if isinstance(exc, (aiohttp.ClientError, OSError, TimeoutError)):
            raise AdapterError(f"{what}: Discord unreachable ({exc!r})") from None


async def guarded(call: Awaitable[T], what: str) -> T:
    """Await a discord.py call, turning its HTTP errors into the core's adapter errors."""
    with discord_errors(what):
        return await call


def split_text(text: str, limit: int = MAX_LENGTH) -> list[str]:
    """``text`` in parts of at most ``limit`` characters, cut at line ends where possible."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut <= 0:
            cut = text.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        parts.append(text[:cut])
        text = text[cut:].lstrip("\n")
    if text or not parts:
        parts.append(text)
    return parts


class Actions:
    """The bot acting on Discord through one client."""

    def __init__(self, client: discord.Client) -> None:
        self.client = client
        self.channels = KnownChannels(client)

    async def send(self, channel_id: int, text: str, reply_to: int | None = None) -> discord.Message:
        """Post ``text`` in a channel or thread (the first part as a reply to ``reply_to``)."""
        channel = self.channels.channel(channel_id)
        if channel is not None:
            self.channels.require(channel, *SEND_NEEDS[isinstance(channel, discord.Thread), reply_to is not None])
        target = channel if isinstance(channel, discord.abc.Messageable) else \
            self.client.get_partial_messageable(channel_id)
        first: discord.Message | None = None
        for part in split_text(text):
            if first is None and reply_to is not None:
                reference = discord.MessageReference(message_id=reply_to, channel_id=channel_id,
                                                     fail_if_not_exists=False)
                with discord_errors("send"):
                    sent = await target.send(part, reference=reference, allowed_mentions=ALLOWED_MENTIONS)
            else:
                with discord_errors("send"):
                    sent = await target.send(part, allowed_mentions=ALLOWED_MENTIONS)
            first = first or sent
        assert first is not None
        return first

    async def dm(self, user_id: int, text: str) -> discord.Message:
        """Write privately to a user (opening the DM channel if needed)."""
        user = self.client.get_user(user_id)
        if user is None:
            user = await guarded(self.client.fetch_user(user_id), "dm")
        channel = user.dm_channel
        if channel is None:
            channel = await guarded(user.create_dm(), "dm")
        first: discord.Message | None = None
        for part in split_text(text):
            sent = await guarded(channel.send(part, allowed_mentions=ALLOWED_MENTIONS), "dm")
            first = first or sent
        assert first is not None
        return first

    async def react(self, channel_id: int, message_id: int, emoji: str) -> None:
        """Add the bot's reaction."""
        message = self.client.get_partial_messageable(channel_id).get_partial_message(message_id)
        await guarded(message.add_reaction(emoji), "react")

    async def delete(self, channel_id: int, message_id: int, reason: str | None) -> None:
        """Delete a message; someone else's needs Manage Messages, checked first."""
        channel = self.channels.channel(channel_id)
        if channel is not None and not self._is_own(message_id):
            require_in_channel(channel, "manage_messages")
        await guarded(self._delete(channel_id, message_id, reason), "delete")

    async def _delete(self, channel_id: int, message_id: int, reason: str | None) -> None:
        try:
            await self.client.http.delete_message(channel_id, message_id, reason=reason)
        except discord.NotFound:
            pass  # gone already: what was wanted

    def _is_own(self, message_id: int) -> bool:
        me = self.client.user
        for message in reversed(self.client.cached_messages):
            if message.id == message_id:
                return me is not None and message.author.id == me.id
        return False

    async def timeout(self, guilds: list[discord.Guild], user_id: int, duration: timedelta,
                      reason: str | None) -> None:
        """Time the user out in every served server they are in (at most Discord's 28 days)."""
        duration = min(duration, MAX_TIMEOUT)
        acted = False
        for guild in guilds:
            member = await member_in(guild, user_id)
            if member is None:
                continue
            require_can_timeout(guild, member)
            await guarded(member.timeout(duration, reason=reason), "timeout")
            acted = True
        if not acted:
            raise AdapterError(f"user {user_id} is not a member of a served server")


async def member_in(guild: discord.Guild, user_id: int) -> discord.Member | None:
    """The guild member (from the cache, else asked from Discord), or None if not a member."""
    member = guild.get_member(user_id)
    if member is not None:
        return member
    try:
        return await guild.fetch_member(user_id)
    except discord.NotFound:
        return None
    except discord.HTTPException as exc:
        raise AdapterError(f"member lookup: {exc}") from None
