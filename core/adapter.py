"""The one protocol every platform adapter implements.

An adapter turns platform traffic into :mod:`samovar.core.events` (handing them
to ``bot.dispatch_*``) and carries out the core's actions on its platform.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from .events import MemberRef, MessageRef, RoomRef

if TYPE_CHECKING:
    from .bot import Bot


class AdapterError(Exception):
    """An action could not be carried out on the platform."""


class DirectMessagesClosed(AdapterError):
    """The member does not accept direct messages from the bot."""


class NotSupported(AdapterError):
    """The platform has no such action (e.g. timeout on the console)."""


class MissingPermission(AdapterError):
    """The bot's own account lacks the permission the action needs."""


@dataclass(frozen=True, slots=True)
class Standing:
    """What a platform says about a member: role names and/or a power level."""

    roles: frozenset[str] = field(default_factory=frozenset)
    power_level: int | None = None


@runtime_checkable
class Adapter(Protocol):
    """A platform connection. ``platform`` is the short name used in references."""

    platform: str

    async def start(self, bot: "Bot") -> None:
        """Connect and begin emitting events to ``bot``; returns once connected."""

    async def stop(self) -> None:
        """Disconnect cleanly."""

    async def send(
        self, room: RoomRef, text: str, *, reply_to: MessageRef | None = None, thread: str | None = None
    ) -> MessageRef:
        """Post ``text`` in ``room`` (optionally as a reply / inside a thread)."""

    async def dm(self, member: MemberRef, text: str) -> MessageRef:
        """Send ``text`` privately; raises :class:`DirectMessagesClosed` when refused."""

    async def react(self, message: MessageRef, emoji: str) -> None:
        """Add the bot's reaction ``emoji`` to ``message``."""

    async def delete(self, message: MessageRef, reason: str | None = None) -> None:
        """Delete (redact) ``message``; raises :class:`MissingPermission` when not allowed."""

    async def timeout(self, member: MemberRef, duration: timedelta, reason: str | None = None) -> None:
        """Silence ``member`` for ``duration``; :class:`NotSupported` where impossible."""

    async def standing(self, member: MemberRef, room: RoomRef | None) -> Standing:
        """The member's roles / power level, used to map to member/moderator/admin."""

    def mention(self, member: MemberRef) -> str:
        """Text that mentions (notifies) exactly this member on the platform."""
