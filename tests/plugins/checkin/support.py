"""Small stand-in plugins for the hooks other plugins provide (buddy pairs, care responses)."""
from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel

from samovar.core.events import MemberRef
from samovar.core.hookspecs import hookimpl
from samovar.core.plugin import Plugin


class BuddyPairs(BaseModel):
    """``{"anna": "boris"}``: anna's buddy is boris."""

    model_config = {"extra": "forbid"}
    pairs: dict[str, str] = {}


class FixedBuddies(Plugin):
    """Answers ``get_buddy`` from a fixed table of console names."""

    name = "fixed_buddies"
    config_model = BuddyPairs

    @hookimpl
    async def get_buddy(self, member_id: int) -> int | None:
        for ref in await self.bot.members.identities(member_id):
            buddy = self.config.pairs.get(ref.id)
            if buddy:
                return await self.bot.members.resolve(MemberRef("console", buddy, buddy))
        return None


class CareListener(Plugin):
    """Replies privately with a care note when a private text says "hopeless"; remembers every call."""

    name = "care_listener"
    calls: ClassVar[list[dict[str, Any]]] = []

    @hookimpl
    async def on_private_text(self, member: MemberRef, text: str, lang: str, source: str) -> bool:
        CareListener.calls.append({"member": member.id, "text": text, "lang": lang, "source": source})
        if "hopeless" in text.lower():
            await self.bot.dm(member, "care: you are not alone, here is who can help")
            await self.bot.host.call("on_care_given", "care-test", member=member, source=source)  # as a care plugin does
            return True
        return False
