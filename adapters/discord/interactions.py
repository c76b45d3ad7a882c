"""Slash-command invocations run through the core like prefix commands.

An invocation becomes a :class:`MessageEvent` whose text is the equivalent
prefix command and whose message is an *interaction reference*. The core
answers it as it answers any message (``ctx.reply``); the adapter sees that the
reply targets an interaction and routes it to :class:`InteractionReplies`: the
first answer is the interaction response, later ones are follow-ups. If the
core has not answered within :data:`DEFER_AFTER` seconds the response is
deferred ("thinking...", Discord allows 3 s) and the first answer edits it. A
command that answers nothing visible in the room (e.g. it only wrote a DM)
gets a short private acknowledgement, so Discord never shows "did not respond".
"""
from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import discord

from samovar.core.events import MessageEvent, next_event_id

from .actions import guarded, split_text
from .client import ALLOWED_MENTIONS
from .refs import interaction_ref, location, member_ref

if TYPE_CHECKING:
    from .adapter import DiscordAdapter

log = logging.getLogger("samovar.adapters.discord")
DEFER_AFTER = 2.0
DONE_KEY = "discord.interaction.done"


class InteractionReplies:
    """The answers to one invocation, serialized so that exactly one is the response."""

    def __init__(self, interaction: discord.Interaction) -> None:
        self.interaction = interaction
        self.channel_id = interaction.channel_id
        self.deferred = False
        self.answered = False
        self._lock = asyncio.Lock()

    async def send(self, text: str) -> discord.Message | None:
        """Answer with ``text`` (the response, the deferred response's edit, or a follow-up)."""
        first: discord.Message | None = None
        async with self._lock:
            for part in split_text(text):
                message = await self._answer(part)
                first = first or message
        return first

    async def _answer(self, text: str, *, ephemeral: bool = False) -> discord.Message | None:
        interaction = self.interaction
        message: discord.Message | None
        if not interaction.response.is_done():
            callback = await guarded(interaction.response.send_message(
                text, ephemeral=ephemeral, allowed_mentions=ALLOWED_MENTIONS), "interaction response")
            message = callback.resource if isinstance(callback.resource, discord.Message) else None
        elif self.deferred and not self.answered:
            message = await guarded(interaction.edit_original_response(
                content=text, allowed_mentions=ALLOWED_MENTIONS), "interaction response")
        else:
            message = await guarded(interaction.followup.send(
                text, wait=True, ephemeral=ephemeral, allowed_mentions=ALLOWED_MENTIONS), "interaction follow-up")
        self.answered = True
        return message

    async def react(self, emoji: str) -> None:
        """React: on the response once there is one, else the emoji is the response."""
        async with self._lock:
            if not self.answered:
                await self._answer(emoji)
                return
            original = await guarded(self.interaction.original_response(), "interaction response")
            await guarded(original.add_reaction(emoji), "react")

    async def defer(self) -> None:
        """Show "thinking..." while the core is still working."""
        async with self._lock:
            if not self.interaction.response.is_done():
                await guarded(self.interaction.response.defer(thinking=True), "interaction defer")
                self.deferred = True

    async def finish(self, done_text: str) -> None:
        """Make sure the invocation got an answer."""
        async with self._lock:
            if self.answered:
                return
            await self._answer(done_text, ephemeral=not self.deferred)


class SlashInvocations:
    """Invocations in progress, by interaction id."""

    def __init__(self, adapter: "DiscordAdapter") -> None:
        self.adapter = adapter
        self.pending: dict[int, InteractionReplies] = {}

    async def run(self, interaction: discord.Interaction) -> None:
        """Turn an application-command interaction into a core message and answer it."""
        adapter = self.adapter
        bot = adapter.bot
        data: dict[str, Any] = dict(interaction.data or {})
        if bot is None or data.get("type", 1) != 1 or interaction.channel is None:
            return
        room, message_room, thread = location(interaction.channel)
        member = member_ref(interaction.user)
        text = bot.prefix + adapter.slash.text_for(data)
        event = MessageEvent(next_event_id(), member, room, interaction_ref(message_room, interaction.id), text,
                             bot.clock.now(), thread=thread)
        replies = self.pending[interaction.id] = InteractionReplies(interaction)
        try:
            handling = asyncio.ensure_future(bot.dispatch(event))
            done, _ = await asyncio.wait({handling}, timeout=DEFER_AFTER)
            if not done:
                await replies.defer()
            await handling
            await replies.finish(bot.t(DONE_KEY, bot.language_for(member, room)))
        finally:
            del self.pending[interaction.id]
