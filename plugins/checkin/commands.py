"""The ``!checkin ...`` commands (a mixin of :class:`~samovar.plugins.checkin.plugin.CheckinPlugin`).

Settings answers go privately: in a room the bot only says it wrote to the member.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from tortoise.expressions import Q

from samovar.core.commands import DURATION, Arg
from samovar.core.context import Context
from samovar.core.i18n import LANGUAGES
from samovar.core.messages import split_message
from samovar.core.plugin import command
from samovar.core.timezones import zone_named

from . import similar, store
from .config import SHARING_CHOICES
from .models import CheckinEntry, CheckinSchedule
from .schedule import WEEKDAYS, parse_clock, parse_when
from .texts import Voice

if TYPE_CHECKING:
    from .config import CheckinConfig


LONGEST_PAUSE = timedelta(weeks=52)


class CheckinCommands:
    """Opt in, pause, stop, look back, and choose how check-ins are shared."""

    bot: Any
    config: CheckinConfig

    def wake(self) -> None:
        """Schedules changed: the next tick scans again (the plugin overrides this)."""

    def _voice(self, ctx: Context) -> Voice:
        return Voice(self.bot.catalog, ctx.lang)

    async def _tell(self, ctx: Context, text: str) -> None:
        """Say ``text`` privately; in a room, also say there that it was sent privately."""
        await ctx.answer_privately(text, ctx.t("checkin.sent_privately"))

    async def _schedule(self, ctx: Context) -> CheckinSchedule | None:
        schedule = await store.schedule_of(await ctx.member_id())
        if schedule is None or not schedule.enabled:
            await self._tell(ctx, ctx.t("checkin.not_on", command=f"{self.bot.prefix}checkin on"))
            return None
        return schedule

    def _day_words(self) -> dict[str, list[str]]:
        catalog = self.bot.catalog
        return {day: [w for lang in LANGUAGES for w in catalog.variants(f"checkin.input.days.{day}", lang)]
                for day in WEEKDAYS}

    @command("checkin on", Arg("when", required=False, rest=True, label="checkin.args.when"), help="checkin.help.on")
    async def checkin_on(self, ctx: Context, when: str | None = None) -> None:
        """Start (or change, or resume) weekly check-ins: ``[day] [HH:MM] [time zone]`` in any order."""
        voice = self._voice(ctx)
        asked = parse_when(when, self._day_words())
        if asked.unknown is not None:
            await ctx.reply(voice("on.unknown", word=asked.unknown,
                                  example=f"{self.bot.prefix}checkin on fri 18:00 Europe/Berlin"))
            return
        member_id = await ctx.member_id()
        now = self.bot.clock.now()
        schedule = await store.schedule_of(member_id)
        state = _on_state(schedule, now)
        was = _when(schedule) if schedule is not None else None
        if schedule is None:
            stored_tz = await self.bot.members.timezone(member_id)
            schedule = CheckinSchedule(
                member_id=member_id, created_at=now,
                weekday=WEEKDAYS.index(self.config.default_day), minute=parse_clock(self.config.default_time),
                timezone=(stored_tz and zone_named(stored_tz)) or self.bot.config.community.timezone)
        if asked.weekday is not None:
            schedule.weekday = asked.weekday
        if asked.minute is not None:
            schedule.minute = asked.minute
        if asked.tz is not None:
            schedule.timezone = asked.tz
        schedule.enabled = True
        schedule.paused_until = None
        schedule.platform = ctx.member.platform if ctx.member else None
        schedule.next_due_at = await store.next_due(schedule, now)
        await schedule.save()
        self.wake()
        if state == "on":
            state = "already" if _when(schedule) == was else "changed"
        await self._tell(ctx, voice(f"on.{state}", schedule=voice.schedule(schedule),
                                    next=voice.moment(schedule.next_due_at, schedule.timezone),
                                    pause=f"{self.bot.prefix}checkin pause 2w",
                                    off=f"{self.bot.prefix}checkin off",
                                    change=f"{self.bot.prefix}checkin on mon 19:00"))

    @command("checkin off", help="checkin.help.off")
    async def checkin_off(self, ctx: Context) -> None:
        """Stop check-ins (answers stay until the member deletes them)."""
        schedule = await store.schedule_of(await ctx.member_id())
        if schedule is None or not schedule.enabled:
            await self._tell(ctx, ctx.t("checkin.off.already"))
            return
        schedule.enabled = False
        schedule.next_due_at = None
        schedule.paused_until = None
        await schedule.save()
        await store.close_open(schedule.member_id)
        self.wake()
        await self._tell(ctx, ctx.t("checkin.off.done", on=f"{self.bot.prefix}checkin on",
                                    history=f"{self.bot.prefix}checkin history",
                                    forget=f"{self.bot.prefix}privacy forget"))

    @command("checkin pause", Arg("duration", type=DURATION), help="checkin.help.pause")
    async def checkin_pause(self, ctx: Context, duration: timedelta) -> None:
        """No check-ins for ``duration`` (``2w``, ``10d``); they come back by themselves."""
        schedule = await self._schedule(ctx)
        if schedule is None:
            return
        voice = self._voice(ctx)
        if duration > LONGEST_PAUSE:  # "1000w" is a typo or a wish to stop: both have better answers
            await self._tell(ctx, voice("pause.too_long", off=f"{self.bot.prefix}checkin off"))
            return
        now = self.bot.clock.now()
        schedule.paused_until = now + duration
        schedule.next_due_at = await store.next_due(schedule, now, not_before=schedule.paused_until)
        await schedule.save()
        await store.close_open(schedule.member_id)
        self.wake()
        await self._tell(ctx, voice("pause.done", until=voice.date(schedule.paused_until, schedule.timezone),
                                    next=voice.moment(schedule.next_due_at, schedule.timezone),
                                    resume=f"{self.bot.prefix}checkin on"))

    @command("checkin history", where="dm", help="checkin.help.history")
    async def checkin_history(self, ctx: Context) -> None:
        """The member's own recent answers, privately."""
        voice = self._voice(ctx)
        member_id = await ctx.member_id()
        answered = Q(worked__not_isnull=True) | Q(didnt__not_isnull=True) | Q(mood__not_isnull=True)
        entries = await (CheckinEntry.filter(answered, member_id=member_id).order_by("-due_at")
                         .limit(self.config.history_limit))
        schedule = await store.schedule_of(member_id)
        if not entries:
            if schedule is not None and schedule.enabled and schedule.next_due_at is not None:
                await ctx.dm(voice("history.empty_on", next=voice.moment(schedule.next_due_at, schedule.timezone)))
            else:
                await ctx.dm(voice("history.empty", command=f"{self.bot.prefix}checkin on"))
            return
        tz = schedule.timezone if schedule else self.bot.config.community.timezone
        lines = [voice("history.header")]
        for entry in entries:
            lines.append(voice("history.item", date=voice.date(entry.due_at, tz), summary=voice.summary(entry, 2000),
                               sharing=voice(f"history.sharing.{entry.sharing or 'private'}")))
        for text in split_message(lines, separator="\n\n"):
            await ctx.dm(text)

    @command("checkin share", Arg("mode", choices=SHARING_CHOICES, label="checkin.args.mode"),
             help="checkin.help.share")
    async def checkin_share(self, ctx: Context, mode: str) -> None:
        """Choose how check-ins are shared by default (``ask`` asks each time)."""
        schedule = await self._schedule(ctx)
        if schedule is None:
            return
        schedule.sharing = mode
        await schedule.save()
        await self._tell(ctx, ctx.t(f"checkin.share.{mode}", room=self.config.room))

    @command("checkin reminders", Arg("setting", choices=("on", "off")), help="checkin.help.reminders")
    async def checkin_reminders(self, ctx: Context, setting: str) -> None:
        """Allow or refuse the one gentle reminder."""
        schedule = await self._schedule(ctx)
        if schedule is None:
            return
        schedule.reminders = setting == "on"
        await schedule.save()
        if not schedule.reminders:
            await CheckinEntry.filter(member_id=schedule.member_id, remind_at__not_isnull=True).update(remind_at=None)
        self.wake()
        await self._tell(ctx, ctx.t(f"checkin.reminders.{setting}"))

    @command("checkin similar", Arg("answer", choices=("yes", "no", "on", "off")), help="checkin.help.similar")
    async def checkin_similar(self, ctx: Context, answer: str) -> None:
        """Answer a "similar week" offer (yes/no), or allow/refuse such offers (on/off)."""
        member_id = await ctx.member_id()
        if answer in ("on", "off"):
            schedule = await self._schedule(ctx)
            if schedule is None:
                return
            schedule.similar_offers = answer == "on"
            await schedule.save()
            await self._tell(ctx, ctx.t(f"checkin.similar.{answer}"))
            return
        result = await similar.reply(self.bot, member_id, answer, self.bot.clock.now())
        if result != "introduced":
            await self._tell(ctx, ctx.t(f"checkin.similar.{result}", off=f"{self.bot.prefix}checkin similar off"))

    @command("checkin status", help="checkin.help.status")
    async def checkin_status(self, ctx: Context) -> None:
        """What is set: day and time, pause, reminders, sharing."""
        voice = self._voice(ctx)
        schedule = await store.schedule_of(await ctx.member_id())
        if schedule is None:
            await self._tell(ctx, voice("not_on", command=f"{self.bot.prefix}checkin on"))
            return
        if not schedule.enabled:  # off: the settings stay for when they come back
            lines = [voice("status.off", schedule=voice.schedule(schedule), command=f"{self.bot.prefix}checkin on")]
        else:
            lines = [voice("status.schedule", schedule=voice.schedule(schedule))]
        now = self.bot.clock.now()
        if schedule.enabled and schedule.paused_until and schedule.paused_until > now:
            lines.append(voice("status.paused", until=voice.date(schedule.paused_until, schedule.timezone)))
        if schedule.enabled and schedule.next_due_at:
            lines.append(voice("status.next", next=voice.moment(schedule.next_due_at, schedule.timezone)))
        lines.append(voice(f"status.reminders.{'on' if schedule.reminders else 'off'}"))
        lines.append(voice("status.sharing", sharing=voice(f"status.sharing_modes.{schedule.sharing}")))
        lines.append(voice(f"status.similar.{'on' if schedule.similar_offers else 'off'}"))
        await self._tell(ctx, "\n".join(lines))


def _on_state(schedule: CheckinSchedule | None, now: datetime) -> str:
    """How ``!checkin on`` finds the member: ``done`` (new or off), ``resumed`` (paused) or ``on``."""
    if schedule is None or not schedule.enabled:
        return "done"
    if schedule.paused_until is not None and schedule.paused_until > now:
        return "resumed"
    return "on"


def _when(schedule: CheckinSchedule) -> tuple[int, int, str]:
    """Day, minute and time zone of a schedule."""
    return schedule.weekday, schedule.minute, schedule.timezone
