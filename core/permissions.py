"""Member / moderator / admin, mapped from platform roles or power levels in config."""
from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from .config import PlatformPermissions

if TYPE_CHECKING:
    from .adapter import Adapter
    from .events import MemberRef, RoomRef


class Role(IntEnum):
    """What a person may do; higher includes lower."""

    MEMBER = 0
    MODERATOR = 1
    ADMIN = 2


def role_from(member_id: str, roles: frozenset[str], power: int | None, rules: PlatformPermissions) -> Role:
    """Map what the platform says about a member to a :class:`Role` using ``rules``."""
    if member_id in rules.admins or roles & set(rules.admin_roles):
        return Role.ADMIN
    if power is not None and rules.admin_power is not None and power >= rules.admin_power:
        return Role.ADMIN
    if member_id in rules.moderators or roles & set(rules.moderator_roles):
        return Role.MODERATOR
    if power is not None and rules.moderator_power is not None and power >= rules.moderator_power:
        return Role.MODERATOR
    return Role.MEMBER


class Permissions:
    """Answers "what role does this member have here?" by asking the platform each time."""

    def __init__(self, per_platform: dict[str, PlatformPermissions]) -> None:
        self._rules = per_platform

    async def role_of(self, adapter: "Adapter", member: "MemberRef", room: "RoomRef | None") -> Role:
        """The member's role in ``room`` (fresh from the platform: roles can change)."""
        rules = self._rules.get(member.platform)
        if rules is None:
            return Role.MEMBER
        standing = await adapter.standing(member, room)
        return role_from(member.id, standing.roles, standing.power_level, rules)
