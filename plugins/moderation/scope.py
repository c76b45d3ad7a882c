"""Where a rule applies and who it exempts, for one message.

Roles are asked from the platform only when a matched rule has role exemptions,
so plain chatter never waits for the platform.
"""
from __future__ import annotations

import logging
from typing import Any

from samovar.core.adapter import AdapterError
from samovar.core.events import MessageEvent, RoomRef
from samovar.core.permissions import Role, role_from

from .engine import Rule

log = logging.getLogger("samovar.plugins.moderation")


def _plain(name: str) -> str:
    return name.lstrip("#").lower()


def room_label(rule: Rule, room: RoomRef) -> str:
    """The room as the rule names it: by name, or by platform id when the rule lists that."""
    listed = {_plain(r) for r in rule.exempt.rooms}
    if rule.applies.rooms != "all":
        listed |= {_plain(r) for r in rule.applies.rooms}
    if _plain(room.name) not in listed and _plain(room.id) in listed:
        return _plain(room.id)
    return _plain(room.name or room.id)


def _normalised(rule: Rule) -> Rule:
    """The rule with room and role names compared without ``#`` and case."""
    applies = rule.applies if rule.applies.rooms == "all" else rule.applies.model_copy(
        update={"rooms": [_plain(r) for r in rule.applies.rooms]})
    exempt = rule.exempt.model_copy(update={"rooms": [_plain(r) for r in rule.exempt.rooms],
                                            "roles": [r.lower() for r in rule.exempt.roles]})
    return rule.model_copy(update={"applies": applies, "exempt": exempt})


def is_reply(event: MessageEvent) -> bool:
    """A reply to a message, or a message inside a thread (an answer to someone's share)."""
    return event.reply_to is not None or event.thread is not None


async def roles_of(bot: Any, event: MessageEvent) -> frozenset[str]:
    """The member's role names here: samovar's (``member``, ``moderator``, ``admin``) and the platform's."""
    adapter = bot.adapters.get(event.member.platform)
    names: set[str] = set()
    role = Role.MEMBER
    if adapter is not None:
        try:
            standing = await adapter.standing(event.member, event.room)
        except AdapterError as exc:
            log.warning("could not read roles", extra={"error": str(exc)})
        else:
            names |= {r.lower() for r in standing.roles}
            rules = bot.config.permissions.get(event.member.platform)
            if rules is not None:
                role = role_from(event.member.id, standing.roles, standing.power_level, rules)
    names |= {r.name.lower() for r in Role if r <= role}
    return frozenset(names)


class Scope:
    """Decides whether each matched rule counts for one message."""

    def __init__(self) -> None:
        self._cache: dict[int, Rule] = {}

    def rule_view(self, rule: Rule) -> Rule:
        """The rule with comparable room and role names (cached per rule object)."""
        view = self._cache.get(id(rule))
        if view is None or view.id != rule.id:
            view = self._cache[id(rule)] = _normalised(rule)
        return view

    def forget(self) -> None:
        """Drop cached views (after the rules were reloaded)."""
        self._cache.clear()

    def needs_roles(self, rules: list[Rule]) -> bool:
        """Whether any of ``rules`` exempts roles (then the platform must be asked)."""
        return any(rule.exempt.roles for rule in rules)

    def applies(self, rule: Rule, event: MessageEvent, roles: frozenset[str]) -> bool:
        """Whether ``rule`` counts for ``event`` by a member with ``roles``."""
        view = self.rule_view(rule)
        return view.applies_to(room_label(view, event.room), roles, is_reply(event))
