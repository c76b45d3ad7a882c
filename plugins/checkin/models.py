"""Tables of the check-in plugin: schedules, check-in entries, "similar week" offers, weekly reviews."""
from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

# dialog steps: the question the member is being asked, or how the check-in ended
WORKED, DIDNT, MOOD, SHARE = "worked", "didnt", "mood", "share"
DONE, CLOSED = "done", "closed"
OPEN_STEPS = (WORKED, DIDNT, MOOD, SHARE)


class CheckinSchedule(Model):
    """One member's weekly check-in: when (their local day/time/zone) and their choices.

    ``next_due_at`` (UTC, indexed) is the only thing the due-scan reads; it is NULL
    while check-ins are off.
    """

    id = fields.IntField(primary_key=True)
    member: fields.OneToOneRelation = fields.OneToOneField(
        "samovar.Member", related_name="checkin_schedule", on_delete=fields.CASCADE)
    member_id: int
    enabled = fields.BooleanField(default=True)
    weekday = fields.SmallIntField()
    minute = fields.SmallIntField()
    timezone = fields.CharField(max_length=64)
    next_due_at = fields.DatetimeField(null=True, db_index=True)
    paused_until = fields.DatetimeField(null=True)
    reminders = fields.BooleanField(default=True)
    sharing = fields.CharField(max_length=16, default="ask")
    similar_offers = fields.BooleanField(default=True)
    platform = fields.CharField(max_length=32, null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "checkin_schedules"


class CheckinEntry(Model):
    """One week's check-in of one member: the dialog's state and the answers so far.

    ``remind_at`` and ``closes_at`` are set only while the dialog is open, so the
    scans over them touch open dialogs only.
    """

    id = fields.IntField(primary_key=True)
    member: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "samovar.Member", related_name="checkin_entries", on_delete=fields.CASCADE)
    member_id: int
    due_at = fields.DatetimeField()
    asked_at = fields.DatetimeField()
    step = fields.CharField(max_length=8)
    prompted = fields.CharField(max_length=8, null=True)
    worked = fields.TextField(null=True)
    didnt = fields.TextField(null=True)
    mood = fields.SmallIntField(null=True)
    themes = fields.CharField(max_length=255, default="")
    sharing = fields.CharField(max_length=16, null=True)
    shared_at = fields.DatetimeField(null=True)
    answered_at = fields.DatetimeField(null=True)
    remind_at = fields.DatetimeField(null=True, db_index=True)
    reminded_at = fields.DatetimeField(null=True)
    closes_at = fields.DatetimeField(null=True, db_index=True)
    cared = fields.BooleanField(default=False)
    """A care plugin responded to an answer: the check-in stays private whatever was chosen."""

    class Meta:
        table = "checkin_entries"
        unique_together = (("member", "due_at"),)

    @property
    def has_answers(self) -> bool:
        """True when the member answered at least one question."""
        return bool(self.worked or self.didnt or self.mood)


class CheckinMatch(Model):
    """A private "someone had a similar week" offer to two members; introduced only if both say yes."""

    id = fields.IntField(primary_key=True)
    week_end = fields.DatetimeField()
    theme = fields.CharField(max_length=32)
    member_a: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "samovar.Member", related_name="checkin_matches_a", on_delete=fields.CASCADE)
    member_b: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "samovar.Member", related_name="checkin_matches_b", on_delete=fields.CASCADE)
    member_a_id: int
    member_b_id: int
    reply_a = fields.CharField(max_length=8, null=True)
    reply_b = fields.CharField(max_length=8, null=True)
    expires_at = fields.DatetimeField()
    introduced_at = fields.DatetimeField(null=True)

    class Meta:
        table = "checkin_matches"


class CheckinReview(Model):
    """A weekly review (digest and offers) that was run; the unique week end makes it run once."""

    id = fields.IntField(primary_key=True)
    week_end = fields.DatetimeField(unique=True)
    ran_at = fields.DatetimeField()

    class Meta:
        table = "checkin_reviews"
