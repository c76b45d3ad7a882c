"""The buddy plugin: a senior buddy for every newcomer, and opt-in random-coffee rounds."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from tortoise.expressions import Q

from samovar.core.context import Context
from samovar.core.events import MemberJoinedEvent, MemberLeftEvent, MessageEvent, TickEvent
from samovar.core.hookspecs import hookimpl
from samovar.core.migrations import Migration
from samovar.core.plugin import Plugin

from . import prompts
from .buddy_commands import BuddyCommands
from .coffee import CoffeeRounds
from .coffee_commands import CoffeeCommands
from .config import BuddyConfig, clock_time
from .delivery import Messenger
from .matching import MatchingConfig
from .models import (Assignment, CoffeeMember, CoffeeSeat, Meetup, Newcomer, Profile, Prompt, Volunteer)
from .newcomers import NewcomerFlow
from .privacy import export_member
from .profiles import defaults_for
from .words import Vocabulary

ROUND_JOB = "buddy.coffee_round"


class BuddyPlugin(BuddyCommands, CoffeeCommands, Plugin):
    """Welcomes newcomers, finds them a buddy, checks in a week later; holds random-coffee rounds."""

    name = "buddy"
    config_model = BuddyConfig
    models = ["samovar.plugins.buddy.models"]
    migrations = [Migration(1, "profiles, volunteers, newcomers, buddy pairs, coffee rounds, meetups")]

    def __init__(self, bot: Any, config: BuddyConfig) -> None:
        super().__init__(bot, config)
        self.config: BuddyConfig = config
        self.say = Messenger(bot, config.fallback_room)
        self.defaults = defaults_for(bot, config)
        self.matching = MatchingConfig(min_overlap_minutes=int(config.coffee.min_overlap / timedelta(minutes=1)))
        self.vocab = Vocabulary()
        self.flow = NewcomerFlow(bot, config, self.say, self.vocab, self.defaults, self.matching)
        self.coffee_rounds = CoffeeRounds(bot, config, self.say, self.defaults, self.matching)

    # ----- lifecycle -------------------------------------------------------------------------

    @hookimpl
    def on_startup(self) -> None:
        """Learn the answer words from the catalogs; schedule the coffee rounds."""
        self.vocab = Vocabulary.from_catalog(self.bot.catalog)
        self.flow.vocab = self.vocab
        coffee = self.config.coffee
        if coffee.enabled:
            at = clock_time(coffee.time)
            self.bot.scheduler.cron(self.coffee_rounds.scheduled_round, job_id=ROUND_JOB,
                                    timezone=self.bot.config.community.timezone, day_of_week=coffee.day,
                                    hour=at.hour, minute=at.minute)

    @hookimpl
    def on_shutdown(self) -> None:
        """Stop the round job."""
        self.bot.scheduler.cancel(ROUND_JOB)

    @hookimpl
    async def on_tick(self, event: TickEvent) -> None:
        """Due-scans: unanswered welcomes, check-ups, coffee follow-ups, the waiting queue.

        Each scan reads one indexed column, and only when its watermark says something is due.
        """
        now = self.bot.clock.now()
        await self.flow.answers_mark.run(now, self.flow.answers_due)
        await self.flow.checkups_mark.run(now, self.flow.checkups)
        await self.coffee_rounds.followups_mark.run(now, self.coffee_rounds.followups)
        await self.flow.queue_mark.run(now, self.flow.serve_queue)

    # ----- members coming and going --------------------------------------------------------

    @hookimpl
    async def on_member_joined(self, event: MemberJoinedEvent, ctx: Context) -> None:
        """Welcome the newcomer privately and start looking for their buddy."""
        if self.config.welcome:
            await self.flow.welcome(await ctx.member_id())

    @hookimpl
    async def on_member_left(self, event: MemberLeftEvent, ctx: Context) -> None:
        """Free the member's buddy place, reassign their newcomers, take them out of the rounds."""
        member_id = await ctx.member_id()
        await self.coffee_rounds.member_left(member_id)
        await self.flow.member_left(member_id)
        await self.flow.serve_queue()

    # ----- plain replies to questions ---------------------------------------------------------

    @hookimpl
    async def on_direct_message(self, event: MessageEvent, ctx: Context) -> None:
        """A direct message that answers the question the member was asked last."""
        if event.text.startswith(self.bot.prefix):
            return
        member_id = await ctx.member_id()
        prompt = await prompts.open_prompt(member_id, self.bot.clock.now())
        if prompt is None:
            return
        if prompt.kind in prompts.WELCOME_STEPS:
            await self.flow.answer(member_id, event.member, prompt.kind, event.text)
            return
        yes = self.vocab.yes_or_no(event.text)
        if yes is None:
            await ctx.reply(ctx.t(f"buddy.unclear.{prompt.kind}", command=self._answer_command(prompt.kind)))
            return
        if prompt.kind == prompts.CHECKUP:
            key = await self.flow.connected(member_id, yes, prompt.subject_id)
        elif prompt.kind == prompts.MET:
            key = await self.coffee_rounds.answer_met(member_id, yes, prompt.subject_id)
        else:
            key = await self.coffee_rounds.answer_stay(member_id, yes)
        await ctx.reply(ctx.t(key, another=self.bot.prefix + "buddy another", on=self.bot.prefix + "coffee on"))

    def _answer_command(self, kind: str) -> str:
        commands = {prompts.CHECKUP: "buddy connected yes", prompts.MET: "coffee met yes",
                    prompts.STAY: "coffee on"}
        return self.bot.prefix + commands.get(kind, "help")

    # ----- for other plugins ----------------------------------------------------------------

    @hookimpl
    async def get_buddy(self, member_id: int) -> int | None:
        """The member id of the member's current buddy."""
        return await self.flow.buddy_of(member_id)

    @hookimpl
    async def export_member_data(self, member_id: int) -> dict[str, Any] | None:
        """Everything the buddy plugin holds about the member."""
        return await export_member(member_id)

    @hookimpl
    async def forget_member(self, member_id: int) -> None:
        """End the member's pairs (their newcomers get someone new), then delete every row naming them."""
        await self.coffee_rounds.member_left(member_id)
        await self.flow.member_left(member_id, forgotten=True)
        await Prompt.filter(member_id=member_id).delete()
        await Meetup.filter(Q(member_id=member_id) | Q(other_id=member_id)).delete()
        await CoffeeSeat.filter(member_id=member_id).delete()
        await CoffeeMember.filter(member_id=member_id).delete()
        await Assignment.filter(Q(newcomer_id=member_id) | Q(buddy_id=member_id)).delete()
        await Newcomer.filter(member_id=member_id).delete()
        await Volunteer.filter(member_id=member_id).delete()
        await Profile.filter(member_id=member_id).delete()
