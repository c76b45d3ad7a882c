"""Passing a finished check-in on: to the member's buddy, or to the check-in room (named or not)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .models import CheckinEntry
from .reach import Reached, reach
from .texts import Voice


@dataclass(frozen=True, slots=True)
class Shared:
    """How sharing went: ``result`` names the thank-you text; ``with_name`` is who received it."""

    result: str
    with_name: str = ""

    @property
    def failed(self) -> bool:
        """The check-in could not go where the member wanted (it stays private)."""
        return self.result in ("no_buddy", "buddy_unreachable", "room_missing")


async def share(bot: Any, room_name: str, reached: Reached, entry: CheckinEntry, mode: str, event_id: str) -> Shared:
    """Deliver ``entry`` as the member chose (``private``/``buddy``/``room``/``anonymous``)."""
    name = reached.ref.name or bot.mention(reached.ref)
    if mode == "buddy":
        buddy_id = await bot.host.call_first("get_buddy", event_id, member_id=reached.member_id)
        if buddy_id is None:
            return Shared("no_buddy")
        buddy = await reach(bot, buddy_id, reached.ref.platform)
        if buddy is None:
            return Shared("buddy_unreachable")
        text = buddy.voice("shared.buddy", name=name, summary=buddy.voice.summary(entry))
        if await bot.dm(buddy.ref, text) is None:
            return Shared("buddy_unreachable")
        return Shared("buddy", buddy.ref.name or bot.mention(buddy.ref))
    if mode in ("room", "anonymous"):
        room = bot.room(room_name, reached.ref.platform) or bot.room(room_name)
        if room is None:
            return Shared("room_missing")
        voice = Voice(bot.catalog, bot.language_for(None, room))
        key = "shared.room" if mode == "room" else "shared.anonymous"
        if await bot.send(room, voice(key, name=name, summary=voice.summary(entry))) is None:
            return Shared("room_missing")
        return Shared(mode, room.name or room_name)
    return Shared("private")
