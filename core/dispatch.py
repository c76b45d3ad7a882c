"""Routing events to plugin hooks, and command text to command handlers.

Commands are found with one or two dict lookups (never a hook per command), so
dispatch stays flat however many commands plugins declare.
"""
from __future__ import annotations

import inspect
import logging
from typing import TYPE_CHECKING, Any

from .argwords import ArgWords
from .commands import Command, UsageError
from .context import Context
from .events import (MemberJoinedEvent, MemberLeftEvent, MessageDeletedEvent, MessageEditedEvent,
                     MessageEvent, ReactionEvent)
from .permissions import Role

if TYPE_CHECKING:
    from .bot import Bot
    from .plugins import Impl

log = logging.getLogger("samovar.dispatch")

_EVENT_CTX = ("event", "ctx")
_EVENT = ("event",)
_HOOK_BY_TYPE = {
    MessageEditedEvent: "on_message_edited",
    MessageDeletedEvent: "on_message_deleted",
    MemberJoinedEvent: "on_member_joined",
    MemberLeftEvent: "on_member_left",
}


HINT_EVERY = 24 * 3600.0  # seconds between two hints to the same member (and how long "cared for" lasts)
STILL_HERE_EVERY = 600.0  # seconds between two "I'm here" answers after a care response

class Dispatcher:
    """Turns one incoming event into hook calls and at most one command run."""

    def __init__(self, bot: "Bot") -> None:
        self.bot = bot
        self.prefix = bot.prefix
        self._on_message = bot.host.impls("on_message")
        self._on_direct_message = bot.host.impls("on_direct_message")
        self._claim_direct_message = bot.host.impls("claim_direct_message")
        self._rooms_differ = bool(bot.loaded.disabled_in_rooms)
        self._hinted: dict[tuple[str, str], float] = {}  # who got the "I'm a bot" hint or "I'm here", when
        self._cared: dict[tuple[str, str], float] = {}  # who got a care response, when
        self.words = ArgWords(bot.catalog)
        self._choice_alias = self.words.canonical

    async def dispatch(self, event: Any) -> None:
        """Route any core event.

        A message goes to every plugin's ``on_message`` (in private also
        ``on_direct_message``), then to the command its text invokes, if any;
        handled here without a further call, as messages are the busiest path.
        A private message that a plugin claims (answered with care) goes no further.
        """
        if type(event) is not MessageEvent:
            await self._other(event)
            return
        ctx: Context | None = None  # made when a hook or command asks for it: most chatter needs none
        room = event.room
        private_words = room.is_direct and not event.text.startswith(self.prefix)
        if private_words:
            if self.bot.members.note_written(event.member, event.text):  # answer in the language they write in
                await self.bot.members.store_written(event.member)
            answers_before = self.bot.messages_out
        if room.is_direct and self._claim_direct_message:
            ctx = Context(self.bot, event)
            if await self._claimed(event, ctx):
                return
        for hook, impls in (("on_message", self._on_message),
                            ("on_direct_message", self._on_direct_message if room.is_direct else ())):
            if self._rooms_differ and impls:
                impls = self._enabled(impls, room)
            for impl in impls:  # inlined rather than host.invoke: this runs for every message
                try:
                    names = impl.argnames
                    if names == _EVENT:
                        result = impl.function(event)
                    else:
                        if ctx is None:
                            ctx = Context(self.bot, event)
                        if names == _EVENT_CTX:
                            result = impl.function(event, ctx)
                        else:
                            result = impl.function(*[event if n == "event" else ctx for n in names])
                    if impl.is_async or (result is not None and inspect.isawaitable(result)):
                        await result
                except Exception:
                    log.exception("plugin hook failed",
                                  extra={"plugin": impl.plugin, "hook": hook, "event_id": event.id})
        text = event.text
        if text.startswith(self.prefix):
            if room.is_direct and not text.isascii():  # in rooms, a moderator's note in Russian is not a choice
                if self.bot.members.note_command(event.member, text):
                    await self.bot.members.store_written(event.member)
            await self.command(ctx or Context(self.bot, event), text[len(self.prefix):])
        elif private_words and self.bot.messages_out == answers_before:
            await self._unanswered(ctx or Context(self.bot, event))

    def cared_for(self, member: Any) -> None:
        """A care plugin just answered the member: for a day, words nothing answers get a caring reply, not the
        "I'm a bot" hint."""
        self._cared[(member.platform, member.id)] = self.bot.clock.timestamp()

    async def _unanswered(self, ctx: Context) -> None:
        """Private words no plugin answered: after a care response "I'm here" (at most every ten minutes), else a
        short hint ("hi", "what can you do?"; at most once a day)."""
        key, now = (ctx.member.platform, ctx.member.id), self.bot.clock.timestamp()
        cared = now - self._cared.get(key, -HINT_EVERY) < HINT_EVERY
        if now - self._hinted.get(key, -HINT_EVERY) < (STILL_HERE_EVERY if cared else HINT_EVERY):
            return
        self._hinted[key] = now
        await ctx.reply(ctx.t("core.still_here") if cared else ctx.t("core.unanswered", help=self.prefix + "help"))

    async def _claimed(self, event: MessageEvent, ctx: Context) -> bool:
        if event.text.startswith(self.prefix):
            return False  # commands are addressed to the bot, not words to answer with care
        impls = self._enabled(self._claim_direct_message, event.room)
        claims = await self.bot.host.call("claim_direct_message", event.id, impls, event=event, ctx=ctx)
        return any(claim is True for claim in claims)

    async def _other(self, event: Any) -> None:
        if type(event) is ReactionEvent:
            hook = "on_reaction_added" if event.added else "on_reaction_removed"
            await self._fire(hook, event, event.message.room)
        else:
            hook = _HOOK_BY_TYPE.get(type(event))
            if hook is None:
                raise TypeError(f"not a samovar event: {event!r}")
            await self._fire(hook, event, getattr(event, "room", None) or _room_of(event))

    async def _fire(self, hook: str, event: Any, room: Any) -> None:
        impls = self._enabled(self.bot.host.impls(hook), room)
        await self.bot.host.call(hook, event.id, impls, event=event, ctx=Context(self.bot, event))

    def _enabled(self, impls: "tuple[Impl, ...]", room: Any) -> "tuple[Impl, ...]":
        if not self.bot.loaded.disabled_in_rooms or room is None:
            return impls
        return tuple(i for i in impls if self.bot.plugin_enabled_in(i.plugin, room))

    async def command(self, ctx: Context, text: str) -> None:
        """Find, check and run the command in ``text`` (prefix already removed)."""
        bot = self.bot
        lookup = bot.commands.find(text)
        command = lookup.command
        if command is None:
            await self._not_a_command(ctx, lookup.group, lookup.unknown)
            return
        member = ctx.member
        moderating = command.role > Role.MEMBER and await ctx.role() >= command.role  # triage comes in bursts
        allowed = moderating or bot.ratelimiter.allow((member.platform, member.id), bot.clock.timestamp())
        if not allowed:
            if allowed is False:
                await ctx.reply(ctx.t("core.rate_limited"))
            return
        if bot.members.cached_id(member) is None:
            await bot.members.resolve(member)
        if (command.where != "any" or command.role or self._rooms_differ) and not await self._may_run(ctx, command):
            return
        try:
            adapter = bot.adapters.get(member.platform)
            values = command.parse(lookup.args_text, getattr(adapter, "parse_mention", None), self._choice_alias)
        except UsageError as exc:
            await ctx.reply(self.words.explain(exc, command, self.prefix, ctx.lang))
            return
        try:
            await command.handler(ctx, **values)
        except Exception:
            log.exception("command failed", extra={"plugin": command.plugin, "command": command.name,
                                                   "event_id": ctx.event.id})
            await ctx.reply(ctx.t("core.command_failed"))

    async def _may_run(self, ctx: Context, command: Command) -> bool:
        if not self.bot.plugin_enabled_in(command.plugin, ctx.room):
            await ctx.reply(ctx.t("core.not_here"))
            return False
        direct = ctx.room is not None and ctx.room.is_direct
        if command.where == "dm" and not direct:
            await ctx.reply(ctx.t("core.dm_only", command=self.prefix + command.name))
            return False
        if command.where == "room" and direct:
            await ctx.reply(ctx.t("core.room_only", command=self.prefix + command.name))
            return False
        if command.role > Role.MEMBER:
            role = await ctx.role()
            if role < command.role:
                log.info("permission denied", extra={"command": command.name, "platform": ctx.member.platform})
                await ctx.reply(ctx.t("core.not_allowed"))
                return False
        return True

    async def _not_a_command(self, ctx: Context, group: str | None, unknown: str | None) -> None:
        if group is not None:  # only this group's commands, and only those the member may use here
            lang, role = ctx.lang, await ctx.role()
            lines = [self.words.usage(c, self.prefix, lang, name=name)
                     for name, c in self.bot.commands.group_entries(group)
                     if not c.hidden and c.role <= role and self.bot.plugin_enabled_in(c.plugin, ctx.room)]
            await ctx.reply(ctx.t("core.group_usage", group=self.prefix + group) + "\n" + "\n".join(lines))
            return
        if not unknown or not unknown[0].isalpha():
            return  # "!!!" or "!)" is not an attempt at a command
        closest = self.bot.commands.closest(unknown)
        if closest:
            await ctx.reply(ctx.t("core.unknown_command_hint", command=self.prefix + closest,
                                  help=self.prefix + "help"))
        else:
            await ctx.reply(ctx.t("core.unknown_command", help=self.prefix + "help"))


def _room_of(event: Any) -> Any:
    message = getattr(event, "message", None)
    return message.room if message is not None else None
