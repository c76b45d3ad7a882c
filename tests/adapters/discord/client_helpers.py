"""Helpers for driving a discord.py client in tests against the stand-in."""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import discord

from .standin import DiscordStandIn


def make_client(*, message_content: bool = True, members: bool = True, **options: Any) -> discord.Client:
    """A plain client with default intents (+ members, message content) and a short guild_ready_timeout."""
    intents = discord.Intents.default()
    intents.message_content = message_content
    intents.members = members
    return discord.Client(intents=intents, guild_ready_timeout=0.05, **options)


async def eventually(predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
    """Poll client-side state until ``predicate()`` is truthy."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not (value := predicate()):
        if loop.time() > deadline:
            raise TimeoutError(f"condition not met: {predicate!r}")
        await asyncio.sleep(0.01)
    return value


def from_user(name: str) -> Callable[[discord.Message], bool]:
    """A ``wait_for("message", check=...)`` check for messages by one user name."""
    return lambda message: message.author.name == name


def guild_of(client: discord.Client, standin: DiscordStandIn) -> discord.Guild:
    guild = client.get_guild(standin.guild.id)
    assert guild is not None
    return guild


def text_channel(client: discord.Client, standin: DiscordStandIn, name: str) -> discord.TextChannel:
    channel = client.get_channel(standin.world.find_channel(name).id)
    assert isinstance(channel, discord.TextChannel)
    return channel


def member_named(guild: discord.Guild, name: str) -> discord.Member:
    member = guild.get_member_named(name)
    assert member is not None
    return member


def me(client: discord.Client) -> discord.ClientUser:
    assert client.user is not None
    return client.user
