"""Channels the bot posts in, and its own permissions there, remembered between replies.

Finding a channel by id and working out the bot's permissions in it (its roles
against the channel's overwrites) would otherwise be repeated for every reply,
although both change rarely. The client calls :meth:`KnownChannels.forget` on
every role, channel, thread, server or own-member update and when it
reconnects; entries also expire after ``max_age`` seconds, in case a change
arrives some other way.
"""
from __future__ import annotations

import time

import discord

from .permissions import require_in_channel

GuildRoom = discord.abc.GuildChannel | discord.Thread


class _Known:
    """One channel and the bot's permissions in it."""

    __slots__ = ("channel", "permissions", "since")

    def __init__(self, channel: GuildRoom, permissions: discord.Permissions, since: float) -> None:
        self.channel = channel
        self.permissions = permissions
        self.since = since

    def allows(self, names: tuple[str, ...]) -> bool:
        """Whether the bot may see the channel and has every permission in ``names``."""
        have = self.permissions
        return have.view_channel and all(getattr(have, name) for name in names)


class KnownChannels:
    """Server channels and threads by id, each with the bot's permissions in it."""

    def __init__(self, client: discord.Client, max_age: float = 60.0) -> None:
        self.client = client
        self.max_age = max_age
        self._known: dict[int, _Known] = {}

    def forget(self) -> None:
        """Look every channel and permission up afresh from now on."""
        self._known.clear()

    def channel(self, channel_id: int) -> GuildRoom | None:
        """The server channel or thread ``channel_id`` (None for a DM or an unknown channel)."""
        known = self._entry(channel_id)
        return known.channel if known is not None else None

    def require(self, channel: GuildRoom, *names: str) -> None:
        """Raise :class:`~samovar.core.adapter.MissingPermission` unless the bot has ``names`` in ``channel``.

        A refusal is never taken from memory: it is confirmed from fresh permissions.
        """
        known = self._entry(channel.id)
        if known is None or known.channel is not channel or not known.allows(names):
            self._refuse(channel, names)

    def _refuse(self, channel: GuildRoom, names: tuple[str, ...]) -> None:
        self._known.pop(channel.id, None)
        require_in_channel(channel, *names)

    def _entry(self, channel_id: int) -> _Known | None:
        now = time.monotonic()
        known = self._known.get(channel_id)
        if known is not None and now - known.since < self.max_age:
            return known
        channel = self.client.get_channel(channel_id)
        if not isinstance(channel, (discord.abc.GuildChannel, discord.Thread)):
            return None  # a DM, or not in the cache
        known = self._known[channel_id] = _Known(channel, channel.permissions_for(channel.guild.me), now)
        return known
