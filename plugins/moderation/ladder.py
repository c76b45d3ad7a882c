"""The response to a broken house rule, growing along the rule's ladder within its window.

A private nudge first; then a gentle public reminder or a note to the moderators;
then deleting the message and/or a timeout. Where the platform cannot delete or
time out, the moderators are told instead. Every case is logged.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from samovar.core.context import Context
from samovar.core.events import MessageEvent

from . import records
from .engine import Match, Rule
from .models import ModerationCase
from .moderators import ModeratorsRoom
from .texts import action_words, duration_words, excerpt, quoted_part, room_label


@dataclass(frozen=True, slots=True)
class Flag:
    """One rule broken by one message, with the member's id and the language to speak to them in."""

    rule: Rule
    matches: tuple[Match, ...]
    member_id: int
    lang: str


class Ladder:
    """Carries out the step of the ladder that a member's count within the window reached."""

    def __init__(self, bot: Any, moderators: ModeratorsRoom, appeal_phrase: Callable[[str], str]) -> None:
        self.bot = bot
        self.moderators = moderators
        self.appeal_phrase = appeal_phrase

    async def respond(self, ctx: Context, event: MessageEvent, flag: Flag) -> ModerationCase:
        """Act on one broken rule and log the case."""
        rule = flag.rule
        now = self.bot.clock.now()
        count = await records.count_recent(flag.member_id, rule.id, now - rule.actions.window) + 1
        step = rule.actions.step_for(count)
        wanted = set(step.actions) if step else set()
        done: list[str] = []
        reason = f"house rule {rule.id}"
        deleted = timed_out = False
        if "delete" in wanted:
            deleted = await ctx.delete(reason=reason)
            done.append("delete" if deleted else "delete:failed")
        if "timeout" in wanted and rule.actions.timeout is not None:
            timed_out = await ctx.timeout(event.member, rule.actions.timeout, reason=reason)
            done.append("timeout" if timed_out else "timeout:failed")
        if "nudge" in wanted or deleted or timed_out:
            sent = await ctx.dm(self.member_text(flag, event, deleted, timed_out, again=count > 1))
            done.append("nudge" if sent is not None else "nudge:undelivered")
        if "remind" in wanted:
            lang = self.bot.language_for(None, event.room)
            suggestion = rule.suggestion.get(lang) if rule.suggestion else ""
            if await ctx.send(self.bot.t("moderation.remind", lang, suggestion=suggestion)) is not None:
                done.append("remind")
        failed = [a for a in done if a.endswith(":failed")]
        alert = "alert_moderators" in wanted or bool(failed)
        if alert:
            done.append("alert_moderators" if self.moderators.configured(event.member.platform)
                        else "alert_moderators:no_room")
        text = event.text
        case = await records.add_case(
            member_id=flag.member_id, kind="rule", rule_id=rule.id, count=count, platform=event.member.platform,
            source="room", room_id=event.room.id, room_name=event.room.name or event.room.id,
            message_id=event.message.id, lang=flag.matches[0].language, text=text,
            excerpt=excerpt(" … ".join(m.text for m in flag.matches), 500), actions=",".join(done), created_at=now)
        if alert:
            await self.moderators.post(event.member.platform, lambda lang: self.alert_text(lang, case, flag, event))
        return case

    def member_text(self, flag: Flag, event: MessageEvent, deleted: bool, timed_out: bool, again: bool = False) -> str:
        """The private message: what was noticed, why it matters here, what to say instead, how to appeal."""
        rule, lang, t = flag.rule, flag.lang, self.bot.t
        intro = "moderation.nudge.intro_again" if again else "moderation.nudge.intro"
        parts = [t(intro, lang, room=room_label(event.room.name or event.room.id),
                   excerpt=quoted_part(event.text, flag.matches[0].start, flag.matches[0].end, 120)),
                 rule.explanation.get(lang)]
        if rule.suggestion is not None:
            parts.append(t("moderation.nudge.suggestion", lang, suggestion=rule.suggestion.get(lang)))
        if deleted:
            parts.append(t("moderation.nudge.deleted", lang))
        if timed_out and rule.actions.timeout is not None:
            parts.append(t("moderation.nudge.timeout", lang,
                           duration=duration_words(self.bot.catalog, lang, rule.actions.timeout)))
        parts.append(t("moderation.nudge.appeal", lang, phrase=self.appeal_phrase(lang),
                       command=f"{self.bot.prefix}mod appeal"))
        return "\n\n".join(parts)

    def alert_text(self, lang: str, case: ModerationCase, flag: Flag, event: MessageEvent) -> str:
        """The note in the moderators' room about one case."""
        t, catalog = self.bot.t, self.bot.catalog
        window = duration_words(catalog, lang, flag.rule.actions.window)
        lines = [t("moderation.alert.rule", lang, member=self.bot.mention(event.member),
                   room=room_label(case.room_name), rule=flag.rule.id, case=case.id,
                   times=t("moderation.alert.times", lang, count=case.count, window=window)),
                 t("moderation.alert.message", lang, text=excerpt(case.text)),
                 t("moderation.alert.done", lang, actions=action_words(catalog, lang, case.actions.split(",")))]
        for action in case.actions.split(","):
            if action.endswith(":failed"):
                lines.append(t(f"moderation.alert.failed.{action.partition(':')[0]}", lang))
        return "\n".join(lines)
