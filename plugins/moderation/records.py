"""Reading and writing cases and appeals (all database access of the moderation plugin)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from .models import OPEN, OVERTURNED, RULE, ModerationAppeal, ModerationCase


def aware(moment: datetime) -> datetime:
    """``moment`` as an aware UTC datetime (databases may hand back naive ones)."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


async def count_recent(member_id: int, rule_id: str, since: datetime) -> int:
    """How many cases of ``rule_id`` the member has since ``since`` (overturned ones do not count)."""
    return await ModerationCase.filter(member_id=member_id, rule_id=rule_id, kind=RULE, overturned=False,
                                       created_at__gte=since).count()


async def add_case(**values: Any) -> ModerationCase:
    """Store one case (see :class:`ModerationCase` for the fields)."""
    return await ModerationCase.create(**values)


async def appealable(member_id: int, since: datetime) -> list[ModerationCase]:
    """The member's newest flagged message since ``since`` that is not appealed yet: its cases."""
    appealed = await ModerationAppeal.filter(member_id=member_id).values_list("case_id", flat=True)
    query = ModerationCase.filter(member_id=member_id, kind=RULE, created_at__gte=since)
    if appealed:
        query = query.exclude(id__in=list(appealed))
    latest = await query.order_by("-created_at", "-id").first()
    if latest is None:
        return []
    if not latest.message_id:
        return [latest]
    return await query.filter(platform=latest.platform, message_id=latest.message_id).order_by("id")


async def noted_ever(member_id: int) -> bool:
    """Whether the member has ever had a house-rule note."""
    return await ModerationCase.filter(member_id=member_id, kind=RULE).exists()


async def appealed_since(member_id: int, since: datetime) -> str | None:
    """The status of the member's latest appeal since ``since`` (open, upheld, overturned), or None."""
    latest = await ModerationAppeal.filter(member_id=member_id, created_at__gte=since).order_by("-id").first()
    return None if latest is None else latest.status


async def open_appeals_for(cases: list[ModerationCase], member_id: int, reason: str,
                           at: datetime) -> list[ModerationAppeal]:
    """One open appeal per case, in the member's words."""
    return [await ModerationAppeal.create(case=case, member_id=member_id, reason=reason, created_at=at)
            for case in cases]


@dataclass(frozen=True, slots=True)
class QueueItem:
    """An appeal with the case it is about."""

    appeal: ModerationAppeal
    case: ModerationCase


async def queue() -> list[QueueItem]:
    """Open appeals, oldest first."""
    appeals = await ModerationAppeal.filter(status=OPEN).order_by("created_at", "id").prefetch_related("case")
    return [QueueItem(a, a.case) for a in appeals]


async def appeal(appeal_id: int) -> QueueItem | None:
    """One appeal and its case."""
    found = await ModerationAppeal.get_or_none(id=appeal_id).prefetch_related("case")
    return None if found is None else QueueItem(found, found.case)


async def resolve(item: QueueItem, status: str, note: str, moderator_id: int, at: datetime) -> None:
    """Record the moderator's decision; an overturned case stops counting towards the ladder."""
    item.appeal.status = status
    item.appeal.note = note
    item.appeal.resolved_by = moderator_id
    item.appeal.resolved_at = at
    await item.appeal.save(update_fields=["status", "note", "resolved_by", "resolved_at"])
    overturned = status == OVERTURNED
    if item.case.overturned != overturned:
        item.case.overturned = overturned
        await item.case.save(update_fields=["overturned"])


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """A case with its newest appeal, if any."""

    case: ModerationCase
    appeal: ModerationAppeal | None


async def history(member_id: int, limit: int) -> list[HistoryItem]:
    """The member's newest cases (care included), newest first."""
    cases = await ModerationCase.filter(member_id=member_id).order_by("-created_at", "-id").limit(limit)
    appeals = await ModerationAppeal.filter(case_id__in=[c.id for c in cases]).order_by("id")
    newest = {a.case_id: a for a in appeals}  # type: ignore[attr-defined]
    return [HistoryItem(case, newest.get(case.id)) for case in cases]


async def examples() -> list[dict[str, Any]]:
    """Messages with a resolved appeal, as ``samovar rules eval`` lines.

    ``labels`` are the rules the message was flagged for, minus the overturned ones.
    """
    resolved = await ModerationAppeal.exclude(status=OPEN).order_by("resolved_at", "id").prefetch_related("case")
    lines: dict[tuple[str, str], dict[str, Any]] = {}
    for item in resolved:
        case = item.case
        key = (case.platform, case.message_id or f"case-{case.id}")
        if key in lines or not case.text:
            continue
        siblings = [case] if not case.message_id else await ModerationCase.filter(
            platform=case.platform, message_id=case.message_id, kind=RULE).order_by("id")
        labels = [c.rule_id for c in siblings if not c.overturned]
        lines[key] = {"text": case.text, "lang": case.lang, "labels": list(dict.fromkeys(labels))}
    return list(lines.values())


async def export(member_id: int) -> dict[str, Any] | None:
    """Everything stored about the member, JSON-ready; None when nothing is."""
    cases = await ModerationCase.filter(member_id=member_id).order_by("created_at", "id")
    appeals = await ModerationAppeal.filter(member_id=member_id).order_by("created_at", "id")
    if not cases and not appeals:
        return None
    return {
        "cases": [{"case": c.id, "kind": c.kind, "rule": c.rule_id, "at": aware(c.created_at).isoformat(),
                   "room": c.room_name or None, "source": c.source, "text": c.text or None,
                   "actions": [a for a in c.actions.split(",") if a], "overturned": c.overturned}
                  for c in cases],
        "appeals": [{"appeal": a.id, "case": a.case_id, "reason": a.reason,  # type: ignore[attr-defined]
                     "status": a.status, "moderator_note": a.note or None, "at": aware(a.created_at).isoformat(),
                     "resolved_at": aware(a.resolved_at).isoformat() if a.resolved_at else None}
                    for a in appeals],
    }


async def forget(member_id: int) -> None:
    """Delete every row that names the member (their cases and appeals; their name as a resolving moderator)."""
    own_cases = list(await ModerationCase.filter(member_id=member_id).values_list("id", flat=True))
    if own_cases:
        await ModerationAppeal.filter(case_id__in=own_cases).delete()
    await ModerationAppeal.filter(member_id=member_id).delete()
    await ModerationCase.filter(member_id=member_id).delete()
    await ModerationAppeal.filter(resolved_by=member_id).update(resolved_by=None)
