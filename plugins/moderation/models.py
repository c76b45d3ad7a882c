"""Tables of the moderation plugin: every action taken (the moderators' log) and appeals."""
from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

RULE = "rule"
CARE = "care"
OPEN = "open"
UPHELD = "upheld"
OVERTURNED = "overturned"


class ModerationCase(Model):
    """One message that matched a rule (or called for care) and what the bot did about it.

    ``actions`` lists what was carried out, comma-separated (``nudge,remind``); an action
    that could not be done carries a suffix (``delete:failed``, ``nudge:undelivered``).
    A care case never stores the member's words.
    """

    id = fields.IntField(primary_key=True)
    member: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "samovar.Member", related_name="moderation_cases", on_delete=fields.CASCADE)
    kind = fields.CharField(max_length=8, default=RULE)
    rule_id = fields.CharField(max_length=64)
    count = fields.IntField(default=1)
    platform = fields.CharField(max_length=32)
    source = fields.CharField(max_length=32, default="room")
    room_id = fields.CharField(max_length=255, default="")
    room_name = fields.CharField(max_length=255, default="")
    message_id = fields.CharField(max_length=255, default="")
    lang = fields.CharField(max_length=8, default="en")
    text = fields.TextField(default="")
    excerpt = fields.CharField(max_length=500, default="")
    actions = fields.CharField(max_length=255, default="")
    overturned = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "moderation_cases"


class ModerationAppeal(Model):
    """A member said a flagged message was fine; a moderator upholds or overturns the case."""

    id = fields.IntField(primary_key=True)
    case: fields.ForeignKeyRelation[ModerationCase] = fields.ForeignKeyField(
        "samovar.ModerationCase", related_name="appeals", on_delete=fields.CASCADE)
    member: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "samovar.Member", related_name="moderation_appeals", on_delete=fields.CASCADE)
    reason = fields.TextField(default="")
    status = fields.CharField(max_length=12, default=OPEN, db_index=True)
    note = fields.TextField(default="")
    resolved_by = fields.IntField(null=True)
    created_at = fields.DatetimeField()
    resolved_at = fields.DatetimeField(null=True)

    class Meta:
        table = "moderation_appeals"
