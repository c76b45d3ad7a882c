"""The moderators' room: where alerts, appeals and rules-file problems go."""
from __future__ import annotations

import logging
from typing import Any, Callable

from samovar.core.events import RoomRef

log = logging.getLogger("samovar.plugins.moderation")


class ModeratorsRoom:
    """Posts to the room named ``community.moderators_room`` on the right platform."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot

    @property
    def name(self) -> str | None:
        """The configured room name, if any."""
        return self.bot.config.community.moderators_room

    def room(self, platform: str | None = None) -> RoomRef | None:
        """The moderators' room on ``platform`` (else on any platform that has it)."""
        if not self.name:
            return None
        return (self.bot.room(self.name, platform=platform) if platform else None) or self.bot.room(self.name)

    def configured(self, platform: str | None = None) -> bool:
        """Whether there is a moderators' room to post to."""
        return self.room(platform) is not None

    async def post(self, platform: str | None, compose: Callable[[str], str]) -> bool:
        """Post ``compose(language)`` in the moderators' room; False when there is none."""
        room = self.room(platform)
        if room is None:
            log.warning("no moderators' room to alert", extra={"platform": platform})
            return False
        return await self.bot.send(room, compose(self.bot.language_for(None, room))) is not None
