"""The newcomer's way: a private welcome, optional questions, a buddy, a check-up a week later.

A buddy is chosen with :func:`rank_buddies` (never one who declined them or
whom they asked to change, nor one they already had since they joined; see
:mod:`waiting`). With nobody who fits, the newcomer is queued and told honestly
why (everyone busy, nobody speaking their language yet, ...); the queue is
served whenever a place frees up or a volunteer appears or changes their profile.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from tortoise.expressions import Q

from samovar.core.events import MemberRef
from samovar.core.i18n import LANGUAGES
from samovar.core.timezones import parse_timezone, zone_label

from . import prompts, volunteers, waiting
from .delivery import Messenger
from .due import Watermark
from .matching import BUSY, BuddyCandidate, MatchingConfig, Participant, Unmatched, rank_buddies, why_unmatched
from .models import (ACTIVE, BUDDY_LEFT, CHANGED, DECLINED, GONE, MATCHED, NEWCOMER_LEFT, QUEUED, STOPPED,
                     WELCOMING, Assignment, Newcomer, Volunteer)
from .names import language_names, topic_name
from .profiles import Defaults, participant, update_profile
from .words import Vocabulary

MAX_REASON = 500
QUEUE_BATCH = 50
CHECKUP_BATCH = 200
Lines = list[tuple[str, dict[str, Any]]]


class NewcomerFlow:
    """Welcome, assign, decline, change, check up, and clean up after members who leave."""

    def __init__(self, bot: Any, config: Any, messenger: Messenger, vocab: Vocabulary, defaults: Defaults,
                 matching: MatchingConfig) -> None:
        self.bot = bot
        self.config = config
        self.say = messenger
        self.vocab = vocab
        self.defaults = defaults
        self.matching = matching
        self.answers_mark = Watermark(self._earliest_answer)
        self.checkups_mark = Watermark(self._earliest_checkup)
        self.queue_mark = Watermark(self._earliest_free_place)

    def now(self) -> datetime:
        """The bot's clock."""
        return self.bot.clock.now()

    # ----- welcome ------------------------------------------------------------------------

    async def welcome(self, member_id: int) -> None:
        """Greet a member who joined; ask the questions, or find a buddy right away."""
        now = self.now()
        newcomer = await Newcomer.get_or_none(member_id=member_id)
        if newcomer is not None and newcomer.status != GONE:
            return  # joined one more room: already welcomed
        if newcomer is None and await Volunteer.exists(member_id=member_id):
            return  # a buddy themself, seen in one more place
        returning = newcomer is not None  # welcomed before, then left: greeted as someone who came back
        if newcomer is None:
            newcomer = Newcomer(member_id=member_id, joined_at=now)
        newcomer.status, newcomer.joined_at, newcomer.queued_at = WELCOMING, now, None
        newcomer.assign_at = now + self.config.answer_window
        await newcomer.save()
        self.answers_mark.expect(newcomer.assign_at)
        greeting = "buddy.welcome.back" if returning else "buddy.welcome.hello"
        hello: Lines = [(greeting, {"community": self.bot.config.community.name})]
        if self.config.questions:
            if await self.say.tell_lines(member_id, [*hello, ("buddy.welcome.ask_language", {})]):
                await prompts.ask(member_id, prompts.LANGUAGE, now, self.config.answer_window)
                return
        else:
            await self.say.tell_lines(member_id, hello)
        await self.assign(member_id)

    async def answer(self, member_id: int, ref: MemberRef, kind: str, text: str) -> None:
        """A plain reply to one of the welcome questions."""
        now = self.now()
        newcomer = await Newcomer.get_or_none(member_id=member_id)
        if newcomer is None or newcomer.status != WELCOMING:
            await prompts.close(member_id, *prompts.WELCOME_STEPS)
            return
        if self.vocab.is_stop(text):
            await prompts.close(member_id)
            await self.say.tell(member_id, "buddy.welcome.stopped")
            await self.assign(member_id)
            return
        skipped = self.vocab.is_skip(text)
        notes: Lines = []
        following: str | None = None
        if kind == prompts.LANGUAGE:
            following = prompts.TIMEZONE
            if not skipped:
                notes.extend(await self._take_languages(member_id, ref, text))
        elif kind == prompts.TIMEZONE:
            following = prompts.REASON
            if not skipped:
                notes.extend(await self._take_timezone(member_id, text))
        elif not skipped:
            await self._take_reason(newcomer, ref, text)
        if following is not None:
            await prompts.ask(member_id, following, now, self.config.answer_window)
            await self.say.tell_lines(member_id, [*notes, (f"buddy.welcome.ask_{following}", {})])
            return
        await prompts.close(member_id)
        await self.say.tell(member_id, "buddy.welcome.thanks")
        await self.assign(member_id)

    async def _take_languages(self, member_id: int, ref: MemberRef, text: str) -> Lines:
        found, _ = self.vocab.languages_in(text)
        if not found:
            return [("buddy.welcome.language_unclear", {"command": self.bot.prefix + "buddy languages ru en"})]
        await update_profile(member_id, self.now(), languages=found)
        spoken = [code for code in found if code in LANGUAGES]
        if spoken and self.bot.members.language(ref) is None:
            await self.bot.members.set_language(member_id, spoken[0])
        return []

    async def _take_timezone(self, member_id: int, text: str) -> Lines:
        zone = parse_timezone(text)
        if zone is None:
            return [("buddy.welcome.timezone_unclear", {"command": self.bot.prefix + "buddy timezone Europe/Moscow"})]
        await self.bot.members.set_timezone(member_id, zone)
        _, local = await self.say.local_time(member_id, self.now(), self.defaults.timezone)
        return [("buddy.welcome.timezone_set", {"zone": zone_label(zone), "time": local})]

    async def _take_reason(self, newcomer: Newcomer, ref: MemberRef, text: str) -> None:
        newcomer.reason = text.strip()[:MAX_REASON]
        await newcomer.save(update_fields=["reason"])
        topics = self.vocab.topics_in(text)
        if topics:
            await update_profile(newcomer.member_id, self.now(), add_topics=topics)  # type: ignore[attr-defined]
        await self.bot.offer_private_text(f"buddy-{newcomer.id}", ref, newcomer.reason, self.bot.language_for(ref, None),
                                          "buddy")

    # ----- choosing a buddy -----------------------------------------------------------------

    async def assign(self, member_id: int, *, waited: bool = False) -> bool:
        """Introduce the newcomer to the best free buddy, or queue them; True when introduced."""
        now = self.now()
        newcomer = await Newcomer.get_or_none(member_id=member_id)
        if newcomer is None or newcomer.status == GONE:
            return False
        await prompts.close(member_id, *prompts.WELCOME_STEPS)
        history = await waiting.history(newcomer)
        me = await participant(member_id, self.defaults)
        free = await volunteers.available(now, self.defaults)
        ranked = rank_buddies(me, free, history, at=now, config=self.matching)
        if not ranked:
            told = newcomer.status == QUEUED
            newcomer.status, newcomer.assign_at = QUEUED, None
            newcomer.queued_at = newcomer.queued_at or now
            await newcomer.save()
            self.queue_mark.forget()
            if not told:
                await self._tell_queued(me, why_unmatched(me, free, history) or Unmatched(BUSY))
            return False
        choice = ranked[0]
        pair = await Assignment.create(newcomer_id=member_id, buddy_id=choice.id, status=ACTIVE, assigned_at=now,
                                       ends_at=now + self.config.support_period,
                                       checkup_at=now + self.config.checkup_after)
        newcomer.status, newcomer.assign_at, newcomer.queued_at = MATCHED, None, None
        await newcomer.save()
        self.checkups_mark.expect(pair.checkup_at)
        await self._introduce(pair, choice, newcomer.reason, waited)
        return True

    async def _tell_queued(self, me: Participant, why: Unmatched) -> None:
        """Tell a newcomer honestly why no buddy is introduced yet, and that one is coming."""
        languages = language_names(self.bot, me.languages, await self.say.lang(me.id))
        await self.say.introduce(me.id, [(f"buddy.queued.{why.reason}.private", {"languages": languages})],
                                 [(f"buddy.queued.{why.reason}.public", {})])

    async def _introduce(self, pair: Assignment, choice: BuddyCandidate, reason: str | None, waited: bool) -> None:
        now = self.now()
        newcomer_id, buddy_id = pair.newcomer_id, pair.buddy_id  # type: ignore[attr-defined]
        buddy = await self.say.name_for(buddy_id, newcomer_id)
        newcomer = await self.say.name_for(newcomer_id, buddy_id)
        for_newcomer: Lines = [("buddy.intro.waited", {})] if waited else []
        for_newcomer.append(("buddy.intro.newcomer", {"buddy": buddy}))
        for_newcomer.extend(await self._common(newcomer_id, buddy_id, choice, now))
        for_newcomer.append(("buddy.intro.newcomer_tail", {"another": self.bot.prefix + "buddy another"}))
        await self.say.introduce(newcomer_id, for_newcomer, [("buddy.intro.newcomer_public", {"buddy": buddy})])
        for_buddy: Lines = [("buddy.intro.buddy", {"newcomer": newcomer})]
        if reason:
            for_buddy.append(("buddy.intro.reason", {"reason": reason}))
        for_buddy.extend(await self._common(buddy_id, newcomer_id, choice, now))
        for_buddy.append(("buddy.intro.buddy_tail", {"decline": self.bot.prefix + "buddy decline"}))
        await self.say.introduce(buddy_id, for_buddy, [("buddy.intro.buddy_public", {"newcomer": newcomer})])

    async def _common(self, reader: int, other: int, choice: BuddyCandidate, now: datetime) -> Lines:
        lang = await self.say.lang(reader)
        lines: Lines = []
        if choice.topics:
            names = ", ".join(topic_name(self.bot, topic, lang) for topic in sorted(choice.topics))
            lines.append(("buddy.intro.topics", {"topics": names}))
        if await self.bot.members.timezone(other):  # a zone they never gave is not told as fact
            zone, local = await self.say.local_time(other, now, self.defaults.timezone)
            lines.append(("buddy.intro.their_time", {"zone": zone, "time": local}))
        else:
            lines.append(("buddy.intro.their_time_unknown", {}))
        return lines

    async def _earliest_answer(self) -> datetime | None:
        row = await Newcomer.filter(assign_at__isnull=False).order_by("assign_at").first()
        return None if row is None else row.assign_at

    async def _earliest_checkup(self) -> datetime | None:
        row = await Assignment.filter(checkup_at__isnull=False).order_by("checkup_at").first()
        return None if row is None else row.checkup_at

    async def _earliest_free_place(self) -> datetime | None:
        """While someone waits: when the next buddy pair reaches the end of its support period."""
        if not await Newcomer.exists(status=QUEUED):
            return None
        row = await volunteers.active_pairs(self.now()).order_by("ends_at").first()
        return None if row is None else row.ends_at

    async def serve_queue(self) -> int:
        """Introduce queued newcomers (oldest first) while buddies have free places."""
        now = self.now()
        if not await Newcomer.exists(status=QUEUED) or not await volunteers.has_free_place(now):
            return 0
        served = 0
        for newcomer in await Newcomer.filter(status=QUEUED).order_by("queued_at", "id").limit(QUEUE_BATCH):
            served += await self.assign(newcomer.member_id, waited=True)  # type: ignore[attr-defined]
            if not await volunteers.has_free_place(now):
                break
        return served

    async def answers_due(self) -> int:
        """Newcomers whose questions waited long enough: choose with what is known."""
        due = await Newcomer.filter(assign_at__lte=self.now()).limit(QUEUE_BATCH)
        for newcomer in due:
            await self.assign(newcomer.member_id)  # type: ignore[attr-defined]
        return len(due)

    # ----- changes ----------------------------------------------------------------------------

    async def _end(self, pair: Assignment, status: str) -> None:
        pair.status, pair.ended_at, pair.checkup_at = status, self.now(), None
        await pair.save()

    async def decline(self, buddy_id: int, newcomer_id: int | None) -> tuple[str, dict[str, Any], int | None]:
        """The buddy steps back from one newcomer; returns the reply and the newcomer to reassign."""
        pairs = await volunteers.active_pairs(self.now()).filter(buddy_id=buddy_id).order_by("assigned_at")
        if newcomer_id is not None:
            pairs = [p for p in pairs if p.newcomer_id == newcomer_id]  # type: ignore[attr-defined]
        if not pairs:
            return "buddy.decline.none", {}, None
        if len(pairs) > 1:
            names = ", ".join([await self.say.name_for(p.newcomer_id, buddy_id) for p in pairs])  # type: ignore[attr-defined]
            return "buddy.decline.which", {"names": names, "command": self.bot.prefix + "buddy decline @name"}, None
        pair = pairs[0]
        await self._end(pair, DECLINED)
        newcomer = pair.newcomer_id  # type: ignore[attr-defined]
        await self.say.tell(newcomer, "buddy.decline.newcomer", buddy=await self.say.name_for(buddy_id, newcomer))
        return "buddy.decline.done", {"newcomer": await self.say.name_for(newcomer, buddy_id)}, newcomer

    async def another(self, newcomer_id: int) -> str:
        """The newcomer asks for a different buddy (no reason needed); returns the reply key.

        Only a newcomer with a buddy (or waiting for one) can ask; for anyone else
        nothing changes. After ``buddy.another.ack`` the caller replies, then calls :meth:`assign`.
        """
        pair = await volunteers.active_pairs(self.now()).filter(newcomer_id=newcomer_id).first()
        if pair is None:
            waiting = await Newcomer.exists(member_id=newcomer_id, status__in=(QUEUED, WELCOMING))
            return "buddy.another.still_looking" if waiting else "buddy.another.no_buddy"
        await self._end(pair, CHANGED)
        old = pair.buddy_id  # type: ignore[attr-defined]
        await self.say.tell(old, "buddy.another.old_buddy", newcomer=await self.say.name_for(newcomer_id, old))
        return "buddy.another.ack"

    async def checkups(self) -> int:
        """Ask both people of each pair whose check-up is due whether they connected."""
        now = self.now()
        due = await Assignment.filter(checkup_at__lte=now).limit(CHECKUP_BATCH)
        for pair in due:
            pair.checkup_at = None
            await pair.save(update_fields=["checkup_at"])
            if pair.status != ACTIVE:
                continue
            newcomer, buddy = pair.newcomer_id, pair.buddy_id  # type: ignore[attr-defined]
            command = self.bot.prefix + "buddy connected yes|no"
            if await self.say.tell(newcomer, "buddy.checkup.newcomer", buddy=await self.say.name_for(buddy, newcomer),
                                   command=command):
                await prompts.ask(newcomer, prompts.CHECKUP, now, self.config.reply_window, pair.id)
            if await self.say.tell(buddy, "buddy.checkup.buddy", newcomer=await self.say.name_for(newcomer, buddy),
                                   command=command):
                await prompts.ask(buddy, prompts.CHECKUP, now, self.config.reply_window, pair.id)
        return len(due)

    async def connected(self, member_id: int, yes: bool, pair_id: int | None = None) -> str:
        """Record the member's answer to the check-up; returns the reply key."""
        query = Assignment.filter(id=pair_id) if pair_id is not None else \
            Assignment.filter(Q(newcomer_id=member_id) | Q(buddy_id=member_id)).order_by("-assigned_at")
        pair = await query.first()
        if pair is None:
            return "buddy.connected.none"
        await prompts.close(member_id, prompts.CHECKUP)
        if pair.newcomer_id == member_id:  # type: ignore[attr-defined]
            pair.newcomer_connected = yes
            reply = "buddy.connected.yes" if yes else "buddy.connected.no_newcomer"
        else:
            pair.buddy_connected = yes
            reply = "buddy.connected.yes" if yes else "buddy.connected.no_buddy"
        await pair.save(update_fields=["newcomer_connected", "buddy_connected"])
        return reply

    # ----- people leaving ----------------------------------------------------------------------

    async def member_left(self, member_id: int, *, forgotten: bool = False) -> None:
        """Free the member's place as a newcomer and as a buddy; their newcomers get someone new."""
        now = self.now()
        await Newcomer.filter(member_id=member_id).update(status=GONE, assign_at=None, queued_at=None)
        await prompts.close(member_id)
        suffix = "stepped_back" if forgotten else "left"
        for pair in await volunteers.active_pairs(now).filter(newcomer_id=member_id):
            await self._end(pair, NEWCOMER_LEFT)
            await self.say.tell(pair.buddy_id, f"buddy.ended.newcomer_{suffix}",  # type: ignore[attr-defined]
                                newcomer=await self.say.name_for(member_id, pair.buddy_id))
        await Volunteer.filter(member_id=member_id).update(status=STOPPED, updated_at=now)
        for pair in await volunteers.active_pairs(now).filter(buddy_id=member_id):
            await self._end(pair, BUDDY_LEFT)
            newcomer = pair.newcomer_id  # type: ignore[attr-defined]
            await self.say.tell(newcomer, f"buddy.ended.buddy_{suffix}", buddy=await self.say.name_for(member_id, newcomer))
            await self.assign(newcomer)

    async def buddy_of(self, member_id: int) -> int | None:
        """The member's current buddy."""
        pair = await volunteers.active_pairs(self.now()).filter(newcomer_id=member_id).order_by("-assigned_at").first()
        return None if pair is None else pair.buddy_id  # type: ignore[attr-defined]
