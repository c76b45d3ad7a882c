"""``!buddy ...`` commands: volunteering, what members tell about themselves, changes, the queue."""
from __future__ import annotations

from typing import Any

from samovar.core.commands import MEMBER, Arg
from samovar.core.context import Context
from samovar.core.events import MemberRef
from samovar.core.permissions import Role
from samovar.core.plugin import command
from samovar.core.timezones import parse_timezone, zone_label

from . import volunteers, waiting
from .matching import LANGUAGE, Unmatched
from .models import ACTIVE, PAUSED, QUEUED, STOPPED, Newcomer, Volunteer
from .names import language_name, language_names, topic_name
from .profiles import clock, participant, profile_of, update_profile
from .words import parse_hours, split_words

YES_NO = ("yes", "no")  # «да», «нет» and the like are the shared choice words (core.choices)


class BuddyCommands:
    """Mixed into the plugin class: every ``!buddy`` command."""

    bot: Any
    config: Any
    defaults: Any
    flow: Any
    vocab: Any
    coffee_rounds: Any

    # ----- volunteering ---------------------------------------------------------------------

    @command("buddy volunteer", Arg("capacity", int, required=False, label="buddy.args.capacity"),
             help="buddy.help.volunteer")
    async def volunteer(self, ctx: Context, capacity: int | None = None) -> None:
        """Offer to be a buddy (again: updates the offer)."""
        capacity = self.config.default_capacity if capacity is None else capacity
        if not 1 <= capacity <= self.config.max_capacity:
            await ctx.reply(ctx.t("buddy.volunteer.capacity_range", most=self.config.max_capacity))
            return
        member_id = await ctx.member_id()
        _, created = await volunteers.offer(member_id, capacity, self.bot.clock.now())
        key = "buddy.volunteer.thanks" if created else "buddy.volunteer.updated"
        p = self.bot.prefix
        lines = [ctx.t(key, count=capacity)]
        if _is_direct(ctx):  # the profile may hold what the member told privately while new
            lines.append(await self._profile_line(ctx, member_id))
        lines.append(ctx.t("buddy.volunteer.tell_more", languages=p + "buddy languages ru en",
                           timezone=p + "buddy timezone Europe/Moscow",
                           topics=p + "buddy topics career procrastination"))
        assumed = await self._assumed_languages(ctx, member_id)
        if assumed:
            lines.append(ctx.t("buddy.volunteer.assumed_languages", languages=assumed,
                               command=p + "buddy languages ru en"))
        await ctx.reply("\n".join(lines))
        await self.flow.serve_queue()

    @command("buddy pause", help="buddy.help.pause")
    async def pause(self, ctx: Context) -> None:
        """No new newcomers for now; current ones stay."""
        await self._set_status(ctx, PAUSED, "buddy.volunteer.paused")

    @command("buddy resume", help="buddy.help.resume")
    async def resume(self, ctx: Context) -> None:
        """Take newcomers again."""
        if await self._set_status(ctx, ACTIVE, "buddy.volunteer.resumed"):
            await self.flow.serve_queue()

    @command("buddy stop", help="buddy.help.stop")
    async def stop(self, ctx: Context) -> None:
        """Stop volunteering; current newcomers keep their buddy unless the buddy declines."""
        await self._set_status(ctx, STOPPED, "buddy.volunteer.stopped")

    async def _set_status(self, ctx: Context, status: str, key: str) -> bool:
        row = await volunteers.set_status(await ctx.member_id(), status, self.bot.clock.now())
        if row is None:
            await ctx.reply(ctx.t("buddy.volunteer.not_yet", command=self.bot.prefix + "buddy volunteer"))
            return False
        await ctx.reply(ctx.t(key, decline=self.bot.prefix + "buddy decline", resume=self.bot.prefix + "buddy resume"))
        return True

    # ----- what members tell about themselves ------------------------------------------------

    @command("buddy languages", Arg("languages", rest=True, label="buddy.args.languages"),
             aliases=("coffee languages",), help="buddy.help.languages")
    async def languages(self, ctx: Context, languages: str) -> None:
        """The languages the member is glad to talk in."""
        found, unknown = self.vocab.languages_in(languages, codes=True)
        if unknown or not found:
            await ctx.reply(ctx.t("buddy.profile.languages_unknown", words=", ".join(unknown) or languages,
                                  example=self.bot.prefix + "buddy languages ru en"))
            return
        member_id = await ctx.member_id()
        await update_profile(member_id, self.bot.clock.now(), languages=found)
        names = ", ".join(language_name(self.bot, code, ctx.lang) for code in found)
        await ctx.reply(ctx.t("buddy.profile.languages_set", languages=names))
        await self.flow.serve_queue()

    @command("buddy timezone", Arg("zone", rest=True, label="buddy.args.zone"), aliases=("coffee timezone",),
             help="buddy.help.timezone")
    async def timezone(self, ctx: Context, zone: str) -> None:
        """The member's time zone (an IANA name, a city or UTC+3)."""
        found = parse_timezone(zone)
        if found is None:
            await ctx.reply(ctx.t("buddy.profile.timezone_unknown", zone=zone,
                                  example=self.bot.prefix + "buddy timezone Europe/Moscow"))
            return
        member_id = await ctx.member_id()
        await self.bot.members.set_timezone(member_id, found)
        _, local = await self.flow.say.local_time(member_id, self.bot.clock.now(), found)
        await ctx.reply(ctx.t("buddy.profile.timezone_set", zone=zone_label(found), time=local))
        await self.flow.serve_queue()

    @command("buddy topics", Arg("topics", rest=True, label="buddy.args.topics"), aliases=("coffee topics",),
             help="buddy.help.topics")
    async def topics(self, ctx: Context, topics: str) -> None:
        """What the member has been through or likes to talk about (``-`` clears)."""
        found = [] if self.vocab.is_skip(topics) else self.vocab.topics_in(topics, keep_unknown=True)
        await update_profile(await ctx.member_id(), self.bot.clock.now(), topics=found)
        if not found:
            await ctx.reply(ctx.t("buddy.profile.topics_cleared"))
            return
        names = ", ".join(topic_name(self.bot, topic, ctx.lang) for topic in found)
        await ctx.reply(ctx.t("buddy.profile.topics_set", topics=names))
        await self.flow.serve_queue()

    @command("buddy hours", Arg("hours", label="buddy.args.hours"), aliases=("coffee hours",), help="buddy.help.hours")
    async def hours(self, ctx: Context, hours: str) -> None:
        """The member's waking hours, local time (``9-22``, ``08:30-23:00``)."""
        window = parse_hours(hours)
        if window is None:
            await ctx.reply(ctx.t("buddy.profile.hours_unknown", example=self.bot.prefix + "buddy hours 9-22"))
            return
        await update_profile(await ctx.member_id(), self.bot.clock.now(), waking=window)
        await ctx.reply(ctx.t("buddy.profile.hours_set", start=window[0].strftime("%H:%M"),
                              end=window[1].strftime("%H:%M")))

    async def _assumed_languages(self, ctx: Context, member_id: int) -> str | None:
        """The languages the matching takes the member to speak, when they named none; else None."""
        if split_words((await profile_of(member_id, self.bot.clock.now())).languages):
            return None
        return language_names(self.bot, (await participant(member_id, self.defaults)).languages, ctx.lang)

    async def _profile_line(self, ctx: Context, member_id: int) -> str:
        profile = await profile_of(member_id, self.bot.clock.now())
        none = ctx.t("buddy.profile.not_said")
        languages = ", ".join(language_name(self.bot, c, ctx.lang) for c in split_words(profile.languages))
        if not languages:
            assumed = await self._assumed_languages(ctx, member_id)
            languages = ctx.t("buddy.profile.languages_assumed", languages=assumed) if assumed else none
        topics = ", ".join(topic_name(self.bot, t, ctx.lang) for t in split_words(profile.topics)) or none
        zone = await self.bot.members.timezone(member_id)
        zone = zone_label(zone) if zone else none
        hours = none
        if profile.waking_start is not None and profile.waking_end is not None:
            hours = f"{clock(profile.waking_start):%H:%M}–{clock(profile.waking_end):%H:%M}"
        return ctx.t("buddy.profile.summary", languages=languages, topics=topics, zone=zone, hours=hours)

    # ----- the pair ----------------------------------------------------------------------------

    @command("buddy decline", Arg("member", MEMBER, required=False), help="buddy.help.decline")
    async def decline(self, ctx: Context, member: MemberRef | None = None) -> None:
        """The buddy steps back from a newcomer; the next best is asked."""
        newcomer = await ctx.member_id(member) if member is not None else None
        key, values, reassign = await self.flow.decline(await ctx.member_id(), newcomer)
        in_room = {"buddy.decline.done": ctx.t("buddy.decline.done_public"),
                   "buddy.decline.none": ctx.t("buddy.decline.none")}.get(key)
        await ctx.answer_privately(ctx.t(key, **values), ctx.t("buddy.sent_privately"), closed=in_room)
        if reassign is not None:
            await self.flow.assign(reassign)

    @command("buddy another", help="buddy.help.another")
    async def another(self, ctx: Context) -> None:
        """The newcomer would like a different buddy; no reason needed."""
        member_id = await ctx.member_id()
        key = await self.flow.another(member_id)
        text = ctx.t(key, decline=self.bot.prefix + "buddy decline")
        await ctx.answer_privately(text, ctx.t("buddy.sent_privately"), closed=text)  # names nobody: fine in a room
        if key == "buddy.another.ack":
            await self.flow.assign(member_id)

    @command("buddy connected", Arg("answer", choices=YES_NO), help="buddy.help.connected")
    async def connected(self, ctx: Context, answer: str) -> None:
        """Answer the check-up: did you and your buddy (or newcomer) connect?"""
        key = await self.flow.connected(await ctx.member_id(), answer == "yes")
        in_room = None if key == "buddy.connected.none" else ctx.t("buddy.connected.noted")
        text = ctx.t(key, another=self.bot.prefix + "buddy another")
        await ctx.answer_privately(text, ctx.t("buddy.sent_privately"), closed=in_room)

    @command("buddy status", help="buddy.help.status")
    async def status(self, ctx: Context) -> None:
        """Privately: your buddy, your newcomers, coffee, what you told about yourself."""
        member_id = await ctx.member_id()
        now = self.bot.clock.now()
        lines = []
        buddy = await self.flow.buddy_of(member_id)
        if buddy is not None:
            lines.append(ctx.t("buddy.status.your_buddy", buddy=await self.flow.say.name_for(buddy, member_id)))
        elif await Newcomer.exists(member_id=member_id, status=QUEUED):
            lines.append(ctx.t("buddy.status.waiting"))
        offer = await Volunteer.get_or_none(member_id=member_id)
        if offer is not None:
            pairs = await volunteers.active_pairs(now).filter(buddy_id=member_id).order_by("assigned_at")
            names = ", ".join([await self.flow.say.name_for(p.newcomer_id, member_id) for p in pairs]) or "—"
            lines.append(ctx.t(f"buddy.status.volunteer_{offer.status}", count=offer.capacity, names=names))
        on = await self.coffee_rounds.is_in(member_id)
        lines.append(ctx.t("buddy.status.coffee_on" if on else "buddy.status.coffee_off",
                           command=self.bot.prefix + ("coffee off" if on else "coffee on")))
        lines.append(await self._profile_line(ctx, member_id))
        await ctx.answer_privately("\n".join(lines), ctx.t("buddy.sent_privately"))

    # ----- moderators ---------------------------------------------------------------------------

    @command("buddy pending", role=Role.MODERATOR, help="buddy.help.pending")
    async def pending(self, ctx: Context) -> None:
        """Who is waiting for a buddy, and how many places volunteers have free."""
        now = self.bot.clock.now()
        queued = await Newcomer.filter(status=QUEUED).order_by("queued_at", "id")
        lines = [ctx.t("buddy.pending.header", count=len(queued)) if queued else ctx.t("buddy.pending.empty")]
        why = await waiting.reasons(queued, now, self.defaults)
        for newcomer in queued:
            ref = await self.flow.say.ref(newcomer.member_id)  # type: ignore[attr-defined]
            profile = await profile_of(newcomer.member_id, now)  # type: ignore[attr-defined]
            langs = ", ".join(split_words(profile.languages)) or ctx.t("buddy.profile.not_said")
            days = (now - (newcomer.queued_at or now)).days
            waited = ctx.t("buddy.pending.days", count=days) if days else ctx.t("buddy.pending.today")
            lines.append(ctx.t("buddy.pending.item", name=(ref.name or ref.id) if ref else "?", waited=waited,
                               languages=langs, why=await self._why_waiting(ctx, newcomer, why)))
        rows = await Volunteer.filter(status__in=(ACTIVE, PAUSED)).values("member_id", "capacity", "status")
        load = await volunteers.loads(now, [r["member_id"] for r in rows])
        active = [r for r in rows if r["status"] == ACTIVE]
        free = sum(max(0, r["capacity"] - load.get(r["member_id"], 0)) for r in active)
        lines.append(ctx.t("buddy.pending.volunteers", active=len(active), free=free,
                           paused=len(rows) - len(active)))
        await ctx.answer_privately("\n".join(lines), ctx.t("buddy.sent_privately"),
                                   in_place=self.bot.is_moderators_room(ctx.room))

    async def _why_waiting(self, ctx: Context, newcomer: Newcomer, why: dict[int, Unmatched | None]) -> str:
        """For moderators: why this newcomer has no buddy yet."""
        found = why.get(newcomer.member_id)  # type: ignore[attr-defined]
        if found is None:
            return ctx.t("buddy.pending.why.ready")
        if found.reason != LANGUAGE:
            return ctx.t(f"buddy.pending.why.{found.reason}")
        own = (await participant(newcomer.member_id, self.defaults)).languages  # type: ignore[attr-defined]
        return ctx.t("buddy.pending.why.language", languages=language_names(self.bot, own, ctx.lang),
                     spoken=language_names(self.bot, found.spoken, ctx.lang),
                     command=self.bot.prefix + "buddy languages ru en")


def _is_direct(ctx: Context) -> bool:
    """Whether the command was written in a private chat with the bot."""
    return ctx.room is not None and ctx.room.is_direct
