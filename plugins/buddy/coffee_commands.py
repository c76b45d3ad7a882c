"""``!coffee ...`` and ``!met``: opting in to random coffee, answering, unplanned meetups."""
from __future__ import annotations

from typing import Any

from samovar.core.commands import MEMBER, Arg
from samovar.core.context import Context
from samovar.core.events import MemberRef
from samovar.core.permissions import Role
from samovar.core.plugin import command

from .buddy_commands import YES_NO

MASS_MENTIONS = frozenset({"everyone", "here", "room", "channel"})


def is_mass_mention(member: MemberRef) -> bool:
    """Whether a "mention" means everybody (``@everyone``, ``@here``, Matrix ``@room``), not one person."""
    local = member.id.lstrip("@").split(":", 1)[0].lower()
    return local in MASS_MENTIONS


class CoffeeCommands:
    """Mixed into the plugin class: every random-coffee command."""

    bot: Any
    config: Any
    coffee_rounds: Any

    @command("coffee on", help="buddy.help.coffee_on")
    async def coffee_on(self, ctx: Context) -> None:
        """Take part in the next random-coffee rounds."""
        if not self.config.coffee.enabled:
            await ctx.reply(ctx.t("buddy.coffee.disabled"))
            return
        key = await self.coffee_rounds.opt_in(await ctx.member_id())
        await ctx.reply(ctx.t(key, off=self.bot.prefix + "coffee off",
                              languages=self.bot.prefix + "coffee languages ru en",
                              timezone=self.bot.prefix + "coffee timezone Europe/Moscow",
                              topics=self.bot.prefix + "coffee topics career"))

    @command("coffee off", help="buddy.help.coffee_off")
    async def coffee_off(self, ctx: Context) -> None:
        """Leave the rounds."""
        key = await self.coffee_rounds.opt_out(await ctx.member_id())
        await ctx.reply(ctx.t(key, on=self.bot.prefix + "coffee on"))

    @command("coffee met", Arg("answer", choices=YES_NO), help="buddy.help.coffee_met")
    async def coffee_met(self, ctx: Context, answer: str) -> None:
        """Answer "did you meet?" for the latest coffee group."""
        key = await self.coffee_rounds.answer_met(await ctx.member_id(), answer == "yes")
        await ctx.reply(ctx.t(key))

    @command("met", Arg("member", MEMBER), aliases=("встреча",), help="buddy.help.met")
    async def met(self, ctx: Context, member: MemberRef) -> None:
        """Record a meetup with another member (planned by a round or not).

        A mention of everyone (``@everyone``, ``@here``, ``@room``) is kindly refused, and nothing is recorded.
        Anyone else mentioned counts: a member who has only chatted is as real as one who used a command.
        """
        if is_mass_mention(member):
            await ctx.reply(ctx.t("buddy.met.everyone"))
            return
        key = await self.coffee_rounds.met(await ctx.member_id(), await ctx.member_id(member))
        await ctx.reply(ctx.t(key))

    @command("coffee round", role=Role.MODERATOR, help="buddy.help.coffee_round")
    async def coffee_round(self, ctx: Context) -> None:
        """Hold a round now instead of waiting for the schedule."""
        held = await self.coffee_rounds.hold_round()
        await ctx.reply(ctx.t("buddy.coffee.round_held", count=held.groups, unmatched=held.unmatched))
