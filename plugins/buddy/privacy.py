"""A member's buddy and coffee data, as JSON-ready data for ``!privacy export``."""
from __future__ import annotations

from typing import Any

from tortoise.expressions import Q

from .models import Assignment, CoffeeMember, CoffeeSeat, Meetup, Newcomer, Profile, Volunteer
from .words import split_words


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


async def export_member(member_id: int) -> dict[str, Any] | None:
    """Profile, volunteering, newcomer answers, buddy pairs, coffee rounds and meetups; None if nothing."""
    data: dict[str, Any] = {}
    profile = await Profile.get_or_none(member_id=member_id)
    if profile is not None:
        data["profile"] = {"languages": split_words(profile.languages), "topics": split_words(profile.topics),
                           "waking_start_minute": profile.waking_start, "waking_end_minute": profile.waking_end}
    volunteer = await Volunteer.get_or_none(member_id=member_id)
    if volunteer is not None:
        data["volunteer"] = {"capacity": volunteer.capacity, "status": volunteer.status,
                             "since": _when(volunteer.created_at)}
    newcomer = await Newcomer.get_or_none(member_id=member_id)
    if newcomer is not None:
        data["newcomer"] = {"status": newcomer.status, "joined_at": _when(newcomer.joined_at),
                            "what_brings_you": newcomer.reason}
    pairs = await Assignment.filter(Q(newcomer_id=member_id) | Q(buddy_id=member_id)).order_by("assigned_at")
    if pairs:
        data["buddy_pairs"] = [{
            "role": "newcomer" if p.newcomer_id == member_id else "buddy",  # type: ignore[attr-defined]
            "other_member_id": p.buddy_id if p.newcomer_id == member_id else p.newcomer_id,  # type: ignore[attr-defined]
            "status": p.status, "assigned_at": _when(p.assigned_at), "ended_at": _when(p.ended_at),
            "you_said_connected": p.newcomer_connected if p.newcomer_id == member_id  # type: ignore[attr-defined]
            else p.buddy_connected,
        } for p in pairs]
    coffee = await CoffeeMember.get_or_none(member_id=member_id)
    if coffee is not None:
        data["coffee"] = {"taking_part": coffee.active, "since": _when(coffee.since),
                          "rounds_without_answer": coffee.ignored_rounds}
    seats = await CoffeeSeat.filter(member_id=member_id).order_by("id").values("group_id", "met")
    if seats:
        groups = [s["group_id"] for s in seats]
        others = await CoffeeSeat.filter(group_id__in=groups).exclude(member_id=member_id).values(
            "group_id", "member_id")
        data["coffee_groups"] = [{
            "with_member_ids": [o["member_id"] for o in others if o["group_id"] == s["group_id"]], "met": s["met"],
        } for s in seats]
    meetups = await Meetup.filter(Q(member_id=member_id) | Q(other_id=member_id)).order_by("at")
    if meetups:
        data["meetups"] = [{
            "with_member_id": m.other_id if m.member_id == member_id else m.member_id,  # type: ignore[attr-defined]
            "kind": m.kind, "at": _when(m.at)} for m in meetups]
    return data or None
