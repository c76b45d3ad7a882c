"""The check-in plugin: gentle weekly "what worked / what didn't" check-ins in direct messages.

Scheduling holds no job per member: each schedule stores its next due time
(UTC, indexed) and the periodic ``on_tick`` runs a due-scan, skipped entirely
until the earliest moment anything can be due.
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable
from datetime import datetime
from typing import Any

from samovar.core.context import Context
from samovar.core.events import MemberLeftEvent, MemberRef, MessageEvent, TickEvent
from samovar.core.hookspecs import hookimpl
from samovar.core.i18n import LANGUAGES
from samovar.core.migrations import Migration
from samovar.core.plugin import Plugin

from . import store
from .commands import CheckinCommands
from .config import CheckinConfig
from .conversation import Conversation
from .dialog import Vocabulary
from .digest import WeeklyReview
from .models import CheckinSchedule

log = logging.getLogger("samovar.plugins.checkin")
MAX_BATCHES_PER_TICK = 50


class CheckinPlugin(CheckinCommands, Plugin):
    """Weekly check-ins: opt-in, private by default, never pushy."""

    name = "checkin"
    config_model = CheckinConfig
    models = ["samovar.plugins.checkin.models"]
    migrations = [Migration(1, "check-in schedules, entries, similar-week offers, weekly reviews")]
    config: CheckinConfig

    def __init__(self, bot: Any, config: CheckinConfig) -> None:
        super().__init__(bot, config)
        self.review = WeeklyReview(bot, config)
        self._conversation: Conversation | None = None
        self._wake_at: datetime | None = None
        """The earliest moment the due-scan has work (None: nothing at all)."""
        self._stale = True
        """Something changed since the last scan: scan at the next tick."""
        self._resume_pending = True

    @property
    def conversation(self) -> Conversation:
        """The dialog runner (built once the catalogs are loaded)."""
        if self._conversation is None:
            vocab = Vocabulary.from_catalog(self.bot.catalog, LANGUAGES)
            self._conversation = Conversation(self.bot, self.config, vocab)
        return self._conversation

    def wake(self) -> None:
        """Something changed: scan at the next tick."""
        self._stale = True

    # ----- hooks --------------------------------------------------------------------------

    @hookimpl
    async def on_startup(self) -> None:
        """Scan at the first tick, and pick up dialogs left mid-way."""
        self._stale = True
        self._resume_pending = True

    @hookimpl
    async def on_tick(self, event: TickEvent) -> None:
        """Run the due-scan when something can be due; otherwise do nothing."""
        now = event.at
        if self._resume_pending:
            self._resume_pending = False
            await self.conversation.resume()
        if not self._stale and (self._wake_at is None or now < self._wake_at):
            return
        await self.scan(now)

    async def scan(self, now: datetime) -> None:
        """Open due check-ins, send due reminders, close old dialogs, run the weekly review."""
        config = self.config
        full = False
        for _ in range(MAX_BATCHES_PER_TICK):
            result = await store.claim_due(now, grace=config.missed_grace, window=config.answer_window,
                                           reminder_after=config.reminder_after, limit=config.scan_batch)
            if result.skipped:
                log.info("check-ins missed beyond the grace window", extra={"count": result.skipped})
            for opened in result.opened:
                await self._guarded(self.conversation.open(opened.entry_id, opened.member_id, opened.platform))
            full = result.full
            if not full:
                break
        await store.close_expired(now)
        for entry in await store.claim_reminders(now, config.scan_batch):
            await self._guarded(self.conversation.remind(entry))
        await self.review.run_due(now)
        self._stale = full
        self._wake_at = None if full else await store.next_wake(self.review.next_time(now))

    async def _guarded(self, speaking: Awaitable[Any]) -> None:
        """One member's message failing must not keep the others' (already claimed) from going out."""
        try:
            await speaking
        except Exception:
            log.exception("check-in message failed")

    @hookimpl
    async def on_direct_message(self, event: MessageEvent, ctx: Context) -> None:
        """A direct message that is not a command answers the member's open check-in."""
        if event.text.startswith(self.bot.prefix):
            return
        member_id = await ctx.member_id()
        if await self.conversation.answer(event.member, member_id, event.text, event.id):
            self.wake()

    @hookimpl
    async def on_care_given(self, member: MemberRef, source: str) -> None:
        """After the care response no more check-in questions come this week (see :meth:`Conversation.end_after_care`)."""
        await self.conversation.close_after_care(member, await self.bot.members.resolve(member))

    @hookimpl
    async def on_member_left(self, event: MemberLeftEvent) -> None:
        """Someone left: stop writing to them (their answers stay until they are forgotten)."""
        member_id = await self.bot.members.resolve(event.member)
        if await CheckinSchedule.filter(member_id=member_id, enabled=True).update(enabled=False, next_due_at=None):
            await store.close_open(member_id)
            self.wake()

    @hookimpl
    async def export_member_data(self, member_id: int) -> dict[str, Any] | None:
        """The member's schedule, check-ins and "similar week" answers."""
        return await store.export(member_id)

    @hookimpl
    async def forget_member(self, member_id: int) -> None:
        """Delete everything the plugin stores about the member."""
        await store.forget(member_id)
        self.wake()
