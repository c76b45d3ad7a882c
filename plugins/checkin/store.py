"""Database work of the check-in plugin: the due-scan, dialog state, history, privacy.

Everything that must not happen twice is claimed in the database *before* the
bot speaks: a due schedule is advanced and its entry created in one
transaction, a reminder is marked sent before it is sent.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from tortoise.transactions import in_transaction

from .models import CLOSED, OPEN_STEPS, WORKED, CheckinEntry, CheckinMatch, CheckinReview, CheckinSchedule
from .schedule import Weekly

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
"""``column > EPOCH`` selects set times through the column's index, skipping NULLs (``IS NOT NULL`` may not)."""
MIN_GAP = timedelta(days=2)
"""Changing the schedule never brings a new check-in sooner than this after the last one."""


def weekly_of(schedule: CheckinSchedule) -> Weekly:
    """The schedule's weekly rule."""
    return Weekly(schedule.weekday, schedule.minute, schedule.timezone)


@dataclass(frozen=True, slots=True)
class Opened:
    """A check-in claimed by the due-scan: the entry to ask and where to reach the member."""

    entry_id: int
    member_id: int
    platform: str | None


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What one due-scan did."""

    opened: list[Opened]
    skipped: int
    """Due check-ins missed by more than the grace window (not sent, moved to the next week)."""
    full: bool
    """The batch was full: more may be due."""


async def claim_due(now: datetime, *, grace: timedelta, window: timedelta, reminder_after: timedelta,
                    limit: int) -> ScanResult:
    """Open the check-ins that are due at ``now`` (at most ``limit``), marking them sent first.

    Each due schedule moves to its next occurrence after ``now``; the newest
    occurrence missed by no more than ``grace`` gets an entry (unique per member
    and occurrence, so it is never opened twice). Older open dialogs of those
    members are closed.
    """
    async with in_transaction() as conn:
        due = await (CheckinSchedule.filter(next_due_at__lte=now).order_by("next_due_at").limit(limit)
                     .using_db(conn))
        if not due:
            return ScanResult([], 0, False)
        fresh: list[CheckinEntry] = []
        for schedule in due:
            weekly = weekly_of(schedule)
            latest = weekly.last_at_or_before(now)
            schedule.next_due_at = weekly.next_after(now)
            if now - latest > grace:
                continue
            remind_at = now + reminder_after if schedule.reminders else None
            fresh.append(CheckinEntry(member_id=schedule.member_id, due_at=latest, asked_at=now, step=WORKED,
                                      closes_at=now + window, remind_at=remind_at))
        await CheckinSchedule.bulk_update(due, fields=["next_due_at"], using_db=conn)
        members = [entry.member_id for entry in fresh]
        if fresh:
            await (CheckinEntry.filter(member_id__in=members, closes_at__not_isnull=True).using_db(conn)
                   .update(step=CLOSED, closes_at=None, remind_at=None))
            await CheckinEntry.bulk_create(fresh, ignore_conflicts=True, using_db=conn)
            rows = await (CheckinEntry.filter(member_id__in=members, asked_at=now, prompted__isnull=True,
                                              step=WORKED).using_db(conn).values_list("id", "member_id"))
        else:
            rows = []
    platforms = {s.member_id: s.platform for s in due}
    opened = [Opened(entry_id, member_id, platforms.get(member_id)) for entry_id, member_id in rows]
    return ScanResult(opened, len(due) - len(fresh), len(due) >= limit)


async def claim_reminders(now: datetime, limit: int) -> list[CheckinEntry]:
    """Open dialogs whose one reminder is due, marked as reminded before anything is sent."""
    async with in_transaction() as conn:
        rows = await CheckinEntry.filter(remind_at__lte=now).limit(limit).using_db(conn)
        if rows:
            await (CheckinEntry.filter(id__in=[r.id for r in rows]).using_db(conn)
                   .update(remind_at=None, reminded_at=now))
    return rows


async def close_expired(now: datetime) -> int:
    """Quietly close dialogs whose answer window has passed (answers so far stay)."""
    return await CheckinEntry.filter(closes_at__lte=now).update(step=CLOSED, closes_at=None, remind_at=None)


async def next_wake(*extra: datetime | None) -> datetime | None:
    """The earliest moment the due-scan has anything to do (or one of ``extra``)."""
    moments = [m for m in extra if m is not None]
    for model, column in ((CheckinSchedule, "next_due_at"), (CheckinEntry, "remind_at"),
                          (CheckinEntry, "closes_at")):
        found: Any = await (model.filter(**{f"{column}__gt": EPOCH}).order_by(column)
                            .first().values_list(column, flat=True))
        if found is not None:
            moments.append(found)
    return min(moments, default=None)


# ----- schedules ----------------------------------------------------------------------------

async def schedule_of(member_id: int) -> CheckinSchedule | None:
    """The member's schedule, if they ever opted in."""
    return await CheckinSchedule.get_or_none(member_id=member_id)


async def last_asked(member_id: int) -> datetime | None:
    """When the member's newest check-in was opened."""
    found: Any = await (CheckinEntry.filter(member_id=member_id).order_by("-asked_at")
                        .first().values_list("asked_at", flat=True))
    return found


