"""What a member told about themself, and how the matching sees them.

Unknown facts are filled from the community: a member who named no language
speaks their chosen bot language (else the community's), a member without a
time zone lives in the community's, waking hours default to the config's.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, Iterable

from samovar.core.models import Member
from samovar.core.timezones import zone_info

from .config import clock_time
from .matching import Participant, WakingHours
from .models import Profile
from .words import join_words, split_words


@dataclass(frozen=True)
class Defaults:
    """Community facts used where a member said nothing."""

    language: str
    timezone: str
    waking: WakingHours


def minutes(value: time) -> int:
    """Minutes after midnight."""
    return value.hour * 60 + value.minute


def clock(minutes_after_midnight: int) -> time:
    """A time of day from minutes after midnight."""
    return time((minutes_after_midnight // 60) % 24, minutes_after_midnight % 60)


def defaults_for(bot: Any, config: Any) -> Defaults:
    """The community defaults from the main config and the coffee section."""
    community = bot.config.community
    waking = WakingHours(clock_time(config.coffee.waking_start), clock_time(config.coffee.waking_end))
    return Defaults(community.language, community.timezone, waking)


def known_zone(name: str | None) -> str | None:
    """``name`` when it is a time zone this machine knows, else None."""
    if not name:
        return None
    try:
        zone_info(name)
    except ValueError:
        return None
    return name


async def profile_of(member_id: int, now: datetime) -> Profile:
    """The member's profile row, created empty the first time."""
    profile, _ = await Profile.get_or_create(member_id=member_id, defaults={"updated_at": now})
    return profile


async def update_profile(member_id: int, now: datetime, *, languages: Iterable[str] | None = None,
                         topics: Iterable[str] | None = None, add_topics: Iterable[str] | None = None,
                         waking: tuple[time, time] | None = None) -> Profile:
    """Change some of the member's facts (others stay)."""
    profile = await profile_of(member_id, now)
    if languages is not None:
        profile.languages = join_words(languages)
    if topics is not None:
        profile.topics = join_words(topics)
    if add_topics is not None:
        profile.topics = join_words([*split_words(profile.topics), *add_topics])[:1000]
    if waking is not None:
        profile.waking_start, profile.waking_end = minutes(waking[0]), minutes(waking[1])
    profile.updated_at = now
    await profile.save()
    return profile


async def participants(member_ids: Iterable[int], defaults: Defaults) -> dict[int, Participant]:
    """How the matching sees each member (two queries however many members)."""
    ids = list(dict.fromkeys(member_ids))
    if not ids:
        return {}
    profiles = {p.member_id: p for p in await Profile.filter(member_id__in=ids)}  # type: ignore[attr-defined]
    members = {row["id"]: row for row in await Member.filter(id__in=ids).values("id", "language", "timezone")}
    found: dict[int, Participant] = {}
    for member_id in ids:
        profile = profiles.get(member_id)
        member = members.get(member_id, {})
        languages = split_words(profile.languages if profile else "") or [member.get("language") or defaults.language]
        waking = defaults.waking
        if profile is not None and profile.waking_start is not None and profile.waking_end is not None:
            waking = WakingHours(clock(profile.waking_start), clock(profile.waking_end))
        found[member_id] = Participant(
            id=member_id, languages=frozenset(languages), topics=frozenset(split_words(profile.topics if profile else "")),
            timezone=known_zone(member.get("timezone")) or defaults.timezone, waking=waking)
    return found


async def participant(member_id: int, defaults: Defaults) -> Participant:
    """How the matching sees one member."""
    return (await participants([member_id], defaults))[member_id]
