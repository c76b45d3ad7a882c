"""The member directory: one person's identities across platforms, cached in memory."""
from __future__ import annotations

import re

from tortoise.exceptions import IntegrityError

from .clock import Clock
from .events import MemberRef
from .models import Identity, Member


_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN_WORD = re.compile(r"[a-z]{3,}", re.IGNORECASE)


def written_in(text: str) -> str | None:
    """"ru" for words with Cyrillic letters, "en" for Latin words only, None for too little to tell."""
    if _CYRILLIC.search(text):
        return "ru"
    return "en" if len(_LATIN_WORD.findall(text)) >= 2 else None


class MemberDirectory:
    """Maps platform identities to member ids (creating members on first sight)."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._ids: dict[tuple[str, str], int] = {}
        self._languages: dict[int, str | None] = {}
        self._written: dict[tuple[str, str], str] = {}  # what members last wrote to the bot in (not a choice)
        self._stored_written: dict[int, str | None] = {}  # the same, as the database holds it per member

    async def resolve(self, ref: MemberRef) -> int:
        """The member id of ``ref``, creating the member the first time they are seen."""
        key = (ref.platform, ref.id)
        member_id = self._ids.get(key)
        if member_id is not None:
            return member_id
        identity = await Identity.get_or_none(platform=ref.platform, platform_id=ref.id)
        if identity is None:
            member = await Member.create(created_at=self.clock.now())
            try:
                identity = await Identity.create(member=member, platform=ref.platform, platform_id=ref.id,
                                                 display_name=ref.name[:255])
            except IntegrityError:  # created concurrently
                await member.delete()
                identity = await Identity.get(platform=ref.platform, platform_id=ref.id)
        member_id = identity.member_id  # type: ignore[attr-defined]
        self._ids[key] = member_id
        if member_id not in self._languages:
            row = await Member.get(id=member_id)
            self._languages[member_id] = row.language
            self._stored_written[member_id] = row.written_language
        stored = self._stored_written.get(member_id)
        if stored and key not in self._written:  # after a restart: what they wrote in before
            self._written[key] = stored
        return member_id

    def cached_id(self, ref: MemberRef) -> int | None:
        """The member id if already known in memory (no database access)."""
        return self._ids.get((ref.platform, ref.id))

    def language(self, ref: MemberRef) -> str | None:
        """The member's chosen language if known in memory."""
        member_id = self._ids.get((ref.platform, ref.id))
        return None if member_id is None else self._languages.get(member_id)

    def note_written(self, ref: MemberRef, text: str) -> bool:
        """Remember the language of private words to the bot, for a member who chose none.

        True when it is not the one noted before: then :meth:`store_written` keeps it across restarts.
        """
        lang = written_in(text)
        return lang is not None and self._note(ref, lang)

    def note_command(self, ref: MemberRef, text: str) -> bool:
        """A command with Russian words in it (``!помощь``, ``!checkin pause 2 недели``) counts as Russian;
        one in Latin letters says nothing (``!help`` is the same in every language). True as for
        :meth:`note_written`."""
        return not text.isascii() and _CYRILLIC.search(text) is not None and self._note(ref, "ru")

    def _note(self, ref: MemberRef, lang: str) -> bool:
        key = (ref.platform, ref.id)
        new = self._written.get(key) != lang
        self._written[key] = lang
        return new

    async def store_written(self, ref: MemberRef) -> None:
        """Keep the language ``ref`` last wrote to the bot in, so that it outlives a restart."""
        lang = self._written.get((ref.platform, ref.id))
        member_id = await self.resolve(ref)
        if lang is None or self._stored_written.get(member_id) == lang:
            return
        await Member.filter(id=member_id).update(written_language=lang)
        self._stored_written[member_id] = lang

    def written_language(self, ref: MemberRef) -> str | None:
        """The language the member last wrote to the bot in (None if unknown)."""
        return self._written.get((ref.platform, ref.id))

    async def set_language(self, member_id: int, language: str | None) -> None:
        """Store the member's language choice."""
        await Member.filter(id=member_id).update(language=language)
        self._languages[member_id] = language

    async def set_timezone(self, member_id: int, timezone: str | None) -> None:
        """Store the member's time zone."""
        await Member.filter(id=member_id).update(timezone=timezone)

    async def timezone(self, member_id: int) -> str | None:
        """The member's time zone, if they gave one."""
        member = await Member.get_or_none(id=member_id)
        return member.timezone if member else None

    async def identities(self, member_id: int) -> list[MemberRef]:
        """Every platform identity of the member."""
        rows = await Identity.filter(member_id=member_id).order_by("id")
        return [MemberRef(row.platform, row.platform_id, row.display_name) for row in rows]

    async def link(self, member_id: int, ref: MemberRef) -> None:
        """Attach identity ``ref`` to ``member_id`` (merging a member created for it earlier)."""
        existing = await Identity.get_or_none(platform=ref.platform, platform_id=ref.id)
        if existing is not None and existing.member_id == member_id:  # type: ignore[attr-defined]
            return
        if existing is not None:
            old_member = existing.member_id  # type: ignore[attr-defined]
            existing.member_id = member_id  # type: ignore[attr-defined]
            await existing.save()
            if not await Identity.filter(member_id=old_member).exists():
                await Member.filter(id=old_member).delete()
        else:
            await Identity.create(member_id=member_id, platform=ref.platform, platform_id=ref.id,
                                  display_name=ref.name[:255])
        self._ids[(ref.platform, ref.id)] = member_id

    async def forget(self, member_id: int) -> None:
        """Delete the member and every identity (plugins forget their own rows first)."""
        await Identity.filter(member_id=member_id).delete()
        await Member.filter(id=member_id).delete()
        for key in [key for key, cached in self._ids.items() if cached == member_id]:
            self._written.pop(key, None)
        self._ids = {key: value for key, value in self._ids.items() if value != member_id}
        self._languages.pop(member_id, None)
        self._stored_written.pop(member_id, None)
