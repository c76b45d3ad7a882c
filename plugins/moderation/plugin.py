"""The moderation plugin: the house rules, kept with care.

Plain chatter costs one rules check and nothing else: no database, no platform
call. Only a message that matches a rule is looked at further (scope, roles,
the member's count within the window).
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable

from samovar.core.context import Context
from samovar.core.events import MemberRef, MessageEditedEvent, MessageEvent, TickEvent
from samovar.core.hookspecs import hookimpl
from samovar.core.plugin import Plugin
from samovar.core.yamlconf import ConfigError, ConfigProblem

from . import records
from .appeals import Appeals
from .care import CareDesk
from .commands import ModerationCommands
from .engine import Match, Rule, RuleSet, detect_language
from .engine.crisis import SOMEONE_ELSE, care_is_on, is_care
from .ladder import Flag, Ladder
from .moderators import ModeratorsRoom
from .scope import Scope, roles_of
from .settings import ModerationConfig
from .source import RulesSource

log = logging.getLogger("samovar.plugins.moderation")


class ModerationPlugin(ModerationCommands, Plugin):
    """House rules: private nudges first, a growing response on repeats, care instead of punishment."""

    name = "moderation"
    config_model = ModerationConfig
    models = ["samovar.plugins.moderation.models"]
    not_per_room = ("moderation answers signs of crisis in every room, so it cannot be switched off or set "
                    "differently in one room. To keep the house rules out of this room, list it under each "
                    "house rule's exempt.rooms in the rules file (docs/moderation.md)")
    config: ModerationConfig

    def __init__(self, bot: Any, config: ModerationConfig) -> None:
        super().__init__(bot, config)
        self.source = RulesSource(config.rules_path(bot.loaded.source))
        self.scope = Scope()
        self.moderators = ModeratorsRoom(bot)
        self.appeals = Appeals(bot, self.moderators, config)
        self.ladder = Ladder(bot, self.moderators, self.appeals.phrase_for)
        self.care = CareDesk(bot, self.moderators, config)

    @classmethod
    def check_files(cls, config: ModerationConfig, config_source: str) -> list[ConfigProblem]:  # type: ignore[override]
        """A rules file named in the settings must load: its problems, as PATH:LINE:COL."""
        path = config.rules_path(config_source)
        if path is None:
            return []
        try:
            RuleSet.check_file(path)
        except ConfigError as exc:
            return list(exc.problems)
        return []

    @classmethod
    def config_warnings(cls, config: ModerationConfig, loaded: Any) -> list[str]:  # type: ignore[override]
        """No moderators' room (alerts reach nobody), or a rules file without a switched-on care rule."""
        warnings = []
        if not loaded.main.community.moderators_room:
            warnings.append("no community.moderators_room: care alerts and appeals reach no moderator, only the log")
        path = config.rules_path(loaded.source)
        if path is not None and not care_is_on(RuleSet.load(path).rules):
            warnings.append(f"{path} has no switched-on care rule: signs of crisis would get no answer")
        return warnings

    @property
    def rules(self) -> RuleSet:
        """The rules in force."""
        return self.source.rules

    # ----- messages ------------------------------------------------------------------------

    @hookimpl
    async def claim_direct_message(self, event: MessageEvent, ctx: Context) -> bool:
        """Private words with signs of crisis get the care response, and an appeal that was passed on its
        thanks; nothing else answers them (a waiting question does not take "this was fine" as its answer)."""
        rules = self.source.rules
        found = rules.inspect(event.text)  # once: what counts, and what is only someone else's
        care = _care_rule(rules, [match for match in found if match.mention is None])
        appeal = self.appeals.is_appeal(event.text)
        if care is None and not appeal:
            helper = _worried_about(rules, found)
            return helper is not None and await self._reassure(event, helper)
        return await self._private(event, ctx, care, appeal) or care is not None

    @hookimpl
    def on_message(self, event: MessageEvent) -> Awaitable[None] | None:
        """Check a room message against the rules; in private, notice appeals (crisis is claimed before)."""
        text = event.text
        if text.startswith(self.bot.prefix):
            return None  # commands are addressed to the bot
        if event.room.is_direct:
            return None  # crisis and appeals were claimed first (see claim_direct_message)
        rules = self.source.rules
        matches = rules.inspect(text)
        if not matches:
            return None
        if not any(match.mention is None for match in matches):  # only mentions (a rule yields only to one that counts)
            helper = _worried_about(rules, matches)
            return None if helper is None else self._reassure(event, helper)
        return self._room(event, Context(self.bot, event), rules, matches)

    async def _reassure(self, event: MessageEvent, rule: Rule) -> bool:
        """Help lines, privately, for a member worried about someone in crisis; True when the note was sent."""
        member_id = await self.bot.members.resolve(event.member)
        return await self.care.reassure_helper(rule, event.member, member_id, self._language(event.member, event.text))

    async def _room(self, event: MessageEvent, ctx: Context, rules: RuleSet, matches: list[Match]) -> None:
        by_rule: dict[str, list[Match]] = {}
        counting: set[str] = set()
        for match in matches:
            if match.mention is None:
                counting.add(match.rule_id)
            elif match.yielded_to is None:
                continue
            by_rule.setdefault(match.rule_id, []).append(match)
        noticed = [rules.rule(rule_id) for rule_id in by_rule]
        roles = await roles_of(self.bot, event) if self.scope.needs_roles(noticed) else frozenset()
        applicable = [rule for rule in noticed if self.scope.applies(rule, event, roles)]
        # A rule that stepped aside answers after all where the rules it yields to do not apply here.
        answering = {rule.id for rule in applicable if rule.id in counting}
        flagged = [rule for rule in applicable if rule.id in answering or not answering.intersection(rule.yields_to)]
        if not flagged:
            return
        member_id = await ctx.member_id()
        care = next((rule for rule in flagged if is_care(rule)), None)
        if care is not None:  # never a violation, whatever else the message matched
            await self.care.respond(care, event.member, member_id, self._language(event.member, event.text),
                                    event.text, source="room", room=event.room, message_id=event.message.id)
            return
        for rule in flagged:
            found = tuple(by_rule[rule.id])
            flag = Flag(rule, found, member_id, self._language(event.member, event.text, found[0].language))
            await self.ladder.respond(ctx, event, flag)

    async def _private(self, event: MessageEvent, ctx: Context, care: Rule | None, appeal: bool) -> bool:
        """Care and/or the appeal for private words; True when the words were answered as an appeal."""
        member_id = await ctx.member_id()
        answered = False
        if appeal:
            lang = self._language(event.member, event.text)
            if await self.appeals.file(event.member, member_id, event.text, cared=care is not None):
                await ctx.reply(self.bot.t("moderation.appeal.received", lang))
                answered = True
            elif care is None:
                # Said again, or too late: answered. Without any note it is left to others ("this was fine" may
                # answer a check-in); a late one is answered but not claimed, for the same reason.
                reason = await self.appeals.unfiled_reason(member_id)
                if reason != "nothing":
                    await ctx.reply(self.appeals.unfiled_text(reason, lang))
                answered = reason in ("already", "decided")
        if care is not None:
            await self.care.respond(care, event.member, member_id, self._language(event.member, event.text),
                                    event.text, source="appeal" if appeal else "dm")
        return answered

    @hookimpl
    def on_message_edited(self, event: MessageEditedEvent) -> Awaitable[None] | None:
        """An edit that shows signs of crisis is answered with care (edits are not checked for rules)."""
        care = _care_rule(self.source.rules, self.source.rules.check(event.text))
        if care is None:
            return None
        return self._care_for_edit(event, care)

    async def _care_for_edit(self, event: MessageEditedEvent, care: Rule) -> None:
        room = event.message.room
        member_id = await self.bot.members.resolve(event.member)
        await self.care.respond(care, event.member, member_id, self._language(event.member, event.text), event.text,
                                source="dm" if room.is_direct else "room", room=None if room.is_direct else room,
                                message_id=event.message.id)

    @hookimpl
    async def on_private_text(self, member: MemberRef, text: str, lang: str, source: str) -> bool:
        """Private words (a check-in answer ...) that show signs of crisis get the care response.

        Returns True when they did, so the caller keeps those words private.
        """
        care = _care_rule(self.source.rules, self.source.rules.check(text))
        if care is None:
            return False
        member_id = await self.bot.members.resolve(member)
        await self.care.respond(care, member, member_id, lang if lang in ("ru", "en") else self._language(member, text),
                                text, source=source)
        return True

    def _language(self, member: MemberRef, text: str, found: str | None = None) -> str:
        """The member's chosen language, else the language they wrote in."""
        return self.bot.members.language(member) or found or detect_language(text)

    # ----- rules file -----------------------------------------------------------------------

    @hookimpl
    def on_startup(self) -> None:
        """Remind the logs when the crisis resources are not reviewed yet."""
        if _unreviewed(self.source.rules):
            log.warning("crisis resources in the rules file are not marked reviewed",
                        extra={"path": str(self.source.path)})
        if not care_is_on(self.source.rules.rules):
            log.warning("no care rule is switched on: signs of crisis get no answer", extra={"path": str(self.source.path)})

    @hookimpl
    def on_tick(self, event: TickEvent) -> Awaitable[None] | None:
        """Reload the rules when their file changed (one ``stat`` otherwise)."""
        if not self.source.changed():
            return None
        return self._reload()

    async def _reload(self) -> None:
        reload = await self.source.reload()
        self.scope.forget()
        path = str(self.source.path)
        if reload.error is not None:
            log.warning("rules file not reloaded", extra={"path": path, "error": str(reload.error)})
            await self.moderators.post(None, lambda lang: self.bot.t(
                "moderation.rules.broken", lang, problems=_problems(reload.error)))
            return
        rules = reload.rules
        assert rules is not None
        log.info("rules reloaded", extra={"path": path, "rules": len(rules.rules)})
        count = len([r for r in rules.rules if r.enabled])
        care_on = care_is_on(rules.rules)
        await self.moderators.post(None, lambda lang: "\n".join(
            [self.bot.t("moderation.rules.reloaded", lang, path=path, count=count)]
            + ([] if care_on else [self.bot.t("moderation.rules.no_care", lang)])))

    # ----- privacy --------------------------------------------------------------------------

    @hookimpl
    async def export_member_data(self, member_id: int) -> dict[str, Any] | None:
        """The member's cases (what the bot did and why) and appeals."""
        return await records.export(member_id)

    @hookimpl
    async def forget_member(self, member_id: int) -> None:
        """Delete the member's cases and appeals and what is held about them in memory."""
        await records.forget(member_id)
        self.care.forget(member_id)


def _worried_about(rules: RuleSet, found: list[Match]) -> Rule | None:
    """The care rule whose words, among ``found`` where none counts, were someone else's (a worried member)."""
    return _care_rule(rules, [match for match in found if match.mention == SOMEONE_ELSE])


def _care_rule(rules: RuleSet, matches: list[Match]) -> Rule | None:
    for match in matches:
        rule = rules.rule(match.rule_id)
        if is_care(rule):
            return rule
    return None


def _unreviewed(rules: RuleSet) -> bool:
    return any(r.resources is not None and not r.resources.reviewed for r in rules.rules if r.enabled)


def _problems(error: ConfigError | None) -> str:
    return "" if error is None else "\n".join(str(problem) for problem in error.problems)
