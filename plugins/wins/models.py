"""Tables of the wins plugin: wins, the people who witnessed them, each member's choices."""
from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Win(Model):
    """One small win, kept whole, tied to the message it was written in."""

    id = fields.IntField(primary_key=True)
    member: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "samovar.Member", related_name="wins", on_delete=fields.CASCADE)
    text = fields.TextField()
    platform = fields.CharField(max_length=32)
    room_id = fields.CharField(max_length=255)
    room_name = fields.CharField(max_length=255, default="")
    private = fields.BooleanField(default=False)
    message_id = fields.CharField(max_length=255, db_index=True)
    celebration_id = fields.CharField(max_length=255, null=True, db_index=True)
    created_at = fields.DatetimeField()
    edited_at = fields.DatetimeField(null=True)

    class Meta:
        table = "wins_wins"
        unique_together = (("platform", "message_id"),)


class WinCheer(Model):
    """Someone other than the author cheered a win (shown to the author as "witnessed by N")."""

    id = fields.IntField(primary_key=True)
    win: fields.ForeignKeyRelation[Win] = fields.ForeignKeyField(
        "samovar.Win", related_name="cheers", on_delete=fields.CASCADE)
    member: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "samovar.Member", related_name="win_cheers", on_delete=fields.CASCADE)
    created_at = fields.DatetimeField()

    class Meta:
        table = "wins_cheers"
        unique_together = (("win", "member"),)


class WinsPreference(Model):
    """A member's choices about their wins, and what was already told to them or their buddy."""

    id = fields.IntField(primary_key=True)
    member: fields.OneToOneRelation = fields.OneToOneField(
        "samovar.Member", related_name="wins_preference", on_delete=fields.CASCADE)
    in_digest = fields.BooleanField(default=True)
    tell_buddy = fields.BooleanField(default=False)
    buddy_told = fields.BooleanField(default=False)
    milestone_reached = fields.IntField(default=0)

    class Meta:
        table = "wins_preferences"
