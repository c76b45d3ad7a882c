"""The one question each member may answer with a plain direct message.

Asking a new question replaces the old one; a question expires after the
reply window (commands still work afterwards).
"""
from __future__ import annotations

from datetime import datetime, timedelta

from .models import Prompt

# what a plain reply answers
LANGUAGE, TIMEZONE, REASON = "language", "timezone", "reason"
CHECKUP, MET, STAY = "checkup", "met", "stay"
WELCOME_STEPS = (LANGUAGE, TIMEZONE, REASON)


async def ask(member_id: int, kind: str, now: datetime, window: timedelta, subject_id: int | None = None) -> None:
    """Remember that the member was just asked ``kind`` (about ``subject_id``)."""
    await Prompt.update_or_create(member_id=member_id, defaults={
        "kind": kind, "subject_id": subject_id, "asked_at": now, "expires_at": now + window})


async def open_prompt(member_id: int, now: datetime) -> Prompt | None:
    """The question the member may answer now, if any."""
    prompt = await Prompt.get_or_none(member_id=member_id)
    if prompt is None:
        return None
    if prompt.expires_at <= now:
        await prompt.delete()
        return None
    return prompt


async def close(member_id: int, *kinds: str, subject_id: int | None = None) -> None:
    """Forget the member's open question (only of these kinds / about this subject, when given)."""
    query = Prompt.filter(member_id=member_id)
    if kinds:
        query = query.filter(kind__in=kinds)
    if subject_id is not None:
        query = query.filter(subject_id=subject_id)
    await query.delete()
