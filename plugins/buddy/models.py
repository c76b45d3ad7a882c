"""Tables of the buddy plugin: profiles, volunteers, newcomers, buddy pairs, coffee rounds, meetups.

Due-scans read only indexed, nullable columns that are set while something is
waiting (``Newcomer.assign_at``, ``Assignment.checkup_at``,
``CoffeeGroup.followup_at``), so a scan touches only what is due.
"""
from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

# volunteer status
ACTIVE, PAUSED, STOPPED = "active", "paused", "stopped"
# newcomer status
WELCOMING, QUEUED, MATCHED, GONE = "welcoming", "queued", "matched", "gone"
# assignment status: active, or how it ended
DECLINED, CHANGED, NEWCOMER_LEFT, BUDDY_LEFT = "declined", "changed", "newcomer_left", "buddy_left"
# meetup kinds
COFFEE, UNPLANNED = "coffee", "unplanned"


class Profile(Model):
    """What a member told about themself for matching: languages, topics, waking hours.

    Languages and topics are space-separated words; waking hours are minutes
    after local midnight (NULL: the community default). The time zone lives on
    the core's member row.
    """

    id = fields.IntField(primary_key=True)
    member: fields.OneToOneRelation = fields.OneToOneField(
        "samovar.Member", related_name="buddy_profile", on_delete=fields.CASCADE)
    languages = fields.CharField(max_length=255, default="")
    topics = fields.CharField(max_length=1000, default="")
    waking_start = fields.SmallIntField(null=True)
    waking_end = fields.SmallIntField(null=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "buddy_profiles"


class Volunteer(Model):
    """A member who offered to be a senior buddy."""

    id = fields.IntField(primary_key=True)
    member: fields.OneToOneRelation = fields.OneToOneField(
        "samovar.Member", related_name="buddy_volunteer", on_delete=fields.CASCADE)
    capacity = fields.SmallIntField()
    status = fields.CharField(max_length=8, default=ACTIVE, db_index=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "buddy_volunteers"


class Newcomer(Model):
    """A member who joined and is (or was) looking for a buddy.

    ``assign_at`` is set while the welcome questions wait for answers; ``queued_at``
    while no buddy is free. ``reason`` is what brings them here, passed on only to
    their buddy (the question says so).
    """

    id = fields.IntField(primary_key=True)
    member: fields.OneToOneRelation = fields.OneToOneField(
        "samovar.Member", related_name="buddy_newcomer", on_delete=fields.CASCADE)
    status = fields.CharField(max_length=10, default=WELCOMING, db_index=True)
    reason = fields.TextField(null=True)
    joined_at = fields.DatetimeField()
    assign_at = fields.DatetimeField(null=True, db_index=True)
    queued_at = fields.DatetimeField(null=True)

    class Meta:
        table = "buddy_newcomers"


class Assignment(Model):
    """One buddy accompanying one newcomer; ``status`` is ``active`` or how it ended.

    ``checkup_at`` is set until both have been asked whether they connected.
    """

    id = fields.IntField(primary_key=True)
    newcomer: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "samovar.Member", related_name="buddy_assignments_as_newcomer", on_delete=fields.CASCADE)
    buddy: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "samovar.Member", related_name="buddy_assignments_as_buddy", on_delete=fields.CASCADE)
    status = fields.CharField(max_length=16, default=ACTIVE, db_index=True)
    assigned_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    ended_at = fields.DatetimeField(null=True)
    checkup_at = fields.DatetimeField(null=True, db_index=True)
    newcomer_connected = fields.BooleanField(null=True)
    buddy_connected = fields.BooleanField(null=True)

    class Meta:
        table = "buddy_assignments"


class Prompt(Model):
    """The one question a member may answer with a plain direct message (not a command)."""

    id = fields.IntField(primary_key=True)
    member: fields.OneToOneRelation = fields.OneToOneField(
        "samovar.Member", related_name="buddy_prompt", on_delete=fields.CASCADE)
    kind = fields.CharField(max_length=16)
    subject_id = fields.IntField(null=True)
    asked_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()

    class Meta:
        table = "buddy_prompts"


class CoffeeMember(Model):
    """A member who opted in to random-coffee rounds (``active`` false once they opt out)."""

    id = fields.IntField(primary_key=True)
    member: fields.OneToOneRelation = fields.OneToOneField(
        "samovar.Member", related_name="buddy_coffee", on_delete=fields.CASCADE)
    active = fields.BooleanField(default=True, db_index=True)
    ignored_rounds = fields.SmallIntField(default=0)
    asked_to_stay_at = fields.DatetimeField(null=True)
    since = fields.DatetimeField()

    class Meta:
        table = "buddy_coffee_members"


class CoffeeRound(Model):
    """One round that was held."""

    id = fields.IntField(primary_key=True)
    held_at = fields.DatetimeField(db_index=True)
    groups = fields.IntField(default=0)
    unmatched = fields.IntField(default=0)

    class Meta:
        table = "buddy_coffee_rounds"


class CoffeeGroup(Model):
    """A pair (or the round's one group of three); ``followup_at`` set until "did you meet?" is asked."""

    id = fields.IntField(primary_key=True)
    round: fields.ForeignKeyRelation[CoffeeRound] = fields.ForeignKeyField(
        "samovar.CoffeeRound", related_name="coffee_groups", on_delete=fields.CASCADE)
    followup_at = fields.DatetimeField(null=True, db_index=True)
    followed_up = fields.BooleanField(default=False)

    class Meta:
        table = "buddy_coffee_groups"


class CoffeeSeat(Model):
    """One member in one coffee group, and what they said about meeting."""

    id = fields.IntField(primary_key=True)
    group: fields.ForeignKeyRelation[CoffeeGroup] = fields.ForeignKeyField(
        "samovar.CoffeeGroup", related_name="seats", on_delete=fields.CASCADE)
    member: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "samovar.Member", related_name="buddy_coffee_seats", on_delete=fields.CASCADE)
    met = fields.BooleanField(null=True)
    counted = fields.BooleanField(default=False)

    class Meta:
        table = "buddy_coffee_seats"


class Meetup(Model):
    """Two members met: after a coffee intro (``coffee_group`` set) or unplanned (``!met``)."""

    id = fields.IntField(primary_key=True)
    member: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "samovar.Member", related_name="buddy_meetups", on_delete=fields.CASCADE)
    other: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "samovar.Member", related_name="buddy_meetups_with", on_delete=fields.CASCADE)
    kind = fields.CharField(max_length=10, db_index=True)
    coffee_group = fields.IntField(null=True)
    at = fields.DatetimeField()

    class Meta:
        table = "buddy_meetups"
