"""``!mod ...``: appeals for members; the queue, decisions, history and examples for moderators.

Answers that quote members are given only in the moderators' room or privately:
asked anywhere else, they are sent by direct message.
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from samovar.core.commands import MEMBER, Arg
from samovar.core.context import Context
from samovar.core.events import MemberRef
from samovar.core.messages import split_message
from samovar.core.permissions import Role
from samovar.core.plugin import command

from . import records
from .engine.crisis import care_is_on
from .models import CARE, OPEN, OVERTURNED, UPHELD
from .texts import action_words, excerpt, room_label, split_actions

DECISIONS = (UPHELD, OVERTURNED)
HISTORY_LIMIT = 20


class ModerationCommands:
    """The ``!mod`` commands (mixed into the plugin, which provides ``bot``, ``source``, ``appeals`` ...)."""

    bot: Any
    config: Any
    source: Any
    appeals: Any
    care: Any
    moderators: Any

    @command("mod appeal", Arg("reason", required=False, rest=True), help="moderation.help.appeal")
    async def appeal(self, ctx: Context, reason: str | None = None) -> None:
        """The member says their flagged message was fine."""
        member_id = await ctx.member_id()
        # An appeal can carry words of crisis: they get the care response, and are never quoted nor stored.
        signal = self.source.rules.care(reason) if reason else None
        if await self.appeals.file(ctx.member, member_id, reason or "", cared=signal is not None):
            text = ctx.t("moderation.appeal.received")  # names nobody: fine in the room when DMs are closed
            await ctx.answer_privately(text, ctx.t("moderation.appeal.received_public"), closed=text)
        elif signal is None:
            await ctx.reply(self.appeals.unfiled_text(await self.appeals.unfiled_reason(member_id), ctx.lang))
        if signal is not None:
            await self.care.respond(signal.rule, ctx.member, member_id, ctx.lang, reason or "", source="appeal")

    @command("mod queue", role=Role.MODERATOR, help="moderation.help.queue")
    async def queue(self, ctx: Context) -> None:
        """Open appeals, oldest first."""
        items = await records.queue()
        if not items:
            await ctx.reply(ctx.t("moderation.queue.empty"))
            return
        lines = [ctx.t("moderation.queue.title", count=len(items))]
        for item in items:
            case, appeal = item.case, item.appeal
            member = await self._mention(appeal.member_id, case.platform)  # type: ignore[attr-defined]
            lines.append(ctx.t("moderation.queue.item", appeal=appeal.id, member=member, rule=case.rule_id,
                               case=case.id, room=room_label(case.room_name or case.room_id),
                               at=self._when(appeal.created_at), text=excerpt(case.text, 200)))
            if appeal.reason:
                lines.append(ctx.t("moderation.queue.reason", reason=excerpt(appeal.reason, 200)))
        lines.append(ctx.t("moderation.queue.how", command=f"{self.bot.prefix}mod resolve"))
        await self._for_moderators(ctx, lines)

    @command("mod resolve", Arg("appeal", type=int, label="moderation.args.appeal"),
             Arg("decision", choices=DECISIONS, label="moderation.args.decision"),
             Arg("note", required=False, rest=True), role=Role.MODERATOR, help="moderation.help.resolve")
    async def resolve(self, ctx: Context, appeal: int, decision: str, note: str | None = None) -> None:
        """Uphold or overturn an appeal; the member is told, the case is kept as an example."""
        item = await records.appeal(appeal)
        if item is None:
            await ctx.reply(ctx.t("moderation.resolve.unknown", appeal=appeal))
            return
        if item.appeal.status != OPEN:
            await ctx.reply(ctx.t("moderation.resolve.already", appeal=appeal,
                                  decision=ctx.t(f"moderation.decisions.{item.appeal.status}")))
            return
        note = (note or "").strip()
        await records.resolve(item, decision, note, await ctx.member_id(), self.bot.clock.now())
        told = await self._tell_member(item.appeal.member_id, item.case, decision, note)  # type: ignore[attr-defined]
        key = "moderation.resolve.done" if told else "moderation.resolve.done_untold"
        await ctx.reply(ctx.t(key, appeal=appeal, decision=ctx.t(f"moderation.decisions.{decision}")))

    @command("mod history", Arg("member", type=MEMBER), role=Role.MODERATOR, help="moderation.help.history")
    async def history(self, ctx: Context, member: MemberRef) -> None:
        """The member's recent cases and appeals."""
        member_id = await self.bot.members.resolve(member)
        items = await records.history(member_id, HISTORY_LIMIT)
        mention = self.bot.mention(member)
        if not items:
            await ctx.reply(ctx.t("moderation.history.empty", member=mention))
            return
        lines = [ctx.t("moderation.history.title", member=mention)]
        for item in items:
            case = item.case
            where = room_label(case.room_name) if case.room_name else ctx.t("moderation.history.private")
            key = "moderation.history.care" if case.kind == CARE else "moderation.history.case"
            line = ctx.t(key, case=case.id, at=self._when(case.created_at), rule=case.rule_id, where=where,
                         actions=action_words(self.bot.catalog, ctx.lang, split_actions(case.actions)),
                         text=excerpt(case.excerpt or case.text, 120))
            if item.appeal is not None:
                line += " " + ctx.t("moderation.history.appeal", appeal=item.appeal.id,
                                    decision=ctx.t(f"moderation.decisions.{item.appeal.status}"))
            lines.append(line)
        await self._for_moderators(ctx, lines)

    @command("mod examples", role=Role.MODERATOR, help="moderation.help.examples")
    async def examples(self, ctx: Context) -> None:
        """Resolved appeals as ``samovar rules eval`` lines, sent privately."""
        lines = [json.dumps(example, ensure_ascii=False) for example in await records.examples()]
        if not lines:
            await ctx.reply(ctx.t("moderation.examples.none"))
            return
        intro = ctx.t("moderation.examples.intro", count=len(lines), command="samovar rules eval FILE.jsonl")
        if await ctx.dm(intro) is None:
            await ctx.reply(ctx.t("core.dm_closed"))
            return
        for block in split_message(lines):
            await ctx.dm(f"```\n{block}\n```")
        if ctx.room is not None and not ctx.room.is_direct:
            await ctx.reply(ctx.t("moderation.sent_privately"))

    @command("mod rules", role=Role.MODERATOR, help="moderation.help.rules")
    async def rules_status(self, ctx: Context) -> None:
        """Which rules file is in force, its rules, and any problem with it."""
        source = self.source
        rules = source.rules
        where = str(source.path) if source.path else ctx.t("moderation.rules.packaged")
        ids = ", ".join(rule.id if rule.enabled else f"{rule.id} ({ctx.t('moderation.rules.off')})"
                        for rule in rules.rules)
        lines = [ctx.t("moderation.rules.status", path=where, rules=ids)]
        if source.last_error is not None:
            lines.append(ctx.t("moderation.rules.broken", problems=str(source.last_error)))
        if any(r.resources is not None and not r.resources.reviewed for r in rules.rules if r.enabled):
            lines.append(ctx.t("moderation.care.unreviewed"))
        if not care_is_on(rules.rules):
            lines.append(ctx.t("moderation.rules.no_care"))
        await ctx.reply("\n".join(lines))

    # ----- helpers -------------------------------------------------------------------------

    async def _for_moderators(self, ctx: Context, lines: list[str]) -> None:
        """Answer in place in the moderators' room or a DM; elsewhere, privately."""
        await ctx.answer_privately(split_message(lines), ctx.t("moderation.sent_privately"),
                                   in_place=self.bot.is_moderators_room(ctx.room))

    async def _tell_member(self, member_id: int, case: Any, decision: str, note: str) -> bool:
        ref = await self.bot.member_ref(member_id, platform=case.platform) or await self.bot.member_ref(member_id)
        if ref is None:
            return False
        await self.bot.members.resolve(ref)
        # Their chosen language, else the one their note was written in (the language of their message).
        lang = self.bot.members.language(ref) or case.lang or self.bot.language_for(ref, None)
        parts = [self.bot.t(f"moderation.resolved.{decision}", lang, rule=case.rule_id,
                            room=room_label(case.room_name or case.room_id))]
        if note:
            parts.append(self.bot.t("moderation.resolved.note", lang, note=note))
        return await self.bot.dm(ref, "\n\n".join(parts)) is not None

    async def _mention(self, member_id: int, platform: str) -> str:
        ref = await self.bot.member_ref(member_id, platform=platform) or await self.bot.member_ref(member_id)
        return self.bot.mention(ref) if ref is not None else f"#{member_id}"

    def _when(self, moment: datetime) -> str:
        zone = self.bot.config.community.timezone
        return records.aware(moment).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M") + f" ({zone})"
