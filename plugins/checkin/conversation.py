"""Running check-in dialogs in direct messages: open, answer, remind, pick up after a restart.

An answer is always written to the database before the bot replies, so a crash
between the two loses nothing: after a restart the next question is asked again.
"""
from __future__ import annotations

from typing import Any

from samovar.core.events import MemberRef

from . import store
from .config import CheckinConfig
from .dialog import Outcome, Vocabulary, interpret
from .models import DIDNT, DONE, SHARE, WORKED, CheckinEntry
from .reach import Reached, reach
from .sharing import share
from .texts import Voice
from .themes import default_matcher


class Conversation:
    """The dialog side of the plugin; the plugin decides *when*, this decides *what is said*."""

    def __init__(self, bot: Any, config: CheckinConfig, vocab: Vocabulary) -> None:
        self.bot = bot
        self.config = config
        self.vocab = vocab

    def question(self, voice: Voice, step: str) -> str:
        """The question asked at ``step``."""
        if step == SHARE:
            return voice("ask.share", room=self.config.room, command=f"{self.bot.prefix}checkin share")
        return voice(f"ask.{step}")

    async def open(self, entry_id: int, member_id: int, platform: str | None) -> bool:
        """Send the opening question of a claimed check-in; True when it reached the member."""
        reached = await reach(self.bot, member_id, platform)
        if reached is None:
            return False
        voice = reached.voice
        text = voice("open", name=reached.ref.name) + "\n\n" + self.question(voice, WORKED)
        if await self.bot.dm(reached.ref, text) is None:
            return False
        await store.mark_prompted(entry_id, WORKED)
        return True

    async def prompt(self, reached: Reached, entry_id: int, step: str, before: str | None = None) -> None:
        """Ask the question of ``step`` (optionally after ``before``) and note that it arrived."""
        text = self.question(reached.voice, step)
        if before:
            text = before + "\n\n" + text
        if await self.bot.dm(reached.ref, text) is not None:
            await store.mark_prompted(entry_id, step)

    async def answer(self, member: MemberRef, member_id: int, text: str, event_id: str) -> bool:
        """Take ``text`` as the answer to the member's open check-in; False when none is open."""
        entry = await store.open_entry(member_id)
        if entry is None:
            return False
        schedule = await store.schedule_of(member_id)
        step = entry.step
        outcome = interpret(step, text, self.vocab, default_sharing=schedule.sharing if schedule else "ask",
                            has_answers=entry.has_answers)
        reached = Reached(member_id, member, Voice(self.bot.catalog, self.bot.language_for(member, None)))
        if outcome.invalid:
            await self.bot.dm(member, reached.voice(f"invalid.{step}"))
            return True
        values = self._values(entry, outcome, wants_reminder=bool(schedule and schedule.reminders))
        if not await store.store_answer(entry, step, values):
            return True  # another message moved this dialog on already
        if outcome.text:
            cared = await self.bot.offer_private_text(event_id, member, outcome.text, reached.voice.lang, "checkin")
            if cared and not entry.cared:
                await store.mark_cared(entry.id)
                entry.cared = True
                if outcome.next_step != DONE:  # no more questions after the care message: this week ends here
                    await self.end_after_care(reached, entry, outcome.next_step)
                    return True
        if outcome.next_step == DONE:
            await self.finish(reached, entry, outcome, event_id)
        else:
            await self.prompt(reached, entry.id, outcome.next_step)
        return True

    def _values(self, entry: CheckinEntry, outcome: Outcome, wants_reminder: bool) -> dict[str, Any]:
        now = self.bot.clock.now()
        values: dict[str, Any] = dict(outcome.updates, step=outcome.next_step, answered_at=now)
        if entry.step in (WORKED, DIDNT):
            texts = {"worked": entry.worked, "didnt": entry.didnt, **outcome.updates}
            values["themes"] = ",".join(default_matcher().themes(texts["worked"], texts["didnt"]))[:255]
        if outcome.next_step == DONE:
            values.update(closes_at=None, remind_at=None)
            if outcome.sharing not in (None, "private") and not entry.cared:
                values["shared_at"] = now
        elif wants_reminder and entry.reminded_at is None and entry.closes_at is not None:
            remind_at = now + self.config.reminder_after
            values["remind_at"] = remind_at if remind_at < entry.closes_at else None
        return values

    async def finish(self, reached: Reached, entry: CheckinEntry, outcome: Outcome, event_id: str) -> None:
        """Share as chosen and thank the member."""
        voice = reached.voice
        if outcome.stopped:
            await self.bot.dm(reached.ref, voice("done.stopped"))
            return
        if not entry.has_answers:
            await self.bot.dm(reached.ref, voice("done.empty"))
            return
        if entry.cared and outcome.sharing not in (None, "private"):
            await store.set_sharing(entry.id, "private")
            await self.bot.dm(reached.ref, voice("done.kept_private"))
            return
        shared = await share(self.bot, self.config.room, reached, entry, outcome.sharing or "private", event_id)
        if shared.failed:
            await store.set_sharing(entry.id, "private")
        await self.bot.dm(reached.ref, voice(f"done.{shared.result}", name=shared.with_name))

    async def close_after_care(self, member: MemberRef, member_id: int) -> None:
        """The member's words got the care response somewhere: their open check-in, if any, ends here."""
        entry = await store.open_entry(member_id)
        if entry is None:
            return
        await store.mark_cared(entry.id)
        voice = Voice(self.bot.catalog, self.bot.language_for(member, None))
        await self.end_after_care(Reached(member_id, member, voice), entry, entry.step)

    async def end_after_care(self, reached: Reached, entry: CheckinEntry, step: str) -> None:
        """Close this week's check-in, kept private, after words that got the care response.

        Once only: the care response to a check-in answer reaches here twice (the answer, and the hook).
        """
        closed = {"step": DONE, "sharing": "private", "closes_at": None, "remind_at": None}
        if await store.store_answer(entry, step, closed):
            await self.bot.dm(reached.ref, reached.voice("done.after_care"))

    async def remind(self, entry: CheckinEntry) -> None:
        """The one gentle reminder of an open check-in."""
        schedule = await store.schedule_of(entry.member_id)
        reached = await reach(self.bot, entry.member_id, schedule.platform if schedule else None)
        if reached is not None:
            await self.bot.dm(reached.ref, reached.voice("reminder") + "\n\n" + self.question(reached.voice, entry.step))

    async def resume(self) -> int:
        """Ask again the questions that were stored but not delivered (e.g. the bot stopped mid-dialog)."""
        resumed = 0
        for entry in await store.unprompted_open():
            schedule = await store.schedule_of(entry.member_id)
            reached = await reach(self.bot, entry.member_id, schedule.platform if schedule else None)
            if reached is not None:
                await self.prompt(reached, entry.id, entry.step, before=reached.voice("resume"))
                resumed += 1
        return resumed
