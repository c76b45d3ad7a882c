"""The wins plugin: the tradition of celebrating small wins, without points or leaderboards."""
from __future__ import annotations

import unicodedata
from datetime import timedelta, tzinfo
from typing import Any

from samovar.core.commands import Arg
from samovar.core.context import Context
from samovar.core.events import (MemberRef, MessageDeletedEvent, MessageEditedEvent, MessageEvent, MessageRef,
                                 ReactionEvent, RoomRef)
from samovar.core.hookspecs import hookimpl
from samovar.core.migrations import Migration
from samovar.core.messages import split_message
from samovar.core.plugin import Plugin, command
from samovar.core.timezones import zone_info

from . import records
from .celebrate import Celebrations
from .digest import DigestWin, digest_lines
from .journal import JournalWriter
from .models import Win
from .recent import RecentMessages
from .settings import WinsConfig

DIGEST_JOB = "wins.digest"
WIN_COMMANDS = ("win", "победа")
ON_OFF = ("on", "off")
_VARIATION_SELECTOR = "\ufe0f"


def same_emoji(a: str, b: str) -> bool:
    """Emoji equal up to the invisible variation selector some platforms add."""
    return a.replace(_VARIATION_SELECTOR, "") == b.replace(_VARIATION_SELECTOR, "")


