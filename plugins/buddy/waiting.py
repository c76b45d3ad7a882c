"""Who may not be a newcomer's buddy again, and why a waiting newcomer has no buddy yet.

A volunteer who declined a newcomer, or whom the newcomer asked to change, is
never introduced to them again; nor is any buddy they had since they (last)
joined. A member who left and came back may meet an earlier buddy again.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from . import volunteers
from .matching import Unmatched, why_unmatched
from .models import CHANGED, DECLINED, NEWCOMER_LEFT, Assignment, Newcomer
from .profiles import Defaults, participants


async def histories(newcomers: list[Newcomer]) -> dict[int, list[int]]:
    """For each newcomer's member id, the volunteers not to introduce to them (one query)."""
    found: dict[int, list[int]] = defaultdict(list)
    if not newcomers:
        return found
    joined = {n.member_id: n.joined_at for n in newcomers}  # type: ignore[attr-defined]
    rows = await Assignment.filter(newcomer_id__in=list(joined)).values("newcomer_id", "buddy_id", "status",
                                                                       "assigned_at")
    for row in rows:
        this_stay = row["status"] != NEWCOMER_LEFT and row["assigned_at"] >= joined[row["newcomer_id"]]
        if this_stay or row["status"] in (DECLINED, CHANGED):
            found[row["newcomer_id"]].append(row["buddy_id"])
    return found


async def history(newcomer: Newcomer) -> list[int]:
    """The volunteers not to introduce to ``newcomer``."""
    return (await histories([newcomer])).get(newcomer.member_id, [])  # type: ignore[attr-defined]


async def reasons(newcomers: list[Newcomer], now: datetime, defaults: Defaults) -> dict[int, Unmatched | None]:
    """Why each newcomer (by member id) has no buddy; None for one who could be introduced now."""
    if not newcomers:
        return {}
    free = await volunteers.available(now, defaults)
    past = await histories(newcomers)
    ids = [n.member_id for n in newcomers]  # type: ignore[attr-defined]
    people = await participants(ids, defaults)
    return {member_id: why_unmatched(people[member_id], free, past.get(member_id, ())) for member_id in ids}
