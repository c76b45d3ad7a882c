"""The volunteer registry: who offered to be a buddy, how many newcomers they accompany now."""
from __future__ import annotations

from datetime import datetime

from tortoise.functions import Count

from . import matching
from .models import ACTIVE, Assignment, Volunteer
from .profiles import Defaults, participants


async def offer(member_id: int, capacity: int, now: datetime) -> tuple[Volunteer, bool]:
    """Volunteer (or update an earlier offer: never a second row); True when new."""
    volunteer = await Volunteer.get_or_none(member_id=member_id)
    if volunteer is None:
        return await Volunteer.create(member_id=member_id, capacity=capacity, status=ACTIVE, created_at=now,
                                      updated_at=now), True
    volunteer.capacity, volunteer.status, volunteer.updated_at = capacity, ACTIVE, now
    await volunteer.save()
    return volunteer, False


async def set_status(member_id: int, status: str, now: datetime) -> Volunteer | None:
    """Pause, resume or stop; None when the member never volunteered."""
    volunteer = await Volunteer.get_or_none(member_id=member_id)
    if volunteer is None:
        return None
    volunteer.status, volunteer.updated_at = status, now
    await volunteer.save()
    return volunteer


async def current(member_id: int) -> Volunteer | None:
    """The member's offer, if any."""
    return await Volunteer.get_or_none(member_id=member_id)


def active_pairs(now: datetime):  # type: ignore[no-untyped-def]
    """Query of buddy pairs still running (not ended early, inside the support period)."""
    return Assignment.filter(status=ACTIVE, ends_at__gt=now)


async def loads(now: datetime, buddy_ids: list[int] | None = None) -> dict[int, int]:
    """How many newcomers each buddy accompanies now."""
    query = active_pairs(now)
    if buddy_ids is not None:
        query = query.filter(buddy_id__in=buddy_ids)
    rows = await query.annotate(n=Count("id")).group_by("buddy_id").values("buddy_id", "n")
    return {row["buddy_id"]: row["n"] for row in rows}


async def available(now: datetime, defaults: Defaults) -> list[matching.Volunteer]:
    """Active volunteers as the matching sees them (with their current load)."""
    rows = await Volunteer.filter(status=ACTIVE).values("member_id", "capacity")
    if not rows:
        return []
    ids = [row["member_id"] for row in rows]
    load = await loads(now, ids)
    people = await participants(ids, defaults)
    return [matching.Volunteer(member=people[row["member_id"]], load=load.get(row["member_id"], 0),
                               capacity=row["capacity"]) for row in rows]


async def has_free_place(now: datetime) -> bool:
    """Whether any active volunteer could take one more newcomer."""
    rows = await Volunteer.filter(status=ACTIVE).values("member_id", "capacity")
    if not rows:
        return False
    load = await loads(now, [row["member_id"] for row in rows])
    return any(load.get(row["member_id"], 0) < row["capacity"] for row in rows)
