"""A tiny test-only plugin that answers ``get_buddy`` from a fixed list of pairs."""
from __future__ import annotations

from samovar.core.config import Strict
from samovar.core.events import MemberRef
from samovar.core.hookspecs import hookimpl
from samovar.core.plugin import Plugin


class PairsConfig(Strict):
    """``pairs``: newcomer name -> buddy name (console members)."""

    pairs: dict[str, str] = {}


class FixedBuddies(Plugin):
    """Every newcomer listed in ``pairs`` has the buddy named there."""

    name = "fixed_buddies"
    config_model = PairsConfig

    @hookimpl
    async def get_buddy(self, member_id: int) -> int | None:
        """The buddy's member id for a listed newcomer."""
        for newcomer, buddy in self.config.pairs.items():
            if await self.bot.members.resolve(MemberRef("console", newcomer, newcomer)) == member_id:
                return await self.bot.members.resolve(MemberRef("console", buddy, buddy))
        return None
