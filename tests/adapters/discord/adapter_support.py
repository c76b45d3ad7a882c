"""A tiny test plugin and a harness running a real samovar Bot on the Discord adapter against the stand-in."""
from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from samovar.adapters.discord import DiscordAdapter
from samovar.core.bot import Bot
from samovar.core.commands import DURATION, MEMBER, Arg
from samovar.core.config import deep_merge, load_config_data
from samovar.core.context import Context
from samovar.core.events import MemberRef, MessageEvent
from samovar.core.hookspecs import hookimpl
from samovar.core.permissions import Role
from samovar.core.plugin import Plugin, command

from .standin import DiscordStandIn

ECHO_PLUGIN = "tests.adapters.discord.adapter_support:EchoPlugin"
NOTICE_ROOM = "checkins"
"""The room where the echo plugin remarks on edits and deletions."""


class EchoPlugin(Plugin):
    """Answers in every way the adapter must carry: replies, DMs, reactions, moderation."""

    name = "echo"
    locales = Path(__file__).parent / "echo_locales"

    @command("echo", Arg("text", rest=True), help="echo.help.echo")
    async def echo(self, ctx: Context, text: str) -> None:
        await ctx.reply(text)

    @command("tada", help="echo.help.tada")
    async def tada(self, ctx: Context) -> None:
        await ctx.react("🎉")

    @command("mood share", Arg("mood", choices=("calm", "tired")), aliases=("настроение поделиться",),
             help="echo.help.mood")
    async def mood(self, ctx: Context, mood: str) -> None:
        await ctx.reply(ctx.t("echo.mood", mood=mood))

    @command("remind", Arg("text", rest=True), help="echo.help.echo")
    async def remind(self, ctx: Context, text: str) -> None:
        await ctx.dm(text)

    @command("ponder", Arg("seconds", type=int), help="echo.help.echo")
    async def ponder(self, ctx: Context, seconds: int) -> None:
        await asyncio.sleep(seconds / 10)
        await ctx.reply(ctx.t("echo.mood", mood="thoughtful"))
        await ctx.reply(ctx.t("echo.tidied"))

    @command("whisper", Arg("text", rest=True), where="dm", help="echo.help.echo")
    async def whisper(self, ctx: Context, text: str) -> None:
        await ctx.reply(text)

    @command("hush", Arg("member", type=MEMBER), Arg("duration", type=DURATION, required=False),
             role=Role.MODERATOR, where="room", help="echo.help.hush")
    async def hush(self, ctx: Context, member: MemberRef, duration: timedelta | None = None) -> None:
        done = await ctx.timeout(member, duration or timedelta(minutes=10), reason="quiet moment")
        await ctx.reply(ctx.t("echo.hushed" if done else "echo.not_hushed", name=member.name or member.id))

    @command("tidy", role=Role.MODERATOR, where="room", help="echo.help.tidy")
    async def tidy(self, ctx: Context) -> None:
        event: MessageEvent = ctx.event
        done = event.reply_to is not None and await ctx.delete(event.reply_to, reason="tidy")
        await ctx.reply(ctx.t("echo.tidied" if done else "echo.not_tidied"))

    @hookimpl
    async def on_member_joined(self, event: Any, ctx: Context) -> None:
        await ctx.dm(ctx.t("echo.welcome", name=event.member.name))

    @hookimpl
    async def on_member_left(self, event: Any, ctx: Context) -> None:
        if event.room is not None:
            await ctx.send(ctx.t("echo.farewell", name=event.member.name), room=event.room)

    @hookimpl
    async def on_reaction_added(self, event: Any, ctx: Context) -> None:
        if event.emoji == "🫖":
            await ctx.send(ctx.t("echo.tea", name=event.member.name), room=event.message.room)

    @hookimpl
    async def on_message_edited(self, event: Any, ctx: Context) -> None:
        if event.message.room.name == NOTICE_ROOM:
            await ctx.bot.send(event.message.room, ctx.t("echo.edited"), reply_to=event.message)

    @hookimpl
    async def on_message_deleted(self, event: Any, ctx: Context) -> None:
        if event.message.room.name == NOTICE_ROOM:
            await ctx.bot.send(event.message.room, ctx.t("echo.deleted"))


def samovar_config(adapter: dict[str, Any] | None = None, **overrides: Any) -> dict[str, Any]:
    """A config serving the stand-in's guild with the echo plugin; Moderators is the moderator role."""
    base = {
        "community": {"name": "Test community", "language": "en", "main_room": "general"},
        "database_url": "sqlite://:memory:",
        "adapters": {"discord": {"guild_ready_timeout": 0.05, "ready_timeout": 10, **(adapter or {})}},
        "permissions": {"discord": {"moderator_roles": ["Moderators"]}},
        "rate_limit": {"commands": 1000, "per": "1m"},
        "plugins": {ECHO_PLUGIN: {}},
    }
    return deep_merge(base, overrides)


def build_bot(config: dict[str, Any]) -> tuple[Bot, DiscordAdapter]:
    """Validate ``config`` and build a Bot with the Discord adapter from it (not started)."""
    loaded = load_config_data(config, "<test config>")
    adapter_cls, settings = loaded.adapters["discord"]
    assert adapter_cls is DiscordAdapter
    bot = Bot(loaded, database_url="sqlite://:memory:")
    adapter = DiscordAdapter(settings)
    bot.add_adapter(adapter)
    return bot, adapter


@contextlib.asynccontextmanager
async def running_samovar(standin: DiscordStandIn, monkeypatch: pytest.MonkeyPatch,
                          config: dict[str, Any] | None = None) -> AsyncIterator[tuple[Bot, DiscordAdapter]]:
    """A started samovar Bot on the stand-in (token in DISCORD_TOKEN), stopped afterwards."""
    monkeypatch.setenv("DISCORD_TOKEN", standin.token)
    bot, adapter = build_bot(config or samovar_config())
    try:
        await bot.start()
        yield bot, adapter
    finally:
        await bot.stop()


def contents(messages: list[Any]) -> list[str]:
    return [m.content for m in messages]
