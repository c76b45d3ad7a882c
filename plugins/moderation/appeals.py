"""Appeals: a member answers a nudge with "this was fine" and a moderator takes a look.

The phrases come from the catalogs (``moderation.appeal.phrases``, every language
is accepted whatever the member's language). Resolved appeals stay as examples
for tuning the rules (``!mod examples`` gives them as ``samovar rules eval`` lines).
"""
from __future__ import annotations

import re
from functools import partial
from typing import Any

from samovar.core.events import MemberRef
from samovar.core.i18n import LANGUAGES

from . import records
from .engine.text import normalise
from .models import OPEN, ModerationAppeal, ModerationCase
from .moderators import ModeratorsRoom
from .settings import ModerationConfig
from .texts import duration_words, excerpt, room_label

_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def _plain(text: str) -> str:
    return _EDGES.sub("", " ".join(normalise(text).split()))


class Appeals:
    """Recognises appeal phrases, opens appeals and tells the moderators."""

    def __init__(self, bot: Any, moderators: ModeratorsRoom, config: ModerationConfig) -> None:
        self.bot = bot
        self.moderators = moderators
        self.config = config
        self._phrases: tuple[str, ...] | None = None

    @property
    def phrases(self) -> tuple[str, ...]:
        """Every appeal phrase, normalised, longest first."""
        if self._phrases is None:
            catalog = self.bot.catalog
            found = {_plain(p) for lang in LANGUAGES for p in catalog.variants("moderation.appeal.phrases", lang)}
            self._phrases = tuple(sorted((p for p in found if p), key=len, reverse=True))
        return self._phrases

    def phrase_for(self, lang: str) -> str:
        """The phrase to suggest to a member speaking ``lang``."""
        variants = self.bot.catalog.variants("moderation.appeal.phrases", lang)
        return variants[0] if variants else ""

    def is_appeal(self, text: str) -> bool:
        """Whether a private message is an appeal phrase (alone or followed by the member's reasons)."""
        plain = _plain(text)
        for phrase in self.phrases:
            if plain == phrase or (plain.startswith(phrase) and not plain[len(phrase)].isalnum()):
                return True
        return False

    async def file(self, member: MemberRef, member_id: int, reason: str, cared: bool = False) -> list[ModerationAppeal]:
        """Open appeals for the member's newest flagged message within the appeal window ([] if none).

        ``cared``: the member's words got the care response; they are neither stored nor passed on, and the
        alert says so.
        """
        now = self.bot.clock.now()
        cases = await records.appealable(member_id, now - self.config.appeal_window)
        if not cases:
            return []
        appeals = await records.open_appeals_for(cases, member_id, "" if cared else reason.strip(), now)
        for appeal, case in zip(appeals, cases, strict=True):
            await self.moderators.post(case.platform, partial(self.alert_text, appeal=appeal, case=case, member=member,
                                                              cared=cared))
        return appeals

    async def unfiled_reason(self, member_id: int) -> str:
        """Why an appeal found nothing to open: "already" passed on, "decided" already, "too_late" for the
        note, or "nothing" to appeal."""
        status = await records.appealed_since(member_id, self.bot.clock.now() - self.config.appeal_window)
        if status is not None:
            return "already" if status == OPEN else "decided"
        return "too_late" if await records.noted_ever(member_id) else "nothing"

    def unfiled_text(self, reason: str, lang: str) -> str:
        """What to tell the member for :meth:`unfiled_reason`."""
        window = duration_words(self.bot.catalog, lang, self.config.appeal_window)
        return self.bot.t(f"moderation.appeal.{reason}", lang, window=window)

    def alert_text(self, lang: str, appeal: ModerationAppeal, case: ModerationCase, member: MemberRef,
                   cared: bool = False) -> str:
        """The note in the moderators' room about a new appeal (``cared``: see :meth:`file`)."""
        t = self.bot.t
        lines = [t("moderation.appeal.alert", lang, appeal=appeal.id, member=self.bot.mention(member),
                   rule=case.rule_id, case=case.id, room=room_label(case.room_name or case.room_id))]
        if case.text:
            lines.append(t("moderation.alert.message", lang, text=excerpt(case.text)))
        if appeal.reason:
            lines.append(t("moderation.appeal.reason", lang, reason=excerpt(appeal.reason)))
        if cared:
            lines.append(t("moderation.appeal.cared", lang))
        lines.append(t("moderation.appeal.how_to_resolve", lang, command=f"{self.bot.prefix}mod resolve {appeal.id}"))
        return "\n".join(lines)
