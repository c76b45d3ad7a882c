"""Writing to members by member id, in their language; introductions survive closed DMs.

When a member's direct messages are closed, an introduction goes to the
configured fallback room (default: the main room) with a mention and a short
note on how to open DMs; a public version of the text is used there, without
anything the other person told the bot privately.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from datetime import datetime
from typing import Any, Iterator

from samovar.core.events import MemberRef

from samovar.core.timezones import zone_info, zone_label

log = logging.getLogger("samovar.plugins.buddy")


class Messenger:
    """Finds a member's reachable identity and language, and writes to them."""

    def __init__(self, bot: Any, fallback_room: str | None) -> None:
        self.bot = bot
        self.fallback_room = fallback_room
        self._refs: dict[int, MemberRef | None] | None = None

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Remember members' identities while writing to many people at once (a round)."""
        self._refs = {}
        try:
            yield
        finally:
            self._refs = None

    async def ref(self, member_id: int) -> MemberRef | None:
        """A platform identity of the member that a running adapter can reach."""
        if self._refs is not None and member_id in self._refs:
            return self._refs[member_id]
        ref = await self.bot.member_ref(member_id)
        if ref is not None and self.bot.members.cached_id(ref) is None:
            await self.bot.members.resolve(ref)
        if self._refs is not None:
            self._refs[member_id] = ref
        return ref

    async def lang(self, member_id: int) -> str:
        """The language to write to the member in."""
        ref = await self.ref(member_id)
        return self.bot.language_for(ref, None)

    async def mention(self, member_id: int) -> str:
        """Text that mentions the member (their name when they cannot be reached)."""
        ref = await self.ref(member_id)
        return self.bot.mention(ref) if ref is not None else "?"

    async def name_for(self, member_id: int, reader_id: int) -> str:
        """How ``reader_id`` sees ``member_id``: a mention on the same platform, else name and platform."""
        ref, reader = await self.ref(member_id), await self.ref(reader_id)
        if ref is None:
            return "?"
        if reader is None or reader.platform == ref.platform:
            return self.bot.mention(ref)
        return f"{ref.name or ref.id} ({ref.platform})"

    async def text(self, member_id: int, key: str, **values: Any) -> str:
        """``key`` translated into the member's language."""
        return self.bot.t(key, await self.lang(member_id), **values)

    async def tell(self, member_id: int, key: str, **values: Any) -> bool:
        """A private message; False when it could not be delivered (nothing else is tried)."""
        ref = await self.ref(member_id)
        if ref is None:
            return False
        lang = self.bot.language_for(ref, None)
        return await self.bot.dm(ref, self.bot.t(key, lang, **values)) is not None

    async def tell_lines(self, member_id: int, parts: list[tuple[str, dict[str, Any]]]) -> bool:
        """One private message made of several catalog texts, one per line (empty ones dropped)."""
        ref = await self.ref(member_id)
        if ref is None:
            return False
        lang = self.bot.language_for(ref, None)
        text = "\n".join(line for line in (self.bot.t(key, lang, **values) for key, values in parts) if line)
        return await self.bot.dm(ref, text) is not None

    async def introduce(self, member_id: int, private: list[tuple[str, dict[str, Any]]],
                        public: list[tuple[str, dict[str, Any]]]) -> bool:
        """Send an introduction privately, or post ``public`` in the fallback room with a mention.

        Returns True when the member was reached one way or the other.
        """
        if await self.tell_lines(member_id, private):
            return True
        ref = await self.ref(member_id)
        if ref is None:
            return False
        room = self.bot.room(self.fallback_room or self.bot.config.community.main_room, platform=ref.platform)
        if room is None:
            log.warning("no room for an introduction", extra={"platform": ref.platform})
            return False
        lang = self.bot.language_for(ref, None)
        how_key = f"buddy.open_dms.{ref.platform}"
        how = self.bot.t(how_key if self.bot.catalog.has(how_key, lang) else "buddy.open_dms.other", lang)
        body = "\n".join(self.bot.t(key, lang, **values) for key, values in public)
        text = self.bot.t("buddy.fallback", lang, mention=self.bot.mention(ref), text=body, how=how)
        return await self.bot.send(room, text) is not None

    async def local_time(self, member_id: int, now: datetime, default_zone: str) -> tuple[str, str]:
        """The member's time zone as people read it, and their local time now (``HH:MM``)."""
        zone = await self.bot.members.timezone(member_id) or default_zone
        try:
            local = now.astimezone(zone_info(zone))
        except ValueError:
            zone, local = default_zone, now.astimezone(zone_info(default_zone))
        return zone_label(zone), local.strftime("%H:%M")
