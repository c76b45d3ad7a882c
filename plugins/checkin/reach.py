"""Finding where and in which language to write to a member."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from samovar.core.events import MemberRef

from .texts import Voice


@dataclass(frozen=True, slots=True)
class Reached:
    """A member's reachable identity and the voice to speak to them in."""

    member_id: int
    ref: MemberRef
    voice: Voice


async def reach(bot: Any, member_id: int, platform: str | None = None) -> Reached | None:
    """The member on ``platform`` if reachable there, else on any running platform; None if nowhere."""
    ref = await bot.member_ref(member_id, platform) if platform else None
    if ref is None:
        ref = await bot.member_ref(member_id)
    if ref is None:
        return None
    await bot.members.resolve(ref)  # loads the member's language choice
    return Reached(member_id, ref, Voice(bot.catalog, bot.language_for(ref, None)))
