"""Celebrating a win where it was shared, then the quiet extras: milestones and the buddy."""
from __future__ import annotations

import random
from typing import TYPE_CHECKING

from samovar.core.context import Context
from samovar.core.events import MemberRef
from samovar.core.safety import shorten

from . import records
from .models import Win
from .settings import WinsConfig
from .variety import VariedTexts, fill

if TYPE_CHECKING:
    from samovar.core.bot import Bot


class Celebrations:
    """Says the warm words: publicly for the win itself, privately for everything about counts."""

    def __init__(self, bot: "Bot", rng: random.Random | None = None) -> None:
        self.bot = bot
        self.texts = VariedTexts(rng)

    async def celebrate(self, ctx: Context, win: Win, member_id: int, settings: WinsConfig) -> None:
        """React to the win's message and answer it with a varied celebration, then the private extras."""
        assert ctx.member is not None and ctx.room is not None
        lang = ctx.lang
        key = "wins.celebrate" if win.text else "wins.celebrate_untitled"
        template = self.texts.pick(f"{ctx.room.platform}:{ctx.room.id}", self.bot.catalog.variants(key, lang))
        name = (ctx.member.name or ctx.mention()) if ctx.room.is_direct else ctx.mention()
        text = fill(template, name=name, win=shorten(win.text, settings.celebrate_max_chars))
        await ctx.react(settings.reaction)
        sent = await ctx.reply(text)
        if sent is not None:
            await records.set_celebration(win, sent)
        await self.quiet_extras(ctx.member, member_id, win, settings, getattr(ctx.event, "id", "wins"))

    async def quiet_extras(self, member: MemberRef, member_id: int, win: Win, settings: WinsConfig,
                           event_id: str) -> None:
        """A milestone note to the author, and the first win told to their buddy if they asked for that."""
        count = await records.count_wins(member_id)
        milestone = count in settings.milestones
        if not milestone and count != 1:
            return
        prefs = await records.preferences(member_id) if milestone else await records.existing_preferences(member_id)
        if prefs is None:
            return
        changed = False
        if milestone and count > prefs.milestone_reached:
            lang = self.bot.language_for(member, None)
            await self.bot.dm(member, self.bot.t("wins.milestone", lang, count=count, command=self.bot.prefix + "wins"))
            prefs.milestone_reached = count
            changed = True
        if count == 1 and prefs.tell_buddy and not prefs.buddy_told:
            if await self.tell_buddy(member, member_id, win, settings, event_id):
                prefs.buddy_told = True
                changed = True
        if changed:
            await prefs.save()

    async def tell_buddy(self, member: MemberRef, member_id: int, win: Win, settings: WinsConfig,
                         event_id: str) -> bool:
        """DM the member's buddy about this (first) win; False when there is no buddy to reach."""
        buddy_id = await self.bot.host.call_first("get_buddy", event_id, member_id=member_id)
        if buddy_id is None or buddy_id == member_id:
            return False
        buddy = await self.bot.member_ref(buddy_id, platform=member.platform) or await self.bot.member_ref(buddy_id)
        if buddy is None:
            return False
        await self.bot.members.resolve(buddy)  # loads the buddy's language choice
        lang = self.bot.language_for(buddy, None)
        name = self.bot.mention(member) if buddy.platform == member.platform else (member.name or member.id)
        win_text = shorten(win.text, settings.celebrate_max_chars) if win.text else self.bot.t(
            "wins.journal.untitled", lang)
        sent = await self.bot.dm(buddy, self.bot.t("wins.buddy.first_win", lang, name=name, win=win_text))
        return sent is not None
