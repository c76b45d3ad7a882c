"""The care response: signs of crisis are met with a private, warm message and a quiet alert.

Never a violation and never public. The member gets the care rule's words and the
help resources for their language (their country's first); the moderators' room is
told who and where, without quoting, so that a person can reach out. The same
words twice (a DM that is also a check-in answer) are answered once. Within
``care_repeat_after`` the whole message is not sent again: a short one says that
the bot read this too and that the moderators know, so that nobody is met with silence.
A member worried about someone else's crisis gets the help lines in a note of its own, and no alert.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from samovar.core.events import MemberRef, RoomRef

from . import records
from .engine import Rule
from .engine.crisis import resources_for
from .engine.text import normalise
from .models import CARE, ModerationCase
from .moderators import ModeratorsRoom
from .settings import ModerationConfig
from .texts import room_label


class CareDesk:
    """Answers signs of crisis, privately, and tells the moderators."""

    def __init__(self, bot: Any, moderators: ModeratorsRoom, config: ModerationConfig) -> None:
        self.bot = bot
        self.moderators = moderators
        self.config = config
        self._last_dm: dict[int, datetime] = {}
        self._last_text: dict[int, tuple[datetime, str]] = {}
        self._last_helper_note: dict[int, datetime] = {}

    async def respond(self, rule: Rule, member: MemberRef, member_id: int, lang: str, text: str, *,
                      source: str, room: RoomRef | None = None, message_id: str = "") -> ModerationCase | None:
        """Care for ``member``; None when these same words were just answered."""
        now = self.bot.clock.now()
        window = self.config.care_repeat_after
        key = " ".join(normalise(text).split())
        seen = self._last_text.get(member_id)
        if seen is not None and seen[1] == key and now - seen[0] < window:
            return None
        self._last_text[member_id] = (now, key)
        last_dm = self._last_dm.get(member_id)
        repeat = last_dm is not None and now - last_dm < window
        done = []
        moderators_told = self.moderators.configured(member.platform)
        if repeat:
            again = "moderation.care.again" if moderators_told else "moderation.care.again_no_room"
            await self.bot.dm(member, self.bot.t(again, lang))
            done.append("care:repeat")
        else:
            sent = await self.bot.dm(member, self.member_text(rule, lang, moderators_told))
            if sent is not None:
                self._last_dm[member_id] = now
            done.append("care" if sent is not None else "care:undelivered")
        platform = member.platform
        done.append("alert_moderators" if self.moderators.configured(platform) else "alert_moderators:no_room")
        case = await records.add_case(
            member_id=member_id, kind=CARE, rule_id=rule.id, platform=platform, source=source,
            room_id=room.id if room else "", room_name=(room.name or room.id) if room else "",
            message_id=message_id, lang=lang, actions=",".join(done), created_at=now)
        await self.moderators.post(platform, lambda mod_lang: self.alert_text(mod_lang, rule, member, case))
        await self.bot.host.call("on_care_given", f"care-{case.id}", member=member, source=source)
        return case

    async def reassure_helper(self, rule: Rule, member: MemberRef, member_id: int, lang: str) -> bool:
        """A member worried about someone else in crisis gets a private note with the help lines (at most once
        per ``care_repeat_after``). Nobody else is told: whether to involve the moderators is theirs to decide."""
        now = self.bot.clock.now()
        last = self._last_helper_note.get(member_id)
        if last is not None and now - last < self.config.care_repeat_after:
            return False
        sent = await self.bot.dm(member, self.helper_text(rule, lang))
        if sent is not None:
            self._last_helper_note[member_id] = now
        return sent is not None

    def helper_text(self, rule: Rule, lang: str) -> str:
        """The note for a member worried about someone: the same help lines, framed for the one who helps."""
        parts = [self.bot.t("moderation.care.someone_else", lang), self._resource_lines(rule, lang),
                 self.bot.t("moderation.care.someone_else_closing", lang)]
        return "\n\n".join(p for p in parts if p)

    def _resource_lines(self, rule: Rule, lang: str) -> str:
        lines = []
        for resource in resources_for(rule, lang, self.config.country):
            key = "moderation.care.resource_hours" if resource.hours else "moderation.care.resource"
            lines.append(self.bot.t(key, lang, name=resource.name, contact=resource.contact, hours=resource.hours))
        return "\n".join(lines)

    def member_text(self, rule: Rule, lang: str, moderators_told: bool = True) -> str:
        """The care rule's words, the resources, and what happens next (the moderators are told only where
        the community has a moderators' room: the member is never promised what will not happen)."""
        closing = "moderation.care.closing" if moderators_told else "moderation.care.closing_no_room"
        parts = [rule.explanation.get(lang), self._resource_lines(rule, lang), self.bot.t(closing, lang)]
        return "\n\n".join(p for p in parts if p)

    def alert_text(self, lang: str, rule: Rule, member: MemberRef, case: ModerationCase) -> str:
        """Who and where, never what: enough for a moderator to reach out."""
        t = self.bot.t
        if case.room_name:
            where = t("moderation.care.where_room", lang, room=room_label(case.room_name))
        else:
            source_key = f"moderation.care.sources.{case.source}"
            source = t(source_key, lang) if self.bot.catalog.has(source_key, lang) else case.source
            where = t("moderation.care.where_private", lang, source=source)
        actions = case.actions.split(",")
        if "care:repeat" in actions:
            key = "moderation.care.alert_again"
        elif "care:undelivered" in actions:  # the member could not be written to: the moderators must reach out
            key = "moderation.care.alert_undelivered"
        else:
            key = "moderation.care.alert"
        lines = [t(key, lang, member=self.bot.mention(member), where=where, case=case.id)]
        if rule.resources is not None and not rule.resources.reviewed:
            lines.append(t("moderation.care.unreviewed", lang))
        return "\n".join(lines)

    def forget(self, member_id: int) -> None:
        """Drop what is held in memory about the member."""
        self._last_dm.pop(member_id, None)
        self._last_text.pop(member_id, None)
        self._last_helper_note.pop(member_id, None)
