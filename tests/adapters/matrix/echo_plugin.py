"""A tiny plugin for the Matrix tests: an ``echo`` command, a few actions, and a record of events."""
from __future__ import annotations

from typing import Any

from samovar.core.commands import MEMBER, Arg
from samovar.core.context import Context
from samovar.core.hookspecs import hookimpl
from samovar.core.permissions import Role
from samovar.core.plugin import Plugin, command


class EchoPlugin(Plugin):
    """Echoes, reacts, writes privately, redacts and kicks on command; records what it sees."""

    name = "echo"

    def __init__(self, bot: Any, config: Any) -> None:
        super().__init__(bot, config)
        self.messages: list[Any] = []
        self.reactions: list[Any] = []
        self.joined: list[Any] = []
        self.left: list[Any] = []
        self.edited: list[Any] = []
        self.deleted: list[Any] = []
        self.echoed: list[str] = []
        self.heard: list[Any] = []  # every event above, in the order the plugin heard them

    @command("echo", Arg("text", rest=True, required=False))
    async def echo(self, ctx: Context, text: str | None = None) -> None:
        self.echoed.append(text or "")
        await ctx.reply(text or "(nothing)")

    @command("role")
    async def role(self, ctx: Context) -> None:
        await ctx.reply((await ctx.role()).name.lower())

    @command("react", Arg("emoji"))
    async def react(self, ctx: Context, emoji: str) -> None:
        await ctx.react(emoji)

    @command("dmme", Arg("text", rest=True))
    async def dmme(self, ctx: Context, text: str) -> None:
        if await ctx.dm(text) is None:
            await ctx.reply("dm-closed")

    @command("greet", Arg("who", type=MEMBER))
    async def greet(self, ctx: Context, who: Any) -> None:
        await ctx.reply(f"welcome, {ctx.mention(who)}!")

    @command("redact", role=Role.MODERATOR)
    async def redact(self, ctx: Context) -> None:
        target = ctx.event.reply_to
        done = target is not None and await ctx.delete(target, reason="test")
        await ctx.reply("redacted" if done else "cannot-redact")

    @command("kick", Arg("who", type=MEMBER), role=Role.MODERATOR)
    async def kick(self, ctx: Context, who: Any) -> None:
        from samovar.core.adapter import MissingPermission

        try:
            await self.bot.adapters["matrix"].kick(who, ctx.room, reason="test")
        except MissingPermission:
            await ctx.reply("cannot-kick")
            return
        await ctx.reply("kicked")

    @hookimpl
    def on_message(self, event: Any) -> None:
        self.messages.append(event)
        self.heard.append(event)

    @hookimpl
    def on_reaction_added(self, event: Any) -> None:
        self.reactions.append(event)
        self.heard.append(event)

    @hookimpl
    def on_reaction_removed(self, event: Any) -> None:
        self.reactions.append(event)
        self.heard.append(event)

    @hookimpl
    def on_member_joined(self, event: Any) -> None:
        self.joined.append(event)
        self.heard.append(event)

    @hookimpl
    def on_member_left(self, event: Any) -> None:
        self.left.append(event)
        self.heard.append(event)

    @hookimpl
    def on_message_edited(self, event: Any) -> None:
        self.edited.append(event)
        self.heard.append(event)

    @hookimpl
    def on_message_deleted(self, event: Any) -> None:
        self.deleted.append(event)
        self.heard.append(event)
