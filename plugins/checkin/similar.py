""""Someone else had a similar week": private offers, introductions only after both agree.

Only theme keys are compared (see :mod:`themes`), and only between members whose
check-ins are held in the same language; no one learns anything about the other
member's answers, and no one learns who the other member is unless both said yes.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from tortoise.expressions import Q

from samovar.core.models import Member

from .models import CheckinEntry, CheckinMatch, CheckinSchedule
from .reach import reach


def pair_by_theme(themes_by_member: dict[int, set[str]], already_met: set[frozenset[int]],
                  language_of: dict[int, str] | None = None) -> list[tuple[int, int, str]]:
    """Pairs of members sharing a theme: rarer themes first, each member at most once, no repeats.

    With ``language_of``, only members who speak the same language are paired.
    """
    if language_of is not None:
        by_language: dict[str, dict[int, set[str]]] = defaultdict(dict)
        for member, themes in themes_by_member.items():
            by_language[language_of.get(member, "")][member] = themes
        return [pair for _, group in sorted(by_language.items()) for pair in pair_by_theme(group, already_met)]
    members_by_theme: dict[str, list[int]] = defaultdict(list)
    for member, themes in sorted(themes_by_member.items()):
        for theme in themes:
            members_by_theme[theme].append(member)
    paired: set[int] = set()
    pairs: list[tuple[int, int, str]] = []
    for theme, members in sorted(members_by_theme.items(), key=lambda item: (len(item[1]), item[0])):
        waiting: list[int] = []
        for member in members:
            if member in paired:
                continue
            partner = next((m for m in waiting if frozenset((m, member)) not in already_met), None)
            if partner is None:
                waiting.append(member)
                continue
            waiting.remove(partner)
            paired.update((partner, member))
            pairs.append((partner, member, theme))
    return pairs


async def offer(bot: Any, entries: Iterable[CheckinEntry], week_end: datetime, now: datetime,
                window: timedelta) -> int:
    """Make this week's offers privately; returns how many pairs were offered."""
    themes: dict[int, set[str]] = defaultdict(set)
    for entry in entries:
        themes[entry.member_id].update(t for t in entry.themes.split(",") if t)
    willing = set(await CheckinSchedule.filter(member_id__in=list(themes), similar_offers=True)
                  .values_list("member_id", flat=True))
    themes_by_member = {m: t for m, t in themes.items() if m in willing and t}
    if len(themes_by_member) < 2:
        return 0
    ids = list(themes_by_member)
    earlier = await CheckinMatch.filter(Q(member_a_id__in=ids) | Q(member_b_id__in=ids)).values_list("member_a_id", "member_b_id")
    pairs = pair_by_theme(themes_by_member, {frozenset(pair) for pair in earlier}, await languages(bot, ids))
    for first, second, theme in pairs:
        await CheckinMatch.create(week_end=week_end, theme=theme, member_a_id=first, member_b_id=second,
                                  expires_at=now + window)
        for member_id in (first, second):
            reached = await reach(bot, member_id)
            if reached is not None:
                voice = reached.voice
                await bot.dm(reached.ref, voice("similar.offer", theme=voice(f"themes.{theme}"),
                                                yes=f"{bot.prefix}checkin similar yes",
                                                no=f"{bot.prefix}checkin similar no"))
    return len(pairs)


async def languages(bot: Any, member_ids: list[int]) -> dict[int, str]:
    """The language each member's check-ins are held in (their choice, else the community's)."""
    default = bot.config.community.language
    rows = await Member.filter(id__in=member_ids).values("id", "language")
    return {row["id"]: row["language"] or default for row in rows}


async def reply(bot: Any, member_id: int, answer: str, now: datetime) -> str:
    """Record a yes/no to the member's open offer; returns ``none``/``declined``/``waiting``/``introduced``."""
    match = await (CheckinMatch.filter(Q(member_a_id=member_id, reply_a__isnull=True)
                                       | Q(member_b_id=member_id, reply_b__isnull=True),
                                       expires_at__gt=now, introduced_at__isnull=True)
                   .order_by("-id").first())
    if match is None:
        return "none"
    mine, theirs = ("reply_a", match.reply_b) if match.member_a_id == member_id else ("reply_b",
                                                                                          match.reply_a)
    await CheckinMatch.filter(id=match.id).update(**{mine: answer})
    if answer != "yes":
        return "declined"
    if theirs != "yes":
        return "waiting"
    if not await CheckinMatch.filter(id=match.id, introduced_at__isnull=True).update(introduced_at=now):
        return "waiting"
    await introduce(bot, match.member_a_id, match.member_b_id, match.theme)
    return "introduced"


async def introduce(bot: Any, member_a_id: int, member_b_id: int, theme: str) -> None:
    """Tell both members who the other is."""
    first, second = await reach(bot, member_a_id), await reach(bot, member_b_id)
    if first is None or second is None:
        return
    for me, other in ((first, second), (second, first)):
        same_platform = me.ref.platform == other.ref.platform
        name = bot.mention(other.ref) if same_platform else (other.ref.name or other.ref.id)
        await bot.dm(me.ref, me.voice("similar.introduce", name=name, theme=me.voice(f"themes.{theme}")))