class WinsPlugin(Plugin):
    """``!win``, the 🎉 mark, ``!cheer``, the private journal, milestones, the weekly digest."""

    name = "wins"
    config_model = WinsConfig
    models = ["samovar.plugins.wins.models"]
    migrations = [Migration(1, "wins, cheers and preferences")]

    def __init__(self, bot: Any, config: WinsConfig) -> None:
        super().__init__(bot, config)
        self.config: WinsConfig = config
        self.celebrations = Celebrations(bot)
        self.recent = RecentMessages(config.remember_texts_for)

    # ----- lifecycle -----------------------------------------------------------------------

    @hookimpl
    def on_startup(self) -> None:
        """Schedule the weekly digest in the community's time zone."""
        if not self.config.digest:
            return
        hour, minute = self.config.digest_clock()
        self.bot.scheduler.cron(self.post_digest, job_id=DIGEST_JOB, timezone=self.bot.config.community.timezone,
                                day_of_week=self.config.digest_day, hour=hour, minute=minute)

    @hookimpl
    def on_shutdown(self) -> None:
        """Stop the digest job."""
        self.bot.scheduler.cancel(DIGEST_JOB)

    # ----- commands ------------------------------------------------------------------------

    @command("win", Arg("text", required=False, rest=True), aliases=("победа",), help="wins.help.win")
    async def win(self, ctx: Context, text: str | None = None) -> None:
        """Write a win down and celebrate it where it was shared."""
        text = (text or "").strip()
        if all(unicodedata.category(ch)[0] in "PZC" for ch in text):  # nothing, "-", "...", a zero-width space
            await ctx.reply(ctx.t("wins.ask", command=self.bot.prefix + "win"))
            return
        if await self.bot.offer_private_text(ctx.event.id, ctx.member, text, ctx.lang, "win"):
            return  # words with signs of crisis got the care response: never a celebration, never a record
        member_id = await ctx.member_id()
        win = await records.record_win(member_id, text, ctx.message, self.bot.clock.now())
        if win is not None:
            await self.celebrations.celebrate(ctx, win, member_id, self.settings_for(ctx.room))

    @command("cheer", aliases=("ура",), where="room", help="wins.help.cheer")
    async def cheer(self, ctx: Context) -> None:
        """Cheer the win this message replies to (the author sees it privately as "witnessed by")."""
        command_text = self.bot.prefix + "cheer"
        target = getattr(ctx.event, "reply_to", None)
        if target is None:
            await ctx.reply(ctx.t("wins.cheer.how", command=command_text))
            return
        win = await records.win_for(target)
        if win is None:
            await ctx.reply(ctx.t("wins.cheer.not_a_win", command=command_text))
            return
        member_id = await ctx.member_id()
        if win.member_id == member_id:  # type: ignore[attr-defined]
            await ctx.reply(ctx.t("wins.cheer.own"))
            return
        await records.add_cheer(win, member_id, self.bot.clock.now())
        await ctx.react(self.settings_for(ctx.room).cheer_reaction)

    @command("wins", aliases=("победы",), help="wins.help.wins")
    async def wins(self, ctx: Context) -> None:
        """DM the member their own journal: this week, this month, all."""
        member_id = await ctx.member_id()
        entries = await records.journal(member_id)
        writer = JournalWriter(self.bot.catalog, ctx.lang, await self._zone_of(member_id),
                               self.settings_for(ctx.room).journal_list_limit, self.bot.prefix + "win")
        await ctx.answer_privately(split_message(writer.lines(entries, self.bot.clock.now())),
                                   ctx.t("wins.journal.sent"))

    @command("wins digest", Arg("choice", choices=ON_OFF), help="wins.help.digest")
    async def digest_choice(self, ctx: Context, choice: str) -> None:
        """Let the member's wins appear in the weekly digest, or keep them out."""
        prefs = await records.preferences(await ctx.member_id())
        prefs.in_digest = choice == "on"
        await prefs.save(update_fields=["in_digest"])
        await ctx.reply(ctx.t(f"wins.digest_choice.{choice}", command=self.bot.prefix + "wins"))

    @command("wins tell-buddy", Arg("choice", choices=ON_OFF), help="wins.help.tell_buddy")
    async def tell_buddy_choice(self, ctx: Context, choice: str) -> None:
        """Agree (or no longer agree) that the member's buddy hears about their first win."""
        member_id = await ctx.member_id()
        prefs = await records.preferences(member_id)
        prefs.tell_buddy = choice == "on"
        await prefs.save(update_fields=["tell_buddy"])
        if choice == "off":
            await ctx.reply(ctx.t("wins.tell_buddy.off"))
        elif await records.count_wins(member_id):
            await ctx.reply(ctx.t("wins.tell_buddy.on_already", command=self.bot.prefix + "wins"))
        elif await self.bot.host.call_first("get_buddy", ctx.event.id, member_id=member_id) is None:
            await ctx.reply(ctx.t("wins.tell_buddy.on_no_buddy"))
        else:
            await ctx.reply(ctx.t("wins.tell_buddy.on"))

    # ----- hooks ---------------------------------------------------------------------------

    @hookimpl
    def on_message(self, event: MessageEvent) -> None:
        """Remember room messages for a while, so that one can be marked as a win with a reaction."""
        if not event.room.is_direct:
            self.recent.remember(event.message, event.member, event.text, event.at)

    @hookimpl
    async def on_reaction_added(self, event: ReactionEvent, ctx: Context) -> None:
        """A reaction on a win cheers it; the author's own emoji on their message makes it a win."""
        room = event.message.room
        if room.is_direct:
            return
        win = await records.win_for(event.message)
        if win is not None:
            reactor = await self.bot.members.resolve(event.member)
            await records.add_cheer(win, reactor, self.bot.clock.now())
            return
        settings = self.settings_for(room)
        if not same_emoji(event.emoji, settings.emoji):
            return
        seen = self.recent.get(event.message, self.bot.clock.now())
        author = event.message_author or (seen.author if seen else None)
        if author is None or author != event.member:
            return
        if seen and await self.bot.offer_private_text(event.id, event.member, seen.text,
                                                      self.bot.language_for(event.member, room), "win"):
            return
        text = self.win_text(seen.text) if seen else ""
        member_id = await self.bot.members.resolve(event.member)
        win = await records.record_win(member_id, text, event.message, self.bot.clock.now())
        if win is not None:
            await self.celebrations.celebrate(ctx, win, member_id, settings)

    @hookimpl
    async def on_message_edited(self, event: MessageEditedEvent) -> None:
        """An edited win keeps up with its new words."""
        self.recent.edited(event.message, event.text)
        win = await records.written_in(event.message)
        text = self.win_text(event.text)
        if win is not None and text and text != win.text:
            await records.update_text(win, text, self.bot.clock.now())

    @hookimpl
    async def on_message_deleted(self, event: MessageDeletedEvent) -> None:
        """A deleted win is gone from the journal and the digest, and so is the bot's celebration quoting it."""
        self.recent.forget_message(event.message)
        win = await records.written_in(event.message)
        if win is None:
            return
        await records.remove(win)
        if win.celebration_id:
            await self.bot.delete(MessageRef(event.message.platform, event.message.room, win.celebration_id))

    @hookimpl
    async def export_member_data(self, member_id: int) -> dict[str, Any] | None:
        """The member's wins, the cheers they gave, their choices."""
        return await records.export(member_id)

    @hookimpl
    async def forget_member(self, member_id: int) -> None:
        """Delete every row naming the member, and the bot's public celebrations quoting their wins."""
        self.recent.forget_author(await self.bot.members.identities(member_id))
        for win in await Win.filter(member_id=member_id, celebration_id__not_isnull=True):
            room = RoomRef(win.platform, win.room_id, win.room_name, is_direct=win.private)
            if win.platform in self.bot.adapters:
                await self.bot.delete(MessageRef(win.platform, room, win.celebration_id or ""))
        await records.forget(member_id)

    # ----- the weekly digest -----------------------------------------------------------------

    async def post_digest(self) -> None:
        """Post the week's wins (of members who did not opt out) in the digest room of every platform."""
        wins = [w for w in await records.public_since(self.bot.clock.now() - timedelta(days=7))
                if self.settings_for(RoomRef(w.platform, w.room_id, w.room_name)).share_in_digest]
        if not wins:
            return
        room_name = self.config.digest_room or self.bot.config.community.main_room
        items = [DigestWin(w.member_id, w.text) for w in wins]  # type: ignore[attr-defined]
        for platform in self.bot.adapters:
            room = self.bot.room(room_name, platform=platform)
            if room is None:
                continue
            names = {m: await self._display_name(m, platform) for m in {item.member_id for item in items}}
            lang = self.bot.language_for(None, room)
            lines = digest_lines(self.bot.catalog, lang, items, names, self.config.digest_max_chars,
                                 self.bot.prefix + "wins digest off")
            for message in split_message(lines):
                await self.bot.send(room, message)

    # ----- helpers -----------------------------------------------------------------------------

    def win_text(self, text: str) -> str:
        """The win in a message: the text after ``!win``, or the whole message."""
        text = text.strip()
        if text.startswith(self.bot.prefix):
            words = text[len(self.bot.prefix):].split(None, 1)
            if words and words[0].lower() in WIN_COMMANDS:
                return words[1].strip() if len(words) > 1 else ""
        return text

    async def _zone_of(self, member_id: int) -> tzinfo:
        for name in (await self.bot.members.timezone(member_id), self.bot.config.community.timezone):
            if name:
                try:
                    return zone_info(name)
                except ValueError:
                    continue
        return zone_info("UTC")

    async def _display_name(self, member_id: int, platform: str) -> str:
        identities: list[MemberRef] = await self.bot.members.identities(member_id)
        preferred = [ref for ref in identities if ref.platform == platform] + identities
        return next((ref.name or ref.id for ref in preferred), "")