async def next_due(schedule: CheckinSchedule, now: datetime, not_before: datetime | None = None) -> datetime:
    """The schedule's next occurrence from ``now`` (and ``not_before``), keeping a gap after the last one."""
    start = max(now, not_before or now)
    previous = await last_asked(schedule.member_id)
    if previous is not None:
        start = max(start, previous + MIN_GAP)
    return weekly_of(schedule).next_after(start)


async def close_open(member_id: int) -> None:
    """Close the member's open dialog, if any (answers so far stay)."""
    await (CheckinEntry.filter(member_id=member_id, closes_at__not_isnull=True)
           .update(step=CLOSED, closes_at=None, remind_at=None))


# ----- dialog -------------------------------------------------------------------------------

async def open_entry(member_id: int) -> CheckinEntry | None:
    """The member's check-in dialog that is waiting for an answer."""
    return await (CheckinEntry.filter(member_id=member_id, closes_at__not_isnull=True)
                  .order_by("-due_at").first())


async def store_answer(entry: CheckinEntry, expected_step: str, values: dict[str, Any]) -> bool:
    """Write an answer if the dialog is still at ``expected_step`` (False if something else moved it)."""
    changed = await CheckinEntry.filter(id=entry.id, step=expected_step).update(**values)
    if changed:
        for key, value in values.items():
            setattr(entry, key, value)
    return bool(changed)


async def mark_prompted(entry_id: int, step: str) -> None:
    """The question of ``step`` reached the member."""
    await CheckinEntry.filter(id=entry_id).update(prompted=step)


async def mark_cared(entry_id: int) -> None:
    """Remember that a care plugin responded to this check-in: it stays private."""
    await CheckinEntry.filter(id=entry_id).update(cared=True)


async def set_sharing(entry_id: int, sharing: str) -> None:
    """Record how the check-in ended up shared (e.g. private when sharing failed)."""
    await CheckinEntry.filter(id=entry_id).update(sharing=sharing)


async def unprompted_open() -> list[CheckinEntry]:
    """Open dialogs whose current question was stored but never confirmed delivered."""
    rows = await CheckinEntry.filter(closes_at__gt=EPOCH, step__in=[s for s in OPEN_STEPS if s != WORKED])
    return [row for row in rows if row.prompted != row.step]


async def history(member_id: int, limit: int) -> list[CheckinEntry]:
    """The member's newest check-ins first."""
    return await CheckinEntry.filter(member_id=member_id).order_by("-due_at").limit(limit)


# ----- weekly review --------------------------------------------------------------------------

async def claim_review(week_end: datetime, now: datetime) -> bool:
    """Mark the weekly review ending ``week_end`` as run; False when it already ran."""
    _, created = await CheckinReview.get_or_create(week_end=week_end, defaults={"ran_at": now})
    return created


async def answered_between(start: datetime, end: datetime) -> list[CheckinEntry]:
    """Check-ins of occurrences in ``(start, end]`` that have at least one answer."""
    rows = await CheckinEntry.filter(due_at__gt=start, due_at__lte=end)
    return [row for row in rows if row.has_answers]


# ----- privacy --------------------------------------------------------------------------------

async def export(member_id: int) -> dict[str, Any] | None:
    """Everything stored about the member, JSON-ready."""
    schedule = await schedule_of(member_id)
    entries = await CheckinEntry.filter(member_id=member_id).order_by("due_at")
    first = await CheckinMatch.filter(member_a_id=member_id)
    second = await CheckinMatch.filter(member_b_id=member_id)
    if schedule is None and not entries and not first and not second:
        return None
    data: dict[str, Any] = {"schedule": None, "checkins": [], "similar_week_offers": []}
    if schedule is not None:
        data["schedule"] = {
            "enabled": schedule.enabled, "weekday": schedule.weekday, "minute": schedule.minute,
            "timezone": schedule.timezone, "next_due_at": _iso(schedule.next_due_at),
            "paused_until": _iso(schedule.paused_until), "reminders": schedule.reminders,
            "sharing": schedule.sharing, "similar_offers": schedule.similar_offers,
        }
    for entry in entries:
        data["checkins"].append({
            "due_at": _iso(entry.due_at), "asked_at": _iso(entry.asked_at), "step": entry.step,
            "worked": entry.worked, "didnt": entry.didnt, "mood": entry.mood, "themes": entry.themes,
            "sharing": entry.sharing, "shared_at": _iso(entry.shared_at),
        })
    for match, reply in [*((m, m.reply_a) for m in first), *((m, m.reply_b) for m in second)]:
        data["similar_week_offers"].append({"week_end": _iso(match.week_end), "theme": match.theme,
                                            "reply": reply, "introduced_at": _iso(match.introduced_at)})
    return data


async def forget(member_id: int) -> None:
    """Delete every row naming the member."""
    async with in_transaction():
        await CheckinMatch.filter(member_a_id=member_id).delete()
        await CheckinMatch.filter(member_b_id=member_id).delete()
        await CheckinEntry.filter(member_id=member_id).delete()
        await CheckinSchedule.filter(member_id=member_id).delete()


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None

