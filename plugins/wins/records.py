"""Reading and writing wins, cheers and preferences (all database access of the plugin)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from tortoise.exceptions import IntegrityError

from samovar.core.events import MessageRef

from .models import Win, WinCheer, WinsPreference


def aware(moment: datetime) -> datetime:
    """``moment`` as an aware UTC datetime (databases may hand back naive ones)."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One win as its author sees it in the journal."""

    text: str
    at: datetime
    witnessed_by: int


async def record_win(member_id: int, text: str, message: MessageRef, at: datetime) -> Win | None:
    """Store a win for ``message``; None when that message is already a win."""
    if await Win.exists(platform=message.platform, message_id=message.id):
        return None
    try:
        return await Win.create(member_id=member_id, text=text, platform=message.platform, room_id=message.room.id,
                                room_name=message.room.name or message.room.id, private=message.room.is_direct,
                                message_id=message.id, created_at=at)
    except IntegrityError:  # the same message marked twice at once
        return None


async def win_for(message: MessageRef) -> Win | None:
    """The win written in ``message``, or celebrated by the bot's ``message``."""
    win = await Win.get_or_none(platform=message.platform, message_id=message.id)
    if win is None:
        win = await Win.get_or_none(platform=message.platform, celebration_id=message.id)
    return win


async def written_in(message: MessageRef) -> Win | None:
    """The win whose own message is ``message`` (not the bot's celebration)."""
    return await Win.get_or_none(platform=message.platform, message_id=message.id)


async def set_celebration(win: Win, celebration: MessageRef) -> None:
    """Remember the bot's celebration message so that cheers on it count too."""
    win.celebration_id = celebration.id
    await win.save(update_fields=["celebration_id"])


async def update_text(win: Win, text: str, at: datetime) -> None:
    """The author edited their win."""
    win.text = text
    win.edited_at = at
    await win.save(update_fields=["text", "edited_at"])


async def remove(win: Win) -> None:
    """Delete a win and the cheers it received."""
    await WinCheer.filter(win_id=win.id).delete()
    await win.delete()


async def add_cheer(win: Win, member_id: int, at: datetime) -> bool:
    """``member_id`` witnessed ``win``; False when they already had, or wrote it."""
    if win.member_id == member_id or await WinCheer.exists(win_id=win.id, member_id=member_id):  # type: ignore[attr-defined]
        return False
    try:
        await WinCheer.create(win_id=win.id, member_id=member_id, created_at=at)
    except IntegrityError:
        return False
    return True


async def _witnesses(win_ids: list[int]) -> Counter[int]:
    """How many people cheered each of these wins."""
    rows: list[Any] = list(await WinCheer.filter(win_id__in=win_ids).values_list("win_id", flat=True))
    return Counter(int(row) for row in rows)


async def count_wins(member_id: int) -> int:
    """How many wins the member has written down."""
    return await Win.filter(member_id=member_id).count()


async def journal(member_id: int) -> list[JournalEntry]:
    """Every win of the member, newest first, with how many people witnessed each."""
    wins = await Win.filter(member_id=member_id).order_by("-created_at", "-id")
    witnessed = await _witnesses([w.id for w in wins])
    return [JournalEntry(w.text, aware(w.created_at), witnessed.get(w.id, 0)) for w in wins]


async def public_since(since: datetime) -> list[Win]:
    """Wins written in rooms (not privately) since ``since``, oldest first, of members in the digest."""
    hidden = await WinsPreference.filter(in_digest=False).values_list("member_id", flat=True)
    query = Win.filter(created_at__gt=since, private=False)
    if hidden:
        query = query.exclude(member_id__in=list(hidden))
    return await query.order_by("created_at", "id")


async def preferences(member_id: int) -> WinsPreference:
    """The member's preferences row (created with defaults when missing)."""
    prefs, _ = await WinsPreference.get_or_create(member_id=member_id)
    return prefs


async def export(member_id: int) -> dict[str, Any] | None:
    """Everything stored about the member, JSON-ready; None when nothing is."""
    wins = await Win.filter(member_id=member_id).order_by("created_at", "id")
    witnessed = await _witnesses([w.id for w in wins])
    cheered = await WinCheer.filter(member_id=member_id).order_by("created_at")
    prefs = await WinsPreference.get_or_none(member_id=member_id)
    if not wins and not cheered and prefs is None:
        return None
    return {
        "wins": [{"text": w.text, "written_at": aware(w.created_at).isoformat(),
                  "edited_at": aware(w.edited_at).isoformat() if w.edited_at else None,
                  "room": None if w.private else w.room_name, "private": w.private,
                  "witnessed_by": witnessed.get(w.id, 0)} for w in wins],
        "cheered_wins_at": [aware(c.created_at).isoformat() for c in cheered],
        "preferences": None if prefs is None else {
            "in_weekly_digest": prefs.in_digest, "tell_buddy_about_first_win": prefs.tell_buddy,
            "buddy_was_told": prefs.buddy_told, "milestone_reached": prefs.milestone_reached},
    }


async def forget(member_id: int) -> None:
    """Delete every row that names the member: their wins (and cheers on them), their cheers, their choices."""
    own = await Win.filter(member_id=member_id).values_list("id", flat=True)
    if own:
        await WinCheer.filter(win_id__in=list(own)).delete()
    await WinCheer.filter(member_id=member_id).delete()
    await Win.filter(member_id=member_id).delete()
    await WinsPreference.filter(member_id=member_id).delete()


async def existing_preferences(member_id: int) -> WinsPreference | None:
    """The member's preferences row, if they ever made a choice."""
    return await WinsPreference.get_or_none(member_id=member_id)
