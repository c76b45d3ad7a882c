"""Random-coffee rounds: opt-in only, nobody left out, no repeats, a gentle "did you meet?".

Each round pairs every opted-in member with :func:`pair_round` (one group of
three when the count is odd), never regrouping two people within the
no-repeat window. Whoever leaves follow-ups unanswered for a few rounds is
asked once whether to stay in, and skipped until they answer.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any
from tortoise.expressions import Q

from samovar.core.timezones import zone_info

from . import prompts
from .delivery import Messenger
from .due import Watermark
from .matching import Group, MatchingConfig, pair_round
from .models import COFFEE, UNPLANNED, CoffeeGroup, CoffeeMember, CoffeeRound, CoffeeSeat, Meetup
from .names import language_name, topic_name
from .profiles import Defaults, known_zone, participants

FOLLOWUP_BATCH = 200
SAME_MEETUP = timedelta(hours=12)
Lines = list[tuple[str, dict[str, Any]]]


class CoffeeRounds:
    """Opting in and out, holding rounds, following up, recording meetups."""

    def __init__(self, bot: Any, config: Any, messenger: Messenger, defaults: Defaults,
                 matching: MatchingConfig) -> None:
        self.bot = bot
        self.config = config
        self.coffee = config.coffee
        self.say = messenger
        self.defaults = defaults
        self.matching = matching
        self.followups_mark = Watermark(self._earliest_followup)

    def now(self) -> datetime:
        """The bot's clock."""
        return self.bot.clock.now()

    # ----- membership -------------------------------------------------------------------------

    async def opt_in(self, member_id: int) -> str:
        """``!coffee on``: join the next rounds; returns the reply key."""
        row = await CoffeeMember.get_or_none(member_id=member_id)
        if row is not None and row.active and row.asked_to_stay_at is None:
            return "buddy.coffee.already_on"
        if row is None:
            row = CoffeeMember(member_id=member_id, since=self.now())
        row.active, row.ignored_rounds, row.asked_to_stay_at = True, 0, None
        await row.save()
        await prompts.close(member_id, prompts.STAY)
        return "buddy.coffee.on"

    async def opt_out(self, member_id: int) -> str:
        """``!coffee off``: leave the rounds (history stays for the no-repeat window)."""
        updated = await CoffeeMember.filter(member_id=member_id, active=True).update(active=False,
                                                                                    asked_to_stay_at=None)
        await prompts.close(member_id, prompts.STAY)
        return "buddy.coffee.off" if updated else "buddy.coffee.already_off"

    async def is_in(self, member_id: int) -> bool:
        """Whether the member takes part in rounds now."""
        return await CoffeeMember.exists(member_id=member_id, active=True, asked_to_stay_at=None)

    async def member_left(self, member_id: int) -> None:
        """A member who left the community is out of the rounds."""
        await CoffeeMember.filter(member_id=member_id).update(active=False, asked_to_stay_at=None)

    # ----- rounds ---------------------------------------------------------------------------------

    async def scheduled_round(self) -> None:
        """The cadence job: hold a round unless one was held recently (for rounds every N weeks)."""
        if not self.coffee.enabled:
            return
        if self.coffee.every_weeks > 1:
            last = await CoffeeRound.all().order_by("-held_at").first()
            if last is not None and self.now() - last.held_at < timedelta(weeks=self.coffee.every_weeks, days=-1):
                return
        await self.hold_round()

    async def hold_round(self) -> CoffeeRound:
        """Group everyone opted in and introduce each group privately."""
        with self.say.batch():
            return await self._hold_round()

    async def _hold_round(self) -> CoffeeRound:
        now = self.now()
        await self._count_ignored(now)
        ids: list[int] = await CoffeeMember.filter(  # type: ignore[assignment]
            active=True, asked_to_stay_at=None).values_list("member_id", flat=True)
        held = await CoffeeRound.create(held_at=now)
        people = await participants(ids, self.defaults)
        result = pair_round(list(people.values()), await self._recent_groups(held.id), seed=held.id, at=now,
                            config=self.matching)
        self.followups_mark.expect(now + self.coffee.followup_after)
        for group in result.groups:
            row = await CoffeeGroup.create(round=held, followup_at=now + self.coffee.followup_after)
            await CoffeeSeat.bulk_create([CoffeeSeat(group=row, member_id=m) for m in group.members])
            for member_id in group.members:
                await self._introduce(member_id, group, now)
        for member_id in result.unmatched:
            await self.say.tell(member_id, "buddy.coffee.unmatched")
        held.groups, held.unmatched = len(result.groups), len(result.unmatched)
        await held.save()
        await self._announce(held)
        return held

    async def _recent_groups(self, round_id: int) -> list[list[int]]:
        if self.coffee.no_repeat_rounds <= 0:
            return []
        recent = await CoffeeRound.filter(id__lt=round_id).order_by("-id").limit(self.coffee.no_repeat_rounds) \
            .values_list("id", flat=True)
        groups: dict[int, list[int]] = defaultdict(list)
        for seat in await CoffeeSeat.filter(group__round_id__in=list(recent)).values("group_id", "member_id"):
            groups[seat["group_id"]].append(seat["member_id"])
        return list(groups.values())

    async def _introduce(self, member_id: int, group: Group, now: datetime) -> None:
        others = [m for m in group.members if m != member_id]
        names = ", ".join([await self.say.name_for(m, member_id) for m in others])
        lang = await self.say.lang(member_id)
        lines: Lines = [("buddy.coffee.intro_three" if len(others) > 1 else "buddy.coffee.intro", {"others": names})]
        if group.languages:
            spoken = ", ".join(language_name(self.bot, code, lang) for code in sorted(group.languages))
            lines.append(("buddy.coffee.languages", {"languages": spoken}))
        if group.topics:
            lines.append(("buddy.coffee.topics", {"topics": ", ".join(
                topic_name(self.bot, topic, lang) for topic in sorted(group.topics))}))
        zone = known_zone(await self.bot.members.timezone(member_id)) or self.defaults.timezone
        hours = local_hours(group.awake_together_utc, zone, now)
        if hours:
            lines.append(("buddy.coffee.awake", {"hours": hours}))
        lines.append(("buddy.coffee.intro_tail", {"off": self.bot.prefix + "coffee off"}))
        await self.say.introduce(member_id, lines, [("buddy.coffee.intro_public", {"others": names})])

    async def _announce(self, held: CoffeeRound) -> None:
        if not self.coffee.announce_room or not held.groups:
            return
        room = self.bot.room(self.coffee.announce_room)
        if room is None:
            return
        lang = self.bot.language_for(None, room)
        await self.bot.send(room, self.bot.t("buddy.coffee.announce", lang, count=held.groups,
                                             on=self.bot.prefix + "coffee on"))

    async def _count_ignored(self, now: datetime) -> None:
        """Members who let a follow-up go unanswered (and whose group did not meet) count one more round."""
        seats = await CoffeeSeat.filter(counted=False, group__followed_up=True).values(
            "id", "group_id", "member_id", "met")
        if not seats:
            return
        met_groups = {s["group_id"] for s in seats if s["met"]}
        quiet = [s["member_id"] for s in seats if s["met"] is None and s["group_id"] not in met_groups]
        await CoffeeSeat.filter(id__in=[s["id"] for s in seats]).update(counted=True)
        for row in await CoffeeMember.filter(member_id__in=quiet, active=True):
            row.ignored_rounds += 1
            if row.ignored_rounds >= self.coffee.ask_after_ignored and row.asked_to_stay_at is None:
                row.asked_to_stay_at = now
                if await self.say.tell(row.member_id, "buddy.coffee.stay_question",  # type: ignore[attr-defined]
                                       count=row.ignored_rounds, on=self.bot.prefix + "coffee on",
                                       off=self.bot.prefix + "coffee off"):
                    await prompts.ask(row.member_id, prompts.STAY, now,  # type: ignore[attr-defined]
                                      self.config.reply_window)
            await row.save()

    # ----- after the round --------------------------------------------------------------------

    async def _earliest_followup(self) -> datetime | None:
        row = await CoffeeGroup.filter(followup_at__isnull=False).order_by("followup_at").first()
        return None if row is None else row.followup_at

    async def followups(self) -> int:
        """Ask every group whose follow-up is due whether they met."""
        with self.say.batch():
            return await self._followups()

    async def _followups(self) -> int:
        now = self.now()
        due = await CoffeeGroup.filter(followup_at__lte=now).limit(FOLLOWUP_BATCH)
        for group in due:
            group.followup_at, group.followed_up = None, True
            await group.save(update_fields=["followup_at", "followed_up"])
            members: list[int] = await CoffeeSeat.filter(  # type: ignore[assignment]
                group_id=group.id).values_list("member_id", flat=True)
            for member_id in members:
                if not await CoffeeMember.exists(member_id=member_id, active=True):
                    continue
                names = ", ".join([await self.say.name_for(m, member_id) for m in members if m != member_id])
                if await self.say.tell(member_id, "buddy.coffee.followup", others=names,
                                       command=self.bot.prefix + "coffee met yes|no"):
                    await prompts.ask(member_id, prompts.MET, now, self.config.reply_window, group.id)
        return len(due)

    async def answer_met(self, member_id: int, yes: bool, group_id: int | None = None) -> str:
        """Record whether the member's coffee group met; returns the reply key."""
        query = CoffeeSeat.filter(member_id=member_id)
        if group_id is not None:
            query = query.filter(group_id=group_id)
        seat = await query.order_by("-id").first()
        if seat is None:
            return "buddy.coffee.no_group"
        await prompts.close(member_id, prompts.MET)
        seat.met = yes
        await seat.save(update_fields=["met"])
        await CoffeeMember.filter(member_id=member_id).update(ignored_rounds=0)
        if not yes:
            return "buddy.coffee.met_no"
        group = seat.group_id  # type: ignore[attr-defined]
        for other in await CoffeeSeat.filter(group_id=group).exclude(member_id=member_id).values_list(
                "member_id", flat=True):
            if not await Meetup.filter(Q(member_id=other, other_id=member_id) | Q(member_id=member_id, other_id=other),
                                       coffee_group=group).exists():
                await Meetup.create(member_id=member_id, other_id=other, kind=COFFEE, coffee_group=group,
                                    at=self.now())
        return "buddy.coffee.met_yes"

    async def met(self, member_id: int, other_id: int) -> str:
        """``!met @member``: an unplanned meetup, or the answer for a coffee group with them."""
        if other_id == member_id:
            return "buddy.met.self"
        mine = CoffeeSeat.filter(member_id=member_id, met=None).values_list("group_id", flat=True)
        shared = await CoffeeSeat.filter(member_id=other_id, group_id__in=list(await mine)).order_by("-id").first()
        if shared is not None:
            await self.answer_met(member_id, True, shared.group_id)  # type: ignore[attr-defined]
            return "buddy.met.thanks"
        since = self.now() - SAME_MEETUP
        pair = Q(member_id=member_id, other_id=other_id) | Q(member_id=other_id, other_id=member_id)
        if not await Meetup.filter(pair, kind=UNPLANNED, at__gte=since).exists():
            await Meetup.create(member_id=member_id, other_id=other_id, kind=UNPLANNED, at=self.now())
        return "buddy.met.thanks"

    async def answer_stay(self, member_id: int, yes: bool) -> str:
        """The answer to "would you like to stay in the rounds?"."""
        if yes:
            await self.opt_in(member_id)
            return "buddy.coffee.stay_yes"
        await self.opt_out(member_id)
        return "buddy.coffee.stay_no"


def local_hours(awake_utc: tuple[tuple[int, int], ...], zone: str, now: datetime) -> str:
    """UTC minute ranges when a group is awake together, as ``HH:MM–HH:MM`` in ``zone``."""
    pieces = sorted(awake_utc)
    if not pieces:
        return ""
    if len(pieces) > 1 and pieces[0][0] == 0 and pieces[-1][1] == 1440:
        pieces = [(pieces[-1][0], pieces[0][1] + 1440), *pieces[1:-1]]
    offset = now.astimezone(zone_info(zone)).utcoffset()
    shift = int(offset.total_seconds()) // 60 if offset else 0
    spans = []
    for start, end in pieces:
        if end - start >= 1440:
            return "00:00–24:00"
        local = (start + shift) % 1440
        spans.append((local, (local + end - start) % 1440))
    return ", ".join(f"{_hhmm(a)}–{_hhmm(b)}" for a, b in sorted(spans))


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
