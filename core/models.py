"""The core's tables: members and their identities on each platform."""
from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Member(Model):
    """One person, across platforms. Plugins reference members by this id."""

    id = fields.IntField(primary_key=True)
    language = fields.CharField(max_length=8, null=True)
    written_language = fields.CharField(max_length=8, null=True)  # last written to the bot in (not a choice)
    timezone = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "members"


class Identity(Model):
    """One account of a member on one platform."""

    id = fields.IntField(primary_key=True)
    member: fields.ForeignKeyRelation[Member] = fields.ForeignKeyField(
        "samovar.Member", related_name="identities", on_delete=fields.CASCADE)
    platform = fields.CharField(max_length=32)
    platform_id = fields.CharField(max_length=255)
    display_name = fields.CharField(max_length=255, default="")

    class Meta:
        table = "member_identities"
        unique_together = (("platform", "platform_id"),)
